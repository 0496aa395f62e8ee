"""The daily loop on SQLite and PostgreSQL with real numbers: recent and frequent foods with
their last amounts, meals, quick adds, copying a day or one meal, and putting back a deleted
entry; bad input stores nothing, and the day's totals stay right through it all."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcoach.errors import InputError
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.day import day_report
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_daily import copy_entries, quick_add, recent_foods, restore_entry
from mgcoach.services.journal_log import (
    When,
    delete_entries,
    list_entries,
    log_food,
    log_supplement,
)
from mgcoach.services.meals import meal_of
from mgcoach.storage.database import Database

DAY = date(2024, 3, 1)
ALMONDS = "usda:12061"
OAT_BRAN = "usda:20033"
SPINACH = "usda:11457"


@pytest.fixture
def person(db: Database, kb: KnowledgeBase) -> Database:
    set_profile(db, kb, "default", ProfileChanges(age=45, sex="male"), DAY)
    return db


def at(day: date, hour: int | None = 8) -> When:
    return When("default", day, None if hour is None else hour * 60, origin="web")


def _day_mg(db: Database, kb: KnowledgeBase, day: date) -> float:
    return day_report(db, kb, "default", day).nutrient("magnesium").total or 0.0


@pytest.mark.parametrize(
    ("text", "meal"),
    [("Breakfast", "breakfast"), ("ontbijt", "breakfast"), (" Diner ", "dinner"),
     ("tussendoortje", "snacks"), ("Meal 4", "Meal 4"), ("", None), (None, None)],
)  # fmt: skip
def test_meal_names_as_people_and_exports_write_them(text: str | None, meal: str | None) -> None:
    assert meal_of(text) == meal


def test_recent_and_frequent_foods_carry_their_last_amount(person: Database) -> None:
    log_food(person, at(DAY - timedelta(days=3)), ALMONDS, "30 g", "breakfast")
    log_food(person, at(DAY - timedelta(days=2)), OAT_BRAN, "40 g", "breakfast")
    log_food(person, at(DAY - timedelta(days=1)), ALMONDS, "1 handful", "snacks")
    log_food(person, at(DAY, 12), SPINACH, "100 g", "lunch")
    found = recent_foods(person, "default", DAY, "local")
    assert [item.food_id for item in found.recent] == [SPINACH, ALMONDS, OAT_BRAN]
    almonds = found.recent[1]
    assert (almonds.amount_text, almonds.meal, almonds.times) == ("1 handful", "snacks", 2)
    assert almonds.magnesium_mg == pytest.approx(0.27 * almonds.grams * 10, rel=0.05)
    # Frequent: only what was logged more than once.
    assert [item.food_id for item in found.frequent] == [ALMONDS]
    # Nothing after the day asked about, nothing older than 60 days.
    assert recent_foods(person, "default", DAY - timedelta(days=4), "local").recent == []
    later = recent_foods(person, "default", DAY + timedelta(days=64), "local")
    assert later.recent == []


def test_quick_add_counts_its_numbers(person: Database, kb: KnowledgeBase) -> None:
    entry = quick_add(person, at(DAY), "Lunch out", 120, 650, "lunch")
    assert entry.magnesium_mg == 120 and entry.nutrients["energy_kcal"] == 650
    assert entry.meal == "lunch"
    assert _day_mg(person, kb, DAY) == pytest.approx(120)
    for label, mg, kcal in (("", 10, None), ("x", None, None), ("x", -1, None), ("x", 1e9, None)):
        with pytest.raises(InputError):
            quick_add(person, at(DAY), label, mg, kcal)
    assert len(list_entries(person, "default", DAY, DAY)[1]) == 1  # nothing stored half-way


def test_copy_a_day_and_a_meal(person: Database, kb: KnowledgeBase) -> None:
    yesterday = DAY - timedelta(days=1)
    log_food(person, at(yesterday, 8), ALMONDS, "30 g", "breakfast")
    log_food(person, at(yesterday, 12), SPINACH, "100 g", "lunch")
    log_supplement(person, kb, at(yesterday, 21), "citrate", 200, None, basis="elemental")
    copied = copy_entries(person, "default", yesterday, at(DAY))
    assert len(copied) == 3
    kinds = [(e.kind, e.time) for e in copied]
    assert kinds == [("food", 480), ("food", 720), ("supplement", 1260)]
    assert _day_mg(person, kb, DAY) == pytest.approx(_day_mg(person, kb, yesterday))
    # One meal, to another day: only its foods.
    later = DAY + timedelta(days=1)
    lunch = copy_entries(person, "default", yesterday, at(later), meal="Lunch")
    assert [e.name for e in lunch] == [copied[1].name]
    # Copying twice counts twice: it is what was eaten twice.
    copy_entries(person, "default", yesterday, at(later), meal="lunch")
    assert len(list_entries(person, "default", later, later)[1]) == 2
    with pytest.raises(InputError):
        copy_entries(person, "default", DAY - timedelta(days=30), at(DAY))
    with pytest.raises(InputError):  # the future: nothing stored
        copy_entries(person, "default", yesterday, at(date.today() + timedelta(days=5)))


def test_a_deleted_entry_comes_back_as_it_was(person: Database, kb: KnowledgeBase) -> None:
    entry = log_food(person, at(DAY), ALMONDS, "30 g", "breakfast")
    before = _day_mg(person, kb, DAY)
    delete_entries(person, "default", [entry.id])
    assert _day_mg(person, kb, DAY) == 0
    back = restore_entry(person, at(DAY), entry)
    assert replace(back, id=entry.id, updated_at=entry.updated_at) == entry
    assert _day_mg(person, kb, DAY) == pytest.approx(before)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    grams=st.lists(st.integers(1, 500), min_size=1, max_size=4),
    days_back=st.integers(1, 20),
)
def test_copies_keep_the_totals_right(
    person: Database, kb: KnowledgeBase, grams: list[int], days_back: int
) -> None:
    """Whatever is copied, the target day's magnesium grows by exactly the source day's."""
    source = DAY - timedelta(days=days_back)
    for entry in list_entries(person, "default", source, DAY)[1]:
        delete_entries(person, "default", [entry.id])
    for amount in grams:
        log_food(person, at(source), ALMONDS, f"{amount} g", "dinner")
    before = _day_mg(person, kb, DAY)
    copy_entries(person, "default", source, at(DAY), meal="dinner")
    assert _day_mg(person, kb, DAY) == pytest.approx(before + _day_mg(person, kb, source))
