"""The planner's work is bounded by what a day holds, and bounding it changed no schedule.

`old_propose` is `propose` as it was before the bound (a verbatim copy of its search loop), kept
here as the oracle: on every small input the bounded planner must give the same schedule.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcoach.engine import schedule as schedule_module
from mgcoach.engine.clock import MINUTES_PER_DAY
from mgcoach.engine.notes import Note
from mgcoach.engine.schedule import (
    Preferences,
    Schedule,
    TimingRule,
    _best,
    _why_none,
    allowed,
    doses_needed,
    most_doses,
    propose,
    split_dose,
)
from mgcoach.knowledge import load_knowledge

KB = load_knowledge()
DOSING = KB.advice.dosing
DEFAULT = Preferences.from_dosing(DOSING)
TIMED = {slug: c for slug, c in KB.safety.drug_classes.items() if c.timed}


def old_propose(
    rules: list[TimingRule], daily_mg: float, prefs: Preferences, doses: int | None = None
) -> Schedule:
    """``propose`` before the bound: every count from the wanted one down to 1."""
    wanted = max(doses or 1, doses_needed(daily_mg, prefs.max_single_dose_mg))
    slots = [slot for slot in prefs.slots(rules) if allowed(slot, rules)]
    scores = [prefs.score(slot) for slot in slots]
    for count in range(wanted, 0, -1):
        picked = _best(slots, scores, count, prefs.min_gap_min)
        if picked is None:
            continue
        notes: list[Note] = []
        if count < wanted:
            notes.append(
                Note(
                    code="fewer_doses_fit",
                    message=schedule_module.FEWER_DOSES,  # worded with plurals since
                    params={
                        "count": count,
                        "wanted": wanted,
                        "gap": prefs.min_gap_min / 60,
                        "max_mg": prefs.max_single_dose_mg,
                    },
                )
            )
        return Schedule(
            times=picked,
            doses_mg=split_dose(daily_mg, count) if daily_mg > 0 else (),
            wanted_doses=wanted,
            allowed_slots=len(slots),
            notes=tuple(notes),
        )
    return Schedule(
        times=(),
        doses_mg=(),
        wanted_doses=wanted,
        allowed_slots=0,
        notes=(_why_none(rules, prefs),),
    )


def rules_of(medicines: dict[str, list[int]]) -> list[TimingRule]:
    return [
        TimingRule.from_hours(slug, at, TIMED[slug].hours_before, TIMED[slug].hours_after)
        for slug, times in medicines.items()
        for at in times
    ]


def counting_best(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Patch the planner's search to record the dose count of each call."""
    counts: list[int] = []
    real: Callable[..., tuple[int, ...] | None] = schedule_module._best

    def spy(slots: list[int], scores: list[float], count: int, gap: int) -> tuple[int, ...] | None:
        counts.append(count)
        return real(slots, scores, count, gap)

    monkeypatch.setattr(schedule_module, "_best", spy)
    return counts


PATHOLOGICAL_MEDICINES = {
    "bisphosphonates": [6 * 60],
    "digoxin": [9 * 60],
    "gabapentin": [13 * 60],
    "levofloxacin": [21 * 60],
}


@pytest.mark.parametrize(
    ("medicines", "awake"),
    [
        pytest.param(PATHOLOGICAL_MEDICINES, None, id="four-medicines"),
        pytest.param({}, None, id="no-medicines"),
        pytest.param(PATHOLOGICAL_MEDICINES, (0, MINUTES_PER_DAY - 1), id="awake-all-day"),
        pytest.param({"thyroid_hormones": [0, 240, 480, 720, 960, 1200]}, None, id="none-free"),
    ],
)
def test_an_absurd_amount_costs_what_a_day_holds(
    monkeypatch: pytest.MonkeyPatch,
    medicines: dict[str, list[int]],
    awake: tuple[int, int] | None,
) -> None:
    """300,000 mg at 25 mg a dose wants 12,000 doses; the old search tried every count from
    12,000 down (minutes of CPU). Now at most one search per count a day can hold is made."""
    prefs = Preferences.from_dosing(
        DOSING,
        max_single_dose_mg=25.0,
        awake_from=awake[0] if awake else None,
        awake_until=awake[1] if awake else None,
    )
    rules = rules_of(medicines)
    counts = counting_best(monkeypatch)
    result = propose(rules, 300_000, prefs, doses=30)
    slots = [slot for slot in prefs.slots(rules) if allowed(slot, rules)]
    day_holds = (prefs.awake_until - prefs.awake_from) // prefs.min_gap_min + 1
    assert result.wanted_doses == 12_000
    assert len(result.times) <= day_holds
    assert len(counts) <= 1, counts
    assert all(count <= min(day_holds, MINUTES_PER_DAY // prefs.min_gap_min) for count in counts)
    if slots:
        assert counts == [len(result.times)]
        assert sum(result.doses_mg) == 300_000
        assert [note.code for note in result.notes] == ["fewer_doses_fit"]
    else:
        assert counts == [] and [note.code for note in result.notes] == ["no_time_fits"]


@pytest.mark.parametrize(
    ("slots", "gap", "most"),
    [
        pytest.param([], 240, 0, id="no-slot"),
        pytest.param([600], 240, 1, id="one-slot"),
        pytest.param([600, 700, 800], 240, 1, id="all-too-close"),
        pytest.param([420, 660, 900, 1140, 1350], 240, 4, id="default-day-4"),
        pytest.param(list(range(420, 1351, 15)), 240, 4, id="quarter-hours-07-2230"),
        pytest.param(list(range(0, 1440, 15)), 240, 6, id="whole-day-6"),
        pytest.param(list(range(0, 1440, 15)), 250, 5, id="whole-day-gap-250"),
        pytest.param([0, 1439], 240, 1, id="midnight-neighbours"),
        pytest.param([0, 15, 30], 0, 3, id="no-gap"),
    ],
)
def test_most_doses(slots: list[int], gap: int, most: int) -> None:
    assert most_doses(slots, gap) == most


SLOT_LISTS = st.lists(st.integers(0, MINUTES_PER_DAY - 1), max_size=14, unique=True).map(sorted)


@settings(max_examples=300, deadline=None)
@given(SLOT_LISTS, st.sampled_from([0, 60, 180, 240, 300, 480, 720]))
def test_most_doses_is_where_the_exact_search_stops_finding(slots: list[int], gap: int) -> None:
    most = most_doses(slots, gap)
    scores = [0.0] * len(slots)
    if most:
        assert _best(slots, scores, most, gap) is not None
    assert _best(slots, scores, most + 1, gap) is None


MEDICINES = st.dictionaries(
    st.sampled_from(sorted(TIMED)),
    st.lists(st.integers(0, 287).map(lambda i: i * 5), min_size=1, max_size=3, unique=True),
    max_size=4,
)
MINUTE = st.integers(0, MINUTES_PER_DAY - 1)


@st.composite
def preferences(draw: st.DrawFn) -> Preferences:
    start, end = sorted(draw(st.lists(MINUTE, min_size=2, max_size=2, unique=True)))
    return Preferences.from_dosing(
        DOSING,
        awake_from=start,
        awake_until=end,
        max_single_dose_mg=draw(st.sampled_from([25.0, 50.0, 100.0, 125.0, 200.0])),
        meal_times=tuple(sorted(draw(st.lists(MINUTE, max_size=3, unique=True)))),
        with_meals=draw(st.booleans()),
        evening=draw(st.booleans()),
        evening_from=draw(MINUTE),
        min_gap_min=draw(st.sampled_from([60, 120, 240, 360])),
    )


@settings(max_examples=300, deadline=None)
@given(
    MEDICINES,
    st.one_of(st.integers(0, 800), st.floats(0, 800, allow_nan=False)),
    preferences(),
    st.one_of(st.none(), st.integers(1, 8)),
)
def test_bounded_propose_equals_the_old_one(
    medicines: dict[str, list[int]], daily: float, prefs: Preferences, doses: int | None
) -> None:
    rules = rules_of(medicines)
    assert propose(rules, daily, prefs, doses) == old_propose(rules, daily, prefs, doses)
