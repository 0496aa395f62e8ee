"""JSON for `mgcoach advise`: the whole personal plan, each piece with the evidence behind it.

The plan's own shapes live here (the intake, the supplement with its form, build-up and times, the
complaints); the parts it shares with other answers come from check.py (the safety check), gate.py,
schedule.py, risk.py, evidence.py and targets.py.
"""

from __future__ import annotations

from typing_extensions import TypedDict

from ..engine.advice import Plan
from ..engine.gate import Verdict
from ..i18n import get_language
from ..knowledge import KnowledgeBase
from ..knowledge.advice import ClockList, ClockValue, Number
from ..knowledge.compounds import EvidenceStrength
from .check import CheckAnswer, check_json
from .common import NoteJson, SourceList, documented, note_json, number, sources_json
from .evidence import EvidenceJson, evidence_json
from .gate import GateJson, gate_json, gate_sources
from .risk import RiskJson, risk_json
from .schedule import DaysScheduleJson, DoseJson, ScheduleJson, days_schedules_json, schedule_json
from .targets import TargetsAnswer, targets_json


@documented
class BasisJson(TypedDict):
    """Why a number or a time was chosen."""

    text: str
    """The reason, in the reader's language."""
    sources: list[str]
    """Source ids."""
    unverified: bool
    """True when the fact behind it still needs checking."""


@documented
class IntakeJson(TypedDict):
    """Food, target, gap, taken and cap, in mg a day."""

    food_mg: float | None
    """Magnesium from food; null when not given."""
    target_mg: float | None
    """The target."""
    gap_mg: float | None
    """Target minus food and what is taken."""
    supplemental_ul_mg: float | None
    """The upper limit for supplemental magnesium."""
    taken_mg: float
    """Magnesium already taken (supplements and medicines)."""
    taken_supplements_mg: float
    """Of that, from supplements."""
    taken_medicines_mg: float
    """Of that, from medicines."""
    cap_mg: float | None
    """The most supplemental magnesium a day."""


@documented
class FamilyJson(TypedDict):
    """A compound family."""

    family: str
    """Its slug."""
    name: str
    """Its name, in the reader's language."""


@documented
class FormJson(TypedDict):
    """The form chosen, why, and the alternatives."""

    family: str
    """The compound family's slug."""
    name: str
    """The family's name, in the reader's language."""
    compound: str
    """The compound's slug."""
    compound_name: str
    """The compound's name, in the reader's language."""
    elemental_fraction: float
    """The share of the compound's weight that is magnesium."""
    compound_mg_per_day: float
    """The compound's mg a day for the daily dose."""
    chosen_by_user: bool
    """True when the person named the compound."""
    need: str
    """The wish that decided the form."""
    needs: list[str]
    """Every wish taken into account."""
    why: str
    """Why this form, in the reader's language."""
    absorption: str
    """How well it is absorbed."""
    absorption_evidence: EvidenceStrength
    """How strong the evidence on absorption is."""
    tolerance: str
    """How well it is tolerated."""
    alternatives: list[FamilyJson]
    """Other families that fit."""
    avoid_families: list[str]
    """Families to avoid."""
    notes: list[NoteJson]
    """More about the form."""
    sources: list[str]
    """Source ids."""
    evidence: list[EvidenceJson]
    """What the evidence says about the form."""


@documented
class TitrationStepJson(TypedDict):
    """One week of the build-up."""

    week: int
    """The week, from 1."""
    daily_mg: float
    """Elemental magnesium a day, in mg."""
    doses: list[DoseJson]
    """That week's doses."""


@documented
class SupplementJson(TypedDict):
    """The supplement: dose, form, build-up and times."""

    daily_mg: float
    """Elemental magnesium a day, in mg."""
    capped_at_ul: bool
    """True when the dose was lowered to the upper limit."""
    form: FormJson
    """The form chosen."""
    titration: list[TitrationStepJson]
    """The build-up, week by week."""
    titration_basis: list[BasisJson]
    """Why this build-up."""
    schedule: ScheduleJson
    """When to take it."""
    schedule_on_days: list[DaysScheduleJson]
    """Other schedules on the days of medicines not taken daily."""
    schedule_basis: list[BasisJson]
    """Why these times."""
    dose_basis: list[BasisJson]
    """Why this dose."""


@documented
class ConcernJson(TypedDict):
    """A complaint given, with the evidence on magnesium for it."""

    concern: str
    """Its slug."""
    name: str
    """Its name, in the reader's language."""
    evidence: list[EvidenceJson]
    """What the evidence says."""


@documented
class AdviceAnswer(TypedDict):
    """``mgcoach advise --json``: the whole personal plan, each piece with the evidence behind
    it."""

    status: Verdict
    """The safety gate's verdict (as gate.verdict)."""
    gate: GateJson
    """The safety gate: verdict, reasons, cap."""
    targets: TargetsAnswer
    """Reference intakes (mgcoach targets)."""
    intake: IntakeJson
    """Food, target, gap, taken and cap, in mg."""
    supplement: SupplementJson | None
    """Dose, form, build-up and times; null when the verdict allows no dose."""
    safety: CheckAnswer
    """The safety check (mgcoach check)."""
    risk: RiskJson
    """The risk screen and red flags."""
    concerns: list[ConcernJson]
    """The complaints given, with evidence."""
    evidence: list[EvidenceJson]
    """What the evidence says."""
    wording_rule: str
    """How claims are worded."""
    notes: list[NoteJson]
    """How the dose was sized."""
    source_list: SourceList
    """Every source cited, by its id."""


def basis_json(item: Number | ClockValue | ClockList) -> BasisJson:
    return {
        "text": item.basis.get(get_language()),
        "sources": list(item.sources),
        "unverified": item.needs_verification,
    }


def _shows_supplement(plan: Plan) -> bool:
    """A dose is part of the answer only under a plan verdict with a dose, or a prescription."""
    if plan.status in ("supplement", "supplement_after_doctor"):
        return True
    return plan.gate.prescribed and plan.gate.plan and plan.gate.taken_mg > 0


def _plan_sources(plan: Plan) -> list[str]:
    """The source ids the plan cites itself: its evidence, bases, form and safety gate."""
    cited = [source for item in plan.evidence for source in item.claim.sources]
    cited += [s for items in plan.basis.values() for item in items for s in item.sources]
    cited += [s for need in plan.form.needs for s in need.sources]
    cited += gate_sources(plan.gate)
    return cited


def _intake_json(plan: Plan, supplemental_ul_mg: float | None) -> IntakeJson:
    return {
        "food_mg": number(plan.food_mg),
        "target_mg": number(plan.target_mg),
        "gap_mg": number(plan.gap_mg),
        "supplemental_ul_mg": supplemental_ul_mg,
        "taken_mg": number(plan.taken_mg),
        "taken_supplements_mg": number(plan.gate.taken_mg - plan.gate.medicine_mg),
        "taken_medicines_mg": number(plan.gate.medicine_mg),
        "cap_mg": number(plan.gate.cap_mg),
    }


def _form_json(plan: Plan, evidence: list[EvidenceJson]) -> FormJson:
    lang = get_language()
    form = plan.form
    return {
        "family": form.family.slug,
        "name": form.family.name.get(lang),
        "compound": form.compound.slug,
        "compound_name": form.compound.name.get(lang),
        "elemental_fraction": number(form.compound.elemental_fraction),
        "compound_mg_per_day": number(form.compound_mg(plan.daily_mg), 1),
        "chosen_by_user": form.chosen_by_user,
        "need": form.need.slug,
        "needs": [need.slug for need in form.needs],
        "why": form.need.why.get(lang),
        "absorption": form.family.absorption.get(lang),
        "absorption_evidence": form.family.absorption_evidence,
        "tolerance": form.family.tolerance.get(lang),
        "alternatives": [{"family": f.slug, "name": f.name.get(lang)} for f in form.alternatives],
        "avoid_families": list(form.avoid_families),
        "notes": [note_json(note) for note in form.notes],
        "sources": list(form.need.sources),
        "evidence": [e for e in evidence if e["about"] == "form"],
    }


def _supplement_json(plan: Plan, evidence: list[EvidenceJson]) -> SupplementJson:
    return {
        "daily_mg": number(plan.daily_mg),
        "capped_at_ul": plan.capped_at_ul,
        "form": _form_json(plan, evidence),
        "titration": [
            {
                "week": step.week,
                "daily_mg": number(step.daily_mg),
                "doses": schedule_json(step.schedule)["doses"],
            }
            for step in plan.titration
        ],
        "titration_basis": [basis_json(item) for item in plan.basis["titration"]],
        "schedule": schedule_json(plan.schedule),
        "schedule_on_days": days_schedules_json(plan.schedule_on_days),
        "schedule_basis": [basis_json(item) for item in plan.basis["schedule"]],
        "dose_basis": [basis_json(item) for item in plan.basis["dose"]],
    }


def _concerns_json(plan: Plan, evidence: list[EvidenceJson]) -> list[ConcernJson]:
    lang = get_language()
    return [
        {
            "concern": concern.slug,
            "name": concern.name.get(lang),
            "evidence": [e for e in evidence if e["about"] == concern.slug],
        }
        for concern in plan.concerns
    ]


def advice_json(kb: KnowledgeBase, plan: Plan) -> AdviceAnswer:
    evidence = [evidence_json(item) for item in plan.evidence]
    targets = targets_json(kb, plan.targets)
    safety = check_json(kb, plan.safety)
    return {
        "status": plan.status,
        "gate": gate_json(plan.gate),
        "targets": targets,
        "intake": _intake_json(plan, safety["upper_limit"]["supplemental_ul_mg"]),
        "supplement": _supplement_json(plan, evidence) if _shows_supplement(plan) else None,
        "safety": safety,
        "risk": risk_json(plan.risk),
        "concerns": _concerns_json(plan, evidence),
        "evidence": evidence,
        "wording_rule": kb.safety.wording_rules["honest_wording"].text.get(get_language()),
        "notes": [note_json(note) for note in plan.notes],
        "source_list": sources_json(kb, _plan_sources(plan) + list(safety["source_list"])),
    }
