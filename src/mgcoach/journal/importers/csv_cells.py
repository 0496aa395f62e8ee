"""The cells of a diet app's CSV export: numbers, dates and clock times, the way Cronometer and
MyFitnessPal write them and the way Excel writes them back after a re-save (decimal commas,
day-first dates with slashes, dashes or dots). A cell that cannot be read raises ValueError;
a file whose dates cannot be read one way raises InputError.

csv_text.py reads the file itself and exports these names too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from ...errors import InputError
from ...i18n import N_
from .records import DateOrder

# Cells apps write for "no value": unknown, never zero.
NO_VALUE = frozenset({"", "-", "--", "n/a", "na", "null", "none"})
# A number with a decimal point and comma thousands (1,234.5), or a decimal comma and point,
# space or apostrophe thousands (1.234,5 / 1 234,5), as Excel writes them per locale.
_POINT_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[+-]?\.\d+")
_COMMA_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:[.\s\u00a0\u202f']\d{3})+|\d+)(?:,\d*)?|[+-]?,\d+")
_COMMA_THOUSANDS = re.compile(r"[.\s\u00a0\u202f']")
# 2024-03-05, 2024/3/5, 05/03/2024, 5-3-2024, 05.03.2024, 3/5/24; a time after it is dropped.
_DATE = re.compile(r"(\d{4}|\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{1,2})")
_DATE_TIME = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s*m\.?)?", re.IGNORECASE)
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?", re.IGNORECASE)
MINUTES_PER_DAY = 24 * 60
DATE_ORDER_UNDECIDED = N_(
    "{file}: a date such as {example} could be day-first or month-first, and no date in the "
    "file says which. Nothing was imported: import it again and say the date order: dmy (day "
    "first), mdy (month first) or ymd (year first)."
)
DATE_ORDER_MIXED = N_(
    "{file} writes some dates day-first ({day_first}) and others month-first ({month_first}). "
    "Nothing was imported: import it again and say the date order (dmy, mdy or ymd) to read; "
    "the dates that do not fit are then skipped."
)


# A diary repeats its cells (0.00, the same day): read each distinct one once.
@lru_cache(maxsize=65_536)
def parse_number(text: str, decimal_comma: bool = False) -> float | None:
    """``1,234.5`` -> 1234.5 (or ``1.234,5`` with ``decimal_comma``); an empty cell, ``-`` or
    ``N/A`` -> None (unknown, never 0).

    With a decimal point, commas are thousands separators only: ``1,5`` is unreadable rather
    than guessed. With a decimal comma, points, spaces and apostrophes group thousands.
    """
    cell = text.strip()
    if cell.casefold() in NO_VALUE:
        return None
    if decimal_comma:
        if not _COMMA_NUMBER.fullmatch(cell):
            raise ValueError(f"not a number: {text!r}")
        number = float(_COMMA_THOUSANDS.sub("", cell).replace(",", "."))
    else:
        if not _POINT_NUMBER.fullmatch(cell):
            raise ValueError(f"not a number: {text!r}")
        number = float(cell.replace(",", ""))
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {text!r}")
    return number


def _date_parts(text: str) -> re.Match[str] | None:
    """The parts of a date cell: year first with a 1-2 digit day last, or a 2 or 4 digit year
    last; None for anything else."""
    match = _DATE.fullmatch(_DATE_TIME.sub("", text.strip(), count=1).strip())
    if match is None:
        return None
    first, last = len(match.group(1)), len(match.group(4))
    return match if (last <= 2 if first == 4 else last in (2, 4)) else None


def date_order(cells: Iterable[str], file: str = "", given: DateOrder | None = None) -> DateOrder:
    """How a file writes its dates, decided once for the whole file.

    ``given`` (the person's ``--date-order``) wins. Otherwise a first field above 12 anywhere
    makes the file day-first, a second field above 12 month-first, and dates with points
    (05.03.2024: no locale writes them month-first) day-first. A file of only year-first dates
    is ISO. Any other file could be read both ways: InputError naming ``--date-order``, never
    a silent guess (3-9 November would land on 11 March-11 September).
    """
    if given is not None:
        return given
    day_first = month_first = undecided = ""
    dotted = False
    for cell in cells:
        match = _date_parts(cell)
        if match is None or len(match.group(1)) == 4:
            continue
        first, second = int(match.group(1)), int(match.group(3))
        if first > 12 >= second:
            day_first = day_first or cell.strip()
        elif second > 12 >= first:
            month_first = month_first or cell.strip()
        elif match.group(2) == ".":
            dotted = True
        elif not undecided:
            undecided = cell.strip()
        if day_first and month_first:
            raise InputError(
                DATE_ORDER_MIXED,
                field="date_order",
                file=file,
                day_first=day_first,
                month_first=month_first,
            )
    if day_first:
        return DateOrder.DAY_FIRST
    if month_first:
        return DateOrder.MONTH_FIRST
    if undecided:
        raise InputError(DATE_ORDER_UNDECIDED, field="date_order", file=file, example=undecided)
    return DateOrder.DAY_FIRST if dotted else DateOrder.ISO


@lru_cache(maxsize=65_536)
def parse_date(text: str, order: DateOrder) -> date:
    """``2024-03-05`` and ``2024/03/05`` always; ``03/05/2024``, ``5-3-2024``, ``05.03.2024``
    and ``3/5/24`` in the file's ``order``. A time after the date (Excel) is dropped."""
    match = _date_parts(text)
    if match is None:
        raise ValueError(f"not a date: {text!r}")
    first, _sep, middle, last = match.groups()
    if len(first) == 4:
        return date(int(first), int(middle), int(last))
    if order is DateOrder.ISO:
        raise ValueError(f"not a year-first date: {text!r}")
    year = int(last) + (2000 if len(last) == 2 else 0)
    month, day = (int(first), int(middle))
    if order is DateOrder.DAY_FIRST:
        month, day = day, month
    return date(year, month, day)


def parse_time(text: str) -> int | None:
    """Minutes after midnight: ``8:05 AM`` -> 485, ``12:10 AM`` -> 10, ``20:15`` -> 1215; an
    empty cell -> None. Seconds, when given, are dropped."""
    cell = text.strip()
    if cell.casefold() in NO_VALUE:
        return None
    match = _TIME.fullmatch(cell)
    if match is None:
        raise ValueError(f"not a time: {text!r}")
    hour, minute = int(match.group(1)), int(match.group(2))
    seconds, half = match.group(3), match.group(4)
    if minute > 59 or (seconds is not None and int(seconds) > 59):
        raise ValueError(f"not a time: {text!r}")
    if half is not None:
        if not 1 <= hour <= 12:
            raise ValueError(f"not a 12-hour time: {text!r}")
        hour = hour % 12 + (12 if half.casefold() == "p" else 0)
    elif hour > 23:
        raise ValueError(f"not a time: {text!r}")
    return hour * 60 + minute
