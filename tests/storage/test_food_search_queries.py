"""The thirty realistic searches (tests/support/search_queries.py, also timed by bench/foods.py)
find the right food first, on SQLite (FTS5) and PostgreSQL (tsvector + pg_trgm)."""

from __future__ import annotations

import pytest

from mgcoach.storage.database import Database
from mgcoach.storage.food_search import search
from tests.support.search_queries import SEARCH_QUERIES, SearchQuery


@pytest.mark.parametrize("query", SEARCH_QUERIES, ids=lambda q: f"{q.kind}-{q.text}")
def test_top_result(sr28_db: Database, query: SearchQuery) -> None:
    with sr28_db.connect() as connection:
        found = search(connection, query.text, 10).foods
    assert [f.id for f in found[:1]] == [query.first]


def test_the_set() -> None:
    assert len(SEARCH_QUERIES) == 30
    assert {q.kind for q in SEARCH_QUERIES} == {"en", "nl", "typo"}
