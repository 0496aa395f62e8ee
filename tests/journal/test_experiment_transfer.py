"""N-of-1 experiments in the journal's JSON export (services/experiment_transfer.py): they go
out and come back the same (across SQLite and PostgreSQL), an export from before experiments
imports as before, and a damaged experiment imports nothing."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from pathlib import Path

import pytest

from mgcoach.errors import MgCoachError
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services import experiments
from mgcoach.services.journal import ProfileChanges, forget, list_profiles, set_profile
from mgcoach.services.journal_export import export_document
from mgcoach.services.journal_transfer import import_document
from mgcoach.storage.database import Database
from tests.databases import Templates, open_fresh

TODAY = date(2026, 11, 20)


def _fill(db: Database, kb: KnowledgeBase) -> None:
    set_profile(db, kb, "jan", ProfileChanges(age=45, sex="male", egfr=90), TODAY)
    experiments.start(db, kb, "jan", "soreness", today=TODAY, period_days=7)
    experiments.stop(db, kb, "jan", "knee surgery", today=TODAY)
    experiments.start(db, kb, "jan", "night_cramps", today=TODAY, pairs=8)
    for offset, value in enumerate((2, 0, 1)):
        day = TODAY + timedelta(days=offset)
        experiments.checkin(db, kb, "jan", value, offset != 1, today=day)


def test_experiments_go_out_and_come_back(
    db: Database, kb: KnowledgeBase, db_templates: Templates, tmp_path: Path
) -> None:
    _fill(db, kb)
    first = export_document(db)
    (jan,) = first["profiles"]
    done, running = jan["experiments"]
    assert (done["outcome"], done["status"], done["stop_reason"]) == (
        "soreness", "stopped", "knee surgery",
    )  # fmt: skip
    assert running["status"] == "running" and len(running["design"]["allocation"]) == 8
    assert [(c["value"], c["taken"]) for c in running["checkins"]] == [
        (2.0, True), (0.0, False), (1.0, True),
    ]  # fmt: skip
    for backend in ("sqlite", "postgresql"):
        target = open_fresh(db_templates, backend, tmp_path / f"into-{backend}")
        try:
            import_document(target, copy.deepcopy(first))
            again = export_document(target)
            assert again["profiles"][0]["experiments"] == jan["experiments"]
            shown = experiments.view(target, kb, "jan", today=TODAY + timedelta(days=2))
            assert shown.design.allocation == tuple(running["design"]["allocation"])
            assert shown.analysis.adherence.checked == 3
        finally:
            target.dispose()


def test_an_export_from_before_experiments_imports(db: Database, kb: KnowledgeBase) -> None:
    _fill(db, kb)
    document = export_document(db)
    forget(db, None)
    for person in document["profiles"]:
        del person["experiments"]  # type: ignore[misc]
    assert import_document(db, document)["profiles"] == 1
    with pytest.raises(experiments.NoExperimentError):
        experiments.view(db, kb, "jan", today=TODAY)


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: e.update(outcome="headache"),
        lambda e: e.update(status="won"),
        lambda e: e["checkins"].append({"date": "2001-01-01", "value": 1, "taken": True}),
        lambda e: e["checkins"].append({"date": "2026-11-25", "value": 99, "taken": True}),
        lambda e: e["design"].pop("pairs"),
        lambda e: e.update(stop_reason="a\x00b"),
    ],
)
def test_a_damaged_experiment_imports_nothing(db: Database, kb: KnowledgeBase, damage) -> None:  # type: ignore[no-untyped-def]
    _fill(db, kb)
    document = export_document(db)
    forget(db, None)
    damage(document["profiles"][0]["experiments"][1])
    with pytest.raises(MgCoachError):
        import_document(db, document)
    assert list_profiles(db) == []
