"""`mgcoach day`: load one day of a profile's journal and assess it (engine/day.py)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..engine.day import DayAssessment, assess_day
from ..engine.serum import SerumResult, classify
from ..journal.bounds import counting_problems
from ..journal.model import LabEntry, PersonProfile
from ..knowledge import KnowledgeBase
from ..storage import generation_read as generation
from ..storage import journal_reads as reads
from ..storage.database import Database
from ..storage.plain_sql import Reader
from ..units import SerumUnit
from .cache import Recent
from .journal import engine_profile, person_on, profile_id, require_profile


def serum_of(kb: KnowledgeBase, lab: LabEntry | None) -> SerumResult | None:
    if lab is None or counting_problems(lab):  # a stored value out of bounds is no reading
        return None
    return classify(kb, lab.value, SerumUnit(lab.unit))


class _Same:
    """A key part equal only to the very same object (the knowledge base: one per process),
    which the cache entry keeps alive, so its identity cannot pass to another object."""

    __slots__ = ("item",)

    def __init__(self, item: object) -> None:
        self.item = item

    def __hash__(self) -> int:
        return id(self.item)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.item is self.item


class DayRead(NamedTuple):
    """A day assessed, and the stored profile it was assessed for (before the day's weight)."""

    assessment: DayAssessment
    person: PersonProfile


# Recent day assessments by (database URL, knowledge base, owner, profile, its id, the
# generations of its journal, day): what the assessment rests on is the profile's rows and the
# knowledge base, and any write to the profile (by any process) moves its generation on.
recent_days: Recent[DayRead] = Recent(size=256)


def day_report(
    db: Database, kb: KnowledgeBase, profile: str, day: date, owner: str = reads.LOCAL_USER
) -> DayAssessment:
    """A day of ``profile`` assessed; remembered until the profile's journal is written."""
    return day_read(db, kb, profile, day, owner).assessment


def day_read(
    db: Database, kb: KnowledgeBase, profile: str, day: date, owner: str = reads.LOCAL_USER
) -> DayRead:
    """``day_report`` with the profile it read (a page showing both asks the database once).
    On an up-to-date SQLite file in a process without SQLAlchemy, read on the sqlite3 driver
    (Database.reader): ``mgcoach day`` loads no SQLAlchemy."""
    with db.reader() as connection:
        found = profile_id(connection, profile, owner)
        # The generations first, the rows after: a write in between leaves newer rows under
        # an older key, which the next call no longer asks for.
        stamp = generation.read(connection, generation.journal_scopes(found))
        key = (db.url, _Same(kb), owner, profile, found, stamp, day)
        return recent_days.get(key, lambda: _assess(connection, kb, profile, day, owner))


def profile_exists(db: Database, profile: str, owner: str = reads.LOCAL_USER) -> bool:
    """Has ``owner`` made the profile ``profile`` (one indexed query)?"""
    with db.reader() as connection:
        return reads.find_profile_id(connection, owner, profile) is not None


def _assess(connection: Reader, kb: KnowledgeBase, profile: str, day: date, owner: str) -> DayRead:
    stored = require_profile(connection, profile, owner)
    person = person_on(connection, stored, day)
    assert person.id is not None  # with the day's logged weight, if any
    lab = reads.latest_lab(connection, person.id, day)
    entries = reads.entries(connection, person.id, day, day)
    assessment = assess_day(
        kb,
        person,
        engine_profile(person, day),
        day,
        entries,
        serum=serum_of(kb, lab),
        serum_day=lab.day if lab is not None else None,
    )
    return DayRead(assessment, stored)
