"""The safety check: supplemental dose against the upper limit, kidney function, conditions and
every medicine's interaction on the clock, with dose times that keep every rule.

Food magnesium never counts against the supplemental upper limit (fact reference §2 rule 1).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..errors import InputError
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.ages import MONTHS_PER_YEAR
from ..knowledge.compound_names import CompoundMatch
from ..knowledge.safety import Condition, KidneyCategory, RiskFactor, Symptom
from ..knowledge.vocabulary import State, System
from .gate import (
    Gate,
    GateInput,
    child_limit,
    decide,
    is_child,
    limit_severity,
    medicine_doses,
    medicine_magnesium_mg,
)
from .interactions import LEVEL_ORDER, Interaction, Level, MagnesiumDose, Medication, interaction
from .notes import Note
from .other_days import DaySchedule, everyday_rules, schedules_on_days
from .profile import Profile
from .schedule import Preferences, Schedule, propose
from .serum import SerumResult
from .targets import NutrientTarget, nutrient_target

KIDNEY_ADVICE: dict[str, tuple[str, Level]] = {
    "standard": ("ok", "info"),
    "caution": ("caution", "caution"),
    "avoid_unless_supervised": ("avoid_unless_supervised", "avoid"),
}
CONDITION_LEVEL: dict[str, Level] = {
    "contraindicated": "avoid",
    "caution": "caution",
    "consult": "caution",
    "inform": "info",
}


class Finding(BaseModel):
    """One entry of ``issues``: what was found, how serious, and the message (with its code)."""

    model_config = ConfigDict(frozen=True)

    kind: str
    severity: Level
    message: Note

    @property
    def code(self) -> str:
        return self.message.code


class UpperLimit(BaseModel):
    model_config = ConfigDict(frozen=True)

    supplemental_mg: float
    supplemental_ul_mg: float | None
    exceeds_ul: bool
    excess_mg: float | None
    sources: tuple[str, ...] = ()
    kidney_overrides: bool = False
    severity: Level | None = None
    applied_limit_mg: float | None = None  # a child's: the lowest limit of any system


class KidneyResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    egfr: float | None
    on_dialysis: bool
    category: KidneyCategory
    supplement_advice: str
    severity: Level


class CheckResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    ok: bool
    system: System
    magnesium: NutrientTarget
    medications: tuple[Medication, ...]
    doses: tuple[MagnesiumDose, ...]
    interactions: tuple[Interaction, ...]
    upper_limit: UpperLimit
    kidney: KidneyResult | None
    conditions: tuple[Condition | RiskFactor, ...]
    compound: CompoundMatch | None
    schedule: Schedule
    findings: tuple[Finding, ...]
    gate: Gate
    # The schedule on the days of medicines not taken daily (``schedule`` is every other day).
    schedule_on_days: tuple[DaySchedule, ...] = ()

    @property
    def compound_mg_per_day(self) -> float | None:
        """The daily supplemental magnesium as mg of the compound the person named."""
        if self.compound is None:
            return None
        return self.compound.compound.compound_mg(self.upper_limit.supplemental_mg)

    @property
    def avoid_supplements(self) -> bool:
        """True when magnesium should not be taken without a doctor (kidney, condition, drug)."""
        return any(f.severity == "avoid" for f in self.findings)


EGFR_RANGE = (0.0, 200.0)


def validate_egfr(egfr: float | None) -> float | None:
    """An eGFR in mL/min/1.73 m² from 0 to 200, or None."""
    if egfr is None:
        return None
    low, high = EGFR_RANGE
    if not low <= egfr <= high:
        raise InputError(
            N_("An eGFR of {egfr} is not possible: give a value from {low} to {high}."),
            egfr=egfr,
            low=low,
            high=high,
        )
    return egfr


def supplemental_total(doses: tuple[MagnesiumDose, ...]) -> float:
    return sum(dose.mg * max(1, len(dose.times)) for dose in doses)


def upper_limit(
    target: NutrientTarget, supplemental_mg: float, kidney: KidneyResult | None
) -> UpperLimit:
    limit = target.supplemental_ul
    value = limit.value if limit is not None else None
    exceeds = value is not None and supplemental_mg > value + 1e-9
    return UpperLimit(
        supplemental_mg=supplemental_mg,
        supplemental_ul_mg=value,
        exceeds_ul=exceeds,
        excess_mg=None if value is None else max(0.0, supplemental_mg - value),
        sources=limit.sources if limit is not None else (),
        kidney_overrides=kidney is not None and kidney.category.rule != "standard",
    )


def kidney_result(kb: KnowledgeBase, egfr: float | None, on_dialysis: bool) -> KidneyResult | None:
    if egfr is None and not on_dialysis:
        return None
    category = kb.safety.kidney_category(egfr if egfr is not None else 0.0, on_dialysis)
    advice, severity = KIDNEY_ADVICE[category.rule]
    return KidneyResult(
        egfr=egfr,
        on_dialysis=on_dialysis,
        category=category,
        supplement_advice=advice,
        severity=severity,
    )


def graded_limit(
    kb: KnowledgeBase,
    profile: Profile,
    ul: UpperLimit,
    kidney: KidneyResult | None,
    prescribed: bool,
) -> UpperLimit:
    """The upper limit with its severity (the gate's grading) and, for a child, the limit that
    applies: the lowest any reference system publishes for the child's age."""
    child = is_child(kb, profile)
    applied = child_limit(kb, profile)[0] if child else ul.supplemental_ul_mg
    kidney_reduced = kidney is not None and kidney.category.rule != "standard"
    severity = limit_severity(
        kb,
        ul.supplemental_mg,
        applied,
        prescribed=prescribed,
        child=child,
        kidney_reduced=kidney_reduced,
    )
    exceeds = ul.exceeds_ul or (applied is not None and ul.supplemental_mg > applied + 1e-9)
    return ul.model_copy(
        update={"severity": severity, "applied_limit_mg": applied, "exceeds_ul": exceeds}
    )


def _limit_findings(ul: UpperLimit, target: NutrientTarget, planned_mg: float) -> list[Finding]:
    findings: list[Finding] = []
    if ul.exceeds_ul:
        findings.append(
            Finding(
                kind="upper_limit",
                severity=ul.severity or "caution",
                message=Note(
                    code="above_upper_limit",
                    message=N_(
                        "{mg} mg of magnesium a day from supplements is {excess} mg above the "
                        "upper limit of {ul} mg. Above it, diarrhoea, nausea and stomach cramps "
                        "become likely; take more only under medical supervision."
                    ),
                    params={
                        "mg": ul.supplemental_mg,
                        "excess": max(0.0, ul.supplemental_mg - (ul.applied_limit_mg or 0.0)),
                        "ul": ul.applied_limit_mg or 0.0,
                    },
                    sources=tuple(dict.fromkeys((*ul.sources, "NIH-ODS", "IOM97"))),
                ),
            )
        )
    elif ul.applied_limit_mg is None and max(ul.supplemental_mg, planned_mg) > 0:
        findings.append(
            Finding(
                kind="upper_limit",
                severity="avoid",
                message=Note(
                    code="no_upper_limit",
                    message=N_(
                        "No upper limit for supplements is published for this age under this "
                        "system: give magnesium supplements only on medical advice."
                    ),
                    sources=target.sources,
                ),
            )
        )
    if ul.kidney_overrides:
        findings.append(
            Finding(
                kind="upper_limit",
                severity="caution",
                message=Note(
                    code="upper_limit_not_for_kidney_disease",
                    message=N_(
                        "Upper limits are set for people with healthy kidneys; with reduced "
                        "kidney function a lower limit applies, which your doctor sets."
                    ),
                    sources=("NIH-ODS",),
                ),
            )
        )
    return findings


def _kidney_finding(kidney: KidneyResult) -> Finding:
    category = kidney.category
    return Finding(
        kind="kidney",
        severity=kidney.severity,
        message=Note.from_text(
            f"kidney_{category.slug}",
            category.advice,
            category.sources,
            unverified=category.needs_verification,
        ),
    )


def _condition_findings(
    conditions: tuple[Condition | RiskFactor, ...], compound: CompoundMatch | None
) -> list[Finding]:
    findings: list[Finding] = []
    for condition in conditions:
        if not isinstance(condition, Condition):
            continue
        level = CONDITION_LEVEL[condition.rule]
        if compound is not None and compound.family.slug in condition.contraindicated_families:
            level = "avoid"
        findings.append(
            Finding(
                kind="condition",
                severity=level,
                message=Note.from_text(
                    f"condition_{condition.slug}",
                    condition.advice,
                    condition.sources,
                    unverified=condition.needs_verification,
                ),
            )
        )
    return findings


def profile_conditions(kb: KnowledgeBase, profile: Profile) -> tuple[Condition, ...]:
    """Conditions a profile decides by itself (a child under 4, a pregnancy)."""
    found = []
    for condition in kb.safety.conditions.values():
        young = condition.below_age_years is not None and (
            profile.age_months < condition.below_age_years * MONTHS_PER_YEAR
        )
        state = condition.state is not None and profile.state is State(condition.state)
        if young or state:
            found.append(condition)
    return tuple(found)


def _interaction_findings(interactions: tuple[Interaction, ...]) -> list[Finding]:
    findings = []
    for item in interactions:
        findings.append(
            Finding(
                kind=item.kind,
                severity=item.severity,
                message=item.message,
            )
        )
        for detail in item.details:
            findings.append(Finding(kind=item.kind, severity=item.severity, message=detail))
    return findings


def _dose_findings(doses: tuple[MagnesiumDose, ...], schedule: Schedule) -> list[Finding]:
    findings = [
        Finding(kind="schedule", severity="caution", message=note) for note in schedule.notes
    ]
    if any(not dose.times for dose in doses):
        findings.append(
            Finding(
                kind="schedule",
                severity="info",
                message=Note(
                    code="dose_time_unknown",
                    message=N_(
                        "A magnesium dose has no time (MG@HH:MM), so its spacing from medicines "
                        "was not checked."
                    ),
                ),
            )
        )
    return findings


def _no_schedule(schedule: Schedule, avoid_interaction: bool, gate: Gate | None = None) -> Schedule:
    if gate is not None and gate.verdict == "lower_dose":
        note = Note(
            code="no_time_above_limit",
            message=N_(
                "No dose time is suggested for more than the upper limit: lower the amount, or "
                "say that a doctor prescribed it."
            ),
        )
    elif gate is not None and gate.plan:
        note = Note(
            code="no_time_above_cap",
            message=N_(
                "No dose time is suggested for more than {cap} mg a day without your doctor's "
                "word: say that a doctor prescribed it, or lower the amount."
            ),
            params={"cap": round(gate.cap_mg or 0.0)},
        )
    elif avoid_interaction:
        note = Note(
            code="no_time_avoid",
            message=N_(
                "No dose time is suggested: a medicine you take should not be combined with "
                "magnesium at any time."
            ),
        )
    else:
        note = Note(
            code="no_time_doctor",
            message=N_(
                "No dose time is suggested: magnesium supplements are not advised for you "
                "without your doctor (see above)."
            ),
        )
    return Schedule(
        times=(), doses_mg=(), wanted_doses=schedule.wanted_doses, allowed_slots=0, notes=(note,)
    )


def check(
    kb: KnowledgeBase,
    system: System,
    profile: Profile,
    medications: tuple[Medication, ...] = (),
    doses: tuple[MagnesiumDose, ...] = (),
    *,
    egfr: float | None = None,
    on_dialysis: bool = False,
    conditions: tuple[Condition | RiskFactor, ...] = (),
    compound: CompoundMatch | None = None,
    preferences: Preferences | None = None,
    daily_mg: float | None = None,
    symptoms: tuple[Symptom, ...] = (),
    serum: SerumResult | None = None,
    prescribed: bool = False,
    gap_mg: float | None = None,
    planning: bool = False,
    gate: Gate | None = None,
    planned: tuple[MagnesiumDose, ...] = (),
) -> CheckResult:
    """Check supplemental magnesium (``doses``, elemental mg) for this person and medicines.

    ``daily_mg`` plans the suggested times for that amount instead of the doses' total. The
    safety gate (engine/gate.py) decides whether any time is suggested at all; ``symptoms``,
    ``serum``, ``prescribed``, ``gap_mg`` and ``planning`` are what it needs beyond the check's
    own findings, and ``gate`` gives a verdict already decided (the plan's). ``planned`` are
    the plan's everyday doses: they count like ``doses``, but the medicines not taken daily are
    checked against the times of ``schedule_on_days`` instead, which replace them on their days.
    """
    magnesium = nutrient_target(kb, "magnesium", system, profile)
    kidney = kidney_result(kb, egfr, on_dialysis)
    supplements = supplemental_total(doses + planned)
    # Antacids and laxatives with magnesium are magnesium: they count toward the limit, and
    # their times are magnesium times for every other medicine's spacing rule.
    total = supplements + medicine_magnesium_mg(medications)
    ul = graded_limit(kb, profile, upper_limit(magnesium, total, kidney), kidney, prescribed)
    timed = doses + medicine_doses(medications)
    items = tuple(
        interaction(kb, med, timed + (planned if med.daily else ()), egfr, on_dialysis)
        for med in medications
    )
    all_conditions = tuple(dict.fromkeys(profile_conditions(kb, profile) + conditions))
    if gate is None:
        limit = magnesium.supplemental_ul
        gate = decide(
            kb,
            GateInput(
                system=system,
                profile=profile,
                supplemental_ul_mg=limit.value if limit is not None else None,
                ul_sources=limit.sources if limit is not None else (),
                kidney_rule=kidney.category.rule if kidney is not None else None,
                kidney_advice=_kidney_finding(kidney).message if kidney is not None else None,
                on_dialysis=on_dialysis,
                conditions=all_conditions,
                compound_family=compound.family.slug if compound is not None else None,
                interactions=items,
                medications=medications,
                symptoms=symptoms,
                serum=serum,
                supplement_mg=supplements,
                prescribed=prescribed,
                gap_mg=gap_mg,
                planning=planning,
            ),
        )
    # A medicine not taken daily protects only its own days: schedule_on_days.
    rules = everyday_rules(items)
    prefs = preferences or Preferences.from_dosing(kb.advice.dosing)
    amount = total if daily_mg is None else daily_mg
    wanted = sum(max(1, len(dose.times)) for dose in doses + planned) or None
    findings = _interaction_findings(items) + _limit_findings(ul, magnesium, amount)
    if kidney is not None:
        findings.append(_kidney_finding(kidney))
    findings += _condition_findings(all_conditions, compound)
    avoid = any(finding.severity in ("avoid", "emergency") for finding in findings)
    blank = Schedule(times=(), doses_mg=(), wanted_doses=wanted or 1, allowed_slots=0)
    on_days: tuple[DaySchedule, ...] = ()  # none unless the gate allows a schedule
    if avoid or not gate.plan:
        schedule = _no_schedule(blank, any(item.kind == "avoid" for item in items), None)
    elif not gate.schedule_allowed:
        schedule = _no_schedule(blank, False, gate)
    elif planning and amount <= 0:
        schedule = blank  # a plan with nothing to add: no dose, so no dose time
    else:
        schedule = propose(rules, amount, prefs, doses=wanted)
        on_days = schedules_on_days(items, amount, prefs, doses=wanted)
    findings += _dose_findings(doses + planned, schedule)
    findings.sort(key=lambda f: -LEVEL_ORDER[f.severity])
    # Not OK: a dose pair breaks a timing rule, the upper limit is exceeded, anything says
    # "avoid" (an interaction, a kidney category, a condition, an age without an upper limit),
    # or the gate allows no plan.
    ok = not (
        any(item.conflict for item in items)
        or (ul.exceeds_ul and not prescribed)
        or avoid
        or not gate.plan
    )
    return CheckResult(
        ok=ok,
        system=system,
        magnesium=magnesium,
        medications=medications,
        doses=doses,
        interactions=items,
        upper_limit=ul,
        kidney=kidney,
        conditions=all_conditions,
        compound=compound,
        schedule=schedule,
        findings=tuple(findings),
        gate=gate,
        schedule_on_days=on_days,
    )
