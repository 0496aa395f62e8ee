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

from ..foods.model import Food, FoodSource, Portion
from ..foods.ranking import Candidate, QueryTerm, Ranked, rank
from ..foods.search_text import allowed_typos, close_terms
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


# How many candidates the index hands to the ranking; the best of them are shown.
CANDIDATES = 400
# How many matching rows SQLite's bm25 scores at most to choose them (see _last_scored).
BM25_ROWS = 2000
_EVERY_ROW = 2**63 - 1
# The BM25_ROWS-th matching row, or every row when fewer match; never before the last shipped
# food (curated and SR28 are loaded first, at a database's first open).
_LAST_SCORED = text(
    "SELECT max(coalesce((SELECT rowid FROM food_fts WHERE food_fts MATCH :match "
    "LIMIT 1 OFFSET :offset), :every), "
    "coalesce((SELECT max(pk) FROM food WHERE source = :sr28), 0), "
    "coalesce((SELECT max(pk) FROM food WHERE source = :curated), 0))"
)
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


# The fixed statements are made once: text() parses its SQL each time it is built.
_PREFIX = text("SELECT 1 FROM food_term WHERE term >= :low AND term < :high LIMIT 1")
_POSTGRES_LOOKALIKES = text(
    "SELECT term FROM food_term WHERE term % :term "
    "ORDER BY similarity(term, :term) DESC, term LIMIT 200"
)
_SQLITE_LOOKALIKES = text(
    "SELECT term FROM food_term_tri WHERE food_term_tri MATCH :match ORDER BY rank LIMIT 200"
)


def _has_prefix(connection: Connection, term: str) -> bool:
    upper = term[:-1] + chr(ord(term[-1]) + 1)
    return connection.execute(_PREFIX, {"low": term, "high": upper}).first() is not None


def _lookalikes(connection: Connection, term: str) -> list[str]:
    if connection.dialect.name == "postgresql":
        return list(connection.execute(_POSTGRES_LOOKALIKES, {"term": term}).scalars())
    grams = {term[i : i + 3] for i in range(len(term) - 2)}
    if not grams:
        return []
    match = " OR ".join(f'"{g}"' for g in sorted(grams))
    return list(connection.execute(_SQLITE_LOOKALIKES, {"match": match}).scalars())


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
    groups = []
    for term in terms:
        options = [term.term, *term.corrections]
        groups.append("(" + " OR ".join(f'"{o}"*' for o in options) + ")")
    # The best rows are taken from the index alone before the join: on a large catalog a
    # common prefix matches 100,000 rows, and joining them all first doubles the time. Other
    # accounts' foods are left out afterwards; the reader's own are added (`_sqlite_own`).
    where, params = _owner_filter(connection, visible_to)
    statement = _statement(
        "SELECT f.id, f.source, f.name, f.search_name, f.search_nl, f.search_syn, "
        "u.uses, u.last_used FROM ("
        "  SELECT rowid AS pk, bm25(food_fts, 10.0, 10.0, 3.0) AS score FROM food_fts"
        "  WHERE food_fts MATCH :match AND rowid <= :last ORDER BY score LIMIT :limit"
        f") best JOIN food f ON f.pk = best.pk AND {where} "
        "LEFT JOIN food_usage u ON u.food_id = f.id ORDER BY best.score"
    )
    match = " AND ".join(groups)
    params |= {"match": match, "limit": CANDIDATES, "last": _last_scored(connection, match)}
    rows = connection.execute(statement, params)
    found = [_candidate(row) for row in rows]
    if visible_to is not None and has_owner_column(connection):
        found += _sqlite_own(connection, match, visible_to)
    return found


def _last_scored(connection: Connection, match: str) -> int:
    """The highest row bm25 scores: every matching row, or the first BM25_ROWS of them and
    all the shipped foods (so a search of the shipped table alone ranks as it always did).

    bm25 reads each matching row's column sizes, and on a catalog of a million products a
    common prefix ("mar", "chocolate") matches 50,000 rows: scoring them all is most of a
    search. Finding the BM25_ROWS-th match reads the index alone. The rows come in the order
    they were added: the shipped curated and SR28 foods first (the ranking puts those before
    imported products, see foods.ranking), then imports as they came. A reader's own foods and
    the foods they logged are added to the candidates whatever this cap leaves out.
    """
    params = {"match": match, "offset": BM25_ROWS - 1, "every": _EVERY_ROW}
    params |= {"sr28": FoodSource.USDA_SR28.value, "curated": FoodSource.CURATED.value}
    return int(connection.execute(_LAST_SCORED, params).scalar_one())


def _sqlite_own(connection: Connection, match: str, visible_to: int) -> list[Candidate]:
    """The reader's own matching foods, whatever the shared ones crowd into the best rows."""
    statement = _statement(
        "SELECT f.id, f.source, f.name, f.search_name, f.search_nl, f.search_syn, "
        "u.uses, u.last_used FROM food f JOIN food_fts ON food_fts.rowid = f.pk "
        "LEFT JOIN food_usage u ON u.food_id = f.id "
        "WHERE f.owner = :viewer AND food_fts MATCH :match LIMIT :limit"
    )
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
    else:
        candidates = _sqlite_candidates(connection, terms, visible_to)
    by_id = {c.food_id: c for c in candidates}
    for used in _used_candidates(connection, terms, visible_to):
        by_id[used.food_id] = used
    ranked = rank(terms, by_id.values())
    foods = _hydrate(connection, [r.candidate.food_id for r in ranked[:limit]])
    return SearchResult(foods, ranked, terms)


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
