"""The personal plan for a journal day as JSON: exactly what ``mgcoach plan DATE --json``
prints (services/plan.py, contract/plan.py), for the signed-in viewer's own journal only."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import JSONResponse

from ...contract.plan import PlanAnswer, plan_json
from ...journal.dates import parse_day
from ...services.journal import profile_name
from ...services.plan import day_plan
from ..context import PROFILE, state_of
from .answers import AnswerRouter
from .calculators import ERRORS, answer
from .params import DayText, ProfileQuery, SignedIn

router = AnswerRouter(tags=["journal"], responses=ERRORS)


@router.get(
    "/plan/{date}",
    summary="The personal plan for one day (mgcoach plan DATE)",
    response_model=PlanAnswer,
)
def plan(
    request: Request,
    viewer: SignedIn,
    day: DayText,
    profile: ProfileQuery = PROFILE,
    prescribed: Annotated[
        bool,
        Query(
            description="A doctor prescribed the magnesium you take: times are suggested for "
            "it even above the upper limit (mgcoach plan --prescribed)."
        ),
    ] = False,
) -> JSONResponse:
    state = state_of(request)
    name = profile_name(profile)
    result = day_plan(
        state.db,
        state.kb,
        name,
        parse_day(day, date.today()),
        owner=viewer.owner,
        prescribed=prescribed,
    )
    return answer(plan_json(state.kb, result))
