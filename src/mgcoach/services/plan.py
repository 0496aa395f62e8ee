"""The personal plan for one journal day: ``mgcoach advise`` for the person as the profile
describes them, fed by the day itself (its food magnesium, the supplements logged as already
taken, its symptoms, the medicines at their logged times, the latest serum value), with the
foods that close the day's gap. The Plan page, ``mgcoach plan`` and ``GET /api/v1/plan/{date}``
all come here; ``contract.plan.plan_json`` gives its one JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..engine.advice import FOOD_MG_RANGE, Plan, advise
from ..engine.day import DayAssessment, DayNutrient
from ..engine.day_entries import day_medications, gate_doses
from ..engine.day_plan import day_concerns
from ..engine.gate import Verdict
from ..engine.schedule import Preferences
from ..journal.model import PersonProfile
from ..knowledge import KnowledgeBase
from ..knowledge.vocabulary import System
from ..storage import journal as store
from ..storage.database import Database
from .day import day_report
from .food_suggest import MAX_GAP_MG, GapPlan, plan_gap
from .journal import engine_profile, show_profile

# Under these verdicts no food is suggested to add magnesium: the gate's advice comes first.
FOODS_PAUSED: frozenset[Verdict] = frozenset({"emergency", "stop_supplements"})


@dataclass(frozen=True, slots=True)
class DayPlan:
    """The plan for one day of a profile's journal.

    ``plan`` is the engine's advice, ``report`` the day as ``mgcoach day`` assesses it, and
    ``foods`` the portions that close the day's magnesium gap: None when there is no gap (or
    no target), or when the safety gate pauses suggestions (``FOODS_PAUSED``).
    """

    profile: str
    day: date
    plan: Plan
    report: DayAssessment
    foods: GapPlan | None

    @property
    def magnesium(self) -> DayNutrient:
        """The day's magnesium: food, supplements, total, target and gap."""
        return self.report.nutrient("magnesium")


def personal_plan(
    kb: KnowledgeBase, person: PersonProfile, report: DayAssessment, *, prescribed: bool = False
) -> Plan:
    """`mgcoach advise` for the person as the profile describes them on the report's day, with
    the day's logged supplements as magnesium already taken and the medicines at the day's
    times, as the day's own check counts them (so Today and Plan agree on the gap)."""
    magnesium = report.nutrient("magnesium")
    food_mg = None
    if magnesium.food_entries and magnesium.food is not None:
        food_mg = min(magnesium.food, FOOD_MG_RANGE[1])
    concerns, signs = day_concerns(kb, report.usable_entries)
    return advise(
        kb,
        System(person.system),
        engine_profile(person, report.day),
        food_mg=food_mg,
        concerns=concerns,
        symptoms=signs,
        medications=day_medications(kb, person, report.usable_entries),
        egfr=person.egfr,
        on_dialysis=person.dialysis,
        serum=report.serum,
        preferences=Preferences.from_dosing(kb.advice.dosing),
        taken=gate_doses(report.entries),
        prescribed=prescribed,
    )


def day_plan(
    db: Database,
    kb: KnowledgeBase,
    profile: str,
    day: date,
    *,
    owner: str = store.LOCAL_USER,
    prescribed: bool = False,
) -> DayPlan:
    """The plan for ``profile``'s journal on ``day``; ``prescribed`` is ``advise --prescribed``.

    An unknown profile raises ``UnknownProfileError`` (with how to make it)."""
    person = show_profile(db, profile, owner)
    report = day_report(db, kb, profile, day, owner)
    plan = personal_plan(kb, person, report, prescribed=prescribed)
    gap = report.nutrient("magnesium").gap
    foods = None
    if gap is not None and gap > 0 and plan.gate.verdict not in FOODS_PAUSED:
        foods = plan_gap(db, min(gap, MAX_GAP_MG))
    return DayPlan(profile=profile, day=day, plan=plan, report=report, foods=foods)
