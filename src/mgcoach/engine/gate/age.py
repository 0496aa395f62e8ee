"""Age and pregnancy: a young child (doctor only), a child (the lowest upper limit of any
system, after the child's doctor), and pregnancy (after the midwife or doctor)."""

from __future__ import annotations

from ...i18n import N_
from ...knowledge import KnowledgeBase
from ...knowledge.vocabulary import State
from ..profile import Profile
from .amounts import child_limit
from .reasons import GateInput, GateReason, reason


def age_reasons(kb: KnowledgeBase, given: GateInput, child: bool) -> list[GateReason]:
    """A young child stops a plan; a child or a pregnancy needs the doctor's word first."""
    rules = kb.advice.gate
    profile = given.profile
    if profile.age_months < rules.child_doctor_only_below_years.value * 12:
        below = rules.child_doctor_only_below_years
        return [
            reason(
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
        found = _child(kb, profile)
        if found.code == "child_no_limit":
            return [found]
        reasons.append(found)
    if profile.state is State.PREGNANT:
        reasons.append(
            reason(
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


def _child(kb: KnowledgeBase, profile: Profile) -> GateReason:
    """Doctor only when no system gives this age a limit; otherwise after the child's doctor,
    capped at the lowest limit."""
    rules = kb.advice.gate
    limit, sources = child_limit(kb, profile)
    if limit is None:
        return reason(
            "child_no_limit",
            "avoid",
            "doctor_only",
            N_(
                "No reference system gives an upper limit for supplements at this age: "
                "give a magnesium supplement only on a doctor's advice."
            ),
            rules.adult_from_years.sources,
        )
    return reason(
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
