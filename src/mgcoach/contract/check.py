"""JSON for `mgcoach check` (and the safety part of `mgcoach advise`): what each medicine means
for magnesium, the supplements against the upper limit, the kidneys, the conditions and compound
given, and every issue found. The safety gate and the dose times the answer carries are shaped
in gate.py and schedule.py.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from ..engine.check import CheckResult, Finding
from ..engine.clock import format_time
from ..engine.interactions import Interaction, Kind, Level
from ..i18n import get_language
from ..knowledge import KnowledgeBase
from ..knowledge.safety import ConditionRule, Effect, KidneySlug
from ..knowledge.safety import Severity as Grade
from .common import SourceList, documented, note_text, number, sources_json
from .gate import GateJson, gate_json, gate_sources
from .schedule import DaysScheduleJson, ScheduleJson, days_schedules_json, schedule_json


@documented
class ConflictJson(TypedDict):
    """A medicine time and a magnesium time that are too close together."""

    drug_time: str
    """The medicine's time, HH:MM."""
    magnesium_time: str
    """The magnesium dose's time, HH:MM."""


@documented
class InteractionJson(TypedDict):
    """What one of the person's medicines means for magnesium."""

    drug: str
    """The medicine's slug."""
    drug_given: str
    """The medicine as the person named it."""
    drug_class: str
    """The medicine's class (interactions.toml)."""
    drug_class_name: str
    """The class in words."""
    kind: Kind
    """What to know: a timing rule, avoid, depletion, retention, magnesium in the medicine, an
    added effect, or none listed."""
    severity: Level
    """How much it matters for this person."""
    severity_grade: Grade | None
    """The class's published grade (major, moderate, minor); null when none is listed."""
    effect: Effect
    """What the interaction acts on."""
    direction: Literal["lowers", "raises"] | None
    """Whether the medicine lowers or raises magnesium status, when it acts on status."""
    hours_before: float | None
    """Take the medicine at least this many hours before magnesium (timing rules only)."""
    hours_after: float | None
    """Or at least this many hours after it (timing rules only)."""
    drug_times: list[str]
    """The medicine's times, HH:MM."""
    frequency: str
    """How often the medicine is taken: daily, weekly:mon,... or every:Nd:YYYY-MM-DD."""
    conflict: bool
    """True when a magnesium dose falls too close to the medicine."""
    conflicts: list[ConflictJson]
    """The pairs of times that are too close."""
    message: str
    """What to do, in the reader's language."""
    mechanism: str
    """Why, in the reader's language."""
    details: list[str]
    """More about it, in the reader's language."""
    source: str | None
    """The first source id."""
    sources: list[str]
    """Every source id."""
    needs_verification: bool
    """True when the rule still needs checking against its source."""


@documented
class FindingJson(TypedDict):
    """One issue found."""

    code: str
    """A machine-readable code."""
    kind: str
    """What the issue is about."""
    severity: Level
    """How much it matters."""
    message: str
    """The issue, in the reader's language."""
    sources: list[str]
    """Source ids."""
    needs_verification: bool
    """True when the fact behind it still needs checking."""


@documented
class UpperLimitJson(TypedDict):
    """The supplemental magnesium against the upper limit."""

    supplemental_mg: float
    """Magnesium from supplements and medicines a day, in mg."""
    supplemental_ul_mg: float | None
    """The upper limit for supplemental magnesium, in mg; null when none is published."""
    exceeds_ul: bool
    """True when the supplements go above it."""
    excess_mg: float | None
    """How far above, in mg."""
    sources: list[str]
    """Source ids of the limit."""
    food_counts: bool
    """Whether magnesium from food counts toward the limit (it never does)."""
    applies_with_kidney_function: bool
    """False when reduced kidney function overrides the limit."""
    severity: Level | None
    """How much going above it matters."""
    applied_limit_mg: float | None
    """The limit applied, in mg (a child's: the lowest of any system)."""


@documented
class KidneyJson(TypedDict):
    """What kidney function means for magnesium supplements."""

    egfr: float | None
    """eGFR in mL/min/1.73 m²."""
    on_dialysis: bool
    """On dialysis."""
    gfr_category: KidneySlug
    """The KDIGO GFR category, G1 to G5."""
    supplement_advice: str
    """standard, caution or avoid_unless_supervised."""
    severity: Level
    """How much it matters."""
    message: str
    """The advice, in the reader's language."""
    sources: list[str]
    """Source ids."""


@documented
class ConditionJson(TypedDict):
    """A condition or risk group the person has."""

    slug: str
    """Its slug."""
    name: str
    """Its name, in the reader's language."""
    rule: ConditionRule | Literal["risk_factor"]
    """What it means for magnesium; risk_factor for a risk group."""


@documented
class CompoundJson(TypedDict):
    """The magnesium compound taken."""

    compound: str
    """The compound's slug."""
    family: str
    """Its family's slug."""
    name: str
    """Its name, in the reader's language."""
    compound_mg_per_day: float | None
    """The compound's mg a day."""


@documented
class CheckAnswer(TypedDict):
    """``mgcoach check --json``: doses against the upper limit, the kidneys, medicines and
    conditions, the safety gate and suggested times."""

    ok: bool
    """True when nothing needs attention."""
    system: str
    """The reference system: us, efsa, nl, uk or dach."""
    interactions: list[InteractionJson]
    """What each medicine means for magnesium."""
    upper_limit: UpperLimitJson
    """The supplements against the upper limit."""
    kidney: KidneyJson | None
    """What kidney function means; null when it is not given."""
    conditions: list[ConditionJson]
    """The conditions and risk groups given."""
    compound: CompoundJson | None
    """The compound taken; null when not given."""
    issues: list[FindingJson]
    """Every issue found."""
    suggested_times: list[str]
    """The suggested dose times, HH:MM (as schedule.times)."""
    schedule: ScheduleJson
    """When to take the doses."""
    schedule_on_days: list[DaysScheduleJson]
    """Other schedules on the days of medicines not taken daily."""
    gate: GateJson
    """The safety gate."""
    source_list: SourceList
    """Every source cited, by its id."""


def interaction_json(item: Interaction) -> InteractionJson:
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


def finding_json(finding: Finding) -> FindingJson:
    return {
        "code": finding.code,
        "kind": finding.kind,
        "severity": finding.severity,
        "message": note_text(finding.message),
        "sources": list(finding.message.sources),
        "needs_verification": finding.message.unverified,
    }


def check_json(kb: KnowledgeBase, result: CheckResult) -> CheckAnswer:
    ul = result.upper_limit
    kidney = result.kidney
    lang = get_language()
    cited: list[str] = list(ul.sources)
    for finding in result.findings:
        cited.extend(finding.message.sources)
    cited += gate_sources(result.gate)
    data: CheckAnswer = {
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
