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

The rows are read in ``cronometer_rows``; this module combines them into foods and supplements,
with the notes the person must read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ...errors import UnknownCompoundError
from ...i18n import NP_
from .cronometer_rows import (
    NUTRIENT_COLUMNS,
    UNREADABLE_TIME,
    DailyFile,
    DayRow,
    Serving,
    ServingsFile,
    nutrient_columns,
    read_daily,
    read_servings,
    stated_grams,
)
from .records import (
    ExternalFood,
    ExternalReport,
    ExternalSupplement,
    FoodKind,
    Origin,
)

# The readers of the two files are imported from here, beside ``combine``.
__all__ = [
    "NOTES",
    "NUTRIENT_COLUMNS",
    "DailyFile",
    "DayRow",
    "Serving",
    "ServingsFile",
    "combine",
    "magnesium_supplement",
    "nutrient_columns",
    "read_daily",
    "read_servings",
    "stated_grams",
]

DAY_TOTAL_NAME = "Cronometer daily total"
# Servings and daily total "agree" within rounding: Cronometer rounds each cell to 0.01.
AGREEMENT_MG = 1.0

# What the user must know, by note code (English msgids, translated at the edge).
NOTES = {
    "unreadable_time": UNREADABLE_TIME,
    "cronometer_no_nutrients": NP_(
        "{file} has no nutrient columns: for {days} day Cronometer's daily total is used "
        "and its foods are listed only, not counted again.",
        "{file} has no nutrient columns: for {days} days Cronometer's daily totals are "
        "used and its foods are listed only, not counted again.",
        "days",
    ),
    "cronometer_servings_no_magnesium": NP_(
        "{file} has no magnesium column: for {days} day Cronometer's daily total is used "
        "and its foods are listed only, not counted again.",
        "{file} has no magnesium column: for {days} days Cronometer's daily totals are "
        "used and its foods are listed only, not counted again.",
        "days",
    ),
    "cronometer_total_includes_supplements": NP_(
        "Cronometer's daily totals include supplements: on {days} day the total is used, "
        "so the supplements logged on it ({supplements}) are inside it and are listed "
        "only, not added again.",
        "Cronometer's daily totals include supplements: on {days} days the total is used, "
        "so the supplements logged on those days ({supplements}) are inside it and are "
        "listed only, not added again.",
        "days",
    ),
    "cronometer_daily_ignored": NP_(
        "{days} day has both servings with nutrients and a daily total: the servings are "
        "used and that daily total is ignored, so nothing counts twice.",
        "{days} days have both servings with nutrients and a daily total: the servings "
        "are used and those daily totals are ignored, so nothing counts twice.",
        "days",
    ),
    "cronometer_day_mismatch": NP_(
        "On {days} day ({first}) the servings add up to a different magnesium amount than "
        "Cronometer's daily total; the servings are used. Export both files for the same "
        "period to be sure nothing is missing.",
        "On {days} days (the first is {first}) the servings add up to a different "
        "magnesium amount than Cronometer's daily total; the servings are used. Export "
        "both files for the same period to be sure nothing is missing.",
        "days",
    ),
    "cronometer_day_missing_total": NP_(
        "{file} has no magnesium column and {days} of its days has no daily total: "
        "magnesium from that day is unknown, not zero.",
        "{file} has no magnesium column and {days} of its days have no daily total: "
        "magnesium from those days is unknown, not zero.",
        "days",
    ),
    "cronometer_no_magnesium": NP_(
        "{file} has no magnesium column: magnesium from its {days} day is unknown, not zero.",
        "{file} has no magnesium column: magnesium from its {days} days is unknown, not zero.",
        "days",
    ),
    "cronometer_supplement_foods": NP_(
        "{rows} row of Cronometer's Supplements category is no magnesium supplement "
        "({example}): it is imported as food with all its nutrients, magnesium included.",
        "{rows} rows of Cronometer's Supplements category are no magnesium supplement "
        "(such as {example}): they are imported as food with all their nutrients, "
        "magnesium included.",
        "rows",
    ),
    "cronometer_incomplete_days": NP_(
        "Cronometer marks {days} day as not completed ({first}): it may lack what was "
        "eaten but not logged.",
        "Cronometer marks {days} days as not completed (the first is {first}): they may "
        "lack what was eaten but not logged.",
        "days",
    ),
}


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
