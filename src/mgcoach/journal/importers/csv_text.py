"""Reading a diet app's CSV export: bytes to text, rows with their line numbers, and the cells
(numbers, dates, clock times) the way Cronometer and MyFitnessPal write them.

Nothing here knows a format: ``cronometer`` and ``myfitnesspal`` say which column means what.
A cell that cannot be read raises ValueError (the parsers) or SkipRowError (the row readers); a
file that cannot be read at all raises InputError.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from ...errors import InputError
from ...i18n import N_
from .records import DateOrder, FileReport, SkipReason

T = TypeVar("T")

# Cells apps write for "no value": unknown, never zero.
NO_VALUE = frozenset({"", "-", "--", "n/a", "na", "null", "none"})
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[+-]?\.\d+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?", re.IGNORECASE)
_MICROGRAM = re.compile(r"(?<![a-z])(?:μg|mcg)(?![a-z])")
MINUTES_PER_DAY = 24 * 60


class SkipRowError(Exception):
    """A row that becomes no record, with the reason and the cell at fault."""

    def __init__(self, reason: SkipReason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Row:
    """One CSV record and the physical line it starts on (1-based, header included)."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A whole export: its header as written, the normalised header -> column index, the rows."""

    file: str
    encoding: str
    header: tuple[str, ...]
    columns: Mapping[str, int]
    rows: tuple[Row, ...]

    def column(self, name: str) -> int | None:
        """The index of the column ``name`` (compared normalised), None when absent."""
        return self.columns.get(normalise_header(name))

    def has(self, *names: str) -> bool:
        return all(self.column(name) is not None for name in names)


@dataclass(frozen=True, slots=True)
class NumberColumn:
    """A column that holds one nutrient: its index, its header as written, our key, how many of
    the file's unit make one of ours (40 IU of vitamin D per µg) and the largest sane value."""

    index: int
    name: str
    key: str
    per_unit: float
    limit: float


def decode(data: bytes, file: str) -> tuple[str, str]:
    """The text of an export and its encoding: UTF-8 with or without a BOM, UTF-16 with a BOM
    (Excel's "Unicode text"), and cp1252 only when UTF-8 fails (an old Windows re-save)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [("utf-16", data)]
    elif data.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8-sig", data[len(codecs.BOM_UTF8) :]), ("cp1252", data[3:])]
    else:
        candidates = [("utf-8", data), ("cp1252", data)]
    for encoding, body in candidates:
        try:
            text = body.decode(encoding.removesuffix("-sig"))
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text.removeprefix("\ufeff"), encoding
    raise InputError(N_("{file} is not a CSV text file."), file=file)


def normalise_header(name: str) -> str:
    """A header as compared: spaces collapsed, case folded, µg/μg/mcg written ``ug``."""
    # casefold() turns the micro sign (U+00B5) into the Greek mu (U+03BC): one pattern for both.
    return _MICROGRAM.sub("ug", " ".join(name.split()).casefold())


def read_table(data: bytes, file: str) -> Table:
    """Every non-blank record of an export; CRLF, LF and CR line ends alike."""
    text, encoding = decode(data, file)
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[Row] = []
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise InputError(
                N_("{file} is not a readable CSV file (line {line}: {error})."),
                file=file,
                line=line,
                error=str(error),
            ) from error
        if any(cell.strip() for cell in cells):
            records.append(Row(line, tuple(cells)))
    if not records:
        raise InputError(N_("{file} is empty: it has no header row."), file=file)
    if len(records) == 1:
        raise InputError(
            N_("{file} has a header but no rows: export a period that has entries."), file=file
        )
    header = tuple(cell.strip() for cell in records[0].cells)
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(normalise_header(name), index)
    return Table(file, encoding, header, columns, tuple(records[1:]))


def parse_number(text: str) -> float | None:
    """``1,234.5`` -> 1234.5; an empty cell, ``-`` or ``N/A`` -> None (unknown, never 0).

    Commas are thousands separators only: ``1,5`` is unreadable rather than guessed.
    """
    cell = text.strip()
    if cell.casefold() in NO_VALUE:
        return None
    if not _NUMBER.fullmatch(cell):
        raise ValueError(f"not a number: {text!r}")
    number = float(cell.replace(",", ""))
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {text!r}")
    return number


def date_order(cells: Iterable[str]) -> DateOrder:
    """How a file writes its dates: a slash date with a first field above 12 anywhere makes the
    whole file day-first; other slash dates are month-first (the US apps' default)."""
    slashed = False
    for cell in cells:
        match = _SLASH_DATE.fullmatch(cell.strip())
        if match is None:
            continue
        slashed = True
        if int(match.group(1)) > 12:
            return DateOrder.DAY_FIRST
    return DateOrder.MONTH_FIRST if slashed else DateOrder.ISO


def parse_date(text: str, order: DateOrder) -> date:
    """``2024-03-05`` always; ``03/05/2024`` and ``3/5/24`` in the file's ``order``."""
    cell = text.strip()
    iso = _ISO_DATE.fullmatch(cell)
    if iso is not None:
        return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    slash = _SLASH_DATE.fullmatch(cell)
    if slash is None or order is DateOrder.ISO:
        raise ValueError(f"not a date: {text!r}")
    first, second, year = (int(part) for part in slash.groups())
    if len(slash.group(3)) == 2:
        year += 2000
    month, day = (first, second) if order is DateOrder.MONTH_FIRST else (second, first)
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


def require_width(table: Table, row: Row) -> None:
    """A row with more or fewer fields than the header cannot be matched to its columns."""
    if len(row.cells) != len(table.header):
        raise SkipRowError(
            SkipReason.MALFORMED_ROW, f"{len(row.cells)} fields, expected {len(table.header)}"
        )


def read_date(row: Row, index: int, order: DateOrder, today: date | None) -> date:
    """The row's day; a day after ``today`` (a meal planned ahead) is no history yet."""
    try:
        day = parse_date(row.cells[index], order)
    except ValueError:
        raise SkipRowError(SkipReason.UNREADABLE_DATE, repr(row.cells[index])) from None
    if today is not None and day > today:
        raise SkipRowError(SkipReason.FUTURE_DAY, day.isoformat())
    return day


def read_numbers(row: Row, columns: Sequence[NumberColumn]) -> dict[str, float | None]:
    """The nutrient values of a row in our units; a negative or absurd value skips the row."""
    values: dict[str, float | None] = {}
    for column in columns:
        cell = row.cells[column.index]
        try:
            number = parse_number(cell)
        except ValueError:
            raise SkipRowError(SkipReason.UNREADABLE_VALUE, f"{column.name}: {cell!r}") from None
        if number is not None:
            number /= column.per_unit
            if number < 0 or number > column.limit:
                raise SkipRowError(SkipReason.IMPOSSIBLE_VALUE, f"{column.name}: {cell.strip()}")
        values[column.key] = number
    return values


def read_rows(table: Table, report: FileReport, build: Callable[[Row], T]) -> list[T]:
    """``build`` applied to every row, counting each as read; a SkipRowError is counted as
    skipped, with its line. ``report.used`` is left to the caller: what is used is decided
    when the files are combined."""
    built: list[T] = []
    for row in table.rows:
        report.read += 1
        try:
            require_width(table, row)
            built.append(build(row))
        except SkipRowError as skipped:
            report.skip(skipped.reason, line=row.line, detail=skipped.detail)
    return built
