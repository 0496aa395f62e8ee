"""Clients (multi-user mode): a dietitian's list of the people who share their journal with
them, each with the last 4 weeks at a glance, and the form to invite someone; and the person's
side, the buttons on the Account page that accept, decline or revoke a share.

Invitations say nothing of the person: whether or not the name is an account's, the answer
is the same notice. A client's own pages (read-only) are in client_views.py. In local mode
none of these routes exist (404).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from ...contract.sharing import ClientJson, client_json, population_json
from ...errors import InputError, MgCoachError
from ...i18n import translate
from ...journal.bounds import in_id_range
from ...services import sharing
from ...services.sharing_pages import GlancePage, glance_page, parse_page
from ...services.sharing_population import population
from ..context import PROFILE, Viewer, form_text, signed_in, state_of, verified_form
from ..routing import IndexedRouter
from ..sharing import allow_invite, sharing_account
from ..templating import render

router = IndexedRouter(include_in_schema=False)

DONE = frozenset({"invited", "ended"})


def client_rows(request: Request, dietitian_id: int, number: int = 1) -> GlancePage:
    """Page ``number`` of the dietitian's clients, each with their last 28 days."""
    state = state_of(request)
    found = sharing.clients(state.db, dietitian_id)
    return glance_page(state.db, state.kb, found, PROFILE, date.today(), number)


def _page(
    request: Request, viewer: Viewer, status: int = 200, number: int = 1, **context: Any
) -> HTMLResponse:
    account_id = sharing_account(state_of(request), viewer)
    context.setdefault("errors", {})
    context.setdefault("name", "")
    done = request.query_params.get("done")
    context.setdefault("done", done if done in DONE else None)
    page = client_rows(request, account_id, number)
    rows: list[ClientJson] = [client_json(g) for g in page.glances]
    state = state_of(request)
    summary = population(state.db, state.kb, account_id, PROFILE, date.today())
    context.setdefault("population", population_json(summary))
    return render(
        request, "clients.html", status, active="clients", clients=rows, pager=page, **context
    )


@router.get("/clients", response_model=None)
def clients_page(
    request: Request, page: str | None = Query(None), viewer: Viewer = Depends(signed_in)
) -> Response:
    return _page(request, viewer, number=parse_page(page))


@router.post("/clients/invite", response_model=None)
def invite(
    request: Request,
    viewer: Viewer = Depends(signed_in),
    form: FormData = Depends(verified_form),
) -> Response:
    state = state_of(request)
    account_id = sharing_account(state, viewer)
    name = form_text(form, "name")
    try:
        sharing.invitee_name(name)  # a name that cannot be one counts no invitation
        allow_invite(state.limiter, state.db, account_id)
        sharing.invite(state.db, account_id, name)
    except MgCoachError as error:
        errors = {"name": translate(error.message, error.params)}
        status = 422 if isinstance(error, InputError) else error.http_status
        page = _page(request, viewer, status, errors=errors, name=name)
        if "retry_after" in error.params:
            page.headers["Retry-After"] = str(error.params["retry_after"])
        return page
    return RedirectResponse("/clients?done=invited", status_code=303)


@router.post("/clients/{share_id}/end", response_model=None)
def end_client(
    share_id: int,
    request: Request,
    viewer: Viewer = Depends(signed_in),
    form: FormData = Depends(verified_form),
) -> Response:
    """The dietitian ends a client's share (the client can share again by a new invitation)."""
    state = state_of(request)
    account_id = sharing_account(state, viewer)
    if not in_id_range(share_id):
        raise sharing.NotAClientError
    sharing.client(state.db, account_id, share_id)  # an accepted share of this dietitian's
    sharing.revoke(state.db, account_id, share_id)
    return RedirectResponse("/clients?done=ended", status_code=303)


ShareAction = Literal["accept", "decline", "revoke"]


@router.post("/account/shares/{share_id}/{action}", response_model=None)
def answer_share(
    share_id: int,
    action: ShareAction,
    request: Request,
    viewer: Viewer = Depends(signed_in),
    form: FormData = Depends(verified_form),
) -> Response:
    """The person accepts, declines or revokes a share of their journal (Account page)."""
    state = state_of(request)
    account_id = sharing_account(state, viewer)
    if not in_id_range(share_id):
        raise sharing.UnknownShareError
    {"accept": sharing.accept, "decline": sharing.decline, "revoke": sharing.revoke}[action](
        state.db, account_id, share_id
    )
    return RedirectResponse(f"/account?done=share_{action}", status_code=303)
