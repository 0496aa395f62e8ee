"""Sharing a journal with a dietitian, through the API (multi-user mode; 404 in local mode).

The person: ``GET /shares`` (their invitations and shares), ``POST /shares/{id}/accept``,
``/decline`` and ``/revoke``. The dietitian: ``POST /shares`` (invite an account by name: the
same 202 whether or not the account exists), ``GET /clients`` (the accepted clients, each with
the last 4 weeks at a glance), ``GET /clients/summary`` (the share of clients below the EAR,
above the UL and with flags). services/sharing.py holds the rules.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import Field

from ...contract.sharing import (
    ClientJson,
    PopulationJson,
    ShareJson,
    client_json,
    population_json,
    share_json,
)
from ...services import sharing
from ...services.sharing_glance import glances
from ...services.sharing_pages import glance_page, parse_page
from ...services.sharing_population import population
from ..context import PROFILE, state_of
from ..sharing import allow_invite, sharing_account
from .answers import AnswerRouter
from .calculators import ERRORS, answer
from .params import MAX_ID, Body, SignedIn

router = AnswerRouter(tags=["sharing"], responses=ERRORS)

ShareId = Annotated[int, Path(description="The share's id.", ge=1, le=MAX_ID, examples=[1])]


class Invitation(Body):
    """Whom to invite: an account name on this server."""

    name: str = Field(min_length=1, max_length=64, description="The person's account name.")


@router.get("/shares", summary="Your open invitations and shares", response_model=list[ShareJson])
def list_shares(request: Request, viewer: SignedIn) -> JSONResponse:
    state = state_of(request)
    account_id = sharing_account(state, viewer)
    return answer([share_json(s) for s in sharing.shares(state.db, account_id)])


@router.post(
    "/shares",
    status_code=202,
    response_class=Response,  # no body: the same empty answer for any name
    summary="Invite an account to share its journal with you (the same answer for any name)",
)
def invite(body: Invitation, request: Request, viewer: SignedIn) -> Response:
    state = state_of(request)
    account_id = sharing_account(state, viewer)
    sharing.invitee_name(body.name)  # a name that cannot be one counts no invitation
    allow_invite(state.limiter, state.db, account_id)
    sharing.invite(state.db, account_id, body.name)
    return Response(status_code=202)


@router.post("/shares/{share_id}/accept", status_code=204, summary="Accept an invitation")
def accept(share_id: ShareId, request: Request, viewer: SignedIn) -> Response:
    state = state_of(request)
    sharing.accept(state.db, sharing_account(state, viewer), share_id)
    return Response(status_code=204)


@router.post("/shares/{share_id}/decline", status_code=204, summary="Decline an invitation")
def decline(share_id: ShareId, request: Request, viewer: SignedIn) -> Response:
    state = state_of(request)
    sharing.decline(state.db, sharing_account(state, viewer), share_id)
    return Response(status_code=204)


@router.post(
    "/shares/{share_id}/revoke",
    status_code=204,
    summary="End a share at once (yours, or a client's as their dietitian)",
)
def revoke(share_id: ShareId, request: Request, viewer: SignedIn) -> Response:
    state = state_of(request)
    sharing.revoke(state.db, sharing_account(state, viewer), share_id)
    return Response(status_code=204)


@router.get(
    "/clients",
    summary="Your clients, each with their last 4 weeks at a glance",
    response_model=list[ClientJson],
)
def clients(
    request: Request,
    viewer: SignedIn,
    page: Annotated[
        str | None,
        Query(description="A page of 20 clients by name, from 1 (all of them when not given)"),
    ] = None,
) -> JSONResponse:
    state = state_of(request)
    found = sharing.clients(state.db, sharing_account(state, viewer))
    if page is None:
        rows = glances(state.db, state.kb, found, PROFILE, date.today())
        return answer([client_json(g) for g in rows])
    chosen = glance_page(state.db, state.kb, found, PROFILE, date.today(), parse_page(page))
    response = answer([client_json(g) for g in chosen.glances])
    response.headers["X-Total-Count"] = str(chosen.total)
    return response


@router.get(
    "/clients/summary",
    summary="Of your clients: the share below the EAR, above the UL and with flags",
    response_model=PopulationJson,
)
def summary(request: Request, viewer: SignedIn) -> JSONResponse:
    state = state_of(request)
    account_id = sharing_account(state, viewer)
    found = population(state.db, state.kb, account_id, PROFILE, date.today())
    return answer(population_json(found))
