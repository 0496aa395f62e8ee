"""Medicines not taken every day in `check` and `advise`: a weekly medicine's timing rule blocks
magnesium times only on its own days, which get a schedule of their own."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mgcoach.contract.advice import advice_json
from mgcoach.contract.check import check_json
from mgcoach.engine.advice import advise
from mgcoach.engine.check import CheckResult, check
from mgcoach.engine.clock import parse_time
from mgcoach.engine.interactions import MagnesiumDose, medications
from mgcoach.engine.other_days import day_groups
from mgcoach.engine.profile import build_profile
from mgcoach.engine.schedule import TimingRule
from mgcoach.i18n import set_language
from mgcoach.knowledge import load_knowledge
from mgcoach.knowledge.vocabulary import System

KB = load_knowledge()
SENIOR = build_profile(sex="female", age_years=70)
WEEKLY_ALENDRONATE = "alendronate@07:00/weekly:mon"
ALENDRONATE_RULE = TimingRule.from_hours("alendronate", parse_time("07:00"), 2, 2)


def run(meds: list[str], *doses: MagnesiumDose, egfr: float | None = None) -> CheckResult:
    return check(KB, System.US, SENIOR, medications(KB, meds), doses, egfr=egfr)


def test_weekly_alendronate_conflicts_only_on_mondays() -> None:
    result = run([WEEKLY_ALENDRONATE], MagnesiumDose(mg=200, times=(parse_time("08:00"),)))
    (item,) = result.interactions
    assert item.conflict and item.conflicts == ((420, 480),)
    assert not result.ok
    (note,) = [d for d in item.details if d.code == "timing_conflict"]
    assert note.params["days"].en == "On Mondays"  # type: ignore[union-attr]
    data = check_json(KB, result)
    assert data["interactions"][0]["frequency"] == "weekly:mon"
    assert data["interactions"][0]["conflicts"] == [
        {"drug_time": "07:00", "magnesium_time": "08:00"}
    ]
    assert "On Mondays: magnesium at 08:00 is too close" in data["interactions"][0]["details"][0]


def test_the_everyday_schedule_is_free_of_the_weekly_rule() -> None:
    """Every day but Monday, 07:00-09:00 is free; on Mondays the rule holds."""
    result = run([WEEKLY_ALENDRONATE], MagnesiumDose(mg=200, times=(parse_time("08:00"),)))
    assert "08:00" in result.schedule.clock_times  # breakfast, blocked only on Mondays
    (monday,) = result.schedule_on_days
    assert monday.weekdays == (0,) and monday.drugs == ("alendronate",)
    assert monday.schedule.times
    assert not any(ALENDRONATE_RULE.broken_by(t) for t in monday.schedule.times)
    assert sum(monday.schedule.doses_mg) == 200
    data = check_json(KB, result)
    assert data["suggested_times"] == list(result.schedule.clock_times)
    (entry,) = data["schedule_on_days"]
    assert entry["days"] == "On Mondays"
    assert (entry["weekdays"], entry["drugs"], entry["frequencies"]) == (
        ["mon"],
        ["alendronate"],
        ["weekly:mon"],
    )
    assert entry["times"] == list(monday.schedule.clock_times)
    assert [d["mg"] for d in entry["doses"]] == list(monday.schedule.doses_mg)


def test_a_daily_alendronate_blocks_every_day() -> None:
    result = run(["alendronate@07:00"], MagnesiumDose(mg=200, times=(parse_time("08:00"),)))
    assert result.schedule_on_days == ()
    assert not any(ALENDRONATE_RULE.broken_by(t) for t in result.schedule.times)
    assert check_json(KB, result)["interactions"][0]["frequency"] == "daily"


def test_the_json_keeps_every_key_it_had() -> None:
    daily = check_json(KB, run(["alendronate@07:00"], MagnesiumDose(mg=200, times=(480,))))
    weekly = check_json(KB, run([WEEKLY_ALENDRONATE], MagnesiumDose(mg=200, times=(480,))))
    assert set(daily) == set(weekly)
    assert daily["schedule_on_days"] == []
    assert set(daily["interactions"][0]) == set(weekly["interactions"][0])


def test_days_are_grouped_by_the_medicines_taken_on_them() -> None:
    result = run(
        ["alendronate@07:00/weekly:mon", "ciprofloxacin@08:00/weekly:mon,thu"],
        MagnesiumDose(mg=100, times=(parse_time("19:00"),)),
    )
    groups = {group.weekdays: group.drugs for group in result.schedule_on_days}
    assert groups == {(0,): ("alendronate", "ciprofloxacin"), (3,): ("ciprofloxacin",)}
    texts = [entry["days"] for entry in check_json(KB, result)["schedule_on_days"]]
    assert texts == ["On Mondays", "On Thursdays"]


def test_every_n_days_groups_cover_the_days_they_meet() -> None:
    meds = medications(
        KB, ["alendronate@07:00/weekly:mon", "doxycycline@09:00/every:3d:2026-12-01"]
    )
    groups = [tuple(m.given_name for m in group) for group, _days in day_groups(meds)]
    assert sorted(groups) == sorted(
        [("alendronate",), ("doxycycline",), ("alendronate", "doxycycline")]
    )
    start = date(2026, 12, 1)
    for offset in range(42):  # every day falls in the group of exactly its medicines
        day = start + timedelta(days=offset)
        taken = tuple(m.given_name for m in meds if m.frequency.applies_on(day))
        assert not taken or taken in groups


def test_no_other_days_schedule_when_the_gate_allows_no_schedule() -> None:
    result = run(
        [WEEKLY_ALENDRONATE], MagnesiumDose(mg=200, times=(480,)), egfr=20.0
    )  # eGFR < 30: doctor only
    assert not result.gate.plan
    assert result.schedule.times == () and result.schedule_on_days == ()
    assert check_json(KB, result)["schedule_on_days"] == []


def test_a_medicine_without_a_timing_rule_gets_no_other_days_schedule() -> None:
    result = run(["omeprazole@08:00/weekly:mon"], MagnesiumDose(mg=200, times=(480,)))
    assert result.schedule_on_days == ()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_plan_has_a_schedule_for_mondays_and_no_false_conflict(language: str) -> None:
    set_language(language)
    plan = advise(
        KB, System.US, SENIOR, food_mg=150.0, medications=medications(KB, [WEEKLY_ALENDRONATE])
    )
    assert plan.daily_mg > 0
    (monday,) = plan.schedule_on_days
    assert monday.weekdays == (0,)
    assert not any(ALENDRONATE_RULE.broken_by(t) for t in monday.schedule.times)
    assert sum(monday.schedule.doses_mg) == plan.daily_mg
    # The everyday doses are replaced on Mondays: not a conflict with alendronate.
    assert not plan.safety.interactions[0].conflict
    data = advice_json(KB, plan)
    assert data["supplement"]["schedule_on_days"][0]["weekdays"] == ["mon"]
    assert data["supplement"]["schedule_on_days"][0]["days"] == (
        "Op maandag" if language == "nl" else "On Mondays"
    )


def test_no_plan_no_other_days_schedule() -> None:
    plan = advise(
        KB,
        System.US,
        SENIOR,
        food_mg=400.0,  # the target is reached: nothing to add
        medications=medications(KB, [WEEKLY_ALENDRONATE]),
    )
    assert plan.daily_mg == 0 and plan.schedule_on_days == ()
