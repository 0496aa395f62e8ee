"""Many rows sent to the database as one JSON parameter and read there as a table.

A VALUES list is compiled anew for every set of rows (1,000 rows took SQLAlchemy 180 ms) and
needs a parameter per value (SQLite and PostgreSQL cap them); this is one statement that
SQLAlchemy compiles once and one parameter of any length. SQLite reads it with json_each,
PostgreSQL with json_array_elements; each value is typed by its column.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Date, Float, Integer, Subquery, text
from sqlalchemy.types import TypeEngine

_POSTGRESQL_TYPES: dict[type[TypeEngine[Any]], str] = {
    Integer: "integer",
    Float: "float8",
    Date: "date",
}


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value  # SQLite stores dates so


def json_rows(
    connection: Connection,
    name: str,
    columns: Sequence[tuple[str, type[TypeEngine[Any]]]],
    rows: Sequence[Sequence[object]],
) -> Subquery:
    """``rows`` as a table called ``name`` with ``columns`` (name, SQLAlchemy type)."""
    parameter = f"{name}_rows"
    if connection.dialect.name == "postgresql":
        picked = ", ".join(
            f"(e->>{i})::{_POSTGRESQL_TYPES[kind]} AS {column}"
            for i, (column, kind) in enumerate(columns)
        )
        source = f"json_array_elements(CAST(:{parameter} AS json)) AS e"
    else:
        picked = ", ".join(
            f"json_extract(value, '$[{i}]') AS {column}" for i, (column, _) in enumerate(columns)
        )
        source = f"json_each(:{parameter})"
    data = json.dumps([[_plain(value) for value in row] for row in rows])
    sql = text(f"SELECT {picked} FROM {source}").bindparams(**{parameter: data})
    return sql.columns(**{column: kind for column, kind in columns}).subquery(name)
