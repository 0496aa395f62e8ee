"""JSON for `mgcoach advise`: the whole personal plan, each piece with the evidence behind it."""

from __future__ import annotations

from typing import Any

from ..engine.advice import Evidence, Plan
from ..engine.risk import RiskScreen
from ..i18n import get_language
from ..knowledge import KnowledgeBase
from ..knowledge.advice import ClockList, ClockValue, Number
from .check import check_json, days_schedules_json, gate_json, gate_sources, schedule_json
from .common import note_json, note_text, number, sources_json
from .targets import targets_json


def basis_json(item: Number | ClockValue | ClockList) -> dict[str, Any]:
    return {
        "text": item.basis.get(get_language()),
        "sources": list(item.sources),
        "unverified": item.needs_verification,
    }


def evidence_json(item: Evidence) -> dict[str, Any]:
    lang = get_language()
    claim = item.claim
    return {
        "about": item.about,
        "claim": claim.slug,
        "statement": claim.claim.get(lang),
        "finding": claim.finding.get(lang),
        "strength": claim.strength,
        "strength_note": claim.strength_note.get(lang) if claim.strength_note else None,
        "sources": list(claim.sources),
        "needs_verification": claim.needs_verification,
    }


def risk_json(risk: RiskScreen) -> dict[str, Any]:
    return {
        "grade": risk.grade,
        "points": number(risk.points),
        "reasons": [
            {
                "code": reason.code,
                "kind": reason.kind,
                "points": number(reason.points),
                "message": note_text(reason.message),
                "sources": list(reason.message.sources),
            }
            for reason in risk.reasons
        ],
        "red_flags": [
            {
                "code": flag.code,
                "level": flag.level,
                "message": note_text(flag.message),
                "sources": list(flag.message.sources),
            }
            for flag in risk.red_flags
        ],
        "urgency": risk.urgency,
        "see_doctor": risk.urgency != "none",
        "excess_signs": list(risk.excess_signs),
        "notes": [note_json(note) for note in risk.notes],
    }


def _shows_supplement(plan: Plan) -> bool:
    """A dose is part of the answer only under a plan verdict with a dose, or a prescription."""
    if plan.status in ("supplement", "supplement_after_doctor"):
        return True
    return plan.gate.prescribed and plan.gate.plan and plan.gate.taken_mg > 0


def advice_json(kb: KnowledgeBase, plan: Plan) -> dict[str, Any]:
    lang = get_language()
    form = plan.form
    evidence = [evidence_json(item) for item in plan.evidence]
    cited = [source for item in plan.evidence for source in item.claim.sources]
    cited += [s for items in plan.basis.values() for item in items for s in item.sources]
    cited += [s for need in form.needs for s in need.sources]
    targets = targets_json(kb, plan.targets)
    safety = check_json(kb, plan.safety)
    cited += gate_sources(plan.gate)
    return {
        "status": plan.status,
        "gate": gate_json(plan.gate),
        "targets": targets,
        "intake": {
            "food_mg": number(plan.food_mg),
            "target_mg": number(plan.target_mg),
            "gap_mg": number(plan.gap_mg),
            "supplemental_ul_mg": safety["upper_limit"]["supplemental_ul_mg"],
            "taken_mg": number(plan.taken_mg),
            "taken_supplements_mg": number(plan.gate.taken_mg - plan.gate.medicine_mg),
            "taken_medicines_mg": number(plan.gate.medicine_mg),
            "cap_mg": number(plan.gate.cap_mg),
        },
        "supplement": None
        if not _shows_supplement(plan)
        else {
            "daily_mg": number(plan.daily_mg),
            "capped_at_ul": plan.capped_at_ul,
            "form": {
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
                "alternatives": [
                    {"family": f.slug, "name": f.name.get(lang)} for f in form.alternatives
                ],
                "avoid_families": list(form.avoid_families),
                "notes": [note_json(note) for note in form.notes],
                "sources": list(form.need.sources),
                "evidence": [e for e in evidence if e["about"] == "form"],
            },
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
        },
        "safety": safety,
        "risk": risk_json(plan.risk),
        "concerns": [
            {
                "concern": concern.slug,
                "name": concern.name.get(lang),
                "evidence": [e for e in evidence if e["about"] == concern.slug],
            }
            for concern in plan.concerns
        ],
        "evidence": evidence,
        "wording_rule": kb.safety.wording_rules["honest_wording"].text.get(lang),
        "notes": [note_json(note) for note in plan.notes],
        "source_list": sources_json(kb, cited + list(safety["source_list"])),
    }
