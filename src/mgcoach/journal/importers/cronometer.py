"""Cronometer's two CSV exports: "Servings" (servings.csv, one row per food or supplement
logged) and "Daily Nutrition" (dailysummary.csv, one row per day, supplements included).

Combining them must never count a day twice: a day's nutrients come either from its servings
or from its daily total. The servings win when their file has a magnesium column; a servings
file without one (newer exports may hold only Day, Time, Group, Food Name, Amount and
Category) is listed only, and the daily total carries the day.

Both layouts are read: the current one (Day, Time, Group, Food Name, Amount, nutrients,
Category; Date, nutrients, Completed) and the 2011 one (no Time, no Category, no Completed).

Cronometer's "Supplements" category holds foods too (protein powders, greens powders, fish
oil). Only a magnesium supplement (a compound Mg Coach knows, or a name with magnesium and no
energy) becomes an ExternalSupplement; every other row of that group is a food with all its
nutrients.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ...errors import UnknownCompoundError
from ...i18n import N_
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
    ExternalFood,
    ExternalReport,
    ExternalSupplement,
    FileReport,
    FoodKind,
    Origin,
    SkipReason,
    all_nutrients,
)

# Cholecalciferol: 1 µg = 40 IU (NIH Office of Dietary Supplements, vitamin D fact sheet).
VITAMIN_D_IU_PER_UG = 40.0
DAY_TOTAL_NAME = "Cronometer daily total"
SUPPLEMENTS_CATEGORY = "supplements"
# Servings and daily total "agree" within rounding: Cronometer rounds each cell to 0.01.
AGREEMENT_MG = 1.0

# What the user must know, by note code (English msgids, translated at the edge).
NOTES = {
    "unreadable_time": N_(
        "{file}: the time on {rows} rows could not be read (first on line {line}); those "
        "entries are imported without a time."
    ),
    "cronometer_no_nutrients": N_(
        "{file} has no nutrient columns: for {days} days Cronometer's daily totals are used and "
        "its foods are listed only, not counted again."
    ),
    "cronometer_servings_no_magnesium": N_(
        "{file} has no magnesium column: for {days} days Cronometer's daily totals are used and "
        "its foods are listed only, not counted again."
    ),
    "cronometer_total_includes_supplements": N_(
        "Cronometer's daily totals include supplements: on {days} days the total is used, so the "
        "{supplements} supplements logged on those days are inside it and are listed only, not "
        "added again."
    ),
    "cronometer_daily_ignored": N_(
        "{days} days have both servings with nutrients and a daily total: the servings are used "
        "and those daily totals are ignored, so nothing counts twice."
    ),
    "cronometer_day_mismatch": N_(
        "On {days} days (the first is {first}) the servings add up to a different magnesium "
        "amount than Cronometer's daily total; the servings are used. Export both files for the "
        "same period to be sure nothing is missing."
    ),
    "cronometer_day_missing_total": N_(
        "{file} has no magnesium column and {days} of its days have no daily total: magnesium "
        "from those days is unknown, not zero."
    ),
    "cronometer_no_magnesium": N_(
        "{file} has no magnesium column: magnesium from its {days} days is unknown, not zero."
    ),
    "cronometer_supplement_foods": N_(
        "{rows} rows of Cronometer's Supplements category are no magnesium supplement (such as "
        "{example}): they are imported as food with all their nutrients, magnesium included."
    ),
    "cronometer_incomplete_days": N_(
        "Cronometer marks {days} days as not completed (the first is {first}): they may lack "
        "what was eaten but not logged."
    ),
}

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
        _note(report, "unreadable_time", file=table.file, rows=len(bad_times), line=bad_times[0])
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


@dataclass(slots=True)
class _Tally:
    """What combining found, for the notes."""

    listed_days: Counter[str] = field(default_factory=Counter)  # per servings file
    listed_supplements: int = 0
    ignored_days: int = 0
    supplement_foods: list[str] = field(default_factory=list)  # their names
    mismatched: list[date] = field(default_factory=list)
    unknown_days: Counter[str] = field(default_factory=Counter)  # per file without magnesium


def combine(
    servings_files: Sequence[ServingsFile], daily_files: Sequence[DailyFile], report: ExternalReport
) -> tuple[list[ExternalFood], list[ExternalSupplement]]:
    """The foods and supplements of all Cronometer files, each day's nutrients counted once.

    A day with servings from a file with magnesium: the servings count, the daily total is
    ignored. A day with servings from a file without magnesium and a daily total: the total
    counts, the servings (supplements too) are listed only. A day with only one of the two:
    that one counts.
    """
    served: dict[date, tuple[ServingsFile, list[Serving]]] = {}
    for servings_file in servings_files:
        for serving in servings_file.servings:
            served.setdefault(serving.day, (servings_file, []))[1].append(serving)
    totals = {row.day: (daily, row) for daily in daily_files for row in daily.rows}
    foods: list[ExternalFood] = []
    supplements: list[ExternalSupplement] = []
    tally = _Tally()
    for day in sorted(served.keys() | totals.keys()):
        total = totals.get(day)
        if day not in served:
            assert total is not None
            foods.append(_day_total(total[1], total[0], tally))
            continue
        servings_file, servings = served[day]
        counted = total is None or servings_file.has_magnesium
        for serving in servings:
            compound = magnesium_supplement(serving) if serving.supplement else None
            if compound is not None and counted:
                supplements.append(_supplement(serving, servings_file.report.file, compound))
            else:
                if serving.supplement and compound is None:
                    tally.supplement_foods.append(serving.name)
                foods.append(_food(serving, servings_file.report.file, counted))
        servings_file.report.used += len(servings)
        if total is None:
            if not servings_file.has_magnesium:
                tally.unknown_days[servings_file.report.file] += 1
        elif counted:
            total[0].report.ignored += 1
            tally.ignored_days += 1
            if _disagree(servings, total[1]):
                tally.mismatched.append(day)
        else:
            foods.append(_day_total(total[1], total[0], tally))
            tally.listed_days[servings_file.report.file] += 1
            tally.listed_supplements += sum(serving.supplement for serving in servings)
    _notes(report, tally, servings_files, daily_files)
    return foods, supplements


def magnesium_supplement(serving: Serving) -> str | None:
    """For a real magnesium supplement, the slug of its compound ("" when the name says
    magnesium but names no compound we know); None for anything else, e.g. hemp protein
    powder (245 mg of magnesium, 120 kcal) or a vitamin D capsule. A row without a magnesium
    value is no magnesium supplement either: it is kept as food with what it does say."""
    if serving.nutrients.get("magnesium_mg") is None:
        return None
    compound = known_compound(serving.name)
    if compound is not None:
        return compound
    energy = serving.nutrients.get("energy_kcal")
    return "" if "magnesium" in serving.name.casefold() and not energy else None


@lru_cache(maxsize=1024)
def known_compound(name: str) -> str | None:
    """The slug of the magnesium compound ``name`` names, None when it names none we know."""
    from ...knowledge import load_knowledge
    from ...knowledge.compound_names import find_compound

    try:
        return find_compound(load_knowledge(), name).compound.slug
    except UnknownCompoundError:
        return None


def _food(serving: Serving, file: str, counted: bool) -> ExternalFood:
    return ExternalFood(
        day=serving.day,
        time=serving.time,
        name=serving.name,
        amount_text=serving.amount_text,
        grams=stated_grams(serving.amount_text),
        nutrients=dict(serving.nutrients),
        kind=FoodKind.FOOD,
        counted=counted,
        origin=Origin.CRONOMETER,
        meal=serving.group,
        extra={},
        line=serving.line,
        file=file,
        category=serving.category,
    )


def _supplement(serving: Serving, file: str, compound: str) -> ExternalSupplement:
    return ExternalSupplement(
        day=serving.day,
        time=serving.time,
        name=serving.name,
        amount_text=serving.amount_text,
        magnesium_mg=serving.nutrients.get("magnesium_mg"),
        nutrients=dict(serving.nutrients),
        origin=Origin.CRONOMETER,
        line=serving.line,
        file=file,
        compound=compound or None,
    )


def _day_total(row: DayRow, daily: DailyFile, tally: _Tally) -> ExternalFood:
    daily.report.used += 1
    if not daily.has_magnesium:
        tally.unknown_days[daily.report.file] += 1
    return ExternalFood(
        day=row.day,
        time=None,
        name=DAY_TOTAL_NAME,
        amount_text="",
        grams=None,
        nutrients=dict(row.nutrients),
        kind=FoodKind.DAY_TOTAL,
        counted=True,
        origin=Origin.CRONOMETER,
        meal=None,
        extra={},
        line=row.line,
        file=daily.report.file,
    )


def _disagree(servings: Sequence[Serving], total: DayRow) -> bool:
    """Whether the servings' magnesium misses the day's total by more than rounding (a
    servings export of fewer foods than the diary, or a diary edited between exports)."""
    day_mg = total.nutrients.get("magnesium_mg")
    if day_mg is None:
        return False
    served_mg = sum(s.nutrients.get("magnesium_mg") or 0.0 for s in servings)
    return abs(served_mg - day_mg) > AGREEMENT_MG


def _notes(
    report: ExternalReport,
    tally: _Tally,
    servings_files: Sequence[ServingsFile],
    daily_files: Sequence[DailyFile],
) -> None:
    for servings_file in servings_files:
        name = servings_file.report.file
        if tally.listed_days[name]:
            code = (
                "cronometer_servings_no_magnesium"
                if servings_file.keys
                else "cronometer_no_nutrients"
            )
            _note(report, code, file=name, days=tally.listed_days[name])
    if tally.listed_days:
        days = sum(tally.listed_days.values())
        supplements = tally.listed_supplements
        _note(report, "cronometer_total_includes_supplements", days=days, supplements=supplements)
    if tally.ignored_days:
        _note(report, "cronometer_daily_ignored", days=tally.ignored_days)
    if tally.supplement_foods:
        rows, example = len(tally.supplement_foods), tally.supplement_foods[0]
        _note(report, "cronometer_supplement_foods", rows=rows, example=example)
    if tally.mismatched:
        first = tally.mismatched[0].isoformat()
        _note(report, "cronometer_day_mismatch", days=len(tally.mismatched), first=first)
    files: list[ServingsFile | DailyFile] = [*servings_files, *daily_files]
    for file in files:
        if tally.unknown_days[file.report.file]:
            missing_total = isinstance(file, ServingsFile) and bool(daily_files)
            code = "cronometer_day_missing_total" if missing_total else "cronometer_no_magnesium"
            _note(report, code, file=file.report.file, days=tally.unknown_days[file.report.file])
    incomplete = sorted(row.day for d in daily_files for row in d.rows if row.completed is False)
    if incomplete:
        first = incomplete[0].isoformat()
        _note(report, "cronometer_incomplete_days", days=len(incomplete), first=first)


def _note(report: ExternalReport, code: str, **params: str | int) -> None:
    report.note(code, NOTES[code], **params)
