"""`mgcoach report`: a period of a profile's journal gathered for the doctor or dietitian.

Nothing here is worked out anew: the intake per day is ``services.trend`` (as ``mgcoach trend``),
the targets, the upper limit and the safety verdict are the personal plan of the period's last
day (``services.plan.personal_plan``, as ``mgcoach plan``), the timing conflicts, interactions
and days above the upper limit are each day's own safety check (``services.day.day_report``, as
``mgcoach day``), the top sources are ``engine.day_entries.top_sources`` over the whole period,
and a lab value is classified as ``mgcoach serum`` classifies it. What is added is the choice of
the questions to ask (knowledge/data/questions.toml) from what the period shows.

contract/report.py gives its one JSON; the CLI, the API, the page and the PDF show that.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..engine.advice import Plan
from ..engine.day_entries import Source, top_sources
from ..engine.interactions import Interaction
from ..engine.serum import SerumResult
from ..errors import InputError
from ..i18n import N_, get_language
from ..journal.bounds import counting_problems
from ..journal.frequency import Frequency
from ..journal.model import Entry, LabEntry, MedicationEntry, PersonProfile, SupplementEntry
from ..knowledge import KnowledgeBase
from ..knowledge.questions import load_questions
from ..storage import journal as store
from ..storage.database import Database
from .day import day_report, serum_of
from .journal import profile_id, show_profile
from .plan import personal_plan
from .report_checks import TimingClash, period_checks
from .report_questions import Asked, questions_for
from .trend import Trend, trend

MAX_REPORT_DAYS = 366
DEFAULT_REPORT_DAYS = 30
TOP_SOURCES = 8


def check_period(start: date, end: date) -> tuple[date, date]:
    """``start`` to ``end`` (inclusive): in order, and at most MAX_REPORT_DAYS days."""
    if start > end:
        raise InputError(
            N_("The first day ({start}) is after the last day ({end})."),
            field="from",
            start=start.isoformat(),
            end=end.isoformat(),
        )
    if (end - start).days + 1 > MAX_REPORT_DAYS:
        raise InputError(
            N_("A report covers at most {max} days; this period has {days}."),
            field="from",
            max=MAX_REPORT_DAYS,
            days=(end - start).days + 1,
        )
    return start, end


@dataclass(frozen=True, slots=True)
class SupplementUse:
    """One supplement over the period: the clock times it was taken at (the most frequent
    first) and its amounts."""

    name: str
    compound: str | None
    times: tuple[int, ...]
    days: int
    entries: int
    total_mg: float
    max_day_mg: float

    @property
    def mg_per_day_taken(self) -> float:
        return self.total_mg / self.days if self.days else 0.0


@dataclass(frozen=True, slots=True)
class MedicineUse:
    """A medicine of the profile (its usual times) or one logged in the period."""

    name: str
    times: tuple[int, ...]
    in_profile: bool
    frequency: Frequency | None = None  # the profile's (daily, weekly, every N days)
    days_logged: int = 0


@dataclass(frozen=True, slots=True)
class LabReading:
    entry: LabEntry
    serum: SerumResult | None  # None for a stored value out of bounds
    in_period: bool


@dataclass(frozen=True, slots=True)
class DoctorReport:
    profile: str
    person: PersonProfile
    start: date
    end: date
    made: date
    trend: Trend
    plan: Plan
    top_sources: tuple[Source, ...]
    magnesium_total_mg: float  # food and supplements over the period, as the sources sum it
    supplements: tuple[SupplementUse, ...]
    medicines: tuple[MedicineUse, ...]
    clashes: tuple[TimingClash, ...]
    clash_days: int
    interactions: tuple[Interaction, ...]
    labs: tuple[LabReading, ...]
    days_above_ul: int
    ul_mg: float | None
    questions: tuple[Asked, ...]
    # The latest N-of-1 experiment when it overlaps the period (services.experiments
    # ``report_summary``, in the language the report is made in); None without one.
    experiment: dict[str, object] | None = None


def times_of(items: Sequence[SupplementEntry]) -> list[int]:
    return [item.time for item in items if item.time is not None]


def _supplements(entries: Sequence[Entry]) -> tuple[SupplementUse, ...]:
    found: dict[str, list[SupplementEntry]] = defaultdict(list)
    for entry in entries:
        if isinstance(entry, SupplementEntry):
            found[entry.name].append(entry)
    uses = []
    for name, items in found.items():
        per_day: dict[date, float] = defaultdict(float)
        for item in items:
            per_day[item.day] += item.elemental_mg
        uses.append(
            SupplementUse(
                name=name,
                compound=items[0].compound,
                times=tuple(t for t, _n in Counter(times_of(items)).most_common()),
                days=len(per_day),
                entries=len(items),
                total_mg=sum(per_day.values()),
                max_day_mg=max(per_day.values()),
            )
        )
    return tuple(sorted(uses, key=lambda use: (-use.total_mg, use.name)))


def _medicines(person: PersonProfile, entries: Sequence[Entry]) -> tuple[MedicineUse, ...]:
    found = [
        MedicineUse(m.name, m.times, in_profile=True, frequency=m.frequency)
        for m in person.medicines
    ]
    logged: dict[str, list[MedicationEntry]] = defaultdict(list)
    for entry in entries:
        if isinstance(entry, MedicationEntry):
            logged[entry.name].append(entry)
    for name, items in sorted(logged.items()):
        times = tuple(sorted({i.time for i in items if i.time is not None}))
        found.append(MedicineUse(name, times, False, days_logged=len({i.day for i in items})))
    return tuple(found)


def _labs(db: Database, kb: KnowledgeBase, pid: int, start: date, end: date) -> list[LabReading]:
    with db.connect() as connection:
        before = store.latest_lab(connection, pid, start - timedelta(days=1))
        during = store.entries(connection, pid, start, end, kinds=["lab"])
    found = [] if before is None else [LabReading(before, serum_of(kb, before), False)]
    found += [LabReading(e, serum_of(kb, e), True) for e in during if isinstance(e, LabEntry)]
    return found


def doctor_report(
    db: Database,
    kb: KnowledgeBase,
    profile: str,
    start: date,
    end: date,
    owner: str = store.LOCAL_USER,
    *,
    made: date | None = None,
) -> DoctorReport:
    """The report of ``profile``'s journal from ``start`` to ``end`` (inclusive).

    An unknown profile raises ``UnknownProfileError``; a period out of order or too long an
    ``InputError`` about ``from``."""
    check_period(start, end)
    result = trend(db, kb, profile, start, end, owner)
    with db.connect() as connection:
        pid = profile_id(connection, profile, owner)
        entries = [
            e for e in store.entries(connection, pid, start, end) if not counting_problems(e)
        ]
    person = show_profile(db, profile, owner, on=end)
    plan = personal_plan(kb, person, day_report(db, kb, profile, end, owner))
    checks = period_checks(db, kb, profile, owner, person, entries)
    checks.know(plan.safety.interactions)  # the profile's medicines, on any day
    every = top_sources(entries, limit=len(entries) or 1)
    report = DoctorReport(
        profile=profile,
        person=person,
        start=start,
        end=end,
        made=made or date.today(),
        trend=result,
        plan=plan,
        top_sources=every[:TOP_SOURCES],
        magnesium_total_mg=sum(source.magnesium_mg for source in every),
        supplements=_supplements(entries),
        medicines=_medicines(person, entries),
        clashes=checks.timing(),
        clash_days=checks.days_with_clash,
        interactions=tuple(checks.interactions.values()),
        labs=tuple(_labs(db, kb, pid, start, end)),
        days_above_ul=checks.days_above_ul,
        ul_mg=checks.ul_mg,
        questions=(),
        experiment=experiment_in(db, kb, pid, start, end),
    )
    return replace(report, questions=questions_for(load_questions(kb), report))


def experiment_in(
    db: Database, kb: KnowledgeBase, pid: int, start: date, end: date
) -> dict[str, object] | None:
    """The profile's latest experiment's summary when its dates overlap ``start``-``end``,
    with its compound's name (``form_name``) in the report's language."""
    from .experiments import report_summary

    lang = get_language()
    found = report_summary(db, pid, lang)
    if found is None:
        return None
    began, ends = date.fromisoformat(str(found["start"])), date.fromisoformat(str(found["end"]))
    if began > end or ends < start:
        return None
    compound = kb.compounds.get(str(found.get("form")))
    return found | ({"form_name": compound.name.get(lang)} if compound is not None else {})
