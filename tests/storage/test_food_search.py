"""Food search on SQLite (FTS5) and PostgreSQL (tsvector + pg_trgm): one ranking contract."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mgcoach.storage.database import Database
from mgcoach.storage.food_search import search
from mgcoach.storage.foods import get_foods, record_use

QUERIES = [
    "almonds",
    "amandelen",
    "almods",
    "spinch",
    "spinach raw",
    "oat bran",
    "milk",
    "pumpkin seeds",
    "banana",
    "chia",
    "alm",
    "beans black cooked",
    "chocolate dark",
    "cheddar",
    "brocoli",
]


def names(db: Database, query: str, limit: int = 5) -> list[str]:
    with db.connect() as connection:
        return [f.id for f in search(connection, query, limit).foods]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("almonds", "usda:12061", id="english"),
        pytest.param("Almonds", "usda:12061", id="case"),
        pytest.param("amandelen", "usda:12061", id="dutch"),
        pytest.param("amandel", "usda:12061", id="dutch-singular"),
        pytest.param("almods", "usda:12061", id="typo-missing-letter"),
        pytest.param("almonsd", "usda:12061", id="typo-swap"),
        pytest.param("almo", "usda:12061", id="prefix"),
    ],
)
def test_finds_almonds(sr28_db: Database, query: str, expected: str) -> None:
    assert names(sr28_db, query)[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("spinch", "usda:11457", id="spinach-typo"),
        pytest.param("spinach raw", "usda:11457", id="spinach-two-words"),
        pytest.param("oat bran", "usda:20033", id="oat-bran"),
        pytest.param("chia", "usda:12006", id="chia"),
    ],
)
def test_first_hit(sr28_db: Database, query: str, expected: str) -> None:
    assert names(sr28_db, query)[0] == expected


def test_nonsense_finds_nothing(sr28_db: Database) -> None:
    assert names(sr28_db, "xqzvw") == []
    assert names(sr28_db, "almonds xqzvw") == []


def test_typo_is_reported(sr28_db: Database) -> None:
    with sr28_db.connect() as connection:
        result = search(connection, "almods", 3)
    assert result.corrections == {"almod": "almond"}


def test_same_ranking_on_both_databases(sr28_databases: Callable[[str], Database]) -> None:
    sqlite, postgres = sr28_databases("sqlite"), sr28_databases("postgresql")
    for query in QUERIES:
        assert names(sqlite, query, 10) == names(postgres, query, 10), query


def test_used_foods_come_first(db: Database) -> None:
    before = names(db, "almonds", 10)
    assert before[0] == "usda:12061"
    assert len(before) > 1
    later = before[-1]
    with db.begin() as connection:
        record_use(connection, later)
    assert names(db, "almonds", 10)[0] == later


def test_results_are_the_stored_foods(sr28_db: Database) -> None:
    """The search reads its results itself (on SQLite through the driver): each is the same
    Food as storage.foods.get_foods makes, with its nutrients and portions, in ranked order."""
    with sr28_db.connect() as connection:
        for query in [*QUERIES, "a", "ch", "melk"]:
            found = search(connection, query, 25).foods
            assert found, query
            assert found == get_foods(connection, [f.id for f in found]), query
            assert any(f.portions for f in found), query
