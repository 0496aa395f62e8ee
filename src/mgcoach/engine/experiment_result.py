"""The analysis of an N-of-1 experiment from its daily check-ins (engine/experiment.py has the
design, engine/experiment_stats.py the test).

What is analysed, and why:

- **As allocated**: each analysed day counts for the period it falls in, whether the dose was
  taken or not. The randomisation test is valid for the recorded allocation only; leaving out
  the days a dose was missed would let those days (a bad night, a forgotten evening) choose
  what is compared. Adherence is reported beside the effect; below ``good_adherence`` the
  verdict says the difference of actually taking magnesium may be larger than measured.
- **Wash-out days** (the first days of each period) are not analysed.
- **Missing days** are left out of their period's mean. A period with answers on fewer than
  ``min_days_fraction`` of its analysed days is not analysed, and neither is its pair (a
  pair's order is the unit of the randomisation); the verdict counts the pairs left out.
- **No peeking**: while the experiment runs, no effect is computed; it is shown when the last
  period has ended. An experiment can be stopped early for safety (a red flag, an overdose,
  side effects) or by the person, never because it "works": a stopped experiment's verdict is
  that it stopped, whatever its numbers.

Verdicts: ``running``, ``stopped_safety``, ``stopped``, ``too_few_pairs`` (fewer complete
pairs than the test needs), ``better_on`` / ``worse_on`` (the interval excludes no
difference), ``no_clear_difference`` (the interval spans zero). Pure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from ..knowledge.experiments import DesignRules, Outcome
from .experiment import Design, Period
from .experiment_stats import randomisation_test, shift_interval

State = Literal["running", "finished", "stopped", "stopped_safety"]
Verdict = Literal[
    "running",
    "stopped_safety",
    "stopped",
    "too_few_pairs",
    "better_on",
    "worse_on",
    "no_clear_difference",
]


@dataclass(frozen=True, slots=True)
class Checkin:
    """One day's answer (None: not given) and whether the day's dose was taken."""

    day: date
    value: float | None
    taken: bool | None


@dataclass(frozen=True, slots=True)
class PeriodSummary:
    period: Period
    analysed_days: int  # days after the wash-out, up to today
    answered: int  # of those, days with an answer
    mean: float | None  # of those answers
    checked: int  # days of the whole period with a check-in
    taken: int  # of those, days the dose was taken
    ended: bool
    analysed: bool  # ended, with enough answers (``min_days_fraction``), and its pair too


@dataclass(frozen=True, slots=True)
class Adherence:
    """Check-ins as allocated: a dose taken in an on period, none in an off period."""

    days: int  # days of the experiment up to today (or its end)
    checked: int
    on_checked: int
    on_taken: int
    off_checked: int
    off_taken: int

    @property
    def missing(self) -> int:
        return self.days - self.checked

    @property
    def share(self) -> float | None:
        """Days as allocated out of the days checked in (None before any check-in)."""
        if not self.checked:
            return None
        return (self.on_taken + self.off_checked - self.off_taken) / self.checked


@dataclass(frozen=True, slots=True)
class Analysis:
    state: State
    periods: tuple[PeriodSummary, ...]
    adherence: Adherence
    pairs_analysed: int
    on_mean: float | None
    off_mean: float | None
    effect: float | None  # mean improvement (+: better on magnesium), in the outcome's unit
    low: float | None  # the 1 − alpha interval; None when the design cannot bound it
    high: float | None
    p_value: float | None
    verdict: Verdict
    low_adherence: bool


def _summary(
    period: Period, checkins: Mapping[date, Checkin], today: date, min_fraction: float
) -> PeriodSummary:
    days = [d for d in checkins if period.start <= d <= min(period.end, today)]
    analysed = [d for d in days if d >= period.analysed_from]
    values = [v for d in analysed if (v := checkins[d].value) is not None]
    analysed_days = max(0, (min(period.end, today) - period.analysed_from).days + 1)
    full = (period.end - period.analysed_from).days + 1
    ended = today > period.end
    enough = len(values) >= math.ceil(min_fraction * full)
    return PeriodSummary(
        period=period,
        analysed_days=analysed_days,
        answered=len(values),
        mean=sum(values) / len(values) if values else None,
        checked=len(days),
        taken=sum(1 for d in days if checkins[d].taken),
        ended=ended,
        analysed=ended and enough,
    )


def _adherence(design: Design, summaries: Iterable[PeriodSummary], today: date) -> Adherence:
    rows = list(summaries)
    on = [s for s in rows if s.period.arm == "on"]
    off = [s for s in rows if s.period.arm == "off"]
    last = min(today, design.end)
    return Adherence(
        days=max(0, (last - design.start).days + 1),
        checked=sum(s.checked for s in rows),
        on_checked=sum(s.checked for s in on),
        on_taken=sum(s.taken for s in on),
        off_checked=sum(s.checked for s in off),
        off_taken=sum(s.taken for s in off),
    )


def _pairs(summaries: tuple[PeriodSummary, ...]) -> tuple[PeriodSummary, ...]:
    """The summaries with a period whose pair partner is not analysed marked not analysed."""
    by_pair: dict[int, list[PeriodSummary]] = {}
    for summary in summaries:
        by_pair.setdefault(summary.period.pair, []).append(summary)
    whole = {pair for pair, rows in by_pair.items() if all(s.analysed for s in rows)}
    return tuple(s if s.period.pair in whole else replace(s, analysed=False) for s in summaries)


def _pair_means(
    design: Design, outcome: Outcome, summaries: tuple[PeriodSummary, ...]
) -> tuple[list[float], list[float], list[float]]:
    """Each analysed pair's improvement (on − off, signed: + is better on magnesium), and the
    on and off period means it came from."""
    improvements: list[float] = []
    on_means: list[float] = []
    off_means: list[float] = []
    for pair in range(design.pairs):
        rows = {s.period.arm: s for s in summaries if s.period.pair == pair and s.analysed}
        if len(rows) == 2 and rows["on"].mean is not None and rows["off"].mean is not None:
            on_means.append(rows["on"].mean)
            off_means.append(rows["off"].mean)
            improvements.append(outcome.sign * (rows["on"].mean - rows["off"].mean))
    return improvements, on_means, off_means


def _verdict(state: State, pairs: int, rules: DesignRules, low: float | None) -> Verdict:
    if state == "running":
        return "running"
    if state in ("stopped", "stopped_safety"):
        return state
    if pairs < rules.min_pairs or low is None:
        return "too_few_pairs"
    return "no_clear_difference"


def analyse(
    design: Design,
    outcome: Outcome,
    rules: DesignRules,
    checkins: Iterable[Checkin],
    *,
    today: date,
    state: State,
) -> Analysis:
    """The experiment as it stands on ``today``: ``state`` is "running" until its end (then
    "finished"), or how it was stopped. The effect is computed once it is not running."""
    by_day = {c.day: c for c in checkins if design.start <= c.day <= design.end}
    if state == "running" and today > design.end:
        state = "finished"
    summaries = _pairs(
        tuple(_summary(p, by_day, today, rules.min_days_fraction) for p in design.periods())
    )
    adherence = _adherence(design, summaries, today)
    share = adherence.share
    # Judged once a period's worth of days is checked in: one missed dose is no pattern.
    low_adherence = (
        share is not None
        and adherence.checked >= design.period_days
        and share < rules.good_adherence
    )
    improvements, on_means, off_means = _pair_means(design, outcome, summaries)
    effect = low = high = p_value = None
    if state != "running" and improvements:
        effect = sum(improvements) / len(improvements)
        p_value = randomisation_test(tuple(improvements))
        bounds = shift_interval(tuple(improvements), rules.alpha)
        if all(math.isfinite(b) for b in bounds):
            low, high = bounds
    verdict = _verdict(state, len(improvements), rules, low)
    if verdict == "no_clear_difference" and low is not None and high is not None:
        if low > 0:
            verdict = "better_on"
        elif high < 0:
            verdict = "worse_on"
    shown = state != "running" and improvements
    return Analysis(
        state=state,
        periods=summaries,
        adherence=adherence,
        pairs_analysed=len(improvements),
        on_mean=sum(on_means) / len(on_means) if shown else None,
        off_mean=sum(off_means) / len(off_means) if shown else None,
        effect=effect,
        low=low,
        high=high,
        p_value=p_value,
        verdict=verdict,
        low_adherence=low_adherence,
    )
