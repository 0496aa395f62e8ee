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
from functools import cache
from typing import Any

from sqlalchemy import Connection, DateTime, Row, Select, TextualSelect, bindparam, select, text

from ..foods.model import Food, Portion
from ..foods.ranking import Candidate, QueryTerm, Ranked, rank
from ..foods.search_text import allowed_typos, close_terms
from . import food_search_sqlite as sqlite_search
from .foods import _food, find_by_column, has_owner_column, query_terms
from .tables import food, food_portion

# Shared foods, and the reader's own when it is an account (:viewer is then its id).
_SHARED = "f.owner IS NULL"
_SHARED_OR_OWN = "(f.owner IS NULL OR f.owner = :viewer)"


def _owner_filter(connection: Connection, visible_to: int | None) -> tuple[str, dict[str, Any]]:
    if not has_owner_column(connection):
        return "1 = 1", {}  # an older revision: no food has an owner
    if visible_to is None:
        return _SHARED, {}
    return _SHARED_OR_OWN, {"viewer": visible_to}


def _owners(connection: Connection, visible_to: int | None) -> sqlite_search.Owners:
    """The owner filter, and the account whose own foods a search adds (when foods have
    owners)."""
    where, params = _owner_filter(connection, visible_to)
    own = visible_to if has_owner_column(connection) else None
    return where, params, own


# How many candidates the index hands to the ranking; the best of them are shown.
CANDIDATES = 400
# How many matching rows SQLite's bm25 scores at most to choose them (_sqlite_candidates).
BM25_ROWS = 2000
MAX_CORRECTIONS = 6
_WHEN = DateTime(timezone=True)
# EAN-8 to GTIN-14, as scanners read them.
_BARCODE = re.compile(r"^\d{8,14}$")


@dataclass(frozen=True, slots=True)
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


# The fixed statements are made once: text() parses its SQL each time it is built.
_PREFIX = text("SELECT 1 FROM food_term WHERE term >= :low AND term < :high LIMIT 1")
_POSTGRES_LOOKALIKES = text(
    "SELECT term FROM food_term WHERE term % :term "
    "ORDER BY similarity(term, :term) DESC, term LIMIT 200"
)


def _has_prefix(connection: Connection, term: str) -> bool:
    upper = term[:-1] + chr(ord(term[-1]) + 1)
    return connection.execute(_PREFIX, {"low": term, "high": upper}).first() is not None


def _lookalikes(connection: Connection, term: str) -> list[str]:
    return list(connection.execute(_POSTGRES_LOOKALIKES, {"term": term}).scalars())


def query(connection: Connection, text_: str) -> list[QueryTerm]:
    """The query's stemmed terms, each with typo corrections when it starts no known term."""
    found = []
    sqlite = connection.dialect.name == "sqlite"
    known = sqlite_search.has_prefix if sqlite else _has_prefix
    alike = sqlite_search.lookalikes if sqlite else _lookalikes
    for term in query_terms(text_):
        if allowed_typos(term) == 0 or known(connection, term):
            found.append(QueryTerm(term))
            continue
        close = close_terms(term, alike(connection, term))
        found.append(QueryTerm(term, tuple(t for t, _ in close[:MAX_CORRECTIONS])))
    return found


@cache
def _statement(sql: str) -> TextualSelect:
    """A candidates statement, parsed once for each owner filter."""
    return text(sql).columns(last_used=_WHEN)


def _candidate(row: Any) -> Candidate:
    food_id, source, name, search_name, search_nl, search_syn, uses, last_used = row
    return Candidate(
        food_id, source, name, search_name, search_nl, search_syn, uses or 0, last_used
    )


def _sqlite_candidates(
    connection: Connection, terms: Sequence[QueryTerm], visible_to: int | None
) -> list[Candidate]:
    """The best-scored matching foods (see food_search_sqlite.candidates).

    The best rows are taken from the index alone before the join: on a large catalog a
    common prefix matches 100,000 rows, and joining them all first doubles the time. Other
    accounts' foods are left out afterwards; the reader's own are added.

    bm25 scores at most the first BM25_ROWS matching rows, and all the shipped foods (so a
    search of the shipped table alone ranks as it always did): bm25 reads each matching row's
    column sizes, and on a catalog of a million products a common prefix ("mar", "chocolate")
    matches 50,000 rows: scoring them all is most of a search. Finding the BM25_ROWS-th match
    reads the index alone. The rows come in the order they were added: the shipped curated and
    SR28 foods first (the ranking puts those before imported products, see foods.ranking), then
    imports as they came. A reader's own foods and the foods they logged are added to the
    candidates whatever this cap leaves out.
    """
    groups = []
    for term in terms:
        options = [term.term, *term.corrections]
        groups.append("(" + " OR ".join(f'"{o}"*' for o in options) + ")")
    match = " AND ".join(groups)
    owners = _owners(connection, visible_to)
    return sqlite_search.candidates(connection, match, owners, CANDIDATES, BM25_ROWS)


def _postgres_candidates(
    connection: Connection, terms: Sequence[QueryTerm], visible_to: int | None
) -> list[Candidate]:
    groups = []
    for term in terms:
        options = [term.term, *term.corrections]
        groups.append("(" + " | ".join(f"{o}:*" for o in options) + ")")
    where, params = _owner_filter(connection, visible_to)
    statement = _statement(
        "SELECT f.id, f.source, f.name, f.search_name, f.search_nl, f.search_syn, "
        "u.uses, u.last_used FROM food f LEFT JOIN food_usage u ON u.food_id = f.id, "
        f"to_tsquery('simple', :match) q WHERE f.search_vector @@ q AND {where} "
        "ORDER BY ts_rank(f.search_vector, q) DESC, length(f.name) LIMIT :limit"
    )
    rows = connection.execute(
        statement, {"match": " & ".join(groups), "limit": CANDIDATES, **params}
    )
    return [_candidate(row) for row in rows]


def _used_candidates(
    connection: Connection, terms: Sequence[QueryTerm], visible_to: int | None
) -> list[Candidate]:
    """Foods the user has logged: few, so all are handed to the ranking whatever the index says.

    The usage rows lead the join (SQLite keeps a CROSS JOIN's order): led by the owner index
    instead, SQLite reads every shared food to find the few used ones (5 ms on SR28)."""
    where, params = _owner_filter(connection, visible_to)
    statement = _statement(
        "SELECT f.id, f.source, f.name, f.search_name, f.search_nl, f.search_syn, "
        "u.uses, u.last_used FROM food_usage u CROSS JOIN food f "
        f"WHERE f.id = u.food_id AND {where} ORDER BY u.uses DESC LIMIT 500"
    )
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
        used = _used_candidates(connection, terms, visible_to)
    else:
        candidates = _sqlite_candidates(connection, terms, visible_to)
        used = sqlite_search.used(connection, _owners(connection, visible_to))
    by_id = {c.food_id: c for c in candidates}
    for candidate in used:
        by_id[candidate.food_id] = candidate
    ranked = rank(terms, by_id.values(), limit)
    ids = [r.candidate.food_id for r in ranked]
    if connection.dialect.name == "postgresql":
        return SearchResult(_hydrate(connection, ids), ranked, terms)
    return SearchResult(sqlite_search.hydrate(connection, ids), ranked, terms)


@cache
def _hydrate_statements(owners: bool) -> tuple[Select[Any], Select[Any]]:
    """The foods with the ids asked, and their portions: made once, not for each search."""
    ids: Any = bindparam("ids", expanding=True)
    columns = [c for c in food.columns if owners or c.name != "owner"]
    portions = (
        select(food_portion.c.food_id, food_portion.c.amount, food_portion.c.unit)
        .add_columns(food_portion.c.grams)
        .where(food_portion.c.food_id.in_(ids))
        .order_by(food_portion.c.food_id, food_portion.c.seq)
    )
    return select(*columns).where(food.c.id.in_(ids)), portions


def _hydrate(connection: Connection, ids: Sequence[str]) -> list[Food]:
    """The foods shown, in the order asked: the same Food objects as storage.foods.get_foods
    makes, in two statements built once (the candidates were already filtered for the
    reader). The foods come in one statement and their portions in another: one joined
    statement would repeat a food's 80 columns on each of its portions."""
    if not ids:
        return []
    foods, portions = _hydrate_statements(has_owner_column(connection))
    params = {"ids": list(ids)}
    rows: dict[str, Row[Any]] = {row.id: row for row in connection.execute(foods, params)}
    found: dict[str, list[Portion]] = {i: [] for i in rows}
    for food_id, amount, unit, grams in connection.execute(portions, params):
        found[food_id].append(Portion(amount, unit, grams))
    return [_food(rows[i], found[i]) for i in ids if i in rows]
