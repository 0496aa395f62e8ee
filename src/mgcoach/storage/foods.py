"""Reading and writing foods: upserts in chunks, portions, the search vocabulary, usage."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..foods.model import Food, FoodSource, Portion
from ..foods.nutrients import nutrient_keys
from ..foods.ranking import source_rank
from ..foods.search_text import index_text, terms
from .tables import food, food_portion, food_term, food_usage

# Rows an import must never overwrite: the curated table and what the user made.
PROTECTED = frozenset({FoodSource.CURATED.value, FoodSource.USER.value, FoodSource.RECIPE.value})
CHUNK = 1000


@dataclass
class WriteCounts:
    inserted: int = 0
    updated: int = 0
    kept: int = 0
    by_source: dict[str, int] = field(default_factory=dict)

    @property
    def written(self) -> int:
        return self.inserted + self.updated


def food_row(item: Food) -> dict[str, Any]:
    """The ``food`` table row of a Food, with its stemmed search fields."""
    # The brand is searched like a synonym: "foods search alpro" finds Alpro's products.
    synonyms = [*item.synonyms, *item.synonyms_nl, *([item.brand] if item.brand else [])]
    return {
        "id": item.id,
        "source": item.source.value,
        "name": item.name,
        "name_nl": item.name_nl,
        "synonyms": ";".join(item.synonyms),
        "synonyms_nl": ";".join(item.synonyms_nl),
        "usda_ndb": item.usda_ndb,
        "fdc_id": item.fdc_id,
        "barcode": item.barcode,
        "brand": item.brand,
        "food_group": item.group,
        "tags": ";" + ";".join(sorted(item.tags)) + ";" if item.tags else "",
        "serving": item.serving,
        "search_name": index_text([item.name]),
        "search_nl": index_text([item.name_nl or ""]),
        "search_syn": " | ".join(index_text([s]) for s in synonyms),
        **{key: item.per_100g.get(key) for key in nutrient_keys()},
    }


def _chunks(items: Iterable[Food], size: int) -> Iterator[list[Food]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def write_foods(
    connection: Connection, foods: Iterable[Food], *, overwrite_protected: bool = False
) -> WriteCounts:
    """Insert new foods and update known ones (by id), with their portions and search terms.

    Curated, user and recipe rows are kept as they are unless ``overwrite_protected`` (the
    curated seed itself). Runs inside the caller's transaction.
    """
    counts = WriteCounts()
    updater = (
        update(food)
        .where(food.c.id == bindparam("match_id"))
        .values({c.name: bindparam(c.name) for c in food.columns if c.name != "pk"})
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
                changed_rows.append({**row, "match_id": item.id})
            written.append(item)
            counts.by_source[item.source.value] = counts.by_source.get(item.source.value, 0) + 1
        if new_rows:
            connection.execute(insert(food), new_rows)
        if changed_rows:
            connection.execute(updater, changed_rows)
            connection.execute(
                delete(food_portion).where(
                    food_portion.c.food_id.in_([r["id"] for r in changed_rows])
                )
            )
        counts.inserted += len(new_rows)
        counts.updated += len(changed_rows)
        portions = [
            {"food_id": item.id, "seq": seq, "amount": p.amount, "unit": p.unit, "grams": p.grams}
            for item in written
            for seq, p in enumerate(item.portions, start=1)
        ]
        if portions:
            connection.execute(insert(food_portion), portions)
        add_terms(connection, {t for row in new_rows + changed_rows for t in _row_terms(row)})
    return counts


def _row_terms(row: dict[str, Any]) -> Iterator[str]:
    for column in ("search_name", "search_nl", "search_syn"):
        for term in row[column].split():
            if term != "|" and len(term) <= 64:
                yield term


def add_terms(connection: Connection, new_terms: set[str]) -> None:
    """Add terms to the vocabulary; terms already there are left alone."""
    if not new_terms:
        return
    rows = [{"term": t} for t in sorted(new_terms)]
    if connection.dialect.name == "postgresql":
        statement: Any = postgresql.insert(food_term).on_conflict_do_nothing()
    else:
        statement = sqlite.insert(food_term).on_conflict_do_nothing()
    connection.execute(statement, rows)


def _food(row: Any, portions: Sequence[Portion] = ()) -> Food:
    mapping = row._mapping
    return Food(
        id=mapping["id"],
        name=mapping["name"],
        source=FoodSource(mapping["source"]),
        per_100g={key: mapping[key] for key in nutrient_keys()},
        name_nl=mapping["name_nl"],
        synonyms=tuple(s for s in mapping["synonyms"].split(";") if s),
        synonyms_nl=tuple(s for s in mapping["synonyms_nl"].split(";") if s),
        portions=tuple(portions),
        usda_ndb=mapping["usda_ndb"],
        fdc_id=mapping["fdc_id"],
        barcode=mapping["barcode"],
        brand=mapping["brand"],
        group=mapping["food_group"],
        tags=frozenset(t for t in mapping["tags"].split(";") if t),
        serving=mapping["serving"],
    )


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


def get_foods(connection: Connection, ids: Sequence[str]) -> list[Food]:
    """The foods with these ids, in the order asked (unknown ids are left out)."""
    if not ids:
        return []
    rows = {r.id: r for r in connection.execute(select(food).where(food.c.id.in_(ids)))}
    portions = portions_of(connection, list(rows))
    return [_food(rows[i], portions[i]) for i in ids if i in rows]


def find_by_column(connection: Connection, column: str, value: str) -> Food | None:
    """A food by USDA NDB number or barcode (the first by source rank when several)."""
    rows = connection.execute(select(food.c.id, food.c.source).where(food.c[column] == value)).all()
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


def delete_food(connection: Connection, food_id: str) -> bool:
    return bool(connection.execute(delete(food).where(food.c.id == food_id)).rowcount)


def query_terms(text: str) -> list[str]:
    """The distinct stemmed terms of a query, in order."""
    return list(dict.fromkeys(terms(text)))


def refresh_statistics(connection: Connection) -> None:
    """Let PostgreSQL's planner see a large write at once (otherwise it scans instead of using
    the search index until autovacuum runs); SQLite's FTS5 needs nothing."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("ANALYZE food")
        connection.exec_driver_sql("ANALYZE food_term")
