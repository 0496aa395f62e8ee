"""Pages are Jinja2 templates (templates/), rendered in the viewer's language.

Templates call ``_("msgid")`` (extracted into the catalogs by tools/i18n.py, like the Python
code) and fill ``{name}`` placeholders with ``.format``; numbers and dates go through the
filters below (CLDR's notation, ``i18n/cldr*.py``) so 1234.5 reads "1,234.5" in English and
"1.234,5" in Dutch.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..contract.evidence import strength_text
from ..i18n import _, get_language, translate, translations
from ..i18n.cldr import locale
from ..i18n.cldr_dates import format_date, format_datetime
from ..i18n.cldr_numbers import NumberFormat, fixed_pattern, number_format
from .context import viewer_of

NAV = (
    ("today", "/today"),
    ("log", "/log"),
    ("plan", "/plan"),
    ("trends", "/trends"),
    ("foods", "/foods"),
    ("settings", "/settings"),
)


def num(value: float | None, digits: int = 0, unit: str = "") -> str:
    """A number in the page's locale, with its unit; a dash when unknown."""
    if value is None:
        return "—"
    text = _number_format(get_language(), digits)(value)
    return f"{text}\u00a0{unit}" if unit else text


@cache
def _number_format(lang: str, digits: int) -> NumberFormat:
    """The pattern for ``digits`` decimals in ``lang``, made ready once (a page formats
    hundreds of numbers)."""
    return number_format(fixed_pattern(digits), lang)


@cache
def _percent_format(lang: str) -> NumberFormat:
    """The language's percent pattern ("#,##0%"), parsed once."""
    return number_format(locale(lang).percent_pattern, lang)


def percent(value: float | None) -> str:
    if value is None:
        return "—"
    return _percent_format(get_language())(value)


def day_text(value: date | str | None, form: str = "long") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return format_date(value, form, get_language())


def moment_text(value: datetime | None, form: str = "medium") -> str:
    if value is None:
        return "—"
    return format_datetime(value, form, get_language())


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translations(get_language()).ngettext(singular, plural, n)


@cache
def environment() -> Environment:
    folder = str(resources.files(__package__).joinpath("templates"))
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        # The templates are the package's files: checking them for changes on every render
        # costs a stat per template and import; MGCOACH_DEBUG (development) turns it on.
        auto_reload=bool(os.environ.get("MGCOACH_DEBUG")),
    )
    env.install_gettext_callables(_, _ngettext, newstyle=False)  # type: ignore[attr-defined]
    # ``_`` straight to the translation: the i18n extension's alias looks ``gettext`` up in
    # the context and calls it again on each of a page's hundreds of texts.
    env.globals["_"] = _
    env.filters.update(num=num, percent=percent, day=day_text, moment=moment_text)
    env.globals.update(translate=translate, NAV=NAV, strength_text=strength_text)
    return env


def page_html(request: Request, template: str, csrf_token: str, **context: Any) -> str:
    """``template`` rendered for the request's viewer, with ``csrf_token`` in its forms."""
    page = environment().get_template(template)
    return page.render(
        request=request,
        viewer=viewer_of(request),
        lang=get_language(),
        multi_user=request.app.state.web.config.multi_user,
        csrf_token=csrf_token,
        **context,
    )


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = page_html(request, template, viewer_of(request).csrf, **context)
    return HTMLResponse(html, status_code=status_code)
