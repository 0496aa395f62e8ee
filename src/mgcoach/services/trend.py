"""`mgcoach week` and `mgcoach trend`: many days at once, from per-day sums in SQL.

A trend never loads every entry: storage/journal.py sums food, supplements, symptoms, sleep and
training per day in the database (a handful of GROUP BY queries), and only the targets are
worked out here, once per age the person had in the period. ``naive_trend`` (the benchmark's
baseline) assesses every day one by one instead.

What counts: a day is "logged" when it has at least one counted food entry; averages are over
logged days, so a day someone forgot to log does not pull the average down. A day is "on
target" when food plus supplement magnesium reaches the target.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import fmean

from ..engine.day import DAY_NUTRIENTS
from ..engine.targets import nutrient_target
from ..errors import InputError
from ..i18n import N_
from ..journal.model import PersonProfile
from ..knowledge import KnowledgeBase
from ..knowledge.safety import Claim
from ..knowledge.vocabulary import System
from ..storage import journal as store
from ..storage.database import Database
from .day import day_report
from .journal import engine_profile, require_profile

MAX_DAYS = 3660
# A change smaller than this share of the earlier mean is called "about the same".
STEADY_SHARE = 0.1
# Which evidence claim (evidence.toml) speaks to each tracked measure.
EVIDENCE = {"cramps": "cramps_idiopathic", "soreness": "recovery_doms", "sleep_hours": "sleep"}


@dataclass(slots=True)
class TrendDay:
    day: date
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
        return self.food_entries > 0

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
    """How a measure moved from the first half of the period to the second."""

    measure: str
    first: float | None
    second: float | None
    direction: str  # up, down, steady, unknown
    claim: Claim | None


@dataclass(frozen=True, slots=True)
class Association:
    """Cramps on days on target against days below it: a description, not a cause."""

    days_on_target: int
    days_below: int
    cramps_per_day_on_target: float | None
    cramps_per_day_below: float | None


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
        half = len(self.days) // 2
        first, second = self.days[:half], self.days[half:]
        found = []
        measures: dict[str, Callable[[TrendDay], float | None]] = {
            "magnesium_mg": lambda d: d.magnesium_mg,
            "cramps": lambda d: float(d.cramps),
            "soreness": lambda d: d.soreness,
            "sleep_hours": lambda d: d.sleep_hours,
        }
        for measure, read in measures.items():
            a = self.average([read(d) for d in first]) if first else None
            b = self.average([read(d) for d in second]) if second else None
            if a is None or b is None:
                direction = "unknown"
            elif abs(b - a) <= STEADY_SHARE * max(abs(a), 1e-9) or a == b:
                direction = "steady"
            else:
                direction = "up" if b > a else "down"
            slug = EVIDENCE.get(measure)
            found.append(Change(measure, a, b, direction, kb.safety.claims.get(slug or "")))
        return found

    def association(self) -> Association:
        on = [d for d in self.logged if d.on_target]
        below = [d for d in self.logged if not d.on_target and d.magnesium_mg is not None]
        return Association(
            days_on_target=len(on),
            days_below=len(below),
            cramps_per_day_on_target=fmean(d.cramps for d in on) if on else None,
            cramps_per_day_below=fmean(d.cramps for d in below) if below else None,
        )


def check_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise InputError(N_("--days is from 1 to {max}."), max=MAX_DAYS)
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
        person = require_profile(connection, profile, owner)
        assert person.id is not None
        pid = person.id
        food_rows = store.daily_food(connection, pid, start, end)
        supplements = store.daily_supplements(connection, pid, start, end)
        symptom_rows = store.daily_symptoms(connection, pid, start, end)
        sleeps, trainings = store.daily_sleep_training(connection, pid, start, end)
    system = System(person.system)
    all_days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    targets = _targets(kb, person, system, all_days)
    days = {d: TrendDay(day=d, target_mg=targets[d]) for d in all_days}
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
