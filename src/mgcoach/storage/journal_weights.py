"""Body weights of the journal (``weight`` entries): the weight of a day, for its targets, and
the weights of a period, for the trend chart.

A stored weight out of the journal's bounds (an older version's, a direct database edit's) is
no weight: it is left out here, as the day's figures leave out every such value.

Plain SQL for either kind of connection (storage.plain_sql): a day read on the sqlite3 driver
asks for its weight without SQLAlchemy.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..journal.bounds import number
from .plain_sql import Reader, as_date, fetch, first

_WEIGHTS = (
    "SELECT entry.day, entry.time, body_weight.kg FROM entry "
    "JOIN body_weight ON body_weight.entry_id = entry.id "
    "WHERE entry.profile_id = :profile AND entry.kind = 'weight' "
    "AND body_weight.kg BETWEEN :low AND :high"
)
_LATEST = (
    _WEIGHTS + " AND entry.day <= :day "
    "ORDER BY entry.day DESC, entry.time DESC NULLS LAST, entry.id DESC LIMIT 1"
)
_BETWEEN = (
    _WEIGHTS + " AND entry.day BETWEEN :start AND :end "
    "ORDER BY entry.day, entry.time NULLS FIRST, entry.id"
)


def _usable(profile_id: int) -> dict[str, Any]:
    bound = number("weight_kg")
    return {"profile": profile_id, "low": bound.low, "high": bound.high}


def latest_weight(connection: Reader, profile_id: int, on_or_before: date) -> float | None:
    """The newest weight (kg) logged on or before a day (the last of that day), else None."""
    row = first(connection, _LATEST, _usable(profile_id) | {"day": on_or_before})
    return None if row is None else float(row["kg"])


def weights_between(
    connection: Reader, profile_id: int, start: date, end: date
) -> list[tuple[date, float]]:
    """Each day's weight (kg) from ``start`` to ``end``: the day's last one, by day; a day
    without one is left out."""
    rows = fetch(connection, _BETWEEN, _usable(profile_id) | {"start": start, "end": end})
    by_day = {as_date(row["day"]): float(row["kg"]) for row in rows}  # the last of a day wins
    return sorted(by_day.items())
