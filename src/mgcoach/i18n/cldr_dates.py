"""Dates and times in English or Dutch, exactly as Babel's ``format_date``,
``format_datetime`` (a datetime's own wall clock; no time zone field) and
``format_skeleton`` write them, for the forms in ``cldr.json``.

A pattern is compiled once into literal text and fields. Only the fields the package's
patterns use are known (weekday, month, day, year, hour, minute, second, am/pm); any other
letter in a pattern stops its compilation.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from .cldr import Locale, locale

# field letter -> the repetitions it may have
FIELDS = {
    "E": range(4, 5), "M": range(1, 5), "d": range(1, 3), "y": range(1, 3),
    "h": range(1, 3), "H": range(1, 3), "m": range(1, 3), "s": range(1, 3), "a": range(1, 4),
}  # fmt: skip
_TOKEN = re.compile(r"(?P<quoted>'(?:[^']|'')*')|(?P<field>([A-Za-z])\3*)|(?P<text>[^'A-Za-z]+)")

Token = str | tuple[str, int]  # literal text, or a field and its width


@cache
def compiled(pattern: str) -> tuple[Token, ...]:
    """``pattern``'s literal texts and fields; ValueError for a field not in ``FIELDS``."""
    tokens: list[Token] = []
    position = 0
    for match in _TOKEN.finditer(pattern.replace("''", "\0")):
        if match.start() != position:
            raise ValueError(f"unbalanced quote in date pattern {pattern!r}")
        position = match.end()
        field = match.group("field")
        if field is None:
            text = match.group("quoted")
            text = text[1:-1] if text else match.group("text") or ""
            tokens.append(text.replace("\0", "'"))
        elif field[0] in FIELDS and len(field) in FIELDS[field[0]]:
            tokens.append((field[0], len(field)))
        else:
            raise ValueError(f"unsupported field {field!r} in date pattern {pattern!r}")
    if position != len(pattern.replace("''", "\0")):
        raise ValueError(f"unbalanced quote in date pattern {pattern!r}")
    return tuple(tokens)


def _field(value: date, char: str, width: int, data: Locale) -> str:
    if char == "M":
        if width <= 2:
            return f"{value.month:0{width}d}"
        names = data.months_abbreviated if width == 3 else data.months_wide
        return names[value.month - 1]
    if char == "d":
        return f"{value.day:0{width}d}"
    if char == "y":
        year = f"{value.year:0{width}d}"
        return year[-2:] if width == 2 else year
    if char == "E":
        return data.days_wide[value.weekday()]
    if not isinstance(value, datetime):
        raise ValueError(f"a date has no {char!r} field")
    if char == "a":
        return data.periods[int(value.hour >= 12)]
    number = {"h": value.hour % 12 or 12, "H": value.hour, "m": value.minute, "s": value.second}
    return f"{number[char]:0{width}d}"


def apply(pattern: str, value: date, lang: str) -> str:
    """``value`` written with the date pattern ``pattern`` ("MMM d, y") in ``lang``."""
    data = locale(lang)
    return "".join(
        token if isinstance(token, str) else _field(value, *token, data)
        for token in compiled(pattern)
    )


def format_date(value: date, form: str, lang: str) -> str:
    """Babel's ``format_date`` for a named form: "short", "medium", "long" or "full"."""
    if isinstance(value, datetime):
        value = value.date()
    return apply(locale(lang).dates[form], value, lang)


def format_datetime(value: datetime, form: str, lang: str) -> str:
    """Babel's ``format_datetime`` for a named form (the ones in ``cldr.json``: "medium")."""
    data = locale(lang)
    time_text = apply(data.times[form], value, lang)
    date_text = apply(data.dates[form], value.date(), lang)
    return data.datetimes[form].replace("'", "").replace("{0}", time_text).replace("{1}", date_text)


def format_skeleton(skeleton: str, value: date, lang: str) -> str:
    """Babel's ``format_skeleton`` for a skeleton in ``cldr.json`` ("MMMd": "Mar 1", "1 mrt")."""
    return apply(locale(lang).skeletons[skeleton], value, lang)


def check(lang: str) -> None:
    """Compile every pattern of ``lang``: ValueError for one this module cannot write."""
    data = locale(lang)
    for pattern in (*data.dates.values(), *data.times.values(), *data.skeletons.values()):
        compiled(pattern)
