"""Dose times on the days of medicines that are not taken every day.

The everyday schedule keeps the timing rules of the daily medicines only: a once-weekly
alendronate does not block magnesium times on the other six days. On the days a non-daily
medicine is taken its rules are added, and those days get a schedule of their own.

Days are grouped by which non-daily medicines fall on them: with weekly medicines only, by
weekday ("on Mondays"); with a medicine taken every N days the weekdays shift, so a group is
"the days you take these medicines" (found over one whole cycle of all the medicines).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from ..frozen import frozen
from ..journal.frequency import DAYS_PER_WEEK
from .interactions import Interaction, Medication
from .schedule import Preferences, Schedule, TimingRule, propose

# A Monday to count cycles from (any day would do: every pattern repeats over the cycle).
ANCHOR = date(2001, 1, 1)
# Longer cycles (two medicines every 181 and 173 days) are not walked day by day: all their
# rules are kept together, which is stricter than needed on some days, never less safe.
MAX_CYCLE_DAYS = 5000
# Nor is each of many different sets of medicines on a day given a schedule of its own (13
# medicines every 2 to 20 days make 117 such sets, each a search of the day): with more sets
# than this, all their rules are kept together in the same way. Weekly medicines make at most
# seven sets, one per weekday.
MAX_DAY_GROUPS = 8


@frozen(kw_only=True)
class DaySchedule:
    """The magnesium times on the days ``medications`` (not taken daily) are taken."""

    medications: tuple[Medication, ...]
    weekdays: tuple[int, ...] = ()  # these weekdays exactly, when every medicine is weekly
    schedule: Schedule

    @property
    def drugs(self) -> tuple[str, ...]:
        return tuple(med.given_name for med in self.medications)


def everyday_rules(interactions: Sequence[Interaction]) -> list[TimingRule]:
    """The timing rules that hold every day: those of the medicines taken daily."""
    return [rule for item in interactions if item.medication.daily for rule in item.timing_rules()]


def day_groups(
    meds: Sequence[Medication],
) -> list[tuple[tuple[Medication, ...], tuple[int, ...]]]:
    """The sets of ``meds`` (none daily) taken on the same day, each with its weekdays when all
    of ``meds`` are weekly.

    Cost: at most ``MAX_CYCLE_DAYS`` days × len(meds) to find the sets, and at most
    ``MAX_DAY_GROUPS`` sets (seven for weekly medicines), whatever the medicines."""
    if not meds:
        return []
    if all(med.frequency.kind == "weekly" for med in meds):
        by_set: dict[tuple[int, ...], list[int]] = {}
        for weekday in range(DAYS_PER_WEEK):
            found = tuple(i for i, med in enumerate(meds) if weekday in med.frequency.weekdays)
            if found:
                by_set.setdefault(found, []).append(weekday)
        return [(tuple(meds[i] for i in found), tuple(days)) for found, days in by_set.items()]
    cycle = math.lcm(*(med.frequency.every_days or DAYS_PER_WEEK for med in meds))
    if cycle > MAX_CYCLE_DAYS:
        return [(tuple(meds), ())]
    seen: set[tuple[int, ...]] = set()
    for offset in range(cycle):
        day = ANCHOR + timedelta(days=offset)
        found = tuple(i for i, med in enumerate(meds) if med.frequency.applies_on(day))
        if found:
            seen.add(found)
            if len(seen) > MAX_DAY_GROUPS:
                return [(tuple(meds), ())]
    return [
        (tuple(meds[i] for i in found), ()) for found in sorted(seen, key=lambda f: (len(f), f))
    ]


def schedules_on_days(
    interactions: Sequence[Interaction],
    daily_mg: float,
    prefs: Preferences,
    doses: int | None = None,
) -> tuple[DaySchedule, ...]:
    """The schedule for the days of each group of non-daily medicines with a timing rule: the
    daily medicines' rules with theirs added.

    Cost: at most ``MAX_DAY_GROUPS`` calls of ``propose`` (see its bound)."""
    everyday = everyday_rules(interactions)
    timed = [item for item in interactions if not item.medication.daily and item.timing_rules()]
    rules = {item.medication.drug.slug: item.timing_rules() for item in timed}
    found = []
    for meds, weekdays in day_groups([item.medication for item in timed]):
        extra = [rule for med in meds for rule in rules[med.drug.slug]]
        found.append(
            DaySchedule(
                medications=meds,
                weekdays=weekdays,
                schedule=propose(everyday + extra, daily_mg, prefs, doses=doses),
            )
        )
    return tuple(found)
