"""MyFitnessPal's "Nutrition Summary" export: one row per day and meal, totals only; or, in the
layout with a Time column, one row per logged entry (Time often blank). The Note column, when
there, is kept with the row. The export arrives as a zip of three files (``bundle`` opens it):
only this one holds food.

MyFitnessPal exports no magnesium at all, and gives calcium and iron as a percentage of the
Daily Value, not in mg. Those are kept as %DV in ``extra`` and NOT converted: our fact files
hold no calcium DV to convert with, and a guessed DV would turn into a false amount. So
magnesium, calcium and iron in mg stay None (unknown), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ...i18n import N_, NP_
from .cronometer_rows import UNREADABLE_TIME
from .csv_text import (
    NumberColumn,
    Row,
    SkipRowError,
    Table,
    date_order,
    parse_time,
    read_date,
    read_numbers,
    read_rows,
)
from .records import (
    PLAUSIBLE_MAX,
    PLAUSIBLE_MAX_PERCENT,
    DateOrder,
    ExportKind,
    ExternalFood,
    ExternalReport,
    FileReport,
    FoodKind,
    Origin,
    SkipReason,
    all_nutrients,
)

MEAL_NAME = "{meal} (MyFitnessPal)"  # a record name, like Cronometer's food names: not translated

# Normalised MyFitnessPal header -> our key. Potassium and sodium are mg; fibre is g.
NUTRIENT_COLUMNS: dict[str, str] = {
    "calories": "energy_kcal",
    "fat (g)": "fat_g",
    "sodium (mg)": "sodium_mg",
    "potassium": "potassium_mg",
    "carbohydrates (g)": "carbohydrate_g",
    "fiber": "fibre_g",
    "protein (g)": "protein_g",
}
# % Daily Value columns, kept under these ``extra`` keys.
PERCENT_COLUMNS: dict[str, str] = {"calcium": "calcium_pct_dv", "iron": "iron_pct_dv"}


@dataclass(slots=True)
class MealsFile:
    report: FileReport
    percent_dv: bool  # whether it has a calcium or iron column
    foods: list[ExternalFood] = field(default_factory=list)

    @property
    def days(self) -> set[date]:
        return {food.day for food in self.foods}


def _columns(table: Table, names: dict[str, str], limit: float | None) -> list[NumberColumn]:
    found = []
    for name, key in names.items():
        index = table.column(name)
        if index is not None:
            cap = PLAUSIBLE_MAX[key] if limit is None else limit
            found.append(NumberColumn(index, table.header[index], key, 1.0, cap))
    return found


def read_meals(
    table: Table, report: ExternalReport, today: date | None, given: DateOrder | None = None
) -> MealsFile:
    """The meal totals of a Nutrition Summary export, each a counted ``meal_total`` with its
    entry time and note when the file has them; ``given`` is the person's ``--date-order``."""
    date_at, meal_at = table.column("Date"), table.column("Meal")
    if date_at is None or meal_at is None:  # detection guarantees both; a guard for callers
        raise ValueError(f"{table.file} has no Date or Meal column")
    time_at, note_at = table.column("Time"), table.column("Note")
    order = date_order(table.cells(date_at), table.file, given)
    file_report = FileReport(table.file, ExportKind.MYFITNESSPAL, table.encoding, order)
    report.files.append(file_report)
    amounts = _columns(table, NUTRIENT_COLUMNS, None)
    percents = _columns(table, PERCENT_COLUMNS, PLAUSIBLE_MAX_PERCENT)
    bad_times: list[int] = []

    def build(row: Row) -> ExternalFood:
        day = read_date(row, date_at, order, today)
        meal = row.cells[meal_at].strip()
        if not meal:
            raise SkipRowError(SkipReason.NO_NAME)
        values = read_numbers(row, amounts, table.decimal_comma)
        # "25%" and "25" both mean 25 % DV.
        cells = tuple(cell.strip().removesuffix("%") for cell in row.cells)
        extra = read_numbers(Row(row.line, cells), percents, table.decimal_comma)
        try:
            time = None if time_at is None else parse_time(row.cells[time_at])
        except ValueError:
            time = None
            bad_times.append(row.line)
        note = None if note_at is None else row.cells[note_at].strip() or None
        return ExternalFood(
            day=day,
            time=time,
            name=MEAL_NAME.format(meal=meal),
            amount_text="",
            grams=None,
            nutrients=all_nutrients(values),
            kind=FoodKind.MEAL_TOTAL,
            counted=True,
            origin=Origin.MYFITNESSPAL,
            meal=meal,
            extra={key: value for key, value in extra.items() if value is not None},
            line=row.line,
            file=table.file,
            note=note,
        )

    foods = read_rows(table, file_report, build)
    if bad_times:
        _unreadable_times(report, table.file, bad_times)
    return MealsFile(file_report, bool(percents), foods)


def _unreadable_times(report: ExternalReport, file: str, lines: list[int]) -> None:
    report.note(
        "unreadable_time",
        UNREADABLE_TIME,
        file=file,
        rows=len(lines),
        line=lines[0],
    )


def meal_foods(
    files: Sequence[MealsFile], cronometer_days: Iterable[date], report: ExternalReport
) -> list[ExternalFood]:
    """All meal totals; on a day Cronometer also covers, Cronometer counts (it has magnesium)
    and the MyFitnessPal meals are listed only, so no day counts twice."""
    covered = set(cronometer_days)
    foods: list[ExternalFood] = []
    for meals in files:
        for food in meals.foods:
            foods.append(replace(food, counted=False) if food.day in covered else food)
        meals.report.used += len(meals.foods)
    days = {food.day for meals in files for food in meals.foods}
    if days - covered:
        report.note(
            "mfp_no_magnesium",
            NP_(
                "MyFitnessPal exports no magnesium: magnesium from this {days} day is unknown, "
                "not zero.",
                "MyFitnessPal exports no magnesium: magnesium from these {days} days is unknown, "
                "not zero.",
                "days",
            ),
            days=len(days - covered),
        )
    if days and any(meals.percent_dv for meals in files):
        report.note(
            "mfp_percent_dv",
            N_(
                "MyFitnessPal gives calcium and iron as a percentage of the Daily Value: they "
                "are kept as %DV and not converted, so calcium and iron in mg are unknown."
            ),
        )
    if days & covered:
        report.note(
            "mfp_days_covered_by_cronometer",
            NP_(
                "{days} day is in both the MyFitnessPal and the Cronometer export: Cronometer's "
                "entries count and MyFitnessPal's are listed only, so nothing counts twice.",
                "{days} days are in both the MyFitnessPal and the Cronometer export: Cronometer's "
                "entries count and MyFitnessPal's are listed only, so nothing counts twice.",
                "days",
            ),
            days=len(days & covered),
        )
    return foods
