"""The N-of-1 design and analysis (engine/experiment.py, engine/experiment_result.py): the
recorded order, the schedule's dates, the choices refused, and the analysis of check-ins as
allocated, with wash-out days, missing days and doses not taken."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest

from mgcoach.engine.experiment import Design, draw_allocation, make_design
from mgcoach.engine.experiment_result import Checkin, analyse
from mgcoach.errors import InputError
from mgcoach.knowledge.experiments import ExperimentFacts, load_experiment_facts

START = date(2026, 1, 5)


@pytest.fixture(scope="module")
def facts() -> ExperimentFacts:
    return load_experiment_facts()


def design(facts: ExperimentFacts, **kw: object) -> Design:
    args: dict[str, object] = {"seed": 7, "dose_mg": 200.0, "form": "citrate"} | kw
    outcome = str(args.pop("outcome", "night_cramps"))
    return make_design(facts.design, outcome, START, **args)  # type: ignore[arg-type]


def test_defaults_give_six_pairs_of_two_weeks(facts: ExperimentFacts) -> None:
    made = design(facts)
    assert (made.period_days, made.washout_days, made.pairs) == (14, 3, 6)
    assert made.days == 168
    assert made.end == date(2026, 6, 21)
    periods = made.periods()
    assert len(periods) == 12
    assert (periods[0].start, periods[0].end) == (START, date(2026, 1, 18))
    assert periods[0].analysed_from == date(2026, 1, 8)
    assert periods[-1].end == made.end
    # Each pair has one period on and one off, in the drawn order.
    for pair, order in enumerate(made.allocation):
        assert "-".join(p.arm for p in periods if p.pair == pair) == order
    # The power of 6 pairs for a one-SD difference (tests/engine/test_experiment_stats.py).
    assert 0.55 <= made.power <= 0.72


def test_the_order_is_fixed_by_the_seed() -> None:
    assert draw_allocation(7, 6) == draw_allocation(7, 6)
    orders = {draw_allocation(seed, 8) for seed in range(40)}
    assert len(orders) > 30  # drawn, not one fixed pattern
    assert all(set(order) <= {"on-off", "off-on"} for order in orders)


def test_stored_design_reads_back(facts: ExperimentFacts) -> None:
    made = design(facts, pairs=8, period_days=7)
    assert Design.from_stored(made.stored()) == made


@pytest.mark.parametrize(
    ("choice", "field"),
    [
        ({"pairs": 5}, "pairs"),
        ({"pairs": 11}, "pairs"),
        ({"period_days": 6}, "period_days"),
        ({"period_days": 29}, "period_days"),
        ({"period_days": 7, "washout_days": 4}, "washout_days"),
    ],
)
def test_choices_outside_the_rules_are_refused(
    facts: ExperimentFacts, choice: dict[str, int], field: str
) -> None:
    with pytest.raises(InputError) as error:
        design(facts, **choice)
    assert error.value.fields == (field,)


def test_period_of_a_day(facts: ExperimentFacts) -> None:
    made = design(facts)
    assert made.period_on(START - timedelta(days=1)) is None
    assert made.period_on(made.end + timedelta(days=1)) is None
    found = made.period_on(START + timedelta(days=15))
    assert found is not None and found.index == 1


def checkins(made: Design, effect: float, *, seed: int = 3) -> list[Checkin]:
    """Night cramps: 3 a night off magnesium, 3 − effect on it, with noise."""
    rng = np.random.default_rng(seed)
    rows = []
    for period in made.periods():
        for offset in range(made.period_days):
            day = period.start + timedelta(days=offset)
            mean = 3.0 - (effect if period.arm == "on" else 0.0)
            value = max(0.0, round(mean + rng.normal(0, 0.8)))
            rows.append(Checkin(day=day, value=value, taken=period.arm == "on"))
    return rows


def test_no_effect_is_shown_while_running(facts: ExperimentFacts) -> None:
    made = design(facts)
    rule, outcome = facts.design, facts.outcomes[0]
    result = analyse(made, outcome, rule, checkins(made, 2.0), today=made.end, state="running")
    assert result.verdict == "running"
    assert (result.effect, result.low, result.high, result.on_mean) == (None, None, None, None)
    assert result.adherence.share == 1.0


def test_a_clear_effect_is_found_with_its_interval(facts: ExperimentFacts) -> None:
    made = design(facts)
    after = made.end + timedelta(days=1)
    outcome = facts.outcome("night_cramps")
    assert outcome is not None
    result = analyse(made, outcome, facts.design, checkins(made, 2.0), today=after, state="running")
    assert result.state == "finished"
    assert result.verdict == "better_on"
    assert result.pairs_analysed == 6
    assert result.effect is not None and 1.5 < result.effect < 2.5  # fewer cramps: positive
    assert result.low is not None and result.high is not None
    assert 0 < result.low <= result.effect <= result.high
    assert result.p_value == pytest.approx(2 / 64)
    assert result.on_mean is not None and result.off_mean is not None
    assert result.on_mean < result.off_mean
    assert result.adherence.days == 168 and result.adherence.missing == 0


def test_no_difference_spans_zero(facts: ExperimentFacts) -> None:
    made = design(facts)
    after = made.end + timedelta(days=1)
    outcome = facts.outcomes[0]
    result = analyse(
        made, outcome, facts.design, checkins(made, 0.0, seed=4), today=after, state="running"
    )
    assert result.verdict == "no_clear_difference"
    assert result.low is not None and result.high is not None
    assert result.low < 0 < result.high


def test_missing_days_leave_a_pair_out(facts: ExperimentFacts) -> None:
    """Five answers of 11 analysed days are fewer than half: that period and its pair are not
    analysed, and 5 pairs cannot answer. Wash-out days do not count."""
    made = design(facts)
    first = made.periods()[0]
    rows = [
        c
        for c in checkins(made, 2.0)
        if not (first.analysed_from + timedelta(days=5) <= c.day <= first.end)
    ]
    after = made.end + timedelta(days=1)
    result = analyse(made, facts.outcomes[0], facts.design, rows, today=after, state="running")
    summary = result.periods[0]
    assert (summary.answered, summary.analysed) == (5, False)
    assert not result.periods[1].analysed  # its pair partner
    assert result.pairs_analysed == 5
    assert result.verdict == "too_few_pairs"
    assert result.low is None and result.effect is not None
    assert result.adherence.missing == 6


def test_doses_not_taken_lower_adherence(facts: ExperimentFacts) -> None:
    made = design(facts)
    rows = [replace(c, taken=False) if c.day.day % 2 else c for c in checkins(made, 1.0)]
    after = made.end + timedelta(days=1)
    result = analyse(made, facts.outcomes[0], facts.design, rows, today=after, state="running")
    on = result.adherence
    assert on.on_taken < on.on_checked == 84
    assert on.share is not None and on.share < facts.design.good_adherence
    assert result.low_adherence


def test_stopped_for_safety_is_never_a_result(facts: ExperimentFacts) -> None:
    made = design(facts)
    day = made.periods()[4].end + timedelta(days=1)
    result = analyse(
        made,
        facts.outcomes[0],
        facts.design,
        checkins(made, 3.0),
        today=day,
        state="stopped_safety",
    )
    assert result.verdict == "stopped_safety"
    assert result.pairs_analysed == 2


def test_higher_is_better_for_sleep_quality(facts: ExperimentFacts) -> None:
    made = design(facts, outcome="sleep_quality")
    outcome = facts.outcome("sleep_quality")
    assert outcome is not None and outcome.sign == 1
    rows = [replace(c, value=10 - (c.value or 0)) for c in checkins(made, 2.0)]
    after = made.end + timedelta(days=1)
    result = analyse(made, outcome, facts.design, rows, today=after, state="running")
    assert result.verdict == "better_on"
    assert result.effect is not None and result.effect > 1.5
