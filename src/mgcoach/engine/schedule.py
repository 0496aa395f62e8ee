"""Dose times for magnesium that keep every medicine's separation rule.

The day is searched slot by slot (every ``slot_minutes``, while the person is awake); a slot is
allowed when it breaks no rule of any drug dose (``clock.breaks_rule``). Among the allowed slots
the planner picks as many doses as the daily amount needs (split above the per-dose size), at
least ``min_gap`` apart, scoring meal times and, if wanted, the evening. The choice is exact
(dynamic programming over the allowed slots), not a handful of guesses.

The work is bounded by what a day can hold, not by the amount: a greedy pass finds once how
many doses fit the allowed slots, and the search starts there, so 300,000 mg in doses of at
most 25 mg costs what 4 doses cost.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from ..frozen import frozen
from ..i18n import N_, NP_
from ..knowledge.advice import Dosing
from .clock import MINUTES_PER_DAY, breaks_rule, format_time, hours_to_minutes
from .notes import Note

MEAL_POINTS = 3.0
FEWER_DOSES = NP_(
    "Only {count} dose time at least {gap} h apart keeps every separation rule; {wanted} were "
    "wanted, so the dose is larger than {max_mg} mg.",
    "Only {count} dose times at least {gap} h apart keep every separation rule; {wanted} were "
    "wanted, so each dose is larger than {max_mg} mg.",
)
EVENING_POINTS = 1.5


@frozen(kw_only=True)
class TimingRule:
    """One dose of a medicine with its protected window (minutes)."""

    drug: str
    at: int
    before_min: int
    after_min: int

    @classmethod
    def from_hours(cls, drug: str, at: int, hours_before: float, hours_after: float) -> TimingRule:
        return cls(
            drug=drug,
            at=at,
            before_min=hours_to_minutes(hours_before),
            after_min=hours_to_minutes(hours_after),
        )

    def broken_by(self, magnesium_at: int) -> bool:
        return breaks_rule(self.at, magnesium_at, self.before_min, self.after_min)


@frozen(kw_only=True)
class Preferences:
    """What the person prefers; defaults come from the dosing conventions (advice.toml)."""

    meal_times: tuple[int, ...]
    with_meals: bool = True
    evening: bool = True
    awake_from: int
    awake_until: int
    evening_from: int
    max_single_dose_mg: float
    min_gap_min: int
    slot_min: int
    meal_window_min: int

    @classmethod
    def from_dosing(cls, dosing: Dosing, **overrides: Any) -> Preferences:
        conventions = cls(
            meal_times=dosing.meal_times.minutes,
            awake_from=dosing.awake_from.minutes,
            awake_until=dosing.awake_until.minutes,
            evening_from=dosing.evening_from.minutes,
            max_single_dose_mg=dosing.max_single_dose_mg.value,
            min_gap_min=hours_to_minutes(dosing.min_hours_between_doses.value),
            slot_min=int(dosing.slot_minutes.value),
            meal_window_min=int(dosing.meal_window_minutes.value),
        )
        given = {key: value for key, value in overrides.items() if value is not None}
        return replace(conventions, **given)

    def slots(self, rules: list[TimingRule] | tuple[TimingRule, ...] = ()) -> list[int]:
        """Every ``slot_min`` while awake, plus the exact edges of each rule's window.

        A free stretch of the day starts where a window ends (drug time + before) or at
        waking, and ends where a window starts (drug time − after) or at bedtime: with those
        edges as candidates no free minute is missed, even off the quarter-hour grid.
        """
        first = math.ceil(self.awake_from / self.slot_min) * self.slot_min
        grid = set(range(first, self.awake_until + 1, self.slot_min))
        edges = {self.awake_from, self.awake_until, *self.meal_times}
        for rule in rules:
            edges |= {
                (rule.at + rule.before_min) % MINUTES_PER_DAY,
                (rule.at - rule.after_min) % MINUTES_PER_DAY,
            }
        edges = {edge for edge in edges if self.awake_from <= edge <= self.awake_until}
        return sorted(grid | edges)

    def score(self, slot: int) -> float:
        points = 0.0
        if self.with_meals and self.meal_times:
            distance = min(
                min((slot - meal) % MINUTES_PER_DAY, (meal - slot) % MINUTES_PER_DAY)
                for meal in self.meal_times
            )
            if distance <= self.meal_window_min:
                points += MEAL_POINTS - distance / max(self.meal_window_min, 1)
        if self.evening and slot >= self.evening_from:
            points += EVENING_POINTS
        return points


@frozen(kw_only=True)
class Schedule:
    times: tuple[int, ...]
    doses_mg: tuple[float, ...]
    wanted_doses: int
    allowed_slots: int
    notes: tuple[Note, ...] = ()

    @property
    def clock_times(self) -> tuple[str, ...]:
        return tuple(format_time(t) for t in self.times)


def doses_needed(daily_mg: float, max_single_dose_mg: float) -> int:
    if daily_mg <= 0:
        return 1
    return max(1, math.ceil(round(daily_mg, 6) / max_single_dose_mg))


def split_dose(daily_mg: float, doses: int) -> tuple[float, ...]:
    """Whole milligrams per dose that add up to the (rounded) daily amount."""
    total = round(daily_mg)
    base, extra = divmod(total, doses)
    return tuple(float(base + (1 if index < extra else 0)) for index in range(doses))


def allowed(slot: int, rules: list[TimingRule] | tuple[TimingRule, ...]) -> bool:
    return not any(rule.broken_by(slot) for rule in rules)


def _best(slots: list[int], scores: list[float], count: int, gap: int) -> tuple[int, ...] | None:
    """The ``count`` slots, pairwise at least ``gap`` apart on a repeating day, best total score.

    Within a waking window shorter than a day minus ``gap`` the last dose is always far enough
    from the next day's first; for longer windows each first dose is tried in turn, with later
    doses limited to end ``gap`` before it comes round again.
    """
    if count > 1 and slots and slots[-1] - slots[0] > MINUTES_PER_DAY - gap:
        score_of = dict(zip(slots, scores, strict=True))
        best: tuple[float, tuple[int, ...]] | None = None
        for first in slots:
            window = [t for t in slots if first + gap <= t <= first + MINUTES_PER_DAY - gap]
            candidates = [first, *window]
            picked = _best_linear(
                candidates, [score_of[t] for t in candidates], count, gap, fixed_first=True
            )
            if picked is not None:
                total = sum(score_of[t] for t in picked)
                if best is None or total > best[0] + 1e-9:
                    best = (total, picked)
        return None if best is None else best[1]
    return _best_linear(slots, scores, count, gap)


def _greedy_count(slots: list[int], gap: int) -> int:
    """How many of the increasing ``slots`` can be picked, consecutive ones ``gap`` apart.

    Taking each slot as soon as it is ``gap`` after the last one taken is optimal: any other
    choice can be shifted slot by slot onto the greedy one without losing a dose.
    """
    count, last = 0, None
    for slot in slots:
        if last is None or slot - last >= gap:
            count, last = count + 1, slot
    return count


def most_doses(slots: list[int], gap: int) -> int:
    """The largest ``count`` for which ``_best`` finds a choice; 0 without any slot.

    Never more than the slots ``gap`` apart within the waking window. It follows ``_best``
    case by case: on a long waking window each first dose in turn, with later doses ending
    ``gap`` before it comes round again.
    """
    if not slots:
        return 0
    day = MINUTES_PER_DAY
    if slots[-1] - slots[0] > day - gap:
        return max(
            1 + _greedy_count([t for t in slots if first + gap <= t <= first + day - gap], gap)
            for first in slots
        )
    return _greedy_count(slots, gap)


def _best_linear(
    slots: list[int], scores: list[float], count: int, gap: int, fixed_first: bool = False
) -> tuple[int, ...] | None:
    """The best ``count`` slots of an increasing list, consecutive ones ``gap`` apart."""
    size = len(slots)
    if count == 0 or size == 0:
        return None
    # best[j][i]: (score, picks) of j+1 slots ending at slot i.
    best: list[list[tuple[float, tuple[int, ...]] | None]] = [
        [(scores[i], (i,)) if i == 0 or not fixed_first else None for i in range(size)]
    ]
    for _ in range(1, count):
        previous = best[-1]
        row: list[tuple[float, tuple[int, ...]] | None] = []
        for i in range(size):
            candidate: tuple[float, tuple[int, ...]] | None = None
            for k in range(i):
                earlier = previous[k]
                if earlier is None or slots[i] - slots[k] < gap:
                    continue
                total = earlier[0] + scores[i]
                if candidate is None or total > candidate[0] + 1e-9:
                    candidate = (total, earlier[1] + (i,))
            row.append(candidate)
        best.append(row)
    chosen: tuple[float, tuple[int, ...]] | None = None
    for entry in best[-1]:
        if entry is not None and (chosen is None or entry[0] > chosen[0] + 1e-9):
            chosen = entry
    return None if chosen is None else tuple(slots[i] for i in chosen[1])


def _why_none(rules: list[TimingRule], prefs: Preferences) -> Note:
    drugs = ", ".join(dict.fromkeys(rule.drug for rule in rules))
    return Note(
        code="no_time_fits",
        message=N_(
            "No time between {start} and {end} keeps every separation rule of {drugs}: "
            "their doses leave no free time for magnesium. Ask your doctor or pharmacist "
            "whether the medicine times can move."
        ),
        params={
            "start": format_time(prefs.awake_from),
            "end": format_time(prefs.awake_until),
            "drugs": drugs,
        },
    )


def propose(
    rules: list[TimingRule],
    daily_mg: float,
    prefs: Preferences,
    doses: int | None = None,
) -> Schedule:
    """Dose times for ``daily_mg`` (elemental, supplemental) that break no rule.

    ``doses`` asks for at least that many doses; more are used when a dose would be above the
    per-dose size. When fewer doses fit than wanted, the schedule says so; when none fits it
    is empty and says why.

    Cost: independent of ``daily_mg``. With S = the waking slots (at most 24 h / slot_min,
    96 at 15 minutes), R = the rules and C = the most doses that fit (at most 24 h / min_gap):
    S × R to find the allowed slots, then at most C counts, each a search of at most
    S × C × S² steps (S × C × S for a waking window shorter than a day minus min_gap).
    tests/engine/test_cost_bounds.py checks the bound on every admitted input.
    """
    wanted = max(doses or 1, doses_needed(daily_mg, prefs.max_single_dose_mg))
    slots = [slot for slot in prefs.slots(rules) if allowed(slot, rules)]
    scores = [prefs.score(slot) for slot in slots]
    # More doses than fit the day are never tried: without this cap the search grows with the
    # square of the amount (12,000 counts for 300,000 mg at 25 mg a dose).
    for count in range(min(wanted, most_doses(slots, prefs.min_gap_min)), 0, -1):
        picked = _best(slots, scores, count, prefs.min_gap_min)
        if picked is None:
            continue
        notes: list[Note] = []
        if count < wanted:
            notes.append(
                Note(
                    code="fewer_doses_fit",
                    message=FEWER_DOSES,
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
