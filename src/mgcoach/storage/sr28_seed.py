"""Putting the full USDA SR28 table shipped with this version into the database, once per change
of the table (as storage.curated_seed does for the curated foods).

A new database gets every SR28 food the curated table does not already hold, written in bulk in
one transaction: executemany through the driver on SQLite, COPY on PostgreSQL. SQLite's search
index triggers are set aside while the rows go in and the new rows are indexed in one statement
afterwards (a fifth of the time of a trigger per row). Curated foods keep their Dutch names,
synonyms and ranking; user foods, recipes and foods of other sources are never touched. When the
shipped table changes, the SR28 rows that differ are rewritten and the missing ones added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Connection, func, select, text

from ..foods.model import Food, FoodSource
from ..foods.sr28_table import shipped_hash, sr28_foods
from .database import Database
from .food_rows import food_row
from .foods import _row_terms, add_terms, get_foods, refresh_statistics, write_foods
from .generation import wrote
from .seed_stamps import SR28_SEED_KEY, STAMP
from .tables import food, food_portion, food_term, meta

Progress = Callable[[int], None]  # as services.food_import: how many more foods are done
CHUNK = 1000
# The SQLite triggers that index each new row (storage.search_index), set aside during the load.
_TRIGGERS = ("food_fts_insert", "food_term_tri_insert")
_SOURCE = FoodSource.USDA_SR28.value


def stored_hash(db: Database) -> str | None:
    with db.connect() as connection:
        return _stored(connection)


def _stored(connection: Connection) -> str | None:
    value = connection.execute(text(STAMP), {"key": SR28_SEED_KEY}).scalar()
    return None if value is None else str(value)


def needs_sr28(db: Database) -> bool:
    """Whether opening this database loads the shipped SR28 table (a new or older database)."""
    return stored_hash(db) != shipped_hash()


def ensure_sr28(db: Database, progress: Progress | None = None) -> int:
    """Load the shipped SR28 table when the database holds another one (or none); returns how
    many foods were written (0 when the database was up to date)."""
    wanted = shipped_hash()
    if stored_hash(db) == wanted:
        return 0
    with db.begin() as connection:
        _lock(connection)
        stored = _stored(connection)  # another process may have loaded it meanwhile
        if stored == wanted:
            return 0
        written = load_sr28(connection, sr28_foods(), progress)
        if stored is None:
            connection.execute(meta.insert().values(key=SR28_SEED_KEY, value=wanted))
        else:
            statement = meta.update().where(meta.c.key == SR28_SEED_KEY)
            connection.execute(statement.values(value=wanted))
        refresh_statistics(connection)
    return written


def _lock(connection: Connection) -> None:
    """Take the database's write lock first, so two processes opening a new database load the
    table once: the second waits, then finds the hash written."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('mgcoach.sr28_seed'))"))
    else:
        statement = meta.update().where(meta.c.key == SR28_SEED_KEY)
        connection.execute(statement.values(value=meta.c.value))


def load_sr28(connection: Connection, foods: Iterable[Food], progress: Progress | None) -> int:
    """Write the foods of the table that are new to the database in bulk, and rewrite the
    SR28 rows that differ from it; returns how many were written."""
    items = list(foods)
    known = dict(
        connection.execute(select(food.c.id, food.c.source).where(food.c.id.like("usda:%"))).all()
    )
    new = [item for item in items if item.id not in known]
    refreshed = [item for item in items if known.get(item.id) == _SOURCE]
    changed = _changed(connection, refreshed)
    if changed:
        write_foods(connection, changed)
    _insert_new(connection, new, progress)
    if progress is not None:
        progress(len(items) - len(new))
    return len(new) + len(changed)


def _changed(connection: Connection, items: Sequence[Food]) -> list[Food]:
    stored: dict[str, Food] = {}
    for chunk in _chunks(items):
        stored.update((f.id, f) for f in get_foods(connection, [item.id for item in chunk]))
    return [item for item in items if stored.get(item.id) != item]


def _chunks(items: Sequence[Food]) -> Iterable[Sequence[Food]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _insert_new(connection: Connection, items: Sequence[Food], progress: Progress | None) -> None:
    if not items:
        return
    sqlite = connection.dialect.name == "sqlite"
    triggers = _set_aside_triggers(connection) if sqlite else []
    if not sqlite:
        _gin_pending(connection, "on")
    before = connection.execute(select(func.coalesce(func.max(food.c.pk), 0))).scalar_one()
    terms: set[str] = set()
    for chunk in _chunks(items):
        rows = [food_row(item) for item in chunk]
        for row in rows:
            row.pop("owner", None)
            terms.update(_row_terms(row))
        _bulk(connection, food.name, rows)
        portions = [
            {"food_id": i.id, "seq": n, "amount": p.amount, "unit": p.unit, "grams": p.grams}
            for i in chunk
            for n, p in enumerate(i.portions, start=1)
        ]
        _bulk(connection, food_portion.name, portions)
        if progress is not None:
            progress(len(chunk))
    new_terms = _new_terms(connection, terms)
    add_terms(connection, new_terms)
    if sqlite:
        _index_sqlite(connection, before, new_terms)
        for sql in triggers:
            connection.exec_driver_sql(sql)
    else:
        _gin_pending(connection, "off")


def _gin_pending(connection: Connection, state: str) -> None:
    """PostgreSQL: let the search index collect the new rows in its pending list while they
    go in, then merge them at once (storage.search_index keeps it off for searches)."""
    if state == "off":
        connection.exec_driver_sql("SELECT gin_clean_pending_list('food_search_vector')")
    connection.exec_driver_sql(f"ALTER INDEX food_search_vector SET (fastupdate = {state})")


def _set_aside_triggers(connection: Connection) -> list[str]:
    """Drop the row-by-row index triggers; returns the SQL that makes them again."""
    names = ", ".join(f"'{name}'" for name in _TRIGGERS)
    found = connection.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({names})"
    ).all()
    for name, _sql in found:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    return [sql for _name, sql in found]


def _index_sqlite(connection: Connection, before: int, new_terms: set[str]) -> None:
    """What the triggers would have done: the new rows into the FTS5 indexes, at once."""
    connection.exec_driver_sql(
        "INSERT INTO food_fts(rowid, search_name, search_nl, search_syn) "
        "SELECT pk, search_name, search_nl, search_syn FROM food WHERE pk > ?",
        (before,),
    )
    if new_terms:
        connection.exec_driver_sql(
            "INSERT INTO food_term_tri(term) VALUES (?)", [(t,) for t in sorted(new_terms)]
        )


def _new_terms(connection: Connection, terms: set[str]) -> set[str]:
    ordered = sorted(terms)
    known: set[str] = set()
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        known.update(
            connection.execute(select(food_term.c.term).where(food_term.c.term.in_(chunk)))
            .scalars()
            .all()
        )
    return terms - known


def _bulk(connection: Connection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows (all with the same keys, plain text and numbers) past SQLAlchemy's per-row
    work: the driver's executemany on SQLite, COPY on PostgreSQL; both in the transaction."""
    if not rows:
        return
    names = list(rows[0])
    values = [tuple(row[name] for name in names) for row in rows]
    quote = connection.dialect.identifier_preparer.quote
    columns = ", ".join(quote(name) for name in names)
    if connection.dialect.name != "postgresql":
        marks = ", ".join("?" for _ in names)
        connection.exec_driver_sql(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)
        return
    wrote(connection, table)  # COPY goes past SQLAlchemy's statement events
    cursor: Any = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
        for value in values:
            copy.write_row(value)
