"""Kidney function: reduced or severely reduced (or dialysis), and unknown where it matters
(old age, diuretics, named kidney disease), each capping or stopping a plan."""

from __future__ import annotations

from ...i18n import N_
from ...knowledge import KnowledgeBase
from .reasons import GateInput, GateReason, reason

# Diuretic classes whose users need their kidney function known before a plan (§4.3, §5.1).
KIDNEY_SENSITIVE_CLASSES = frozenset(
    {"loop_diuretics", "thiazide_diuretics", "potassium_sparing_diuretics"}
)


def kidney_reasons(kb: KnowledgeBase, given: GateInput) -> list[GateReason]:
    """Severely reduced kidney function (or dialysis) stops a plan; reduced function caps it."""
    advice = given.kidney_advice
    sources = advice.sources if advice is not None else ()
    unverified = advice.unverified if advice is not None else False
    if given.kidney_rule == "avoid_unless_supervised":
        return [
            reason(
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
            reason(
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


def kidney_unknown_reasons(kb: KnowledgeBase, given: GateInput) -> list[GateReason]:
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
        reason(
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
