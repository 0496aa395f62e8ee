"""Rate-limit attempts (revision 0007): one row per counted attempt, read back over a sliding
window. Kept in the database, so every worker and process serving it sees the same counts.

An attempt is written (and committed) before it is judged, and judged by the attempts written
before it (a smaller id): of many requests racing in at once, each sees those ahead of it, so a
burst cannot slip through a check that none of them has been counted by yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, and_, delete, func, insert, select

from .tables import attempt

MAX_KEY = 128


@dataclass(frozen=True, slots=True)
class Window:
    """The attempts ahead of one in a window: how many, the oldest and the newest."""

    count: int
    oldest: datetime | None
    newest: datetime | None


def _utc(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes (stored as UTC), PostgreSQL aware ones.
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def add(connection: Connection, scope: str, key: str, at: datetime) -> int:
    """Count one attempt; its id."""
    result = connection.execute(
        insert(attempt).values(scope=scope, key=key[:MAX_KEY], at=at.astimezone(UTC))
    )
    found = result.inserted_primary_key
    assert found is not None
    return int(found[0])


def window(
    connection: Connection, scope: str, key: str, since: datetime, before_id: int | None = None
) -> Window:
    """The attempts of ``scope`` and ``key`` after ``since`` (only those ahead of the attempt
    ``before_id``, when given)."""
    where = [attempt.c.scope == scope, attempt.c.key == key[:MAX_KEY]]
    where.append(attempt.c.at > since.astimezone(UTC))
    if before_id is not None:
        where.append(attempt.c.id < before_id)
    row = connection.execute(
        select(func.count(), func.min(attempt.c.at), func.max(attempt.c.at)).where(and_(*where))
    ).one()
    return Window(int(row[0]), _utc(row[1]), _utc(row[2]))


def remove(connection: Connection, ids: Sequence[int]) -> None:
    """Take attempts back (they were refused before any work, or they succeeded)."""
    if ids:
        connection.execute(delete(attempt).where(attempt.c.id.in_(list(ids))))


def clear(connection: Connection, scope: str, key: str) -> None:
    connection.execute(
        delete(attempt).where(attempt.c.scope == scope, attempt.c.key == key[:MAX_KEY])
    )


def prune(connection: Connection, before: datetime) -> None:
    """Forget attempts older than every window reads."""
    connection.execute(delete(attempt).where(attempt.c.at < before.astimezone(UTC)))
