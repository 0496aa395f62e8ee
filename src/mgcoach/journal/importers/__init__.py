"""A person's history from Cronometer and MyFitnessPal CSV exports, as neutral records for the
journal (``records``); pure parsing, no database.

``read_export`` opens each path (a file, a folder or a zip: ``bundle``), recognises each file
by its header row, reads them all and combines them so that no day's nutrients count twice
(``cronometer.combine`` says how). Every row read is used, ignored (it stands for what other
rows give) or skipped with a reason; a file none of whose rows is used is an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import combinations
from pathlib import Path

from ...errors import InputError
from ...i18n import N_, Msgid, _
from . import cronometer, myfitnesspal
from .bundle import Source, sources
from .csv_text import Table, read_table
from .records import (
    REASON_MESSAGES,
    DateOrder,
    DateOrderOption,
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
    "DateOrderOption",
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

RECOGNISED = Msgid(
    N_(
        "Cronometer Servings (servings.csv), Cronometer Daily Nutrition (dailysummary.csv) and "
        "MyFitnessPal Nutrition Summary"
    )
)

ParsedFile = cronometer.ServingsFile | cronometer.DailyFile | myfitnesspal.MealsFile

# The other two files of MyFitnessPal's export, recognised so that they can be said not read.
MFP_EXERCISE = N_(
    "{file} was not read: it is MyFitnessPal's exercise summary, and only its Nutrition "
    "Summary holds food."
)
MFP_MEASUREMENT = N_(
    "{file} was not read: it is MyFitnessPal's measurement summary (weight and body "
    "measurements), and only its Nutrition Summary holds food."
)
NOT_AN_EXPORT = N_("{file} was not read: it is no export Mg Coach can read.")
NOTHING_USED = N_("{file}: none of its {read} rows can be used ({reasons}). Nothing was imported.")


def unread_reason(name: str, table: Table | None = None) -> str | None:
    """Why a MyFitnessPal exercise or measurement summary is not read (known by its file name
    or its header), None for any other file."""
    base = name.rsplit("/", 1)[-1].casefold()
    if base.startswith("exercise-summary") or (
        table is not None and table.has("Exercise", "Exercise Calories")
    ):
        return MFP_EXERCISE
    if base.startswith("measurement-summary") or (
        table is not None and table.has("Date", "Weight") and not table.has("Meal")
    ):
        return MFP_MEASUREMENT
    return None


def detect_kind(table: Table) -> ExportKind:
    """Which export ``table`` is, from its header row; an InputError naming what is read."""
    unread = unread_reason(table.file, table)
    if unread is not None:
        raise InputError(unread, file=table.file)
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


def read_export(
    paths: Sequence[Path], *, today: date | None = None, date_order: DateOrder | None = None
) -> ExternalImport:
    """The foods and supplements of one to a few export files (or folders or zips of them),
    read together.

    Rows after ``today`` (meals planned ahead), when given, are skipped. ``date_order`` is the
    person's ``--date-order`` for files whose dates could be read both ways. Raises InputError
    for a file that cannot be read, is of no known kind, is empty, has dates whose order cannot
    be decided, shares days with another file of the same kind (those days would count twice)
    or has no row that can be used.
    """
    if not paths:
        raise InputError(N_("Give at least one export file to import."))
    report = ExternalReport()
    found = [source for path in paths for source in sources(path)]
    parsed = [p for s in found if (p := _read(s, report, today, date_order)) is not None]
    if not parsed:
        raise InputError(
            N_("{file} holds no export Mg Coach can read: it reads {formats}."),
            file=", ".join(path.name for path in paths),
            formats=RECOGNISED,
        )
    _refuse_overlap(parsed)
    servings = [p for p in parsed if isinstance(p, cronometer.ServingsFile)]
    daily = [p for p in parsed if isinstance(p, cronometer.DailyFile)]
    meals = [p for p in parsed if isinstance(p, myfitnesspal.MealsFile)]
    foods, supplements = cronometer.combine(servings, daily, report)
    cronometer_days = {day for p in servings for day in p.days}
    cronometer_days |= {day for p in daily for day in p.days}
    foods += myfitnesspal.meal_foods(meals, cronometer_days, report)
    _refuse_unused(parsed)
    order = {source.name: index for index, source in enumerate(found)}
    foods.sort(key=lambda f: (f.day, order[f.file], f.line))
    supplements.sort(key=lambda s: (s.day, order[s.file], s.line))
    return ExternalImport(foods, supplements, report)


def _read(
    source: Source, report: ExternalReport, today: date | None, given: DateOrder | None
) -> ParsedFile | None:
    """One file parsed; None for a file inside a folder or zip that is no food export (it is
    noted as not read, with why)."""
    unread = unread_reason(source.name) if source.inside else None
    if unread is None:
        table = read_table(source.data, source.name)
        try:
            kind = detect_kind(table)
        except InputError:
            if not source.inside:
                raise
            unread = unread_reason(source.name, table) or NOT_AN_EXPORT
    if unread is not None:
        report.note("file_not_read", unread, file=source.name)
        return None
    if kind is ExportKind.CRONOMETER_SERVINGS:
        return cronometer.read_servings(table, report, today, given)
    if kind is ExportKind.CRONOMETER_DAILY:
        return cronometer.read_daily(table, report, today, given)
    return myfitnesspal.read_meals(table, report, today, given)


def _refuse_unused(parsed: Sequence[ParsedFile]) -> None:
    """A file of which no row is used (or stands for rows used) imports nothing: say why
    rather than report a success."""
    for file in parsed:
        report = file.report
        if report.used or report.ignored:
            continue
        reasons = "; ".join(
            f"{_(REASON_MESSAGES[reason])}: {count}"
            for reason, count in report.skipped.most_common()
        )
        raise InputError(NOTHING_USED, file=report.file, read=report.read, reasons=reasons)


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
