"""A dietitian's read-only view of a client: the client's Today and Trends, the same content
as the client's own pages (the same context functions, the same templates), with no forms and
no links to write anything (the templates leave them out when ``client`` is given).

Every request checks an accepted share first (services.sharing.client): a stranger, an
invitation not yet accepted, a declined or a revoked share is 404, on the very next request
after a revoke. The client's report is /clients/{id}/report (linked here, served elsewhere).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from fastapi import Depends, Query, Request
from fastapi.responses import Response

from ...journal.bounds import in_id_range
from ...services import sharing
from ...services.journal import UnknownProfileError
from ...services.stamps import journal_stamp
from ..context import PROFILE, Viewer, signed_in, state_of
from ..page_cache import shared_page
from ..routing import IndexedRouter
from ..sharing import sharing_account
from ..templating import render
from .today import day_of, today_context
from .trends import parse_weeks, trends_context

router = IndexedRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class ClientPage:
    """Whose journal a read-only page shows, and which of the client's pages it is."""

    share_id: int
    name: str
    page: str

    @property
    def base(self) -> str:
        return f"/clients/{self.share_id}"


def client_of(request: Request, viewer: Viewer, share_id: int) -> sharing.Client:
    """The viewer's client of the accepted share ``share_id``; 404 for any other."""
    account_id = sharing_account(state_of(request), viewer)
    if not in_id_range(share_id):
        raise sharing.NotAClientError
    return sharing.client(state_of(request).db, account_id, share_id)


def _no_profile(request: Request, page: ClientPage) -> Response:
    return render(request, "client_empty.html", client=page, active="clients")


def _read_only_today(
    request: Request, viewer: Viewer, found: sharing.Client, day: date
) -> dict[str, Any]:
    context = today_context(request, replace(viewer, owner=found.name), day)
    # What the person is invited to log (their reasons, the "log" links) is theirs alone.
    context["reason_lines"] = []
    context["flags"] = [
        {**item, "link": None, "link_text": None, "link_after": None} for item in context["flags"]
    ]
    context["client"] = ClientPage(found.share_id, found.name, "today")
    return context


@router.get("/clients/{share_id}/today", response_model=None)
def client_today(
    share_id: int,
    request: Request,
    day_text: str | None = Query(None, alias="date"),
    viewer: Viewer = Depends(signed_in),
) -> Response:
    found = client_of(request, viewer, share_id)
    state = state_of(request)
    day = day_of(day_text)
    stamp = journal_stamp(state.db, found.name, PROFILE)
    page = ClientPage(found.share_id, found.name, "today")
    if stamp is None:
        return _no_profile(request, page)
    key = ("client-today", found.share_id, found.account_id, stamp, day, date.today())
    try:
        return shared_page(
            request, "today.html", key, lambda: _read_only_today(request, viewer, found, day)
        )
    except UnknownProfileError:  # deleted since the stamp was read
        return _no_profile(request, page)


@router.get("/clients/{share_id}/trends", response_model=None)
def client_trends(
    share_id: int,
    request: Request,
    weeks: str | None = Query(None),
    viewer: Viewer = Depends(signed_in),
) -> Response:
    found = client_of(request, viewer, share_id)
    count = parse_weeks(weeks)
    page = ClientPage(found.share_id, found.name, "trends")
    try:
        context = trends_context(request, found.name, count)
    except UnknownProfileError:
        return _no_profile(request, page)
    return render(request, "trends.html", client=page, **context)
