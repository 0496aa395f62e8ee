"""A client's last 4 weeks at a glance, for their dietitian: magnesium against the target and
the EAR, supplements against the upper limit, the safety gate's open flags, and how many days
were logged. Built from the same use cases as the person's own pages: ``services.trend`` (the
per-day sums and targets), ``services.day`` (the Today page's gate and risk screen) and the
engine's targets and upper limit; nothing is counted twice.

What counts:
- The average is food plus supplement magnesium over the days with food logged (as Trends).
- A day below the EAR is a day with food logged whose total is below the Estimated Average
  Requirement. EFSA, the Dutch Health Council and D-A-CH publish no EAR for magnesium (only an
  adequate intake): for them the US EAR of the same age and sex is the cut-off, said as such
  (``ear_system``), since an intake below an adequate intake says nothing of a shortfall.
- A day above the UL is one whose supplement magnesium exceeds the supplemental upper limit.
- The open flags are the safety gate's (as on the Today page) of the latest day with anything
  logged (today when none), of each day with a red-flag symptom and of the latest day above
  the upper limit: a verdict that allows no plan (lower the dose, doctor only, see a doctor
  now, stop, emergency) and every red flag of those days' risk screens.
- Adherence: the days with anything logged, of 28.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..engine.gate import VERDICT_RANK, Gate
from ..engine.limits import upper_limit
from ..engine.profile import Profile
from ..engine.risk import RedFlagFinding
from ..engine.targets import NutrientTarget, nutrient_target
from ..errors import MgCoachError
from ..i18n import N_
from ..journal.model import PersonProfile
from ..journal.vocabulary import symptom_kinds
from ..knowledge import KnowledgeBase
from ..knowledge.vocabulary import System
from ..storage.database import Database
from .day import day_read
from .journal import UnknownProfileError, engine_profile, show_profile
from .sharing import Client
from .trend import Trend, trend

GLANCE_DAYS = 28
# A verdict from this one up allows no plan: an open flag for the dietitian.
FLAG_FROM = VERDICT_RANK["lower_dose"]
NO_PROFILE = N_("No profile yet: this client has not set up their journal.")


@dataclass(frozen=True, slots=True)
class Cutoffs:
    """The client's magnesium target, EAR (and whose) and supplemental upper limit."""

    target_mg: float | None
    ear_mg: float | None
    ear_system: str | None
    supplemental_ul_mg: float | None


@dataclass(frozen=True, slots=True)
class DayFlags:
    """A day's safety gate and red flags, as the Today page shows them."""

    day: date
    gate: Gate
    red_flags: tuple[RedFlagFinding, ...]

    @property
    def flagged(self) -> bool:
        """An open safety flag: a verdict that allows no plan, or a red flag."""
        return VERDICT_RANK[self.gate.verdict] >= FLAG_FROM or bool(self.red_flags)


@dataclass(frozen=True, slots=True)
class Glance:
    """A client's last ``days`` days; ``problem`` (a msgid) when their journal cannot be read
    yet (no profile), and then no figures."""

    client: Client
    start: date
    end: date
    days: int
    problem: str | None = None
    problem_params: Mapping[str, object] = field(default_factory=dict)
    days_logged: int = 0
    days_with_food: int = 0
    average_mg: float | None = None
    cutoffs: Cutoffs | None = None
    days_below_ear: int | None = None
    days_above_ul: int = 0
    highest_supplement_mg: float = 0.0
    checked: tuple[DayFlags, ...] = ()  # by day

    @property
    def flagged(self) -> bool:
        return any(day.flagged for day in self.checked)

    @property
    def shown(self) -> DayFlags | None:
        """The day the glance speaks of: the latest with a flag, else the latest checked."""
        flagged = [day for day in self.checked if day.flagged]
        last = flagged or list(self.checked)
        return last[-1] if last else None


def cutoffs(kb: KnowledgeBase, person: PersonProfile, day: date) -> tuple[Cutoffs, NutrientTarget]:
    """The magnesium target, EAR and supplemental UL of ``person`` on ``day`` (the engine's);
    the US EAR where the person's system publishes none. With the engine's target itself."""
    return cutoffs_for(kb, System(person.system), engine_profile(person, day))


def cutoffs_for(
    kb: KnowledgeBase, system: System, profile: Profile
) -> tuple[Cutoffs, NutrientTarget]:
    """``cutoffs`` of the engine's profile of a person."""
    target = nutrient_target(kb, "magnesium", system, profile)
    ear, ear_system = target.ear, (system.value if target.ear is not None else None)
    if ear is None and system is not System.US:
        ear = nutrient_target(kb, "magnesium", System.US, profile).ear
        ear_system = System.US.value if ear is not None else None
    ul = target.supplemental_ul.value if target.supplemental_ul is not None else None
    return Cutoffs(target.target, ear, ear_system, ul), target


def glance(db: Database, kb: KnowledgeBase, client: Client, profile: str, today: date) -> Glance:
    """``client``'s last 28 days up to ``today``."""
    start = today - timedelta(days=GLANCE_DAYS - 1)
    try:
        person = show_profile(db, profile, client.name)
        found = trend(db, kb, profile, start, today, owner=client.name)
        limits, target = cutoffs(kb, person, today)
    except UnknownProfileError:
        return Glance(client, start, today, GLANCE_DAYS, problem=NO_PROFILE)
    except MgCoachError as error:  # a stored profile that cannot be used
        return Glance(client, start, today, GLANCE_DAYS, error.message, dict(error.params))
    logged = [d.day for d in found.days if d.has_entries]
    above = [d.day for d in found.days if upper_limit(target, d.supplement_mg, None).exceeds_ul]
    totals = [d.magnesium_mg for d in found.logged if d.magnesium_mg is not None]
    ear = limits.ear_mg
    return Glance(
        client,
        start,
        today,
        GLANCE_DAYS,
        days_logged=len(logged),
        days_with_food=len(found.logged),
        average_mg=found.average(list(totals)),
        cutoffs=limits,
        days_below_ear=None if ear is None else sum(1 for t in totals if t < ear),
        days_above_ul=len(above),
        highest_supplement_mg=max((d.supplement_mg for d in found.days), default=0.0),
        checked=_checked(db, kb, profile, client.name, found, above[-1:], today),
    )


def _checked(
    db: Database,
    kb: KnowledgeBase,
    profile: str,
    owner: str,
    found: Trend,
    above_ul: list[date],
    today: date,
) -> tuple[DayFlags, ...]:
    """The safety gate of the latest day with anything logged (today when none), of each day
    with a red-flag symptom and of the latest day above the upper limit: an earlier alarm is
    not hidden by a calm day after it."""
    red = set(red_flag_symptoms(kb))
    logged = [d.day for d in found.days if d.has_entries]
    alarms = [d.day for d in found.days if red & set(d.symptoms)]
    days = sorted({*(logged[-1:] or [today]), *alarms, *above_ul})
    checked = []
    for day in days:
        assessed = day_read(db, kb, profile, day, owner).assessment
        checked.append(DayFlags(day, assessed.safety.gate, assessed.risk.red_flags))
    return tuple(checked)


def red_flag_symptoms(kb: KnowledgeBase) -> list[str]:
    """The symptom slugs a journal stores that the knowledge base makes a red flag: its own
    signs, and the journal's words that screen as one."""
    flags = {slug for slug, sign in kb.safety.symptoms.items() if sign.red_flag != "none"}
    own = {slug for slug, kind in symptom_kinds().items() if kind.screen in flags}
    return sorted(flags | own)


def glances(
    db: Database, kb: KnowledgeBase, clients: Sequence[Client], profile: str, today: date
) -> list[Glance]:
    return [glance(db, kb, client, profile, today) for client in clients]
