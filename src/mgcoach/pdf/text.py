"""Numbers and dates in the report's language (CLDR's notation), as the pages show them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..i18n import get_language
from ..i18n.cldr_dates import format_date
from ..i18n.cldr_numbers import fixed_pattern, format_decimal


def num(value: float | None, digits: int = 0, unit: str = "") -> str:
    """A number in the current language, with its unit; a dash when unknown."""
    if value is None:
        return "—"
    text = format_decimal(value, get_language(), fixed_pattern(digits))
    return f"{text}\u00a0{unit}" if unit else text


def day(value: date | str | None, form: str = "medium") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return format_date(value, form, get_language())


def cite(ids: Sequence[str]) -> str:
    """Source ids as the report cites them: " [IOM97, NIH-ODS]"."""
    return f" [{', '.join(ids)}]" if ids else ""
