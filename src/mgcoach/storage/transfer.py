"""The rows a whole-journal export reads and an import writes besides profiles and entries:
the user's own foods, the food-use counts, and every table of a user's journal for the CSV
export (services.journal_export turns them into the files)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select

from ..foods.model import FoodSource
from .journal_reads import aware as _aware
from .journal_tables import DETAIL_TABLES, entry, favourite, profile, profile_medication
from .tables import food, food_usage

OWN_SOURCES = (FoodSource.USER.value, FoodSource.RECIPE.value)


def own_food_ids(connection: Connection) -> list[str]:
    """The ids of the user's own foods and recipes, as written."""
    statement = select(food.c.id).where(food.c.source.in_(OWN_SOURCES)).order_by(food.c.pk)
    return list(connection.execute(statement).scalars())


@dataclass(frozen=True, slots=True)
class FoodUse:
    food_id: str
    uses: int
    last_used: datetime  # UTC


def food_uses(connection: Connection) -> list[FoodUse]:
    """How often each food was used, by food id."""
    rows = connection.execute(select(food_usage).order_by(food_usage.c.food_id))
    return [FoodUse(r.food_id, r.uses, _aware(r.last_used)) for r in rows]


def used_food_ids(connection: Connection) -> set[str]:
    return set(connection.execute(select(food_usage.c.food_id)).scalars())


def add_food_uses(connection: Connection, rows: Sequence[Mapping[str, object]]) -> None:
    """Write use counts (``food_id``, ``uses``, ``last_used``) of foods not counted yet."""
    if rows:
        connection.execute(insert(food_usage), [dict(row) for row in rows])


@dataclass(frozen=True, slots=True)
class TableRows:
    name: str
    columns: tuple[str, ...]
    rows: Iterator[Sequence[Any]]


def journal_tables(connection: Connection, owner_id: int | None) -> Iterator[TableRows]:
    """Each table of a user's journal (profiles, medicines, entries, one per entry kind, the
    favourite foods) with that user's rows only, by primary key; no user: every table empty."""
    pids = select(profile.c.id).where(profile.c.user_id == (owner_id or -1))
    eids = select(entry.c.id).where(entry.c.profile_id.in_(pids))
    tables: list[tuple[Table, Any]] = [
        (profile, profile.c.id.in_(pids)),
        (profile_medication, profile_medication.c.profile_id.in_(pids)),
        (entry, entry.c.id.in_(eids)),
        *((table, table.c.entry_id.in_(eids)) for table in DETAIL_TABLES.values()),
        (favourite, favourite.c.profile_id.in_(pids)),
    ]
    for table, where in tables:
        rows = connection.execute(select(table).where(where).order_by(*table.primary_key))
        yield TableRows(table.name, tuple(c.name for c in table.columns), iter(rows))


def detail_fields(kind: str) -> frozenset[str] | None:
    """The stored fields of an entry kind's detail; None for a kind without detail (a note)."""
    table = DETAIL_TABLES.get(kind)
    if table is None:
        return None
    return frozenset(c.name for c in table.columns) - {"entry_id"}
