"""The journal's queries: users, profiles, entries and the per-day sums a trend needs.

Every function takes an open connection: the caller (a service) owns the transaction, so one
user action is one transaction whatever it touches.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, case, delete, func, insert, select, update

from ..journal.frequency import parse_frequency
from ..journal.model import Entry, Medicine, PersonProfile
from .foods import upsert_for
from .generation import for_profiles
from .journal_tables import (
    DETAIL_TABLES,
    app_user,
    entry,
    food_item,
    lab_result,
    profile,
    profile_medication,
    sleep,
    supplement_intake,
    symptom,
    training,
)

LOCAL_USER = "local"
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


def user_id(connection: Connection, name: str = LOCAL_USER, *, create: bool = True) -> int | None:
    """The id of user ``name``; created on first use unless ``create`` is false."""
    query = select(app_user.c.id).where(app_user.c.name == name)
    found = connection.execute(query).scalar()
    if found is not None or not create:
        return found
    # Two processes may create the same user at once: the second one's insert does nothing.
    connection.execute(
        upsert_for(connection)(app_user)
        .values(name=name, created_at=now())
        .on_conflict_do_nothing(index_elements=[app_user.c.name])
    )
    return int(connection.execute(query).scalar_one())


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
    return PersonProfile(
        **values,
        medicines=tuple(medicines),
        id=row.id,
        created_at=_aware(row.created_at),
        updated_at=_aware(row.updated_at),
    )


def profiles(connection: Connection, owner: int) -> list[PersonProfile]:
    rows = list(
        connection.execute(select(profile).where(profile.c.user_id == owner).order_by(profile.c.id))
    )
    meds = _medicines(connection, [row.id for row in rows])
    return [_profile(row, meds[row.id]) for row in rows]


def find_profile(connection: Connection, owner: int, name: str) -> PersonProfile | None:
    row = connection.execute(
        select(profile).where(profile.c.user_id == owner, profile.c.name == name)
    ).first()
    if row is None:
        return None
    return _profile(row, _medicines(connection, [row.id])[row.id])


def find_profile_id(connection: Connection, owner_name: str, name: str) -> int | None:
    """The id of user ``owner_name``'s profile ``name``, in one indexed query."""
    query = (
        select(profile.c.id)
        .join(app_user, app_user.c.id == profile.c.user_id)
        .where(app_user.c.name == owner_name, profile.c.name == name)
    )
    found = connection.execute(query).scalar()
    return None if found is None else int(found)


def save_profile(connection: Connection, owner: int, person: PersonProfile) -> int:
    """Insert or update the profile named ``person.name``; its medicines replace the old ones."""
    values = {column: getattr(person, column) for column in PROFILE_COLUMNS}
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
        connection.execute(delete(profile).where(profile.c.id == profile_id))


def delete_user(connection: Connection, owner: int) -> int:
    """Delete a user's profiles and entries and the user; returns how many entries went."""
    gone = 0
    for person in profiles(connection, owner):
        assert person.id is not None
        gone += count_entries(connection, person.id)
        delete_profile(connection, person.id)
    connection.execute(delete(app_user).where(app_user.c.id == owner))
    return gone


# -- entries -------------------------------------------------------------------------------


def add_entry(
    connection: Connection,
    profile_id: int,
    *,
    kind: str,
    day: date,
    time: int | None,
    detail: Mapping[str, Any],
    origin: str = "cli",
    note: str | None = None,
    uid: str | None = None,
    created_at: datetime | None = None,
    updated_at: datetime | None = None,
) -> int:
    stamp = created_at or now()
    with for_profiles(connection, [profile_id]):
        entry_id = int(
            connection.execute(
                insert(entry)
                .values(
                    uid=uid or new_uid(),
                    profile_id=profile_id,
                    kind=kind,
                    day=day,
                    time=time,
                    origin=origin,
                    note=note,
                    created_at=stamp,
                    updated_at=updated_at or stamp,
                )
                .returning(entry.c.id)
            ).scalar_one()
        )
        table = DETAIL_TABLES.get(kind)
        if table is not None:
            connection.execute(insert(table).values(entry_id=entry_id, **detail))
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
    mapping = row._mapping
    kind = mapping["kind"]
    detail = {name: mapping[label] for name, label in DETAIL_NAMES.get(kind, ())}
    return Entry(
        id=mapping["id"],
        uid=mapping["uid"],
        kind=kind,
        day=mapping["day"],
        time=mapping["time"],
        origin=mapping["origin"],
        note=mapping["note"],
        created_at=_aware(mapping["created_at"]),
        updated_at=_aware(mapping["updated_at"]),
        detail=detail,
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
    query = select(*_ALL_COLUMNS).select_from(_ALL_DETAILS).where(and_(*where))
    found = [_entry(row) for row in connection.execute(query)]
    found.sort(key=lambda e: (e.day, e.time is None, e.time or 0, e.id))
    return found


def get_entry(connection: Connection, profile_id: int, entry_id: int) -> Entry | None:
    found = entries(connection, profile_id, ids=[entry_id])
    return found[0] if found else None


def update_entry(
    connection: Connection,
    current: Entry,
    *,
    day: date,
    time: int | None,
    note: str | None,
    detail: Mapping[str, Any],
) -> None:
    owner = connection.execute(select(entry.c.profile_id).where(entry.c.id == current.id))
    with for_profiles(connection, owner.scalars()):
        connection.execute(
            update(entry)
            .where(entry.c.id == current.id)
            .values(day=day, time=time, note=note, updated_at=now())
        )
        table = DETAIL_TABLES.get(current.kind)
        if table is not None and detail:
            connection.execute(update(table).where(table.c.entry_id == current.id).values(**detail))


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


def latest_lab(connection: Connection, profile_id: int, on_or_before: date) -> Entry | None:
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
    return None if row is None else _entry(row)


def count_entries(connection: Connection, profile_id: int) -> int:
    return int(
        connection.execute(
            select(func.count()).select_from(entry).where(entry.c.profile_id == profile_id)
        ).scalar_one()
    )


# -- per-day sums (trend) --------------------------------------------------------------------

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
        column = food_item.c[key]
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
        select(entry.c.day, func.sum(supplement_intake.c.elemental_mg))
        .select_from(entry.join(supplement_intake, supplement_intake.c.entry_id == entry.c.id))
        .where(entry.c.profile_id == profile_id, entry.c.day.between(start, end))
        .group_by(entry.c.day)
    )
    return {row[0]: float(row[1]) for row in connection.execute(query)}


def daily_symptoms(
    connection: Connection, profile_id: int, start: date, end: date
) -> list[Row[Any]]:
    """Per day and symptom: how many entries, the count summed (cramps), the worst severity."""
    query = (
        select(
            entry.c.day,
            symptom.c.symptom,
            func.count().label("entries"),
            func.sum(func.coalesce(symptom.c.count, 1)).label("count"),
            func.max(symptom.c.severity).label("severity"),
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
        select(entry.c.day, func.sum(sleep.c.hours), func.avg(sleep.c.quality))
        .select_from(entry.join(sleep, sleep.c.entry_id == entry.c.id))
        .where(*where)
        .group_by(entry.c.day)
    )
    trainings = connection.execute(
        select(entry.c.day, func.sum(training.c.minutes), func.max(training.c.rpe))
        .select_from(entry.join(training, training.c.entry_id == entry.c.id))
        .where(*where)
        .group_by(entry.c.day)
    )
    return (
        {row[0]: (float(row[1]), None if row[2] is None else float(row[2])) for row in sleeps},
        {row[0]: (float(row[1]), None if row[2] is None else float(row[2])) for row in trainings},
    )
