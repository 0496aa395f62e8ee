"""Export and import: JSON that loses nothing (on SQLite and PostgreSQL, and across them), one CSV
per table, Cronometer / MyFitnessPal files into a profile, and forget."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from mgcoach.errors import InputError
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services import journal_log as log
from mgcoach.services.database import LOCAL_USER
from mgcoach.services.day import day_report
from mgcoach.services.favourites import add_favourite, favourite_foods
from mgcoach.services.foods import add_food
from mgcoach.services.journal import ProfileChanges, forget, list_profiles, set_profile
from mgcoach.services.journal_export import export_document, write_csv, write_export
from mgcoach.services.journal_external import import_external
from mgcoach.services.journal_transfer import ImportFileError, import_document, read_document
from mgcoach.storage import journal as store
from mgcoach.storage.database import Database
from tests.databases import Templates, open_fresh
from tests.journal.importers import samples

TODAY = date(2026, 11, 20)


def _fill(db: Database, kb: KnowledgeBase) -> None:
    """Two profiles, every kind of entry, an own food and a float that needs all its digits."""
    set_profile(
        db, kb, "jan",
        ProfileChanges(age=45, sex="male", weight_kg=80.5, height_cm=181, activity="moderate",
                       meds=["levothyroxine@07:00", "doxycycline@08:00,20:00"]),
        TODAY,
    )  # fmt: skip
    set_profile(db, kb, "anna", ProfileChanges(age=32, sex="female", pregnant=True), TODAY)
    own = add_food(db, "Mijn muesli", {"magnesium_mg": 123.456789, "energy_kcal": 380.0})
    day = TODAY - timedelta(days=1)
    jan = log.When("jan", day, 8 * 60, note="ontbijt")
    log.log_food(db, jan, own.id, "60 g")
    log.log_food(db, log.When("jan", day, 10 * 60 + 30), "usda:12061", "30 g")
    log.log_supplement(
        db, kb, log.When("jan", day, 21 * 60), "citrate", 500.0, None, basis="compound"
    )
    log.log_supplement(db, kb, log.When("jan", TODAY), None, None, "Magnesium (as oxide) 250 mg")
    log.log_medication(db, kb, log.When("jan", day, 6 * 60 + 45), "levothyroxine")
    log.log_symptom(db, kb, log.When("jan", day, 3 * 60), "kramp", count=2, severity=6.5,
                    location="kuit", night=True)  # fmt: skip
    log.log_sleep(db, log.When("jan", day), 6.25, 5)
    log.log_training(db, log.When("jan", day, 18 * 60), "hardlopen", 45, 7)
    log.log_lab(db, kb, log.When("jan", day), 1.8, "mg/dL")
    log.log_note(db, log.When("jan", day, None, note="Druk op het werk"))
    log.log_food(db, log.When("anna", TODAY, 9 * 60), "havermout", "40 g")
    add_favourite(db, "jan", LOCAL_USER, own.id, "60 g", "ontbijt")
    add_favourite(db, "jan", LOCAL_USER, "almonds", "1 handje")


def _without_stamp(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def test_export_import_export_is_identical(
    db: Database, kb: KnowledgeBase, db_templates: Templates, tmp_path: Path
) -> None:
    _fill(db, kb)
    path = tmp_path / "journal.json"
    first = write_export(db, path)
    assert sum(len(p["entries"]) for p in first["profiles"]) == 11
    for backend in ("sqlite", "postgresql"):  # into an empty journal of either kind
        target = open_fresh(db_templates, backend, tmp_path / f"into-{backend}")
        try:
            counts = import_document(target, read_document(path))
            assert counts == {"profiles": 2, "entries": 11, "foods": 1}
            again = export_document(target)
            assert _without_stamp(again) == _without_stamp(first)
            # and the numbers a person sees are the same
            day = TODAY - timedelta(days=1)
            before = day_report(db, kb, "jan", day).nutrient("magnesium")
            after = day_report(target, kb, "jan", day).nutrient("magnesium")
            assert (after.food, after.supplement) == (before.food, before.supplement)
        finally:
            target.dispose()


def test_export_keeps_exact_values(db: Database, kb: KnowledgeBase) -> None:
    _fill(db, kb)
    document = json.loads(json.dumps(export_document(db)))
    jan = next(p for p in document["profiles"] if p["name"] == "jan")
    assert jan["weight_kg"] == 80.5
    assert jan["medications"] == [
        {"name": "levothyroxine", "times": [420], "frequency": "daily"},
        {"name": "doxycycline", "times": [480, 1200], "frequency": "daily"},
    ]
    muesli = next(e for e in jan["entries"] if e["detail"].get("name") == "Mijn muesli")
    assert muesli["detail"]["magnesium_mg"] == pytest.approx(123.456789 * 0.6, abs=1e-12)
    assert muesli["note"] == "ontbijt" and muesli["time"] == 480
    symptom = next(e for e in jan["entries"] if e["kind"] == "symptom")
    assert symptom["detail"] == {
        "symptom": "cramp", "count": 2, "severity": 6.5, "location": "kuit", "night": True,
    }  # fmt: skip
    lab = next(e for e in jan["entries"] if e["kind"] == "lab")
    assert lab["detail"]["value_mmol_l"] == pytest.approx(0.7405, abs=1e-3)
    assert document["foods"][0]["per_100g"]["magnesium_mg"] == 123.456789
    assert jan["favourites"] == [
        {"food_id": document["foods"][0]["id"], "amount": "60 g", "meal": "breakfast"},
        {"food_id": "usda:12061", "amount": "1 handje", "meal": None},
    ]


def test_an_export_from_before_favourites_imports(db: Database, kb: KnowledgeBase) -> None:
    _fill(db, kb)
    document = export_document(db)
    forget(db, None)
    for person in document["profiles"]:
        del person["favourites"]  # type: ignore[misc]
    assert import_document(db, document)["entries"] == 11
    assert favourite_foods(db, "jan") == []
    document["profiles"][0]["favourites"] = [{"food_id": "usda:12061", "amount": "x\x00"}]
    forget(db, None)
    with pytest.raises(InputError):
        import_document(db, document)
    assert list_profiles(db) == []


def test_import_into_a_journal_that_has_the_profile_changes_nothing(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    _fill(db, kb)
    document = export_document(db)
    before = export_document(db)
    with pytest.raises(InputError, match="already exists"):
        import_document(db, document)
    assert _without_stamp(export_document(db)) == _without_stamp(before)


def test_a_damaged_export_imports_nothing(db: Database, kb: KnowledgeBase) -> None:
    _fill(db, kb)
    document = export_document(db)
    forget(db, None)
    document["profiles"][-1]["entries"][-1].pop("kind")  # the very last entry is broken
    with pytest.raises(ImportFileError):
        import_document(db, document)
    assert list_profiles(db) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something-else"}', "not a Mg Coach journal export"),
        ('{"format": "mgcoach-journal", "version": 99}', "version 99"),
    ],
)
def test_unreadable_exports_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(ImportFileError, match=message):
        read_document(path)


def test_csv_has_one_file_per_table(db: Database, kb: KnowledgeBase, tmp_path: Path) -> None:
    _fill(db, kb)
    counts = write_csv(db, tmp_path / "csv")
    assert counts["entry.csv"] == 11
    assert counts["food_item.csv"] == 3
    assert counts["supplement_intake.csv"] == 2
    assert counts["profile.csv"] == 2
    assert counts["profile_medication.csv"] == 2
    assert counts["favourite.csv"] == 2
    with (tmp_path / "csv" / "supplement_intake.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(round(float(r["elemental_mg"]), 1) for r in rows) == [80.8, 250.0]


def test_forget_all_deletes_everything(db: Database, kb: KnowledgeBase) -> None:
    _fill(db, kb)
    assert forget(db, None) == (2, 11)
    assert list_profiles(db) == []
    with db.connect() as connection:
        assert store.user_id(connection, create=False) is None
    assert export_document(db)["profiles"] == []


def test_forget_one_profile_keeps_the_other(db: Database, kb: KnowledgeBase) -> None:
    _fill(db, kb)
    assert forget(db, "anna") == (1, 1)
    assert [p.name for p in list_profiles(db)] == ["jan"]


# -- Cronometer and MyFitnessPal ---------------------------------------------------------------


def _files(tmp_path: Path, **made: bytes) -> list[Path]:
    paths = []
    for name, data in made.items():
        path = tmp_path / f"{name}.csv"
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_cronometer_history_moves_in_once(db: Database, kb: KnowledgeBase, tmp_path: Path) -> None:
    set_profile(db, kb, "cm", ProfileChanges(age=50, sex="female"), TODAY)
    paths = _files(
        tmp_path,
        servings=samples.servings_csv(bom=True, crlf=True, dates="us"),
        dailysummary=samples.daily_csv(crlf=True),
    )
    result = import_external(db, "cm", paths, today=TODAY)
    assert (result.foods, result.supplements, result.already_imported) == (8, 1, 0)
    # 2024-03-05: oats 112.6 + almonds 80.4 mg
    march5 = day_report(db, kb, "cm", date(2024, 3, 5)).nutrient("magnesium")
    assert march5.food == pytest.approx(193.0)
    # 2024-03-06: milk 26.8 + banana 31.9 from food, the glycinate's 200 mg as a supplement
    march6 = day_report(db, kb, "cm", date(2024, 3, 6)).nutrient("magnesium")
    assert (march6.food, march6.supplement) == (pytest.approx(58.7), pytest.approx(200.0))
    again = import_external(db, "cm", paths, today=TODAY)
    assert (again.foods, again.supplements, again.already_imported) == (0, 0, 9)


def test_cronometer_servings_without_nutrients_use_the_daily_totals(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    set_profile(db, kb, "cm", ProfileChanges(age=50, sex="female"), TODAY)
    paths = _files(
        tmp_path,
        servings=samples.servings_csv(nutrients=False),
        dailysummary=samples.daily_csv(),
    )
    import_external(db, "cm", paths, today=TODAY)
    day = day_report(db, kb, "cm", date(2024, 3, 6))
    magnesium = day.nutrient("magnesium")
    # the daily total (258.7 mg, supplements included) counts once; servings are listed only
    assert magnesium.total == pytest.approx(258.7)
    assert magnesium.unknown_entries == 0
    listed = [e for e in day.entries if e.kind == "food" and not e.fields()["counted"]]
    assert {e.fields()["name"] for e in listed} >= {"Milk, 2% fat", "Banana, raw"}


def test_myfitnesspal_magnesium_stays_unknown(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    set_profile(db, kb, "mfp", ProfileChanges(age=38, sex="male"), TODAY)
    result = import_external(db, "mfp", _files(tmp_path, mfp=samples.mfp_csv()), today=TODAY)
    assert result.foods == 4
    codes = {note["code"] for note in result.as_dict()["report"]["notes"]}
    assert {"mfp_no_magnesium", "mfp_percent_dv"} <= codes
    day = day_report(db, kb, "mfp", date(2024, 3, 5))
    assert day.nutrient("magnesium").food is None
    assert day.nutrient("magnesium").unknown_entries == 2
    assert day.nutrient("sodium").food == pytest.approx(120 + 1340)
    assert day.nutrient("calcium").food is None  # %DV is not mg
    extra = {json.loads(e.fields()["extra"])["calcium_pct_dv"] for e in day.entries}
    assert extra == {25.0, 18.0}


def test_a_bad_file_among_good_ones_imports_nothing(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    set_profile(db, kb, "cm", ProfileChanges(age=50, sex="female"), TODAY)
    paths = _files(tmp_path, servings=samples.servings_csv(), other=b"name,value\nx,1\n")
    with pytest.raises(InputError):
        import_external(db, "cm", paths, today=TODAY)
    _person, entries = log.list_entries(db, "cm", None, None)
    assert entries == []


def test_body_weights_move_with_the_journal(
    db: Database, kb: KnowledgeBase, db_templates: Templates, tmp_path: Path
) -> None:
    """Issue 17: weight entries are in the export, imported as they were (the day's protein
    target follows them there too) and in the CSV; an export made before weights imports."""
    _fill(db, kb)
    day = TODAY - timedelta(days=1)
    log.log_weight(db, log.When("jan", day - timedelta(days=3), 7 * 60), 82.25)
    log.log_weight(db, log.When("jan", day, None, note="na het hardlopen"), 79.4)
    first = export_document(db)
    jan = next(p for p in first["profiles"] if p["name"] == "jan")
    weights = [e for e in jan["entries"] if e["kind"] == "weight"]
    assert [(e["detail"], e["time"], e["note"]) for e in weights] == [
        ({"kg": 82.25}, 420, None),
        ({"kg": 79.4}, None, "na het hardlopen"),
    ]
    target = open_fresh(db_templates, "postgresql", tmp_path / "into")
    try:
        assert import_document(target, json.loads(json.dumps(first)))["entries"] == 13
        assert _without_stamp(dict(export_document(target))) == _without_stamp(dict(first))
        protein = day_report(target, kb, "jan", day).nutrient("protein_g").target
        assert protein == pytest.approx(0.8 * 79.4)
    finally:
        target.dispose()
    assert write_csv(db, tmp_path / "csv")["body_weight.csv"] == 2
    older = json.loads(json.dumps(first))  # as a version before weights wrote it
    for person in older["profiles"]:
        person["entries"] = [e for e in person["entries"] if e["kind"] != "weight"]
        person.pop("reasons")
    forget(db, None)
    assert import_document(db, older)["entries"] == 11
    assert day_report(db, kb, "jan", day).nutrient("protein_g").target == pytest.approx(0.8 * 80.5)
