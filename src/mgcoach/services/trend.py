"""`mgcoach week` and `mgcoach trend`: many days at once, from per-day sums in SQL.

A trend never loads every entry: storage/journal_days.py sums food, supplements, symptoms, sleep
and training per day in the database (a handful of GROUP BY queries) and counts the entries of
any kind per day, and only the targets are worked out here, once per age the
person had in the period. ``naive_trend`` (the benchmark's baseline) assesses every day one by
one instead.

What counts (contract/trend.py says it to the reader in these words):
- Magnesium and the other nutrients are averaged over the days with food logged.
- Cramps, soreness and training are averaged over the days with anything logged (an entry of
  any kind): on such a day no cramp entry means 0 cramps, no soreness entry means no soreness
  (0) and no training entry means 0 minutes. A day with nothing logged is left out, never 0.
- Sleep is averaged over the nights with sleep logged.
- A change compares the earlier half of the days that have a value with the later half, so
  days with nothing logged move neither half. It is reported only when each half has at least
  ``min_days_per_half`` days (advice.toml [trend]); equal averages are "same", never "up".
A day is "on target" when food plus supplement magnesium reaches the target.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import attrgetter
from statistics import fmean
from typing import Literal

from ..engine.day import DAY_NUTRIENTS
from ..engine.targets import nutrient_target
from ..errors import InputError
from ..i18n import N_
from ..journal.model import PersonProfile
from ..knowledge import KnowledgeBase
from ..knowledge.advice import TrendRules
from ..knowledge.safety import Claim
from ..knowledge.vocabulary import System
from ..storage import journal as store
from ..storage import journal_days
from ..storage.database import Database
from .day import day_report
from .journal import engine_profile, require_profile, usable_profile

MAX_DAYS = 3660
# Which evidence claim (evidence.toml) speaks to each tracked measure.
EVIDENCE = {"cramps": "cramps_idiopathic", "soreness": "recovery_doms", "sleep_hours": "sleep"}
Direction = Literal["up", "down", "same", "steady", "not_enough_data"]


@dataclass(slots=True)
class TrendDay:
    day: date
    entries: int = 0  # of any kind: the day counts for symptoms when it has one
    food_entries: int = 0
    food: dict[str, float | None] = field(default_factory=dict)
    unknown: dict[str, int] = field(default_factory=dict)
    supplement_mg: float = 0.0
    target_mg: float | None = None
    cramps: int = 0
    cramp_nights: int = 0
    soreness: float | None = None
    symptoms: dict[str, int] = field(default_factory=dict)
    sleep_hours: float | None = None
    sleep_quality: float | None = None
    training_minutes: float = 0.0
    training_rpe: float | None = None

    @property
    def logged(self) -> bool:
        """Food was logged: the day counts for magnesium and the other nutrients."""
        return self.food_entries > 0

    @property
    def has_entries(self) -> bool:
        """Anything was logged: the day counts for cramps, soreness and training."""
        return self.entries > 0 or self.food_entries > 0

    @property
    def counted_cramps(self) -> float | None:
        """Cramps as averages count them: 0 on a logged day without one, None on an empty day."""
        return float(self.cramps) if self.has_entries else None

    @property
    def counted_soreness(self) -> float | None:
        if not self.has_entries:
            return None
        return 0.0 if self.soreness is None else self.soreness

    @property
    def counted_training_minutes(self) -> float | None:
        return self.training_minutes if self.has_entries else None

    @property
    def magnesium_mg(self) -> float | None:
        food = self.food.get("magnesium_mg")
        if not self.logged or food is None:
            return None
        return food + self.supplement_mg

    @property
    def percent_of_target(self) -> float | None:
        total = self.magnesium_mg
        return None if total is None or not self.target_mg else 100.0 * total / self.target_mg

    @property
    def on_target(self) -> bool:
        percent = self.percent_of_target
        return percent is not None and percent >= 100.0


@dataclass(frozen=True, slots=True)
class Change:
    """How a measure moved from the earlier half of the days with a value to the later half.

    ``first`` and ``second`` are the averages rounded to ``digits`` (what a reader sees, and what
    the direction is decided on); both are None when a half has too few days.
    """

    measure: str
    first: float | None
    second: float | None
    days_first: int
    days_second: int
    digits: int
    direction: Direction
    claim: Claim | None


@dataclass(frozen=True, slots=True)
class Association:
    """Cramps on days on target against days below it: a description, not a cause."""

    days_on_target: int
    days_below: int
    cramps_per_day_on_target: float | None
    cramps_per_day_below: float | None
    enough_data: bool


# Each measure a trend follows: how a day's value is read (None: the day does not count) and
# how many decimals a reader sees.
MEASURES: dict[str, tuple[Callable[[TrendDay], float | None], int]] = {
    "magnesium_mg": (attrgetter("magnesium_mg"), 0),
    "cramps": (attrgetter("counted_cramps"), 2),
    "soreness": (attrgetter("counted_soreness"), 1),
    "sleep_hours": (attrgetter("sleep_hours"), 1),
}


def direction_of(first: float, second: float, steady_share: float) -> Direction:
    """Up, down, the same (equal as shown), or steady (within ``steady_share`` of ``first``)."""
    if first == second:
        return "same"
    if abs(second - first) <= steady_share * abs(first):
        return "steady"
    return "up" if second > first else "down"


def change_of(
    values: list[float], digits: int, rules: TrendRules
) -> tuple[float | None, float | None, int, int, Direction]:
    """The earlier half of ``values`` (in day order) against the later half."""
    half = len(values) // 2
    first, second = values[:half], values[half:]
    if min(len(first), len(second)) < rules.min_days_per_half.value:
        return None, None, len(first), len(second), "not_enough_data"
    a, b = round(fmean(first), digits), round(fmean(second), digits)
    return a, b, len(first), len(second), direction_of(a, b, rules.steady_share.value)


@dataclass(frozen=True, slots=True)
class Trend:
    profile: str
    system: System
    start: date
    end: date
    days: tuple[TrendDay, ...]

    @property
    def logged(self) -> list[TrendDay]:
        return [d for d in self.days if d.logged]

    def average(self, values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return fmean(known) if known else None

    def weeks(self) -> list[tuple[date, list[TrendDay]]]:
        grouped: dict[date, list[TrendDay]] = defaultdict(list)
        for day in self.days:
            grouped[day.day - timedelta(days=day.day.weekday())].append(day)
        return sorted(grouped.items())

    def changes(self, kb: KnowledgeBase) -> list[Change]:
        found = []
        for measure, (read, digits) in MEASURES.items():
            values = [v for v in map(read, self.days) if v is not None]
            first, second, n_first, n_second, direction = change_of(values, digits, kb.advice.trend)
            claim = kb.safety.claims.get(EVIDENCE.get(measure, ""))
            found.append(
                Change(measure, first, second, n_first, n_second, digits, direction, claim)
            )
        return found

    def association(self, kb: KnowledgeBase) -> Association:
        """Over the days with food logged (the only days whose target is known to be met)."""
        on = [d for d in self.logged if d.on_target]
        below = [d for d in self.logged if not d.on_target and d.magnesium_mg is not None]
        needed = kb.advice.trend.min_days_per_half.value
        return Association(
            days_on_target=len(on),
            days_below=len(below),
            cramps_per_day_on_target=fmean(d.cramps for d in on) if on else None,
            cramps_per_day_below=fmean(d.cramps for d in below) if below else None,
            enough_data=min(len(on), len(below)) >= needed,
        )


def check_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise InputError(N_("The number of days is from 1 to {max}."), field="days", max=MAX_DAYS)
    return days


def week_range(day: date, today: date) -> tuple[date, date]:
    """Monday to Sunday of ``day``'s ISO week, ending today at the latest."""
    start = day - timedelta(days=day.weekday())
    return start, min(start + timedelta(days=6), today)


def _targets(
    kb: KnowledgeBase, person: PersonProfile, system: System, days: list[date]
) -> dict[date, float | None]:
    cache: dict[int, float | None] = {}
    found: dict[date, float | None] = {}
    for day in days:
        profile = engine_profile(person, day)
        if profile.age_months not in cache:
            cache[profile.age_months] = nutrient_target(kb, "magnesium", system, profile).target
        found[day] = cache[profile.age_months]
    return found


def trend(
    db: Database,
    kb: KnowledgeBase,
    profile: str,
    start: date,
    end: date,
    owner: str = store.LOCAL_USER,
) -> Trend:
    """Per-day sums from ``start`` to ``end`` (inclusive), with the day's magnesium target."""
    columns = [column for _key, column, _slug in DAY_NUTRIENTS]
    with db.connect() as connection:
        person = usable_profile(require_profile(connection, profile, owner))
        assert person.id is not None
        pid = person.id
        food_rows = journal_days.daily_food(connection, pid, start, end)
        supplements = journal_days.daily_supplements(connection, pid, start, end)
        symptom_rows = journal_days.daily_symptoms(connection, pid, start, end)
        sleeps, trainings = journal_days.daily_sleep_training(connection, pid, start, end)
        counts = journal_days.entries_per_day(connection, pid, start, end)
    system = System(person.system)
    all_days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    targets = _targets(kb, person, system, all_days)
    days = {d: TrendDay(d, counts.get(d, 0), target_mg=targets[d]) for d in all_days}
    for row in food_rows:
        item = days[row.day]
        for column in columns:
            unknown = int(getattr(row, f"{column}_unknown"))
            value = getattr(row, column)
            item.food[column] = None if value is None else float(value)
            item.unknown[column] = unknown
        item.food_entries = int(row.entries)
    for day, mg in supplements.items():
        days[day].supplement_mg = mg
    for row in symptom_rows:
        item = days[row.day]
        item.symptoms[row.symptom] = int(row.entries)
        if row.symptom == "cramp":
            item.cramps += int(row._mapping["count"])
            item.cramp_nights += int(row.night)
        if row.symptom == "soreness" and row.severity is not None:
            item.soreness = max(item.soreness or 0.0, float(row.severity))
    for day, (hours, quality) in sleeps.items():
        days[day].sleep_hours, days[day].sleep_quality = hours, quality
    for day, (minutes, rpe) in trainings.items():
        days[day].training_minutes, days[day].training_rpe = minutes, rpe
    return Trend(profile, system, start, end, tuple(days[d] for d in all_days))


def naive_trend(
    db: Database, kb: KnowledgeBase, profile: str, start: date, end: date
) -> list[float | None]:
    """The baseline: every day assessed in full, one after the other (magnesium totals)."""
    found = []
    day = start
    while day <= end:
        found.append(day_report(db, kb, profile, day).nutrient("magnesium").total)
        day += timedelta(days=1)
    return found
