"""The journal's reads of profiles and entries, as plain SQL for either kind of connection
(storage.plain_sql): a day read on an up-to-date SQLite file runs on the sqlite3 driver and
imports no SQLAlchemy (``mgcoach day``), the web app and PostgreSQL run the same statements on
SQLAlchemy's connections. The writes stay in storage.journal.

A row becomes a record here only (``entry_of``, ``profile_of``), whatever read it: these
statements' rows, whose values are the driver's, and storage.journal_bulk's, whose values
SQLAlchemy's column types converted already. The columns are the tables' of
storage.journal_tables (a test keeps the two in step).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from ..foods.nutrients import nutrient_keys
from ..journal.frequency import parse_frequency
from ..journal.model import ENTRY_TYPES, Entry, LabEntry, Medicine, PersonProfile
from .database import LOCAL_USER as LOCAL_USER
from .plain_sql import Reader, as_bool, as_date, as_datetime, fetch, first, in_list

ENTRY_COLUMNS = (
    "id", "uid", "profile_id", "kind", "day", "time", "origin", "note", "created_at",
    "updated_at",
)  # fmt: skip
# Per kind, its detail table and that table's columns but the key (entry_id), in order.
DETAIL_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "food": (
        "food_item",
        (
            *("food_id", "name", "name_nl", "amount_text", "grams", "item_kind", "counted"),
            *("meal", "extra", *nutrient_keys()),
        ),
    ),
    "supplement": (
        "supplement_intake",
        ("name", "compound", "label", "dose_mg", "elemental_mg", "given_as", "basis"),
    ),
    "medication": ("medication_dose", ("name", "drug")),
    "symptom": ("symptom", ("symptom", "count", "severity", "location", "night")),
    "sleep": ("sleep", ("hours", "quality")),
    "training": ("training", ("activity", "minutes", "rpe")),
    "lab": ("lab_result", ("test", "value", "unit", "value_mmol_l")),
    "weight": ("body_weight", ("kg",)),
}
# The detail columns SQLAlchemy reads as booleans (SQLite stores 0 and 1).
BOOLEAN_DETAILS = frozenset({"counted", "night"})
PROFILE_BOOLEANS = ("pregnant", "lactating", "dialysis")
PROFILE_COLUMNS = (
    "name", "sex", "age_years", "age_on", "system", "pregnant", "lactating", "weight_kg",
    "height_cm", "egfr", "dialysis", "activity",
)  # fmt: skip

# Per kind, its detail columns: (name, label in a joined row).
DETAIL_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    kind: tuple((column, f"{kind}__{column}") for column in columns)
    for kind, (_table, columns) in DETAIL_COLUMNS.items()
}


def labelled(kind: str) -> str:
    """The detail columns of ``kind`` in a SELECT, each labelled ``kind__column``."""
    table, columns = DETAIL_COLUMNS[kind]
    return ", ".join(f"{table}.{column} AS {kind}__{column}" for column in columns)


ENTRY_SELECT = "SELECT " + ", ".join(f"entry.{column}" for column in ENTRY_COLUMNS)
# entry LEFT JOIN every detail table: one query reads entries of every kind.
_ALL_ENTRIES = (
    f"{ENTRY_SELECT}, {', '.join(labelled(kind) for kind in DETAIL_COLUMNS)} FROM entry"
    + "".join(
        f" LEFT OUTER JOIN {table} ON {table}.entry_id = entry.id"
        for table, _columns in DETAIL_COLUMNS.values()
    )
    + " WHERE entry.profile_id = :profile"
)
# Only the lab table joined: planning the eight-table join costs PostgreSQL ~10 ms here.
_LATEST_LAB = (
    f"{ENTRY_SELECT}, {labelled('lab')} FROM entry "
    "JOIN lab_result ON lab_result.entry_id = entry.id "
    "WHERE entry.profile_id = :profile AND entry.kind = 'lab' AND entry.day <= :day "
    "ORDER BY entry.day DESC, entry.time DESC NULLS LAST, entry.id DESC LIMIT 1"
)
_USER_ID = "SELECT app_user.id FROM app_user WHERE app_user.name = :name"
_PROFILE_ID = (
    "SELECT profile.id FROM profile JOIN app_user ON app_user.id = profile.user_id "
    "WHERE app_user.name = :owner AND profile.name = :name"
)
# Every column, so that ``reasons`` is read where the revision has it (0009 on).
_PROFILES = "SELECT * FROM profile WHERE profile.user_id = :owner"
_MEDICINES = (
    "SELECT profile_id, seq, name, times, frequency FROM profile_medication "
    "WHERE profile_id IN ({ids}) ORDER BY profile_id, seq"
)


def aware(value: Any) -> datetime:
    """A stored time in UTC: SQLite hands back naive datetimes, PostgreSQL the session's zone;
    every time is UTC."""
    found = as_datetime(value)
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)


# -- users and profiles --------------------------------------------------------------------


def find_user_id(connection: Reader, name: str = LOCAL_USER) -> int | None:
    """The id of user ``name``, None when there is none (storage.journal.user_id makes one)."""
    row = first(connection, _USER_ID, {"name": name})
    return None if row is None else int(row["id"])


def find_profile_id(connection: Reader, owner_name: str, name: str) -> int | None:
    """The id of user ``owner_name``'s profile ``name``, in one indexed query."""
    row = first(connection, _PROFILE_ID, {"owner": owner_name, "name": name})
    return None if row is None else int(row["id"])


def medicines(connection: Reader, profile_ids: Sequence[int]) -> dict[int, list[Medicine]]:
    found: dict[int, list[Medicine]] = {pid: [] for pid in profile_ids}
    if not found:
        return found
    ids, params = in_list("profile", profile_ids)
    for row in fetch(connection, _MEDICINES.format(ids=ids), params):
        times = tuple(int(t) for t in row["times"].split(",") if t)
        frequency = parse_frequency(row["frequency"])
        found[row["profile_id"]].append(Medicine(row["name"], times, frequency))
    return found


def profile_of(row: Mapping[str, Any], medicines: Iterable[Medicine]) -> PersonProfile:
    """The profile of a ``profile`` row (with ``reasons`` or, before revision 0009, without)."""
    values = {column: row[column] for column in PROFILE_COLUMNS}
    values["age_on"] = as_date(values["age_on"])
    for column in PROFILE_BOOLEANS:
        values[column] = as_bool(values[column])
    reasons = row.get("reasons")
    return PersonProfile(
        **values,
        medicines=tuple(medicines),
        reasons=tuple(reasons.split(",")) if reasons else (),
        id=row["id"],
        created_at=aware(row["created_at"]),
        updated_at=aware(row["updated_at"]),
    )


def profiles(connection: Reader, owner: int) -> list[PersonProfile]:
    rows = fetch(connection, _PROFILES + " ORDER BY profile.id", {"owner": owner})
    meds = medicines(connection, [row["id"] for row in rows])
    return [profile_of(row, meds[row["id"]]) for row in rows]


def find_profile(connection: Reader, owner: int, name: str) -> PersonProfile | None:
    row = first(connection, _PROFILES + " AND profile.name = :name", {"owner": owner, "name": name})
    if row is None:
        return None
    return profile_of(row, medicines(connection, [row["id"]])[row["id"]])


# -- entries -------------------------------------------------------------------------------


def entry_of(row: Mapping[str, Any]) -> Entry:
    """The entry of a row of ``entry`` joined to its kind's table: the class of its kind."""
    kind = row["kind"]
    values = {name: row[label] for name, label in DETAIL_NAMES.get(kind, ())}
    for name in BOOLEAN_DETAILS.intersection(values):
        values[name] = as_bool(values[name])
    return ENTRY_TYPES[kind].from_fields(
        values,
        id=row["id"],
        uid=row["uid"],
        day=as_date(row["day"]),
        time=row["time"],
        origin=row["origin"],
        note=row["note"],
        created_at=aware(row["created_at"]),
        updated_at=aware(row["updated_at"]),
    )


def entries(
    connection: Reader,
    profile_id: int,
    start: date | None = None,
    end: date | None = None,
    *,
    kinds: Iterable[str] | None = None,
    ids: Sequence[int] | None = None,
) -> list[Entry]:
    """Entries of a profile from ``start`` to ``end`` (inclusive), by day, time and id, each
    with its detail row: one query, the entry table left-joined to every detail table."""
    params: dict[str, Any]
    sql, params = _ALL_ENTRIES, {"profile": profile_id}
    if start is not None:
        sql, params = sql + " AND entry.day >= :start", params | {"start": start}
    if end is not None:
        sql, params = sql + " AND entry.day <= :end", params | {"end": end}
    for column, values in (("id", ids), ("kind", kinds)):
        if values is not None:
            listed, more = in_list(column, list(values))
            sql, params = sql + f" AND entry.{column} IN ({listed})", params | more
    found = [entry_of(row) for row in fetch(connection, sql, params)]
    found.sort(key=lambda e: (e.day, e.time is None, e.time or 0, e.id))
    return found


def latest_lab(connection: Reader, profile_id: int, on_or_before: date) -> LabEntry | None:
    """The newest lab result on or before a day."""
    row = first(connection, _LATEST_LAB, {"profile": profile_id, "day": on_or_before})
    if row is None:
        return None
    found = entry_of(row)
    assert isinstance(found, LabEntry)
    return found
