"""The rows of Cronometer's two CSV exports, read but not yet combined: the servings of
servings.csv (a food or supplement each, with its group, category and nutrients) and the days
of dailysummary.csv, in either layout, with the nutrient columns we keep."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ...i18n import NP_
from .csv_text import (
    NumberColumn,
    Row,
    SkipRowError,
    Table,
    date_order,
    parse_number,
    parse_time,
    read_date,
    read_numbers,
    read_rows,
)
from .records import (
    PLAUSIBLE_MAX,
    DateOrder,
    ExportKind,
    ExternalReport,
    FileReport,
    SkipReason,
    all_nutrients,
)

# Cholecalciferol: 1 µg = 40 IU (NIH Office of Dietary Supplements, vitamin D fact sheet).
VITAMIN_D_IU_PER_UG = 40.0
SUPPLEMENTS_CATEGORY = "supplements"
# Said when a servings file has times that cannot be read (cronometer.NOTES holds it too).
UNREADABLE_TIME = NP_(
    "{file}: the time on {rows} row could not be read (line {line}); that entry is "
    "imported without a time.",
    "{file}: the time on {rows} rows could not be read (first on line {line}); those "
    "entries are imported without a time.",
    "rows",
)

# Normalised Cronometer header -> our key and how many of its unit make one of ours. The µg
# vitamin D column comes first: it wins when an export has both.
NUTRIENT_COLUMNS: dict[str, tuple[str, float]] = {
    "energy (kcal)": ("energy_kcal", 1.0),
    "protein (g)": ("protein_g", 1.0),
    "fiber (g)": ("fibre_g", 1.0),
    "magnesium (mg)": ("magnesium_mg", 1.0),
    "calcium (mg)": ("calcium_mg", 1.0),
    "potassium (mg)": ("potassium_mg", 1.0),
    "sodium (mg)": ("sodium_mg", 1.0),
    "zinc (mg)": ("zinc_mg", 1.0),
    "phosphorus (mg)": ("phosphorus_mg", 1.0),
    "iron (mg)": ("iron_mg", 1.0),
    "fat (g)": ("fat_g", 1.0),
    "carbs (g)": ("carbohydrate_g", 1.0),
    "water (g)": ("water_g", 1.0),
    "vitamin d (ug)": ("vitamin_d_ug", 1.0),
    "vitamin d (iu)": ("vitamin_d_ug", VITAMIN_D_IU_PER_UG),
}
_GRAMS = re.compile(r"(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(kg|grams?|gr|g)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Serving:
    """One row of servings.csv, read but not yet judged counted or listed."""

    day: date
    time: int | None
    group: str | None
    name: str
    amount_text: str
    supplement: bool  # in the Supplements category (or group, in exports without a category)
    nutrients: dict[str, float | None]
    line: int
    category: str | None = None


@dataclass(frozen=True, slots=True)
class DayRow:
    """One row of dailysummary.csv; ``completed`` is None when the export has no such column."""

    day: date
    nutrients: dict[str, float | None]
    completed: bool | None
    line: int


@dataclass(slots=True)
class ServingsFile:
    report: FileReport
    keys: frozenset[str]  # the nutrients its columns give
    servings: list[Serving] = field(default_factory=list)

    @property
    def has_magnesium(self) -> bool:
        return "magnesium_mg" in self.keys

    @property
    def days(self) -> set[date]:
        return {serving.day for serving in self.servings}


@dataclass(slots=True)
class DailyFile:
    report: FileReport
    keys: frozenset[str]
    rows: list[DayRow] = field(default_factory=list)

    @property
    def has_magnesium(self) -> bool:
        return "magnesium_mg" in self.keys

    @property
    def days(self) -> set[date]:
        return {row.day for row in self.rows}


def nutrient_columns(table: Table) -> list[NumberColumn]:
    """The columns of ``table`` that hold a nutrient we keep, one per key."""
    found: dict[str, NumberColumn] = {}
    for name, (key, per_unit) in NUTRIENT_COLUMNS.items():
        index = table.column(name)
        if index is not None and key not in found:
            found[key] = NumberColumn(index, table.header[index], key, per_unit, PLAUSIBLE_MAX[key])
    return list(found.values())


def stated_grams(amount_text: str) -> float | None:
    """The grams an amount states (``1.00 cup - 81g`` -> 81.0, ``30.00 g`` -> 30.0), else None."""
    matches = _GRAMS.findall(amount_text)
    if not matches:
        return None
    number, unit = matches[-1]
    try:
        grams = parse_number(number)
    except ValueError:
        return None
    if grams is None:
        return None
    return grams * 1000 if unit.casefold() == "kg" else grams


def read_servings(
    table: Table, report: ExternalReport, today: date | None, given: DateOrder | None = None
) -> ServingsFile:
    """The rows of a servings.csv export (see ``read_rows`` for what is counted where);
    ``given`` is the person's ``--date-order``."""
    day_at = _required(table, "Day")
    name_at = _required(table, "Food Name")
    time_at, group_at = table.column("Time"), table.column("Group")
    amount_at, category_at = table.column("Amount"), table.column("Category")
    order = date_order(table.cells(day_at), table.file, given)
    file_report = FileReport(table.file, ExportKind.CRONOMETER_SERVINGS, table.encoding, order)
    report.files.append(file_report)
    columns = nutrient_columns(table)
    bad_times: list[int] = []

    def cell(row: Row, index: int | None) -> str:
        return "" if index is None else row.cells[index].strip()

    def build(row: Row) -> Serving:
        day = read_date(row, day_at, order, today)
        name = cell(row, name_at)
        if not name:
            raise SkipRowError(SkipReason.NO_NAME)
        values = read_numbers(row, columns, table.decimal_comma)
        try:
            time = parse_time(cell(row, time_at))
        except ValueError:
            time = None
            bad_times.append(row.line)
        category = cell(row, category_at) or None
        group = cell(row, group_at) or None
        return Serving(
            day=day,
            time=time,
            group=group,
            name=name,
            amount_text=cell(row, amount_at),
            supplement=SUPPLEMENTS_CATEGORY
            in {(category or "").casefold(), (group or "").casefold()},
            nutrients=all_nutrients(values),
            line=row.line,
            category=category,
        )

    servings = read_rows(table, file_report, build)
    if bad_times:
        report.note(
            "unreadable_time",
            UNREADABLE_TIME,
            file=table.file,
            rows=len(bad_times),
            line=bad_times[0],
        )
    return ServingsFile(file_report, frozenset(c.key for c in columns), servings)


def read_daily(
    table: Table, report: ExternalReport, today: date | None, given: DateOrder | None = None
) -> DailyFile:
    """The rows of a dailysummary.csv export; a second row for the same day is skipped (it
    would count the day twice), and so is a day with nothing logged (all zero)."""
    date_at = _required(table, "Date")
    completed_at = table.column("Completed")
    order = date_order(table.cells(date_at), table.file, given)
    file_report = FileReport(table.file, ExportKind.CRONOMETER_DAILY, table.encoding, order)
    report.files.append(file_report)
    columns = nutrient_columns(table)
    seen: set[date] = set()

    def build(row: Row) -> DayRow:
        day = read_date(row, date_at, order, today)
        values = read_numbers(row, columns, table.decimal_comma)
        if not any(values.values()):
            raise SkipRowError(SkipReason.NOTHING_LOGGED, day.isoformat())
        if day in seen:
            raise SkipRowError(SkipReason.DUPLICATE_DAY, day.isoformat())
        seen.add(day)
        done = None if completed_at is None else row.cells[completed_at].strip().casefold()
        completed = {"true": True, "false": False}.get(done) if done is not None else None
        return DayRow(day, all_nutrients(values), completed, row.line)

    rows = read_rows(table, file_report, build)
    return DailyFile(file_report, frozenset(c.key for c in columns), rows)


def _required(table: Table, name: str) -> int:
    index = table.column(name)
    if index is None:  # detection guarantees these columns; a guard for direct callers
        raise ValueError(f"{table.file} has no {name} column")
    return index
