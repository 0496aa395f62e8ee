"""The journal per day, for a trend: which days have anything logged, and the day's sums.

A trend averages symptoms only over the days a person logged something on (services/trend.py):
``entries_per_day`` is the one query that knows them, whatever the kind (food, supplement,
medicine, symptom, sleep, training, lab, note). The ``daily_*`` sums are one GROUP BY each.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, case, func, select

from ..journal.bounds import number
from .journal_tables import entry, food_item, sleep, supplement_intake, symptom, training


def _within(column: Any, key: str) -> Any:
    """``column`` where it is within the journal's bounds of ``key``, else NULL: a stored
    value out of them (1e308, NaN: an older version's) is left out of every sum, never an
    overflow (journal/bounds.py)."""
    bound = number(key)
    low = column > bound.low if bound.low_open else column >= bound.low
    return case((low & (column <= bound.high), column), else_=None)


def entries_per_day(
    connection: Connection, profile_id: int, start: date, end: date
) -> dict[date, int]:
    """Entries of any kind per day from ``start`` to ``end`` (a day without any is left out)."""
    query = (
        select(entry.c.day, func.count())
        .where(entry.c.profile_id == profile_id, entry.c.day.between(start, end))
        .group_by(entry.c.day)
    )
    return {row[0]: int(row[1]) for row in connection.execute(query)}


FOOD_SUMS = (
    "magnesium_mg",
    "calcium_mg",
    "potassium_mg",
    "sodium_mg",
    "zinc_mg",
    "energy_kcal",
    "protein_g",
)


def daily_food(connection: Connection, profile_id: int, start: date, end: date) -> list[Row[Any]]:
    """Per day: the counted food amounts summed, and how many counted entries lack each value."""
    counted = food_item.c.counted.is_(True)
    columns: list[Any] = [entry.c.day, func.count().label("entries")]
    for key in FOOD_SUMS:
        column = _within(food_item.c[key], key)
        columns.append(func.sum(column).label(key))
        columns.append((func.count() - func.count(column)).label(f"{key}_unknown"))
    query = (
        select(*columns)
        .select_from(entry.join(food_item, food_item.c.entry_id == entry.c.id))
        .where(entry.c.profile_id == profile_id, entry.c.day.between(start, end), counted)
        .group_by(entry.c.day)
    )
    return list(connection.execute(query))


def daily_supplements(
    connection: Connection, profile_id: int, start: date, end: date
) -> dict[date, float]:
    query = (
        select(entry.c.day, func.sum(_within(supplement_intake.c.elemental_mg, "elemental_mg")))
        .select_from(entry.join(supplement_intake, supplement_intake.c.entry_id == entry.c.id))
        .where(entry.c.profile_id == profile_id, entry.c.day.between(start, end))
        .group_by(entry.c.day)
    )
    return {row[0]: float(row[1]) for row in connection.execute(query) if row[1] is not None}


def daily_symptoms(
    connection: Connection, profile_id: int, start: date, end: date
) -> list[Row[Any]]:
    """Per day and symptom: how many entries, the count summed (cramps), the worst severity."""
    query = (
        select(
            entry.c.day,
            symptom.c.symptom,
            func.count().label("entries"),
            func.sum(func.coalesce(_within(symptom.c.count, "count"), 1)).label("count"),
            func.max(_within(symptom.c.severity, "scale")).label("severity"),
            func.sum(case((symptom.c.night.is_(True), 1), else_=0)).label("night"),
        )
        .select_from(entry.join(symptom, symptom.c.entry_id == entry.c.id))
        .where(entry.c.profile_id == profile_id, entry.c.day.between(start, end))
        .group_by(entry.c.day, symptom.c.symptom)
    )
    return list(connection.execute(query))


def daily_sleep_training(
    connection: Connection, profile_id: int, start: date, end: date
) -> tuple[dict[date, tuple[float, float | None]], dict[date, tuple[float, float | None]]]:
    """Per day: (sleep hours, mean quality) and (training minutes, highest RPE)."""
    where = (entry.c.profile_id == profile_id, entry.c.day.between(start, end))
    sleeps = connection.execute(
        select(
            entry.c.day,
            func.coalesce(func.sum(_within(sleep.c.hours, "hours")), 0),
            func.avg(_within(sleep.c.quality, "scale")),
        )
        .select_from(entry.join(sleep, sleep.c.entry_id == entry.c.id))
        .where(*where)
        .group_by(entry.c.day)
    )
    trainings = connection.execute(
        select(
            entry.c.day,
            func.coalesce(func.sum(_within(training.c.minutes, "minutes")), 0),
            func.max(_within(training.c.rpe, "scale")),
        )
        .select_from(entry.join(training, training.c.entry_id == entry.c.id))
        .where(*where)
        .group_by(entry.c.day)
    )
    return (
        {row[0]: (float(row[1]), None if row[2] is None else float(row[2])) for row in sleeps},
        {row[0]: (float(row[1]), None if row[2] is None else float(row[2])) for row in trainings},
    )
