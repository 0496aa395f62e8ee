"""`mgcoach day`: load one day of a profile's journal and assess it (engine/day.py)."""

from __future__ import annotations

from datetime import date

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


def day_report(
    db: Database, kb: KnowledgeBase, profile: str, day: date, owner: str = store.LOCAL_USER
) -> DayAssessment:
    with db.connect() as connection:
        person = require_profile(connection, profile, owner)
        assert person.id is not None
        entries = store.entries(connection, person.id, day, day)
        lab = store.latest_lab(connection, person.id, day)
    return assess_day(
        kb,
        person,
        engine_profile(person, day),
        day,
        entries,
        serum=serum_of(kb, lab),
        serum_day=lab.day if lab is not None else None,
    )
