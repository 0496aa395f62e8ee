"""The risk screen: how likely a person's magnesium is low, with its reasons, and red flags.

Points come from advice.toml ``[screen]`` (Mg Coach's own count of the cited risk groups and
signs — not a validated clinical test, and the result says so). A red flag tells the person to
see a doctor now, or to get emergency help, whatever the grade; signs in the deficiency red-flag
row also count as later signs of deficiency, excess-only red flags add no points.
"""

from __future__ import annotations

import math
from typing import Literal

from ..frozen import frozen
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.safety import RED_FLAG_LEVEL, RedFlag, RiskFactor, Symptom
from .interactions import Medication
from .notes import Note
from .profile import Profile
from .serum import SerumResult

Grade = Literal["low", "moderate", "high"]
LATER_STAGES = {"progressing_deficiency", "severe_deficiency"}
DEFICIENCY_STAGES = {"early_deficiency"} | LATER_STAGES
EXCESS_STAGES = {"excess_mild", "toxicity"}


@frozen(kw_only=True)
class Reason:
    code: str
    kind: Literal["age", "risk_factor", "medicine", "sign", "intake", "serum"]
    points: float
    message: Note


@frozen(kw_only=True)
class RedFlagFinding:
    code: str
    level: RedFlag
    message: Note


@frozen(kw_only=True)
class RiskScreen:
    grade: Grade
    points: float
    reasons: tuple[Reason, ...]
    red_flags: tuple[RedFlagFinding, ...]
    urgency: RedFlag
    excess_signs: tuple[str, ...]
    notes: tuple[Note, ...]


def _sign_points(kb: KnowledgeBase, symptom: Symptom) -> float:
    screen = kb.advice.screen
    stages = set(symptom.stages)
    if stages & LATER_STAGES or "deficiency" in symptom.red_flag_rows:
        return screen.points_later_sign.value
    if "early_deficiency" in stages:
        return screen.points_early_sign.value
    return 0.0


def _red_flag(symptom: Symptom) -> RedFlagFinding:
    if symptom.red_flag == "emergency":
        message = N_(
            "{sign}: get medical help now (call your emergency number), especially with kidney "
            "disease or after large doses of magnesium laxatives or antacids."
        )
    else:
        message = N_("{sign}: see a doctor now; do not wait to see whether magnesium helps.")
    return RedFlagFinding(
        code=f"red_flag_{symptom.slug}",
        level=symptom.red_flag,
        message=Note(
            code=f"red_flag_{symptom.slug}",
            message=message,
            params={"sign": symptom.name},
            sources=symptom.sources,
            unverified=symptom.needs_verification,
        ),
    )


def _age_reason(kb: KnowledgeBase, profile: Profile) -> Reason | None:
    rule = kb.advice.screen.older_than_years
    if profile.age_years <= rule.value:
        return None
    group = kb.safety.risk_factors["older_adults"]
    return Reason(
        code="age",
        kind="age",
        points=kb.advice.screen.points_risk_factor.value,
        message=Note(
            code="age",
            message=N_("Age over {age}: {why}"),
            params={"age": rule.value, "why": group.why},
            sources=tuple(dict.fromkeys(rule.sources + group.sources)),
        ),
    )


def _factor_reason(kb: KnowledgeBase, factor: RiskFactor) -> Reason:
    return Reason(
        code=f"risk_{factor.slug}",
        kind="risk_factor",
        points=kb.advice.screen.points_risk_factor.value,
        message=Note(
            code=f"risk_{factor.slug}",
            message=N_("{group}: {why}"),
            params={"group": factor.name, "why": factor.why},
            sources=factor.sources,
            unverified=factor.needs_verification,
        ),
    )


def _medicine_reasons(kb: KnowledgeBase, medications: tuple[Medication, ...]) -> list[Reason]:
    reasons = []
    for med in medications:
        drug_class = kb.safety.drug_class_of(med.drug)
        if drug_class.direction != "lowers":
            continue
        reasons.append(
            Reason(
                code=f"medicine_{med.drug.slug}",
                kind="medicine",
                points=kb.advice.screen.points_depleting_medicine.value,
                message=Note(
                    code=f"medicine_{med.drug.slug}",
                    message=N_("{drug} ({group}): {mechanism}"),
                    params={
                        "drug": med.given_name,
                        "group": drug_class.name,
                        "mechanism": drug_class.mechanism,
                    },
                    sources=drug_class.sources,
                    unverified=drug_class.needs_verification,
                ),
            )
        )
    return reasons


def _intake_reason(
    kb: KnowledgeBase, food_mg: float | None, ear_mg: float | None, target_mg: float | None
) -> Reason | None:
    floor = ear_mg if ear_mg is not None else target_mg
    if food_mg is None or floor is None or food_mg >= floor:
        return None
    rule = kb.advice.screen.points_low_intake
    # Whole mg, as the engine shows mg elsewhere; just under the floor it rounds down, so the
    # sentence never reads "gives 255 mg, below 255 mg".
    shown = round(food_mg)
    if shown >= floor:
        shown = math.floor(food_mg)
    return Reason(
        code="low_intake",
        kind="intake",
        points=rule.value,
        message=Note(
            code="low_intake",
            message=N_("Food gives {food} mg of magnesium a day, below {floor} mg."),
            params={"food": shown, "floor": floor},
            sources=rule.sources,
        ),
    )


def _serum_part(
    serum: SerumResult | None,
) -> tuple[Reason | None, RedFlagFinding | None, list[Note]]:
    if serum is None:
        return None, None, []
    notes = list(serum.notes) if serum.status == "normal" else []
    reason = None
    if serum.status == "low":
        reason = Reason(code="serum_low", kind="serum", points=0.0, message=serum.advice)
    flag = None
    if serum.red_flag:
        level: RedFlag = "see_doctor_now"
        flag = RedFlagFinding(
            code=f"serum_{serum.status_detail}", level=level, message=serum.advice
        )
    return reason, flag, notes


def _symptom_part(
    kb: KnowledgeBase, symptoms: tuple[Symptom, ...]
) -> tuple[list[Reason], list[RedFlagFinding], list[str]]:
    """Each symptom once: its points as a sign of low magnesium, its red flag, and whether it
    is a sign of excess only."""
    reasons: list[Reason] = []
    flags: list[RedFlagFinding] = []
    excess: list[str] = []
    for symptom in {symptom.slug: symptom for symptom in symptoms}.values():
        points = _sign_points(kb, symptom)
        if points:
            reasons.append(
                Reason(
                    code=f"sign_{symptom.slug}",
                    kind="sign",
                    points=points,
                    message=Note(
                        code=f"sign_{symptom.slug}",
                        message=N_(
                            "{sign} can be a sign of low magnesium, among many other causes."
                        ),
                        params={"sign": symptom.name},
                        sources=symptom.sources,
                    ),
                )
            )
        if set(symptom.stages) & EXCESS_STAGES and not set(symptom.stages) & DEFICIENCY_STAGES:
            excess.append(symptom.slug)
        if symptom.red_flag != "none":
            flags.append(_red_flag(symptom))
    return reasons, flags, excess


def _grade(kb: KnowledgeBase, points: float, *, serum_low: bool) -> Grade:
    """The grade for the points; a measured low serum value is always high."""
    rules = kb.advice.screen
    grade: Grade = "low"
    if points >= rules.moderate_from.value:
        grade = "moderate"
    if points >= rules.high_from.value or serum_low:
        grade = "high"
    return grade


def _not_validated(kb: KnowledgeBase) -> Note:
    return Note(
        code="screen_not_validated",
        message=N_(
            "This screen adds up known risk groups and signs; it is not a validated clinical "
            "test and cannot diagnose a deficiency. A blood test can, within its limits."
        ),
        sources=kb.advice.screen.moderate_from.sources,
    )


def screen(
    kb: KnowledgeBase,
    profile: Profile,
    *,
    risk_factors: tuple[RiskFactor, ...] = (),
    medications: tuple[Medication, ...] = (),
    symptoms: tuple[Symptom, ...] = (),
    food_mg: float | None = None,
    ear_mg: float | None = None,
    target_mg: float | None = None,
    serum: SerumResult | None = None,
) -> RiskScreen:
    """Grade the risk of low magnesium and collect every red flag."""
    reasons: list[Reason] = []
    age = _age_reason(kb, profile)
    if age is not None:
        reasons.append(age)
    unique = {factor.slug: factor for factor in risk_factors}
    reasons += [
        _factor_reason(kb, factor)
        for factor in unique.values()
        if factor.slug != "older_adults" or age is None
    ]
    reasons += _medicine_reasons(kb, medications)
    signs, flags, excess = _symptom_part(kb, symptoms)
    reasons += signs
    intake = _intake_reason(kb, food_mg, ear_mg, target_mg)
    if intake is not None:
        reasons.append(intake)
    serum_reason, serum_flag, notes = _serum_part(serum)
    if serum_reason is not None:
        reasons.append(serum_reason)
    if serum_flag is not None:
        flags.append(serum_flag)
    points = sum((reason.points for reason in reasons), 0.0)  # 0.0, not 0, with no reason
    grade = _grade(kb, points, serum_low=serum_reason is not None)
    urgency: RedFlag = max(
        (flag.level for flag in flags), key=lambda level: RED_FLAG_LEVEL[level], default="none"
    )
    notes.insert(0, _not_validated(kb))
    return RiskScreen(
        grade=grade,
        points=points,
        reasons=tuple(reasons),
        red_flags=tuple(flags),
        urgency=urgency,
        excess_signs=tuple(excess),
        notes=tuple(notes),
    )
