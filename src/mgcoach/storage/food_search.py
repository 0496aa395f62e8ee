"""Food search: each dialect finds candidates with its own full-text index, then the shared
ranking (foods.ranking) orders them.

A query term matches an indexed stem by prefix. A term that starts no known stem is a typo
candidate: the vocabulary's trigram index (FTS5 trigram on SQLite, pg_trgm on PostgreSQL)
proposes look-alike terms and foods.search_text decides, by edit distance, which count.

A search is for a reader (``visible_to``, see storage.foods): the SQL itself keeps out the
foods of other accounts, on both dialects. The vocabulary (food_term) is shared: a term only
says that some food has it, and the typo corrections shown are of foods the reader sees.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, DateTime, text

from ..foods.model import Food
from ..foods.ranking import Candidate, QueryTerm, Ranked, rank
from ..foods.search_text import allowed_typos, close_terms
from .foods import find_by_column, get_foods, has_owner_column, query_terms

# Shared foods, and the reader's own when it is an account (:viewer is then its id).
_SHARED = "f.owner IS NULL"
_SHARED_OR_OWN = "(f.owner IS NULL OR f.owner = :viewer)"


def _owner_filter(connection: Connection, visible_to: int | None) -> tuple[str, dict[str, Any]]:
    if not has_owner_column(connection):
        return "1 = 1", {}  # an older revision: no food has an owner
    if visible_to is None:
        return _SHARED, {}
    return _SHARED_OR_OWN, {"viewer": visible_to}


# How many candidates the index hands to the ranking; the best of them are shown.
CANDIDATES = 400
MAX_CORRECTIONS = 6
_WHEN = DateTime(timezone=True)
# EAN-8 to GTIN-14, as scanners read them.
_BARCODE = re.compile(r"^\d{8,14}$")


@dataclass(frozen=True, slots=True)
class SearchResult:
    foods: list[Food]
    ranked: list[Ranked]
    terms: list[QueryTerm]

    @property
    def corrections(self) -> dict[str, str]:
        """Typo -> the known term it was read as, over the results shown."""
        found: dict[str, str] = {}
        for item in self.ranked[: len(self.foods)]:
            found.update(item.corrected)
        return found


def _has_prefix(connection: Connection, term: str) -> bool:
    upper = term[:-1] + chr(ord(term[-1]) + 1)
    statement = text("SELECT 1 FROM food_term WHERE term >= :low AND term < :high LIMIT 1")
    return connection.execute(statement, {"low": term, "high": upper}).first() is not None


def _lookalikes(connection: Connection, term: str) -> list[str]:
    if connection.dialect.name == "postgresql":
        statement = text(
            "SELECT term FROM food_term WHERE term % :term "
            "ORDER BY similarity(term, :term) DESC, term LIMIT 200"
        )
        return list(connection.execute(statement, {"term": term}).scalars())
    grams = {term[i : i + 3] for i in range(len(term) - 2)}
    if not grams:
        return []
    match = " OR ".join(f'"{g}"' for g in sorted(grams))
    statement = text(
        "SELECT term FROM food_term_tri WHERE food_term_tri MATCH :match ORDER BY rank LIMIT 200"
    )
    return list(connection.execute(statement, {"match": match}).scalars())


def query(connection: Connection, text_: str) -> list[QueryTerm]:
    """The query's stemmed terms, each with typo corrections when it starts no known term."""
    found = []
    for term in query_terms(text_):
        if _has_prefix(connection, term) or allowed_typos(term) == 0:
            found.append(QueryTerm(term))
            continue
        close = close_terms(term, _lookalikes(connection, term))
        found.append(QueryTerm(term, tuple(t for t, _ in close[:MAX_CORRECTIONS])))
    return found


def _candidate(row: Any) -> Candidate:
    food_id, source, name, search_name, search_nl, search_syn, uses, last_used = row
    return Candidate(
        food_id, source, name, search_name, search_nl, search_syn, uses or 0, last_used
    )


def _sqlite_candidates(
    connection: Connection, terms: Sequence[QueryTerm], visible_to: int | None
) -> list[Candidate]:
    groups = []
    for term in terms:
        options = [term.term, *term.corrections]
        groups.append("(" + " OR ".join(f'"{o}"*' for o in options) + ")")
    # The best rows are taken from the index alone before the join: on a large catalog a
    # common prefix matches 100,000 rows, and joining them all first doubles the time. Other
    # accounts' foods are left out afterwards; the reader's own are added (`_sqlite_own`).
    where, params = _owner_filter(connection, visible_to)
    statement = text(
        "SELECT f.id, f.source, f.name, f.search_name, f.search_nl, f.search_syn, "
        "u.uses, u.last_used FROM ("
        "  SELECT rowid AS pk, bm25(food_fts, 10.0, 10.0, 3.0) AS score FROM food_fts"
        "  WHERE food_fts MATCH :match ORDER BY score LIMIT :limit"
        f") best JOIN food f ON f.pk = best.pk AND {where} "
        "LEFT JOIN food_usage u ON u.food_id = f.id ORDER BY best.score"
    ).columns(last_used=_WHEN)
    match = " AND ".join(groups)
    rows = connection.execute(statement, {"match": match, "limit": CANDIDATES, **params})
    found = [_candidate(row) for row in rows]
    if visible_to is not None and has_owner_column(connection):
        found += _sqlite_own(connection, match, visible_to)
    return found


def _sqlite_own(connection: Connection, match: str, visible_to: int) -> list[Candidate]:
    """The reader's own matching foods, whatever the shared ones crowd into the best rows."""
    statement = text(
        "SELECT f.id, f.source, f.name, f.search_name, f.search_nl, f.search_syn, "
        "u.uses, u.last_used FROM food f JOIN food_fts ON food_fts.rowid = f.pk "
        "LEFT JOIN food_usage u ON u.food_id = f.id "
        "WHERE f.owner = :viewer AND food_fts MATCH :match LIMIT :limit"
    ).columns(last_used=_WHEN)
    rows = connection.execute(
        statement, {"match": match, "viewer": visible_to, "limit": CANDIDATES}
    )
    return [_candidate(row) for row in rows]


def _postgres_candidates(
    connection: Connection, terms: Sequence[QueryTerm], visible_to: int | None
) -> list[Candidate]:
    groups = []
    for term in terms:
        options = [term.term, *term.corrections]
        groups.append("(" + " | ".join(f"{o}:*" for o in options) + ")")
    where, params = _owner_filter(connection, visible_to)
    statement = text(
        "SELECT f.id, f.source, f.name, f.search_name, f.search_nl, f.search_syn, "
        "u.uses, u.last_used FROM food f LEFT JOIN food_usage u ON u.food_id = f.id, "
        f"to_tsquery('simple', :match) q WHERE f.search_vector @@ q AND {where} "
        "ORDER BY ts_rank(f.search_vector, q) DESC, length(f.name) LIMIT :limit"
    ).columns(last_used=_WHEN)
    rows = connection.execute(
        statement, {"match": " & ".join(groups), "limit": CANDIDATES, **params}
    )
    return [_candidate(row) for row in rows]


def _used_candidates(
    connection: Connection, terms: Sequence[QueryTerm], visible_to: int | None
) -> list[Candidate]:
    """Foods the user has logged: few, so all are handed to the ranking whatever the index says."""
    where, params = _owner_filter(connection, visible_to)
    statement = text(
        "SELECT f.id, f.source, f.name, f.search_name, f.search_nl, f.search_syn, "
        "u.uses, u.last_used FROM food_usage u JOIN food f ON f.id = u.food_id "
        f"WHERE {where} ORDER BY u.uses DESC LIMIT 500"
    ).columns(last_used=_WHEN)
    return [_candidate(row) for row in connection.execute(statement, params)]


def search(
    connection: Connection, text_: str, limit: int = 10, *, visible_to: int | None = None
) -> SearchResult:
    """The foods matching a query that ``visible_to`` may see (the shared ones, and an
    account's own), best first (see foods.ranking for the order); a barcode finds the
    products that carry it."""
    if _BARCODE.match(text_.strip()):
        found = find_by_column(connection, "barcode", text_.strip(), visible_to)
        if found is not None:
            return SearchResult([found], [], [])
    terms = query(connection, text_)
    if not terms:
        return SearchResult([], [], [])
    if connection.dialect.name == "postgresql":
        candidates = _postgres_candidates(connection, terms, visible_to)
    else:
        candidates = _sqlite_candidates(connection, terms, visible_to)
    by_id = {c.food_id: c for c in candidates}
    for used in _used_candidates(connection, terms, visible_to):
        by_id[used.food_id] = used
    ranked = rank(terms, by_id.values())
    foods = get_foods(connection, [r.candidate.food_id for r in ranked[:limit]])
    return SearchResult(foods, ranked, terms)
