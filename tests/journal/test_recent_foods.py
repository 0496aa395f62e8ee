"""Recent and frequent foods, counted and ranked by the database (storage/journal_recent.py),
are what reading every food entry of the span and ranking them in Python gives: the same
foods in the same order, each with its latest amount, meal, day and count. Checked on SQLite
and PostgreSQL with ties on a day, untimed entries, quick adds, supplements and days outside
the span."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest

from mgcoach.journal.model import FoodEntry
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal import ProfileChanges, UnknownProfileError, set_profile
from mgcoach.services.journal_daily import (
    RECENT_DAYS,
    RecentFood,
    RecentFoods,
    quick_add,
    recent_foods,
)
from mgcoach.services.journal_log import When, log_food, log_supplement
from mgcoach.storage import journal as store
from mgcoach.storage.database import Database

DAY = date(2024, 3, 1)
FOODS = ("usda:12061", "usda:20033", "usda:11457", "usda:01211", "usda:09040", "usda:08120")
AMOUNTS = ("30 g", "40 g", "1", "100 g", "2")
MEALS = ("breakfast", "lunch", "dinner", "snacks", None)


def ranked_in_python(db: Database, day: date, limit: int = 8) -> RecentFoods:
    """What recent_foods gave before the database ranked them: every entry read and ranked."""
    with db.connect() as connection:
        person = store.find_profile_id(connection, "local", "default")
        assert person is not None
        found = store.entries(
            connection, person, day - timedelta(days=RECENT_DAYS), day, kinds=["food"]
        )
    foods = [e for e in found if isinstance(e, FoodEntry) and e.food_id and e.item_kind == "food"]
    times = Counter(e.food_id for e in foods)
    latest: dict[str, FoodEntry] = {}
    for e in foods:
        assert e.food_id is not None
        latest.pop(e.food_id, None)
        latest[e.food_id] = e
    items = [
        RecentFood(
            food_id=food_id,
            name=e.name,
            name_nl=e.name_nl,
            amount_text=e.amount_text,
            grams=e.grams,
            magnesium_mg=e.magnesium_mg,
            meal=e.meal,
            times=times[food_id],
            last_day=e.day,
        )
        for food_id, e in latest.items()
    ]
    recent = list(reversed(items))[:limit]
    frequent = sorted(reversed(items), key=lambda item: -item.times)[:limit]
    return RecentFoods(recent=recent, frequent=[item for item in frequent if item.times > 1])


@pytest.fixture
def person(db: Database, kb: KnowledgeBase) -> Database:
    set_profile(db, kb, "default", ProfileChanges(age=45, sex="female"), DAY)
    return db


def test_the_database_ranks_as_python_did(person: Database, kb: KnowledgeBase) -> None:
    rng = random.Random(19)
    for _ in range(70):
        day = DAY - timedelta(days=rng.choice((0, 0, 1, 2, 3, 5, 8, 59, 60, 61, -1)))
        minute = rng.choice((None, 8 * 60, 8 * 60, 12 * 60, 19 * 60 + 30))
        when = When("default", day, minute, origin="web")
        pick = rng.random()
        if pick < 0.8:
            log_food(person, when, rng.choice(FOODS), rng.choice(AMOUNTS), rng.choice(MEALS))
        elif pick < 0.9:
            quick_add(person, when, "lunch out", 80.0, None)
        else:
            log_supplement(person, kb, when, "citrate", 200, None, basis="elemental")
    for day in (DAY, DAY - timedelta(days=1), DAY - timedelta(days=4), DAY + timedelta(days=3)):
        for limit in (8, 3, 1, 0):
            assert recent_foods(person, "default", day, "local", limit=limit) == ranked_in_python(
                person, day, limit
            )
    assert recent_foods(person, "default", DAY, "local").recent  # the scenario has foods


def test_no_profile_says_how_to_make_it(db: Database) -> None:
    with pytest.raises(UnknownProfileError):
        recent_foods(db, "default", DAY, "local")
