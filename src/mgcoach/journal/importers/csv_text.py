"""Reading a diet app's CSV export: bytes to text, rows with their line numbers, and the cells
(numbers, dates, clock times) the way Cronometer and MyFitnessPal write them, and the way Excel
writes them back after a re-save: semicolons and decimal commas (nl, de, fr), tab-separated
UTF-16 ("Unicode text"), cp1252, day-first dates with slashes, dashes or dots.

The cells themselves (numbers, dates, clock times) are read by csv_cells.py; its names are
importable from here too. Nothing here knows a format: ``cronometer`` and ``myfitnesspal`` say
which column means what. A cell that cannot be read raises ValueError (the parsers) or
SkipRowError (the row readers); a file that cannot be read at all raises InputError.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from ...errors import InputError
from ...i18n import N_
from ..bounds import day_problem, text_problem
from .csv_cells import (
    DATE_ORDER_MIXED,
    DATE_ORDER_UNDECIDED,
    MINUTES_PER_DAY,
    NO_VALUE,
    date_order,
    parse_date,
    parse_number,
    parse_time,
)
from .records import DateOrder, FileReport, SkipReason

__all__ = [
    "DATE_ORDER_MIXED",
    "DATE_ORDER_UNDECIDED",
    "DELIMITERS",
    "MINUTES_PER_DAY",
    "NO_VALUE",
    "NumberColumn",
    "Row",
    "SkipRowError",
    "Table",
    "date_order",
    "decode",
    "normalise_header",
    "parse_date",
    "parse_number",
    "parse_time",
    "read_date",
    "read_numbers",
    "read_rows",
    "read_table",
    "require_text",
    "require_width",
    "sniff_delimiter",
    "uses_decimal_comma",
]

T = TypeVar("T")

DELIMITERS = (",", ";", "\t")
# Cells that say which decimal mark a file uses; "1,234" and "1.234" alone say nothing.
_SAYS_POINT = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+")
_SAYS_COMMA = re.compile(r"[+-]?(?:\d{1,3}(?:[.\s\u00a0\u202f']\d{3})+|\d+),\d+")
_EITHER = re.compile(r"[+-]?\d{1,3}[.,]\d{3}")
_MICROGRAM = re.compile(r"(?<![a-z])(?:μg|mcg)(?![a-z])")
_SEP_LINE = re.compile(r"sep=(.)\s*", re.IGNORECASE)


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
    """A whole export: its header as written, the normalised header -> column index, the rows,
    and how it writes them (``delimiter``; ``decimal_comma`` for ``112,6``)."""

    file: str
    encoding: str
    header: tuple[str, ...]
    columns: Mapping[str, int]
    rows: tuple[Row, ...]
    delimiter: str = ","
    decimal_comma: bool = False

    def column(self, name: str) -> int | None:
        """The index of the column ``name`` (compared normalised), None when absent."""
        return self.columns.get(normalise_header(name))

    def has(self, *names: str) -> bool:
        return all(self.column(name) is not None for name in names)

    def cells(self, index: int) -> Iterable[str]:
        """Every row's cell in column ``index`` (rows too short for it left out)."""
        return (row.cells[index] for row in self.rows if index < len(row.cells))


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
    (Excel's "Unicode text") or without one, and cp1252 only when UTF-8 fails (an old Windows
    re-save, what Excel's plain "CSV" writes)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [("utf-16", data)]
    elif data.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8-sig", data[len(codecs.BOM_UTF8) :]), ("cp1252", data[3:])]
    elif _looks_utf16(data):
        candidates = [("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", data)]
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


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: ASCII text with a zero byte beside every character."""
    sample = data[:200]
    return len(sample) >= 4 and (
        sample[1::2].count(0) > len(sample) * 0.4 or sample[0::2].count(0) > len(sample) * 0.4
    )


def normalise_header(name: str) -> str:
    """A header as compared: quotes and spaces around it dropped (an Excel re-save may keep
    both), spaces collapsed, case folded, µg/μg/mcg written ``ug``."""
    # casefold() turns the micro sign (U+00B5) into the Greek mu (U+03BC): one pattern for both.
    return _MICROGRAM.sub("ug", " ".join(_bare(name).split()).casefold())


def _bare(name: str) -> str:
    return name.replace("\ufeff", "").strip().strip("\"'").strip()


def sniff_delimiter(text: str) -> tuple[str, str]:
    """The delimiter of a CSV text (comma, semicolon or tab: the one that splits its header
    into the most fields) and the text to parse. An Excel ``sep=;`` first line names it."""
    start = len(text) - len(text.lstrip("\r\n"))
    first = text[start:].split("\n", 1)[0].split("\r", 1)[0]
    stated = _SEP_LINE.fullmatch(first)
    if stated is not None and stated.group(1) in DELIMITERS:
        return stated.group(1), text[:start] + " " * len(first) + text[start + len(first) :]
    fields = {
        delimiter: len(next(csv.reader([first], delimiter=delimiter), []))
        for delimiter in DELIMITERS
    }
    return max(DELIMITERS, key=lambda d: (fields[d], d == ",")), text


def uses_decimal_comma(cells: Iterable[str], delimiter: str) -> bool:
    """Whether a file writes ``112,6`` for 112.6: what most cells that say so say. A comma-
    separated file never does (the comma would split the cell). When no cell says, a
    semicolon-separated file is taken to (Excel in nl, de and fr writes both)."""
    if delimiter == ",":
        return False
    point = comma = 0
    for cell in cells:
        text = cell.strip()
        if _EITHER.fullmatch(text):
            continue
        if _SAYS_COMMA.fullmatch(text):
            comma += 1
        elif _SAYS_POINT.fullmatch(text):
            point += 1
    if point == comma:
        return delimiter == ";"
    return comma > point


def read_table(data: bytes, file: str) -> Table:
    """Every non-blank record of an export; CRLF, LF and CR line ends alike."""
    text, encoding = decode(data, file)
    delimiter, text = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
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
    header = [_bare(cell) for cell in records[0].cells]
    while header and not header[-1]:  # a spreadsheet's empty columns past the last one
        header.pop()
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(normalise_header(name), index)
    rows = tuple(records[1:])
    decimal_comma = uses_decimal_comma((c for row in rows for c in row.cells), delimiter)
    return Table(file, encoding, tuple(header), columns, rows, delimiter, decimal_comma)


def require_width(table: Table, row: Row) -> None:
    """A row with more or fewer fields than the header cannot be matched to its columns (empty
    cells past the header's last column, as a spreadsheet may write, are no more fields)."""
    width = len(row.cells)
    while width > len(table.header) and not row.cells[width - 1].strip():
        width -= 1
    if width != len(table.header):
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
    if day_problem(day) is not None:
        raise SkipRowError(SkipReason.DATE_OUT_OF_RANGE, day.isoformat())
    return day


def read_numbers(
    row: Row, columns: Sequence[NumberColumn], decimal_comma: bool = False
) -> dict[str, float | None]:
    """The nutrient values of a row in our units; a negative or absurd value skips the row."""
    values: dict[str, float | None] = {}
    for column in columns:
        cell = row.cells[column.index]
        try:
            number = parse_number(cell, decimal_comma)
        except ValueError:
            raise SkipRowError(SkipReason.UNREADABLE_VALUE, f"{column.name}: {cell!r}") from None
        if number is not None:
            number /= column.per_unit
            if number < 0 or number > column.limit:
                raise SkipRowError(SkipReason.IMPOSSIBLE_VALUE, f"{column.name}: {cell.strip()}")
        values[column.key] = number
    return values


def require_text(row: Row) -> None:
    """A cell longer than a note, or with a control character other than a tab or a line end
    (text the journal cannot hold: journal/bounds.py), skips its row."""
    for cell in row.cells:
        if text_problem(cell, "note", multiline=True) is not None:
            shown = cell[:40].encode("unicode_escape").decode("ascii")
            raise SkipRowError(SkipReason.BAD_TEXT, f"{len(cell)} characters: {shown}")


def read_rows(table: Table, report: FileReport, build: Callable[[Row], T]) -> list[T]:
    """``build`` applied to every row, counting each as read; a SkipRowError is counted as
    skipped, with its line. ``report.used`` is left to the caller: what is used is decided
    when the files are combined."""
    built: list[T] = []
    for row in table.rows:
        report.read += 1
        try:
            require_width(table, row)
            require_text(row)
            built.append(build(row))
        except SkipRowError as skipped:
            report.skip(skipped.reason, line=row.line, detail=skipped.detail)
    return built
