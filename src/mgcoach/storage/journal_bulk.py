"""Many journal entries at once, for imports: written in bulk (COPY on PostgreSQL,
executemany on SQLite), read back by source and day, removed and re-marked in chunks.

Like storage.journal, every function takes an open connection: the service owns the one
transaction an import is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from ..journal.model import Entry
from .generation import for_profiles, wrote
from .journal import new_uid, now
from .journal_reads import ENTRY_SELECT, entry_of, labelled
from .journal_tables import DETAIL_TABLES, entry, food_item, profile
from .plain_sql import as_date, fetch, in_list

# Bind parameters per IN list: far below SQLite's 32,766 and PostgreSQL's 65,535 limits.
CHUNK = 1000


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _bulk_insert(
    connection: Connection, table: Table, rows: Sequence[Mapping[str, object]]
) -> None:
    """Insert ``rows`` (all with the same keys) in one statement per table: COPY on PostgreSQL
    (a third of the time of psycopg's executemany for 10,000 entries), executemany on SQLite
    (a prepared statement run in C). Both write inside the connection's transaction."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), list(rows))
        return
    wrote(connection, table.name)  # COPY goes past SQLAlchemy's statement events
    names = list(rows[0])
    quote = connection.dialect.identifier_preparer.quote
    columns = ", ".join(quote(name) for name in names)
    # The DBAPI cursor of this very connection: COPY is part of the open transaction.
    cursor: Any = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[name] for name in names])


def add_entries(connection: Connection, profile_id: int, rows: Sequence[Entry]) -> list[int]:
    """Write new entries in bulk (one statement per table, not one round trip per entry), each
    with a new uid; returns their ids in the order given."""
    if not rows:
        return []
    with for_profiles(connection, [profile_id]):
        return _add_entries(connection, profile_id, rows)


def _add_entries(connection: Connection, profile_id: int, rows: Sequence[Entry]) -> list[int]:
    stamp = now()
    uids = [new_uid() for _ in rows]
    _bulk_insert(
        connection,
        entry,
        [
            {
                "uid": uid,
                "profile_id": profile_id,
                "kind": row.kind,
                "day": row.day,
                "time": row.time,
                "origin": row.origin,
                "note": row.note,
                "created_at": stamp,
                "updated_at": stamp,
            }
            for uid, row in zip(uids, rows, strict=True)
        ],
    )
    by_uid: dict[str, int] = {}
    for chunk in _chunks(uids):
        found = connection.execute(select(entry.c.uid, entry.c.id).where(entry.c.uid.in_(chunk)))
        by_uid.update((uid, int(entry_id)) for uid, entry_id in found)
    ids = [by_uid[uid] for uid in uids]
    for kind, table in DETAIL_TABLES.items():
        details = [
            {"entry_id": entry_id, **row.fields()}
            for entry_id, row in zip(ids, rows, strict=True)
            if row.kind == kind
        ]
        _bulk_insert(connection, table, details)
    return ids


def delete_entries(connection: Connection, entry_ids: Sequence[int]) -> None:
    """Remove these entries with their detail rows."""
    for chunk in _chunks(list(entry_ids)):
        with for_profiles(connection, _profiles_of(connection, chunk)):
            for table in DETAIL_TABLES.values():
                connection.execute(delete(table).where(table.c.entry_id.in_(chunk)))
            connection.execute(delete(entry).where(entry.c.id.in_(chunk)))


def _profiles_of(connection: Connection, entry_ids: Sequence[int]) -> set[int]:
    """The profiles these entries belong to (whose write generation their change bumps)."""
    found: set[int] = set()
    for chunk in _chunks(list(entry_ids)):
        query = select(entry.c.profile_id).where(entry.c.id.in_(chunk)).distinct()
        found.update(connection.execute(query).scalars())
    return found


def entries_from(
    connection: Connection, profile_id: int, origins: Sequence[str], days: Iterable[date]
) -> list[Entry]:
    """The food and supplement entries of ``origins`` (cronometer, myfitnesspal) on ``days``."""
    wanted = set(days)
    if not wanted:
        return []
    listed, params = in_list("origin", list(origins))
    sql = (
        f"{ENTRY_SELECT}, {labelled('food')}, {labelled('supplement')} FROM entry "
        "LEFT OUTER JOIN food_item ON food_item.entry_id = entry.id "
        "LEFT OUTER JOIN supplement_intake ON supplement_intake.entry_id = entry.id "
        "WHERE entry.profile_id = :profile AND entry.day BETWEEN :low AND :high "
        f"AND entry.origin IN ({listed}) AND entry.kind IN ('food', 'supplement') "
        "ORDER BY entry.id"
    )
    params |= {"profile": profile_id, "low": min(wanted), "high": max(wanted)}
    rows = fetch(connection, sql, params)
    return [entry_of(row) for row in rows if as_date(row["day"]) in wanted]


def set_counted(connection: Connection, counted: Mapping[int, bool]) -> None:
    """Mark food entries counted or not (by entry id); each one's ``updated_at`` moves on."""
    if not counted:
        return
    with for_profiles(connection, _profiles_of(connection, list(counted))):
        connection.execute(
            update(food_item)
            .where(food_item.c.entry_id == bindparam("b_entry"))
            .values(counted=bindparam("b_counted")),
            [{"b_entry": key, "b_counted": value} for key, value in counted.items()],
        )
        stamp = now()
        for chunk in _chunks(list(counted)):
            connection.execute(update(entry).where(entry.c.id.in_(chunk)).values(updated_at=stamp))


def lock_profile(connection: Connection, profile_id: int) -> None:
    """Take the profile's write lock for the rest of the transaction (a row lock on PostgreSQL,
    the database's on SQLite), so two imports into one profile run one after the other instead
    of both reading what is there and both writing."""
    with for_profiles(connection, [profile_id]):
        connection.execute(
            update(profile)
            .where(profile.c.id == profile_id)
            .values(updated_at=profile.c.updated_at)
        )
