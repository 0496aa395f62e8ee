"""`mgcoach day`: load one day of a profile's journal and assess it (engine/day.py)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from typing import Any

from ..engine.day import DayAssessment, assess_day
from ..engine.serum import SerumResult, classify
from ..journal.model import Entry
from ..knowledge import KnowledgeBase
from ..storage import journal as store
from ..storage.database import Database
from ..units import SerumUnit
from .journal import engine_profile, require_profile


def serum_of(kb: KnowledgeBase, lab: Entry | None) -> SerumResult | None:
    if lab is None:
        return None
    return classify(kb, lab.detail["value"], SerumUnit(lab.detail["unit"]))


class _Assessments:
    """Recent day assessments, reused while nothing they rest on has changed: the profile (its
    fields and medicines), the day's entries (count, newest id, latest change) and the latest
    lab. The checks are small queries; loading the entries and the engine are skipped. Writes
    from another process are seen too, because the checks read the database."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], tuple[tuple[Any, ...], DayAssessment]] = (
            OrderedDict()
        )
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], basis: tuple[Any, ...]) -> DayAssessment | None:
        with self._lock:
            found = self._items.get(key)
            if found is None or found[0] != basis:
                return None
            self._items.move_to_end(key)
            return found[1]

    def put(self, key: tuple[Any, ...], basis: tuple[Any, ...], result: DayAssessment) -> None:
        with self._lock:
            self._items[key] = (basis, result)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


_recent = _Assessments()


def day_report(
    db: Database, kb: KnowledgeBase, profile: str, day: date, owner: str = store.LOCAL_USER
) -> DayAssessment:
    with db.connect() as connection:
        person = require_profile(connection, profile, owner)
        assert person.id is not None
        lab = store.latest_lab(connection, person.id, day)
        key = (id(db), id(kb), db.url, owner, profile, day)
        basis = (person, store.day_stamp(connection, person.id, day), lab)
        cached = _recent.get(key, basis)
        if cached is not None:
            return cached
        entries = store.entries(connection, person.id, day, day)
    result = assess_day(
        kb,
        person,
        engine_profile(person, day),
        day,
        entries,
        serum=serum_of(kb, lab),
        serum_day=lab.day if lab is not None else None,
    )
    _recent.put(key, basis, result)
    return result
