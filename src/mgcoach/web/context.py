"""Who is asking, in which language: the ``Viewer`` of every request.

``ViewerMiddleware`` resolves it once per request (local user, session cookie or API token),
sets the gettext language for everything that runs for the request, and stores it on
``request.state.viewer``. Routes ask for it with ``Depends(signed_in)`` (pages, API) and read
form posts through ``verified_form``, which checks the CSRF token.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import MgCoachError
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, set_language
from ..knowledge import KnowledgeBase
from ..services import accounts
from ..services.cache import Recent
from ..services.database import LOCAL_USER, Database
from . import auth
from .config import WebConfig

if TYPE_CHECKING:
    from .page_cache import KeptPage

UNITS = ("metric", "us")
PROFILE = "default"  # the web app keeps one journal profile per user
PAGES_KEPT = 256


class NotSignedInError(MgCoachError):
    code = "not_signed_in"
    http_status = 401

    def __init__(self) -> None:
        super().__init__(N_("Sign in first."))


class CsrfError(MgCoachError):
    code = "csrf_failed"
    http_status = 403

    def __init__(self) -> None:
        super().__init__(
            N_(
                "This form has expired or did not come from this site; "
                "reload the page and try again."
            )
        )


@dataclass(frozen=True, slots=True)
class Viewer:
    """The person a request is for. ``owner`` is the journal's user name (services' owner)."""

    account_id: int | None
    owner: str
    language: str
    units: str
    language_chosen: bool
    csrf: str
    via: str  # local, session, token or anonymous

    @property
    def signed_in(self) -> bool:
        return self.account_id is not None

    @property
    def us_units(self) -> bool:
        return self.units == "us"


@dataclass
class WebState:
    """What the app holds for its lifetime: config, database, knowledge, secrets."""

    config: WebConfig
    db: Database
    kb: KnowledgeBase
    secret: str
    limiter: auth.RateLimiter = field(default_factory=auth.RateLimiter)
    # Rendered pages and JSON answers by everything they rest on (page_cache.py); a page is
    # some 35-60 KB.
    pages: Recent[KeptPage | bytes] = field(default_factory=lambda: Recent(size=PAGES_KEPT))
    _local: accounts.Account | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def local_account(self) -> accounts.Account:
        with self._lock:
            if self._local is None:
                self._local = accounts.local_account(self.db)
            return self._local

    def local_known(self) -> bool:
        return self._local is not None

    def forget_local(self) -> None:
        """Re-read the local user's settings on the next request (after a change)."""
        with self._lock:
            self._local = None


def negotiate(accept_language: str | None) -> str:
    """The best supported language of an Accept-Language header (q-values honoured)."""
    best, best_q = DEFAULT_LANGUAGE, 0.0
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _semi, params = part.strip().partition(";")
        code = tag.strip().split("-")[0].lower()
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        q -= index * 1e-6  # earlier wins a tie
        if code in LANGUAGES and q > best_q:
            best, best_q = code, q
    return best


def _viewer(account: accounts.Account, header_lang: str, csrf: str, via: str) -> Viewer:
    return Viewer(
        account_id=account.id,
        owner=account.name,
        language=account.language or header_lang,
        units=account.units if account.units in UNITS else "metric",
        language_chosen=account.language is not None,
        csrf=csrf,
        via=via,
    )


def resolve(state: WebState, request: Request) -> tuple[Viewer, str | None]:
    """The viewer, and a new CSRF cookie value to set (local mode, first visit)."""
    header_lang = negotiate(request.headers.get("accept-language"))
    if not state.config.multi_user:
        token, fresh = _pre_session_csrf(state, request)
        return _viewer(state.local_account(), header_lang, token, "local"), fresh
    authorization = request.headers.get("authorization", "")
    scheme, _space, credential = authorization.partition(" ")
    if scheme.lower() == "bearer" and credential.strip():
        token_hash = auth.keyed_hash(state.secret, credential.strip())
        found = accounts.token_account(state.db, token_hash, datetime.now(UTC))
        if found is not None:
            return _viewer(found, header_lang, "", "token"), None
    session = request.cookies.get(auth.SESSION_COOKIE)
    if session:
        live = accounts.session_account(
            state.db, auth.keyed_hash(state.secret, session), datetime.now(UTC)
        )
        if live is not None:
            return _viewer(live[0], header_lang, live[1], "session"), None
    # Not signed in: the sign-in and sign-up forms still need a CSRF token (login CSRF).
    token, fresh = _pre_session_csrf(state, request)
    anonymous = Viewer(None, "", header_lang, "metric", False, token, "anonymous")
    return anonymous, fresh


def _pre_session_csrf(state: WebState, request: Request) -> tuple[str, str | None]:
    """The CSRF token of a request without a session (local mode, the sign-in and sign-up
    forms): the signature of its pre-session cookie's value, and a new value to set when the
    request has none (or one this app did not make)."""
    cookie = auth.pre_session(request.cookies.get(auth.CSRF_COOKIE))
    fresh = None if cookie else auth.new_secret()
    return auth.signed_csrf(state.secret, cookie or fresh or ""), fresh


def _quick(state: WebState, request: Request) -> bool:
    """Whether ``resolve`` reads at most one indexed row of a SQLite file for this request,
    so it answers on the event loop (a thread-pool hop costs more than the read): local mode
    with its account cached, or a browser's session on SQLite (the thread's kept connection,
    storage.accounts.session_account). An API token, whose use may be written, and every
    read on another database go to the thread pool."""
    if not state.config.multi_user:
        return state.local_known()
    return state.db.sqlite_path is not None and "authorization" not in request.headers


class ViewerMiddleware:
    """Pure ASGI middleware: resolve the viewer and set the language for the request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        state: WebState = request.app.state.web
        if scope["path"].startswith("/static/"):
            set_language(negotiate(request.headers.get("accept-language")))
            await self.app(scope, receive, send)
            return
        if _quick(state, request):
            viewer, fresh_csrf = resolve(state, request)
        else:
            viewer, fresh_csrf = await run_in_threadpool(resolve, state, request)
        scope.setdefault("state", {})["viewer"] = viewer
        set_language(viewer.language)
        if fresh_csrf is None:
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                secure = "; Secure" if state.config.cookies_secure else ""
                headers.append(
                    "set-cookie",
                    f"{auth.CSRF_COOKIE}={fresh_csrf}; Path=/; HttpOnly; SameSite=Strict{secure}",
                )
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def viewer_of(request: Request) -> Viewer:
    viewer: Viewer | None = getattr(request.state, "viewer", None)
    if viewer is None:  # a request the middleware did not see (static files)
        return Viewer(None, "", DEFAULT_LANGUAGE, "metric", False, "", "anonymous")
    return viewer


def state_of(request: Request) -> WebState:
    web: WebState = request.app.state.web
    return web


def food_owner(state: WebState, viewer: Viewer) -> int | None:
    """Whose a food the viewer adds is: the signed-in account's on a multi-user server, else
    shared (as the CLI's without ``--user``)."""
    return viewer.account_id if state.config.multi_user else None


def require_viewer(request: Request) -> Viewer:
    """The viewer, who must be signed in (always true in local mode)."""
    viewer = viewer_of(request)
    if not viewer.signed_in:
        raise NotSignedInError
    return viewer


async def signed_in(request: Request) -> Viewer:
    """``require_viewer`` as a dependency (``Depends(signed_in)``). It reads what the
    middleware put on the request, so it runs on the event loop: a plain ``def`` dependency
    costs a hop to the thread pool on every request."""
    return require_viewer(request)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


REQUESTED_WITH = "x-requested-with"


def api_write_allowed(viewer: Viewer, headers: Headers) -> bool:
    """Whether an API call that changes something proves it is not a cross-site page's.
    One riding on the browser's session cookie carries the page's CSRF token in an
    X-CSRF-Token header; in local mode (no login) the token or an X-Requested-With header,
    which a page of another site cannot send without a CORS preflight that this app never
    grants. An API token is proof enough: a browser never sends one by itself."""
    if viewer.via == "token":
        return True
    if auth.same(viewer.csrf, headers.get(auth.CSRF_HEADER)):
        return True
    return viewer.via == "local" and bool(headers.get(REQUESTED_WITH, "").strip())


async def api_viewer(request: Request) -> Viewer:
    """The signed-in viewer of an API call; a change must pass ``api_write_allowed`` (the
    WriteGuard middleware checks it before the body is read; this is the same rule again).
    On the event loop, as ``signed_in``."""
    viewer = require_viewer(request)
    if request.method not in SAFE_METHODS and not api_write_allowed(viewer, request.headers):
        raise CsrfError
    return viewer


def check_csrf(viewer: Viewer, token: str | None) -> None:
    if not auth.same(viewer.csrf, token):
        raise CsrfError


async def verified_form(request: Request) -> FormData:
    """A posted form whose CSRF token matches the viewer's (session or local cookie)."""
    form = await request.form()
    token = form.get(auth.CSRF_FIELD)
    check_csrf(viewer_of(request), token if isinstance(token, str) else None)
    return form


def form_text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def form_values(form: FormData, name: str) -> list[str]:
    return [v.strip() for v in form.getlist(name) if isinstance(v, str) and v.strip()]


def local_owner() -> str:
    return LOCAL_USER


def params_of(request: Request) -> dict[str, str]:
    return dict(request.query_params)
