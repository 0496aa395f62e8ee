"""What the site's forms share: numbers as people type them, field-level errors, US units.

Numbers (``parse_number``) are read with either decimal separator, so "0,72" and "0.72" are the
same value on the Dutch and the English page. The rules, in order:

1. Spaces around the number are ignored; a leading ``-``, ``+`` or ``−`` gives the sign.
   Inside, only digits, ``.`` and ``,`` are allowed (no spaces, no exponent).
2. Both ``.`` and ``,`` present: the one that comes last is the decimal separator and may occur
   once; the other groups the whole part in threes ("1.234,5" and "1,234.5" are 1234.5,
   "1.234.567,8" is 1234567.8). Badly placed group separators are refused ("1.23,4").
3. One separator, more than once: it groups thousands ("1.234.567", "1,234,567").
4. One separator, once: it is the decimal separator ("0,72", "12.5", "1,5"), except when it is
   the page language's thousands separator (English ",", Dutch ".") and sits exactly as one:
   1 to 3 digits not starting with 0, then exactly three ("1,234" is 1234 in English and 1.234
   in Dutch; "1.234" is 1234 in Dutch and 1.234 in English; "0,720" is 0.72 in both).

So a number written the way the page language writes it (CLDR's grouping and decimals) always
reads back as the value, and a plain decimal in either language's notation is never misread.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from ..errors import InputError, MgCoachError
from ..i18n import N_, get_language, translate
from ..i18n.cldr import locale
from ..i18n.cldr_numbers import format_decimal
from ..units import convert, inches_to_cm, pounds_to_kg

T = TypeVar("T")

NOT_A_NUMBER = N_("{value} is not a number.")
CHECKED = frozenset({"1", "on", "true", "yes"})
_SIGN = {"-": -1.0, "−": -1.0, "+": 1.0}
_BODY = re.compile(r"^[0-9.,]*[0-9][0-9.,]*$")


def _grouped(text: str, group: str) -> bool:
    """Is ``text`` a whole number grouped in threes by ``group`` (at least one group)?"""
    return re.fullmatch(r"[0-9]{1,3}(?:" + re.escape(group) + r"[0-9]{3})+", text) is not None


def _decimal(whole: str, fraction: str) -> str:
    if not whole and not fraction:
        raise ValueError
    return f"{whole or '0'}.{fraction or '0'}"


def _plain(body: str, lang: str) -> str:
    """The number ``body`` (no sign) as Python's float() reads it; ValueError when unreadable."""
    commas, dots = body.count(","), body.count(".")
    if commas and dots:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        group = "." if decimal == "," else ","
        whole, _sep, fraction = body.rpartition(decimal)
        if body.count(decimal) != 1 or group in fraction or not _grouped(whole, group):
            raise ValueError
        return _decimal(whole.replace(group, ""), fraction)
    if not (commas or dots):
        return body
    separator = "," if commas else "."
    if body.count(separator) > 1:
        if not _grouped(body, separator):
            raise ValueError
        return body.replace(separator, "")
    if separator == locale(lang).group and _grouped(body, separator) and body[0] != "0":
        return body.replace(separator, "")
    whole, _sep, fraction = body.partition(separator)
    return _decimal(whole, fraction)


def parse_number(text: str, lang: str | None = None) -> float:
    """A number typed in English or Dutch notation (see the module's rules); InputError else."""
    cleaned = text.strip()
    sign = 1.0
    if cleaned[:1] in _SIGN:
        sign, cleaned = _SIGN[cleaned[0]], cleaned[1:].lstrip()
    if not _BODY.match(cleaned):
        raise InputError(NOT_A_NUMBER, value=text.strip())
    try:
        value = float(_plain(cleaned, lang or get_language()))
    except ValueError:
        raise InputError(NOT_A_NUMBER, value=text.strip()) from None
    if not math.isfinite(value):
        raise InputError(NOT_A_NUMBER, value=text.strip())
    return sign * value


def optional_number(text: str, lang: str | None = None) -> float | None:
    """``parse_number``, or None for an empty field."""
    return None if not text.strip() else parse_number(text, lang)


def number_text(value: float | None, digits: int = 1, lang: str | None = None) -> str:
    """A number to put back into an input: the page's decimal separator, no grouping, at most
    ``digits`` decimals ("70,5" in Dutch); empty for None."""
    if value is None:
        return ""
    pattern = "0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, lang or get_language(), pattern)


def checked(value: object) -> bool:
    """A posted checkbox: present with a true-ish value."""
    return isinstance(value, str) and value.strip().lower() in CHECKED


# -- field errors ------------------------------------------------------------------------------


def error_text(error: MgCoachError) -> str:
    """The error's message in the current language."""
    return translate(error.message, error.params)


def attempt(errors: dict[str, str], field: str, action: Callable[[], T]) -> T | None:
    """Run ``action``; a raised MgCoachError becomes the error of ``field`` (the first error of a
    field is kept) and the result None."""
    try:
        return action()
    except MgCoachError as error:
        errors.setdefault(field, error_text(error))
        return None


def field_of(error: MgCoachError, fields: Mapping[str, str], default: str) -> str:
    """The form field an error is about: the first of the inputs it names (``error.fields``)
    that the form has, ``fields`` mapping an input's name to the form's field id; for an error
    naming none of them, its type's name may stand for the whole family; else ``default``."""
    for key in (*error.fields, type(error).__name__):
        if key in fields:
            return fields[key]
    return default


def form_fields(names: Iterable[str], **renamed: str) -> dict[str, str]:
    """The ``fields`` of a form: each input name to the form's id for it (the name itself
    unless ``renamed`` says otherwise: ``weight_kg="weight"``)."""
    return {name: name for name in names} | renamed


def add_error(
    errors: dict[str, str], error: MgCoachError, fields: Mapping[str, str], default: str
) -> None:
    """``error`` on the form field it is about (see ``field_of``); the first error of a field
    is kept."""
    errors.setdefault(field_of(error, fields, default), error_text(error))


# -- units -------------------------------------------------------------------------------------


def weight_unit(units: str) -> str:
    return "lb" if units == "us" else "kg"


def height_unit(units: str) -> str:
    return "in" if units == "us" else "cm"


def weight_to_kg(value: float, units: str) -> float:
    """A weight as typed (lb with US units, else kg) in kg."""
    return pounds_to_kg(value) if units == "us" else value


def height_to_cm(value: float, units: str) -> float:
    """A height as typed (inches with US units, else cm) in cm."""
    return inches_to_cm(value) if units == "us" else value


def kg_to_weight(kg: float, units: str) -> float:
    """A stored weight (kg) in the units it is shown in."""
    return convert(kg, "kg", "lb") if units == "us" else kg


def cm_to_height(cm: float, units: str) -> float:
    """A stored height (cm) in the units it is shown in."""
    return convert(cm, "cm", "inch") if units == "us" else cm
