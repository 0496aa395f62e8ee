"""The journal assessed and exported as JSON: the day, the week, the trend and the export.

Every endpoint needs a signed-in viewer (always, in local mode) and works on that viewer's
journal only: the owner passed to every service is ``viewer.owner``, never a value from the
request. Answers are the JSON of the matching CLI command (``mgcoach day DATE --json`` ...).
Profiles are in ``profiles.py``, entries in ``entries.py``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from ...contract.day import DayAnswer, day_json
from ...contract.trend import TrendAnswer, trend_json
from ...journal.dates import parse_day
from ...services.day import day_report
from ...services.journal import profile_name
from ...services.journal_export import ExportDocument, export_document
from ...services.stamps import journal_stamp
from ...services.trend import check_days, trend, week_range
from ..context import PROFILE, Viewer, state_of
from ..page_cache import kept_json
from .answers import AnswerRouter
from .calculators import ERRORS, answer
from .params import DayText, ProfileQuery, SignedIn

router = AnswerRouter(tags=["journal"], responses=ERRORS)


@router.get(
    "/day/{date}",
    summary="One day assessed (mgcoach day DATE)",
    response_model=DayAnswer,
)
async def day(
    request: Request, viewer: SignedIn, day: DayText, profile: ProfileQuery = PROFILE
) -> Response:
    """Kept as its JSON while the journal's generations, the day and today's date are the
    same (``kept_json``): the stamp is one small read on the event loop, the assessment and
    the JSON are made in the thread pool when they are not kept."""
    state = state_of(request)
    name = profile_name(profile)
    asked = parse_day(day, date.today())
    stamp = journal_stamp(state.db, viewer.owner, name)

    def made() -> DayAnswer:
        return day_json(state.kb, day_report(state.db, state.kb, name, asked, viewer.owner), name)

    if stamp is None:  # no such profile: the service says so, as it always did
        return answer(await run_in_threadpool(made))
    return await kept_json(request, ("day", viewer.owner, stamp, asked, date.today()), made)


def _trend(request: Request, viewer: Viewer, profile: str, start: date, end: date) -> JSONResponse:
    state = state_of(request)
    result = trend(state.db, state.kb, profile_name(profile), start, end, viewer.owner)
    return answer(trend_json(state.kb, result))


@router.get(
    "/week/{date}",
    summary="One week, Monday to Sunday (mgcoach week DATE)",
    response_model=TrendAnswer,
)
def week(
    request: Request, viewer: SignedIn, day: DayText, profile: ProfileQuery = PROFILE
) -> JSONResponse:
    today = date.today()
    start, end = week_range(parse_day(day, today), today)
    return _trend(request, viewer, profile, start, end)


@router.get(
    "/trend",
    summary="The last N days (mgcoach trend)",
    response_model=TrendAnswer,
)
def trend_days(
    request: Request,
    viewer: SignedIn,
    days: Annotated[
        int, Query(description="How many days, ending on end (default today).", ge=1, le=10_000)
    ] = 30,
    end: Annotated[
        str | None, Query(description="Last day (default today).", max_length=20)
    ] = None,
    profile: ProfileQuery = PROFILE,
) -> JSONResponse:
    last = parse_day(end, date.today())
    return _trend(request, viewer, profile, last - timedelta(days=check_days(days) - 1), last)


@router.get(
    "/export",
    summary="The viewer's whole journal as one document (mgcoach export)",
    response_model=ExportDocument,
)
def export(request: Request, viewer: SignedIn) -> JSONResponse:
    return answer(export_document(state_of(request).db, viewer.owner))
