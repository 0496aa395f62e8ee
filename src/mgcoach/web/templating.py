"""Pages are Jinja2 templates (templates/), rendered in the viewer's language.

Templates call ``_("msgid")`` (extracted into the catalogs by tools/i18n.py, like the Python
code) and fill ``{name}`` placeholders with ``.format``; numbers and dates go through the
Babel filters below so 1234.5 reads "1,234.5" in English and "1.234,5" in Dutch.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import NumberPattern, format_percent, parse_pattern
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..contract.evidence import strength_text
from ..i18n import _, get_language, translate, translations
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
    text = _pattern(digits).apply(value, _locale(get_language()))
    return f"{text}\u00a0{unit}" if unit else text


@cache
def _pattern(digits: int) -> NumberPattern:
    """The Babel pattern for ``digits`` decimals, parsed once (a page formats hundreds)."""
    return parse_pattern("#,##0" + ("." + "0" * digits if digits else ""))


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def percent(value: float | None) -> str:
    if value is None:
        return "—"
    return format_percent(value, locale=get_language())


def day_text(value: date | str | None, form: str = "long") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return format_date(value, format=form, locale=get_language())


def moment_text(value: datetime | None, form: str = "medium") -> str:
    if value is None:
        return "—"
    return format_datetime(value, format=form, locale=get_language())


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
    )
    env.install_gettext_callables(_, _ngettext, newstyle=False)  # type: ignore[attr-defined]
    env.filters.update(num=num, percent=percent, day=day_text, moment=moment_text)
    env.globals.update(translate=translate, NAV=NAV, strength_text=strength_text)
    return env


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    viewer = viewer_of(request)
    page = environment().get_template(template)
    html = page.render(
        request=request,
        viewer=viewer,
        lang=get_language(),
        multi_user=request.app.state.web.config.multi_user,
        csrf_token=viewer.csrf,
        **context,
    )
    return HTMLResponse(html, status_code=status_code)
