"""Who am I, and API tokens, through the API (multi-user mode; local mode has no accounts)."""

from __future__ import annotations

from typing import Literal

from fastapi import Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, with_config
from typing_extensions import TypedDict

from ...errors import InputError, MgCoachError
from ...i18n import N_
from ...journal.bounds import clean_text
from ...services import accounts
from .. import auth
from ..context import Viewer, WebState, api_viewer, state_of
from .answers import AnswerRouter
from .params import TokenId

router = AnswerRouter(tags=["account"])


class UnknownTokenError(InputError, LookupError):
    code = "unknown_token"
    http_status = 404


class NoAccountsError(MgCoachError):
    code = "no_accounts"
    http_status = 404


class NewToken(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=64, description="What the token is for.")


@with_config(use_attribute_docstrings=True)
class Me(TypedDict):
    """The signed-in user, the server's mode and the user's settings."""

    user: str
    """The user's name (local in local mode)."""
    mode: Literal["multi-user", "local"]
    """The server's mode."""
    language: str
    """The user's language: en or nl."""
    units: str
    """The user's units."""
    signed_in_with: str
    """How the request was signed in: local, session, token or anonymous."""


@with_config(use_attribute_docstrings=True)
class TokenJson(TypedDict):
    """An API token (never the secret itself)."""

    id: int
    """The token's id."""
    name: str
    """What the token is for."""
    created_at: str
    """When it was made (ISO 8601)."""
    last_used_at: str | None
    """When it was last used (ISO 8601)."""


@with_config(use_attribute_docstrings=True)
class NewTokenJson(TypedDict):
    """A new API token, with its secret: shown this once."""

    id: int
    """The token's id."""
    name: str
    """What the token is for."""
    token: str
    """The secret: send it as ``Authorization: Bearer <token>``."""


def _accounts(request: Request) -> WebState:
    state = state_of(request)
    if not state.config.multi_user:
        raise NoAccountsError(N_("Local mode has no accounts or tokens."))
    return state


@router.get(
    "/me",
    summary="The signed-in user, the server's mode and the user's settings",
    response_model=Me,
)
def me(request: Request, viewer: Viewer = Depends(api_viewer)) -> Me:
    return {
        "user": viewer.owner,
        "mode": "multi-user" if state_of(request).config.multi_user else "local",
        "language": viewer.language,
        "units": viewer.units,
        "signed_in_with": viewer.via,
    }


def _token_json(token: accounts.TokenInfo) -> TokenJson:
    used = token.last_used_at.isoformat() if token.last_used_at else None
    return {
        "id": token.id,
        "name": token.name,
        "created_at": token.created_at.isoformat(),
        "last_used_at": used,
    }


@router.get(
    "/tokens",
    summary="Your API tokens (never the secret itself)",
    response_model=list[TokenJson],
)
def list_tokens(request: Request, viewer: Viewer = Depends(api_viewer)) -> list[TokenJson]:
    state = _accounts(request)
    assert viewer.account_id is not None
    return [_token_json(t) for t in accounts.tokens(state.db, viewer.account_id)]


@router.post(
    "/tokens",
    status_code=201,
    summary="Make an API token; the answer shows it once",
    response_model=NewTokenJson,
)
def create_token(
    body: NewToken, request: Request, viewer: Viewer = Depends(api_viewer)
) -> NewTokenJson:
    state = _accounts(request)
    assert viewer.account_id is not None
    name = clean_text(body.name.strip(), "name", "name")  # refused before it counts an attempt
    # A session, not a token, under the live-token cap and the tokens-per-hour limit.
    auth.allow_token(state.limiter, state.db, viewer.account_id, viewer.via)
    token = auth.new_token()
    token_id = accounts.add_token(
        state.db, viewer.account_id, name, auth.keyed_hash(state.secret, token)
    )
    return {"id": token_id, "name": name, "token": token}


@router.delete("/tokens/{token_id}", status_code=204, summary="Delete one of your API tokens")
def delete_token(
    token_id: TokenId, request: Request, viewer: Viewer = Depends(api_viewer)
) -> Response:
    state = _accounts(request)
    assert viewer.account_id is not None
    if not accounts.delete_token(state.db, viewer.account_id, token_id):
        raise UnknownTokenError(N_("You have no token {id}."), id=token_id)
    return Response(status_code=204)
