"""The request guards: pure ASGI middleware that every request passes before the app parses
its body, routes it or runs a use case.

``create_app`` stacks them, outermost first (``/healthz`` is answered before all of them,
by ``health.Health``: it reads nothing and says only "ok"):

``SecurityHeaders``
    Sets the security headers on every response, errors and static files included: a
    Content-Security-Policy without ``unsafe-inline`` (scripts and styles come from /static
    only), ``frame-ancestors 'none'``, ``nosniff``, ``Referrer-Policy: same-origin``,
    ``Cross-Origin-Opener-Policy`` and ``-Resource-Policy: same-origin``, and
    ``Cache-Control: no-store`` on everything but /static (pages and API answers are personal).
``BodyLimit``
    Refuses a request body larger than ``WebConfig.max_body_bytes`` (256 KiB: JSON and forms),
    or on the file upload routes (``UPLOAD_PATHS``: the Data page's imports) larger than
    ``MAX_UPLOAD_BYTES`` (10 MB): by its Content-Length before a byte is read, and by counting
    the chunks of a body sent without one, so no request makes the server hold or parse more
    than its path's limit. 413, as JSON under /api, as a page elsewhere.
``ViewerMiddleware`` (``context.py``)
    Resolves who is asking and the language.
``WriteGuard``
    For every write (POST, PUT, PATCH, DELETE), before its body is read: a request from
    another site is refused (``Sec-Fetch-Site: cross-site`` or ``same-site``, or an ``Origin``
    that is not this app's own); an API write must be signed in (multi-user mode; 401), carry
    the page's CSRF token in ``X-CSRF-Token`` (a session or local mode) or, in local mode, an
    ``X-Requested-With`` header (a header a cross-site page cannot send without a CORS
    preflight, which this app never grants), and a body it sends must be JSON
    (``Content-Type: application/json``; 415 otherwise, whatever FastAPI version parses it).
    Forms are checked for their CSRF token by ``context.verified_form``.
``TimeBudget``
    The heavy reads (check, advice, day, week, trend, plan, food suggestions and rankings, and
    the pages built on them) answer within ``WebConfig.time_budget_s`` seconds or with 503
    and a clear error; the work already started finishes in its worker thread (the engine's
    own bounds cap it, ``engine/schedule.py``) and its late answer is dropped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import MgCoachError
from ..i18n import N_, set_language
from .context import (
    SAFE_METHODS,
    CsrfError,
    NotSignedInError,
    Viewer,
    api_write_allowed,
    negotiate,
)

log = logging.getLogger("mgcoach.web")

API_PREFIX = "/api/"
STATIC_PREFIX = "/static/"
# One policy for every response. No 'unsafe-inline': the templates carry no inline script,
# style element or style attribute (tests/web/test_hardening_requests.py checks them).
# 'wasm-unsafe-eval' lets a script from /static compile WebAssembly (the Log page's barcode
# reader, static/vendor/barcode-detector); it allows no eval() of JavaScript.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    )
)
SECURITY_HEADERS = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    # The camera for this site's own pages only: the Log page scans a barcode with it.
    ("permissions-policy", "camera=(self), microphone=(), geolocation=(), payment=()"),
)
HSTS = ("strict-transport-security", "max-age=31536000")
# GET paths whose work is the engine's: answered within the time budget or refused.
HEAVY_PREFIXES = (
    "/api/v1/check",
    "/api/v1/advice",
    "/api/v1/day/",
    "/api/v1/week/",
    "/api/v1/trend",
    "/api/v1/plan/",
    "/api/v1/foods/suggest",
    "/api/v1/foods/top",
    "/today",
    "/plan",
    "/trends",
    "/foods",
)
JSON_TYPES = frozenset({"application/json"})
MIB = 1024 * 1024
MAX_UPLOAD_BYTES = 10 * MIB
"""The largest body of a file upload (all its files together): years of a detailed diet app
export, or a Mg Coach JSON export of a few years, take a few MB. Larger files go through the
command line (``mgcoach import``), which reads them from disk."""
UPLOAD_PATHS = ("/data/import", "/data/restore")
"""The routes that take files (web/pages/data.py), and only these, accept the upload limit."""

# How a guard answers a refusal: the app's own error answer (JSON under /api, a page
# elsewhere, in the viewer's language), handed in by create_app.
Refuse = Callable[[Request, MgCoachError], Awaitable[Response]]


class BodyTooLargeError(MgCoachError):
    code = "body_too_large"
    http_status = 413

    def __init__(self, limit: int) -> None:
        if limit >= MIB:  # an upload route's limit
            super().__init__(
                N_(
                    "The upload is too large: at most {limit_mb} MB can be sent at once. "
                    "Split the export into shorter periods, or import it on this computer's "
                    "command line."
                ),
                limit_mb=limit // MIB,
            )
            return
        super().__init__(
            N_("The request is too large: at most {limit_kib} KiB are accepted."),
            limit_kib=limit // 1024,
        )


class UnsupportedMediaTypeError(MgCoachError):
    code = "unsupported_media_type"
    http_status = 415

    def __init__(self) -> None:
        super().__init__(
            N_("Send the body as JSON, with the header Content-Type: application/json.")
        )


class CrossSiteError(MgCoachError):
    code = "cross_site"
    http_status = 403

    def __init__(self) -> None:
        super().__init__(N_("This request came from another site and was refused."))


class ApiCsrfError(CsrfError):
    def __init__(self) -> None:
        MgCoachError.__init__(
            self,
            N_(
                "A change through the API needs the page's X-CSRF-Token header, or an "
                "X-Requested-With header in local mode."
            ),
        )


class TooSlowError(MgCoachError):
    code = "too_slow"
    http_status = 503

    def __init__(self, seconds: float) -> None:
        super().__init__(
            N_("This took longer than {seconds} seconds; try again later."),
            seconds=round(seconds, 1),
        )


class BodyOverflow(HTTPException):
    """Raised from ``receive`` when a streamed body passes the limit. An HTTPException, so
    FastAPI's body parsing lets it through unchanged to the app's handler (``create_app``
    answers it as ``BodyTooLargeError``)."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413)
        self.limit = limit


def _is_api(path: str) -> bool:
    return path.startswith(API_PREFIX)


async def _answer(
    refuse: Refuse, scope: Scope, receive: Receive, send: Send, error: MgCoachError
) -> None:
    response = await refuse(Request(scope, receive), error)
    await response(scope, receive, send)


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, hsts: bool = False) -> None:
        self.app = app
        # Encoded once: (name, value) as the response's raw headers hold them, lower case.
        always = [*SECURITY_HEADERS, *([HSTS] if hsts else [])]
        self.static = _raw_headers(always)
        self.dynamic = _raw_headers([*always, ("cache-control", "no-store")])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith(STATIC_PREFIX)
        ours, names = self.static if static else self.dynamic

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # As MutableHeaders' item assignment would: ours replace any of their names.
                kept = [item for item in message.get("headers", ()) if item[0] not in names]
                message["headers"] = kept + ours
            await send(message)

        await self.app(scope, receive, with_headers)


RawHeaders = tuple[list[tuple[bytes, bytes]], frozenset[bytes]]


def _raw_headers(headers: list[tuple[str, str]]) -> RawHeaders:
    """``headers`` as a response's raw headers hold them (lower-case names), and their names."""
    raw = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers]
    return raw, frozenset(name for name, _value in raw)


class BodyLimit:
    """``limit`` for every request, but the paths of ``paths`` (path -> its own limit)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        limit: int,
        refuse: Refuse,
        paths: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.limit = limit
        self.refuse = refuse
        self.paths = dict.fromkeys(UPLOAD_PATHS, MAX_UPLOAD_BYTES) if paths is None else paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.paths.get(str(scope.get("path", "")), self.limit)
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.strip().isdigit() or int(declared) > limit):
            set_language(negotiate(Headers(scope=scope).get("accept-language")))
            await _answer(self.refuse, scope, _no_body, send, BodyTooLargeError(limit))
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyOverflow(limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyOverflow:
            if started:
                raise
            await _answer(self.refuse, scope, _no_body, send, BodyTooLargeError(limit))


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin_key(scheme: str, netloc: str) -> tuple[str, int | None] | None:
    """(host, port) of a host[:port], the scheme's default port when none is given."""
    try:
        parts = urlsplit("//" + netloc)
        port = parts.port
    except ValueError:
        return None
    return (parts.hostname or "", port or DEFAULT_PORTS.get(scheme))


def same_origin(origin: str, host: str | None) -> bool:
    """Whether an Origin header names the site the request was sent to (its Host header):
    the same host and port, over http or https (a proxy in front may end TLS)."""
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or not host:
        return False
    ours = _origin_key(parts.scheme, host)
    return ours is not None and ours == _origin_key(parts.scheme, parts.netloc)


def _has_body(headers: Headers) -> bool:
    length = headers.get("content-length")
    return "transfer-encoding" in headers or (
        length is not None and length.strip() not in ("", "0")
    )


def _media_type(headers: Headers) -> str:
    return headers.get("content-type", "").split(";")[0].strip().lower()


class WriteGuard:
    def __init__(self, app: ASGIApp, *, refuse: Refuse) -> None:
        self.app = app
        self.refuse = refuse

    def refusal(self, scope: Scope) -> MgCoachError | None:
        """Why a write must not reach the app, or None."""
        headers = Headers(scope=scope)
        if headers.get("sec-fetch-site", "").lower() in ("cross-site", "same-site"):
            return CrossSiteError()
        origin = headers.get("origin")
        if origin is not None and not same_origin(origin, headers.get("host")):
            return CrossSiteError()
        if not _is_api(scope["path"]):
            return None  # forms: verified_form checks the CSRF token
        viewer: Viewer | None = scope.get("state", {}).get("viewer")
        if viewer is None or not viewer.signed_in:
            return NotSignedInError()
        if not api_write_allowed(viewer, headers):
            return ApiCsrfError()
        if _has_body(headers) and _media_type(headers) not in JSON_TYPES:
            return UnsupportedMediaTypeError()
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            error = self.refusal(scope)
            if error is not None:
                await _answer(self.refuse, scope, _no_body, send, error)
                return
        await self.app(scope, receive, send)


class TimeBudget:
    def __init__(self, app: ASGIApp, *, seconds: float, refuse: Refuse) -> None:
        self.app = app
        self.seconds = seconds
        self.refuse = refuse
        self._late: set[asyncio.Task[None]] = set()  # work past its budget, still finishing

    @staticmethod
    def heavy(scope: Scope) -> bool:
        path = str(scope.get("path", ""))
        return scope["method"] in SAFE_METHODS and any(
            path == prefix.rstrip("/") or path.startswith(prefix) for prefix in HEAVY_PREFIXES
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.heavy(scope):
            await self.app(scope, receive, send)
            return
        started = False
        dropped = False

        async def guarded(message: Message) -> None:
            nonlocal started
            if dropped:
                return  # the answer came after the budget: the client has its 503
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        # A task of its own (asyncio: uvicorn's loop and the test client's), so the answer
        # need not wait for a worker thread that cannot be interrupted.
        task = asyncio.ensure_future(self.app(scope, receive, guarded))
        done, _pending = await asyncio.wait({task}, timeout=self.seconds)
        if done or started:
            await task  # finished, or already answering: let it complete
            return
        dropped = True
        self._late.add(task)
        task.add_done_callback(self._finished)
        await _answer(self.refuse, scope, _no_body, send, TooSlowError(self.seconds))

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._late.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("late request failed", exc_info=task.exception())
