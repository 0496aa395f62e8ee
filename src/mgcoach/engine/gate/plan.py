"""What a plan may add: the reasons the gap gives (reached, or unknown), the cap on
supplemental magnesium a day, and the daily amount a plan adds under it."""

from __future__ import annotations

import math

from ...i18n import N_
from ...knowledge import KnowledgeBase
from .amounts import child_limit
from .reasons import Gate, GateInput, GateReason, reason


def plan_reasons(given: GateInput, taken: float) -> list[GateReason]:
    """For an advice plan: the target reached, or the gap unknown (with or without magnesium
    already taken)."""
    if not given.planning or (given.prescribed and taken > 0):
        return []  # a prescribed amount: the doctor sized it
    if given.gap_mg is None and taken > 0:
        return [
            reason(
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
            reason(
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
        return [reason("target_reached", "info", "not_needed", message, taken=float(round(taken)))]
    return []


def cap_mg(
    kb: KnowledgeBase, given: GateInput, child: bool, reasons: list[GateReason]
) -> float | None:
    """The most supplemental magnesium a day Mg Coach plans or schedules unprescribed."""
    limit = child_limit(kb, given.profile)[0] if child else given.supplemental_ul_mg
    caps = [limit] if limit is not None else []
    if any(r.code == "kidney_reduced" or r.code.startswith("kidney_unknown") for r in reasons):
        caps.append(kb.advice.gate.kidney_caution_cap_mg.value)
    return min(caps) if caps else None


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
