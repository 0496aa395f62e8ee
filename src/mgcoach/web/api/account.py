"""Who am I, and API tokens, through the API (multi-user mode; local mode has no accounts)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from ...errors import InputError, MgCoachError
from ...i18n import N_
from ...services import accounts
from .. import auth
from ..context import Viewer, WebState, api_viewer, state_of

router = APIRouter(tags=["account"])


class UnknownTokenError(InputError, LookupError):
    code = "unknown_token"
    http_status = 404


class NoAccountsError(MgCoachError):
    code = "no_accounts"
    http_status = 404


class NewToken(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=64, description="What the token is for.")


def _accounts(request: Request) -> WebState:
    state = state_of(request)
    if not state.config.multi_user:
        raise NoAccountsError(N_("Local mode has no accounts or tokens."))
    return state


@router.get("/me", summary="The signed-in user, the server's mode and the user's settings")
def me(request: Request, viewer: Viewer = Depends(api_viewer)) -> dict[str, Any]:
    return {
        "user": viewer.owner,
        "mode": "multi-user" if state_of(request).config.multi_user else "local",
        "language": viewer.language,
        "units": viewer.units,
        "signed_in_with": viewer.via,
    }


def _token_json(token: accounts.TokenInfo) -> dict[str, Any]:
    used = token.last_used_at.isoformat() if token.last_used_at else None
    return {
        "id": token.id,
        "name": token.name,
        "created_at": token.created_at.isoformat(),
        "last_used_at": used,
    }


@router.get("/tokens", summary="Your API tokens (never the secret itself)")
def list_tokens(request: Request, viewer: Viewer = Depends(api_viewer)) -> list[dict[str, Any]]:
    state = _accounts(request)
    assert viewer.account_id is not None
    return [_token_json(t) for t in accounts.tokens(state.db, viewer.account_id)]


@router.post("/tokens", status_code=201, summary="Make an API token; the answer shows it once")
def create_token(
    body: NewToken, request: Request, viewer: Viewer = Depends(api_viewer)
) -> dict[str, Any]:
    state = _accounts(request)
    assert viewer.account_id is not None
    token = auth.new_token()
    token_id = accounts.add_token(
        state.db, viewer.account_id, body.name.strip(), auth.keyed_hash(state.secret, token)
    )
    return {"id": token_id, "name": body.name.strip(), "token": token}


@router.delete("/tokens/{token_id}", status_code=204, summary="Delete one of your API tokens")
def delete_token(token_id: int, request: Request, viewer: Viewer = Depends(api_viewer)) -> Response:
    state = _accounts(request)
    assert viewer.account_id is not None
    if not accounts.delete_token(state.db, viewer.account_id, token_id):
        raise UnknownTokenError(N_("You have no token {id}."), id=token_id)
    return Response(status_code=204)
