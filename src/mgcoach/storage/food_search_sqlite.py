"""SQLite's side of the food search (storage.food_search), spoken to the sqlite3 driver itself.

A search is five to eight small statements of well under 0.1 ms each in SQLite; through
SQLAlchemy's execution and result layers each costs 0.1-0.2 ms more: most of a search on the
shipped table (issue 19), and importing SQLAlchemy costs a ``foods search`` command more than
the search. The statements here are fixed strings that the driver prepares once per connection
(sqlite3 keeps 128 prepared statements), their rows plain tuples. The values are the ones
SQLAlchemy hands back: on SQLite only DateTime has a result conversion, ISO text read with
``datetime.fromisoformat`` (``last_used``; a test compares it with SQLAlchemy's). A search
reads only: no transaction is begun or ended here, and on a SQLAlchemy connection's driver the
reader's own writes in an open transaction are seen as through SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from ..foods.model import Food, FoodSource, Portion
from ..foods.ranking import Candidate, QueryTerm, source_rank
from .food_rows import food_from_row
from .food_search import (
    BM25_ROWS,
    BY_BARCODE,
    CANDIDATES,
    COLUMNS,
    PREFIX,
    owner_filter,
    prefix_bounds,
    used_sql,
)
from .plain_sql import as_datetime

# At most LOOKALIKES terms that share trigrams with a typo, the most alike first. Ordering
# them by rank scores every term that shares a trigram, the most of a typo's look-up: when no
# more than LOOKALIKES share one they are all taken, unordered (foods.search_text.close_terms
# orders what it keeps itself).
LOOKALIKES = 200
_ANY_LOOKALIKES = "SELECT term FROM food_term_tri WHERE food_term_tri MATCH ? LIMIT ?"
_LOOKALIKES = "SELECT term FROM food_term_tri WHERE food_term_tri MATCH ? ORDER BY rank LIMIT ?"
# The first matches in the index's order (rowid): one read of the index tells both whether
# more than CANDIDATES match and the highest row bm25 scores (see SqliteSearch.candidates):
# the BM25_ROWS-th match, or every row when fewer match, but never before the last shipped
# food.
_FIRST_MATCHES = "SELECT rowid FROM food_fts WHERE food_fts MATCH ? LIMIT ?"
_LAST_SHIPPED = (
    "SELECT max(coalesce((SELECT max(pk) FROM food WHERE source = ?), 0), "
    "coalesce((SELECT max(pk) FROM food WHERE source = ?), 0))"
)
_SHIPPED = (FoodSource.USDA_SR28.value, FoodSource.CURATED.value)
_EVERY_ROW = 2**63 - 1
_OWNER_COLUMN = "SELECT 1 FROM pragma_table_info('food') WHERE name = 'owner'"
# The owner filter (SQL, its parameters) and the account whose own foods are added, if any.
Owners = tuple[str, dict[str, Any], int | None]


def has_owner(raw: sqlite3.Connection) -> bool:
    """Whether foods have owners in this database (revision 0008 on), as storage.foods'
    has_owner_column says on SQLAlchemy's connections."""
    return raw.execute(_OWNER_COLUMN).fetchone() is not None


def last_used(value: Any) -> datetime | None:
    """A stored last-used time as SQLAlchemy's DateTime reads it on SQLite."""
    return None if value is None else as_datetime(value)


def _candidates(rows: Iterable[Sequence[Any]]) -> list[Candidate]:
    found = list(map(Candidate._make, rows))
    return [
        c if c.last_used is None else c._replace(last_used=last_used(c.last_used)) for c in found
    ]


@cache
def _every_sql(where: str) -> str:
    return (
        COLUMNS + "FROM (SELECT rowid AS pk FROM food_fts WHERE food_fts MATCH :match) best "
        f"JOIN food f ON f.pk = best.pk AND {where} LEFT JOIN food_usage u ON u.food_id = f.id"
    )


@cache
def _best_sql(where: str) -> str:
    return (
        COLUMNS + "FROM ("
        "  SELECT rowid AS pk, bm25(food_fts, 10.0, 10.0, 3.0) AS score FROM food_fts"
        "  WHERE food_fts MATCH :match AND rowid <= :last ORDER BY score LIMIT :limit"
        f") best JOIN food f ON f.pk = best.pk AND {where} "
        "LEFT JOIN food_usage u ON u.food_id = f.id"
    )


_OWN = (
    COLUMNS + "FROM food f JOIN food_fts ON food_fts.rowid = f.pk "
    "LEFT JOIN food_usage u ON u.food_id = f.id "
    "WHERE f.owner = :viewer AND food_fts MATCH :match LIMIT :limit"
)


@cache
def _hydrate_sql(count: int) -> tuple[str, str]:
    marks = ", ".join("?" * count)
    foods = f"SELECT * FROM food WHERE id IN ({marks})"  # food_from_row reads what it needs
    portions = (
        "SELECT food_id, amount, unit, grams FROM food_portion "
        f"WHERE food_id IN ({marks}) ORDER BY food_id, seq"
    )
    return foods, portions


class SqliteSearch:
    """One search's statements on a sqlite3 connection (storage.food_search.DialectSearch).
    ``owner_column``: whether foods have owners, when the caller knows; else asked here."""

    def __init__(self, raw: sqlite3.Connection, owner_column: bool | None = None) -> None:
        self.raw = raw
        self.owner_column = has_owner(raw) if owner_column is None else owner_column

    def _owners(self, visible_to: int | None) -> Owners:
        where, params = owner_filter(self.owner_column, visible_to)
        return where, params, visible_to if self.owner_column else None

    def has_prefix(self, term: str) -> bool:
        """Does some known term start with ``term``?"""
        return self.raw.execute(PREFIX, prefix_bounds(term)).fetchone() is not None

    def lookalikes(self, term: str) -> list[str]:
        """Known terms that share trigrams with ``term``, the most alike first (at most 200)."""
        grams = {term[i : i + 3] for i in range(len(term) - 2)}
        if not grams:
            return []
        match = " OR ".join(f'"{g}"' for g in sorted(grams))
        found = [row[0] for row in self.raw.execute(_ANY_LOOKALIKES, (match, LOOKALIKES + 1))]
        if len(found) <= LOOKALIKES:
            return found
        return [row[0] for row in self.raw.execute(_LOOKALIKES, (match, LOOKALIKES))]

    def candidates(self, terms: Sequence[QueryTerm], visible_to: int | None) -> list[Candidate]:
        """The best-scored matching foods (see ``matching``) among those ``visible_to`` sees.

        The best rows are taken from the index alone before the join: on a large catalog a
        common prefix matches 100,000 rows, and joining them all first doubles the time.
        Other accounts' foods are left out afterwards; the reader's own are added.

        bm25 scores at most the first BM25_ROWS matching rows, and all the shipped foods (so a
        search of the shipped table alone ranks as it always did): bm25 reads each matching
        row's column sizes, and on a catalog of a million products a common prefix ("mar",
        "chocolate") matches 50,000 rows: scoring them all is most of a search. Finding the
        BM25_ROWS-th match reads the index alone. The rows come in the order they were added:
        the shipped curated and SR28 foods first (the ranking puts those before imported
        products, see foods.ranking), then imports as they came. A reader's own foods and the
        foods they logged are added to the candidates whatever this cap leaves out.
        """
        groups = []
        for term in terms:
            options = [term.term, *term.corrections]
            groups.append("(" + " OR ".join(f'"{o}"*' for o in options) + ")")
        return self.matching(" AND ".join(groups), self._owners(visible_to))

    def matching(
        self, match: str, owners: Owners, limit: int = CANDIDATES, bm25_rows: int = BM25_ROWS
    ) -> list[Candidate]:
        """The ``limit`` best-scored foods matching ``match`` among the first ``bm25_rows``
        matches and the shipped foods, then the reader's own matching foods.

        When no more than ``limit`` foods match, all are taken without scoring them (bm25
        would only order them, and the ranking orders them itself): a broad word on the
        shipped table ("milk", 226 foods) is scored in three times the time it is found.
        """
        where, params, viewer = owners
        raw = self.raw
        first = raw.execute(_FIRST_MATCHES, (match, max(bm25_rows, limit + 1))).fetchall()
        if len(first) <= limit:
            found = _candidates(raw.execute(_every_sql(where), params | {"match": match}))
        else:
            last = first[bm25_rows - 1][0] if len(first) >= bm25_rows else _EVERY_ROW
            last = max(last, raw.execute(_LAST_SHIPPED, _SHIPPED).fetchone()[0])
            params = params | {"match": match, "limit": limit, "last": last}
            found = _candidates(raw.execute(_best_sql(where), params))
        if viewer is not None:
            params = {"match": match, "viewer": viewer, "limit": limit}
            found += _candidates(raw.execute(_OWN, params))
        return found

    def used(self, visible_to: int | None) -> list[Candidate]:
        """The foods the reader may see that were logged, most used first (at most 500)."""
        where, params = owner_filter(self.owner_column, visible_to)
        return _candidates(self.raw.execute(used_sql(where), params))

    def hydrate(self, ids: Sequence[str]) -> list[Food]:
        """The foods with these ids, in the order asked, as storage.foods.get_foods makes
        them (the candidates were already filtered for the reader)."""
        if not ids:
            return []
        foods_sql, portions_sql = _hydrate_sql(len(ids))
        cursor = self.raw.execute(foods_sql, tuple(ids))
        names = [column[0] for column in cursor.description]
        rows = {row["id"]: row for row in (dict(zip(names, r, strict=True)) for r in cursor)}
        portions: dict[str, list[Portion]] = {i: [] for i in rows}
        for food_id, amount, unit, grams in self.raw.execute(portions_sql, tuple(ids)):
            portions[food_id].append(Portion(amount, unit, grams))
        return [food_from_row(rows[i], portions[i]) for i in ids if i in rows]

    def by_barcode(self, code: str, visible_to: int | None) -> Food | None:
        """As storage.foods.find_by_column(..., "barcode", ...)."""
        where, params = owner_filter(self.owner_column, visible_to)
        found = self.raw.execute(BY_BARCODE.format(where=where), params | {"code": code})
        rows = found.fetchall()
        if not rows:
            return None
        best_id, _source = min(rows, key=lambda r: (source_rank(r[1]), r[0]))
        return self.hydrate([best_id])[0]
