"""The dose schedule as an iCalendar file (``mgcoach schedule --ics``): today's plan as
repeating events (services/calendar.py, contract/calendar.py, contract/ics.py).

``GET /api/v1/schedule.ics?token=...`` is the subscription a calendar app reads again and
again, with no session: the account's secret link (made on the Settings or Account page, only
its keyed hash stored), in the link's time zone and the account's language. An unknown token
and a revoked one are the same 404, and failed tokens are counted per client address (a
guesser waits). Without a token it is a download of the signed-in viewer's own calendar.
Never cached by anyone on the way (Cache-Control: no-store, as every answer but /static); the
token is in the query, which the server never logs (no access log; errors log the path only).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from ...contract.calendar import calendar_json
from ...contract.ics import to_ics
from ...errors import MgCoachError
from ...i18n import LANGUAGES, N_, set_language
from ...services.calendar import calendar_plan, time_zone
from ...services.calendar_links import calendar_link, link_owner
from .. import auth
from ..context import PROFILE, Viewer, WebState, require_viewer, state_of
from .answers import AnswerRouter
from .calculators import ApiError

router = AnswerRouter(tags=["journal"])

MEDIA_TYPE = "text/calendar; charset=utf-8"
FILE_NAME = "mgcoach-schedule.ics"
# Wrong calendar tokens per client address: 60 in 15 minutes, then that address waits until
# the oldest is 15 minutes old. Generous: calendar services fetch many people's links from a
# few addresses, and a revoked link is fetched until its owner removes it.
LINK_FAILURES = auth.Rule("calendar:address", limit=60, window=timedelta(minutes=15))

TokenQuery = Annotated[
    str | None,
    Query(
        description="The secret of the account's calendar link (Settings or Account page); "
        "without it, the signed-in viewer's own calendar.",
        min_length=1,
        max_length=200,
    ),
]
ZoneQuery = Annotated[
    str | None,
    Query(
        description="The time zone of the times (IANA, e.g. Europe/Amsterdam); default: the "
        "calendar link's, else the server's. Ignored with a token (the link has its own).",
        max_length=64,
        examples=["Europe/Amsterdam"],
    ),
]


class NoCalendarError(MgCoachError):
    code = "not_found"
    http_status = 404


class TooManyLinksTriedError(MgCoachError):
    code = "too_many_attempts"
    http_status = 429


def calendar_response(state: WebState, owner: str, zone: str, *, download: bool) -> Response:
    """Today's calendar of ``owner``'s journal in ``zone``, as text/calendar."""
    now = datetime.now(UTC)
    plan = calendar_plan(state.db, state.kb, PROFILE, zone, owner=owner, now=now)
    headers = {}  # Cache-Control: no-store, as on every answer (web/middleware.py)
    if download:
        headers["Content-Disposition"] = f'attachment; filename="{FILE_NAME}"'
    return Response(
        to_ics(calendar_json(state.kb, plan), now), media_type=MEDIA_TYPE, headers=headers
    )


def _by_token(state: WebState, request: Request, token: str) -> Response:
    address = auth.address_key(request.client.host if request.client else None)
    tried = state.limiter.attempt(state.db, (LINK_FAILURES, address))
    if tried.refused:
        raise TooManyLinksTriedError(
            N_("Too many calendar links tried. Try again in {wait}."),
            wait=auth.wait_text(tried.wait),
            retry_after=tried.wait,
        )
    found = link_owner(state.db, auth.keyed_hash(state.secret, token))
    if found is None:  # unknown or revoked: the same answer
        raise NoCalendarError(N_("There is no calendar at this link."))
    state.limiter.succeeded(state.db, tried)
    account, zone = found
    if account.language in LANGUAGES:
        set_language(account.language)
    return calendar_response(state, account.name, zone, download=False)


def _zone_for(state: WebState, viewer: Viewer, tz: str | None) -> str:
    if tz is None and viewer.account_id is not None:
        link = calendar_link(state.db, viewer.account_id)
        if link is not None:
            return link.time_zone
    return time_zone(tz)


@router.get(
    "/schedule.ics",
    summary="The dose schedule as an iCalendar file (mgcoach schedule --ics)",
    response_class=Response,
    responses={
        200: {"content": {"text/calendar": {}}, "description": "The calendar (RFC 5545)."},
        404: {"model": ApiError, "description": "No calendar at this link, or no profile."},
        422: {"model": ApiError, "description": "An unknown time zone."},
        429: {"model": ApiError, "description": "Too many wrong links from this address."},
    },
)
def schedule_ics(request: Request, token: TokenQuery = None, tz: ZoneQuery = None) -> Response:
    state = state_of(request)
    if token is not None:
        return _by_token(state, request, token)
    viewer = require_viewer(request)
    return calendar_response(state, viewer.owner, _zone_for(state, viewer, tz), download=True)
