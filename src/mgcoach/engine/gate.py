"""The safety gate: one verdict decides whether Mg Coach shows a magnesium plan at all.

Everything known about a person goes in — age and pregnancy, kidney function or dialysis,
conditions, symptoms, the latest serum value, medicines, and the magnesium already taken from
supplements and from antacids or laxatives — and one ``Gate`` comes out: every reason found,
the deciding one first, and one verdict. Precedence, highest first:

1. ``emergency``: an emergency red flag, a serum value in the danger zone, or a supplemental
   intake at the amount that has caused fatal hypermagnesaemia. No plan.
2. ``stop_supplements``: serum above the reference range, or supplemental intake far above the
   upper limit (a child: any amount above the child's limit). No plan.
3. ``see_doctor_now``: a "see a doctor now" red flag, or a very low serum value. No plan.
4. ``doctor_only``: a measured low serum value (its cause needs finding), eGFR below 30 or
   dialysis, a contraindicated condition, a medicine never to be combined with magnesium, a
   child below the age any system gives a supplemental limit for. No plan.
5. ``lower_dose``: supplements above the upper limit (not prescribed). No plan until lowered.
6. ``supplement_after_doctor``: eGFR 30–59, kidney disease without an eGFR, kidney function
   unknown where it matters (age, diuretics), pregnancy, a child, a condition or medicine that
   needs a doctor's or pharmacist's word. A capped plan, under "talk to your doctor first".
7. ``supplement`` / ``not_needed``: the gap is target − food − magnesium already taken.

The thresholds are data (advice.toml ``[gate]``); this module only orders them. Pure: no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.records import Text
from ..knowledge.safety import Condition, RiskFactor, Symptom
from ..knowledge.vocabulary import State, System
from .interactions import Interaction, MagnesiumDose, Medication
from .life_stage import limit_row
from .notes import Note
from .profile import Profile
from .serum import SerumResult

Verdict = Literal[
    "emergency", "stop_supplements", "see_doctor_now", "doctor_only", "lower_dose",
    "supplement_after_doctor", "supplement", "not_needed",
]  # fmt: skip
Severity = Literal["info", "caution", "avoid", "emergency"]

VERDICT_RANK: dict[Verdict, int] = {
    "not_needed": 0, "supplement": 1, "supplement_after_doctor": 2, "lower_dose": 3,
    "doctor_only": 4, "see_doctor_now": 5, "stop_supplements": 6, "emergency": 7,
}  # fmt: skip
SEVERITY_RANK: dict[Severity, int] = {"info": 0, "caution": 1, "avoid": 2, "emergency": 3}
PLAN_VERDICTS: frozenset[Verdict] = frozenset(
    {"supplement", "supplement_after_doctor", "not_needed"}
)
# Diuretic classes whose users need their kidney function known before a plan (§4.3, §5.1).
KIDNEY_SENSITIVE_CLASSES = frozenset(
    {"loop_diuretics", "thiazide_diuretics", "potassium_sparing_diuretics"}
)


class GateReason(BaseModel):
    """One thing the gate found: how serious, which verdict it asks for, and why (with sources)."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    verdict: Verdict
    message: Note


class Gate(BaseModel):
    """The verdict and its reasons, the deciding reason first."""

    model_config = ConfigDict(frozen=True)

    verdict: Verdict
    reasons: tuple[GateReason, ...]
    taken_mg: float
    medicine_mg: float
    cap_mg: float | None
    prescribed: bool = False
    child: bool = False
    planning: bool = False

    @property
    def plan(self) -> bool:
        """True when a plan (a dose and dose times) may be shown at all."""
        return self.verdict in PLAN_VERDICTS

    @property
    def schedule_allowed(self) -> bool:
        """A plan verdict and an amount Mg Coach may schedule (at most the cap, unless a doctor
        prescribed it)."""
        if not self.plan:
            return False
        return self.prescribed or self.cap_mg is None or self.taken_mg <= self.cap_mg + 1e-9

    @property
    def room_mg(self) -> float:
        """How much more a plan may add a day (the cap less what is already taken)."""
        if self.cap_mg is None:
            return 0.0
        return max(0.0, self.cap_mg - self.taken_mg)


@dataclass(frozen=True, slots=True)
class GateInput:
    """What the gate decides on (the check has already found the kidney category, the
    conditions and each medicine's interaction)."""

    system: System
    profile: Profile
    supplemental_ul_mg: float | None
    ul_sources: tuple[str, ...]
    kidney_rule: str | None  # standard | caution | avoid_unless_supervised; None: unknown
    kidney_advice: Note | None
    on_dialysis: bool
    conditions: tuple[Condition | RiskFactor, ...]
    compound_family: str | None
    interactions: tuple[Interaction, ...]
    medications: tuple[Medication, ...]
    symptoms: tuple[Symptom, ...] = ()
    serum: SerumResult | None = None
    supplement_mg: float = 0.0
    prescribed: bool = False
    gap_mg: float | None = None  # target − food; None when food (or the target) is unknown
    planning: bool = False  # an advice plan (True) or a check of given doses (False)


def medicine_magnesium_mg(medications: Iterable[Medication]) -> float:
    """Elemental magnesium a day from magnesium-containing medicines (antacids, laxatives):
    the usual dose's magnesium at each of its daily times (once a day when no time is given)."""
    total = 0.0
    for med in medications:
        per_dose = med.drug.magnesium_mg_per_dose
        if per_dose:
            total += float(per_dose) * max(1, len(med.times))
    return total


def medicine_doses(medications: Iterable[Medication]) -> tuple[MagnesiumDose, ...]:
    """The magnesium of magnesium-containing medicines as doses at their times."""
    return tuple(
        MagnesiumDose(mg=float(med.drug.magnesium_mg_per_dose), times=(at,))
        for med in medications
        if med.drug.magnesium_mg_per_dose
        for at in med.times
    )


def child_limit(kb: KnowledgeBase, profile: Profile) -> tuple[float | None, tuple[str, ...]]:
    """The lowest supplemental upper limit any reference system publishes for this age (None
    when none does), with its sources: a child's dose never goes above it, whatever the system."""
    found: list[tuple[float, tuple[str, ...]]] = []
    for system in System:
        row = limit_row(kb, "magnesium", system, "supplemental_ul", profile)
        if row is not None and row.value is not None:
            found.append((row.value, row.sources))
    if not found:
        return None, ()
    value = min(v for v, _s in found)
    sources = tuple(dict.fromkeys(s for v, ss in found if v == value for s in ss))
    return value, sources


def is_child(kb: KnowledgeBase, profile: Profile) -> bool:
    return profile.age_months < kb.advice.gate.adult_from_years.value * 12


def limit_severity(
    kb: KnowledgeBase,
    total_mg: float,
    limit_mg: float | None,
    *,
    prescribed: bool = False,
    child: bool = False,
    kidney_reduced: bool = False,
) -> Severity | None:
    """How serious ``total_mg`` a day of supplemental magnesium is against ``limit_mg``.

    At or above the fatal-dose amount: emergency, prescribed or not. Otherwise with no limit
    published: avoid; above the limit: caution, or avoid for a child, with reduced kidney
    function or from ``ul_avoid_multiple`` × the limit; info when a doctor prescribed it.
    """
    rules = kb.advice.gate
    if total_mg <= 0:
        return None
    if total_mg >= rules.fatal_supplemental_mg.value:
        return "emergency"
    if limit_mg is None:
        return "caution" if prescribed else "avoid"
    if total_mg <= limit_mg + 1e-9:
        return None
    if prescribed:
        return "info"
    if child or kidney_reduced or total_mg >= rules.ul_avoid_multiple.value * limit_mg - 1e-9:
        return "avoid"
    return "caution"


def _reason(
    code: str,
    severity: Severity,
    verdict: Verdict,
    message: str,
    sources: Iterable[str] = (),
    *,
    unverified: bool = False,
    extra: Mapping[str, str | int | float | Text] | None = None,
    **params: str | int | float | Text,
) -> GateReason:
    return GateReason(
        code=code,
        severity=severity,
        verdict=verdict,
        message=Note(
            code=code,
            message=message,
            params={**(extra or {}), **params},
            sources=tuple(dict.fromkeys(sources)),
            unverified=unverified,
        ),
    )


def _red_flags(symptoms: tuple[Symptom, ...], taking: bool) -> list[GateReason]:
    reasons = []
    for symptom in {s.slug: s for s in symptoms}.values():
        if symptom.red_flag == "emergency":
            excess = "excess" in symptom.red_flag_rows or "toxicity" in symptom.stages
            message = (
                N_(
                    "{sign} while taking magnesium can be a sign of magnesium poisoning: call "
                    "your emergency number now (112 in Europe, 911 in the US, 999 in the UK). "
                    "Take no more magnesium."
                )
                if excess and taking
                else N_(
                    "{sign}: call your emergency number now (112 in Europe, 911 in the US, "
                    "999 in the UK). Do not wait to see whether magnesium helps."
                )
            )
            reasons.append(
                _reason(
                    f"red_flag_{symptom.slug}",
                    "emergency",
                    "emergency",
                    message,
                    symptom.sources,
                    unverified=symptom.needs_verification,
                    sign=symptom.name,
                )
            )
        elif symptom.red_flag == "see_doctor_now":
            reasons.append(
                _reason(
                    f"red_flag_{symptom.slug}",
                    "avoid",
                    "see_doctor_now",
                    N_(
                        "{sign}: see a doctor today. Mg Coach shows no magnesium plan until a "
                        "doctor has found the cause."
                    ),
                    symptom.sources,
                    unverified=symptom.needs_verification,
                    sign=symptom.name,
                )
            )
    return reasons


def _serum(serum: SerumResult | None) -> list[GateReason]:
    if serum is None:
        return []
    value: dict[str, str | int | float | Text] = {"value": serum.value, "unit": serum.unit.value}
    # A number that reads normal in another unit: say so beside whatever the band decides.
    unit_notes = [
        GateReason(code="serum_check_unit", severity="info", verdict="supplement", message=note)
        for note in serum.notes
        if note.code == "check_unit"
    ]
    return _serum_band(serum, value) + unit_notes[:1]


def _serum_band(serum: SerumResult, value: dict[str, str | int | float | Text]) -> list[GateReason]:
    match serum.status_detail:
        case "very_high":
            return [
                _reason(
                    "serum_very_high",
                    "emergency",
                    "emergency",
                    N_(
                        "Your blood magnesium of {value} {unit} is far above the reference range, "
                        "where magnesium poisoning occurs: call your emergency number now "
                        "(112 in Europe, 911 in the US, 999 in the UK), and take no magnesium. "
                        "Check first that the unit on your report is {unit}."
                    ),
                    serum.advice.sources,
                    extra=value,
                )
            ]
        case "high":
            return [
                _reason(
                    "serum_high",
                    "avoid",
                    "stop_supplements",
                    N_(
                        "Your blood magnesium of {value} {unit} is above the reference range: stop "
                        "magnesium supplements and laxatives or antacids with magnesium, and ask "
                        "your doctor to check your kidney function."
                    ),
                    serum.advice.sources,
                    extra=value,
                )
            ]
        case "severe_low":
            return [
                _reason(
                    "serum_severe_low",
                    "avoid",
                    "see_doctor_now",
                    N_(
                        "Your blood magnesium of {value} {unit} is very low: contact a doctor "
                        "today. A measured deficiency is treated by a doctor, who looks for its "
                        "cause; Mg Coach shows no plan of its own."
                    ),
                    serum.advice.sources,
                    extra=value,
                )
            ]
        case "low":
            return [
                _reason(
                    "serum_low",
                    "avoid",
                    "doctor_only",
                    N_(
                        "Your blood magnesium of {value} {unit} is below the reference range. A "
                        "measured deficiency needs its cause found: discuss it with your doctor, "
                        "who decides on the treatment and the dose."
                    ),
                    serum.advice.sources,
                    extra=value,
                )
            ]
    return []


def _amount(kb: KnowledgeBase, given: GateInput, child: bool) -> list[GateReason]:
    """Supplemental magnesium already taken (supplements and magnesium medicines) against the
    limit that applies: the child's lowest, or the system's upper limit."""
    medicine = medicine_magnesium_mg(given.medications)
    total = given.supplement_mg + medicine
    limit, sources = given.supplemental_ul_mg, given.ul_sources
    if child:
        limit, sources = child_limit(kb, given.profile)
    kidney_reduced = given.kidney_rule in ("caution", "avoid_unless_supervised")
    severity = limit_severity(
        kb, total, limit, prescribed=given.prescribed, child=child, kidney_reduced=kidney_reduced
    )
    rules = kb.advice.gate
    params: dict[str, str | int | float | Text] = {
        "mg": float(round(total)),
        "ul": float(round(limit or 0)),
    }
    if severity == "emergency":
        return [
            _reason(
                "fatal_dose",
                "emergency",
                "emergency",
                N_(
                    "{mg} mg of magnesium a day from supplements and magnesium-containing "
                    "medicines: amounts above {fatal} mg a day have caused fatal magnesium "
                    "poisoning. Take no more, and call your emergency number now (112 in "
                    "Europe, 911 in the US, 999 in the UK) if you feel weak, drowsy or confused "
                    "or your heartbeat is slow or irregular; otherwise contact a doctor today."
                ),
                rules.fatal_supplemental_mg.sources,
                fatal=rules.fatal_supplemental_mg.value,
                extra=params,
            )
        ]
    if severity == "avoid" and limit is None:
        return [
            _reason(
                "no_upper_limit",
                "avoid",
                "doctor_only",
                N_(
                    "No upper limit for supplements is published for this age: give magnesium "
                    "supplements only on a doctor's advice."
                ),
                given.ul_sources,
            )
        ]
    if severity == "avoid":
        if child:
            message = N_(
                "{mg} mg of magnesium a day is above {ul} mg, the upper limit for a child of "
                "this age: stop the supplement and ask the child's doctor."
            )
        elif kidney_reduced:
            message = N_(
                "{mg} mg of magnesium a day is above the upper limit of {ul} mg, and with "
                "reduced kidney function magnesium builds up: stop the supplement and ask your "
                "doctor to check your blood magnesium."
            )
        else:
            message = N_(
                "{mg} mg of magnesium a day from supplements is far above the upper limit of "
                "{ul} mg: stop the supplements and ask your doctor, who can check your kidney "
                "function and blood magnesium."
            )
        return [
            _reason(
                "far_above_upper_limit",
                "avoid",
                "stop_supplements",
                message,
                (*sources, *rules.ul_avoid_multiple.sources),
                extra=params,
            )
        ]
    if severity == "caution":
        return [
            _reason(
                "above_upper_limit",
                "caution",
                "lower_dose",
                N_(
                    "{mg} mg of magnesium a day from supplements is above the upper limit of "
                    "{ul} mg: lower it to {ul} mg or less. Diarrhoea, nausea and stomach cramps "
                    "become likely above it; more only if a doctor prescribed it."
                ),
                (*sources, "NIH-ODS", "IOM97"),
                extra=params,
            )
        ]
    if severity == "info":
        return [
            _reason(
                "prescribed_above_limit",
                "info",
                "supplement",
                N_(
                    "{mg} mg of magnesium a day is above the upper limit of {ul} mg; you said a "
                    "doctor prescribed it, so the times follow the prescribed amount. Keep to "
                    "the doctor's checks."
                ),
                (*sources, "NIH-ODS"),
                extra=params,
            )
        ]
    return []


def _kidney(kb: KnowledgeBase, given: GateInput) -> list[GateReason]:
    advice = given.kidney_advice
    sources = advice.sources if advice is not None else ()
    unverified = advice.unverified if advice is not None else False
    if given.kidney_rule == "avoid_unless_supervised":
        return [
            _reason(
                "kidney_severe",
                "avoid",
                "doctor_only",
                N_(
                    "Your kidney function is severely reduced (or you are on dialysis): take no "
                    "magnesium supplements, laxatives or antacids with magnesium unless a doctor "
                    "supervises it."
                ),
                sources,
                unverified=unverified,
            )
        ]
    if given.kidney_rule == "caution":
        cap = kb.advice.gate.kidney_caution_cap_mg
        return [
            _reason(
                "kidney_reduced",
                "caution",
                "supplement_after_doctor",
                N_(
                    "Your kidney function is reduced, so magnesium can build up: talk to your "
                    "doctor before you start. Mg Coach shows at most {cap} mg a day; your "
                    "doctor sets your limit and checks your blood magnesium."
                ),
                (*sources, *cap.sources),
                unverified=unverified,
                cap=round(cap.value),
            )
        ]
    return []


def _conditions(kb: KnowledgeBase, given: GateInput) -> list[GateReason]:
    reasons = []
    for condition in given.conditions:
        if not isinstance(condition, Condition) or condition.below_age_years is not None:
            continue  # risk groups do not limit magnesium; a child's age is _age's
        if condition.state is not None:
            continue  # pregnancy: _age
        contraindicated = condition.rule == "contraindicated" or (
            given.compound_family is not None
            and given.compound_family in condition.contraindicated_families
        )
        code = f"condition_{condition.slug}"
        if contraindicated:
            reasons.append(
                _reason(
                    code,
                    "avoid",
                    "doctor_only",
                    N_("{condition}: do not take magnesium supplements without your doctor."),
                    condition.sources,
                    unverified=condition.needs_verification,
                    condition=condition.name,
                )
            )
        elif condition.rule in ("caution", "consult"):
            reasons.append(
                _reason(
                    code,
                    "caution",
                    "supplement_after_doctor",
                    N_("{condition}: talk to your doctor before you start magnesium."),
                    condition.sources,
                    unverified=condition.needs_verification,
                    condition=condition.name,
                )
            )
    return reasons


def _kidney_unknown(kb: KnowledgeBase, given: GateInput) -> list[GateReason]:
    """Kidney function unknown where it matters: old age, diuretics, named kidney disease."""
    if given.kidney_rule is not None:
        return []
    rules = kb.advice.gate
    cap = rules.kidney_caution_cap_mg
    why: list[tuple[str, str, tuple[str, ...]]] = []
    if given.profile.age_years >= rules.ask_kidney_from_years.value:
        why.append(
            (
                "age",
                N_(
                    "At {age} or older, kidney function is often reduced without symptoms. Ask "
                    "your doctor for your kidney function (eGFR) and talk to them before you "
                    "start; until it is known, Mg Coach shows at most {cap} mg a day."
                ),
                rules.ask_kidney_from_years.sources,
            )
        )
    diuretics = [
        item for item in given.interactions if item.drug_class.slug in KIDNEY_SENSITIVE_CLASSES
    ]
    if diuretics:
        why.append(
            (
                "diuretic",
                N_(
                    "Water tablets (diuretics) change how the kidneys handle magnesium. Ask your "
                    "doctor for your kidney function (eGFR) and talk to them before you start; "
                    "until it is known, Mg Coach shows at most {cap} mg a day."
                ),
                tuple(s for item in diuretics for s in item.drug_class.sources),
            )
        )
    if any(c.slug == "kidney_disease" for c in given.conditions):
        why.append(
            (
                "kidney_disease",
                N_(
                    "With kidney disease the upper limits for healthy people do not apply. Ask "
                    "your doctor for your kidney function (eGFR) and talk to them before you "
                    "start; until it is known, Mg Coach shows at most {cap} mg a day."
                ),
                ("NIH-ODS", "KDIGO12"),
            )
        )
    return [
        _reason(
            f"kidney_unknown_{code}",
            "caution",
            "supplement_after_doctor",
            message,
            (*sources, *cap.sources),
            age=round(rules.ask_kidney_from_years.value),
            cap=round(cap.value),
        )
        for code, message, sources in why
    ]


def _age(kb: KnowledgeBase, given: GateInput, child: bool) -> list[GateReason]:
    rules = kb.advice.gate
    profile = given.profile
    if profile.age_months < rules.child_doctor_only_below_years.value * 12:
        below = rules.child_doctor_only_below_years
        return [
            _reason(
                "young_child",
                "avoid",
                "doctor_only",
                N_(
                    "For a child under {age}, give a magnesium supplement only on a doctor's "
                    "advice: Mg Coach shows no plan."
                ),
                below.sources,
                age=round(below.value),
            )
        ]
    reasons = []
    if child:
        limit, sources = child_limit(kb, profile)
        if limit is None:
            return [
                _reason(
                    "child_no_limit",
                    "avoid",
                    "doctor_only",
                    N_(
                        "No reference system gives an upper limit for supplements at this age: "
                        "give a magnesium supplement only on a doctor's advice."
                    ),
                    rules.adult_from_years.sources,
                )
            ]
        reasons.append(
            _reason(
                "child",
                "caution",
                "supplement_after_doctor",
                N_(
                    "For a child, talk to the child's doctor before giving a magnesium "
                    "supplement. Mg Coach never shows more than {ul} mg a day, the lowest upper "
                    "limit for this age in any reference system."
                ),
                (*sources, *rules.adult_from_years.sources),
                ul=round(limit),
            )
        )
    if profile.state is State.PREGNANT:
        reasons.append(
            _reason(
                "pregnancy",
                "caution",
                "supplement_after_doctor",
                N_(
                    "You are pregnant: talk to your midwife or doctor before you start. Magnesium "
                    "by mouth up to the upper limit is acceptable in pregnancy."
                ),
                ("IOM97", "SCF01"),
            )
        )
    return reasons


def _medicines(given: GateInput) -> list[GateReason]:
    reasons = []
    for item in given.interactions:
        drug = item.medication.given_name
        sources = item.drug_class.sources
        code = f"medicine_{item.medication.drug.slug}"
        if item.kind == "avoid":
            reasons.append(
                _reason(
                    code,
                    "avoid",
                    "doctor_only",
                    N_(
                        "{drug} should not be combined with magnesium, not even at other times: "
                        "ask the doctor who prescribed it before you take any magnesium."
                    ),
                    sources,
                    unverified=item.drug_class.needs_verification,
                    drug=drug,
                )
            )
        elif item.kind == "timing" and item.drug_class.severity == "major":
            reasons.append(
                _reason(
                    code,
                    "caution",
                    "supplement_after_doctor",
                    N_(
                        "{drug}: magnesium can make it fail if taken too close to it. Ask your "
                        "pharmacist or doctor before you start; the times shown keep the spacing."
                    ),
                    sources,
                    unverified=item.drug_class.needs_verification,
                    drug=drug,
                )
            )
        elif item.kind == "retention" and item.severity != "info":
            reasons.append(
                _reason(
                    code,
                    "caution",
                    "supplement_after_doctor",
                    N_(
                        "{drug} keeps magnesium in the body, and with reduced kidney function it "
                        "can build up: talk to your doctor before you start."
                    ),
                    sources,
                    unverified=item.drug_class.needs_verification,
                    drug=drug,
                )
            )
    return reasons


def _plan_reasons(given: GateInput, taken: float) -> list[GateReason]:
    if not given.planning or (given.prescribed and taken > 0):
        return []  # a prescribed amount: the doctor sized it
    if given.gap_mg is None and taken > 0:
        return [
            _reason(
                "gap_unknown_taken",
                "info",
                "supplement",
                N_(
                    "Without your food intake Mg Coach cannot tell whether more than the {taken} "
                    "mg you take would help: keep to it, and log your food to find out."
                ),
                taken=float(round(taken)),
            )
        ]
    if given.gap_mg is None:
        return [
            _reason(
                "gap_unknown",
                "info",
                "supplement",
                N_(
                    "Without your food intake Mg Coach cannot size the gap: the plan starts at "
                    "the usual low dose."
                ),
            )
        ]
    if given.gap_mg - taken <= 0:
        if taken > 0:
            message = N_(
                "Your food and the {taken} mg you already take reach the target: no more "
                "magnesium is needed."
            )
        else:
            message = N_("Your food reaches the target: no supplement is needed for it.")
        return [_reason("target_reached", "info", "not_needed", message, taken=float(round(taken)))]
    return []


def decide(kb: KnowledgeBase, given: GateInput) -> Gate:
    """The one verdict, and every reason for it (the deciding reason first)."""
    child = is_child(kb, given.profile)
    medicine = medicine_magnesium_mg(given.medications)
    taken = given.supplement_mg + medicine
    reasons = [
        *_red_flags(given.symptoms, taken > 0),
        *_serum(given.serum),
        *_amount(kb, given, child),
        *_kidney(kb, given),
        *_conditions(kb, given),
        *_medicines(given),
        *_age(kb, given, child),
        *_kidney_unknown(kb, given),
        *_plan_reasons(given, taken),
    ]
    reasons.sort(key=lambda r: (-VERDICT_RANK[r.verdict], -SEVERITY_RANK[r.severity]))
    verdict: Verdict = "supplement"
    if reasons and VERDICT_RANK[reasons[0].verdict] > VERDICT_RANK[verdict]:
        verdict = reasons[0].verdict
    reached = any(r.verdict == "not_needed" for r in reasons)
    if reached and VERDICT_RANK[verdict] <= VERDICT_RANK["supplement_after_doctor"]:
        verdict = "not_needed"
    if verdict not in PLAN_VERDICTS:
        # With no plan, what a plan would be capped by does not matter: only the reasons that
        # stop it (and a unit to check) stay, so the screen says one thing.
        reasons = [
            r for r in reasons if r.verdict not in PLAN_VERDICTS or r.code == "serum_check_unit"
        ]
    return Gate(
        verdict=verdict,
        reasons=tuple(reasons),
        taken_mg=taken,
        medicine_mg=medicine,
        cap_mg=_cap(kb, given, child, reasons),
        prescribed=given.prescribed,
        child=child,
        planning=given.planning,
    )


def _cap(
    kb: KnowledgeBase, given: GateInput, child: bool, reasons: list[GateReason]
) -> float | None:
    """The most supplemental magnesium a day Mg Coach plans or schedules unprescribed."""
    limit = child_limit(kb, given.profile)[0] if child else given.supplemental_ul_mg
    caps = [limit] if limit is not None else []
    if any(r.code == "kidney_reduced" or r.code.startswith("kidney_unknown") for r in reasons):
        caps.append(kb.advice.gate.kidney_caution_cap_mg.value)
    return min(caps) if caps else None


def headline(gate: Gate) -> Note:
    """The one sentence every face shows first."""
    messages: dict[Verdict, str] = {
        "emergency": N_(
            "Call your emergency number now (112 in Europe, 911 in the US, 999 in the UK). "
            "Do not take magnesium."
        ),
        "stop_supplements": N_(
            "Stop magnesium supplements and medicines with magnesium, and talk to your doctor."
        ),
        "see_doctor_now": N_("See a doctor today. Mg Coach shows no magnesium plan until then."),
        "doctor_only": N_("Do not take magnesium supplements without your doctor."),
        "lower_dose": N_("Lower your magnesium supplements to the upper limit or below."),
        "supplement_after_doctor": (
            N_("Talk to the child's doctor first: a capped plan follows.")
            if gate.child
            else N_("Talk to your doctor first: a capped plan follows.")
        ),
        "supplement": N_("A supplement can close the gap."),
        "not_needed": N_("No supplement is needed to reach the target."),
    }
    message = messages[gate.verdict]
    if not gate.planning and gate.verdict == "supplement_after_doctor":
        message = (
            N_("Talk to the child's doctor before giving magnesium.")
            if gate.child
            else N_("Talk to your doctor before you take magnesium.")
        )
    if not gate.planning and gate.verdict in ("supplement", "not_needed"):
        message = N_("Nothing found that rules out magnesium at these amounts for you.")
    if gate.verdict == "supplement" and any(r.code == "gap_unknown_taken" for r in gate.reasons):
        message = N_("Your food intake is unknown: keep to what you take now.")
    if gate.verdict == "supplement" and any(r.code == "gap_unknown" for r in gate.reasons):
        message = N_("Your food intake is unknown: the plan starts at the usual low dose.")
    full = gate.planning and gate.taken_mg > 0 and gate.cap_mg is not None and gate.room_mg <= 0
    if full and gate.verdict == "supplement_after_doctor":
        message = N_("Talk to your doctor first, and take no more magnesium than you take now.")
    if full and gate.verdict == "supplement":
        message = N_(
            "You already take the most Mg Coach shows for you: take no more; the rest should "
            "come from food."
        )
    if gate.verdict == "supplement" and gate.prescribed and gate.taken_mg > 0:
        message = N_("Your doses follow your doctor's prescription.")
    reached = [r for r in gate.reasons if r.code == "target_reached"]
    if gate.verdict == "not_needed" and gate.planning and reached:
        return reached[0].message.model_copy(update={"code": "verdict_not_needed"})
    sources = gate.reasons[0].message.sources if gate.reasons else ()
    return Note(
        code=f"verdict_{gate.verdict}",
        message=message,
        sources=sources if gate.verdict not in ("supplement", "not_needed") else (),
    )


def plan_dose(kb: KnowledgeBase, gate: Gate, gap_mg: float | None, round_to: float) -> float:
    """The daily amount a plan adds: the gap left after what is already taken, in whole
    ``round_to`` steps, never above the room under the cap (0 when the verdict is not a plan)."""
    if not gate.plan or gate.verdict == "not_needed":
        return 0.0
    if gate.prescribed and gate.taken_mg > 0:
        return 0.0  # the prescribed amount is the plan
    if gap_mg is None and gate.taken_mg > 0:
        return 0.0  # no measured gap: nothing on top of what is taken
    if gap_mg is None:
        wanted = kb.advice.dosing.start_mg.value
    else:
        wanted = math.ceil(max(gap_mg - gate.taken_mg, 0.0) / round_to) * round_to
    if gate.cap_mg is None:
        return 0.0
    room = gate.room_mg
    if wanted > room:
        wanted = math.floor(room / round_to) * round_to if room >= round_to else room
    return max(0.0, float(wanted))
