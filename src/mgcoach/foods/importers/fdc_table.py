"""What the FoodData Central readers share: the data types, the entry each wanted food gets,
and reading one CSV member (header checked for the columns a reader needs, rows checked for
their field count, numbers read strictly, damage reported with the file name).

FoodData Central writes every value quoted (``"170567","sr_legacy_food","Nuts, almonds"``),
UTF-8, one header line. A row with another field count than the header means a truncated or
foreign file, so it is an error rather than a skipped row.
"""

from __future__ import annotations

import csv
import math
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from ...errors import ImportFileError
from ...i18n import N_
from .files import DAMAGE, Release

# utf-8-sig: a byte-order mark, which spreadsheet round-trips add, is not part of "fdc_id".
ENCODING = "utf-8-sig"
# The progress callback receives the number of rows read since its previous call.
PROGRESS_STEP = 10_000

Progress = Callable[[int], None]


class FdcType(StrEnum):
    """A FoodData Central data type: its ``data_type`` value and the name of its own file."""

    SR_LEGACY = "sr_legacy_food"
    FOUNDATION = "foundation_food"
    FNDDS = "survey_fndds_food"
    BRANDED = "branded_food"

    @property
    def file(self) -> str:
        return f"{self.value}.csv"


@dataclass(frozen=True, slots=True)
class Entry:
    """What a data type's own file says about one food (built only when the food is yielded)."""

    kind: FdcType
    slot: int
    ndb: str | None = None
    brand: str | None = None
    barcode: str | None = None
    serving_g: float | None = None


_KINDS = tuple(FdcType)


class Wanted:
    """The foods one import reads: fdc_id text -> slot, and what each slot knows, in columns.

    Columns rather than an object per food: two million Branded foods cost about 140 bytes
    each here (key, slot, barcode as an integer, serving, brand reference), half what a
    small object per food would.
    """

    def __init__(self) -> None:
        self.slots: dict[str, int] = {}
        self._kinds = array("B")
        self._ndbs: dict[int, str] = {}  # SR Legacy and Foundation only: a few thousand
        self._brands: list[str | None] = []
        self._barcodes = array("q")  # the digits as a number; -1 for none
        self._digits = array("B")  # how many digits, so leading zeros come back
        self._servings = array("d")  # grams; NaN for none

    def __len__(self) -> int:
        return len(self.slots)

    def add(
        self,
        fdc_id: str,
        kind: FdcType,
        *,
        ndb: str | None = None,
        brand: str | None = None,
        barcode: str | None = None,
        serving_g: float | None = None,
    ) -> bool:
        """Give ``fdc_id`` the next slot; False (and nothing changes) when it has one.

        ``barcode`` must be digits only (``fdc_branded.barcode`` checks it).
        """
        if fdc_id in self.slots:
            return False
        slot = self.slots[fdc_id] = len(self.slots)
        self._kinds.append(_KINDS.index(kind))
        if ndb is not None:
            self._ndbs[slot] = ndb
        self._brands.append(brand)
        self._barcodes.append(int(barcode) if barcode else -1)
        self._digits.append(len(barcode) if barcode else 0)
        self._servings.append(math.nan if serving_g is None else serving_g)
        return True

    def entry(self, slot: int) -> Entry:
        code, serving = self._barcodes[slot], self._servings[slot]
        return Entry(
            _KINDS[self._kinds[slot]],
            slot,
            ndb=self._ndbs.get(slot),
            brand=self._brands[slot],
            barcode=f"{code:0{self._digits[slot]}d}" if code >= 0 else None,
            serving_g=None if math.isnan(serving) else serving,
        )


@dataclass(slots=True)
class Table:
    """An open CSV member: ``columns`` maps each header name to its index."""

    name: str
    columns: dict[str, int]
    _reader: Iterator[list[str]]
    _line: Callable[[], int]
    _progress: Progress | None

    @property
    def line(self) -> int:
        """The line number of the row last read (the header is line 1)."""
        return self._line()

    def index(self, *names: str) -> tuple[int, ...]:
        return tuple(self.columns[name] for name in names)

    def get(self, name: str) -> int | None:
        """The index of an optional column, None when this release lacks it."""
        return self.columns.get(name)

    def rows(self) -> Iterator[list[str]]:
        """The data rows, each with exactly as many fields as the header (blank lines skipped)."""
        width = len(self.columns)
        count = 0
        try:
            for row in self._reader:
                if not row:
                    continue
                if len(row) != width:
                    raise ImportFileError(
                        N_("{name}, line {line}: expected {expected} fields, found {found}."),
                        name=self.name,
                        line=self.line,
                        expected=width,
                        found=len(row),
                    )
                count += 1
                if self._progress is not None and count % PROGRESS_STEP == 0:
                    self._progress(PROGRESS_STEP)
                yield row
        except (*DAMAGE, csv.Error) as error:
            raise damaged(self.name, error) from error
        if self._progress is not None and count % PROGRESS_STEP:
            self._progress(count % PROGRESS_STEP)

    def number(self, row: list[str], column: int) -> float | None:
        """A non-negative number from ``row[column]``; None when empty; an error otherwise."""
        text = row[column].strip()
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise ImportFileError(
                N_("{name}, line {line}: {column} {value!r} is not a number."),
                name=self.name,
                line=self.line,
                column=self._column_name(column),
                value=text,
            )
        if value < 0:
            raise ImportFileError(
                N_("{name}, line {line}: {column} {value!r} is negative."),
                name=self.name,
                line=self.line,
                column=self._column_name(column),
                value=text,
            )
        return value

    def integer(self, row: list[str], column: int) -> int:
        """A whole number (an fdc_id) from ``row[column]``; an error otherwise."""
        text = row[column].strip()
        if not text.isdigit():
            raise ImportFileError(
                N_("{name}, line {line}: {column} {value!r} is not a number."),
                name=self.name,
                line=self.line,
                column=self._column_name(column),
                value=text,
            )
        return int(text)

    def _column_name(self, column: int) -> str:
        return next(name for name, index in self.columns.items() if index == column)


def damaged(name: str, error: BaseException) -> ImportFileError:
    return ImportFileError(
        N_("{name} is damaged or truncated ({error})."), name=name, error=str(error)
    )


@contextmanager
def open_table(
    release: Release, name: str, required: Sequence[str], progress: Progress | None = None
) -> Iterator[Table]:
    """Open ``name`` and check that its header holds every ``required`` column."""
    with release.open_text(name, ENCODING) as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
        except (*DAMAGE, csv.Error) as error:
            raise damaged(name, error) from error
        columns = {column.strip(): index for index, column in enumerate(header or [])}
        missing = [column for column in required if column not in columns]
        if missing:
            raise ImportFileError(
                N_("{name} lacks the column(s) {columns}; is it a FoodData Central file?"),
                name=name,
                columns=", ".join(missing),
            )
        yield Table(name, columns, reader, lambda: reader.line_num, progress)
