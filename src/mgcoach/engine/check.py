"""The safety check: supplemental dose against the upper limit, kidney function, conditions and
every medicine's interaction on the clock, with dose times that keep every rule.

Food magnesium never counts against the supplemental upper limit (fact reference §2 rule 1).
"""

from __future__ import annotations

from ..frozen import frozen
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.ages import MONTHS_PER_YEAR
from ..knowledge.compound_names import CompoundMatch
from ..knowledge.safety import Condition, RiskFactor, Symptom
from ..knowledge.vocabulary import State, System
from .findings import (
    Finding,
    condition_findings,
    dose_findings,
    interaction_findings,
    kidney_finding,
    limit_findings,
)
from .gate import Gate, GateInput, decide, medicine_doses, medicine_magnesium_mg
from .interactions import LEVEL_ORDER, Interaction, MagnesiumDose, Medication, interaction
from .limits import (
    KidneyResult,
    UpperLimit,
    graded_limit,
    kidney_result,
    supplemental_total,
    upper_limit,
    validate_egfr,
)
from .notes import Note
from .other_days import DaySchedule, everyday_rules, schedules_on_days
from .profile import Profile
from .schedule import Preferences, Schedule, propose
from .serum import SerumResult
from .targets import NutrientTarget, nutrient_target

# Imported from here by the services, the CLI and the web pages.
__all__ = [
    "CheckResult",
    "Finding",
    "KidneyResult",
    "UpperLimit",
    "check",
    "profile_conditions",
    "validate_egfr",
]


@frozen(kw_only=True)
class CheckResult:
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


@frozen
class _Measured:
    """What a check measures before the gate decides: the magnesium target and the graded upper
    limit, kidney function, the supplemental total, each medicine's interaction and every
    condition, beside who and what was asked about."""

    system: System
    profile: Profile
    medications: tuple[Medication, ...]
    on_dialysis: bool
    compound: CompoundMatch | None
    magnesium: NutrientTarget
    kidney: KidneyResult | None
    supplement_mg: float
    total_mg: float
    upper_limit: UpperLimit
    interactions: tuple[Interaction, ...]
    conditions: tuple[Condition | RiskFactor, ...]

    def gate_input(
        self,
        symptoms: tuple[Symptom, ...],
        serum: SerumResult | None,
        *,
        prescribed: bool,
        gap_mg: float | None,
        planning: bool,
    ) -> GateInput:
        """What the gate decides on: these measurements and what only the gate needs."""
        limit = self.magnesium.supplemental_ul
        kidney = self.kidney
        return GateInput(
            system=self.system,
            profile=self.profile,
            supplemental_ul_mg=limit.value if limit is not None else None,
            ul_sources=limit.sources if limit is not None else (),
            kidney_rule=kidney.category.rule if kidney is not None else None,
            kidney_advice=kidney_finding(kidney).message if kidney is not None else None,
            on_dialysis=self.on_dialysis,
            conditions=self.conditions,
            compound_family=self.compound.family.slug if self.compound is not None else None,
            interactions=self.interactions,
            medications=self.medications,
            symptoms=symptoms,
            serum=serum,
            supplement_mg=self.supplement_mg,
            prescribed=prescribed,
            gap_mg=gap_mg,
            planning=planning,
        )

    def result(
        self,
        doses: tuple[MagnesiumDose, ...],
        gate: Gate,
        schedule: Schedule,
        findings: tuple[Finding, ...],
        *,
        ok: bool,
        on_days: tuple[DaySchedule, ...],
    ) -> CheckResult:
        """The check's result: these measurements with the verdict, times and findings."""
        return CheckResult(
            ok=ok,
            system=self.system,
            magnesium=self.magnesium,
            medications=self.medications,
            doses=doses,
            interactions=self.interactions,
            upper_limit=self.upper_limit,
            kidney=self.kidney,
            conditions=self.conditions,
            compound=self.compound,
            schedule=schedule,
            findings=findings,
            gate=gate,
            schedule_on_days=on_days,
        )


def _measure(
    kb: KnowledgeBase,
    system: System,
    profile: Profile,
    medications: tuple[Medication, ...],
    doses: tuple[MagnesiumDose, ...],
    planned: tuple[MagnesiumDose, ...],
    *,
    egfr: float | None,
    on_dialysis: bool,
    conditions: tuple[Condition | RiskFactor, ...],
    compound: CompoundMatch | None,
    prescribed: bool,
) -> _Measured:
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
    return _Measured(
        system=system,
        profile=profile,
        medications=medications,
        on_dialysis=on_dialysis,
        compound=compound,
        magnesium=magnesium,
        kidney=kidney,
        supplement_mg=supplements,
        total_mg=total,
        upper_limit=ul,
        interactions=items,
        conditions=tuple(dict.fromkeys(profile_conditions(kb, profile) + conditions)),
    )


def _findings(measured: _Measured, amount: float) -> list[Finding]:
    """Every finding but the doses': interactions, the upper limit, kidney, conditions."""
    findings = interaction_findings(measured.interactions) + limit_findings(
        measured.upper_limit, measured.magnesium, amount
    )
    if measured.kidney is not None:
        findings.append(kidney_finding(measured.kidney))
    return findings + condition_findings(measured.conditions, measured.compound)


def _schedules(
    gate: Gate,
    items: tuple[Interaction, ...],
    amount: float,
    prefs: Preferences,
    wanted: int | None,
    *,
    avoid: bool,
    planning: bool,
) -> tuple[Schedule, tuple[DaySchedule, ...]]:
    """The suggested dose times (none when the gate or an "avoid" finding rules them out), and
    the times on the days of the medicines not taken daily."""
    # A medicine not taken daily protects only its own days: schedule_on_days.
    rules = everyday_rules(items)
    blank = Schedule(times=(), doses_mg=(), wanted_doses=wanted or 1, allowed_slots=0)
    if avoid or not gate.plan:
        return _no_schedule(blank, any(item.kind == "avoid" for item in items), None), ()
    if not gate.schedule_allowed:
        return _no_schedule(blank, False, gate), ()
    if planning and amount <= 0:
        return blank, ()  # a plan with nothing to add: no dose, so no dose time
    schedule = propose(rules, amount, prefs, doses=wanted)
    return schedule, schedules_on_days(items, amount, prefs, doses=wanted)


def _ok(measured: _Measured, gate: Gate, *, avoid: bool, prescribed: bool) -> bool:
    """Not OK: a dose pair breaks a timing rule, the upper limit is exceeded, anything says
    "avoid" (an interaction, a kidney category, a condition, an age without an upper limit),
    or the gate allows no plan."""
    return not (
        any(item.conflict for item in measured.interactions)
        or (measured.upper_limit.exceeds_ul and not prescribed)
        or avoid
        or not gate.plan
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

    ``daily_mg`` plans the times for that amount instead of the doses' total. The safety gate
    (engine/gate/) decides whether any time is suggested; ``symptoms``, ``serum``,
    ``prescribed``, ``gap_mg`` and ``planning`` are what it needs beyond the check's findings,
    ``gate`` a verdict already decided (the plan's). ``planned``: the plan's everyday doses,
    counted like ``doses``, but checked against the non-daily medicines on their own days.
    Cost: medicines (at most 30: services/inputs.py) × dose times, one gate decision, and at
    most 1 + MAX_DAY_GROUPS calls of ``propose`` (engine/other_days.py), each bounded."""
    measured = _measure(
        kb,
        system,
        profile,
        medications,
        doses,
        planned,
        egfr=egfr,
        on_dialysis=on_dialysis,
        conditions=conditions,
        compound=compound,
        prescribed=prescribed,
    )
    if gate is None:
        given = measured.gate_input(
            symptoms, serum, prescribed=prescribed, gap_mg=gap_mg, planning=planning
        )
        gate = decide(kb, given)
    amount = measured.total_mg if daily_mg is None else daily_mg
    wanted = sum(max(1, len(dose.times)) for dose in doses + planned) or None
    findings = _findings(measured, amount)
    avoid = any(finding.severity in ("avoid", "emergency") for finding in findings)
    prefs = preferences or Preferences.from_dosing(kb.advice.dosing)
    schedule, on_days = _schedules(
        gate, measured.interactions, amount, prefs, wanted, avoid=avoid, planning=planning
    )
    findings += dose_findings(doses + planned, schedule)
    findings.sort(key=lambda f: -LEVEL_ORDER[f.severity])
    ok = _ok(measured, gate, avoid=avoid, prescribed=prescribed)
    return measured.result(doses, gate, schedule, tuple(findings), ok=ok, on_days=on_days)
