"""Database.reader on a SQLite file: each thread keeps one sqlite3 connection for its reads (a
server's request pays a statement, not a connection), and every read still sees what was
committed before it, by this process's engine or by any other."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import When, log_food
from mgcoach.services.stamps import journal_stamp
from mgcoach.settings import Settings
from mgcoach.storage.database import LOCAL_USER, Database, open_database
from tests.databases import Templates, open_fresh

DAY = date(2026, 3, 2)


@pytest.fixture
def sqlite_db(db_templates: Templates, tmp_path: Path) -> Iterator[Database]:
    db = open_fresh(db_templates, "sqlite", tmp_path / "data")
    yield db
    db.dispose()


def _reader(db: Database) -> sqlite3.Connection:
    with db.reader() as connection:
        assert isinstance(connection, sqlite3.Connection)
        return connection


def _in_thread(db: Database) -> sqlite3.Connection:
    found: list[sqlite3.Connection] = []
    thread = threading.Thread(target=lambda: found.append(_reader(db)))
    thread.start()
    thread.join()
    return found[0]


def test_a_thread_keeps_its_connection_and_another_thread_has_its_own(sqlite_db: Database) -> None:
    first = _reader(sqlite_db)
    assert _reader(sqlite_db) is first
    assert _in_thread(sqlite_db) is not first
    assert first.execute("PRAGMA foreign_keys").fetchone() == (1,)  # the engine's settings
    assert first.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_kept_connection_reads_each_new_write(sqlite_db: Database, kb: KnowledgeBase) -> None:
    assert journal_stamp(sqlite_db, LOCAL_USER, "default") is None
    set_profile(sqlite_db, kb, "default", ProfileChanges(age=45, sex="female"), DAY)
    made = journal_stamp(sqlite_db, LOCAL_USER, "default")
    assert made is not None
    stamps = [made]
    for minute in (480, 540):
        log_food(sqlite_db, When("default", DAY, minute), "almonds", "30 g")
        stamps.append(journal_stamp(sqlite_db, LOCAL_USER, "default"))
    assert len(set(stamps)) == 3  # each write moved the journal's generation on


def test_a_write_by_another_process_is_read(
    sqlite_db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    set_profile(sqlite_db, kb, "default", ProfileChanges(age=45, sex="female"), DAY)
    before = journal_stamp(sqlite_db, LOCAL_USER, "default")
    assert sqlite_db.sqlite_path is not None
    other = open_database(Settings(tmp_path / "data", f"sqlite:///{sqlite_db.sqlite_path}"))
    try:  # another Database: its own engine and connections, as another worker has
        log_food(other, When("default", DAY, 480), "almonds", "30 g")
    finally:
        other.dispose()
    assert journal_stamp(sqlite_db, LOCAL_USER, "default") != before


def test_dispose_closes_every_threads_connection_and_reads_go_on(sqlite_db: Database) -> None:
    here, there = _reader(sqlite_db), _in_thread(sqlite_db)
    sqlite_db.dispose()
    for closed in (here, there):
        with pytest.raises(sqlite3.ProgrammingError):
            closed.execute("SELECT 1")
    again = _reader(sqlite_db)
    assert again is not here and again.execute("SELECT 1").fetchone() == (1,)
