"""Plan: the personal plan for a journal day (services/plan.py ``day_plan``, the same answer as
``mgcoach plan DATE --json`` and ``GET /api/v1/plan/{date}``), rendered from
``contract.plan.plan_json``: the supplement advice as ``mgcoach advise`` makes it for the day,
then the day's clock and the foods that close the day's gap.

The answer comes first (the safety gate's verdict, answer.py), then what the evidence says
about the person's complaints (why they came, and those logged on the day), then the details.
Under a verdict that allows no plan there is no dose, no build-up and no dose time; under a
stop or an emergency the details are labelled as not applying now. ``?prescribed=1`` is
``advise --prescribed``.
"""

from __future__ import annotations

from fastapi import Depends, Query, Request
from fastapi.responses import Response

from ...contract.plan import PlanAnswer, plan_json
from ...engine.advice import Plan
from ...engine.clock import format_time
from ...engine.day_plan import day_concerns
from ...engine.interactions import MagnesiumDose
from ...i18n import _
from ...services.journal import UnknownProfileError
from ...services.plan import day_plan
from ..context import PROFILE, Viewer, signed_in, state_of
from ..routing import IndexedRouter
from ..templating import render
from .answer import (
    LEVEL_OF_SEVERITY,
    Item,
    MagnesiumTimes,
    answer_of,
    claim_lead,
    interaction_item,
    item,
    kidney_said,
    ordered,
    risk_summary,
    shown_by_gate,
)
from .citations import Citations
from .glossary import reading_help
from .today import INTERACTION_KINDS, day_of, red_flag_items, to_onboarding

router = IndexedRouter(include_in_schema=False)
# Issues the Safety list shows with their medicine, the kidneys or the red flags instead, or
# that the medicine's timing item says (a dose without a time).
SHOWN_APART = INTERACTION_KINDS | {"kidney", "red_flag"}
SAID_BY_TIMING = frozenset({"dose_time_unknown"})


def plan_times(plan: Plan) -> MagnesiumTimes:
    """The magnesium the plan's safety check weighed: what is taken and the planned doses."""
    schedule = plan.schedule
    planned = [
        MagnesiumDose(mg=mg, times=(at,))
        for at, mg in zip(schedule.times, schedule.doses_mg, strict=False)
        if plan.daily_mg > 0
    ]
    return MagnesiumTimes.of((*plan.safety.doses, *planned), plan.safety.medications)


def safety_items(data: PlanAnswer, magnesium: MagnesiumTimes) -> list[Item]:
    """The Safety list: each medicine (with its timing: a clash, "your times are fine", or the
    spacing to keep), the kidneys and the other issues, each once, most serious first; what
    the answer already says is left out."""
    gate = data["gate"]
    safety = data["safety"]
    said = shown_by_gate(gate)
    found: list[Item | None] = [
        interaction_item(entry, magnesium, said, rules=True, plan_applies=gate["plan"])
        for entry in safety["interactions"]
    ]
    kidney = safety["kidney"]
    if kidney is not None and not kidney_said(gate):
        level = LEVEL_OF_SEVERITY.get(kidney["severity"], "info")
        found.append(
            item(level, "kidney", kidney["message"], kidney["sources"], title=_("Kidneys"))
        )
    for issue in safety["issues"]:
        if issue["kind"] in SHOWN_APART or issue["code"] in said | SAID_BY_TIMING:
            continue
        level = LEVEL_OF_SEVERITY.get(issue["severity"], "info")
        unverified = issue["needs_verification"]
        found.append(
            item(level, issue["kind"], issue["message"], issue["sources"], unverified=unverified)
        )
    items = ordered(found)
    if not (safety["interactions"] or kidney or safety["issues"]):
        text = _(
            "No interactions with your medicines and no kidney limits are known for this plan."
        )
        items.append(item("info", "none", text))
    return items


def other_flags(data: PlanAnswer) -> list[Item]:
    """Red flags the answer does not give as its reasons: right after it."""
    return ordered(red_flag_items(data["risk"]["red_flags"], shown_by_gate(data["gate"])))


@router.get("/plan")
def plan_page(
    request: Request,
    day_text: str | None = Query(None, alias="date"),
    prescribed: bool = Query(False),
    viewer: Viewer = Depends(signed_in),
) -> Response:
    state = state_of(request)
    day = day_of(day_text)
    kb = state.kb
    try:
        result = day_plan(state.db, kb, PROFILE, day, owner=viewer.owner, prescribed=prescribed)
    except UnknownProfileError:
        return to_onboarding()
    data = plan_json(kb, result)
    intake = data["intake"]
    logged = data["day"]["food_entries"] > 0
    # The complaints logged on the day: the plan's concerns also hold the reasons for coming.
    on_day = {concern.slug for concern in day_concerns(kb, result.report.usable_entries)[0]}
    return render(
        request,
        "plan.html",
        advice=data,
        answer=answer_of(data["gate"], on_plan=True),
        day=day,
        logged=logged,
        gap=data["day"]["gap_mg"],
        foods=data["gap_foods"],
        timeline=data["timeline"],
        meals=[format_time(m) for m in kb.advice.dosing.meal_times.minutes],
        concerns=[c["name"] for c in data["concerns"] if c["concern"] in on_day],
        leads={e["claim"]: claim_lead(e["strength"]) for e in data["evidence"]},
        reading={e["claim"]: reading_help(e["finding"]) for e in data["evidence"]},
        prescribed=prescribed,
        shown_elsewhere=shown_by_gate(data["gate"]),
        other_flags=other_flags(data),
        safety_items=safety_items(data, plan_times(result.plan)),
        risk_figure=risk_summary(
            data["risk"],
            food_mg=intake["food_mg"],
            food_logged=logged,
            supplement_mg=intake["taken_mg"],
            target_mg=intake["target_mg"],
        ),
        citations=Citations(kb.sources),
    )
