"""``/healthz``: the server is up and answering, for load balancers and for measuring.

Answered by the outermost middleware, before the Host check, the viewer, the session, the
CSRF cookie and the router: no database, no template, no session, no cookie. It says nothing
but "ok" (the same to everyone), so skipping those guards shows no one anything; it carries
the security headers every answer has. Not an API operation, so not in the OpenAPI.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from .middleware import HSTS, SECURITY_HEADERS

HEALTH_PATH = "/healthz"
BODY = b"ok"


def _latin(header: tuple[str, str]) -> tuple[bytes, bytes]:
    return header[0].encode("latin-1"), header[1].encode("latin-1")


_HEADERS = [
    (b"content-type", b"text/plain; charset=utf-8"),
    (b"cache-control", b"no-store"),
    *map(_latin, SECURITY_HEADERS),
]


class Health:
    """Pure ASGI middleware: GET and HEAD of ``/healthz`` are 200 "ok" in plain text; another
    method there is 405; every other request goes on to ``app``."""

    def __init__(self, app: ASGIApp, *, hsts: bool = False) -> None:
        self.app = app
        self.headers = [*_HEADERS, *([_latin(HSTS)] if hsts else [])]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != HEALTH_PATH:
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        allowed = method in ("GET", "HEAD")
        body = BODY if allowed else b""
        headers = [*self.headers, (b"content-length", str(len(body)).encode("ascii"))]
        if not allowed:
            headers.append((b"allow", b"GET, HEAD"))
        await send(
            {"type": "http.response.start", "status": 200 if allowed else 405, "headers": headers}
        )
        await send({"type": "http.response.body", "body": b"" if method == "HEAD" else body})
