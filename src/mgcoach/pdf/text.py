"""Numbers and dates in the report's language (Babel), as the pages show them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

from ..i18n import get_language


def num(value: float | None, digits: int = 0, unit: str = "") -> str:
    """A number in the current language, with its unit; a dash when unknown."""
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    text = str(format_decimal(value, format=pattern, locale=get_language()))
    return f"{text}\u00a0{unit}" if unit else text


def day(value: date | str | None, form: str = "medium") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return str(format_date(value, format=form, locale=get_language()))


def cite(ids: Sequence[str]) -> str:
    """Source ids as the report cites them: " [IOM97, NIH-ODS]"."""
    return f" [{', '.join(ids)}]" if ids else ""
