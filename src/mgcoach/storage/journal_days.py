"""Which days have anything logged: entries of every kind counted per day, for a trend.

A trend averages symptoms only over the days a person logged something on (services/trend.py);
this is the one query that knows them, whatever the kind (food, supplement, medicine, symptom,
sleep, training, lab, note).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, func, select

from .journal_tables import entry


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
