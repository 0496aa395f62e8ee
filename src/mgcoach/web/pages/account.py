"""Accounts in multi-user mode: sign up, sign in (rate-limited), sign out, change the password
and manage API tokens. Local mode has none of these: its one user needs no login."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from ...errors import InputError, MgCoachError
from ...i18n import N_, _, translate
from ...journal.bounds import clean_text, in_id_range
from ...services import accounts, sharing
from ...services.journal import forget
from .. import auth
from ..context import Viewer, WebState, signed_in, state_of, verified_form, viewer_of
from ..routing import IndexedRouter
from ..templating import render

router = IndexedRouter(include_in_schema=False)


class SignupClosedError(MgCoachError):
    code = "signup_closed"
    http_status = 403


def _multi_only(request: Request) -> WebState:
    state = state_of(request)
    if not state.config.multi_user:
        raise InputError(N_("Local mode has no accounts: this page is for multi-user mode."))
    return state


def _next(target: str | None) -> str:
    """Only a path on this site (no "//host", no scheme) may follow a sign-in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def start_session(state: WebState, response: Response, account_id: int) -> None:
    token = auth.new_secret()
    expires = datetime.now(UTC) + timedelta(days=auth.SESSION_DAYS)
    session_hash = auth.keyed_hash(state.secret, token)
    now = datetime.now(UTC)
    accounts.start_session(state.db, account_id, session_hash, auth.new_secret(), expires, now)
    response.set_cookie(
        auth.SESSION_COOKIE,
        token,
        max_age=auth.SESSION_DAYS * 86400,
        path="/",
        httponly=True,
        samesite="lax",
        secure=state.config.cookies_secure,
    )


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _new_password_errors(form: FormData) -> dict[str, str]:
    """Field errors of a new password and its repetition (sign-up and password change)."""
    password = _text(form, "password")
    try:
        auth.check_password(password)
    except MgCoachError as error:
        return {"password": translate(error.message, error.params)}
    if password != _text(form, "password2"):
        return {"password2": _("The two passwords are not the same.")}
    return {}


def _password_checks(request: Request, name: str) -> list[tuple[auth.Rule, str]]:
    """What a password try counts against: the client's address, and the account (when the
    name can be one)."""
    checks = [(auth.ADDRESS_FAILURES, auth.address_key(_client(request)))]
    if (key := auth.account_key(name)) is not None:
        checks.append((auth.ACCOUNT_FAILURES, key))
    return checks


def _current_password_error(request: Request, viewer: Viewer, given: str) -> tuple[str, int] | None:
    """Why ``given`` does not confirm the viewer's current password, and the HTTP status (None:
    it does). Wrong tries count against the same limits as sign-ins."""
    state = state_of(request)
    assert viewer.account_id is not None
    tried = state.limiter.attempt(state.db, *_password_checks(request, viewer.owner))
    if tried.refused:
        message = translate(
            N_("Too many wrong passwords. Try again in {wait}."),
            {"wait": auth.wait_text(tried.wait)},
        )
        return message, 429
    found = accounts.account_by_id(state.db, viewer.account_id)
    if found is None or not auth.verify_password(found.password_hash, given):
        return _("This is not your current password."), 422
    state.limiter.succeeded(state.db, tried, (auth.ACCOUNT_FAILURES, viewer.owner))
    return None


def _client(request: Request) -> str:
    """The client's address as the server sees it: a proxy's X-Forwarded-For counts only when
    ``mgcoach serve --forwarded-allow-ips`` trusts that proxy."""
    return request.client.host if request.client else "unknown"


@router.get("/login", response_model=None)
def login_page(request: Request, next: str | None = None) -> Response:
    state = state_of(request)
    if not state.config.multi_user or viewer_of(request).signed_in:
        return RedirectResponse(_next(next), status_code=303)
    return render(request, "login.html", next=_next(next), errors={}, name="")


@router.post("/login", response_model=None)
def login(request: Request, form: FormData = Depends(verified_form)) -> Response:
    state = _multi_only(request)
    name = _text(form, "name").strip().lower()
    password = _text(form, "password")
    target = _next(_text(form, "next"))
    tried = state.limiter.attempt(state.db, *_password_checks(request, name))
    if tried.refused:
        message = translate(
            N_("Too many failed sign-ins. Try again in {wait}."),
            {"wait": auth.wait_text(tried.wait)},
        )
        page = render(request, "login.html", 429, next=target, errors={"form": message}, name=name)
        page.headers["Retry-After"] = str(tried.wait)
        return page
    # A name no account can have is not looked up (the password is hashed all the same).
    found = accounts.find_account(state.db, name) if auth.account_key(name) else None
    if not auth.verify_password(found.password_hash if found else None, password):
        message = _("The user name or password is not right.")
        return render(request, "login.html", 401, next=target, errors={"form": message}, name=name)
    assert found is not None and found.password_hash is not None
    # Right: the account's failed tries start over; the address's stay counted.
    state.limiter.succeeded(state.db, tried, (auth.ACCOUNT_FAILURES, name))
    if auth.needs_rehash(found.password_hash):
        accounts.set_password(state.db, found.id, auth.hash_password(password))
    response = RedirectResponse(target, status_code=303)
    start_session(state, response, found.id)
    return response


@router.post("/logout", response_model=None)
def logout(request: Request, form: FormData = Depends(verified_form)) -> Response:
    state = state_of(request)
    token = request.cookies.get(auth.SESSION_COOKIE)
    if token:
        accounts.end_session(state.db, auth.keyed_hash(state.secret, token))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


def _signup_allowed(state: WebState) -> None:
    if not state.config.allow_signup:
        raise SignupClosedError(N_("This server does not take new accounts."))


@router.get("/signup", response_model=None)
def signup_page(request: Request) -> Response:
    state = _multi_only(request)
    _signup_allowed(state)
    return render(request, "signup.html", errors={}, name="")


@router.post("/signup", response_model=None)
def signup(request: Request, form: FormData = Depends(verified_form)) -> Response:
    state = _multi_only(request)
    _signup_allowed(state)
    raw_name, password = _text(form, "name"), _text(form, "password")
    errors: dict[str, str] = {}
    name = ""
    try:
        name = auth.check_user_name(raw_name)
    except MgCoachError as error:
        errors["name"] = translate(error.message, error.params)
    errors.update(_new_password_errors(form))
    account = None
    if not errors:
        tried = state.limiter.attempt(
            state.db,
            (auth.SIGNUPS_PER_ADDRESS, auth.address_key(_client(request))),
            (auth.SIGNUPS_IN_ALL, auth.EVERYONE),
        )
        if tried.refused:
            message = translate(
                N_("Too many new accounts for now. Try again in {wait}."),
                {"wait": auth.wait_text(tried.wait)},
            )
            page = render(request, "signup.html", 429, errors={"name": message}, name=raw_name)
            page.headers["Retry-After"] = str(tried.wait)
            return page
        language = viewer_of(request).language
        account = accounts.create_account(state.db, name, auth.hash_password(password), language)
        if account is None:
            errors["name"] = _("This user name is taken; choose another.")
    if errors or account is None:
        return render(request, "signup.html", 422, errors=errors, name=raw_name)
    response = RedirectResponse("/onboarding", status_code=303)
    start_session(state, response, account.id)
    return response


def _account_page(
    request: Request, viewer: Viewer, status: int = 200, **context: Any
) -> HTMLResponse:
    state = state_of(request)
    assert viewer.account_id is not None
    tokens = accounts.tokens(state.db, viewer.account_id)
    context.setdefault("errors", {})
    context.setdefault("done", None)
    context.setdefault("shares", sharing.shares(state.db, viewer.account_id))  # _shares.html
    return render(request, "account.html", status, active="settings", tokens=tokens, **context)


@router.get("/account", response_model=None)
def account_page(request: Request, viewer: Viewer = Depends(signed_in)) -> Response:
    _multi_only(request)
    return _account_page(request, viewer, done=request.query_params.get("done"))


@router.post("/account/password", response_model=None)
def change_password(
    request: Request,
    viewer: Viewer = Depends(signed_in),
    form: FormData = Depends(verified_form),
) -> Response:
    state = _multi_only(request)
    assert viewer.account_id is not None
    new_errors = _new_password_errors(form)
    errors: dict[str, str] = {}  # in the form's order: the current password first
    status = 422
    if wrong := _current_password_error(request, viewer, _text(form, "current")):
        errors["current"], status = wrong
    errors |= new_errors
    if errors:
        return _account_page(request, viewer, status, errors=errors)
    password = auth.hash_password(_text(form, "password"))
    # Every API token is revoked and every session ended; this browser gets a new one.
    accounts.change_password(state.db, viewer.account_id, password)
    response = RedirectResponse("/account?done=password", status_code=303)
    start_session(state, response, viewer.account_id)
    return response


@router.post("/account/delete", response_model=None)
def delete_account(
    request: Request,
    viewer: Viewer = Depends(signed_in),
    form: FormData = Depends(verified_form),
) -> Response:
    """The account and everything in it, for good; the password confirms it."""
    state = _multi_only(request)
    assert viewer.account_id is not None
    if wrong := _current_password_error(request, viewer, _text(form, "confirm_password")):
        message, status = wrong
        return _account_page(request, viewer, status, errors={"confirm_password": message})
    forget(state.db, None, viewer.owner)  # cascades to sessions and tokens
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


@router.post("/account/tokens", response_model=None)
def create_token(
    request: Request,
    viewer: Viewer = Depends(signed_in),
    form: FormData = Depends(verified_form),
) -> Response:
    state = _multi_only(request)
    assert viewer.account_id is not None
    name = _text(form, "token_name").strip()
    if not 1 <= len(name) <= 64:
        errors = {"token_name": _("Give the token a name of 1 to 64 characters.")}
        return _account_page(request, viewer, 422, errors=errors)
    try:
        name = clean_text(name, "name", "token_name")  # before the limit counts an attempt
        auth.allow_token(state.limiter, state.db, viewer.account_id, viewer.via)
    except MgCoachError as error:
        errors = {"token_name": translate(error.message, error.params)}
        status = 422 if isinstance(error, InputError) else error.http_status
        return _account_page(request, viewer, status, errors=errors)
    token = auth.new_token()
    accounts.add_token(state.db, viewer.account_id, name, auth.keyed_hash(state.secret, token))
    return _account_page(request, viewer, 201, new_token=token, new_token_name=name)


@router.post("/account/tokens/{token_id}/delete", response_model=None)
def delete_token(
    token_id: int,
    request: Request,
    viewer: Viewer = Depends(signed_in),
    form: FormData = Depends(verified_form),
) -> Response:
    state = _multi_only(request)
    assert viewer.account_id is not None
    if in_id_range(token_id):  # an id beyond the id column's range names no token
        accounts.delete_token(state.db, viewer.account_id, token_id)
    return RedirectResponse("/account?done=token_deleted", status_code=303)
