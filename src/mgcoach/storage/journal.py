"""The journal's writes: users, profiles and entries. Its reads are in storage.journal_reads,
plain SQL that a sqlite3 connection runs too; those the services ask of ``store`` are named
here as well.

Every function takes an open connection: the caller (a service) owns the transaction, so one
user action is one transaction whatever it touches.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from ..journal.model import Entry, PersonProfile
from .columns import has_column
from .foods import delete_owned_foods, upsert_for
from .generation import for_profiles
from .journal_reads import LOCAL_USER as LOCAL_USER  # the services' store.LOCAL_USER
from .journal_reads import PROFILE_COLUMNS as PROFILE_COLUMNS
from .journal_reads import entries as entries
from .journal_reads import find_profile as find_profile
from .journal_reads import find_profile_id as find_profile_id
from .journal_reads import find_user_id
from .journal_reads import latest_lab as latest_lab
from .journal_reads import profiles as profiles
from .journal_tables import DETAIL_TABLES, app_user, entry, favourite, profile, profile_medication


def now() -> datetime:
    return datetime.now(UTC)


def new_uid() -> str:
    return uuid.uuid4().hex


# -- users ---------------------------------------------------------------------------------


def user_id(connection: Connection, name: str = LOCAL_USER, *, create: bool = True) -> int | None:
    """The id of user ``name``; created on first use unless ``create`` is false."""
    found = find_user_id(connection, name)
    if found is not None or not create:
        return found
    # Two processes may create the same user at once: the second one's insert does nothing.
    connection.execute(
        upsert_for(connection)(app_user)
        .values(name=name, created_at=now())
        .on_conflict_do_nothing(index_elements=[app_user.c.name])
    )
    made = find_user_id(connection, name)
    assert made is not None
    return made


# -- profiles ------------------------------------------------------------------------------


def _reasons_column(connection: Connection, person: PersonProfile) -> dict[str, str | None]:
    """The stored ``reasons`` of ``person`` (none on a revision before 0009)."""
    if not has_column(connection, "profile", "reasons"):
        return {}
    return {"reasons": ",".join(person.reasons) or None}


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


def count_entries(connection: Connection, profile_id: int) -> int:
    return int(
        connection.execute(
            select(func.count()).select_from(entry).where(entry.c.profile_id == profile_id)
        ).scalar_one()
    )
