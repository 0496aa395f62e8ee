"""Pages reused while what they show is unchanged (Today, and Log without a failed post).

A page is rendered once per key and kept in the app's own ``WebState.pages`` (services/cache.py
``Recent``: bounded, least recently used out). The key holds everything the page is made
from: the caller's part (the profile's id and the write generations of what the page read,
storage/generation.py, so a write by any process makes a new key; the day; the clock's part)
and, added here, the viewer (account and name), the language, the units and the sign-in
state. One person's page is never shown to another.

The page's forms carry the viewer's CSRF token, which differs between sessions of one person:
the kept page holds ``CSRF_MARK`` in its place and each answer puts the viewer's own token in.
The mark is markup no data can produce (every value a template shows is HTML-escaped, so a
``<`` from data never reaches the page as such).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from ..i18n import get_language
from .context import state_of, viewer_of
from .templating import page_html

CSRF_MARK = Markup("<mgcoach-csrf-token/>")


def _full_key(request: Request, template: str, key: Hashable) -> Hashable:
    viewer = viewer_of(request)
    return (
        template,
        viewer.account_id,
        viewer.owner,
        viewer.signed_in,
        viewer.units,
        get_language(),
        key,
    )


def shared_page(
    request: Request, template: str, key: Hashable, context: Callable[[], dict[str, Any]]
) -> HTMLResponse:
    """``template`` with the values ``context()`` gives, made once per ``key`` (which must hold
    whatever the values rest on) for this viewer and language."""

    def make() -> str:
        return page_html(request, template, CSRF_MARK, **context())

    html = state_of(request).pages.get(_full_key(request, template, key), make)
    return HTMLResponse(html.replace(CSRF_MARK, viewer_of(request).csrf))


async def kept_page(
    request: Request, template: str, key: Hashable, context: Callable[[], dict[str, Any]]
) -> HTMLResponse:
    """``shared_page`` for an ``async def`` route: a kept page is answered on the event loop
    (a thread-pool hop costs more than the answer); only making one goes to the thread pool."""
    html = state_of(request).pages.peek(_full_key(request, template, key))
    if html is None:
        return await run_in_threadpool(shared_page, request, template, key, context)
    return HTMLResponse(html.replace(CSRF_MARK, viewer_of(request).csrf))


async def kept_json(
    request: Request, key: Hashable, make: Callable[[], Mapping[str, object]]
) -> Response:
    """A JSON answer made once per ``key`` (which must hold whatever it rests on; the language
    is added here) and kept as its bytes, answered as ``kept_page`` answers a page."""
    full_key = ("json", get_language(), key)
    pages = state_of(request).pages
    body = pages.peek(full_key)
    if body is None:

        def made() -> str:
            return bytes(JSONResponse(make()).body).decode()

        body = await run_in_threadpool(pages.get, full_key, made)
    return Response(body, media_type="application/json")
