"""A person's history from Cronometer and MyFitnessPal CSV exports, as neutral records for the
journal (``records``); pure parsing, no database.

``read_export`` recognises each file by its header row, reads them all and combines them so
that no day's nutrients count twice (``cronometer.combine`` says how).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import combinations
from pathlib import Path

from ...errors import InputError
from ...i18n import N_
from . import cronometer, myfitnesspal
from .csv_text import Table, read_table
from .records import (
    DateOrder,
    ExportKind,
    ExternalFood,
    ExternalImport,
    ExternalReport,
    ExternalSupplement,
    FileReport,
    FoodKind,
    Note,
    NutrientValues,
    Origin,
    SkipExample,
    SkipReason,
)

__all__ = [
    "DateOrder",
    "ExportKind",
    "ExternalFood",
    "ExternalImport",
    "ExternalReport",
    "ExternalSupplement",
    "FileReport",
    "FoodKind",
    "Note",
    "NutrientValues",
    "Origin",
    "SkipExample",
    "SkipReason",
    "detect_kind",
    "read_export",
]

RECOGNISED = (
    "Cronometer Servings (servings.csv), Cronometer Daily Nutrition (dailysummary.csv) and "
    "MyFitnessPal Nutrition Summary"
)

ParsedFile = cronometer.ServingsFile | cronometer.DailyFile | myfitnesspal.MealsFile


def detect_kind(table: Table) -> ExportKind:
    """Which export ``table`` is, from its header row; an InputError naming what is read."""
    if table.has("Food Name", "Day"):
        return ExportKind.CRONOMETER_SERVINGS
    if table.has("Date", "Completed") or (
        table.has("Date", "Energy (kcal)") and not table.has("Food Name")
    ):
        return ExportKind.CRONOMETER_DAILY
    if table.has("Meal", "Calories"):
        return ExportKind.MYFITNESSPAL
    raise InputError(
        N_("{file} is not an export Mg Coach can read: it reads {formats}."),
        file=table.file,
        formats=RECOGNISED,
    )


def read_export(paths: Sequence[Path], *, today: date | None = None) -> ExternalImport:
    """The foods and supplements of one to a few export files, read together.

    Rows after ``today`` (meals planned ahead), when given, are skipped. Raises InputError for
    a file that cannot be read, is of no known kind, is empty, or shares days with another
    file of the same kind (those days would count twice).
    """
    if not paths:
        raise InputError(N_("Give at least one export file to import."))
    report = ExternalReport()
    parsed = [_read(path, report, today) for path in paths]
    _refuse_overlap(parsed)
    servings = [p for p in parsed if isinstance(p, cronometer.ServingsFile)]
    daily = [p for p in parsed if isinstance(p, cronometer.DailyFile)]
    meals = [p for p in parsed if isinstance(p, myfitnesspal.MealsFile)]
    foods, supplements = cronometer.combine(servings, daily, report)
    cronometer_days = {day for p in servings for day in p.days}
    cronometer_days |= {day for p in daily for day in p.days}
    foods += myfitnesspal.meal_foods(meals, cronometer_days, report)
    order = {path.name: index for index, path in enumerate(paths)}
    foods.sort(key=lambda f: (f.day, order[f.file], f.line))
    supplements.sort(key=lambda s: (s.day, order[s.file], s.line))
    return ExternalImport(foods, supplements, report)


def _read(path: Path, report: ExternalReport, today: date | None) -> ParsedFile:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            N_("{file} cannot be read: {error}."), file=path.name, error=error.strerror or ""
        ) from error
    table = read_table(data, path.name)
    kind = detect_kind(table)
    if kind is ExportKind.CRONOMETER_SERVINGS:
        return cronometer.read_servings(table, report, today)
    if kind is ExportKind.CRONOMETER_DAILY:
        return cronometer.read_daily(table, report, today)
    return myfitnesspal.read_meals(table, report, today)


def _refuse_overlap(parsed: Sequence[ParsedFile]) -> None:
    """Two exports of the same kind with a day in common would count that day twice."""
    for first, second in combinations(parsed, 2):
        if first.report.kind is not second.report.kind:
            continue
        shared = first.days & second.days
        if shared:
            raise InputError(
                N_(
                    "{first} and {second} are both {kind} exports with days in common (the "
                    "first is {day}): give each day once."
                ),
                first=first.report.file,
                second=second.report.file,
                kind=first.report.kind.value,
                day=min(shared).isoformat(),
            )
