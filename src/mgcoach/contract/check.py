"""JSON for `mgcoach check` (and the safety part of `mgcoach advise`)."""

from __future__ import annotations

from typing import Any

from ..engine.check import CheckResult, Finding
from ..engine.clock import format_time
from ..engine.gate import Gate, headline
from ..engine.interactions import Interaction
from ..engine.other_days import DaySchedule
from ..engine.schedule import Schedule
from ..i18n import N_, get_language, translate
from ..journal.frequency import WEEKDAY_NAMES, capitalised, on_weekdays
from ..knowledge import KnowledgeBase
from .common import note_json, note_text, number, sources_json


def interaction_json(item: Interaction) -> dict[str, Any]:
    drug_class = item.drug_class
    lang = get_language()
    sources = list(item.message.sources)
    return {
        "drug": item.medication.drug.slug,
        "drug_given": item.medication.given_name,
        "drug_class": drug_class.slug,
        "drug_class_name": drug_class.name.get(lang),
        "kind": item.kind,
        "severity": item.severity,
        "severity_grade": drug_class.severity,
        "effect": drug_class.effect,
        "direction": drug_class.direction,
        "hours_before": number(item.hours_before) if item.kind == "timing" else None,
        "hours_after": number(item.hours_after) if item.kind == "timing" else None,
        "drug_times": [format_time(t) for t in item.medication.times],
        "frequency": item.medication.frequency.spec,
        "conflict": item.conflict,
        "conflicts": [
            {"drug_time": format_time(drug_at), "magnesium_time": format_time(mg_at)}
            for drug_at, mg_at in item.conflicts
        ],
        "message": note_text(item.message),
        "mechanism": drug_class.mechanism.get(lang),
        "details": [note_text(note) for note in item.details],
        "source": sources[0] if sources else None,
        "sources": sources,
        "needs_verification": item.message.unverified,
    }


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "kind": finding.kind,
        "severity": finding.severity,
        "message": note_text(finding.message),
        "sources": list(finding.message.sources),
        "needs_verification": finding.message.unverified,
    }


def gate_json(gate: Gate) -> dict[str, Any]:
    """The safety gate: one verdict and its reasons, the deciding reason first."""
    title = headline(gate)
    return {
        "verdict": gate.verdict,
        "plan": gate.plan,
        "headline": note_text(title),
        "headline_sources": list(title.sources),
        "reasons": [
            {
                "code": reason.code,
                "severity": reason.severity,
                "verdict": reason.verdict,
                "message": note_text(reason.message),
                "source": reason.message.sources[0] if reason.message.sources else None,
                "sources": list(reason.message.sources),
                "needs_verification": reason.message.unverified,
            }
            for reason in gate.reasons
        ],
        "taken_mg": number(gate.taken_mg),
        "medicine_mg": number(gate.medicine_mg),
        "cap_mg": number(gate.cap_mg),
        "prescribed": gate.prescribed,
        "child": gate.child,
        "schedule_allowed": gate.schedule_allowed,
    }


def gate_sources(gate: Gate) -> list[str]:
    return [s for reason in gate.reasons for s in reason.message.sources]


def schedule_json(schedule: Schedule) -> dict[str, Any]:
    return {
        "times": list(schedule.clock_times),
        "doses": [
            {"time": format_time(t), "mg": number(mg)}
            for t, mg in zip(schedule.times, schedule.doses_mg, strict=False)
        ],
        "doses_wanted": schedule.wanted_doses,
        "free_slots": schedule.allowed_slots,
        "notes": [note_json(note) for note in schedule.notes],
    }


def days_text(group: DaySchedule) -> str:
    """Which days a schedule is for, to start a sentence: "On Mondays", "On days you take
    x and y"."""
    if group.weekdays:
        return capitalised(on_weekdays(group.weekdays)).get(get_language())
    if len(group.medications) == 1:
        return translate(N_("On days you take {drug}"), {"drug": group.drugs[0]})
    *first, last = group.drugs
    return translate(
        N_("On days you take {drugs} and {last}"), {"drugs": ", ".join(first), "last": last}
    )


def days_schedules_json(groups: tuple[DaySchedule, ...]) -> list[dict[str, Any]]:
    """The schedules on the days of medicines not taken daily, each with its days."""
    return [
        {
            "days": days_text(group),
            "weekdays": [WEEKDAY_NAMES[day][0] for day in group.weekdays],
            "drugs": list(group.drugs),
            "frequencies": [med.frequency.spec for med in group.medications],
            **schedule_json(group.schedule),
        }
        for group in groups
    ]


def check_json(kb: KnowledgeBase, result: CheckResult) -> dict[str, Any]:
    ul = result.upper_limit
    kidney = result.kidney
    lang = get_language()
    cited: list[str] = list(ul.sources)
    for finding in result.findings:
        cited.extend(finding.message.sources)
    cited += gate_sources(result.gate)
    data: dict[str, Any] = {
        "ok": result.ok,
        "system": result.system.value,
        "interactions": [interaction_json(item) for item in result.interactions],
        "upper_limit": {
            "supplemental_mg": number(ul.supplemental_mg),
            "supplemental_ul_mg": number(ul.supplemental_ul_mg),
            "exceeds_ul": ul.exceeds_ul,
            "excess_mg": number(ul.excess_mg),
            "sources": list(ul.sources),
            "food_counts": False,
            "applies_with_kidney_function": not ul.kidney_overrides,
            "severity": ul.severity,
            "applied_limit_mg": number(ul.applied_limit_mg),
        },
        "kidney": None
        if kidney is None
        else {
            "egfr": number(kidney.egfr),
            "on_dialysis": kidney.on_dialysis,
            "gfr_category": kidney.category.slug,
            "supplement_advice": kidney.supplement_advice,
            "severity": kidney.severity,
            "message": kidney.category.advice.get(lang),
            "sources": list(kidney.category.sources),
        },
        "conditions": [
            {"slug": c.slug, "name": c.name.get(lang), "rule": getattr(c, "rule", "risk_factor")}
            for c in result.conditions
        ],
        "compound": None
        if result.compound is None
        else {
            "compound": result.compound.compound.slug,
            "family": result.compound.family.slug,
            "name": result.compound.compound.name.get(lang),
            "compound_mg_per_day": number(result.compound_mg_per_day, 1),
        },
        "issues": [finding_json(finding) for finding in result.findings],
        "suggested_times": list(result.schedule.clock_times),
        "schedule": schedule_json(result.schedule),
        "schedule_on_days": days_schedules_json(result.schedule_on_days),
        "gate": gate_json(result.gate),
        "source_list": sources_json(kb, cited),
    }
    return data
