"""Logging: each `log` command validates what it was given, then writes one entry in one
transaction (the entry row and its detail row together, or nothing); listing, reading and
deleting entries.

What each kind holds and how it is checked is journal_kinds.py; `edit` is journal_edit.py (its
names are importable from here too, as the edges have always found them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..engine.interactions import medication
from ..errors import InputError, about
from ..i18n import N_
from ..journal import bounds
from ..journal.dates import parse_day
from ..journal.model import (
    Entry,
    MedicationEntry,
    NoteEntry,
    PersonProfile,
    SleepEntry,
    SymptomEntry,
    TrainingEntry,
    WeightEntry,
)
from ..knowledge import KnowledgeBase
from ..storage import journal as store
from ..storage.database import Connection, Database
from ..storage.journal_tables import KINDS
from ..storage.journal_weights import weights_between
from .journal import require_profile
from .journal_edit import EDITABLE as EDITABLE
from .journal_edit import EDITABLE_ALWAYS as EDITABLE_ALWAYS
from .journal_edit import EntryChanges as EntryChanges
from .journal_edit import UnfitChangeError as UnfitChangeError
from .journal_edit import api_field as api_field
from .journal_edit import edit_entry as edit_entry
from .journal_kinds import UnknownEntryError as UnknownEntryError
from .journal_kinds import basis_can_change as basis_can_change
from .journal_kinds import (
    checked_sleep,
    checked_symptom,
    checked_training,
    checked_weight,
    clean_note,
    food_entry,
    lab_entry,
    supplement_entry,
)
from .journal_kinds import entry_basis as entry_basis
from .meals import meal_of


@dataclass(frozen=True, slots=True)
class When:
    """Whose journal, which day and what time (minutes after midnight, None if not given)."""

    profile: str
    day: date
    time: int | None = None
    note: str | None = None
    owner: str = store.LOCAL_USER
    origin: str = "cli"


def _check_when(when: When) -> None:
    # A day of slack: the caller's "today" may be in a time zone ahead of this machine's.
    if when.day > date.today() + timedelta(days=1):
        raise InputError(
            N_("{date} is in the future: the journal records what happened."),
            field="date",
            date=when.day.isoformat(),
        )
    bounds.check_day(when.day)
    bounds.check_time(when.time)


def _write(db: Database, when: When, build: Callable[[Connection], Entry]) -> Entry:
    """Validate and write one entry in one transaction; ``build(connection)`` returns the entry
    of ``when.day`` (it may raise, and then nothing is written); ``when`` gives its time,
    origin and note."""
    _check_when(when)
    with db.begin() as connection:
        person = require_profile(connection, when.profile, when.owner)
        assert person.id is not None
        new = replace(
            build(connection), time=when.time, origin=when.origin, note=clean_note(when.note)
        )
        bounds.check_entry(new)  # what every way in is held to (journal/bounds.py)
        entry_id = store.add_entry(connection, person.id, new)
        found = store.get_entry(connection, person.id, entry_id)
    assert found is not None
    return found


def write_entries(
    db: Database, when: When, entries: Sequence[Entry], keep_times: bool = False
) -> list[Entry]:
    """Write ready-made ``entries`` on ``when.day`` in one transaction, all or none, each held
    to the bounds; with ``keep_times`` each keeps its own time and note, else ``when``'s."""
    _check_when(when)
    written = []
    with db.begin() as connection:
        person = require_profile(connection, when.profile, when.owner)
        assert person.id is not None
        for entry in entries:
            new = replace(entry, day=when.day, origin=when.origin)
            if not keep_times:
                new = replace(new, time=when.time, note=clean_note(when.note))
            bounds.check_entry(new)
            written.append(store.add_entry(connection, person.id, new))
        found = store.entries(connection, person.id, when.day, when.day, ids=written)
    return found


def log_food(
    db: Database, when: When, food_text: str, amount_text: str, meal: str | None = None
) -> Entry:
    """A food and its amount, in ``meal`` (services/meals.py) when one is given."""
    count_use = when.owner == store.LOCAL_USER
    meal = meal_of(meal)

    def build(c: Connection) -> Entry:
        mine = store.user_id(c, when.owner, create=False)  # the account's own foods too
        new = food_entry(c, when.day, food_text, amount_text, count_use, visible_to=mine)
        return replace(new, meal=meal)

    return _write(db, when, build)


def log_supplement(
    db: Database,
    kb: KnowledgeBase,
    when: When,
    compound: str | None,
    dose_mg: float | None,
    label: str | None,
    *,
    basis: str | None = None,
    elemental: bool = False,
) -> Entry:
    new = supplement_entry(kb, when.day, compound, dose_mg, label, basis=basis, elemental=elemental)
    return _write(db, when, lambda _c: new)


def log_medication(db: Database, kb: KnowledgeBase, when: When, name: str) -> Entry:
    """A medicine taken at a time: the day's interaction check uses this time."""
    if when.time is None:
        raise InputError(N_("Give the time the medicine was taken (HH:MM)."), field="time")
    name = bounds.clean_text(name, "name", "name")
    with about("name"):
        med = medication(kb, name, (when.time,))
    new = MedicationEntry(day=when.day, name=name, drug=med.drug.slug)
    return _write(db, when, lambda _c: new)


def log_symptom(
    db: Database,
    kb: KnowledgeBase,
    when: When,
    name: str,
    *,
    count: int | None = None,
    severity: float | None = None,
    location: str | None = None,
    night: bool | None = None,
) -> Entry:
    given = SymptomEntry(
        day=when.day,
        symptom=name,
        count=count,
        severity=severity,
        location=location,
        night=night,
    )
    new = checked_symptom(kb, given)
    return _write(db, when, lambda _c: new)


def log_sleep(db: Database, when: When, hours: float, quality: float | None = None) -> Entry:
    new = checked_sleep(SleepEntry(day=when.day, hours=hours, quality=quality))
    return _write(db, when, lambda _c: new)


def log_training(
    db: Database, when: When, activity: str, minutes: float, rpe: float | None = None
) -> Entry:
    given = TrainingEntry(day=when.day, activity=activity, minutes=minutes, rpe=rpe)
    new = checked_training(given)
    return _write(db, when, lambda _c: new)


def log_lab(db: Database, kb: KnowledgeBase, when: When, value: float, unit: str) -> Entry:
    new = lab_entry(kb, when.day, value, unit)
    return _write(db, when, lambda _c: new)


def log_weight(db: Database, when: When, kg: float) -> Entry:
    """A body weight: the targets of this day on use it (the latest on or before a day)."""
    new = checked_weight(WeightEntry(day=when.day, kg=kg))
    return _write(db, when, lambda _c: new)


def log_note(db: Database, when: When) -> Entry:
    if clean_note(when.note) is None:
        raise InputError(N_("The note is empty."), field="note")
    return _write(db, when, lambda _c: NoteEntry(day=when.day))


KIND_ALIASES = {"med": "medication", "medicine": "medication"}


def entry_range(
    day: str | None, start: str | None, end: str | None, today: date
) -> tuple[date, date]:
    """The days of a listing: one day (default today), or ``start`` to ``end`` (default today)."""
    if day is not None and (start is not None or end is not None):
        raise InputError(
            N_("Give one day, or a first and a last day, not both."), field=("date", "from")
        )
    if start is None and end is None:
        one = parse_day(day, today)
        return one, one
    first = parse_day(start if start is not None else end, today)
    last = parse_day(end, today) if end is not None else today
    if first > last:
        raise InputError(N_("The first day must not be after the last day."), field=("from", "to"))
    return first, last


def entry_kinds(given: list[str] | None) -> list[str] | None:
    """Kind names to list (``med`` is ``medication``); None for every kind."""
    wanted = [KIND_ALIASES.get(k.strip().lower(), k.strip().lower()) for k in given or []]
    for item in wanted:
        if item not in KINDS:
            raise InputError(
                N_("Unknown kind {kind}: use one of {choices}."),
                field="kind",
                kind=item,
                choices=", ".join(KINDS),
            )
    return wanted or None


def get_entry(db: Database, profile: str, entry_id: int, owner: str = store.LOCAL_USER) -> Entry:
    """One entry of ``owner``'s profile; any other id (another profile's or user's) is unknown."""
    with db.connect() as connection:
        person = require_profile(connection, profile, owner)
        assert person.id is not None
        # An id no row can have (beyond the id column's range) is unknown, like any other.
        in_range = bounds.in_id_range(entry_id)
        found = store.get_entry(connection, person.id, entry_id) if in_range else None
    if found is None:
        raise UnknownEntryError(
            N_("Profile {profile} has no entry {id}."),
            field="entry_id",
            profile=profile,
            id=entry_id,
        )
    return found


def list_entries(
    db: Database,
    profile: str,
    start: date | None,
    end: date | None,
    kinds: list[str] | None = None,
    owner: str = store.LOCAL_USER,
) -> tuple[PersonProfile, list[Entry]]:
    with db.connect() as connection:
        person = require_profile(connection, profile, owner)
        assert person.id is not None
        return person, store.entries(connection, person.id, start, end, kinds=kinds)


def logged_weights(
    db: Database, profile: str, start: date, end: date, owner: str = store.LOCAL_USER
) -> list[tuple[date, float]]:
    """Each day's body weight (kg, the day's last) from ``start`` to ``end``, by day."""
    with db.connect() as connection:
        person = require_profile(connection, profile, owner)
        assert person.id is not None
        return weights_between(connection, person.id, start, end)


def delete_entries(
    db: Database, profile: str, ids: list[int], owner: str = store.LOCAL_USER
) -> int:
    """Delete entries by id, all or none: an unknown id deletes nothing."""
    with db.begin() as connection:
        person = require_profile(connection, profile, owner)
        assert person.id is not None
        for entry_id in ids:
            in_range = bounds.in_id_range(entry_id)
            if not in_range or not store.delete_entry(connection, person.id, entry_id):
                raise UnknownEntryError(
                    N_("Profile {profile} has no entry {id}; nothing was deleted."),
                    field="entry_id",
                    profile=profile,
                    id=entry_id,
                )
    return len(ids)
