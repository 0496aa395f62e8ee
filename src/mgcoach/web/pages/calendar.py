"""Calendar reminders (/settings/calendar): the plan's dose times as a calendar file to
download, and the secret subscription link a calendar app reads again and again
(``/api/v1/schedule.ics?token=...``, web/api/schedule.py). A new link replaces the old one
(which stops at once) and is shown once, on the answer to the form that made it; the page shows
afterwards only when it was made and its time zone. Local and multi-user mode alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from ...errors import MgCoachError
from ...i18n import N_
from ...services.calendar import local_zone_name, time_zone
from ...services.calendar_links import calendar_link, new_link, revoke_link
from .. import auth, forms
from ..context import Viewer, form_text, signed_in, state_of, verified_form
from ..routing import IndexedRouter
from ..templating import render

router = IndexedRouter(include_in_schema=False)

PATH = "/settings/calendar"
FEED = "/api/v1/schedule.ics"
# New calendar links: ten an hour per account (each one stops the one before).
LINKS_PER_ACCOUNT = auth.Rule("calendar-link:account", limit=10, window=timedelta(hours=1))
COMMON_ZONES = (
    "Europe/Amsterdam", "Europe/Brussels", "Europe/London", "Europe/Berlin", "Europe/Paris",
    "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
    "Asia/Tokyo", "Australia/Sydney", "UTC",
)  # fmt: skip


class TooManyLinksError(MgCoachError):
    code = "too_many_links"
    http_status = 429


def _page(
    request: Request,
    viewer: Viewer,
    *,
    zone: str | None = None,
    errors: dict[str, str] | None = None,
    new_url: str | None = None,
    done: str | None = None,
    status: int = 200,
) -> Response:
    state = state_of(request)
    assert viewer.account_id is not None
    link = calendar_link(state.db, viewer.account_id)
    shown = zone or (link.time_zone if link is not None else local_zone_name())
    return render(
        request,
        "calendar.html",
        status,
        active="settings",
        link=link,
        zone=shown,
        zones=COMMON_ZONES,
        download=f"{FEED}?{urlencode({'tz': shown})}",
        errors=errors or {},
        new_url=new_url,
        webcal_url=None if new_url is None else "webcal://" + new_url.split("://", 1)[1],
        done=done,
    )


@router.get(PATH)
def calendar_page(
    request: Request, done: str | None = None, viewer: Viewer = Depends(signed_in)
) -> Response:
    return _page(request, viewer, done=done if done == "removed" else None)


@router.post(PATH)
def make_link(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(verified_form)
) -> Response:
    """A new link in the zone given (the old one stops), shown on this answer only."""
    state = state_of(request)
    assert viewer.account_id is not None
    given = form_text(form, "tz")
    errors: dict[str, str] = {}
    zone = forms.attempt(errors, "tz", lambda: time_zone(given or None))
    if zone is None:
        return _page(request, viewer, zone=given, errors=errors, status=422)
    tried = state.limiter.attempt(state.db, (LINKS_PER_ACCOUNT, str(viewer.account_id)))
    if tried.refused:
        error = TooManyLinksError(
            N_("Too many new calendar links for now. Try again in {wait}."),
            wait=auth.wait_text(tried.wait),
        )
        return _page(request, viewer, zone=zone, errors={"tz": forms.error_text(error)}, status=429)
    token = auth.new_secret()
    new_link(state.db, viewer.account_id, auth.keyed_hash(state.secret, token), zone, _now())
    url = f"{str(request.base_url).rstrip('/')}{FEED}?{urlencode({'token': token})}"
    return _page(request, viewer, zone=zone, new_url=url, status=201)


@router.post(PATH + "/remove")
def remove_link(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(verified_form)
) -> Response:
    assert viewer.account_id is not None
    revoke_link(state_of(request).db, viewer.account_id)
    return RedirectResponse(PATH + "?done=removed", status_code=303)


def _now() -> datetime:
    return datetime.now(UTC)
