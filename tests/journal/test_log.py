"""Logging, editing and deleting journal entries on SQLite and PostgreSQL, with real numbers:
each kind stores the right values, bad input stores nothing, edits recompute, deletes are all
or none, listings come in day/time/id order and a logged food counts as used."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from mgcoach.engine.elemental import from_compound, from_label, to_compound
from mgcoach.engine.symptoms import find_symptom
from mgcoach.errors import InputError, PortionError, UnknownFoodError
from mgcoach.foods.nutrients import nutrient_keys
from mgcoach.journal.dates import parse_day
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import (
    EntryChanges,
    When,
    delete_entries,
    edit_entry,
    list_entries,
    log_food,
    log_lab,
    log_medication,
    log_note,
    log_sleep,
    log_supplement,
    log_symptom,
    log_training,
)
from mgcoach.storage.database import Database
from mgcoach.storage.foods import get_foods
from mgcoach.storage.journal_tables import DETAIL_TABLES, entry
from mgcoach.storage.tables import food_usage

DAY = date(2024, 3, 1)
AT = When(profile="default", day=DAY, time=8 * 60)
ALMONDS = "usda:12061"
OAT_BRAN = "usda:20033"
NO_SYMPTOM = {"count": None, "severity": None, "location": None, "night": None}


@pytest.fixture
def person(db: Database, kb: KnowledgeBase) -> Database:
    """The database with a profile "default" (a 45-year-old man)."""
    set_profile(db, kb, "default", ProfileChanges(age=45, sex="male"), DAY)
    return db


def _count(db: Database, table: Any = entry) -> int:
    with db.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def _all_rows(db: Database) -> dict[str, int]:
    return {"entry": _count(db), **{k: _count(db, t) for k, t in DETAIL_TABLES.items()}}


def _per_100g(db: Database, food_id: str) -> dict[str, float | None]:
    with db.connect() as connection:
        (food,) = get_foods(connection, [food_id])
    return {key: food.value(key) for key in nutrient_keys()}


# -- each kind stores its values ------------------------------------------------------------


def test_food_in_grams(person: Database) -> None:
    logged = log_food(person, AT, ALMONDS, "30 g")
    d = logged.fields()
    assert (logged.kind, logged.day, logged.time, logged.origin) == ("food", DAY, 480, "cli")
    assert (d["food_id"], d["name"], d["amount_text"], d["grams"]) == (
        ALMONDS,
        "Almonds",
        "30 g",
        30.0,
    )
    assert (d["item_kind"], d["counted"]) == ("food", True)
    per_100g = _per_100g(person, ALMONDS)
    for key, value in per_100g.items():
        expected = None if value is None else value * 30 / 100
        assert d[key] == pytest.approx(expected), key
    assert per_100g["magnesium_mg"] == 270  # SR28 almonds
    assert d["magnesium_mg"] == pytest.approx(81.0)


def test_food_by_household_measure_and_dutch_name(person: Database) -> None:
    oat = log_food(person, AT, "oat bran", " 1/2 cup ")
    assert (oat.fields()["food_id"], oat.fields()["grams"], oat.fields()["amount_text"]) == (
        OAT_BRAN,
        47.0,
        "1/2 cup",
    )
    assert oat.fields()["magnesium_mg"] == pytest.approx(
        47 / 100 * (_per_100g(person, OAT_BRAN)["magnesium_mg"] or 0)
    )
    assert oat.fields()["magnesium_mg"] == pytest.approx(110.45)
    dutch = log_food(person, AT, "amandelen", "30 g")
    assert dutch.fields()["food_id"] == ALMONDS


def test_supplement_from_compound_dose(person: Database, kb: KnowledgeBase) -> None:
    logged = log_supplement(person, kb, AT, "citrate", 500.0, None, basis="compound")
    expected = from_compound(kb, "citrate", 500.0)
    d = logged.fields()
    assert d["elemental_mg"] == pytest.approx(expected.elemental_mg)
    assert d["elemental_mg"] == pytest.approx(80.82, abs=0.01)
    assert (d["compound"], d["dose_mg"], d["label"]) == (expected.compound, 500.0, None)
    assert "citrate" in d["name"].lower()


def test_supplement_from_label(person: Database, kb: KnowledgeBase) -> None:
    line = "Magnesium (as oxide) 250 mg"
    d = log_supplement(person, kb, AT, None, None, f"  {line} ").fields()
    assert d["elemental_mg"] == 250.0
    assert (d["label"], d["name"], d["compound"]) == (line, line, "magnesium_oxide")
    assert d["dose_mg"] == pytest.approx(from_label(kb, line).compound_mg)


def test_supplement_given_as_elemental(person: Database, kb: KnowledgeBase) -> None:
    d = log_supplement(person, kb, AT, "glycinate", 100.0, None, elemental=True).fields()
    assert d["elemental_mg"] == 100.0
    assert d["dose_mg"] == pytest.approx(to_compound(kb, "glycinate", 100.0).compound_mg)
    assert d["dose_mg"] > 100.0  # the compound weighs more than its magnesium


@pytest.mark.parametrize(
    ("word", "slug"),
    [
        pytest.param("cramp", "cramp", id="en"),
        pytest.param("kramp", "cramp", id="nl"),
        pytest.param("Nachtkramp", "cramp", id="nl-capital"),
        pytest.param("spierpijn", "soreness", id="nl-soreness"),
        pytest.param("twitches", "twitch", id="twitch"),
        pytest.param("moe", "fatigue", id="nl-fatigue"),
        pytest.param("hoofdpijn", "headache", id="nl-headache"),
        pytest.param("chest pain", "chest_pain", id="kb-sign"),
        pytest.param("pijn op de borst", "chest_pain", id="kb-sign-nl"),
    ],
)
def test_symptom_words(kb: KnowledgeBase, word: str, slug: str) -> None:
    assert find_symptom(kb, word) == slug


def test_symptom_stores_its_measures(person: Database, kb: KnowledgeBase) -> None:
    cramp = log_symptom(
        person, kb, AT, "kramp", count=3, severity=6.5, location=" calf ", night=True
    )
    assert cramp.fields() == {
        "symptom": "cramp",
        "count": 3,
        "severity": 6.5,
        "location": "calf",
        "night": True,
    }
    sign = log_symptom(person, kb, AT, "chest pain", **(NO_SYMPTOM | {"severity": 4.0}))
    assert (sign.fields()["symptom"], sign.fields()["severity"]) == ("chest_pain", 4.0)


def test_sleep_training_lab_note_medication(person: Database, kb: KnowledgeBase) -> None:
    assert log_sleep(person, AT, 7.5, 8.0).fields() == {"hours": 7.5, "quality": 8.0}
    training = log_training(person, AT, " running ", 45.0, 7.0)
    assert training.fields() == {"activity": "running", "minutes": 45.0, "rpe": 7.0}
    lab = log_lab(person, kb, AT, 1.8, "mg/dl").fields()
    assert (lab["test"], lab["value"], lab["unit"]) == ("serum_magnesium", 1.8, "mg/dL")
    assert lab["value_mmol_l"] == pytest.approx(18 / 24.305, abs=1e-3)
    note = log_note(person, When("default", DAY, None, note="  slept badly  "))
    assert (note.kind, note.note, note.fields(), note.time) == ("note", "slept badly", {}, None)
    med = log_medication(person, kb, When("default", DAY, 7 * 60), "Levothyroxine ")
    assert med.fields() == {"name": "Levothyroxine", "drug": "levothyroxine"}
    assert med.time == 420


def test_a_note_travels_with_any_entry(person: Database) -> None:
    logged = log_sleep(person, When("default", DAY, None, note=" woke twice "), 6.0)
    assert logged.note == "woke twice"
    assert log_sleep(person, When("default", DAY, None, note="   "), 6.0).note is None


# -- bad input stores nothing -----------------------------------------------------------------

Log = Callable[[Database, KnowledgeBase], object]
BAD: list[Any] = [
    pytest.param(
        lambda db, kb: log_symptom(db, kb, AT, "cramp", **(NO_SYMPTOM | {"severity": 11.0})),
        InputError,
        id="severity-11",
    ),
    pytest.param(
        lambda db, kb: log_symptom(db, kb, AT, "fatigue", **(NO_SYMPTOM | {"count": 2})),
        InputError,
        id="count-for-fatigue",
    ),
    pytest.param(
        lambda db, kb: log_symptom(db, kb, AT, "cramp", **(NO_SYMPTOM | {"count": 500})),
        InputError,
        id="count-500",
    ),
    pytest.param(lambda db, kb: log_sleep(db, AT, 30.0), InputError, id="sleep-30h"),
    pytest.param(lambda db, kb: log_sleep(db, AT, 7.0, -1.0), InputError, id="quality-neg"),
    pytest.param(lambda db, kb: log_training(db, AT, "run", 0.0), InputError, id="training-0"),
    pytest.param(lambda db, kb: log_training(db, AT, "  ", 30.0), InputError, id="no-activity"),
    pytest.param(
        lambda db, kb: log_food(db, AT, "xqzwvkj", "30 g"), UnknownFoodError, id="unknown-food"
    ),
    pytest.param(
        lambda db, kb: log_food(db, AT, "usda:99999", "30 g"), UnknownFoodError, id="unknown-id"
    ),
    pytest.param(lambda db, kb: log_food(db, AT, ALMONDS, "-3 g"), PortionError, id="minus-3g"),
    pytest.param(
        lambda db, kb: log_food(db, AT, ALMONDS, "3 blorps"), PortionError, id="unknown-unit"
    ),
    pytest.param(
        lambda db, kb: log_supplement(db, kb, AT, "citrate", 500.0, "Magnesium 100 mg"),
        InputError,
        id="compound-and-label",
    ),
    pytest.param(
        lambda db, kb: log_supplement(db, kb, AT, "citrate", None, None),
        InputError,
        id="no-dose",
    ),
    pytest.param(
        lambda db, kb: log_supplement(db, kb, AT, "oxide", 9000.0, None, elemental=True),
        InputError,
        id="elemental-9000",
    ),
    pytest.param(
        lambda db, kb: log_medication(db, kb, When("default", DAY, None), "levothyroxine"),
        InputError,
        id="medicine-without-time",
    ),
    pytest.param(
        lambda db, kb: log_medication(db, kb, AT, "frobnizol"), InputError, id="unknown-medicine"
    ),
    pytest.param(lambda db, kb: log_lab(db, kb, AT, 0.8, "mmol"), InputError, id="lab-unit"),
    pytest.param(lambda db, kb: log_note(db, When("default", DAY, None)), InputError, id="note"),
    pytest.param(
        lambda db, kb: log_sleep(db, When("nobody", DAY, None), 7.0),
        InputError,
        id="unknown-profile",
    ),
]


@pytest.mark.parametrize(("log", "error"), BAD)
def test_bad_input_stores_nothing(
    person: Database, kb: KnowledgeBase, log: Log, error: type[Exception]
) -> None:
    log_sleep(person, AT, 7.0)
    before = _all_rows(person)
    with pytest.raises(error):
        log(person, kb)
    assert _all_rows(person) == before
    assert _count(person, food_usage) == 0


@pytest.mark.parametrize(
    "text",
    [
        pytest.param((DAY + timedelta(days=1)).isoformat(), id="tomorrow"),
        pytest.param("2024-02-30", id="no-such-day"),
        pytest.param("1899-12-31", id="too-long-ago"),
        pytest.param("last week", id="words"),
    ],
)
def test_bad_day_is_refused(text: str) -> None:
    with pytest.raises(InputError):
        parse_day(text, DAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(None, DAY, id="none-is-today"),
        pytest.param("vandaag", DAY, id="vandaag"),
        pytest.param("Yesterday", DAY - timedelta(days=1), id="yesterday"),
        pytest.param("eergisteren", DAY - timedelta(days=2), id="eergisteren"),
        pytest.param("-10", DAY - timedelta(days=10), id="minus-10"),
        pytest.param(DAY.isoformat(), DAY, id="iso-today"),
    ],
)
def test_days_people_type(text: str | None, expected: date) -> None:
    assert parse_day(text, DAY) == expected


# -- edit -------------------------------------------------------------------------------------


def test_edit_food_amount_recomputes_nutrients(person: Database, kb: KnowledgeBase) -> None:
    logged = log_food(person, AT, ALMONDS, "30 g")
    edited = edit_entry(person, kb, "default", logged.id, EntryChanges(amount="60 g"))
    assert (edited.fields()["grams"], edited.fields()["amount_text"]) == (60.0, "60 g")
    assert edited.fields()["magnesium_mg"] == pytest.approx(162.0)
    assert edited.fields()["calcium_mg"] == pytest.approx(2 * logged.fields()["calcium_mg"])
    assert (edited.uid, edited.day, edited.time) == (logged.uid, logged.day, logged.time)
    assert edited.updated_at >= logged.updated_at and edited.created_at == logged.created_at
    other = edit_entry(person, kb, "default", logged.id, EntryChanges(food="oat bran"))
    assert (other.fields()["food_id"], other.fields()["grams"]) == (OAT_BRAN, 60.0)
    assert other.fields()["magnesium_mg"] == pytest.approx(141.0)  # 235 mg/100 g


def test_edit_time_day_and_note(person: Database, kb: KnowledgeBase) -> None:
    logged = log_sleep(person, AT, 7.0)
    moved = edit_entry(
        person, kb, "default", logged.id, EntryChanges(day=DAY - timedelta(days=1), time=23 * 60)
    )
    assert (moved.day, moved.time, moved.fields()["hours"]) == (DAY - timedelta(days=1), 1380, 7.0)
    cleared = edit_entry(person, kb, "default", logged.id, EntryChanges(clear_time=True))
    assert cleared.time is None and cleared.day == moved.day
    noted = edit_entry(person, kb, "default", logged.id, EntryChanges(note="restless"))
    assert noted.note == "restless" and noted.time is None


def test_edit_symptom_severity_keeps_the_rest(person: Database, kb: KnowledgeBase) -> None:
    cramp = log_symptom(person, kb, AT, "cramp", count=2, severity=3.0, location="calf", night=True)
    edited = edit_entry(person, kb, "default", cramp.id, EntryChanges(severity=8.0))
    assert edited.fields() == dict(cramp.fields()) | {"severity": 8.0}
    with pytest.raises(InputError):
        edit_entry(person, kb, "default", cramp.id, EntryChanges(severity=11.0))
    _, found = list_entries(person, "default", None, None)
    assert found[0].fields()["severity"] == 8.0


def test_edit_supplement_dose_and_lab_unit(person: Database, kb: KnowledgeBase) -> None:
    pill = log_supplement(person, kb, AT, "citrate", 500.0, None, basis="compound")
    doubled = edit_entry(person, kb, "default", pill.id, EntryChanges(dose_mg=1000.0))
    assert doubled.fields()["dose_mg"] == 1000.0
    assert doubled.fields()["elemental_mg"] == pytest.approx(2 * pill.fields()["elemental_mg"])
    lab = log_lab(person, kb, AT, 0.8, "mmol/L")
    changed = edit_entry(person, kb, "default", lab.id, EntryChanges(value=2.0, unit="mg/dL"))
    assert changed.fields()["unit"] == "mg/dL"
    assert changed.fields()["value_mmol_l"] == pytest.approx(20 / 24.305, abs=1e-3)


@pytest.mark.parametrize(
    ("compound", "dose", "label", "elemental"),
    [
        pytest.param("glycinate", 100.0, None, True, id="elemental"),
        pytest.param(None, None, "Magnesium (as oxide) 100 mg", False, id="label"),
    ],
)
def test_edit_keeps_the_unit_a_dose_was_given_in(
    person: Database,
    kb: KnowledgeBase,
    compound: str | None,
    dose: float | None,
    label: str | None,
    elemental: bool,
) -> None:
    """A dose logged as elemental magnesium (or read from a label) is edited as elemental mg."""
    pill = log_supplement(person, kb, AT, compound, dose, label, elemental=elemental)
    assert pill.fields()["elemental_mg"] == 100.0
    changed = edit_entry(person, kb, "default", pill.id, EntryChanges(dose_mg=200.0))
    assert changed.fields()["elemental_mg"] == 200.0


def test_a_future_day_is_refused_by_the_service(person: Database) -> None:
    later = When(profile="default", day=date.today() + timedelta(days=3))
    with pytest.raises(InputError, match="future"):
        log_note(person, When(later.profile, later.day, note="not yet"))
    assert _count(person) == 0


def test_edit_refusals_change_nothing(person: Database, kb: KnowledgeBase) -> None:
    med = log_medication(person, kb, When("default", DAY, 7 * 60), "levothyroxine")
    food = log_food(person, AT, ALMONDS, "30 g")
    with pytest.raises(InputError):
        edit_entry(person, kb, "default", med.id, EntryChanges(clear_time=True))
    with pytest.raises(PortionError):
        edit_entry(person, kb, "default", food.id, EntryChanges(amount="3 blorps"))
    with pytest.raises(InputError):
        edit_entry(person, kb, "default", 9999, EntryChanges(time=60))
    set_profile(person, kb, "other", ProfileChanges(age=30, sex="female"), DAY)
    with pytest.raises(InputError):  # another profile's entry is not found
        edit_entry(person, kb, "other", food.id, EntryChanges(amount="60 g"))
    _, found = list_entries(person, "default", None, None)
    assert {e.id: e for e in found} == {med.id: med, food.id: food}


# -- delete -----------------------------------------------------------------------------------


def test_delete_is_all_or_none(person: Database, kb: KnowledgeBase) -> None:
    a = log_food(person, AT, ALMONDS, "30 g")
    b = log_supplement(person, kb, AT, "citrate", 500.0, None, basis="compound")
    c = log_sleep(person, AT, 7.0)
    with pytest.raises(InputError):
        delete_entries(person, "default", [a.id, 9999])
    assert _all_rows(person)["entry"] == 3 and _count(person, DETAIL_TABLES["food"]) == 1
    assert delete_entries(person, "default", [a.id, b.id]) == 2
    _, left = list_entries(person, "default", None, None)
    assert [e.id for e in left] == [c.id]
    rows = _all_rows(person)
    assert (rows["food"], rows["supplement"], rows["sleep"]) == (0, 0, 1)
    with pytest.raises(InputError):  # already gone
        delete_entries(person, "default", [a.id])


def test_delete_does_not_reach_another_profile(person: Database, kb: KnowledgeBase) -> None:
    mine = log_sleep(person, AT, 7.0)
    set_profile(person, kb, "other", ProfileChanges(age=30, sex="female"), DAY)
    with pytest.raises(InputError):
        delete_entries(person, "other", [mine.id])
    assert _count(person) == 1


# -- listing and food use ---------------------------------------------------------------------


def test_entries_by_day_then_time_none_last_then_id(person: Database, kb: KnowledgeBase) -> None:
    before = DAY - timedelta(days=1)
    logged = [
        log_sleep(person, When("default", DAY, 9 * 60), 1.0),
        log_sleep(person, When("default", DAY, None), 2.0),
        log_food(person, When("default", DAY, 7 * 60), ALMONDS, "10 g"),
        log_sleep(person, When("default", before, 23 * 60), 3.0),
        log_sleep(person, When("default", DAY, 7 * 60), 4.0),
        log_note(person, When("default", before, None, note="early")),
        log_sleep(person, When("default", DAY, 0), 5.0),
    ]
    _, found = list_entries(person, "default", None, None)
    order = [logged[i].id for i in (3, 5, 6, 2, 4, 0, 1)]
    assert [e.id for e in found] == order
    _, one_day = list_entries(person, "default", DAY, DAY)
    assert [e.id for e in one_day] == order[2:]
    _, sleeps = list_entries(person, "default", before, DAY, kinds=["sleep", "note"])
    assert [e.id for e in sleeps] == [i for i in order if i != logged[2].id]


def test_logging_a_food_records_its_use(person: Database) -> None:
    log_food(person, AT, ALMONDS, "30 g")
    log_food(person, AT, "amandelen", "10 g")
    log_food(person, AT, OAT_BRAN, "1/2 cup")
    with person.connect() as connection:
        uses = dict(connection.execute(select(food_usage.c.food_id, food_usage.c.uses)).all())
        last = connection.execute(
            select(food_usage.c.last_used).where(food_usage.c.food_id == ALMONDS)
        ).scalar_one()
    assert uses == {ALMONDS: 2, OAT_BRAN: 1}
    assert last is not None
