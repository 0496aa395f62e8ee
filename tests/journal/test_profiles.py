"""Journal profiles on SQLite and PostgreSQL: create, show, list, change in part, refuse an
impossible person without storing anything, keep two people apart, count the age on, forget."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Table, func, select

from mgcoach.engine.targets import nutrient_target
from mgcoach.errors import InputError, ProfileError, UnknownNameError
from mgcoach.journal.model import DAYS_PER_YEAR, Medicine, PersonProfile
from mgcoach.knowledge import KnowledgeBase
from mgcoach.knowledge.vocabulary import System
from mgcoach.services import journal_log
from mgcoach.services.journal import (
    ProfileChanges,
    UnknownProfileError,
    engine_profile,
    forget,
    list_profiles,
    profile_name,
    set_profile,
    show_profile,
)
from mgcoach.storage.database import Database
from mgcoach.storage.journal_tables import DETAIL_TABLES, entry, profile, profile_medication

DAY = date(2024, 3, 1)
FULL = ProfileChanges(
    age=45,
    sex="male",
    system="efsa",
    weight_kg=80.0,
    height_cm=180.0,
    egfr=90.0,
    activity="moderate",
    meds=["levothyroxine@07:00", "ciprofloxacin@08:00,20:00"],
)


def _rows(db: Database, table: Table) -> int:
    with db.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def _journal_rows(db: Database) -> dict[str, int]:
    tables = [profile, profile_medication, entry, *DETAIL_TABLES.values()]
    return {table.name: _rows(db, table) for table in tables}


def _log_two(db: Database, kb: KnowledgeBase, name: str) -> None:
    when = journal_log.When(profile=name, day=DAY, time=8 * 60)
    journal_log.log_food(db, when, "usda:12061", "30 g")
    journal_log.log_supplement(db, kb, when, "citrate", 500.0, None, basis="compound")


def test_set_show_and_list(db: Database, kb: KnowledgeBase) -> None:
    made = set_profile(db, kb, "default", FULL, DAY)
    shown = show_profile(db, "default")
    assert shown == made
    assert (shown.name, shown.sex, shown.age_years, shown.age_on) == ("default", "male", 45, DAY)
    assert (shown.system, shown.weight_kg, shown.height_cm, shown.egfr) == ("efsa", 80, 180, 90)
    assert (shown.pregnant, shown.lactating, shown.dialysis) == (False, False, False)
    assert shown.activity == "moderate"
    assert shown.medicines == (
        Medicine("levothyroxine", (7 * 60,)),
        Medicine("ciprofloxacin", (8 * 60, 20 * 60)),
    )
    assert shown.id is not None and shown.created_at is not None
    assert shown.created_at.tzinfo is not None
    assert [p.name for p in list_profiles(db)] == ["default"]


def test_change_keeps_what_is_not_given(db: Database, kb: KnowledgeBase) -> None:
    first = set_profile(db, kb, "default", FULL, DAY)
    later = DAY + timedelta(days=10)
    changed = set_profile(db, kb, "default", ProfileChanges(weight_kg=75.5), later)
    assert changed.weight_kg == 75.5
    kept = ("sex", "age_years", "age_on", "system", "height_cm", "egfr", "activity", "medicines")
    for field in kept:
        assert getattr(changed, field) == getattr(first, field), field
    assert changed.id == first.id and changed.created_at == first.created_at
    assert first.updated_at is not None and changed.updated_at is not None
    assert changed.updated_at >= first.updated_at
    # A new age is counted from the day it was given.
    aged = set_profile(db, kb, "default", ProfileChanges(age=46), later)
    assert (aged.age_years, aged.age_on, aged.weight_kg) == (46, later, 75.5)


def test_activity_factor_is_stored_as_its_level(db: Database, kb: KnowledgeBase) -> None:
    base = ProfileChanges(age=30, sex="female")
    set_profile(db, kb, "default", base, DAY)
    assert set_profile(db, kb, "default", ProfileChanges(activity="1.55"), DAY).activity == (
        "moderate"
    )
    assert set_profile(db, kb, "default", ProfileChanges(activity=" Light "), DAY).activity == (
        "light"
    )


def test_med_replaces_the_list_and_no_meds_empties_it(db: Database, kb: KnowledgeBase) -> None:
    set_profile(db, kb, "default", FULL, DAY)
    replaced = set_profile(db, kb, "default", ProfileChanges(meds=["doxycycline@09:00"]), DAY)
    assert replaced.medicines == (Medicine("doxycycline", (9 * 60,)),)
    kept = set_profile(db, kb, "default", ProfileChanges(egfr=80.0), DAY)
    assert kept.medicines == replaced.medicines
    emptied = set_profile(db, kb, "default", ProfileChanges(meds=[]), DAY)
    assert emptied.medicines == ()
    assert _rows(db, profile_medication) == 0


INVALID = [
    pytest.param(
        ProfileChanges(age=30, sex="male", pregnant=True), ProfileError, id="pregnant-male"
    ),
    pytest.param(ProfileChanges(age=250, sex="female"), ProfileError, id="age-250"),
    pytest.param(ProfileChanges(age=30, sex="female", height_cm=20), ProfileError, id="height-20"),
    pytest.param(ProfileChanges(age=30, sex="female", activity="couch"), InputError, id="activity"),
    pytest.param(
        ProfileChanges(age=30, sex="female", meds=["frobnizol@07:00"]),
        UnknownNameError,
        id="unknown-medicine",
    ),
    pytest.param(ProfileChanges(age=30, sex="female", egfr=300), InputError, id="egfr-300"),
    pytest.param(ProfileChanges(age=30), ProfileError, id="new-without-sex"),
    pytest.param(ProfileChanges(age=30, sex="other"), InputError, id="unknown-sex"),
]


@pytest.mark.parametrize(("given", "error"), INVALID)
def test_impossible_new_profile_stores_nothing(
    db: Database, kb: KnowledgeBase, given: ProfileChanges, error: type[Exception]
) -> None:
    with pytest.raises(error):
        set_profile(db, kb, "default", given, DAY)
    assert list_profiles(db) == []
    assert _rows(db, profile) == 0 and _rows(db, profile_medication) == 0


def test_impossible_change_keeps_the_stored_profile(db: Database, kb: KnowledgeBase) -> None:
    stored = set_profile(db, kb, "default", FULL, DAY)
    for params in INVALID[:6]:
        changes = params.values[0]
        assert isinstance(changes, ProfileChanges)
        with pytest.raises(InputError):
            set_profile(db, kb, "default", changes, DAY)
        assert show_profile(db, "default") == stored, params.id
    # A pregnant man is refused even when only --pregnant is given to an existing profile.
    with pytest.raises(ProfileError):
        set_profile(db, kb, "default", ProfileChanges(pregnant=True), DAY)
    assert show_profile(db, "default") == stored


def test_two_profiles_are_kept_apart(db: Database, kb: KnowledgeBase) -> None:
    anna = set_profile(db, kb, "anna", ProfileChanges(age=32, sex="female", pregnant=True), DAY)
    ben = set_profile(db, kb, "ben", FULL, DAY)
    journal_log.log_food(db, journal_log.When("anna", DAY, 8 * 60), "usda:12061", "30 g")
    journal_log.log_sleep(db, journal_log.When("ben", DAY, None), 7.5)
    set_profile(db, kb, "anna", ProfileChanges(weight_kg=70), DAY)
    assert show_profile(db, "ben") == ben
    assert show_profile(db, "anna").pregnant and anna.medicines == ()
    _, anna_entries = journal_log.list_entries(db, "anna", None, None)
    _, ben_entries = journal_log.list_entries(db, "ben", None, None)
    assert [e.kind for e in anna_entries] == ["food"]
    assert [e.kind for e in ben_entries] == ["sleep"]
    assert {p.name for p in list_profiles(db)} == {"anna", "ben"}
    # Another owner sees neither.
    assert list_profiles(db, owner="someone-else") == []
    with pytest.raises(UnknownProfileError):
        show_profile(db, "anna", owner="someone-else")


def test_unknown_profile_says_how_to_make_it(db: Database) -> None:
    with pytest.raises(UnknownProfileError) as raised:
        show_profile(db, "nobody")
    assert "There is no profile nobody yet" in str(raised.value)
    assert raised.value.http_status == 404


@pytest.mark.parametrize(
    ("age", "given_on", "day", "expected"),
    [
        pytest.param(40.0, date(2020, 1, 1), date(2020, 1, 1), 40.0, id="same-day"),
        pytest.param(40.0, date(2020, 1, 1), date(2030, 1, 1), 40.0 + 3653 / 365.2425, id="ten-y"),
        pytest.param(40.0, date(2020, 1, 1), date(2019, 1, 1), 40.0 - 365 / 365.2425, id="before"),
        pytest.param(0.5, date(2020, 1, 1), date(2019, 1, 1), 0.0, id="never-below-zero"),
    ],
)
def test_age_at_counts_on_from_age_on(
    age: float, given_on: date, day: date, expected: float
) -> None:
    person = PersonProfile(name="p", sex="female", age_years=age, age_on=given_on)
    assert person.age_at(day) == pytest.approx(expected)


@given(
    age=st.floats(min_value=0, max_value=120),
    days=st.integers(min_value=-20_000, max_value=20_000),
)
def test_age_at_is_linear_in_days(age: float, days: int) -> None:
    person = PersonProfile(name="p", sex="male", age_years=age, age_on=DAY)
    expected = max(0.0, age + days / DAYS_PER_YEAR)
    assert person.age_at(DAY + timedelta(days=days)) == pytest.approx(expected, abs=1e-9)


def test_birthday_moves_the_target(db: Database, kb: KnowledgeBase) -> None:
    """A woman of 30.9 given on DAY is 31 a month later: her US target goes from 310 to 320."""
    person = set_profile(db, kb, "default", ProfileChanges(age=30.9, sex="female"), DAY)
    before = engine_profile(person, DAY)
    after = engine_profile(person, DAY + timedelta(days=60))
    target = nutrient_target(kb, "magnesium", System.US, before).target
    assert target == 310
    assert nutrient_target(kb, "magnesium", System.US, after).target == 320


def test_forget_one_profile_keeps_the_other(db: Database, kb: KnowledgeBase) -> None:
    set_profile(db, kb, "anna", ProfileChanges(age=32, sex="female"), DAY)
    set_profile(db, kb, "ben", FULL, DAY)
    _log_two(db, kb, "anna")
    _log_two(db, kb, "ben")
    journal_log.log_sleep(db, journal_log.When("ben", DAY, None), 8.0)
    assert forget(db, "anna") == (1, 2)
    assert [p.name for p in list_profiles(db)] == ["ben"]
    _, ben_entries = journal_log.list_entries(db, "ben", None, None)
    assert sorted(e.kind for e in ben_entries) == ["food", "sleep", "supplement"]
    rows = _journal_rows(db)
    assert rows["entry"] == 3 and rows["food_item"] == 1 and rows["supplement_intake"] == 1
    assert rows["profile_medication"] == 2  # ben's two medicines
    with pytest.raises(UnknownProfileError):
        forget(db, "anna")


def test_forget_all(db: Database, kb: KnowledgeBase) -> None:
    set_profile(db, kb, "anna", ProfileChanges(age=32, sex="female"), DAY)
    set_profile(db, kb, "ben", FULL, DAY)
    _log_two(db, kb, "anna")
    _log_two(db, kb, "ben")
    assert forget(db, None) == (2, 4)
    assert list_profiles(db) == []
    assert set(_journal_rows(db).values()) == {0}
    assert forget(db, None) == (0, 0)  # nothing left: nothing to do, no error
    # The database is still usable afterwards.
    set_profile(db, kb, "anna", ProfileChanges(age=33, sex="female"), DAY)
    assert [p.name for p in list_profiles(db)] == ["anna"]


def test_profile_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MGCOACH_PROFILE", raising=False)
    assert profile_name(None) == "default"
    assert profile_name("  anna ") == "anna"
    monkeypatch.setenv("MGCOACH_PROFILE", "ben")
    assert profile_name(None) == "ben"
    assert profile_name("anna") == "anna"
    for bad in ("x" * 65, "two\nlines", "   "):
        with pytest.raises(InputError):
            profile_name(bad)
