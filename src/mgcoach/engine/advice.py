"""The personal plan: how much supplemental magnesium closes the gap, in which form, how to
build up to it and when to take it — with the safety check, the risk screen and the evidence
behind every piece.

The safety gate (engine/gate/) decides first whether there is a plan at all. The daily
supplemental dose is then the gap between the target and food, less the magnesium already taken,
rounded up to whole ``ROUND_TO_MG`` steps, never above the gate's cap (the supplemental upper
limit, or less for a child or with reduced kidney function; food never counts against it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial

from ..errors import InputError
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.advice import ClockList, ClockValue, Concern, Number
from ..knowledge.compound_names import CompoundMatch
from ..knowledge.safety import Claim, Condition, RiskFactor, Symptom
from ..knowledge.vocabulary import State, System
from .check import CheckResult, check, profile_conditions
from .forms import FormChoice, choose_form
from .gate import Gate, Verdict, plan_dose
from .interactions import MagnesiumDose, Medication
from .notes import Note
from .other_days import DaySchedule, everyday_rules, schedules_on_days
from .profile import Profile
from .risk import RiskScreen, screen
from .schedule import Preferences, Schedule, TimingRule, propose
from .serum import SerumResult
from .targets import TargetsResult, targets

ROUND_TO_MG = 25
FOOD_MG_RANGE = (0.0, 5000.0)
Status = Verdict


@dataclass(frozen=True, slots=True, kw_only=True)
class TitrationStep:
    week: int
    daily_mg: float
    schedule: Schedule


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """A claim and what the evidence shows, attached to the piece of advice it supports."""

    about: str
    claim: Claim


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    system: System
    targets: TargetsResult
    target_mg: float | None
    food_mg: float | None
    gap_mg: float | None
    status: Status
    daily_mg: float
    capped_at_ul: bool
    form: FormChoice
    titration: tuple[TitrationStep, ...]
    schedule: Schedule
    safety: CheckResult
    risk: RiskScreen
    concerns: tuple[Concern, ...]
    evidence: tuple[Evidence, ...]
    basis: dict[str, tuple[Number | ClockValue | ClockList, ...]]
    notes: tuple[Note, ...]
    gate: Gate
    taken: tuple[MagnesiumDose, ...] = ()
    # The schedule on the days of medicines not taken daily (``schedule`` is every other day).
    schedule_on_days: tuple[DaySchedule, ...] = ()

    @property
    def taken_mg(self) -> float:
        """Magnesium already taken a day: supplements and magnesium-containing medicines."""
        return self.gate.taken_mg


def _dose_notes(
    kb: KnowledgeBase, gate: Gate, gap: float | None, daily: float, ul: float | None
) -> tuple[bool, list[Note]]:
    """Whether the cap cut the dose, and the notes that say how the dose was sized."""
    notes: list[Note] = []
    if daily <= 0:
        return False, notes
    if gap is None:
        notes.append(
            Note(
                code="no_food_intake",
                message=N_(
                    "Without your food intake Mg Coach cannot size the gap; the plan uses the "
                    "usual low starting dose of {mg} mg."
                ),
                params={"mg": kb.advice.dosing.start_mg.value},
            )
        )
        return False, notes
    wanted = math.ceil(max(gap - gate.taken_mg, 0.0) / ROUND_TO_MG) * ROUND_TO_MG
    if wanted <= daily + 1e-9:
        return False, notes
    cap = gate.cap_mg or 0.0
    if ul is not None and abs(cap - ul) < 1e-9 and not gate.child:
        notes.append(
            Note(
                code="gap_above_upper_limit",
                message=N_(
                    "The gap of {gap} mg is more than the upper limit for supplements ({ul} mg): "
                    "the plan stops at the limit, and the rest should come from food."
                ),
                params={"gap": round(gap - gate.taken_mg), "ul": ul},
            )
        )
    else:
        notes.append(
            Note(
                code="gap_above_cap",
                message=N_(
                    "The gap of {gap} mg is more than Mg Coach shows for you ({cap} mg a day from "
                    "supplements, see above): the rest should come from food."
                ),
                params={"gap": round(gap - gate.taken_mg), "cap": round(cap)},
            )
        )
    return True, notes


def _check_inputs(kb: KnowledgeBase, food_mg: float | None, needs: set[str]) -> None:
    low, high = FOOD_MG_RANGE
    if food_mg is not None and not low <= food_mg <= high:
        raise InputError(
            N_("Magnesium from food must be from {low} to {high} mg a day, not {value}."),
            field="food_mg",
            low=low,
            high=high,
            value=food_mg,
        )
    unknown = sorted(needs - set(kb.advice.form_needs))
    if unknown:
        raise InputError(
            N_("Unknown wish {need}: use one of {choices}."),
            field="need",
            need=unknown[0],
            choices=", ".join(kb.advice.form_needs),
        )


def _no_doses(schedule: Schedule) -> Schedule:
    """No supplement, so no dose times (the safety check's notes say why, if anything)."""
    return Schedule(times=(), doses_mg=(), wanted_doses=0, allowed_slots=schedule.allowed_slots)


def titration(
    kb: KnowledgeBase, daily_mg: float, rules: list[TimingRule], prefs: Preferences
) -> tuple[TitrationStep, ...]:
    """Start low and step up weekly until the daily dose is reached."""
    dosing = kb.advice.dosing
    if daily_mg <= 0:
        return ()
    start, step, days = dosing.start_mg.value, dosing.step_mg.value, dosing.step_days.value
    count = 1 + max(0, math.ceil((daily_mg - start) / step))
    amounts = [min(start + index * step, daily_mg) for index in range(count)]
    return tuple(
        TitrationStep(
            week=1 + index * int(days) // 7, daily_mg=amount, schedule=propose(rules, amount, prefs)
        )
        for index, amount in enumerate(amounts)
    )


def _evidence(
    kb: KnowledgeBase,
    plan_form: FormChoice,
    concerns: tuple[Concern, ...],
    profile: Profile,
    risk_factors: tuple[RiskFactor, ...],
    risk: RiskScreen,
) -> tuple[Evidence, ...]:
    claims = kb.safety.claims
    athlete = any(factor.slug == "athletes" for factor in risk_factors)
    items: list[Evidence] = []
    for need in plan_form.needs:
        items += [Evidence(about="form", claim=claims[slug]) for slug in need.claims]
    for concern in concerns:
        for slug in concern.claims:
            if slug == "cramps_pregnancy" and profile.state is not State.PREGNANT:
                continue
            if slug == "cramps_exercise" and not athlete:
                continue
            items.append(Evidence(about=concern.slug, claim=claims[slug]))
    if risk.grade == "high":
        items.append(Evidence(about="risk", claim=claims["deficiency_correction"]))
    unique = {(item.about, item.claim.slug): item for item in items}
    return tuple(unique.values())


@dataclass(frozen=True, slots=True)
class _Dose:
    """The gate's verdict on the gap, the daily amount it allows, whether its cap cut it, and
    the notes on its size."""

    gate: Gate
    gap_mg: float | None
    daily_mg: float
    capped: bool
    notes: list[Note]


def _dose(kb: KnowledgeBase, gate: Gate, gap: float | None, ul: float | None) -> _Dose:
    daily = plan_dose(kb, gate, gap, ROUND_TO_MG)
    capped, notes = _dose_notes(kb, gate, gap, daily, ul)
    return _Dose(gate=gate, gap_mg=gap, daily_mg=daily, capped=capped, notes=notes)


@dataclass(frozen=True, slots=True)
class _Times:
    """When to take the daily amount: the weekly steps up to it, the everyday times, the times
    on the days of medicines not taken daily, and the safety check of the doses at them."""

    titration: tuple[TitrationStep, ...]
    schedule: Schedule
    on_days: tuple[DaySchedule, ...]
    safety: CheckResult


def _times(
    kb: KnowledgeBase,
    checking: partial[CheckResult],
    probe: CheckResult,
    daily: float,
    prefs: Preferences,
) -> _Times:
    rules = everyday_rules(probe.interactions)  # a weekly medicine protects only its days
    final = propose(rules, daily, prefs) if daily > 0 else _no_doses(probe.schedule)
    on_days = schedules_on_days(probe.interactions, daily, prefs) if daily > 0 else ()
    doses = tuple(
        MagnesiumDose(mg=mg, times=(at,))
        for at, mg in zip(final.times, final.doses_mg, strict=False)
    )
    # The planned doses with what is already taken, checked at their times under the same gate.
    safety = probe if daily <= 0 else checking(gate=probe.gate, planned=doses)
    return _Times(
        titration=titration(kb, daily, rules, prefs), schedule=final, on_days=on_days, safety=safety
    )


def _form(
    kb: KnowledgeBase,
    profile: Profile,
    safety: CheckResult,
    needs: set[str] | None,
    concerns: tuple[Concern, ...],
    conditions: tuple[Condition | RiskFactor, ...],
    own_compound: CompoundMatch | None,
) -> FormChoice:
    """The form for the wishes, concerns and conditions (the profile's own among them)."""
    all_conditions = tuple(c for c in safety.conditions if isinstance(c, Condition))
    wanted = set(needs or ()) | {c.need for c in concerns if c.need}
    wanted |= {n for c in conditions if (n := kb.advice.condition_need(c.slug))}
    return choose_form(kb, wanted, all_conditions + profile_conditions(kb, profile), own_compound)


def _excess_signs() -> Note:
    return Note(
        code="excess_signs",
        message=N_(
            "Diarrhoea, nausea or stomach cramps are the first signs of too much "
            "magnesium: lower or split the dose, take it with meals, or change the form."
        ),
        sources=("IOM97", "NIH-ODS"),
    )


def _basis(kb: KnowledgeBase) -> dict[str, tuple[Number | ClockValue | ClockList, ...]]:
    """The dosing facts each part of the plan rests on."""
    dosing = kb.advice.dosing
    return {
        "dose": (dosing.max_single_dose_mg,),
        "titration": (dosing.start_mg, dosing.step_mg, dosing.step_days),
        "schedule": (
            dosing.max_single_dose_mg,
            dosing.min_hours_between_doses,
            dosing.meal_times,
            dosing.evening_from,
            dosing.slot_minutes,
        ),
    }


def _plan(
    kb: KnowledgeBase,
    system: System,
    profile: Profile,
    result: TargetsResult,
    food_mg: float | None,
    concerns: tuple[Concern, ...],
    taken: tuple[MagnesiumDose, ...],
    dose: _Dose,
    times: _Times,
    form: FormChoice,
    risk: RiskScreen,
    risk_factors: tuple[RiskFactor, ...],
) -> Plan:
    """The plan from its parts: the dose, its times, the form and the risk screen."""
    return Plan(
        system=system,
        targets=result,
        target_mg=result.nutrients["magnesium"].target,
        food_mg=food_mg,
        gap_mg=dose.gap_mg,
        status=dose.gate.verdict,
        daily_mg=dose.daily_mg,
        capped_at_ul=dose.capped,
        form=form,
        titration=times.titration,
        schedule=times.schedule,
        safety=times.safety,
        risk=risk,
        concerns=concerns,
        evidence=_evidence(kb, form, concerns, profile, risk_factors, risk),
        basis=_basis(kb),
        notes=tuple(dose.notes),
        gate=dose.gate,
        taken=taken,
        schedule_on_days=times.on_days,
    )


def advise(
    kb: KnowledgeBase,
    system: System,
    profile: Profile,
    *,
    food_mg: float | None = None,
    concerns: tuple[Concern, ...] = (),
    symptoms: tuple[Symptom, ...] = (),
    medications: tuple[Medication, ...] = (),
    conditions: tuple[Condition | RiskFactor, ...] = (),
    egfr: float | None = None,
    on_dialysis: bool = False,
    serum: SerumResult | None = None,
    needs: set[str] | None = None,
    own_compound: CompoundMatch | None = None,
    preferences: Preferences | None = None,
    taken: tuple[MagnesiumDose, ...] = (),
    prescribed: bool = False,
) -> Plan:
    """The whole personal plan for one person (``taken``: supplements already taken a day).

    Cost: two ``check`` calls (see its bound), the final times and the other days' (as one
    check's), one ``propose`` per build-up step (the daily dose is at most the gap to a
    target, so at most 1 + 500 mg / step_mg), and lookups in the knowledge base per concern
    and symptom (at most 30 each at the edges: services/inputs.py)."""
    _check_inputs(kb, food_mg, needs or set())
    result = targets(kb, system, profile)
    magnesium = result.nutrients["magnesium"]
    target_mg = magnesium.target
    gap = None if food_mg is None or target_mg is None else target_mg - food_mg
    ul = magnesium.supplemental_ul.value if magnesium.supplemental_ul else None
    prefs = preferences or Preferences.from_dosing(kb.advice.dosing)
    signs = symptoms + tuple(kb.safety.symptoms[c.symptom] for c in concerns if c.symptom)
    checking = partial(
        check, kb, system, profile, medications, taken, egfr=egfr, on_dialysis=on_dialysis,
        conditions=conditions, compound=own_compound, preferences=prefs,
    )  # fmt: skip
    # The gate decides first whether there is a dose at all, and how much at most.
    probe = checking(symptoms=signs, serum=serum, prescribed=prescribed, gap_mg=gap, planning=True)
    dose = _dose(kb, probe.gate, gap, ul)
    times = _times(kb, checking, probe, dose.daily_mg, prefs)
    form = _form(kb, profile, times.safety, needs, concerns, conditions, own_compound)
    risk_factors = tuple(c for c in conditions if isinstance(c, RiskFactor))
    risk = screen(
        kb, profile, risk_factors=risk_factors, medications=medications,
        symptoms=signs,
        food_mg=food_mg, ear_mg=magnesium.ear, target_mg=target_mg, serum=serum,
    )  # fmt: skip
    if risk.excess_signs and dose.daily_mg > 0:
        dose.notes.append(_excess_signs())
    return _plan(
        kb, system, profile, result, food_mg, concerns, taken, dose, times, form, risk, risk_factors
    )
