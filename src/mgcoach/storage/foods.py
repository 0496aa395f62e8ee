"""Reading and writing foods: upserts in chunks, portions, the search vocabulary, usage.

Who sees a food: a food with no ``owner`` is shared with everyone; one with an owner (an
account's own food on a multi-user server) only with that account. Every read for a reader
says whose it is with ``visible_to``: an account's id, or None for the shared foods alone (an
anonymous caller, the CLI without ``--user``); ``EVERY_OWNER`` is for the database's own
bookkeeping (imports, exports, the search after its own filter), never for a reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any, Final, Literal
from weakref import WeakKeyDictionary

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    bindparam,
    delete,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    true,
    update,
)

from ..foods.model import Food, FoodSource, Portion
from ..foods.ranking import source_rank
from .food_rows import food_from_row, food_row
from .tables import food, food_portion, food_term, food_usage, recipe_ingredient

# Rows an import must never overwrite: the curated table and what the user made.
PROTECTED = frozenset({FoodSource.CURATED.value, FoodSource.USER.value, FoodSource.RECIPE.value})
CHUNK = 1000
EVERY_OWNER: Final = "every"
VisibleTo = int | None | Literal["every"]


# Per engine: whether its food table has the owner column yet. Only the migrations' tests run
# this code on an older revision; a schema change (DDL through the engine) asks again.
_OWNER_COLUMN: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()
_DDL = re.compile(r"\s*(?:ALTER|CREATE|DROP)\b", re.IGNORECASE)


def has_owner_column(connection: Connection) -> bool:
    """Whether foods have owners in this database (revision 0008 on)."""
    engine = connection.engine
    found = _OWNER_COLUMN.get(engine)
    if found is None:
        if not event.contains(engine, "before_cursor_execute", _schema_changes):
            event.listen(engine, "before_cursor_execute", _schema_changes)
        found = any(c["name"] == "owner" for c in inspect(connection).get_columns("food"))
        _OWNER_COLUMN[engine] = found
    return found


def _schema_changes(connection: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
    if _DDL.match(statement):
        _OWNER_COLUMN.pop(connection.engine, None)


def visible(connection: Connection, visible_to: VisibleTo) -> ColumnElement[bool]:
    """The food rows ``visible_to`` may see: the shared ones and its own."""
    if visible_to == EVERY_OWNER or not has_owner_column(connection):
        return true()
    if visible_to is None:
        return food.c.owner.is_(None)
    return or_(food.c.owner.is_(None), food.c.owner == visible_to)


def sees(item: Food, visible_to: VisibleTo) -> bool:
    """Whether ``visible_to`` may see ``item`` (as `visible`, for a food already read)."""
    return visible_to == EVERY_OWNER or item.owner is None or item.owner == visible_to


@dataclass
class WriteCounts:
    inserted: int = 0
    updated: int = 0
    kept: int = 0
    by_source: dict[str, int] = field(default_factory=dict)

    @property
    def written(self) -> int:
        return self.inserted + self.updated


_FIXED = ("pk", "owner")  # columns an update leaves as they are
_UNOWNED = [c for c in food.columns if c.name != "owner"]  # before revision 0008


def _chunks(items: Iterable[Food], size: int) -> Iterator[list[Food]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def write_foods(
    connection: Connection, foods: Iterable[Food], *, overwrite_protected: bool = False
) -> WriteCounts:
    """Insert new foods and update known ones (by id), with their portions and search terms.

    Curated, user and recipe rows are kept as they are unless ``overwrite_protected`` (the
    curated seed itself). A food's owner is written with it and never changed by an update.
    Runs inside the caller's transaction.
    """
    counts = WriteCounts()
    updater = (
        update(food)
        .where(food.c.id == bindparam("match_id"))
        .values({c.name: bindparam(c.name) for c in food.columns if c.name not in _FIXED})
    )
    for chunk in _chunks(foods, CHUNK):
        ids = [item.id for item in chunk]
        existing = dict(
            connection.execute(select(food.c.id, food.c.source).where(food.c.id.in_(ids))).all()
        )
        new_rows, changed_rows, written = [], [], []
        for item in dict((f.id, f) for f in chunk).values():
            before = existing.get(item.id)
            if (
                before in PROTECTED
                and not overwrite_protected
                and item.source.value not in PROTECTED
            ):
                counts.kept += 1
                continue
            row = food_row(item)
            if before is None:
                new_rows.append(row)
            else:
                row.pop("owner", None)
                changed_rows.append({**row, "match_id": item.id})
            written.append(item)
            counts.by_source[item.source.value] = counts.by_source.get(item.source.value, 0) + 1
        for rows in (
            [r for r in new_rows if "owner" not in r],
            [r for r in new_rows if "owner" in r],
        ):
            if rows:
                connection.execute(insert(food), rows)
        if changed_rows:
            connection.execute(updater, changed_rows)
            connection.execute(
                delete(food_portion).where(
                    food_portion.c.food_id.in_([r["id"] for r in changed_rows])
                )
            )
        counts.inserted += len(new_rows)
        counts.updated += len(changed_rows)
        _write_portions(connection, written)
        add_terms(connection, {t for row in new_rows + changed_rows for t in _row_terms(row)})
    return counts


def _write_portions(connection: Connection, written: Sequence[Food]) -> None:
    """The portions of the foods just written (an update's old ones were deleted first)."""
    portions = [
        {"food_id": item.id, "seq": seq, "amount": p.amount, "unit": p.unit, "grams": p.grams}
        for item in written
        for seq, p in enumerate(item.portions, start=1)
    ]
    if portions:
        connection.execute(insert(food_portion), portions)


def _row_terms(row: Mapping[str, object]) -> Iterator[str]:
    for column in ("search_name", "search_nl", "search_syn"):
        for term in str(row[column]).split():
            if term != "|" and len(term) <= 64:
                yield term


def add_terms(connection: Connection, new_terms: set[str]) -> None:
    """Add terms to the vocabulary; terms already there are left alone."""
    if not new_terms:
        return
    rows = [{"term": t} for t in sorted(new_terms)]
    statement = upsert_for(connection)(food_term).on_conflict_do_nothing()
    connection.execute(statement, rows)


def _food(row: Any, portions: Sequence[Portion] = ()) -> Food:
    return food_from_row(row._mapping, portions)


def portions_of(connection: Connection, ids: Sequence[str]) -> dict[str, list[Portion]]:
    found: dict[str, list[Portion]] = {i: [] for i in ids}
    rows = connection.execute(
        select(food_portion)
        .where(food_portion.c.food_id.in_(ids))
        .order_by(food_portion.c.food_id, food_portion.c.seq)
    )
    for row in rows:
        found[row.food_id].append(Portion(row.amount, row.unit, row.grams))
    return found


def get_foods(
    connection: Connection, ids: Sequence[str], visible_to: VisibleTo = EVERY_OWNER
) -> list[Food]:
    """The foods with these ids, in the order asked (unknown ids, and foods ``visible_to``
    may not see, are left out)."""
    if not ids:
        return []
    columns = food.columns if has_owner_column(connection) else _UNOWNED
    statement = select(*columns).where(food.c.id.in_(ids), visible(connection, visible_to))
    rows = {r.id: r for r in connection.execute(statement)}
    portions = portions_of(connection, list(rows))
    return [_food(rows[i], portions[i]) for i in ids if i in rows]


def find_by_column(
    connection: Connection, column: str, value: str, visible_to: VisibleTo
) -> Food | None:
    """A food by USDA NDB number or barcode (the first by source rank when several) among
    those ``visible_to`` may see."""
    statement = select(food.c.id, food.c.source).where(
        food.c[column] == value, visible(connection, visible_to)
    )
    rows = connection.execute(statement).all()
    if not rows:
        return None
    best = min(rows, key=lambda r: (source_rank(r.source), r.id))
    return get_foods(connection, [best.id])[0]


def count_by_source(connection: Connection) -> dict[str, int]:
    rows = connection.execute(select(food.c.source, func.count()).group_by(food.c.source))
    return {source: count for source, count in rows}


def count_foods(connection: Connection) -> int:
    return int(connection.execute(select(func.count()).select_from(food)).scalar() or 0)


def next_id(connection: Connection, prefix: str) -> str:
    """The next free ``user:N`` / ``recipe:N`` id."""
    ids = connection.execute(select(food.c.id).where(food.c.id.like(f"{prefix}:%"))).scalars()
    numbers = [int(i.split(":", 1)[1]) for i in ids if i.split(":", 1)[1].isdigit()]
    return f"{prefix}:{max(numbers, default=0) + 1}"


def record_use(connection: Connection, food_id: str, when: datetime | None = None) -> None:
    """Count one use of a food (the search puts recent and frequent foods first)."""
    when = when or datetime.now(UTC)
    # One statement: an UPDATE-then-INSERT races when two writers count a food's first use.
    upsert = upsert_for(connection)(food_usage).values(food_id=food_id, uses=1, last_used=when)
    connection.execute(
        upsert.on_conflict_do_update(
            index_elements=[food_usage.c.food_id],
            set_={"uses": food_usage.c.uses + 1, "last_used": when},
        )
    )


def upsert_for(connection: Connection) -> Any:
    """The dialect's INSERT that knows ON CONFLICT (SQLite and PostgreSQL both do)."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def delete_owned_foods(connection: Connection, owner: int) -> int:
    """Delete an account's own foods and recipes with their portions, uses and ingredient
    lines (before the account itself goes: the foreign key's cascade alone trips over recipe
    lines on PostgreSQL); returns how many foods went."""
    if not has_owner_column(connection):
        return 0
    mine = select(food.c.id).where(food.c.owner == owner)
    if connection.execute(mine.limit(1)).first() is None:
        return 0  # nothing written: the foods' caches stay valid (storage.generation)
    owned = mine.scalar_subquery()
    lines = recipe_ingredient.c
    connection.execute(
        delete(recipe_ingredient).where(or_(lines.recipe_id.in_(owned), lines.food_id.in_(owned)))
    )
    connection.execute(delete(food_portion).where(food_portion.c.food_id.in_(owned)))
    connection.execute(delete(food_usage).where(food_usage.c.food_id.in_(owned)))
    return int(connection.execute(delete(food).where(food.c.owner == owner)).rowcount or 0)


def delete_food(connection: Connection, food_id: str) -> bool:
    return bool(connection.execute(delete(food).where(food.c.id == food_id)).rowcount)


def refresh_statistics(connection: Connection) -> None:
    """Let PostgreSQL's planner see a large write at once (otherwise it scans instead of using
    the search index until autovacuum runs); SQLite's FTS5 needs nothing."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("ANALYZE food")
        connection.exec_driver_sql("ANALYZE food_term")
