"""Pages reused while what they show is unchanged (Today, and Log without a failed post).

A page is rendered once per key and kept in the app's own ``WebState.pages`` (services/cache.py
``Recent``: bounded, least recently used out). The key holds everything the page is made
from: the caller's part (the profile's id and the write generations of what the page read,
storage/generation.py, so a write by any process makes a new key; the day; the clock's part)
and, added here, the viewer (account and name), the language, the units and the sign-in
state. One person's page is never shown to another.

The page's forms carry the viewer's CSRF token, which differs between sessions of one person:
the page is rendered with ``CSRF_MARK`` in its place and kept as its UTF-8 bytes cut at the
marks (``KeptPage``), and each answer joins them with the viewer's own token: a copy of the
bytes, where searching a 60 KB page for the mark and encoding it again took about a tenth of
a kept Log page's time. The mark is markup no data can produce (every value a template shows
is HTML-escaped, so a ``<`` from data never reaches the page as such).
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


class KeptPage:
    """A rendered page as its UTF-8 bytes around the places of the CSRF token."""

    __slots__ = ("parts",)

    def __init__(self, html: str) -> None:
        self.parts = tuple(part.encode() for part in html.split(CSRF_MARK))

    def answer(self, request: Request) -> HTMLResponse:
        """The page with the viewer's own token in each place."""
        return HTMLResponse(viewer_of(request).csrf.encode().join(self.parts))


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

    def make() -> KeptPage:
        return KeptPage(page_html(request, template, CSRF_MARK, **context()))

    kept = state_of(request).pages.get(_full_key(request, template, key), make)
    assert isinstance(kept, KeptPage)
    return kept.answer(request)


async def kept_page(
    request: Request, template: str, key: Hashable, context: Callable[[], dict[str, Any]]
) -> HTMLResponse:
    """``shared_page`` for an ``async def`` route: a kept page is answered on the event loop
    (a thread-pool hop costs more than the answer); only making one goes to the thread pool."""
    kept = state_of(request).pages.peek(_full_key(request, template, key))
    if kept is None:
        return await run_in_threadpool(shared_page, request, template, key, context)
    assert isinstance(kept, KeptPage)
    return kept.answer(request)


async def kept_json(
    request: Request, key: Hashable, make: Callable[[], Mapping[str, object]]
) -> Response:
    """A JSON answer made once per ``key`` (which must hold whatever it rests on; the language
    is added here) and kept as its bytes, answered as ``kept_page`` answers a page."""
    full_key = ("json", get_language(), key)
    pages = state_of(request).pages
    body = pages.peek(full_key)
    if body is None:

        def made() -> bytes:
            return bytes(JSONResponse(make()).body)

        body = await run_in_threadpool(pages.get, full_key, made)
    assert isinstance(body, bytes)
    return Response(body, media_type="application/json")
