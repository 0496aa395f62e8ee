"""Whether a table has a column yet: the journal's code runs on the newest revision, except in
the migrations' tests, which write and read rows on older ones.

The answer is kept per engine and table, and asked again after any schema change (DDL through
that engine), so a running app inspects the schema once.
"""

from __future__ import annotations

import re
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, event, inspect

_KNOWN: WeakKeyDictionary[Engine, dict[str, frozenset[str]]] = WeakKeyDictionary()
_DDL = re.compile(r"\s*(?:ALTER|CREATE|DROP)\b", re.IGNORECASE)


def has_column(connection: Connection, table: str, column: str) -> bool:
    """Does ``table`` have ``column`` in this database?"""
    engine = connection.engine
    tables = _KNOWN.get(engine)
    if tables is None:
        if not event.contains(engine, "before_cursor_execute", _schema_changes):
            event.listen(engine, "before_cursor_execute", _schema_changes)
        tables = _KNOWN[engine] = {}
    columns = tables.get(table)
    if columns is None:
        columns = frozenset(c["name"] for c in inspect(connection).get_columns(table))
        tables[table] = columns
    return column in columns


def _schema_changes(connection: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
    if _DDL.match(statement):
        _KNOWN.pop(connection.engine, None)
