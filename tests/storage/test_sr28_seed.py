"""The full SR28 table on first open (storage.sr28_seed): every food there, the curated ones
kept on top, loaded once, reloaded when the shipped table changes, searchable either way."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import text

from mgcoach.foods.curated import curated_foods
from mgcoach.foods.model import Food, FoodSource
from mgcoach.foods.sr28_table import SR28_FOODS, sr28_foods, table_bytes, table_hash, write_table
from mgcoach.storage import sr28_seed
from mgcoach.storage.database import Database
from mgcoach.storage.food_search import search
from mgcoach.storage.foods import count_by_source, get_foods, write_foods


def _ids(db: Database, query: str) -> list[str]:
    with db.connect() as connection:
        return [item.id for item in search(connection, query, limit=5).foods]


def test_new_database_holds_every_sr28_food(db: Database) -> None:
    table = {item.id for item in sr28_foods()}
    curated = {item.id for item in curated_foods()}
    with db.connect() as connection:
        counts = count_by_source(connection)
        almonds, water = get_foods(connection, ["usda:12061", "usda:14429"])
    assert counts["curated"] == len(curated) and len(table) == SR28_FOODS
    assert counts["usda_sr28"] == len(table - curated)  # the curated rows are kept
    assert sum(counts.values()) >= SR28_FOODS
    assert almonds.source is FoodSource.CURATED and almonds.name_nl == "Amandelen"
    assert water.usda_ndb == "14429" and water.group == "beverages"  # curated or SR28's own
    assert water.per_100g["magnesium_mg"] == 1 and len(water.portions) == 4
    assert "usda:14429" in _ids(db, "municipal tap water")[:3]
    assert _ids(db, "almonds")[0] == "usda:12061"  # the curated food first


def test_second_open_loads_nothing(db: Database) -> None:
    assert not sr28_seed.needs_sr28(db)
    again = Database(db.url)
    try:
        assert sr28_seed.ensure_sr28(again) == 0
    finally:
        again.dispose()


def _changed_table(folder: Path, plain: str) -> None:
    """The shipped table with one SR28 food changed, almonds (curated) changed, one added."""
    foods: list[Food] = []
    for item in sr28_foods():
        if item.id in (plain, "usda:12061"):
            item = dataclasses.replace(item, per_100g={**item.per_100g, "magnesium_mg": 99.0})
        foods.append(item)
    extra = dataclasses.replace(foods[0], id="usda:99001", name="Zzyzx test berries")
    foods.append(dataclasses.replace(extra, usda_ndb="99001"))
    write_table(folder, table_bytes(foods, {}))


def test_changed_table_rewrites_what_differs(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    curated = {item.id for item in curated_foods()}
    plain = next(item.id for item in sr28_foods() if item.id not in curated)
    _changed_table(tmp_path, plain)
    monkeypatch.setattr(sr28_seed, "shipped_hash", lambda: table_hash(tmp_path))
    monkeypatch.setattr(sr28_seed, "sr28_foods", lambda: sr28_foods(tmp_path))
    assert sr28_seed.needs_sr28(db)
    assert sr28_seed.ensure_sr28(db) == 2  # one food rewritten, the berries added
    assert sr28_seed.ensure_sr28(db) == 0
    with db.connect() as connection:
        changed, almonds, added = get_foods(connection, [plain, "usda:12061", "usda:99001"])
    assert changed.per_100g["magnesium_mg"] == 99
    assert almonds.per_100g["magnesium_mg"] == 270 and almonds.name_nl == "Amandelen"
    assert added.source is FoodSource.USDA_SR28 and added.portions
    assert _ids(db, "zzyzx") == ["usda:99001"]


def test_search_index_keeps_working_after_the_load(db: Database) -> None:
    """The load sets SQLite's index triggers aside; a food written afterwards is found."""
    mine = dataclasses.replace(
        next(sr28_foods()), id="user:1", name="Quibbleberry jam", source=FoodSource.USER
    )
    with db.begin() as connection:
        write_foods(connection, [mine])
        if db.dialect == "sqlite":
            triggers = connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            ).scalars()
            assert {"food_fts_insert", "food_term_tri_insert"} <= set(triggers)
    assert _ids(db, "quibbleberry") == ["user:1"]
    assert _ids(db, "quibleberry") == ["user:1"]  # a typo: the term vocabulary has it
