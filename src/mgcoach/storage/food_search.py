"""Food search: each dialect finds candidates with its own full-text index, then the shared
ranking (foods.ranking) orders them.

A query term matches an indexed stem by prefix. A term that starts no known stem is a typo
candidate: the vocabulary's trigram index (FTS5 trigram on SQLite, pg_trgm on PostgreSQL)
proposes look-alike terms and foods.search_text decides, by edit distance, which count.

A search is for a reader (``visible_to``, see storage.foods): the SQL itself keeps out the
foods of other accounts, on both dialects. The vocabulary (food_term) is shared: a term only
says that some food has it, and the typo corrections shown are of foods the reader sees.

SQLite is searched through the sqlite3 driver itself (storage.food_search_sqlite), given a
sqlite3 connection (Database.reader) or SQLAlchemy's; PostgreSQL through SQLAlchemy
(storage.food_search_postgres). Nothing here imports SQLAlchemy: ``mgcoach foods search``
loads none (storage.database). The statements both dialects run as they are written are
here, once: sqlite3 and SQLAlchemy's text() bind ``:name`` parameters alike.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from ..foods.model import Food
from ..foods.ranking import Candidate, QueryTerm, Ranked, rank
from ..foods.search_text import allowed_typos, close_terms, terms
from ..frozen import frozen

if TYPE_CHECKING:
    from sqlalchemy import Connection

# How many candidates the index hands to the ranking; the best of them are shown.
CANDIDATES = 400
# How many matching rows SQLite's bm25 scores at most to choose them (food_search_sqlite).
BM25_ROWS = 2000
MAX_CORRECTIONS = 6
# EAN-8 to GTIN-14, as scanners read them.
_BARCODE = re.compile(r"^\d{8,14}$")

# Shared foods, and the reader's own when it is an account (:viewer is then its id).
_SHARED = "f.owner IS NULL"
_SHARED_OR_OWN = "(f.owner IS NULL OR f.owner = :viewer)"
PREFIX = "SELECT 1 FROM food_term WHERE term >= :low AND term < :high LIMIT 1"
COLUMNS = (
    "SELECT f.id, f.source, f.name, f.search_name, f.search_nl, f.search_syn, "
    "coalesce(u.uses, 0), u.last_used "
)
BY_BARCODE = "SELECT f.id, f.source FROM food f WHERE f.barcode = :code AND {where}"


@cache
def used_sql(where: str) -> str:
    """Foods the user has logged: few, so all are handed to the ranking whatever the index
    says.

    The usage rows lead the join (SQLite keeps a CROSS JOIN's order): led by the owner index
    instead, SQLite reads every shared food to find the few used ones (5 ms on SR28)."""
    return (
        COLUMNS + "FROM food_usage u CROSS JOIN food f "
        f"WHERE f.id = u.food_id AND {where} ORDER BY u.uses DESC LIMIT 500"
    )


def owner_filter(owner_column: bool, visible_to: int | None) -> tuple[str, dict[str, Any]]:
    """The foods ``visible_to`` may see, as SQL on ``food f`` and its parameters."""
    if not owner_column:
        return "1 = 1", {}  # an older revision: no food has an owner
    if visible_to is None:
        return _SHARED, {}
    return _SHARED_OR_OWN, {"viewer": visible_to}


def prefix_bounds(term: str) -> dict[str, str]:
    """PREFIX's parameters: the known terms that start with ``term`` sort between these."""
    return {"low": term, "high": term[:-1] + chr(ord(term[-1]) + 1)}


@frozen
class SearchResult:
    foods: list[Food]
    ranked: list[Ranked]  # the best ``limit`` candidates, best first (the foods' rankings)
    terms: list[QueryTerm]

    @property
    def corrections(self) -> dict[str, str]:
        """Typo -> the known term it was read as, over the results shown."""
        found: dict[str, str] = {}
        for item in self.ranked[: len(self.foods)]:
            found.update(item.corrected)
        return found


class DialectSearch(Protocol):
    """What a search asks of one dialect, on one connection."""

    def has_prefix(self, term: str) -> bool: ...
    def lookalikes(self, term: str) -> list[str]: ...
    def candidates(self, terms: Sequence[QueryTerm], visible_to: int | None) -> list[Candidate]: ...
    def used(self, visible_to: int | None) -> list[Candidate]: ...
    def hydrate(self, ids: Sequence[str]) -> list[Food]: ...
    def by_barcode(self, code: str, visible_to: int | None) -> Food | None: ...


def _dialect(connection: Connection | sqlite3.Connection) -> DialectSearch:
    from .food_search_sqlite import SqliteSearch

    if isinstance(connection, sqlite3.Connection):
        return SqliteSearch(connection)
    if connection.dialect.name == "sqlite":
        from .foods import has_owner_column  # known per engine (SQLAlchemy is loaded)

        raw: Any = connection.connection.driver_connection  # the same connection, not another
        return SqliteSearch(raw, has_owner_column(connection))
    from .food_search_postgres import PostgresSearch

    return PostgresSearch(connection)


def query_terms(text: str) -> list[str]:
    """The distinct stemmed terms of a query, in order."""
    return list(dict.fromkeys(terms(text)))


def query(connection: Connection | sqlite3.Connection, text_: str) -> list[QueryTerm]:
    """The query's stemmed terms, each with typo corrections when it starts no known term."""
    return _query(_dialect(connection), text_)


def _query(dialect: DialectSearch, text_: str) -> list[QueryTerm]:
    found = []
    for term in query_terms(text_):
        if allowed_typos(term) == 0 or dialect.has_prefix(term):
            found.append(QueryTerm(term))
            continue
        close = close_terms(term, dialect.lookalikes(term))
        found.append(QueryTerm(term, tuple(t for t, _ in close[:MAX_CORRECTIONS])))
    return found


def find_barcode(
    connection: Connection | sqlite3.Connection, code: str, visible_to: int | None
) -> Food | None:
    """The food with this barcode (the first by source rank when several) among those
    ``visible_to`` may see."""
    return _dialect(connection).by_barcode(code, visible_to)


def search(
    connection: Connection | sqlite3.Connection,
    text_: str,
    limit: int = 10,
    *,
    visible_to: int | None = None,
) -> SearchResult:
    """The foods matching a query that ``visible_to`` may see (the shared ones, and an
    account's own), best first (see foods.ranking for the order); a barcode finds the
    products that carry it."""
    dialect = _dialect(connection)
    if _BARCODE.match(text_.strip()):
        found = dialect.by_barcode(text_.strip(), visible_to)
        if found is not None:
            return SearchResult([found], [], [])
    terms_ = _query(dialect, text_)
    if not terms_:
        return SearchResult([], [], [])
    by_id = {c.food_id: c for c in dialect.candidates(terms_, visible_to)}
    for candidate in dialect.used(visible_to):
        by_id[candidate.food_id] = candidate
    ranked = rank(terms_, by_id.values(), limit)
    return SearchResult(dialect.hydrate([r.candidate.food_id for r in ranked]), ranked, terms_)
