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

from collections.abc import Callable, Hashable
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from ..i18n import get_language
from .context import state_of, viewer_of
from .templating import page_html

CSRF_MARK = Markup("<mgcoach-csrf-token/>")


def shared_page(
    request: Request, template: str, key: Hashable, context: Callable[[], dict[str, Any]]
) -> HTMLResponse:
    """``template`` with the values ``context()`` gives, made once per ``key`` (which must hold
    whatever the values rest on) for this viewer and language."""
    viewer = viewer_of(request)
    full_key = (
        template,
        viewer.account_id,
        viewer.owner,
        viewer.signed_in,
        viewer.units,
        get_language(),
        key,
    )

    def make() -> str:
        return page_html(request, template, CSRF_MARK, **context())

    html = state_of(request).pages.get(full_key, make)
    return HTMLResponse(html.replace(CSRF_MARK, viewer.csrf))
