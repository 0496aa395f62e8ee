"""The report's safety findings over a period: each day with a supplement or a medicine logged,
checked as ``mgcoach day`` checks it (``services.day.day_report``), gathered into the timing
conflicts per medicine, the interactions (one per medicine and kind) and the days above the
upper limit for supplements.

Days whose check rests on the same things (the supplement doses and their times, the medicines
logged and their times, which of the profile's medicines apply that day, and the age in whole
years, which picks the limit) have the same conflicts and the same verdict on the limit: one of
them is checked for all, so a year of the same routine costs a handful of day checks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..engine.interactions import Interaction
from ..journal.model import Entry, MedicationEntry, PersonProfile, SupplementEntry
from ..knowledge import KnowledgeBase
from ..storage.database import Database
from .day import day_report


@dataclass(frozen=True, slots=True)
class TimingClash:
    """A medicine taken too close to magnesium on ``days`` days; ``pairs`` are the (medicine,
    magnesium) clock times that clashed with their days, the most frequent first."""

    medicine: str
    days: int
    pairs: tuple[tuple[int, int, int], ...]
    interaction: Interaction


@dataclass(slots=True)
class Checks:
    """What the period's daily safety checks found."""

    clash_days: dict[str, set[date]] = field(default_factory=lambda: defaultdict(set))
    pair_days: dict[str, Counter[tuple[int, int]]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    clash_of: dict[str, Interaction] = field(default_factory=dict)
    interactions: dict[tuple[str, str], Interaction] = field(default_factory=dict)
    days_above_ul: int = 0
    ul_mg: float | None = None

    def know(self, interactions: Sequence[Interaction]) -> None:
        for item in interactions:
            self.interactions.setdefault((item.medication.drug.slug, item.kind), item)

    def add(self, day: date, interactions: Sequence[Interaction]) -> None:
        self.know(interactions)
        for item in interactions:
            name = item.medication.given_name
            for pair in item.conflicts:
                self.clash_days[name].add(day)
                self.pair_days[name][pair] += 1
                self.clash_of[name] = item

    @property
    def days_with_clash(self) -> int:
        return len(set().union(*self.clash_days.values())) if self.clash_days else 0

    def timing(self) -> tuple[TimingClash, ...]:
        return tuple(
            TimingClash(
                name,
                len(days),
                tuple((d, m, n) for (d, m), n in self.pair_days[name].most_common()),
                self.clash_of[name],
            )
            for name, days in sorted(self.clash_days.items())
        )


def _key(person: PersonProfile, day: date, entries: Sequence[Entry]) -> Hashable:
    doses = sorted(
        (e.time or -1, e.elemental_mg) for e in entries if isinstance(e, SupplementEntry)
    )
    meds = sorted((e.drug, e.time or -1) for e in entries if isinstance(e, MedicationEntry))
    usual = tuple(m.frequency.applies_on(day) for m in person.medicines)
    return (tuple(doses), tuple(meds), usual, int(person.age_at(day)))


def period_checks(
    db: Database,
    kb: KnowledgeBase,
    profile: str,
    owner: str,
    person: PersonProfile,
    entries: Sequence[Entry],
) -> Checks:
    """The checks of every day with a supplement or a medicine among ``entries``."""
    by_day: dict[date, list[Entry]] = defaultdict(list)
    for entry in entries:
        if isinstance(entry, SupplementEntry | MedicationEntry):
            by_day[entry.day].append(entry)
    groups: dict[Hashable, list[date]] = defaultdict(list)
    for day in sorted(by_day):
        groups[_key(person, day, by_day[day])].append(day)
    checks = Checks()
    for days in groups.values():
        safety = day_report(db, kb, profile, days[0], owner).safety
        for day in days:
            checks.add(day, safety.interactions)
        if safety.upper_limit.exceeds_ul:
            checks.days_above_ul += len(days)
            limit = safety.upper_limit
            checks.ul_mg = limit.applied_limit_mg or limit.supplemental_ul_mg
    return checks
