"""The journal under stress, on SQLite and PostgreSQL: a writer killed with SIGKILL loses no
entry it reported as saved and leaves a sound database; two processes logging at once both
finish with every entry stored; a write that fails part-way leaves nothing behind.

The writers are real child processes (tests/journal/writer_process.py) that open the database
the way the CLI does, through MGCOACH_DATA_DIR / MGCOACH_DATABASE_URL.
"""

from __future__ import annotations

import copy
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

import pytest
from sqlalchemy import func, select, text

from mgcoach.errors import InputError, PortionError
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_export import export_document
from mgcoach.services.journal_log import When, log_food, log_supplement, log_symptom
from mgcoach.services.journal_transfer import ImportFileError, import_document
from mgcoach.settings import Settings
from mgcoach.storage.database import Database, open_database
from mgcoach.storage.foods import record_use
from mgcoach.storage.journal_tables import DETAIL_TABLES, entry, food_item, profile
from mgcoach.storage.tables import food, food_usage
from tests.databases import BACKENDS, Templates

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2024, 3, 1)
ALMONDS = "usda:12061"  # what the writers' "almonds" resolves to
KILL_AFTER = 40  # entries the parent sees committed before it kills the writer
EACH = 50  # entries per writer when two write at once
LINE_TIMEOUT_S = 60.0  # a writer silent this long is stuck: fail rather than hang
GONE_TIMEOUT_S = 10.0


class Writer:
    """A running tests/journal/writer_process.py logging for profile "default"; its stdout
    lines arrive in a queue (None at end of output), so the parent never blocks on a stuck
    child for longer than a timeout."""

    def __init__(self, settings: Settings, stderr_path: Path, count: int, first: int) -> None:
        env = {
            **os.environ,
            "MGCOACH_DATA_DIR": str(settings.data_dir),
            "MGCOACH_DATABASE_URL": settings.database_url,
        }
        self.stderr_path = stderr_path
        args = [sys.executable, "-m", "tests.journal.writer_process"]
        args += ["default", str(count), str(first), "--wait"]
        with self.stderr_path.open("w") as stderr:
            self.process = subprocess.Popen(
                args,
                cwd=ROOT,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        self.lines: queue.Queue[str | None] = queue.Queue()
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put(line.strip())
        self.lines.put(None)

    def line(self) -> str:
        try:
            found = self.lines.get(timeout=LINE_TIMEOUT_S)
        except queue.Empty:
            pytest.fail(f"writer silent for {LINE_TIMEOUT_S} s; stderr:\n{self.stderr()}")
        if found is None:
            pytest.fail(f"writer ended early ({self.process.wait()}); stderr:\n{self.stderr()}")
        return found

    def ready(self) -> None:
        assert self.line() == "ready"

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def entries(self, count: int) -> list[tuple[int, str]]:
        return [_id_uid(self.line()) for _ in range(count)]

    def rest(self) -> list[tuple[int, str]]:
        """Every line still to come, up to the end of output (after the process ended)."""
        found = []
        while (line := self.lines.get(timeout=LINE_TIMEOUT_S)) is not None:
            found.append(_id_uid(line))
        return found

    def stderr(self) -> str:
        return self.stderr_path.read_text()


def _id_uid(line: str) -> tuple[int, str]:
    entry_id, uid = line.split()
    return int(entry_id), uid


@pytest.fixture(params=BACKENDS)
def fresh(
    request: pytest.FixtureRequest, db_templates: Templates, kb: KnowledgeBase, tmp_path: Path
) -> Settings:
    """Settings of a fresh seeded database holding the profile "default" and nothing else
    open on it (the parent's engine is disposed before any writer starts)."""
    settings = db_templates.fresh(request.param, tmp_path / "data")
    db = open_database(settings)
    set_profile(db, kb, "default", ProfileChanges(age=45, sex="male"), DAY)
    db.dispose()
    return settings


@pytest.fixture
def start_writer(tmp_path: Path) -> Iterator[Callable[[Settings, int], Writer]]:
    """Start writers (each logging at its own times); any still running at the end is killed."""
    started: list[Writer] = []

    def start(settings: Settings, count: int) -> Writer:
        number = len(started)
        writer = Writer(settings, tmp_path / f"writer-{number}.err", count, number * 10_000)
        started.append(writer)
        return writer

    yield start
    for writer in started:
        if writer.process.poll() is None:
            writer.process.kill()
            writer.process.wait()


def _stored(db: Database) -> dict[str, int]:
    """uid -> id of every entry in the database."""
    with db.connect() as connection:
        return {row.uid: row.id for row in connection.execute(select(entry.c.uid, entry.c.id))}


def _count(db: Database, table: Any) -> int:
    with db.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def _almond_uses(db: Database) -> int:
    with db.connect() as connection:
        uses = connection.execute(
            select(food_usage.c.uses).where(food_usage.c.food_id == ALMONDS)
        ).scalar()
    return int(uses or 0)


def _other_sessions(db: Database) -> int:
    """PostgreSQL: connections to this database other than the asking one."""
    with db.connect() as connection:
        return int(
            connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
        )


def _wait_alone(db: Database) -> int:
    deadline = time.monotonic() + GONE_TIMEOUT_S
    while (others := _other_sessions(db)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return others


# -- SIGKILL ---------------------------------------------------------------------------------


def test_sigkill_loses_no_reported_entry(
    fresh: Settings, start_writer: Callable[[Settings, int], Writer]
) -> None:
    writer = start_writer(fresh, 0)  # writes until killed
    writer.ready()
    writer.go()
    reported = writer.entries(KILL_AFTER)
    writer.process.send_signal(signal.SIGKILL)
    assert writer.process.wait(timeout=LINE_TIMEOUT_S) == -signal.SIGKILL
    reported += writer.rest()  # lines it flushed between our read and the kill

    if fresh.is_sqlite:
        # The writer died holding the database open: SQLite removes the WAL on a clean close.
        assert (fresh.data_dir / "mgcoach.sqlite3-wal").exists()
    db = open_database(fresh)
    try:
        if db.dialect == "postgresql":
            assert _wait_alone(db) == 0, "the killed writer's session is still open"
        stored = _stored(db)
        assert {uid: entry_id for entry_id, uid in reported}.items() <= stored.items()
        # The kill may fall between a commit and its line: at most one entry more than reported.
        assert len(stored) - len(reported) in (0, 1)
        # Every entry came with its food row and its use count, or not at all.
        assert _count(db, food_item) == len(stored)
        assert _almond_uses(db) == len(stored)
        if db.dialect == "sqlite":
            with db.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA integrity_check").all() == [("ok",)]
                assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        after = log_food(db, When("default", DAY, 23 * 60), "almonds", "30 g")
        assert after.fields()["food_id"] == ALMONDS
        assert _count(db, entry) == len(stored) + 1
        assert _almond_uses(db) == len(stored) + 1
    finally:
        db.dispose()


# -- two writers at once ---------------------------------------------------------------------


def test_two_processes_writing_at_once(
    fresh: Settings, start_writer: Callable[[Settings, int], Writer]
) -> None:
    writers = [start_writer(fresh, EACH) for _ in range(2)]
    for writer in writers:
        writer.ready()  # both have the database open before either writes
    for writer in writers:
        writer.go()
    reported = [writer.entries(EACH) for writer in writers]
    for writer in writers:
        code = writer.process.wait(timeout=LINE_TIMEOUT_S)
        assert code == 0, writer.stderr()
        assert writer.rest() == []

    db = open_database(fresh)
    try:
        stored = _stored(db)
        every = [pair for lines in reported for pair in lines]
        assert {uid: entry_id for entry_id, uid in every} == stored
        assert len(stored) == 2 * EACH
        assert _count(db, food_item) == 2 * EACH
        assert _almond_uses(db) == 2 * EACH
        # They really wrote at the same time: each wrote an entry between two of the other's.
        first, second = ([entry_id for entry_id, _uid in lines] for lines in reported)
        assert min(first) < max(second) and min(second) < max(first)
    finally:
        db.dispose()


def test_first_use_of_a_food_by_two_writers_at_once(db: Database) -> None:
    """Two transactions counting the first use of the same food: the one that waits for the
    other must count on top of it, not fail (the usage row is the only row two food entries
    of different profiles share)."""
    errors: list[Exception] = []

    def second() -> None:
        try:
            with db.begin() as connection:
                record_use(connection, ALMONDS)
        except Exception as error:  # handed to the test thread below
            errors.append(error)

    with db.connect() as connection:
        transaction = connection.begin()
        record_use(connection, ALMONDS)  # inserts the row, not yet committed
        waiting = threading.Thread(target=second)
        waiting.start()
        time.sleep(0.5)  # the second writer is now blocked on the first one's row or lock
        transaction.commit()
    waiting.join(timeout=LINE_TIMEOUT_S)
    assert not waiting.is_alive()
    assert errors == []
    assert _almond_uses(db) == 2


# -- a failed write leaves nothing -----------------------------------------------------------


def _rows(db: Database) -> dict[str, int]:
    tables = [profile, entry, *DETAIL_TABLES.values(), food_usage]
    counts = {table.name: _count(db, table) for table in tables}
    with db.connect() as connection:
        counts["own foods"] = int(
            connection.execute(
                select(func.count()).select_from(food).where(food.c.source != "curated")
            ).scalar_one()
        )
        counts["almond uses"] = _almond_uses(db)
    return counts


@pytest.fixture
def person(db: Database, kb: KnowledgeBase) -> Database:
    """A database with the profile "default" and two entries (one food)."""
    set_profile(db, kb, "default", ProfileChanges(age=45, sex="male"), DAY)
    at = When("default", DAY, 8 * 60)
    log_food(db, at, ALMONDS, "30 g")
    log_supplement(db, kb, at, "citrate", 500.0, None, basis="compound")
    return db


def test_unknown_amount_unit_writes_nothing(person: Database) -> None:
    before = _rows(person)
    with pytest.raises(PortionError, match=r"Almonds has no parsec\. Use grams"):
        log_food(person, When("default", DAY, 9 * 60), ALMONDS, "30 parsecs")
    assert _rows(person) == before


def test_error_after_a_write_rolls_it_back(person: Database) -> None:
    """The food's use count is written before the note is checked; the too-long note must
    take that write back with it."""
    before = _rows(person)
    with pytest.raises(InputError, match="at most 2000"):
        log_food(person, When("default", DAY, 9 * 60, note="x" * 2001), ALMONDS, "30 g")
    assert _rows(person) == before
    assert before["almond uses"] == 1


def _damaged(document: dict[str, Any], damage: str) -> dict[str, Any]:
    """The document with one bad entry appended at the end of its last profile."""
    broken = copy.deepcopy(document)
    last = copy.deepcopy(broken["profiles"][-1]["entries"][0])
    last["uid"] = "f" * 32
    if damage == "bad-date":
        last["date"] = "2024-02-30"
    elif damage == "unknown-kind":
        last["kind"] = "dream"
    elif damage == "unknown-field":
        last["detail"]["colour"] = "brown"
    elif damage == "missing-field":
        del last["created_at"]
    broken["profiles"][-1]["entries"].append(last)
    return broken


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        pytest.param("bad-date", "damaged .*day is out of range", id="bad-date"),
        pytest.param("unknown-kind", "Unknown entry kind dream", id="unknown-kind"),
        pytest.param("unknown-field", "Unknown fields in a food entry: colour", id="unknown-field"),
        pytest.param("missing-field", "damaged .*created_at", id="missing-field"),
    ],
)
def test_damaged_import_imports_nothing(
    person: Database,
    kb: KnowledgeBase,
    db_templates: Templates,
    tmp_path: Path,
    damage: str,
    message: str,
) -> None:
    document = export_document(person)
    assert [len(p["entries"]) for p in document["profiles"]] == [2]
    backend = person.dialect
    target = open_database(db_templates.fresh(backend, tmp_path / "target"))
    try:
        set_profile(target, kb, "other", ProfileChanges(age=30, sex="female"), DAY)
        log_symptom(
            target,
            kb,
            When("other", DAY, 7 * 60),
            "cramp",
            count=2,
            severity=None,
            location=None,
            night=True,
        )
        before = _rows(target)
        with pytest.raises(ImportFileError, match=message):
            import_document(target, _damaged(document, damage))
        assert _rows(target) == before
        # The same file without the bad entry goes in whole.
        assert import_document(target, document) == {"profiles": 1, "entries": 2, "foods": 0}
        after = _rows(target)
        assert (after["profile"], after["entry"]) == (before["profile"] + 1, before["entry"] + 2)
    finally:
        target.dispose()
