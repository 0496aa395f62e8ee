"""Every engine entry point's work is bounded by what the validation admits, never by the size
of a number: the bounds their docstrings document ("Cost:") hold for any admitted input.

The work is counted, not timed: how many times the planner's search runs (``propose``, at most
1 + MAX_DAY_GROUPS per check), how many dose counts each search tries (at most the doses that
fit a day) and how big each tried search is. A wall-clock ceiling far above the measured cost
(a few ms, bench/run.py) only catches a return of the blow-up issue 16 found (minutes).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mgcoach.engine import advice as advice_module
from mgcoach.engine import check as check_module
from mgcoach.engine import energy, interactions, other_days, schedule, serum, targets
from mgcoach.engine.clock import MINUTES_PER_DAY
from mgcoach.engine.day import assess_day
from mgcoach.errors import InputError
from mgcoach.journal.model import (
    FoodEntry,
    MedicationEntry,
    PersonProfile,
    SleepEntry,
    SupplementEntry,
    SymptomEntry,
)
from mgcoach.knowledge import load_knowledge
from mgcoach.services.calculators import advice_result, check_result
from mgcoach.services.inputs import AdviceInput, CheckInput
from mgcoach.services.journal import engine_profile

KB = load_knowledge()
DOSING = KB.advice.dosing
SLOTS = MINUTES_PER_DAY // int(DOSING.slot_minutes.value)  # the most waking slots: 96
MOST_DOSES = MINUTES_PER_DAY // schedule.Preferences.from_dosing(DOSING).min_gap_min + 1
CHECK_SEARCHES = 1 + other_days.MAX_DAY_GROUPS
# advise: two checks, the final times and the other days' (CHECK_SEARCHES), and one search per
# build-up step; the daily dose is at most the gap to a target (under 500 mg for anyone).
BUILD_UP_STEPS = 1 + int(500 // DOSING.step_mg.value)
ADVISE_SEARCHES = 3 * CHECK_SEARCHES + BUILD_UP_STEPS
CEILING_S = 5.0  # a guard against unbounded work only; the measured worst case is ~40 ms
# Medicine names with timing rules (and a few without), as people give them.
MEDICINES = (
    "levothyroxine", "alendronate", "digoxin", "gabapentin", "levofloxacin", "ciprofloxacin",
    "doxycycline", "dolutegravir", "moxifloxacin", "eltrombopag", "penicillamine",
    "mycophenolate", "rosuvastatin", "omeprazole", "furosemide", "metformin",
)  # fmt: skip


def test_every_entry_point_documents_its_cost() -> None:
    entry_points: list[Callable[..., Any]] = [
        targets.targets,
        check_module.check,
        advice_module.advise,
        assess_day,
        schedule.propose,
        other_days.schedules_on_days,
        other_days.day_groups,
        energy.energy_target,
        serum.classify,
        interactions.interaction,
    ]
    undocumented = [f.__qualname__ for f in entry_points if "Cost:" not in (f.__doc__ or "")]
    assert not undocumented


@dataclass
class Work:
    """What the planner did during one call."""

    searches: int = 0  # calls of propose
    counts: list[int] = field(default_factory=list)  # dose counts tried, per search
    steps: int = 0  # inner steps of the exact search (count × slots² per window)

    def check_bound(self, searches: int = CHECK_SEARCHES) -> None:
        assert self.searches <= searches
        assert all(tried <= MOST_DOSES for tried in self.counts)
        per_search = MOST_DOSES * SLOTS * MOST_DOSES * SLOTS**2
        assert self.steps <= max(self.searches, 1) * per_search


@contextmanager
def counted() -> Iterator[Work]:
    work = Work()
    real_propose, real_best, real_linear = schedule.propose, schedule._best, schedule._best_linear

    def propose(*args: Any, **kwargs: Any) -> schedule.Schedule:
        work.searches += 1
        work.counts.append(0)
        return real_propose(*args, **kwargs)

    def best(slots: list[int], scores: list[float], count: int, gap: int) -> Any:
        work.counts[-1] += 1
        return real_best(slots, scores, count, gap)

    def linear(slots: list[int], scores: list[float], count: int, gap: int, **kw: Any) -> Any:
        work.steps += count * len(slots) ** 2
        return real_linear(slots, scores, count, gap, **kw)

    with (
        mock.patch.object(check_module, "propose", propose),
        mock.patch.object(other_days, "propose", propose),
        mock.patch.object(advice_module, "propose", propose),
        mock.patch.object(schedule, "propose", propose),
        mock.patch.object(schedule, "_best", best),
        mock.patch.object(schedule, "_best_linear", linear),
    ):
        yield work


def timed(run: Callable[[], object]) -> float:
    start = time.process_time()
    try:
        run()
    except InputError:
        assume(False)  # refused at the edge: nothing to bound
    return time.process_time() - start


clock = st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda t: f"{t[0]:02d}:{t[1]:02d}")
frequency = st.one_of(
    st.just(""),
    st.lists(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), min_size=1,
             max_size=3, unique=True).map(lambda days: "/weekly:" + ",".join(days)),
    st.tuples(st.integers(2, 40), st.integers(1, 28)).map(
        lambda f: f"/every:{f[0]}d:2025-01-{f[1]:02d}"
    ),
)  # fmt: skip


@st.composite
def medicines(draw: st.DrawFn) -> tuple[str, ...]:
    names = draw(st.lists(st.sampled_from(MEDICINES), max_size=len(MEDICINES), unique=True))
    found = []
    for name in names:
        times = draw(st.lists(clock, min_size=1, max_size=4, unique=True))
        found.append(f"{name}@{','.join(sorted(times))}{draw(frequency)}")
    return tuple(found)


@st.composite
def takes(draw: st.DrawFn) -> tuple[str, ...]:
    times = draw(st.lists(clock, max_size=30, unique=True))
    return tuple(f"{draw(st.floats(0.01, 10_000)):.2f}@{at}" for at in times)


awake = st.one_of(
    st.none(),
    st.tuples(clock, clock).filter(lambda w: w[0] < w[1]).map(lambda w: f"{w[0]}-{w[1]}"),
    st.just("00:00-23:59"),
)
person = {
    "age": st.floats(18, 110),
    "sex": st.sampled_from(["female", "male"]),
    "system": st.sampled_from(["us", "efsa", "nl", "uk", "dach"]),
    "egfr": st.one_of(st.none(), st.floats(0, 200)),
    "prescribed": st.booleans(),
    "med": medicines(),
    "take": takes(),
}
SETTINGS = settings(
    max_examples=60, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)  # fmt: skip


@SETTINGS
@given(
    **person,
    awake=awake,
    max_dose_mg=st.one_of(st.none(), st.floats(25, 1000)),
    evening=st.booleans(),
    with_meals=st.booleans(),
)
def test_check_work_is_bounded_for_every_admitted_input(**given: Any) -> None:
    with counted() as work:
        seconds = timed(lambda: check_result(KB, CheckInput(**given)))
    work.check_bound()
    assert seconds < CEILING_S


@SETTINGS
@given(
    **person,
    food_mg=st.one_of(st.none(), st.floats(0, 100_000)),
    symptom=st.lists(st.sampled_from(["cramps", "fatigue", "poor_sleep", "soreness"]),
                     max_size=4, unique=True).map(tuple),
)  # fmt: skip
def test_advise_work_is_bounded_for_every_admitted_input(**given: Any) -> None:
    with counted() as work:
        seconds = timed(lambda: advice_result(KB, AdviceInput(**given)))
    work.check_bound(ADVISE_SEARCHES)
    assert seconds < CEILING_S


DAY = date(2025, 1, 15)
minute = st.one_of(st.none(), st.integers(0, 1439))
entry = st.one_of(
    st.builds(
        lambda t, mg: SupplementEntry(day=DAY, time=t, name="citrate", elemental_mg=mg,
                                      given_as="elemental"),
        minute, st.floats(0.01, 5000),
    ),
    st.builds(
        lambda t, mg, kcal: FoodEntry(day=DAY, time=t, name="x", amount_text="1",
                                      nutrients={"magnesium_mg": mg, "energy_kcal": kcal}),
        minute, st.floats(0, 10_000), st.floats(0, 50_000),
    ),
    st.builds(
        lambda t, name: MedicationEntry(day=DAY, time=t, name=name, drug=name),
        minute, st.sampled_from(MEDICINES),
    ),
    st.builds(lambda t: SymptomEntry(day=DAY, time=t, symptom="cramp", count=2), minute),
    st.builds(lambda h: SleepEntry(day=DAY, hours=h), st.floats(0.01, 24)),
)  # fmt: skip


@pytest.mark.parametrize("size", [40, 400])
def test_a_full_day_is_assessed_within_the_bound(size: int) -> None:
    """Issue 16: 40 supplements on one day took 46 s. Any admitted day, as large as asked."""

    @SETTINGS
    @given(entries=st.lists(entry, min_size=size, max_size=size))
    def run(entries: list[Any]) -> None:
        who = PersonProfile(name="default", sex="female", age_years=52, age_on=DAY)
        with counted() as work:
            seconds = timed(lambda: assess_day(KB, who, engine_profile(who, DAY), DAY, entries))
        work.check_bound()
        assert seconds < CEILING_S

    run()


def test_the_planners_work_does_not_grow_with_the_amount() -> None:
    """The issue's request: 30 doses of 10,000 mg at most 25 mg a dose. Same work as 250 mg."""
    steps = []
    for mg in (250.0, 300_000.0):
        prefs = replace(
            schedule.Preferences.from_dosing(DOSING),
            max_single_dose_mg=25.0,
            awake_from=0,
            awake_until=1439,
        )
        with counted() as work:
            schedule.propose([], mg, prefs)
        steps.append(work.steps)
    assert steps[0] == steps[1] > 0
