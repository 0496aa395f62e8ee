"""The session lookup every signed-in page makes is plain SQL (storage.accounts.session_account):
on SQLite through the thread's kept sqlite3 connection, on PostgreSQL through the engine. It
finds the same account as before, to the microsecond of its expiry, on both kinds of
connection, and a time parameter is written as SQLAlchemy's DateTime writes it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import Date, DateTime
from sqlalchemy.dialects import sqlite

from mgcoach.services import accounts
from mgcoach.storage import accounts as store
from mgcoach.storage.database import Database
from mgcoach.storage.plain_sql import sqlite_value

EXPIRES = datetime(2026, 12, 7, 18, 30, 0, 250_000, tzinfo=UTC)


def _signed_in(db: Database) -> int:
    account = accounts.create_account(db, "anna", "argon2-hash", "nl")
    assert account is not None
    accounts.set_preferences(db, account.id, "nl", "us")
    accounts.start_session(db, account.id, "hash-1", "csrf-1", EXPIRES, EXPIRES - timedelta(days=1))
    return account.id


@pytest.mark.parametrize(
    ("at", "live"),
    [
        (EXPIRES - timedelta(days=1), True),
        (EXPIRES - timedelta(microseconds=1), True),
        (EXPIRES, False),  # expired at its own time
        (EXPIRES + timedelta(seconds=1), False),
    ],
)
def test_a_session_is_live_until_it_expires(db: Database, at: datetime, live: bool) -> None:
    account_id = _signed_in(db)
    found = accounts.session_account(db, "hash-1", at)
    if not live:
        assert found is None
        return
    assert found == (store.Account(account_id, "anna", "argon2-hash", "nl", "us"), "csrf-1")
    with db.connect() as connection:  # the engine's connection reads the same
        assert store.session_account(connection, "hash-1", at) == found


def test_an_unknown_session_is_nobody(db: Database) -> None:
    _signed_in(db)
    assert accounts.session_account(db, "hash-2", EXPIRES - timedelta(days=1)) is None


@pytest.mark.parametrize(
    "value",
    [
        EXPIRES,
        datetime(2026, 12, 7, 18, 30),  # naive, whole second
        datetime(2026, 12, 7, 18, 30, 5, 1, tzinfo=timezone(timedelta(hours=2))),
        date(2026, 12, 7),
        "text",
        7,
        None,
    ],
)
def test_parameters_are_written_as_sqlalchemy_writes_them(value: object) -> None:
    dialect = sqlite.dialect()
    if isinstance(value, datetime):
        theirs = DateTime(timezone=True).dialect_impl(dialect).bind_processor(dialect)(value)
        assert sqlite_value(value) == theirs
    elif isinstance(value, date):
        assert sqlite_value(value) == Date().dialect_impl(dialect).bind_processor(dialect)(value)
    else:
        assert sqlite_value(value) == value
