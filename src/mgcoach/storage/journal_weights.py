"""Body weights of the journal (``weight`` entries): the weight of a day, for its targets, and
the weights of a period, for the trend chart.

A stored weight out of the journal's bounds (an older version's, a direct database edit's) is
no weight: it is left out here, as the day's figures leave out every such value.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from ..journal.bounds import number
from .journal_tables import body_weight, entry


def _usable() -> Any:
    bound = number("weight_kg")
    return body_weight.c.kg.between(bound.low, bound.high)


def _weights(profile_id: int) -> Any:
    return (
        select(entry.c.day, entry.c.time, body_weight.c.kg)
        .select_from(entry.join(body_weight, body_weight.c.entry_id == entry.c.id))
        .where(entry.c.profile_id == profile_id, entry.c.kind == "weight", _usable())
    )


def latest_weight(connection: Connection, profile_id: int, on_or_before: date) -> float | None:
    """The newest weight (kg) logged on or before a day (the last of that day), else None."""
    query = (
        _weights(profile_id)
        .where(entry.c.day <= on_or_before)
        .order_by(entry.c.day.desc(), entry.c.time.desc().nulls_last(), entry.c.id.desc())
        .limit(1)
    )
    row = connection.execute(query).first()
    return None if row is None else float(row.kg)


def weights_between(
    connection: Connection, profile_id: int, start: date, end: date
) -> list[tuple[date, float]]:
    """Each day's weight (kg) from ``start`` to ``end``: the day's last one, by day; a day
    without one is left out."""
    query = _weights(profile_id).where(entry.c.day.between(start, end))
    rows = connection.execute(query.order_by(entry.c.day, entry.c.time.nulls_first(), entry.c.id))
    by_day = {row.day: float(row.kg) for row in rows}  # the last of a day wins
    return sorted(by_day.items())
