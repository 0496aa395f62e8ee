"""SQLite's side of the food search (storage.food_search), spoken to the sqlite3 driver itself.

A search is five to eight small statements of well under 0.1 ms each in SQLite; through
SQLAlchemy's execution and result layers each costs 0.1-0.2 ms more: most of a search on the
shipped table (issue 19). The statements here are fixed strings that the driver prepares once
per connection (sqlite3 keeps 128 prepared statements), their rows plain tuples. The values
are the ones SQLAlchemy hands back: on SQLite only DateTime has a result conversion, and it is
taken from the dialect (``_when``). A search reads only: no transaction is begun or ended
here, and the reader's own writes in an open transaction are seen as through SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, DateTime, Dialect

from ..foods.model import Food, FoodSource, Portion
from ..foods.ranking import Candidate
from .foods import _food, has_owner_column
from .tables import food

_COLUMNS = (
    "SELECT f.id, f.source, f.name, f.search_name, f.search_nl, f.search_syn, "
    "coalesce(u.uses, 0), u.last_used "
)
_PREFIX = "SELECT 1 FROM food_term WHERE term >= ? AND term < ? LIMIT 1"
# At most LOOKALIKES terms that share trigrams with a typo, the most alike first. Ordering
# them by rank scores every term that shares a trigram, the most of a typo's look-up: when no
# more than LOOKALIKES share one they are all taken, unordered (foods.search_text.close_terms
# orders what it keeps itself).
LOOKALIKES = 200
_ANY_LOOKALIKES = "SELECT term FROM food_term_tri WHERE food_term_tri MATCH ? LIMIT ?"
_LOOKALIKES = "SELECT term FROM food_term_tri WHERE food_term_tri MATCH ? ORDER BY rank LIMIT ?"
# The first matches in the index's order (rowid): one read of the index tells both whether
# more than CANDIDATES match and the highest row bm25 scores (see storage.food_search.
# _sqlite_candidates): the BM25_ROWS-th match, or every row when fewer match, but never
# before the last shipped food.
_FIRST_MATCHES = "SELECT rowid FROM food_fts WHERE food_fts MATCH ? LIMIT ?"
_LAST_SHIPPED = (
    "SELECT max(coalesce((SELECT max(pk) FROM food WHERE source = ?), 0), "
    "coalesce((SELECT max(pk) FROM food WHERE source = ?), 0))"
)
_SHIPPED = (FoodSource.USDA_SR28.value, FoodSource.CURATED.value)
_EVERY_ROW = 2**63 - 1
# The owner filter (SQL, its parameters) and the account whose own foods are added, if any.
Owners = tuple[str, dict[str, Any], int | None]


def driver(connection: Connection) -> Any:
    """The sqlite3 connection under a SQLAlchemy one (the same connection, not another)."""
    return connection.connection.driver_connection


def has_prefix(connection: Connection, term: str) -> bool:
    """Does some known term start with ``term``?"""
    upper = term[:-1] + chr(ord(term[-1]) + 1)
    return driver(connection).execute(_PREFIX, (term, upper)).fetchone() is not None


def lookalikes(connection: Connection, term: str) -> list[str]:
    """Known terms that share trigrams with ``term``, the most alike first (at most 200)."""
    grams = {term[i : i + 3] for i in range(len(term) - 2)}
    if not grams:
        return []
    match = " OR ".join(f'"{g}"' for g in sorted(grams))
    raw = driver(connection)
    found = [row[0] for row in raw.execute(_ANY_LOOKALIKES, (match, LOOKALIKES + 1))]
    if len(found) <= LOOKALIKES:
        return found
    return [row[0] for row in raw.execute(_LOOKALIKES, (match, LOOKALIKES))]


_WHEN = DateTime(timezone=True)
_CONVERTERS: dict[type[Dialect], Callable[[Any], Any] | None] = {}


def _when(dialect: Dialect) -> Callable[[Any], Any] | None:
    """How SQLAlchemy turns a stored last-used time into a datetime on this dialect."""
    kind = type(dialect)
    if kind not in _CONVERTERS:
        _CONVERTERS[kind] = _WHEN.dialect_impl(dialect).result_processor(dialect, None)
    return _CONVERTERS[kind]


def _candidates(connection: Connection, rows: Iterable[Sequence[Any]]) -> list[Candidate]:
    found = list(map(Candidate._make, rows))
    convert = _when(connection.dialect)
    if convert is None:
        return found
    return [c if c.last_used is None else c._replace(last_used=convert(c.last_used)) for c in found]


@cache
def _every_sql(where: str) -> str:
    return (
        _COLUMNS + "FROM (SELECT rowid AS pk FROM food_fts WHERE food_fts MATCH :match) best "
        f"JOIN food f ON f.pk = best.pk AND {where} LEFT JOIN food_usage u ON u.food_id = f.id"
    )


@cache
def _best_sql(where: str) -> str:
    return (
        _COLUMNS + "FROM ("
        "  SELECT rowid AS pk, bm25(food_fts, 10.0, 10.0, 3.0) AS score FROM food_fts"
        "  WHERE food_fts MATCH :match AND rowid <= :last ORDER BY score LIMIT :limit"
        f") best JOIN food f ON f.pk = best.pk AND {where} "
        "LEFT JOIN food_usage u ON u.food_id = f.id"
    )


_OWN = (
    _COLUMNS + "FROM food f JOIN food_fts ON food_fts.rowid = f.pk "
    "LEFT JOIN food_usage u ON u.food_id = f.id "
    "WHERE f.owner = :viewer AND food_fts MATCH :match LIMIT :limit"
)


def candidates(
    connection: Connection, match: str, owners: Owners, limit: int, bm25_rows: int
) -> list[Candidate]:
    """The ``limit`` best-scored foods matching ``match`` among the first ``bm25_rows``
    matches and the shipped foods, then the reader's own matching foods.

    When no more than ``limit`` foods match, all are taken without scoring them (bm25 would
    only order them, and the ranking orders them itself): a broad word on the shipped table
    ("milk", 226 foods) is scored in three times the time it is found.
    """
    where, params, viewer = owners
    raw = driver(connection)
    first = raw.execute(_FIRST_MATCHES, (match, max(bm25_rows, limit + 1))).fetchall()
    if len(first) <= limit:
        found = _candidates(connection, raw.execute(_every_sql(where), params | {"match": match}))
    else:
        last = first[bm25_rows - 1][0] if len(first) >= bm25_rows else _EVERY_ROW
        last = max(last, raw.execute(_LAST_SHIPPED, _SHIPPED).fetchone()[0])
        params = params | {"match": match, "limit": limit, "last": last}
        found = _candidates(connection, raw.execute(_best_sql(where), params))
    if viewer is not None:
        params = {"match": match, "viewer": viewer, "limit": limit}
        found += _candidates(connection, raw.execute(_OWN, params))
    return found


@cache
def _used_sql(where: str) -> str:
    return (
        _COLUMNS + "FROM food_usage u CROSS JOIN food f "
        f"WHERE f.id = u.food_id AND {where} ORDER BY u.uses DESC LIMIT 500"
    )


def used(connection: Connection, owners: Owners) -> list[Candidate]:
    """The foods the reader may see that were logged, most used first (at most 500)."""
    where, params, _viewer = owners
    return _candidates(connection, driver(connection).execute(_used_sql(where), params))


class _Row:
    """A row as storage.foods._food reads it (by column name)."""

    __slots__ = ("_mapping",)

    def __init__(self, mapping: dict[str, Any]) -> None:
        self._mapping = mapping


@cache
def _food_columns(owners: bool) -> tuple[str, ...]:
    return tuple(c.name for c in food.columns if owners or c.name != "owner")


@cache
def _hydrate_sql(owners: bool, count: int) -> tuple[str, str]:
    marks = ", ".join("?" * count)
    names = ", ".join(f'"{name}"' for name in _food_columns(owners))
    foods = f"SELECT {names} FROM food WHERE id IN ({marks})"
    portions = (
        "SELECT food_id, amount, unit, grams FROM food_portion "
        f"WHERE food_id IN ({marks}) ORDER BY food_id, seq"
    )
    return foods, portions


def hydrate(connection: Connection, ids: Sequence[str]) -> list[Food]:
    """The foods with these ids, in the order asked, as storage.foods.get_foods makes them."""
    if not ids:
        return []
    owners = has_owner_column(connection)
    columns = _food_columns(owners)
    foods_sql, portions_sql = _hydrate_sql(owners, len(ids))
    raw = driver(connection)
    at = columns.index("id")
    rows = {row[at]: row for row in raw.execute(foods_sql, tuple(ids))}
    portions: dict[str, list[Portion]] = {i: [] for i in rows}
    for food_id, amount, unit, grams in raw.execute(portions_sql, tuple(ids)):
        portions[food_id].append(Portion(amount, unit, grams))
    return [
        _food(_Row(dict(zip(columns, rows[i], strict=True))), portions[i]) for i in ids if i in rows
    ]
