"""Reads written once as plain SQL that both kinds of connection run: a sqlite3 one (what
Database.reader hands out on a SQLite file) and SQLAlchemy's, on SQLite or PostgreSQL.
sqlite3 and SQLAlchemy's text() bind ``:name`` parameters alike; on SQLite a date or time
parameter is written as SQLAlchemy's column types store it (``sqlite_value``).

Neither kind converts a value here, so each row comes back as the driver gives it: on SQLite
dates, times and booleans are stored text and integers, on PostgreSQL they are already
Python's. ``as_date``, ``as_datetime`` and ``as_bool`` turn either into what SQLAlchemy's
column types hand back (a test compares them with SQLAlchemy's result processors).

No SQLAlchemy here: ``mgcoach day`` on an up-to-date SQLite file imports none.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from sqlalchemy import Connection, TextClause

Reader: TypeAlias = "Connection | sqlite3.Connection"
Row = dict[str, Any]


def fetch(connection: Reader, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
    """The rows of ``sql`` by column name. Only for reads: on a SQLAlchemy connection the
    statement runs in its transaction, on a sqlite3 one none is begun."""
    if isinstance(connection, sqlite3.Connection):
        given = {k: sqlite_value(v) for k, v in (params or {}).items()}
        cursor = connection.execute(sql, given)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]
    if connection.dialect.name == "sqlite":
        params = {k: sqlite_value(v) for k, v in (params or {}).items()}
    result = connection.execute(_text(sql), params or {})
    names = list(result.keys())
    return [dict(zip(names, row, strict=True)) for row in result]


def first(connection: Reader, sql: str, params: Mapping[str, Any] | None = None) -> Row | None:
    """The first row of ``sql``, or None."""
    rows = fetch(connection, sql, params)
    return rows[0] if rows else None


def in_list(name: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """``values`` as an IN list's SQL (``:name_0, :name_1``) and its parameters: sqlite3 has
    no expanding parameter. Never empty (``NULL`` matches nothing)."""
    params = {f"{name}_{n}": value for n, value in enumerate(values)}
    return ", ".join(f":{key}" for key in params) or "NULL", params


def as_date(value: Any) -> date:
    """A Date column's value, as SQLAlchemy's Date reads it (SQLite stores ISO text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def as_datetime(value: Any) -> datetime:
    """A DateTime column's value, as SQLAlchemy's DateTime reads it (SQLite stores ISO text
    without a zone: a naive datetime)."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def as_bool(value: Any) -> bool | None:
    """A Boolean column's value (SQLite stores 0 and 1)."""
    return None if value is None else bool(value)


@lru_cache(maxsize=512)
def _text(sql: str) -> TextClause:
    # Made once per statement: text() parses its SQL for parameters each time it is built.
    from sqlalchemy import text  # the caller holds a SQLAlchemy connection: it is loaded

    return text(sql)


def sqlite_value(value: Any) -> Any:
    """A date or time parameter as SQLAlchemy's Date and DateTime write it on SQLite: ISO text,
    a time with its microseconds and without its zone."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value
