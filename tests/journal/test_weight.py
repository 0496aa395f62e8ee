"""Body weight (issue 17): a ``weight`` entry holds kg within the journal's weight bound (any
admitted weight is stored and read back; any other is refused with nothing stored), and the
latest weight logged on or before a day is that day's weight for the targets: protein is its
g/kg times that weight, the energy target follows it, and the profile's own weight is the
fallback. The remembered days (services/cache.py) follow a weight at once, like any entry.
On SQLite and PostgreSQL.
"""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from mgcoach.engine.profile import build_profile
from mgcoach.engine.targets import nutrient_target
from mgcoach.errors import InputError
from mgcoach.journal import bounds
from mgcoach.journal.model import WeightEntry
from mgcoach.knowledge import KnowledgeBase
from mgcoach.knowledge.vocabulary import System
from mgcoach.services.day import day_report
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import (
    EDITABLE,
    EntryChanges,
    UnfitChangeError,
    When,
    delete_entries,
    edit_entry,
    get_entry,
    list_entries,
    log_weight,
)
from mgcoach.storage.database import Database
from mgcoach.storage.journal_tables import body_weight, entry

DAY = date(2024, 3, 10)
AT = When(profile="default", day=DAY, time=8 * 60)
PROFILE_KG = 70.0
BOUND = bounds.number("weight_kg")
_names = itertools.count()


@pytest.fixture
def person(db: Database, kb: KnowledgeBase) -> Database:
    """A 45-year-old man of 70 kg and 180 cm, moderately active: energy and protein targets."""
    changes = ProfileChanges(
        age=45, sex="male", weight_kg=PROFILE_KG, height_cm=180, activity="moderate"
    )
    set_profile(db, kb, "default", changes, DAY - timedelta(days=30))
    return db


def _count(db: Database, table: Any) -> int:
    with db.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def _per_kg(kb: KnowledgeBase) -> float:
    found = nutrient_target(kb, "protein", System.US, build_profile(sex="male", age_years=45))
    assert found.per_kg is not None
    return float(found.per_kg)


def _targets(db: Database, kb: KnowledgeBase, day: date) -> tuple[float, float]:
    """The day's (protein, energy) targets."""
    report = day_report(db, kb, "default", day)
    protein, energy = report.nutrient("protein_g").target, report.nutrient("energy_kcal").target
    assert protein is not None and energy is not None
    return protein, energy


# -- stored as given, within the bound -------------------------------------------------------


admitted = st.floats(min_value=BOUND.low, max_value=BOUND.high, allow_nan=False)
refused = st.one_of(
    st.floats(max_value=BOUND.low, exclude_max=True, allow_nan=False),
    st.floats(min_value=BOUND.high, exclude_min=True, allow_nan=False),
    st.sampled_from([math.nan, math.inf, -math.inf]),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kg=admitted)
def test_any_admitted_weight_is_stored_and_read_back(person: Database, kg: float) -> None:
    logged = log_weight(person, AT, kg)
    assert isinstance(logged, WeightEntry)
    assert (logged.kind, logged.kg, logged.day, logged.time) == ("weight", kg, DAY, 480)
    assert get_entry(person, "default", logged.id) == logged
    assert logged.fields() == {"kg": kg}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kg=refused)
def test_a_weight_out_of_bounds_is_refused_with_nothing_stored(person: Database, kg: float) -> None:
    before = (_count(person, entry), _count(person, body_weight))
    with pytest.raises(InputError) as refusal:
        log_weight(person, AT, kg)
    assert refusal.value.fields == ("kg",)
    assert (_count(person, entry), _count(person, body_weight)) == before


def test_a_weight_is_listed_edited_and_deleted(person: Database, kb: KnowledgeBase) -> None:
    logged = log_weight(person, AT, 72.5)
    _person, listed = list_entries(person, "default", DAY, DAY, kinds=["weight"])
    assert listed == [logged]
    assert EDITABLE["weight"] == ("kg",)
    edited = edit_entry(person, kb, "default", logged.id, EntryChanges(kg=71.0))
    assert isinstance(edited, WeightEntry) and edited.kg == 71.0
    with pytest.raises(UnfitChangeError):
        edit_entry(person, kb, "default", logged.id, EntryChanges(hours=7.0))
    with pytest.raises(InputError):
        edit_entry(person, kb, "default", logged.id, EntryChanges(kg=4000.0))
    assert get_entry(person, "default", logged.id) == edited  # the refused edit kept nothing
    assert delete_entries(person, "default", [logged.id]) == 1
    assert _count(person, body_weight) == 0


# -- the targets follow it ------------------------------------------------------------------


WEIGHINGS = st.lists(
    st.tuples(
        st.integers(min_value=-5, max_value=5),  # the day, from DAY
        st.one_of(st.none(), st.integers(min_value=0, max_value=1439)),  # the time
        st.floats(min_value=40, max_value=150).map(lambda kg: round(kg, 1)),
    ),
    max_size=5,
)


def _expected_kg(weighings: list[tuple[int, int | None, float]], day: date) -> float:
    """The latest weight on or before ``day`` (a day's timed ones after its untimed ones, and
    the later logged of two alike), else the profile's."""
    found = [
        ((offset, time is not None, time or 0, n), kg)
        for n, (offset, time, kg) in enumerate(weighings)
        if DAY + timedelta(days=offset) <= day
    ]
    return max(found)[1] if found else PROFILE_KG


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(weighings=WEIGHINGS, on=st.integers(min_value=-6, max_value=6))
def test_the_latest_weight_on_or_before_the_day_decides_the_protein_target(
    db: Database, kb: KnowledgeBase, weighings: list[tuple[int, int | None, float]], on: int
) -> None:
    name = f"p{next(_names)}"  # a profile of its own per example
    changes = ProfileChanges(age=45, sex="male", weight_kg=PROFILE_KG)
    set_profile(db, kb, name, changes, DAY - timedelta(days=30))
    for offset, time, kg in weighings:
        log_weight(db, When(profile=name, day=DAY + timedelta(days=offset), time=time), kg)
    day = DAY + timedelta(days=on)
    protein = day_report(db, kb, name, day).nutrient("protein_g").target
    assert protein == pytest.approx(_per_kg(kb) * _expected_kg(weighings, day))


def test_energy_and_protein_follow_a_logged_weight_at_once(
    person: Database, kb: KnowledgeBase
) -> None:
    per_kg = _per_kg(kb)
    protein, energy = _targets(person, kb, DAY)  # remembered (services/day.py recent_days)
    assert protein == pytest.approx(per_kg * PROFILE_KG)
    log_weight(person, When("default", DAY - timedelta(days=2)), 80.0)
    heavier, more = _targets(person, kb, DAY)
    assert heavier == pytest.approx(per_kg * 80.0)
    assert more > energy
    # A later weight of the same day wins; a weight after the day does not count for it.
    log_weight(person, When("default", DAY, 7 * 60), 78.0)
    log_weight(person, When("default", DAY, 20 * 60), 77.0)
    log_weight(person, When("default", DAY + timedelta(days=1)), 90.0)
    assert _targets(person, kb, DAY)[0] == pytest.approx(per_kg * 77.0)
    assert _targets(person, kb, DAY + timedelta(days=1))[0] == pytest.approx(per_kg * 90.0)
    # Before any weight was logged, the profile's weight is the day's weight (the energy
    # target is three days younger).
    earlier_protein, earlier_energy = _targets(person, kb, DAY - timedelta(days=3))
    assert earlier_protein == protein
    assert earlier_energy == pytest.approx(energy, rel=1e-4)


def test_the_profile_weight_is_the_fallback_again_after_a_delete(
    person: Database, kb: KnowledgeBase
) -> None:
    logged = log_weight(person, AT, 85.0)
    assert _targets(person, kb, DAY)[0] == pytest.approx(_per_kg(kb) * 85.0)
    delete_entries(person, "default", [logged.id])
    assert _targets(person, kb, DAY)[0] == pytest.approx(_per_kg(kb) * PROFILE_KG)


def test_a_logged_weight_gives_a_target_a_profile_without_weight_lacks(
    db: Database, kb: KnowledgeBase
) -> None:
    set_profile(db, kb, "default", ProfileChanges(age=45, sex="male"), DAY)
    assert day_report(db, kb, "default", DAY).nutrient("protein_g").target is None
    log_weight(db, AT, 60.0)
    protein = day_report(db, kb, "default", DAY).nutrient("protein_g").target
    assert protein == pytest.approx(_per_kg(kb) * 60.0)
