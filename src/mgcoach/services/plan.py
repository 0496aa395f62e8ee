"""The personal plan for one journal day: ``mgcoach advise`` for the person as the profile
describes them, fed by the day itself (its food magnesium, the supplements logged as already
taken, its symptoms, the medicines at their logged times, the latest serum value), with the
foods that close the day's gap. The Plan page, ``mgcoach plan`` and ``GET /api/v1/plan/{date}``
all come here; ``contract.plan.plan_json`` gives its one JSON.

Why the person came (the profile's ``reasons``, asked at onboarding) counts as well: cramps,
soreness and poor sleep are concerns of the plan on every day, so the evidence about their own
complaint is shown even on a day with no symptom logged. Only checking the intake is not a
concern.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..engine.advice import FOOD_MG_RANGE, Plan, advise
from ..engine.day import DayAssessment, DayNutrient
from ..engine.day_entries import day_medications, gate_doses
from ..engine.day_plan import day_concerns
from ..engine.gate import Verdict
from ..engine.schedule import Preferences
from ..journal.model import Entry, PersonProfile
from ..knowledge import KnowledgeBase
from ..knowledge.advice import Concern
from ..knowledge.safety import Symptom
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
    no target), or when the safety gate pauses suggestions (``FOODS_PAUSED``). ``reasons`` are
    why the person came (the profile's, of journal.model.REASONS).
    """

    profile: str
    day: date
    plan: Plan
    report: DayAssessment
    foods: GapPlan | None
    reasons: tuple[str, ...] = ()

    @property
    def magnesium(self) -> DayNutrient:
        """The day's magnesium: food, supplements, total, target and gap."""
        return self.report.nutrient("magnesium")


def plan_concerns(
    kb: KnowledgeBase, person: PersonProfile, entries: tuple[Entry, ...]
) -> tuple[tuple[Concern, ...], tuple[Symptom, ...]]:
    """The plan's concerns: the person's reasons for coming (in their order) and the day's
    logged complaints, each once; and the day's logged signs (``day_concerns``).

    A reason that is not also logged on the day is a concern without its sign: its evidence and
    its form need count, but the risk screen and the safety check count only the signs logged
    on the day (as Today does), not a complaint named once at onboarding."""
    logged, signs = day_concerns(kb, entries)
    merged = {
        slug: replace(kb.advice.concerns[slug], symptom=None)
        for slug in person.reasons
        if slug in kb.advice.concerns  # check_intake is no concern
    }
    merged.update({concern.slug: concern for concern in logged})
    return tuple(merged.values()), signs


def personal_plan(
    kb: KnowledgeBase, person: PersonProfile, report: DayAssessment, *, prescribed: bool = False
) -> Plan:
    """`mgcoach advise` for the person as the profile describes them on the report's day, with
    the day's logged supplements as magnesium already taken and the medicines at the day's
    times, as the day's own check counts them (so Today and Plan agree on the gap); the
    concerns are the person's reasons for coming and the day's complaints (``plan_concerns``)."""
    magnesium = report.nutrient("magnesium")
    food_mg = None
    if magnesium.food_entries and magnesium.food is not None:
        food_mg = min(magnesium.food, FOOD_MG_RANGE[1])
    concerns, signs = plan_concerns(kb, person, report.usable_entries)
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
    person = show_profile(db, profile, owner, on=day)  # its weight as logged by then
    report = day_report(db, kb, profile, day, owner)
    plan = personal_plan(kb, person, report, prescribed=prescribed)
    gap = report.nutrient("magnesium").gap
    foods = None
    if gap is not None and gap > 0 and plan.gate.verdict not in FOODS_PAUSED:
        foods = plan_gap(db, min(gap, MAX_GAP_MG))
    return DayPlan(
        profile=profile, day=day, plan=plan, report=report, foods=foods, reasons=person.reasons
    )
