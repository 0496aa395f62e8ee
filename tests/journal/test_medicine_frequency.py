"""A profile's medicines with their frequency, on SQLite and PostgreSQL: stored and read back,
through export and import, and applied by `day` only on their own days."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from mgcoach.errors import InputError
from mgcoach.journal.frequency import DAILY, Frequency, parse_frequency
from mgcoach.journal.model import Medicine
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services import journal_log as log
from mgcoach.services.day import day_report
from mgcoach.services.journal import ProfileChanges, list_profiles, set_profile, show_profile
from mgcoach.services.journal_export import export_document
from mgcoach.services.journal_transfer import import_document
from mgcoach.storage.database import Database
from tests.databases import Templates, open_fresh

MONDAY = date(2026, 11, 30)
TUESDAY = MONDAY + timedelta(days=1)
MEDS = [
    "alendronate@07:00/weekly:ma",
    "levothyroxine@06:30",
    "ciprofloxacin@08:00,20:00/every:3d:2026-12-01",
]
STORED = (
    Medicine("alendronate", (420,), Frequency(kind="weekly", weekdays=(0,))),
    Medicine("levothyroxine", (390,), DAILY),
    Medicine("ciprofloxacin", (480, 1200), parse_frequency("every:3d:2026-12-01")),
)


def _profile(db: Database, kb: KnowledgeBase, meds: list[str]) -> None:
    set_profile(db, kb, "default", ProfileChanges(age=70, sex="female", meds=meds), MONDAY)


def test_frequencies_are_stored_and_read_back(db: Database, kb: KnowledgeBase) -> None:
    _profile(db, kb, MEDS)
    assert show_profile(db, "default").medicines == STORED


def test_bad_syntax_stores_nothing(db: Database, kb: KnowledgeBase) -> None:
    _profile(db, kb, MEDS)
    with pytest.raises(InputError):
        set_profile(db, kb, "default", ProfileChanges(meds=["alendronate@07:00/weekly:xx"]), MONDAY)
    assert show_profile(db, "default").medicines == STORED


def test_export_import_keeps_the_frequency(
    db: Database, kb: KnowledgeBase, db_templates: Templates, tmp_path: Path
) -> None:
    _profile(db, kb, MEDS)
    document = json.loads(json.dumps(export_document(db)))
    (person,) = document["profiles"]
    assert [m["frequency"] for m in person["medications"]] == [
        "weekly:mon",
        "daily",
        "every:3d:2026-12-01",
    ]
    for backend in ("sqlite", "postgresql"):
        target = open_fresh(db_templates, backend, tmp_path / f"into-{backend}")
        try:
            import_document(target, document)
            (imported,) = list_profiles(target)
            assert imported.medicines == STORED
        finally:
            target.dispose()


def test_an_old_export_without_frequency_imports_as_daily(db: Database, kb: KnowledgeBase) -> None:
    _profile(db, kb, MEDS)
    document = json.loads(json.dumps(export_document(db)))
    for med in document["profiles"][0]["medications"]:
        del med["frequency"]
    for table in ("foods", "food_usage"):
        document.pop(table, None)
    document["profiles"][0]["name"] = "old"
    import_document(db, document)
    old = next(p for p in list_profiles(db) if p.name == "old")
    assert all(med.frequency == DAILY for med in old.medicines)


def _conflicting_drugs(db: Database, kb: KnowledgeBase, day: date) -> dict[str, bool]:
    report = day_report(db, kb, "default", day)
    return {item.medication.given_name: item.conflict for item in report.safety.interactions}


def test_day_applies_a_weekly_medicine_only_on_its_days(db: Database, kb: KnowledgeBase) -> None:
    _profile(db, kb, ["alendronate@07:00/weekly:mon"])
    for day in (MONDAY, TUESDAY):
        log.log_supplement(
            db, kb, log.When("default", day, 8 * 60), "citrate", 200.0, None, basis="elemental"
        )
    assert _conflicting_drugs(db, kb, MONDAY) == {"alendronate": True}
    assert _conflicting_drugs(db, kb, TUESDAY) == {}
    # A dose logged on another day counts as usual.
    log.log_medication(db, kb, log.When("default", TUESDAY, 7 * 60 + 30), "alendronate")
    assert _conflicting_drugs(db, kb, TUESDAY) == {"alendronate": True}


def test_day_applies_every_n_days_from_the_start(db: Database, kb: KnowledgeBase) -> None:
    _profile(db, kb, ["ciprofloxacin@08:00/every:3d:2026-11-27"])
    days = [MONDAY - timedelta(days=n) for n in range(4)]  # 30, 29, 28, 27 November
    taken = {day: bool(day_report(db, kb, "default", day).safety.interactions) for day in days}
    assert taken == {days[0]: True, days[1]: False, days[2]: False, days[3]: True}
