"""The foods a profile logged lately and most often (services/journal_daily.py): counted and
ranked by the database, so a page reads a few rows however long the journal is.

"Latest" is the journal's order (storage/journal.py ``entries``): by day, timed entries before
untimed ones, by time, then by id; the last food entry of a food gives its amount and meal.
Only foods from the food table count (a ``food_id``, item kind ``food``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Integer, bindparam, case, func, literal, select, union_all

from .journal_tables import entry, food_item


@dataclass(frozen=True, slots=True)
class LoggedFood:
    """A food's latest entry in a span of days, and how many entries it had there."""

    food_id: str
    name: str
    name_nl: str | None
    amount_text: str
    grams: float | None
    magnesium_mg: float | None
    meal: str | None
    last_day: date  # the day of its latest entry
    times: int  # how many entries it had in the span


def _ranked() -> Any:
    """Per food entry: its id, its rank among its food's entries (``last``: 1 for the latest)
    with the keys that rank it, and its food's count; for the bound profile and days."""
    untimed = case((entry.c.time.is_(None), 1), else_=0)
    latest_first = (
        entry.c.day.desc(),
        untimed.desc(),
        func.coalesce(entry.c.time, 0).desc(),
        entry.c.id.desc(),
    )
    foods = (
        select(
            entry.c.id,
            entry.c.day,
            untimed.label("untimed"),
            func.coalesce(entry.c.time, 0).label("minute"),
            func.row_number()
            .over(partition_by=food_item.c.food_id, order_by=latest_first)
            .label("last"),
            func.count().over(partition_by=food_item.c.food_id).label("times"),
        )
        .select_from(entry.join(food_item, food_item.c.entry_id == entry.c.id))
        .where(
            entry.c.profile_id == bindparam("profile_id"),
            entry.c.kind == "food",
            entry.c.day >= bindparam("start"),
            entry.c.day <= bindparam("end"),
            food_item.c.item_kind == "food",
            food_item.c.food_id.is_not(None),
            food_item.c.food_id != "",
        )
    )
    return foods


def _query() -> Any:
    """The latest foods then the most often logged, one row per food, each list limited: one
    statement, so the foods are ranked once (``list`` 0 and 1 say which list a row is in)."""
    foods = _ranked().cte("foods")
    later_first = (foods.c.day.desc(), foods.c.untimed.desc(), foods.c.minute.desc())

    def top(number: int, *order: Any) -> Any:
        return (
            select(
                literal(number).label("list"),
                food_item.c.food_id,
                food_item.c.name,
                food_item.c.name_nl,
                food_item.c.amount_text,
                food_item.c.grams,
                food_item.c.magnesium_mg,
                food_item.c.meal,
                foods.c.id,
                foods.c.day,
                foods.c.untimed,
                foods.c.minute,
                foods.c.times,
            )
            .select_from(foods.join(food_item, food_item.c.entry_id == foods.c.id))
            .where(foods.c.last == 1)
            .order_by(*order, foods.c.id.desc())
            .limit(bindparam("limit", type_=Integer))
            .subquery()
        )

    recent = top(0, *later_first)
    often = top(1, foods.c.times.desc(), *later_first)
    return union_all(select(recent), select(often))


# Built once: a page asks for it on every view, and building it costs more than running it.
_LOGGED = _query()


def logged_foods(
    connection: Connection, profile_id: int, start: date, end: date, limit: int
) -> tuple[list[LoggedFood], list[LoggedFood]]:
    """The ``limit`` foods logged last (the latest first) and the ``limit`` logged most often
    (ties: the one logged later first) from ``start`` to ``end``, inclusive."""
    params = {"profile_id": profile_id, "start": start, "end": end, "limit": max(limit, 0)}
    rows = list(connection.execute(_LOGGED, params))
    # A union keeps no order: each list is put in its order again (an entry's id decides ties).
    later = sorted(rows, key=lambda row: (row.day, row.untimed, row.minute, row.id), reverse=True)
    recent = [_food(row) for row in later if row.list == 0]
    often = [_food(row) for row in sorted(later, key=lambda row: -row.times) if row.list == 1]
    return recent, often


def _food(row: Any) -> LoggedFood:
    return LoggedFood(
        food_id=row.food_id,
        name=row.name,
        name_nl=row.name_nl,
        amount_text=row.amount_text,
        grams=row.grams,
        magnesium_mg=row.magnesium_mg,
        meal=row.meal,
        last_day=row.day,
        times=int(row.times),
    )
