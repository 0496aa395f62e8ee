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

The thresholds are data (advice.toml ``[gate]``); this package only orders them, one module for
each kind of reason (``signs``, ``amounts``, ``kidney``, ``medicines``, ``age``, ``plan``) and
the types in ``reasons``. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import replace

from ...i18n import N_
from ...knowledge import KnowledgeBase
from ..notes import Note
from .age import age_reasons
from .amounts import (
    amount_reasons,
    child_limit,
    is_child,
    limit_severity,
    medicine_doses,
    medicine_magnesium_mg,
)
from .kidney import KIDNEY_SENSITIVE_CLASSES, kidney_reasons, kidney_unknown_reasons
from .medicines import condition_reasons, medicine_reasons
from .plan import cap_mg, plan_dose, plan_reasons
from .reasons import (
    PLAN_VERDICTS,
    SEVERITY_RANK,
    VERDICT_RANK,
    Gate,
    GateInput,
    GateReason,
    Severity,
    Verdict,
)
from .signs import red_flag_reasons, serum_reasons

__all__ = [
    "KIDNEY_SENSITIVE_CLASSES",
    "PLAN_VERDICTS",
    "SEVERITY_RANK",
    "VERDICT_RANK",
    "Gate",
    "GateInput",
    "GateReason",
    "Severity",
    "Verdict",
    "child_limit",
    "decide",
    "headline",
    "is_child",
    "limit_severity",
    "medicine_doses",
    "medicine_magnesium_mg",
    "plan_dose",
]


def decide(kb: KnowledgeBase, given: GateInput) -> Gate:
    """The one verdict, and every reason for it (the deciding reason first)."""
    child = is_child(kb, given.profile)
    medicine = medicine_magnesium_mg(given.medications)
    taken = given.supplement_mg + medicine
    reasons = [
        *red_flag_reasons(given.symptoms, taken > 0),
        *serum_reasons(given.serum),
        *amount_reasons(kb, given, child),
        *kidney_reasons(kb, given),
        *condition_reasons(given),
        *medicine_reasons(given),
        *age_reasons(kb, given, child),
        *kidney_unknown_reasons(kb, given),
        *plan_reasons(given, taken),
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
        cap_mg=cap_mg(kb, given, child, reasons),
        prescribed=given.prescribed,
        child=child,
        planning=given.planning,
    )


# The headlines of the verdicts that show no plan (an N-of-1 experiment stopped by one says
# its headline first: services/experiment_words.py).
STOPPING_HEADLINES: dict[str, str] = {
    "emergency": N_(
        "Call your emergency number now (112 in Europe, 911 in the US, 999 in the UK). "
        "Do not take magnesium."
    ),
    "stop_supplements": N_(
        "Stop magnesium supplements and medicines with magnesium, and talk to your doctor."
    ),
    "see_doctor_now": N_("See a doctor today. Mg Coach shows no magnesium plan until then."),
    "doctor_only": N_("Do not take magnesium supplements without your doctor."),
}


def headline(gate: Gate) -> Note:
    """The one sentence every face shows first."""
    messages: dict[Verdict, str] = {
        "emergency": STOPPING_HEADLINES["emergency"],
        "stop_supplements": STOPPING_HEADLINES["stop_supplements"],
        "see_doctor_now": STOPPING_HEADLINES["see_doctor_now"],
        "doctor_only": STOPPING_HEADLINES["doctor_only"],
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
        return replace(reached[0].message, code="verdict_not_needed")
    sources = gate.reasons[0].message.sources if gate.reasons else ()
    return Note(
        code=f"verdict_{gate.verdict}",
        message=message,
        sources=sources if gate.verdict not in ("supplement", "not_needed") else (),
    )
