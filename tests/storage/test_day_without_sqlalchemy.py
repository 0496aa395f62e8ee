"""A day of an up-to-date SQLite database is read on the sqlite3 driver (issue 19): ``mgcoach
day`` imports neither SQLAlchemy nor Alembic and answers what it answers on SQLAlchemy's
connection. The journal's reads are one set of plain SQL statements (storage.journal_reads,
journal_weights, generation_read) that both kinds of connection run, on SQLite and PostgreSQL;
their rows become the records SQLAlchemy's column types make."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select
from sqlalchemy.dialects import sqlite

from mgcoach.journal.model import Entry
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import (
    When,
    log_food,
    log_lab,
    log_medication,
    log_note,
    log_sleep,
    log_supplement,
    log_symptom,
    log_training,
    log_weight,
)
from mgcoach.settings import DATABASE_FILE, Settings
from mgcoach.storage import generation_read, journal_reads
from mgcoach.storage.database import Database, open_database
from mgcoach.storage.journal_tables import DETAIL_TABLES, entry, profile
from mgcoach.storage.journal_weights import latest_weight, weights_between
from mgcoach.storage.plain_sql import as_bool, as_date, as_datetime
from tests.support.fresh_cli import SQL, run_fresh

DAY = date(2024, 3, 1)


def _cli(args: list[str], data: Path, cache: Path, engine: bool = False) -> tuple[str, list[str]]:
    """The output of the command run in a fresh process, and the SQL modules it imported;
    ``engine``: the same file named by a URL with an option, which only SQLAlchemy reads
    (storage.database: ``_sqlite_file``), so the engine's connections read the day."""
    url = f"sqlite:///{data / DATABASE_FILE}?timeout=30" if engine else None
    run = run_fresh(args, data=data, cache=cache, database_url=url)
    return run.stdout, run.loaded(SQL)


def _when(
    hhmm: str | None, name: str = "default", day: date = DAY, note: str | None = None
) -> When:
    time = None if hhmm is None else int(hhmm[:2]) * 60 + int(hhmm[3:])
    return When(profile=name, day=day, time=time, note=note)


def _log_day(db: Database, kb: KnowledgeBase) -> None:
    """A realistic day: foods, a supplement, a medicine with its times (in the profile and
    taken), a symptom, sleep, training, lab values, a weight and a note, with entries on other
    days and another profile's entries on the same day, which the day must not show."""
    meds = ["levothyroxine@07:00"]
    given = ProfileChanges(age=45, sex="female", weight_kg=68, meds=meds, reasons=["cramps"])
    set_profile(db, kb, "default", given, DAY - timedelta(days=40))
    set_profile(db, kb, "other", ProfileChanges(age=70, sex="male", egfr=40), DAY)
    log_food(db, _when("08:00"), "oats", "60 g", "breakfast")
    log_food(db, _when("08:00"), "almonds", "30 g")
    log_food(db, _when(None), "spinach", "100 g")
    log_supplement(db, kb, _when("07:30"), "citrate", 500.0, None, basis="compound")
    log_supplement(db, kb, _when("21:00"), "glycinate", 200.0, None, elemental=True)
    log_medication(db, kb, _when("07:00"), "levothyroxine")
    log_symptom(db, kb, _when("03:00"), "cramp", count=2, severity=6, location="calf", night=True)
    log_sleep(db, _when(None), 7.5, 6)
    log_training(db, _when("18:00"), "running", 45, 7)
    log_lab(db, kb, _when("09:00", day=DAY - timedelta(days=3)), 0.62, "mmol/L")
    log_lab(db, kb, _when("10:00"), 0.78, "mmol/L")
    log_weight(db, _when("07:00", day=DAY - timedelta(days=2)), 66.5)
    log_weight(db, _when(None, day=DAY + timedelta(days=1)), 70.0)
    log_note(db, _when("12:00", note="Tired after lunch"))
    log_food(db, _when("12:00", day=DAY - timedelta(days=1)), "black beans", "150 g")
    log_food(db, _when("08:00", "other"), "dark chocolate", "200 g")
    log_supplement(db, kb, _when("08:00", "other"), "oxide", 800.0, None, elemental=True)
    log_lab(db, kb, _when("11:00", "other"), 1.4, "mmol/L")
    log_weight(db, _when("07:00", "other"), 90.0)


@pytest.fixture
def logged(data_dir: Path, kb: KnowledgeBase) -> Path:
    db = open_database(Settings(data_dir, f"sqlite:///{data_dir / DATABASE_FILE}"))
    try:
        _log_day(db, kb)
    finally:
        db.dispose()
    return data_dir


@pytest.mark.parametrize("args", [["--json"], []], ids=["json", "table"])
def test_the_day_is_read_without_sqlalchemy(logged: Path, tmp_path: Path, args: list[str]) -> None:
    command = ["day", DAY.isoformat(), *args]
    bare, sql = _cli(command, logged, tmp_path / "cache")
    assert sql == []
    through, sql = _cli(command, logged, tmp_path / "cache", engine=True)
    assert "sqlalchemy.engine" in sql  # the engine's connection read it
    assert bare == through
    if args:
        found = json.loads(bare)
        assert found["entries"] == 11 and found["interactions"]
        assert found["magnesium"]["supplement_mg"] > 200 and found["risk"]["serum"] is not None


# -- the reads, on both kinds of connection and both databases -------------------------------


def _typed_entries(connection: Connection, profile_id: int) -> list[Entry]:
    """The profile's entries as SQLAlchemy's column types read them: its result processors."""
    joined: Any = entry
    columns: list[Any] = [*entry.c]
    for kind, table in DETAIL_TABLES.items():
        joined = joined.outerjoin(table, table.c.entry_id == entry.c.id)
        columns += [c.label(f"{kind}__{c.name}") for c in table.c if c.name != "entry_id"]
    rows = connection.execute(
        select(*columns).select_from(joined).where(entry.c.profile_id == profile_id)
    )
    found = [journal_reads.entry_of(dict(row._mapping)) for row in rows]
    return sorted(found, key=lambda e: (e.day, e.time is None, e.time or 0, e.id))


def _reads(connection: Any, owner: int, pid: int) -> dict[str, Any]:
    week = (DAY - timedelta(days=7), DAY + timedelta(days=7))
    return {
        "user": journal_reads.find_user_id(connection),
        "profile id": journal_reads.find_profile_id(connection, "local", "default"),
        "profile": journal_reads.find_profile(connection, owner, "default"),
        "profiles": journal_reads.profiles(connection, owner),
        "day": journal_reads.entries(connection, pid, DAY, DAY),
        "all": journal_reads.entries(connection, pid),
        "some": journal_reads.entries(connection, pid, kinds=["lab", "note"], ids=list(range(9))),
        "none": journal_reads.entries(connection, pid, ids=[]),
        "lab": journal_reads.latest_lab(connection, pid, DAY),
        "earlier lab": journal_reads.latest_lab(connection, pid, DAY - timedelta(days=1)),
        "weight": latest_weight(connection, pid, DAY),
        "weights": weights_between(connection, pid, *week),
        "generations": generation_read.read(connection, generation_read.journal_scopes(pid)),
    }


def test_both_connections_read_what_sqlalchemys_types_read(db: Database, kb: KnowledgeBase) -> None:
    _log_day(db, kb)
    with db.connect() as connection:
        owner = journal_reads.find_user_id(connection)
        assert owner is not None
        pid = journal_reads.find_profile_id(connection, "local", "default")
        assert pid is not None
        through = _reads(connection, owner, pid)
        typed = _typed_entries(connection, pid)
        row = connection.execute(select(profile).where(profile.c.id == pid)).one()
        meds = journal_reads.medicines(connection, [pid])[pid]
        typed_profile = journal_reads.profile_of(dict(row._mapping), meds)
    assert through["all"] == typed and through["profile"] == typed_profile
    assert [e.kind for e in through["day"]].count("food") == 3 and len(through["day"]) == 11
    assert through["lab"].value == 0.78 and through["earlier lab"].value == 0.62
    assert through["weight"] == 66.5 and len(through["weights"]) == 2
    assert through["none"] == [] and through["generations"] > (0, 0)
    assert through["profile"].medicines[0].times == (420,)
    if db.sqlite_path is not None:
        with db.sqlite() as raw:
            assert _reads(raw, owner, pid) == through


def test_the_columns_are_the_tables() -> None:
    """journal_reads names the columns of storage.journal_tables, and converts each column
    SQLAlchemy's SQLite types convert."""
    assert tuple(c.name for c in entry.c) == journal_reads.ENTRY_COLUMNS
    for kind, table in DETAIL_TABLES.items():
        names = tuple(c.name for c in table.c if c.name != "entry_id")
        assert journal_reads.DETAIL_COLUMNS[kind] == (table.name, names)
    assert set(journal_reads.PROFILE_COLUMNS) <= {c.name for c in profile.c}
    dialect = sqlite.dialect()

    def converted(table: Any) -> set[str]:
        return {
            c.name for c in table.c if c.type.dialect_impl(dialect).result_processor(dialect, None)
        }

    assert converted(entry) == {"day", "created_at", "updated_at"}
    details = set().union(*(converted(table) for table in DETAIL_TABLES.values()))
    assert details == journal_reads.BOOLEAN_DETAILS
    times = {"age_on", "created_at", "updated_at"}
    assert converted(profile) == {*journal_reads.PROFILE_BOOLEANS, *times}


@pytest.mark.parametrize(
    ("column", "ours", "stored"),
    [
        pytest.param(entry.c.day, as_date, "2024-03-01", id="date"),
        pytest.param(entry.c.created_at, as_datetime, "2024-03-01 07:30:00.123456", id="time"),
        pytest.param(entry.c.created_at, as_datetime, "2024-03-01 07:30:00", id="whole-second"),
        pytest.param(DETAIL_TABLES["food"].c.counted, as_bool, 1, id="true"),
        pytest.param(DETAIL_TABLES["food"].c.counted, as_bool, 0, id="false"),
        pytest.param(DETAIL_TABLES["symptom"].c.night, as_bool, None, id="null"),
    ],
)
def test_the_conversions_are_sqlalchemys(column: Any, ours: Any, stored: Any) -> None:
    dialect = sqlite.dialect()
    processor = column.type.dialect_impl(dialect).result_processor(dialect, None)
    theirs = processor(stored)
    assert ours(stored) == theirs and type(ours(stored)) is type(theirs)
    assert ours(theirs) == theirs  # a value SQLAlchemy converted already is kept
