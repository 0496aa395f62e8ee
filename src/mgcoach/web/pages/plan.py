"""Plan: the personal plan for a journal day (services/plan.py ``day_plan``, the same answer as
``mgcoach plan DATE --json`` and ``GET /api/v1/plan/{date}``), rendered from
``contract.plan.plan_json``: the supplement advice as ``mgcoach advise`` makes it for the day,
then the day's clock and the foods that close the day's gap.

The safety gate's verdict comes first; under a verdict that allows no plan there is no dose, no
build-up and no dose time. ``?prescribed=1`` is ``advise --prescribed``.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ...contract.plan import plan_json
from ...engine.clock import format_time
from ...services.journal import UnknownProfileError
from ...services.plan import day_plan
from ..context import PROFILE, Viewer, signed_in, state_of
from ..templating import render
from .today import INTERACTION_KINDS, day_of, shown_by_gate, to_onboarding

router = APIRouter(include_in_schema=False)
# Issues the Safety list shows with their medicine, the kidneys or the red flags instead.
SHOWN_APART = INTERACTION_KINDS | {"kidney", "red_flag"}


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
    return render(
        request,
        "plan.html",
        advice=data,
        day=day,
        logged=data["day"]["food_entries"] > 0,
        gap=data["day"]["gap_mg"],
        foods=data["gap_foods"],
        timeline=data["timeline"],
        meals=[format_time(m) for m in kb.advice.dosing.meal_times.minutes],
        concerns=[c["name"] for c in data["concerns"]],
        prescribed=prescribed,
        shown_elsewhere=shown_by_gate(data["gate"]),
        shown_apart=SHOWN_APART,
    )
