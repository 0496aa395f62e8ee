"""PostgreSQL's side of the food search (storage.food_search), through SQLAlchemy: the search
vector and tsquery find the candidates, pg_trgm the look-alike terms of a typo."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, DateTime, Row, Select, TextualSelect, bindparam, select, text

from ..foods.model import Food, Portion
from ..foods.ranking import Candidate, QueryTerm
from .food_search import CANDIDATES, PREFIX, owner_filter, prefix_bounds, used_sql
from .foods import _food, find_by_column, has_owner_column
from .tables import food, food_portion

_WHEN = DateTime(timezone=True)
# The fixed statements are made once: text() parses its SQL each time it is built.
_PREFIX = text(PREFIX)
_LOOKALIKES = text(
    "SELECT term FROM food_term WHERE term % :term "
    "ORDER BY similarity(term, :term) DESC, term LIMIT 200"
)


@cache
def _statement(sql: str) -> TextualSelect:
    """A candidates statement, parsed once for each owner filter."""
    return text(sql).columns(last_used=_WHEN)


def _candidate(row: Any) -> Candidate:
    food_id, source, name, search_name, search_nl, search_syn, uses, last_used = row
    return Candidate(
        food_id, source, name, search_name, search_nl, search_syn, uses or 0, last_used
    )


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


class PostgresSearch:
    """One search's statements on a SQLAlchemy connection (storage.food_search.DialectSearch)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def _owners(self, visible_to: int | None) -> tuple[str, dict[str, Any]]:
        return owner_filter(has_owner_column(self.connection), visible_to)

    def has_prefix(self, term: str) -> bool:
        return self.connection.execute(_PREFIX, prefix_bounds(term)).first() is not None

    def lookalikes(self, term: str) -> list[str]:
        return list(self.connection.execute(_LOOKALIKES, {"term": term}).scalars())

    def candidates(self, terms: Sequence[QueryTerm], visible_to: int | None) -> list[Candidate]:
        groups = []
        for term in terms:
            options = [term.term, *term.corrections]
            groups.append("(" + " | ".join(f"{o}:*" for o in options) + ")")
        where, params = self._owners(visible_to)
        statement = _statement(
            "SELECT f.id, f.source, f.name, f.search_name, f.search_nl, f.search_syn, "
            "u.uses, u.last_used FROM food f LEFT JOIN food_usage u ON u.food_id = f.id, "
            f"to_tsquery('simple', :match) q WHERE f.search_vector @@ q AND {where} "
            "ORDER BY ts_rank(f.search_vector, q) DESC, length(f.name) LIMIT :limit"
        )
        rows = self.connection.execute(
            statement, {"match": " & ".join(groups), "limit": CANDIDATES, **params}
        )
        return [_candidate(row) for row in rows]

    def used(self, visible_to: int | None) -> list[Candidate]:
        where, params = self._owners(visible_to)
        return [_candidate(r) for r in self.connection.execute(_statement(used_sql(where)), params)]

    def hydrate(self, ids: Sequence[str]) -> list[Food]:
        """The foods shown, in the order asked: the same Food objects as storage.foods.get_foods
        makes, in two statements built once (the candidates were already filtered for the
        reader). The foods come in one statement and their portions in another: one joined
        statement would repeat a food's 80 columns on each of its portions."""
        if not ids:
            return []
        connection = self.connection
        foods, portions = _hydrate_statements(has_owner_column(connection))
        params = {"ids": list(ids)}
        rows: dict[str, Row[Any]] = {row.id: row for row in connection.execute(foods, params)}
        found: dict[str, list[Portion]] = {i: [] for i in rows}
        for food_id, amount, unit, grams in connection.execute(portions, params):
            found[food_id].append(Portion(amount, unit, grams))
        return [_food(rows[i], found[i]) for i in ids if i in rows]

    def by_barcode(self, code: str, visible_to: int | None) -> Food | None:
        return find_by_column(self.connection, "barcode", code, visible_to)
