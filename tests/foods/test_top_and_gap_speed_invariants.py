"""The kept copy of the everyday foods (services.foods.everyday_foods) changes speed, not results.

``top_foods`` and ``plan_gap`` are compared with the uncached code they replaced (kept below as
the reference: the database ranks, every row is read and every serving parsed on each call),
and a food written after the copy was made (``add_food``, another connection's write, a food
removed and another written under its row number) shows up on the very next call.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mgcoach.foods.model import Food, FoodSource
from mgcoach.foods.portions import portion_grams
from mgcoach.foods.snacks import snack_results, snacks
from mgcoach.foods.suggest import Candidate, suggest
from mgcoach.foods.tags import find_tag
from mgcoach.services import food_suggest
from mgcoach.services.food_everyday import everyday_foods
from mgcoach.services.food_recipes import add_recipe
from mgcoach.services.food_suggest import GapPlan, plan_gap
from mgcoach.services.foods import (
    MIN_KCAL_PER_100G,
    Per,
    TopRow,
    add_food,
    top_foods,
)
from mgcoach.settings import Settings
from mgcoach.storage import curated_seed
from mgcoach.storage.database import Database, open_database
from mgcoach.storage.everyday import CURATED_SEED_KEY
from mgcoach.storage.foods import delete_food, get_foods
from mgcoach.storage.tables import food as food_table
from tests.databases import Templates

EVERYDAY = [s.value for s in (FoodSource.CURATED, FoodSource.USER, FoodSource.RECIPE)]


# --- the reference: the code before the copy, verbatim in what it computes ------------------


def reference_top(
    db: Database,
    key: str,
    per: Per,
    *,
    vegan: bool = False,
    exclude: Sequence[str] = (),
    limit: int = 20,
) -> list[TopRow]:
    excluded = [find_tag(word).slug for word in exclude]
    column = food_table.c[key]
    statement = select(food_table.c.id).where(column.is_not(None))
    statement = statement.where(food_table.c.source.in_(EVERYDAY))
    if vegan:
        statement = statement.where(food_table.c.tags.like("%;vegan;%"))
    for slug in excluded:
        statement = statement.where(food_table.c.tags.not_like(f"%;{slug};%"))
    if per is Per.GRAMS_100:
        statement = statement.order_by(column.desc(), food_table.c.name).limit(limit)
    elif per is Per.KCAL_100:
        energy = food_table.c.energy_kcal
        statement = (
            statement.where(energy >= MIN_KCAL_PER_100G)
            .order_by((column / energy).desc(), food_table.c.name)
            .limit(limit)
        )
    else:
        statement = statement.where(food_table.c.serving.is_not(None))
    with db.connect() as connection:
        foods = get_foods(connection, list(connection.execute(statement).scalars()))
    rows = []
    for item in foods:
        value = item.value(key)
        if value is None:
            continue
        if per is Per.GRAMS_100:
            rows.append(TopRow(item, value, None))
        elif per is Per.KCAL_100:
            energy_value = item.value("energy_kcal") or 0.0
            if energy_value:
                rows.append(TopRow(item, value / energy_value * 100.0, None))
        elif item.serving is not None:
            grams = portion_grams(item, item.serving).grams
            rows.append(TopRow(item, value * grams / 100.0, grams))
    if per is Per.PORTION:
        rows.sort(key=lambda r: (-r.value, r.food.name))
    return rows[:limit]


def _reference_allowed(item: Food, vegan: bool, excluded: set[str]) -> bool:
    return (not vegan or "vegan" in item.tags) and not item.tags & excluded


def reference_plan(
    db: Database, gap_mg: float, *, vegan: bool = False, exclude: Sequence[str] = ()
) -> GapPlan:
    excluded = {find_tag(word).slug for word in exclude}
    statement = select(food_table.c.id).where(
        food_table.c.source.in_(EVERYDAY), food_table.c.serving.is_not(None)
    )
    with db.connect() as connection:
        foods = get_foods(connection, list(connection.execute(statement).scalars()))
    candidates = [
        Candidate(f, f.serving, portion_grams(f, f.serving).grams)
        for f in foods
        if _reference_allowed(f, vegan, excluded) and f.serving and f.value("magnesium_mg")
    ]

    def per_kcal(c: Candidate) -> float:
        energy = c.food.value("energy_kcal")
        return (c.food.value("magnesium_mg") or 0.0) / energy if energy else float("inf")

    def per_portion(c: Candidate) -> float:
        return (c.food.value("magnesium_mg") or 0.0) * c.grams

    by_kcal = sorted(candidates, key=per_kcal, reverse=True)[: food_suggest.POOL_PER_KCAL]
    chosen = {c.food.id: c for c in by_kcal}
    by_portion = sorted(candidates, key=per_portion, reverse=True)
    for c in by_portion[: food_suggest.POOL_PER_PORTION]:
        chosen.setdefault(c.food.id, c)
    pool = sorted(chosen.values(), key=lambda c: c.food.id)
    suggestion = suggest(pool, gap_mg)
    by_id = {f.id: f for f in foods}
    fitting = [
        s
        for s in snacks()
        if all(
            _reference_allowed(by_id[i.food_id], vegan, excluded)
            for i in s.ingredients
            if i.food_id in by_id
        )
    ]
    results = snack_results(by_id) if fitting else ()
    wanted = {s.slug for s in fitting}
    return GapPlan(suggestion, tuple(r for r in results if r.snack.slug in wanted), len(pool))


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def sqlite_db(db_templates: Templates, tmp_path: Path) -> Iterator[Database]:
    database = open_database(db_templates.fresh("sqlite", tmp_path / "data"))
    yield database
    database.dispose()


def own_foods(db: Database) -> list[Food]:
    """A few own foods and a recipe, placed to test the order: one ties the richest curated
    food per 100 g with a name that sorts before it, one ties it with a name after it."""
    richest = reference_top(db, "magnesium_mg", Per.GRAMS_100, limit=1)[0].food
    value = richest.value("magnesium_mg")
    assert value is not None
    assert "A " + richest.name < richest.name < "~ after " + richest.name
    made = [
        add_food(
            db,
            "A " + richest.name,
            {"magnesium_mg": value, "energy_kcal": 500.0, "zinc_mg": 3.0},
            tags=["vegan", "seeds"],
            serving="30 g",
        ),
        add_food(
            db,
            "~ after " + richest.name,
            {"magnesium_mg": value, "energy_kcal": 480.0},
            tags=["vegan"],
            serving="1 oz",
        ),
        add_food(db, "Label only", {"magnesium_mg": 120.0}),  # no energy, no serving
    ]
    recipe = add_recipe(db, "Oat bowl", [("rolled oats", "40 g"), ("almonds", "15 g")])
    return [*made, recipe.food]


FILTERS: list[dict[str, Any]] = [
    {},
    {"vegan": True},
    {"exclude": ["nuts", "dairy"]},
    {"vegan": True, "exclude": ["seeds"]},
]


# --- (a) the same results as the uncached code -------------------------------------------------


def test_top_foods_match_the_uncached_ranking(db: Database) -> None:
    made = own_foods(db)
    compared = 0
    for key, per, filters in itertools.product(("magnesium_mg", "zinc_mg"), Per, FILTERS):
        # Per portion the reference ranks every row in Python and then cuts: rank once.
        whole = reference_top(db, key, per, limit=200, **filters)
        for limit in (1, 25, 200):
            expected = (
                whole[:limit]
                if per is Per.PORTION
                else reference_top(db, key, per, limit=limit, **filters)
            )
            got = top_foods(db, key, per, limit=limit, **filters)
            assert got == expected, (key, per, filters, limit)
            compared += len(got)
    assert compared > 5000  # long rankings were compared, not empty ones
    # The ties: the own food named before the richest curated food comes first, the other after.
    top3 = top_foods(db, "magnesium_mg", Per.GRAMS_100, limit=3)
    assert top3[0].food.id == made[0].id
    assert top3[0].value == top3[1].value == top3[2].value
    assert top3[2].food.id == made[1].id


def test_gap_plans_match_the_uncached_plans(db: Database) -> None:
    own_foods(db)
    for gap, filters in [(150.0, {}), (150, {}), (60.0, {"vegan": True}), (400.0, FILTERS[2])]:
        expected = reference_plan(db, gap, **filters)
        assert plan_gap(db, gap, **filters) == expected, (gap, filters)
        # Asked again: the remembered plan, the same plan.
        again = plan_gap(db, gap, **filters)
        assert again == expected
        assert repr(again.suggestion.gap_mg) == repr(gap)  # 150 stays 150, 150.0 stays 150.0
        assert again.suggestion.items, "a gap this size is closed with food"


def test_a_caller_changing_its_list_changes_nothing(sqlite_db: Database) -> None:
    first = top_foods(sqlite_db, "magnesium_mg", Per.PORTION, limit=10)
    expected = list(first)
    first.clear()
    assert top_foods(sqlite_db, "magnesium_mg", Per.PORTION, limit=10) == expected
    # A shorter limit is the head of the same ranking.
    assert top_foods(sqlite_db, "magnesium_mg", Per.PORTION, limit=3) == expected[:3]


def test_the_copy_keeps_the_order_the_database_listed(sqlite_db: Database) -> None:
    """SQLite lists the everyday foods by source, then by row (its index on source); the copy
    keeps that order, so ties in the optimiser's pool fall as they did."""
    own_foods(sqlite_db)
    statement = select(food_table.c.id).where(
        food_table.c.source.in_(EVERYDAY), food_table.c.serving.is_not(None)
    )
    with sqlite_db.connect() as connection:
        listed = list(connection.execute(statement).scalars())
    copy = [item.food.id for item in everyday_foods(sqlite_db).items if item.food.serving]
    assert copy == listed
    # the curated foods (USDA rows and the Dutch recipe estimates), then the own foods
    own = [i for i in copy if not i.startswith(("usda:", "nl:"))]
    assert own == ["recipe:1", "user:1", "user:2"]
    assert copy.index("recipe:1") > max(i for i, food in enumerate(copy) if food.startswith("nl:"))


def test_the_curated_seed_key_is_the_one_the_seed_writes() -> None:
    assert CURATED_SEED_KEY == curated_seed._KEY


# --- (b) a new food shows up at once -----------------------------------------------------------


def test_an_added_food_shows_up_at_once(db: Database) -> None:
    # Made and remembered first, so a stale copy would show.
    before_top = top_foods(db, "magnesium_mg", Per.PORTION, limit=25)
    before_plan = plan_gap(db, 150.0)
    copy = everyday_foods(db)
    assert everyday_foods(db) is copy  # nothing changed: the same copy
    # 5,000 mg per 100 g at 20 kcal: 500 mg in a 10 g portion of 2 kcal, richer than any food.
    item = add_food(
        db,
        "Magnesium flakes test food",
        {"magnesium_mg": 5000.0, "energy_kcal": 20.0, "sodium_mg": 0.0},
        tags=["vegan"],
        serving="10 g",
    )
    assert everyday_foods(db) is not copy
    top = top_foods(db, "magnesium_mg", Per.PORTION, limit=25)
    assert top[0] == TopRow(item, 500.0, 10.0)
    assert top[1:] == before_top[:24]
    assert top == reference_top(db, "magnesium_mg", Per.PORTION, limit=25)
    plan = plan_gap(db, 150.0)
    assert plan != before_plan
    assert [(i.food.id, i.portions) for i in plan.suggestion.items] == [(item.id, 1)]
    assert plan == reference_plan(db, 150.0)
    # The per-100 kcal ranking and a vegan plan see it too.
    assert top_foods(db, "magnesium_mg", Per.KCAL_100, limit=1)[0].food == item
    assert plan_gap(db, 150.0, vegan=True).suggestion.items[0].food == item


def test_another_connection_s_food_shows_up_at_once(db: Database, tmp_path: Path) -> None:
    """A write through another Database (another process, a CLI beside the web app) is seen:
    the copy follows the rows, not this process's calls."""
    before = top_foods(db, "magnesium_mg", Per.GRAMS_100, limit=5)
    other = open_database(Settings(tmp_path / "other", db.url))
    try:
        item = add_food(other, "Other writer seeds", {"magnesium_mg": 9000.0, "energy_kcal": 500})
    finally:
        other.dispose()
    after = top_foods(db, "magnesium_mg", Per.GRAMS_100, limit=5)
    assert after[0] == TopRow(item, 9000.0, None)
    assert after[1:] == before[:4]


def test_a_food_removed_and_another_written_in_its_place_shows_up(sqlite_db: Database) -> None:
    """SQLite gives a new row the number of a removed last row: the same count and the same
    highest row number, but a different food."""
    first = add_food(sqlite_db, "First own food", {"magnesium_mg": 8000.0, "energy_kcal": 400})
    assert top_foods(sqlite_db, "magnesium_mg", limit=1)[0].food == first
    with sqlite_db.begin() as connection:
        assert delete_food(connection, first.id)
    second = add_food(sqlite_db, "Second", {"magnesium_mg": 7000.0, "energy_kcal": 300})
    assert second.id == first.id  # the same id and, on SQLite, the same row number
    got = top_foods(sqlite_db, "magnesium_mg", limit=3)
    assert got[0] == TopRow(second, 7000.0, None)
    assert got == reference_top(sqlite_db, "magnesium_mg", Per.GRAMS_100, limit=3)


def test_threads_share_one_copy_and_agree(sqlite_db: Database) -> None:
    expected_top = reference_top(sqlite_db, "magnesium_mg", Per.PORTION, limit=25)
    expected_plan = reference_plan(sqlite_db, 120.0)
    results: list[tuple[list[TopRow], GapPlan, int]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def work() -> None:
        try:
            start.wait()
            top = top_foods(sqlite_db, "magnesium_mg", Per.PORTION, limit=25)
            results.append((top, plan_gap(sqlite_db, 120.0), id(everyday_foods(sqlite_db))))
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 6
    assert all(top == expected_top and plan == expected_plan for top, plan, _ in results)
    assert len({copy for _, _, copy in results}) == 1  # one load, shared
