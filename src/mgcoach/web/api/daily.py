"""The daily loop as JSON: the foods to log again, and a day or a meal copied.

Like the other journal endpoints: the signed-in viewer's journal only (``viewer.owner``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import JSONResponse
from pydantic import ConfigDict, Field

from ...contract.daily import RecentFoodsAnswer, recent_foods_json
from ...contract.journal import EntryAnswer, entry_json
from ...errors import about
from ...journal.dates import parse_day
from ...services.journal import profile_name
from ...services.journal_daily import copy_entries, recent_foods
from ..context import PROFILE, state_of
from .answers import AnswerRouter
from .calculators import ERRORS, answer
from .entries import when_of
from .entry_bodies import _When
from .params import ProfileQuery, SignedIn

router = AnswerRouter(tags=["journal"], responses=ERRORS)


class CopyRequest(_When):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"from": "yesterday", "meal": "breakfast"}]}
    )

    source: str = Field(
        alias="from",
        min_length=1,
        max_length=20,
        description="The day to copy: YYYY-MM-DD, today, yesterday or -N.",
    )
    meal: str | None = Field(
        None, max_length=64, description="Only this meal's foods: breakfast, lunch, dinner ..."
    )


@router.get(
    "/foods/recent",
    summary="The foods logged lately and most often, with their last amount",
    response_model=RecentFoodsAnswer,
)
def recent(
    request: Request,
    viewer: SignedIn,
    date: Annotated[
        str | None,
        Query(max_length=20, description="Up to this day: YYYY-MM-DD, today, … (default today)."),
    ] = None,
    profile: ProfileQuery = PROFILE,
) -> JSONResponse:
    with about("date"):
        day = parse_day(date, datetime.now().date())
    found = recent_foods(state_of(request).db, profile_name(profile), day, viewer.owner)
    return answer(recent_foods_json(found))


@router.post(
    "/entries/copy",
    status_code=201,
    summary="Copy a day's foods and supplements, or one meal, to a day (default today)",
    response_model=list[EntryAnswer],
)
def copy(
    request: Request, viewer: SignedIn, body: CopyRequest, profile: ProfileQuery = PROFILE
) -> JSONResponse:
    state = state_of(request)
    target = when_of(viewer, profile, body, None)
    with about("from"):
        source = parse_day(body.source, datetime.now().date())
    copies = copy_entries(state.db, target.profile, source, target, body.meal)
    return JSONResponse([entry_json(state.kb, entry) for entry in copies], status_code=201)
