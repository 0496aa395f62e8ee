"""On which days each of the plan's schedules repeats, as an iCalendar recurrence.

The plan has an everyday schedule and, for medicines not taken daily, a schedule on their days
(``supplement.schedule_on_days``). With weekly medicines only, each is a weekly rule by weekday
(the everyday schedule on the other weekdays) and repeats for ever. A medicine taken every N
days shifts over the weekdays, and its days mixed with others' make no rule a calendar app
can follow for ever: then every schedule is laid out day by day over ``HORIZON_DAYS`` from
today (a daily rule with the other schedules' days left out, an every-N-days rule, or the days
listed) and ends there; a subscription is made again each time it is read, so it never ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from ..journal.frequency import DAYS_PER_WEEK, WEEKDAY_NAMES, Frequency, parse_frequency
from .schedule import DaysScheduleJson

HORIZON_DAYS = 12 * DAYS_PER_WEEK


@dataclass(frozen=True, slots=True)
class DayPattern:
    """The days a schedule is on: from ``start``, by ``freq`` (DAILY or WEEKLY; None: only
    ``start`` and ``more``), every ``interval``, on ``byday`` (MO, TU…), to ``until``, without
    ``skip`` and with ``more``."""

    start: date
    freq: str | None = "DAILY"
    interval: int = 1
    byday: tuple[str, ...] = ()
    until: date | None = None
    skip: tuple[date, ...] = ()
    more: tuple[date, ...] = ()


CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # RFC 5545 weekdays, Monday first


def _code(weekday: int) -> str:
    return CODES[weekday]


def _first_on(today: date, weekdays: Sequence[int]) -> date:
    return next(
        today + timedelta(days=n)
        for n in range(DAYS_PER_WEEK)
        if (today + timedelta(days=n)).weekday() in weekdays
    )


def _weekly(today: date, weekdays: Sequence[int]) -> DayPattern | None:
    if not weekdays:
        return None
    return DayPattern(
        start=_first_on(today, weekdays),
        freq="WEEKLY",
        byday=tuple(_code(day) for day in sorted(weekdays)),
    )


Medicine = tuple[str, str]  # the medicine as named, and its frequency's spec


def _medicines(group: DaysScheduleJson) -> frozenset[Medicine]:
    return frozenset(zip(group["drugs"], group["frequencies"], strict=True))


def _group_of(taken: frozenset[Medicine], groups: list[frozenset[Medicine]]) -> int | None:
    """The schedule for a day with the medicines ``taken``: the group of exactly those, else
    the smallest that holds them all (the plan keeps several together when their days are too
    many to schedule one by one); None on a day without any."""
    if not taken:
        return None
    if taken in groups:
        return groups.index(taken)
    holding = [i for i, group in enumerate(groups) if taken <= group]
    return min(holding, key=lambda i: len(groups[i])) if holding else len(groups) - 1


def _laid_out(days: list[date], *, fill: bool) -> DayPattern | None:
    """``days`` as one pattern: a daily rule that skips the days between them (``fill``), a
    rule every N days when they are evenly spaced, else the first day and the rest listed."""
    if not days:
        return None
    first, last = days[0], days[-1]
    if len(days) == 1:
        return DayPattern(start=first, freq=None)
    if fill:
        on = set(days)
        span = (last - first).days
        skip = tuple(d for n in range(span) if (d := first + timedelta(days=n)) not in on)
        return DayPattern(start=first, until=last, skip=skip)
    steps = {(b - a).days for a, b in pairwise(days)}
    if len(steps) == 1:
        return DayPattern(start=first, interval=steps.pop(), until=last)
    return DayPattern(start=first, freq=None, more=tuple(days[1:]))


def day_patterns(
    groups: list[DaysScheduleJson], today: date
) -> tuple[DayPattern | None, list[DayPattern | None]]:
    """The days of the everyday schedule and of each group's, from ``today``; None for a
    schedule that has no day (weekly medicines on every weekday leave no everyday)."""
    if not groups:
        return DayPattern(start=today), []
    weekly = [
        tuple(i for i, names in enumerate(WEEKDAY_NAMES) if names[0] in group["weekdays"])
        for group in groups
    ]
    if all(weekly):
        busy = {day for days in weekly for day in days}
        rest = [day for day in range(DAYS_PER_WEEK) if day not in busy]
        return _weekly(today, rest), [_weekly(today, days) for days in weekly]
    members = [_medicines(group) for group in groups]
    frequencies: dict[Medicine, Frequency] = {
        medicine: parse_frequency(medicine[1]) for group in members for medicine in group
    }
    on: dict[int | None, list[date]] = {}
    for offset in range(HORIZON_DAYS):
        day = today + timedelta(days=offset)
        taken = frozenset(m for m, freq in frequencies.items() if freq.applies_on(day))
        on.setdefault(_group_of(taken, members), []).append(day)
    return (
        _laid_out(on.get(None, []), fill=True),
        [_laid_out(on.get(index, []), fill=False) for index in range(len(groups))],
    )
