"""The journal's queries: users, profiles, entries and the per-day sums a trend needs.

Every function takes an open connection: the caller (a service) owns the transaction, so one
user action is one transaction whatever it touches.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, bindparam, delete, func, insert, select, update

from ..journal.frequency import parse_frequency
from ..journal.model import ENTRY_TYPES, Entry, LabEntry, Medicine, PersonProfile
from .columns import has_column
from .foods import delete_owned_foods, upsert_for
from .generation import for_profiles
from .journal_tables import (
    DETAIL_TABLES,
    app_user,
    entry,
    favourite,
    lab_result,
    profile,
    profile_medication,
)
from .journal_tables import LOCAL_USER as LOCAL_USER  # the services' store.LOCAL_USER

PROFILE_COLUMNS = (
    "name",
    "sex",
    "age_years",
    "age_on",
    "system",
    "pregnant",
    "lactating",
    "weight_kg",
    "height_cm",
    "egfr",
    "dialysis",
    "activity",
)


def now() -> datetime:
    return datetime.now(UTC)


def new_uid() -> str:
    return uuid.uuid4().hex


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes, PostgreSQL the session's zone; every time is UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# -- users ---------------------------------------------------------------------------------


_USER_ID = select(app_user.c.id).where(app_user.c.name == bindparam("name"))  # built once


def user_id(connection: Connection, name: str = LOCAL_USER, *, create: bool = True) -> int | None:
    """The id of user ``name``; created on first use unless ``create`` is false."""
    found = connection.execute(_USER_ID, {"name": name}).scalar()
    if found is not None or not create:
        return found
    # Two processes may create the same user at once: the second one's insert does nothing.
    connection.execute(
        upsert_for(connection)(app_user)
        .values(name=name, created_at=now())
        .on_conflict_do_nothing(index_elements=[app_user.c.name])
    )
    return int(connection.execute(_USER_ID, {"name": name}).scalar_one())


# -- profiles ------------------------------------------------------------------------------


def _medicines(connection: Connection, profile_ids: Sequence[int]) -> dict[int, list[Medicine]]:
    found: dict[int, list[Medicine]] = {pid: [] for pid in profile_ids}
    rows = connection.execute(
        select(profile_medication)
        .where(profile_medication.c.profile_id.in_(profile_ids))
        .order_by(profile_medication.c.profile_id, profile_medication.c.seq)
    )
    for row in rows:
        times = tuple(int(t) for t in row.times.split(",") if t)
        frequency = parse_frequency(row.frequency)
        found[row.profile_id].append(Medicine(name=row.name, times=times, frequency=frequency))
    return found


def _profile(row: Row[Any], medicines: list[Medicine]) -> PersonProfile:
    values = {column: getattr(row, column) for column in PROFILE_COLUMNS}
    reasons = row._mapping.get("reasons")
    return PersonProfile(
        **values,
        medicines=tuple(medicines),
        reasons=tuple(reasons.split(",")) if reasons else (),
        id=row.id,
        created_at=_aware(row.created_at),
        updated_at=_aware(row.updated_at),
    )


def _profile_rows(connection: Connection) -> Select[Any]:
    """The profile table's columns this database has (``reasons`` from revision 0009 on)."""
    if has_column(connection, "profile", "reasons"):
        return select(profile)
    return select(*(c for c in profile.c if c.name != "reasons"))


def _reasons_column(connection: Connection, person: PersonProfile) -> dict[str, str | None]:
    """The stored ``reasons`` of ``person`` (none on a revision before 0009)."""
    if not has_column(connection, "profile", "reasons"):
        return {}
    return {"reasons": ",".join(person.reasons) or None}


def profiles(connection: Connection, owner: int) -> list[PersonProfile]:
    rows = list(
        connection.execute(
            _profile_rows(connection).where(profile.c.user_id == owner).order_by(profile.c.id)
        )
    )
    meds = _medicines(connection, [row.id for row in rows])
    return [_profile(row, meds[row.id]) for row in rows]


def find_profile(connection: Connection, owner: int, name: str) -> PersonProfile | None:
    row = connection.execute(
        _profile_rows(connection).where(profile.c.user_id == owner, profile.c.name == name)
    ).first()
    if row is None:
        return None
    return _profile(row, _medicines(connection, [row.id])[row.id])


# Built once: every page of the journal asks it, and building it costs more than running it.
_PROFILE_ID = (
    select(profile.c.id)
    .join(app_user, app_user.c.id == profile.c.user_id)
    .where(app_user.c.name == bindparam("owner"), profile.c.name == bindparam("name"))
)


def find_profile_id(connection: Connection, owner_name: str, name: str) -> int | None:
    """The id of user ``owner_name``'s profile ``name``, in one indexed query."""
    found = connection.execute(_PROFILE_ID, {"owner": owner_name, "name": name}).scalar()
    return None if found is None else int(found)


def save_profile(connection: Connection, owner: int, person: PersonProfile) -> int:
    """Insert or update the profile named ``person.name``; its medicines replace the old ones."""
    values = {column: getattr(person, column) for column in PROFILE_COLUMNS}
    values |= _reasons_column(connection, person)
    stamp = person.updated_at or now()
    existing = connection.execute(
        select(profile.c.id).where(profile.c.user_id == owner, profile.c.name == person.name)
    ).scalar()
    if existing is None:  # a new profile: the whole journal's generation moves on
        existing = connection.execute(
            insert(profile)
            .values(
                user_id=owner, created_at=person.created_at or stamp, updated_at=stamp, **values
            )
            .returning(profile.c.id)
        ).scalar_one()
    else:
        with for_profiles(connection, [existing]):
            connection.execute(
                update(profile).where(profile.c.id == existing).values(updated_at=stamp, **values)
            )
            connection.execute(
                delete(profile_medication).where(profile_medication.c.profile_id == existing)
            )
    if person.medicines:
        with for_profiles(connection, [existing]):
            connection.execute(
                insert(profile_medication),
                [
                    {
                        "profile_id": existing,
                        "seq": seq,
                        "name": med.name,
                        "times": ",".join(str(t) for t in med.times),
                        "frequency": None if med.frequency.daily else med.frequency.spec,
                    }
                    for seq, med in enumerate(person.medicines)
                ],
            )
    return int(existing)


def delete_profile(connection: Connection, profile_id: int) -> None:
    """Remove a profile with everything logged for it (the foreign keys cascade)."""
    ids = select(entry.c.id).where(entry.c.profile_id == profile_id).scalar_subquery()
    # Cascades need PRAGMA foreign_keys on SQLite; delete explicitly so no engine setting matters.
    with for_profiles(connection, [profile_id]):
        for table in DETAIL_TABLES.values():
            connection.execute(delete(table).where(table.c.entry_id.in_(ids)))
        connection.execute(delete(entry).where(entry.c.profile_id == profile_id))
        connection.execute(
            delete(profile_medication).where(profile_medication.c.profile_id == profile_id)
        )
        connection.execute(delete(favourite).where(favourite.c.profile_id == profile_id))
        connection.execute(delete(profile).where(profile.c.id == profile_id))


def delete_user(connection: Connection, owner: int) -> int:
    """Delete a user's profiles and entries and the user; returns how many entries went."""
    gone = 0
    for person in profiles(connection, owner):
        assert person.id is not None
        gone += count_entries(connection, person.id)
        delete_profile(connection, person.id)
    delete_owned_foods(connection, owner)  # the account's own foods are nobody else's
    connection.execute(delete(app_user).where(app_user.c.id == owner))
    return gone


# -- entries -------------------------------------------------------------------------------


def add_entry(connection: Connection, profile_id: int, new: Entry) -> int:
    """Write ``new`` (its id is ignored; a uid and stamps it lacks are given); returns its id.

    Only the kind's values that are not None are written (the others are NULL anyway), so an
    older schema without a newer column still takes an entry that leaves it empty."""
    stamp = new.created_at or now()
    with for_profiles(connection, [profile_id]):
        entry_id = int(
            connection.execute(
                insert(entry)
                .values(
                    uid=new.uid or new_uid(),
                    profile_id=profile_id,
                    kind=new.kind,
                    day=new.day,
                    time=new.time,
                    origin=new.origin,
                    note=new.note,
                    created_at=stamp,
                    updated_at=new.updated_at or stamp,
                )
                .returning(entry.c.id)
            ).scalar_one()
        )
        table = DETAIL_TABLES.get(new.kind)
        if table is not None:
            given = {name: value for name, value in new.fields().items() if value is not None}
            connection.execute(insert(table).values(entry_id=entry_id, **given))
    return entry_id


def _detail_columns(kind: str) -> list[Any]:
    table = DETAIL_TABLES.get(kind)
    if table is None:
        return []
    return [column for column in table.c if column.name != "entry_id"]


def _labelled(kind: str) -> list[Any]:
    return [column.label(f"{kind}__{column.name}") for column in _detail_columns(kind)]


# Per kind, its detail columns: (name, label in a joined row). Read once: iterating a table's
# columns costs more than reading a row.
DETAIL_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    kind: tuple((column.name, f"{kind}__{column.name}") for column in _detail_columns(kind))
    for kind in DETAIL_TABLES
}


# entry LEFT JOIN every detail table: one query reads entries of every kind.
_ALL_DETAILS: Any = entry
for _table in DETAIL_TABLES.values():
    _ALL_DETAILS = _ALL_DETAILS.outerjoin(_table, _table.c.entry_id == entry.c.id)
_ALL_COLUMNS = [*entry.c, *(c for kind in DETAIL_TABLES for c in _labelled(kind))]


def _entry(row: Row[Any]) -> Entry:
    """The entry of a row of ``entry`` joined to its kind's table: the class of its kind."""
    mapping = row._mapping
    kind = mapping["kind"]
    values = {name: mapping[label] for name, label in DETAIL_NAMES.get(kind, ())}
    return ENTRY_TYPES[kind].from_fields(
        values,
        id=mapping["id"],
        uid=mapping["uid"],
        day=mapping["day"],
        time=mapping["time"],
        origin=mapping["origin"],
        note=mapping["note"],
        created_at=_aware(mapping["created_at"]),
        updated_at=_aware(mapping["updated_at"]),
    )


def entries(
    connection: Connection,
    profile_id: int,
    start: date | None = None,
    end: date | None = None,
    *,
    kinds: Iterable[str] | None = None,
    ids: Sequence[int] | None = None,
) -> list[Entry]:
    """Entries of a profile from ``start`` to ``end`` (inclusive), by day, time and id, each
    with its detail row: one query, the entry table left-joined to every detail table."""
    where = [entry.c.profile_id == profile_id]
    if start is not None:
        where.append(entry.c.day >= start)
    if end is not None:
        where.append(entry.c.day <= end)
    if ids is not None:
        where.append(entry.c.id.in_(ids))
    if kinds is not None:
        where.append(entry.c.kind.in_(list(kinds)))
    query = select(*_ALL_COLUMNS).select_from(_ALL_DETAILS).where(*where)
    found = [_entry(row) for row in connection.execute(query)]
    found.sort(key=lambda e: (e.day, e.time is None, e.time or 0, e.id))
    return found


def get_entry(connection: Connection, profile_id: int, entry_id: int) -> Entry | None:
    found = entries(connection, profile_id, ids=[entry_id])
    return found[0] if found else None


def update_entry(connection: Connection, current: Entry, edited: Entry) -> None:
    """Store ``edited`` over ``current`` (the same entry): its day, time and note, and its
    kind's values when they changed."""
    owner = connection.execute(select(entry.c.profile_id).where(entry.c.id == current.id))
    with for_profiles(connection, owner.scalars()):
        connection.execute(
            update(entry)
            .where(entry.c.id == current.id)
            .values(day=edited.day, time=edited.time, note=edited.note, updated_at=now())
        )
        table = DETAIL_TABLES.get(current.kind)
        values = edited.fields()
        if table is not None and values != current.fields():
            connection.execute(update(table).where(table.c.entry_id == current.id).values(**values))


def delete_entry(connection: Connection, profile_id: int, entry_id: int) -> bool:
    kind = connection.execute(
        select(entry.c.kind).where(entry.c.id == entry_id, entry.c.profile_id == profile_id)
    ).scalar()
    if kind is None:
        return False
    table = DETAIL_TABLES.get(kind)
    with for_profiles(connection, [profile_id]):
        if table is not None:
            connection.execute(delete(table).where(table.c.entry_id == entry_id))
        connection.execute(delete(entry).where(entry.c.id == entry_id))
    return True


def entry_by_uid(connection: Connection, uid: str) -> int | None:
    found = connection.execute(select(entry.c.id).where(entry.c.uid == uid)).scalar()
    return None if found is None else int(found)


def latest_lab(connection: Connection, profile_id: int, on_or_before: date) -> LabEntry | None:
    """The newest lab result on or before a day."""
    # Only the lab table joined: planning the eight-table join costs PostgreSQL ~10 ms here.
    row = connection.execute(
        select(*entry.c, *_labelled("lab"))
        .select_from(entry.join(lab_result, lab_result.c.entry_id == entry.c.id))
        .where(
            entry.c.profile_id == profile_id,
            entry.c.kind == "lab",
            entry.c.day <= on_or_before,
        )
        .order_by(entry.c.day.desc(), entry.c.time.desc().nulls_last(), entry.c.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    found = _entry(row)
    assert isinstance(found, LabEntry)
    return found


def count_entries(connection: Connection, profile_id: int) -> int:
    return int(
        connection.execute(
            select(func.count()).select_from(entry).where(entry.c.profile_id == profile_id)
        ).scalar_one()
    )
