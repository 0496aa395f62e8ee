"""Each profile's day in one row (storage/day_summary.py, revision 0015), on SQLite and
PostgreSQL: whatever writes the journal (one entry, an edit that moves a day or changes an
amount, a delete, an import in bulk (COPY on PostgreSQL), uncounting, deleting a profile),
the rows a refresh gives are what the entries add up to now, also when refreshes of part of
the days come in between. A changed red-flag rule recomputes every row; a refresh waits for
a write that is marking a day it takes, and then reads it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from mgcoach.journal.model import (
    Entry,
    FoodEntry,
    LabEntry,
    PersonProfile,
    SleepEntry,
    SupplementEntry,
    SymptomEntry,
)
from mgcoach.storage import journal as store
from mgcoach.storage import journal_bulk
from mgcoach.storage.database import Database
from mgcoach.storage.day_summary import refresh
from mgcoach.storage.day_summary_tables import day_summary, day_summary_rule, day_summary_stale
from mgcoach.storage.journal_tables import profile

FIRST = date(2026, 3, 1)
DAYS = 6
LAST = FIRST + timedelta(days=DAYS - 1)
RED = ("chest_pain",)
Row = tuple[Any, ...]  # food_mg, food_entries, supplement_mg, red_flag, lab_low, lab_high


def _food(day: date, mg: float, counted: bool = True) -> FoodEntry:
    return FoodEntry(
        day=day, name="pumpkin seeds", amount_text="30 g", grams=30.0, counted=counted,
        nutrients={"magnesium_mg": mg},
    )  # fmt: skip


def _supplement(day: date, mg: float) -> SupplementEntry:
    return SupplementEntry(day=day, name="citrate", elemental_mg=mg, given_as="elemental")


def _entry(kind: str, day: date, value: float) -> Entry:
    made: dict[str, Entry] = {
        "food": _food(day, value),
        "supplement": _supplement(day, value),
        "symptom": SymptomEntry(day=day, symptom="chest_pain" if value > 50 else "cramp"),
        "lab": LabEntry(day=day, value=value / 100, unit="mmol/L", value_mmol_l=value / 100),
        "sleep": SleepEntry(day=day, hours=7.5),
    }
    return made[kind]


def _expected(entries: dict[int, tuple[int, Entry]]) -> dict[tuple[int, date], Row]:
    """What each (profile, day) adds up to, from the entries kept beside the database."""
    days: dict[tuple[int, date], list[Entry]] = {}
    for profile_id, kept in entries.values():
        if kept.kind in ("food", "supplement", "symptom", "lab"):
            days.setdefault((profile_id, kept.day), []).append(kept)
    found: dict[tuple[int, date], Row] = {}
    for key, day_entries in days.items():
        foods = [e for e in day_entries if isinstance(e, FoodEntry) and e.counted]
        supplements = [e.elemental_mg for e in day_entries if isinstance(e, SupplementEntry)]
        symptoms = [e.symptom for e in day_entries if isinstance(e, SymptomEntry)]
        labs = [e.value_mmol_l for e in day_entries if isinstance(e, LabEntry)]
        found[key] = (
            sum(e.magnesium_mg or 0 for e in foods) if foods else None,
            len(foods),
            sum(supplements) if supplements else None,
            int(any(s in RED for s in symptoms)),
            min(labs) if labs else None,
            max(labs) if labs else None,
        )
    return found


def _rows(db: Database) -> dict[tuple[int, date], Row]:
    with db.connect() as connection:
        rows = connection.execute(select(day_summary)).all()
    return {(r.profile_id, r.day): tuple(r[2:]) for r in rows}


def _close(found: dict[tuple[int, date], Row], wanted: dict[tuple[int, date], Row]) -> None:
    assert set(found) == set(wanted)
    for key, row in wanted.items():
        assert found[key] == pytest.approx(row), key


@dataclass
class Journal:
    """A database and the entries written to it, kept beside it."""

    db: Database
    profiles: list[int]
    entries: dict[int, tuple[int, Entry]] = field(default_factory=dict)

    def add(self, who: int, new: Entry) -> int:
        with self.db.begin() as connection:
            entry_id = store.add_entry(connection, self.profiles[who], new)
        self.entries[entry_id] = (self.profiles[who], replace(new, id=entry_id))
        return entry_id

    def edit(self, entry_id: int, **changes: Any) -> None:
        profile_id, current = self.entries[entry_id]
        edited = replace(current, **changes)
        with self.db.begin() as connection:
            stored = store.get_entry(connection, profile_id, entry_id)
            assert stored is not None
            store.update_entry(connection, stored, replace(stored, **changes))
        self.entries[entry_id] = (profile_id, edited)

    def remove(self, entry_id: int) -> None:
        profile_id, _ = self.entries.pop(entry_id)
        with self.db.begin() as connection:
            assert store.delete_entry(connection, profile_id, entry_id)

    def bulk(self, who: int, new: list[Entry]) -> None:
        with self.db.begin() as connection:
            ids = journal_bulk.add_entries(connection, self.profiles[who], new)
        for entry_id, made in zip(ids, new, strict=True):
            self.entries[entry_id] = (self.profiles[who], replace(made, id=entry_id))

    def uncount(self, entry_id: int) -> None:
        with self.db.begin() as connection:
            journal_bulk.set_counted(connection, {entry_id: False})
        profile_id, kept = self.entries[entry_id]
        assert isinstance(kept, FoodEntry)
        self.entries[entry_id] = (profile_id, replace(kept, counted=False))

    def refresh(self, start: date = FIRST, end: date = LAST, red: tuple[str, ...] = RED) -> int:
        with self.db.begin() as connection:
            return refresh(connection, self.profiles, start, end, red)


def _journal(db: Database, people: int = 2) -> Journal:
    with db.begin() as connection:
        connection.execute(delete(profile))  # a clean start for each example
        connection.execute(delete(day_summary_stale))
        owner = store.user_id(connection)
        assert owner is not None
        ids = [
            store.save_profile(
                connection,
                owner,
                PersonProfile(name=f"p{n}", sex="female", age_years=40, age_on=FIRST),
            )
            for n in range(people)
        ]
    return Journal(db, ids)


@pytest.fixture
def journal(db: Database) -> Iterator[Journal]:
    yield _journal(db)


def test_each_write_keeps_the_days_right(journal: Journal) -> None:
    """Log, refresh, then edit, move, uncount, delete and import in bulk: after every step
    the rows are what the entries add up to."""
    day2 = FIRST + timedelta(days=1)
    seeds = journal.add(0, _food(FIRST, 150.0))
    journal.add(0, _food(FIRST, 60.0))
    pill = journal.add(0, _supplement(FIRST, 200.0))
    journal.add(1, _entry("lab", day2, 61.0))
    journal.add(1, _entry("symptom", day2, 99.0))  # chest pain: a red flag
    journal.add(1, _entry("sleep", day2, 0.0))  # not a kind the summary reads
    assert journal.refresh() == 2
    _close(_rows(journal.db), _expected(journal.entries))
    assert _rows(journal.db)[(journal.profiles[0], FIRST)] == (210.0, 2, 200.0, 0, None, None)
    assert journal.refresh() == 0  # nothing stale: nothing recomputed

    journal.edit(seeds, nutrients={"magnesium_mg": 90.0})
    journal.edit(pill, day=day2)  # moves out of one day into another
    journal.uncount(seeds)
    journal.bulk(1, [_food(FIRST, 40.0), _food(LAST, 70.0), _supplement(LAST, 350.0)])
    assert journal.refresh() == 4  # profile 0: both days; profile 1: FIRST and LAST
    _close(_rows(journal.db), _expected(journal.entries))
    for entry_id in list(journal.entries):
        journal.remove(entry_id)
    journal.refresh()
    assert _rows(journal.db) == {}


def test_a_refresh_of_some_days_leaves_the_others_stale(journal: Journal) -> None:
    journal.add(0, _food(FIRST, 100.0))
    journal.add(0, _food(LAST, 50.0))
    assert journal.refresh(FIRST, FIRST) == 1
    assert set(_rows(journal.db)) == {(journal.profiles[0], FIRST)}
    assert journal.refresh(LAST, LAST) == 1
    _close(_rows(journal.db), _expected(journal.entries))


def test_a_deleted_profile_takes_its_days(journal: Journal) -> None:
    journal.add(0, _food(FIRST, 100.0))
    journal.add(1, _food(FIRST, 80.0))
    journal.refresh()
    with journal.db.begin() as connection:
        store.delete_profile(connection, journal.profiles[0])
    assert set(_rows(journal.db)) == {(journal.profiles[1], FIRST)}


def test_another_red_flag_rule_recomputes_every_day(journal: Journal) -> None:
    journal.add(0, _entry("symptom", FIRST, 10.0))  # a cramp
    journal.refresh()
    assert _rows(journal.db)[(journal.profiles[0], FIRST)][3] == 0
    assert journal.refresh(red=("chest_pain", "cramp")) == 1  # nothing written in between
    assert _rows(journal.db)[(journal.profiles[0], FIRST)][3] == 1
    with journal.db.connect() as connection:
        assert len(connection.execute(select(day_summary_rule)).all()) == 1


OPS = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 1), st.integers(0, DAYS - 1),
              st.sampled_from(["food", "supplement", "symptom", "lab", "sleep"]),
              st.floats(1, 400).map(lambda v: round(v, 1))),
    st.tuples(st.just("move"), st.integers(0, 50), st.integers(0, DAYS - 1)),
    st.tuples(st.just("amount"), st.integers(0, 50), st.floats(1, 400).map(round)),
    st.tuples(st.just("remove"), st.integers(0, 50)),
    st.tuples(st.just("uncount"), st.integers(0, 50)),
    st.tuples(st.just("bulk"), st.integers(0, 1), st.lists(st.integers(0, DAYS - 1), max_size=4)),
    st.tuples(st.just("refresh"), st.integers(0, DAYS - 1), st.integers(0, DAYS - 1)),
)  # fmt: skip


def _apply(journal: Journal, op: tuple[Any, ...]) -> None:
    kind, *args = op
    ids = sorted(journal.entries)
    picked = (
        ids[args[0] % len(ids)] if ids and kind in ("move", "amount", "remove", "uncount") else None
    )
    if kind == "add":
        who, offset, entry_kind, value = args
        journal.add(who, _entry(entry_kind, FIRST + timedelta(days=offset), value))
    elif kind == "bulk":
        journal.bulk(args[0], [_food(FIRST + timedelta(days=d), 10.0 + d) for d in args[1]])
    elif kind == "refresh":
        low, high = sorted(args)
        journal.refresh(FIRST + timedelta(days=low), FIRST + timedelta(days=high))
    elif picked is None:
        return
    elif kind == "move":
        journal.edit(picked, day=FIRST + timedelta(days=args[1]))
    elif kind == "remove":
        journal.remove(picked)
    else:
        _apply_value(journal, kind, picked, args[1] if kind == "amount" else 0.0)


def _apply_value(journal: Journal, kind: str, picked: int, value: float) -> None:
    kept = journal.entries[picked][1]
    if kind == "uncount" and isinstance(kept, FoodEntry):
        journal.uncount(picked)
    elif kind == "amount" and isinstance(kept, FoodEntry):
        journal.edit(picked, nutrients={"magnesium_mg": value})
    elif kind == "amount" and isinstance(kept, SupplementEntry):
        journal.edit(picked, elemental_mg=value)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(OPS, max_size=25))
def test_any_writes_and_refreshes_add_up(db: Database, ops: list[tuple[Any, ...]]) -> None:
    journal = _journal(db)
    for op in ops:
        _apply(journal, op)
    journal.refresh()
    _close(_rows(db), _expected(journal.entries))


def test_a_refresh_waits_for_a_write_marking_its_day(db: Database) -> None:
    """PostgreSQL: a write marks a day that is stale already and has not committed; the
    refresh that takes the mark waits for it, and then counts its entry."""
    if db.dialect != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    journal = _journal(db)
    journal.add(0, _food(FIRST, 100.0))  # the day is stale, committed
    done: list[int] = []
    with db.begin() as connection:
        store.add_entry(connection, journal.profiles[0], _food(FIRST, 25.0))  # holds the mark
        worker = threading.Thread(target=lambda: done.append(journal.refresh()))
        worker.start()
        time.sleep(0.5)
        assert worker.is_alive()  # waiting for the write's lock on the mark
    worker.join(timeout=30)
    assert done == [1]
    assert _rows(db)[(journal.profiles[0], FIRST)][:2] == (125.0, 2)
