"""The journal's records as the rest of Mg Coach sees them: a person's profile and their entries.

Plain frozen dataclasses, free of SQL: storage/journal.py builds them from rows, the services
and the engine read them, the export writes them out field by field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .frequency import DAILY, Frequency

DAYS_PER_YEAR = 365.2425


@dataclass(frozen=True, slots=True)
class Medicine:
    """A medicine with its usual clock times (minutes after midnight) on the days it is taken:
    every day, or as ``frequency`` says (once a week, every N days)."""

    name: str
    times: tuple[int, ...] = ()
    frequency: Frequency = DAILY


@dataclass(frozen=True, slots=True)
class PersonProfile:
    """Who the journal is for: what the targets and the safety checks need to know."""

    name: str
    sex: str
    age_years: float
    age_on: date
    system: str = "us"
    pregnant: bool = False
    lactating: bool = False
    weight_kg: float | None = None
    height_cm: float | None = None
    egfr: float | None = None
    dialysis: bool = False
    activity: str | None = None
    medicines: tuple[Medicine, ...] = ()
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def age_at(self, day: date) -> float:
        """The age on ``day``: the age given, counted on (or back) from the day it was given."""
        return max(0.0, self.age_years + (day - self.age_on).days / DAYS_PER_YEAR)


@dataclass(frozen=True, slots=True)
class Entry:
    """One logged thing. ``detail`` holds the columns of the kind's own table (see
    storage/journal_tables.py): a food's name, amount and nutrient amounts, a supplement's
    elemental magnesium, a symptom's severity, ..."""

    id: int
    uid: str
    kind: str
    day: date
    time: int | None
    origin: str
    note: str | None
    created_at: datetime
    updated_at: datetime
    detail: Mapping[str, Any] = field(default_factory=dict)

    def value(self, key: str) -> Any:
        return self.detail.get(key)
