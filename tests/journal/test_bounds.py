"""One validation for every way in (journal/bounds.py), written as the attacks of issue 16.

Each bad value is tried through every way it can come in: the services the API, the forms and
the CLI share, the CLI itself, the API, a form, the JSON import and a Cronometer import. None
may be stored; and a value already stored out of bounds (an older version's, a direct database
edit's) is reported by `day`, `week`, `entries` and `trend`, never a crash (exit 70).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcoach.contract.journal import entry_json
from mgcoach.engine.energy import HEIGHT_RANGE_CM
from mgcoach.engine.limits import EGFR_RANGE
from mgcoach.engine.profile import MAX_AGE_YEARS, WEIGHT_RANGE_KG
from mgcoach.errors import ImportFileError, InputError
from mgcoach.journal import bounds
from mgcoach.journal.model import (
    Entry,
    FoodEntry,
    LabEntry,
    MedicationEntry,
    NoteEntry,
    PersonProfile,
    SleepEntry,
    SupplementEntry,
    SymptomEntry,
    TrainingEntry,
)
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services import journal_log as log
from mgcoach.services.day import day_report, recent_days
from mgcoach.services.inputs import SERUM_LIMIT
from mgcoach.services.journal import ProfileChanges, list_profiles, profile_name, set_profile
from mgcoach.services.journal_external import import_external
from mgcoach.services.journal_transfer import import_document, read_document
from mgcoach.services.trend import trend
from mgcoach.storage import journal as store
from mgcoach.storage.database import Database
from tests.cli.running import run_error, run_json

DAY = date(2025, 1, 15)
NUL = "a\x00b"


def _profile(db: Database, kb: KnowledgeBase) -> None:
    set_profile(db, kb, "default", ProfileChanges(age=40, sex="female"), DAY)


def _count(db: Database) -> int:
    people = list_profiles(db)
    return sum(
        len(log.list_entries(db, p.name, date(1900, 1, 1), date(2100, 12, 31))[1]) for p in people
    )


# -- the bounds themselves ---------------------------------------------------------------------


def test_every_bound_has_its_basis_and_agrees_with_the_engine() -> None:
    found = bounds.bounds()
    assert (found.earliest, found.latest) == (date(1900, 1, 1), date(2100, 12, 31))
    assert found.max_id == bounds.MAX_ID == 2**31 - 1
    for bound in found.numbers.values():
        assert bound.sources and bound.basis.strip()
    number = bounds.number
    assert number("age_years").high == MAX_AGE_YEARS
    assert (number("weight_kg").low, number("weight_kg").high) == WEIGHT_RANGE_KG
    assert (number("height_cm").low, number("height_cm").high) == HEIGHT_RANGE_CM
    assert (number("egfr").low, number("egfr").high) == EGFR_RANGE
    assert number("value").high == SERUM_LIMIT
    for bad in (math.nan, math.inf, -math.inf, 1e308):
        assert not number("magnesium_mg").admits(bad)


@pytest.mark.parametrize(
    ("text", "multiline", "ok"),
    [
        ("kuit", False, True),
        ("line\nline", True, True),
        ("tab\there", True, True),
        ("line\nline", False, False),
        (NUL, True, False),
        ("esc\x1b[31m", True, False),
        ("\ud800", True, False),
        ("x" * 2001, True, False),
    ],
)
def test_clean_text(text: str, multiline: bool, ok: bool) -> None:
    problem = bounds.text_problem(text, "note", multiline=multiline)
    assert (problem is None) == ok
    if problem is not None:
        assert problem.fields == ("note",)


# -- the services every face calls (API, forms, CLI) ------------------------------------------

When = log.When

SERVICE_ATTACKS: list[tuple[str, Callable[[Database, KnowledgeBase], object], str]] = [
    ("date 0001", lambda db, kb: log.log_sleep(db, When("default", date(1, 1, 1)), 7), "date"),
    ("time 99999", lambda db, kb: log.log_sleep(db, When("default", DAY, 99999), 7), "time"),
    ("sleep NaN", lambda db, kb: log.log_sleep(db, When("default", DAY), math.nan), "hours"),
    ("sleep inf", lambda db, kb: log.log_sleep(db, When("default", DAY), math.inf), "hours"),
    ("quality NaN", lambda db, kb: log.log_sleep(db, When("default", DAY), 7, math.nan), "quality"),
    (
        "training inf",
        lambda db, kb: log.log_training(db, When("default", DAY), "run", math.inf),
        "minutes",
    ),
    (
        "dose 1e308",
        lambda db, kb: log.log_supplement(
            db, kb, When("default", DAY), "citrate", 1e308, None, basis="compound"
        ),
        "dose_mg",
    ),
    (
        "elemental inf",
        lambda db, kb: log.log_supplement(
            db, kb, When("default", DAY), "citrate", math.inf, None, basis="elemental"
        ),
        "dose_mg",
    ),
    (
        "lab NaN",
        lambda db, kb: log.log_lab(db, kb, When("default", DAY), math.nan, "mmol/L"),
        "value",
    ),
    (
        "note 100k",
        lambda db, kb: log.log_note(db, When("default", DAY, note="x" * 100_000)),
        "note",
    ),
    ("note NUL", lambda db, kb: log.log_note(db, When("default", DAY, note=NUL)), "note"),
    (
        "food NUL",
        lambda db, kb: log.log_food(db, When("default", DAY), "alm\x00onds", "30 g"),
        "food",
    ),
    (
        "amount NUL",
        lambda db, kb: log.log_food(db, When("default", DAY), "almonds", "30\x00 g"),
        "amount",
    ),
    (
        "where NUL",
        lambda db, kb: log.log_symptom(db, kb, When("default", DAY), "cramp", location=NUL),
        "where",
    ),
    (
        "medicine NUL",
        lambda db, kb: log.log_medication(db, kb, When("default", DAY, 480), "levo\x00thyroxine"),
        "name",
    ),
    (
        "label NUL",
        lambda db, kb: log.log_supplement(
            db, kb, When("default", DAY), None, None, "Magnesium\x00 (as citrate) 200 mg"
        ),
        "label",
    ),
    (
        "age NaN",
        lambda db, kb: set_profile(db, kb, "p", ProfileChanges(age=math.nan, sex="male"), DAY),
        "age",
    ),
    (
        "weight inf",
        lambda db, kb: set_profile(
            db, kb, "p", ProfileChanges(age=40, sex="male", weight_kg=math.inf), DAY
        ),
        "weight_kg",
    ),
    (
        "medicine name NUL",
        lambda db, kb: set_profile(
            db, kb, "p", ProfileChanges(age=40, sex="male", meds=["levo\x00@07:00"]), DAY
        ),
        "meds",
    ),
    (
        "profile name NUL",
        lambda db, kb: set_profile(
            db, kb, profile_name("p\x00"), ProfileChanges(age=40, sex="male"), DAY
        ),
        "profile",
    ),
]


@pytest.mark.parametrize(
    ("attack", "field"),
    [pytest.param(a, f, id=name) for name, a, f in SERVICE_ATTACKS],
)
def test_the_services_refuse_and_store_nothing(
    db: Database, kb: KnowledgeBase, attack: Callable[[Database, KnowledgeBase], object], field: str
) -> None:
    _profile(db, kb)
    with pytest.raises(InputError) as raised:
        attack(db, kb)
    assert field in raised.value.fields or raised.value.fields == (), raised.value.fields
    assert _count(db) == 0
    assert [p.name for p in list_profiles(db)] == ["default"]


def test_ids_beyond_the_column_are_unknown(db: Database, kb: KnowledgeBase) -> None:
    _profile(db, kb)
    for entry_id in (0, -1, 2**31, 2**63, 2**70):
        with pytest.raises(log.UnknownEntryError):
            log.get_entry(db, "default", entry_id)
        with pytest.raises(log.UnknownEntryError):
            log.delete_entries(db, "default", [entry_id])
        with pytest.raises(log.UnknownEntryError):
            log.edit_entry(db, kb, "default", entry_id, log.EntryChanges(note="x"))


# -- the CLI -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("log", "sleep", "nan"),
        ("log", "sleep", "inf"),
        ("log", "training", "run", "1e308"),
        ("log", "supplement", "citrate", "1e308", "--as", "compound"),
        ("log", "note", NUL.replace("\x00", "\x01")),
        ("log", "note", "x" * 100_000),
        ("log", "sleep", "7", "--date", "0001-01-01"),
        ("log", "sleep", "7", "--date", "9999-12-31"),
        ("log", "sleep", "7", "--time", "99999"),
        ("profile", "set", "--age", "nan"),
        ("profile", "set", "--age", "-50"),
        ("profile", "set", "--sex", "banana"),
        ("profile", "set", "--system", "zzz"),
        ("delete", str(2**70)),
        ("edit", str(2**63), "--note", "x"),
    ],
)
def test_the_cli_refuses_with_exit_2(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    run_json(capsys, "profile", "set", "--age", "40", "--sex", "female")
    code, error = run_error(capsys, *args)
    assert code == 2, error
    assert "Internal error" not in error
    assert run_json(capsys, "entries", "--from", "1900-01-01", "--to", "today") == []


@pytest.mark.parametrize(
    "args",
    [
        ("log", "supplement", "citrate", "6000", "--as", "elemental"),
        ("log", "supplement", "citrate", "50000.5", "--as", "elemental"),
        ("--lang", "nl", "log", "supplement", "citrate", "6000", "--as", "elemental"),
    ],
)
def test_more_magnesium_than_can_be_logged_says_to_call_for_help(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    """Refused as a typing error, but if it was really taken it is an emergency: the person
    reads that first, with the numbers to call (advice.toml [gate.fatal_supplemental_mg])."""
    run_json(capsys, "profile", "set", "--age", "40", "--sex", "female")
    code, error = run_error(capsys, *args)
    assert code == 2
    assert all(number in error for number in ("112", "911", "999"))
    assert ("alarmnummer" if "nl" in args else "emergency number") in error
    assert run_json(capsys, "entries", "--from", "1900-01-01", "--to", "today") == []


def test_the_emergency_bound_is_the_gate_s_fatal_dose(kb: KnowledgeBase) -> None:
    """The most that can be logged at once is the amount the gate treats as an emergency."""
    bound = bounds.number("elemental_mg")
    assert bound.above_is_emergency
    assert bound.high == kb.advice.gate.fatal_supplemental_mg.value


# -- the JSON import -----------------------------------------------------------------------------


def _export(db: Database, kb: KnowledgeBase) -> dict[str, Any]:
    from mgcoach.services.journal_export import export_document

    _profile(db, kb)
    day = DAY
    log.log_supplement(db, kb, When("default", day, 480), "citrate", 500.0, None, basis="compound")
    log.log_sleep(db, When("default", day), 7)
    log.log_food(db, When("default", day, 540), "almonds", "30 g")
    document: dict[str, Any] = json.loads(json.dumps(export_document(db)))
    return document


def _entry_of(doc: dict[str, Any], kind: str) -> dict[str, Any]:
    found: dict[str, Any] = next(e for e in doc["profiles"][0]["entries"] if e["kind"] == kind)
    return found


IMPORT_ATTACKS: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "date 0001": (lambda d: _entry_of(d, "sleep").update(date="0001-01-01"), "date"),
    "date 9999": (lambda d: _entry_of(d, "sleep").update(date="9999-12-31"), "date"),
    "age -50": (lambda d: d["profiles"][0].update(age_years=-50), "age"),
    "sex banana": (lambda d: d["profiles"][0].update(sex="banana"), "sex"),
    "system zzz": (lambda d: d["profiles"][0].update(system="zzz"), "system"),
    "profile NUL": (lambda d: d["profiles"][0].update(name=NUL), "name"),
    "time 99999": (lambda d: _entry_of(d, "supplement").update(time=99999), "time"),
    "mg 1e308": (
        lambda d: _entry_of(d, "supplement")["detail"].update(elemental_mg=1e308),
        "elemental_mg",
    ),
    "food mg 1e308": (
        lambda d: _entry_of(d, "food")["detail"].update(magnesium_mg=1e308),
        "magnesium_mg",
    ),
    "sodium -1": (lambda d: _entry_of(d, "food")["detail"].update(sodium_mg=-1), "sodium_mg"),
    "hours as text": (lambda d: _entry_of(d, "sleep")["detail"].update(hours="7"), "hours"),
    "note 100k": (lambda d: _entry_of(d, "sleep").update(note="x" * 100_000), "note"),
    "note NUL": (lambda d: _entry_of(d, "sleep").update(note=NUL), "note"),
    "name NUL": (lambda d: _entry_of(d, "food")["detail"].update(name=NUL), "name"),
    "origin zzz": (lambda d: _entry_of(d, "food").update(origin="zzz"), "origin"),
}


@pytest.mark.parametrize(("change", "field"), IMPORT_ATTACKS.values(), ids=IMPORT_ATTACKS.keys())
def test_the_json_import_refuses_a_bad_row_whole(
    db: Database,
    kb: KnowledgeBase,
    db_templates: Any,
    tmp_path: Path,
    change: Callable[[dict[str, Any]], None],
    field: str,
) -> None:
    from tests.databases import open_fresh

    doc = _export(db, kb)
    change(doc)
    target = open_fresh(
        db_templates, "sqlite" if "sqlite" in db.url else "postgresql", tmp_path / "t"
    )
    try:
        with pytest.raises(InputError) as raised:
            import_document(target, doc)
        assert field in raised.value.fields
        assert "Nothing was imported" in str(raised.value)
        assert list_profiles(target) == []
    finally:
        target.dispose()


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "mgcoach-journal", "n": NaN}',
        '{"format": "mgcoach-journal", "n": Infinity}',
        '{"format": "mgcoach-journal", "n": -Infinity}',
        '{"format": "mgcoach-journal", "n": 1e999}',
        "[" * 100_000 + "]" * 100_000,
        '{"a": ' * 50 + "1" + "}" * 50,
    ],
    ids=["nan", "inf", "-inf", "1e999", "deep-100k", "deep-50"],
)
def test_the_json_reader_refuses_constants_and_depth(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(ImportFileError):
        read_document(path)


def test_the_import_command_exits_2_and_stores_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, kb: KnowledgeBase
) -> None:
    run_json(capsys, "profile", "set", "--age", "40", "--sex", "female")
    run_json(capsys, "log", "sleep", "7", "--date", "2025-01-15")
    exported = tmp_path / "j.json"
    run_json(capsys, "export", str(exported))
    doc = json.loads(exported.read_text())
    run_json(capsys, "forget", "--all", "--yes")
    doc["profiles"][0]["entries"][0]["detail"]["hours"] = 1e308
    exported.write_text(json.dumps(doc))
    code, error = run_error(capsys, "import", str(exported))
    assert code == 2
    assert "Entry 1 (sleep) of profile default" in error and "hours" in error
    assert run_json(capsys, "profile", "list") == []


# -- the Cronometer importer: skipped and reported, like other bad rows ------------------------


def test_the_cronometer_import_skips_rows_out_of_bounds(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    _profile(db, kb)
    path = tmp_path / "servings.csv"
    path.write_text(
        "Day,Time,Group,Food Name,Amount,Magnesium (mg),Category\n"
        "2025-01-10,08:00,Breakfast,Oats,40 g,50,Grains\n"
        "0001-01-01,08:00,Breakfast,Oats,40 g,50,Grains\n"
        f"2025-01-11,08:00,Breakfast,{'O' * 3000},40 g,50,Grains\n"
        f"2025-01-12,08:00,Breakfast,{'O' * 300},40 g,50,Grains\n"
        "2025-01-13,08:00,Breakfast,Oa\x01ts,40 g,50,Grains\n"
        "2025-01-14,08:00,Breakfast,Oats,40 g,1e308,Grains\n"
    )
    result = import_external(db, "default", [path], today=DAY)
    report = result.report.files[0]
    assert result.foods == 1
    assert report.read == report.used + report.ignored + report.skipped_total == 6
    assert {reason.value for reason in report.skipped} >= {
        "date_out_of_range",
        "bad_text",
        "out_of_bounds",
    }
    stored = log.list_entries(db, "default", date(1900, 1, 1), DAY)[1]
    assert [e.day for e in stored] == [date(2025, 1, 10)]


# -- stored values out of bounds: reported, never a crash --------------------------------------

STORED: dict[str, list[Entry]] = {
    "supplement 1e308": [
        SupplementEntry(day=DAY, name="x", elemental_mg=1e308, given_as="import", origin="import")
    ],
    "supplement inf": [
        SupplementEntry(
            day=DAY, name="x", elemental_mg=math.inf, given_as="import", origin="import"
        )
    ],
    "food 1e308": [
        FoodEntry(
            day=DAY,
            name="x",
            amount_text="1",
            nutrients={"magnesium_mg": 1e308, "energy_kcal": 1e308, "sodium_mg": 1e308},
        ),
        FoodEntry(day=DAY, name="y", amount_text="1", nutrients={"magnesium_mg": 1e308}),
    ],
    "time 99999": [
        MedicationEntry(day=DAY, time=99999, name="levothyroxine", drug="levothyroxine"),
        SupplementEntry(day=DAY, time=99999, name="x", elemental_mg=100, given_as="import"),
    ],
    "dates 0001 and 9999": [
        SleepEntry(day=date(1, 1, 1), hours=7),
        SleepEntry(day=date(9999, 12, 31), hours=7),
    ],
    "sleep and training 1e308": [
        SleepEntry(day=DAY, hours=1e308, quality=1e308),
        TrainingEntry(day=DAY, activity="run", minutes=1e308, rpe=-5),
        SymptomEntry(day=DAY, symptom="cramp", count=10**9, severity=1e308),
    ],
    "lab 1e308": [LabEntry(day=DAY, value=1e308, unit="mmol/L", value_mmol_l=1e308)],
    "note 100k": [NoteEntry(day=DAY, note="x" * 100_000)],
}


@pytest.mark.parametrize("rows", STORED.values(), ids=STORED.keys())
def test_stored_values_out_of_bounds_are_reported_not_a_crash(
    db: Database, kb: KnowledgeBase, rows: list[Entry]
) -> None:
    _profile(db, kb)
    with db.begin() as connection:
        pid = store.find_profile_id(connection, store.LOCAL_USER, "default")
        assert pid is not None
        for row in rows:
            store.add_entry(connection, pid, row)  # past every check, as an old version might
    recent_days.clear()
    report = day_report(db, kb, "default", DAY)
    assert report.nutrient("magnesium").total is None or math.isfinite(
        report.nutrient("magnesium").total or 0.0
    )
    if any(e.day == DAY and bounds.counting_problems(e) for e in rows):
        assert "entries_out_of_bounds" in {issue.code for issue in report.issues}
    found = trend(db, kb, "default", DAY - timedelta(days=6), DAY)
    for day in found.days:
        assert day.supplement_mg is None or math.isfinite(day.supplement_mg)
    _person, listed = log.list_entries(db, "default", date(1900, 1, 1), DAY)
    json.dumps([entry_json(kb, e) for e in listed], allow_nan=False)
    json.dumps([entry_json(kb, e) for e in report.entries], allow_nan=False)


def test_a_stored_profile_out_of_bounds_is_reported(db: Database, kb: KnowledgeBase) -> None:
    with db.begin() as connection:
        owner = store.user_id(connection)
        assert owner is not None
        store.save_profile(
            connection,
            owner,
            PersonProfile(name="default", sex="banana", age_years=-50, age_on=DAY, system="zzz"),
        )
    for run in (
        lambda: day_report(db, kb, "default", DAY),
        lambda: trend(db, kb, "default", DAY - timedelta(days=6), DAY),
    ):
        with pytest.raises(InputError) as raised:
            run()
        assert "correct it in the profile" in str(raised.value)
    # and it can be corrected
    set_profile(db, kb, "default", ProfileChanges(age=40, sex="female", system="nl"), DAY)
    assert day_report(db, kb, "default", DAY).system.value == "nl"


def test_day_json_on_stored_rows_out_of_bounds_exits_0(
    data_dir: Path, capsys: pytest.CaptureFixture[str], kb: KnowledgeBase
) -> None:
    from mgcoach.settings import Settings
    from mgcoach.storage.database import open_database

    run_json(capsys, "profile", "set", "--age", "40", "--sex", "female")
    db = open_database(Settings.from_env())
    try:
        with db.begin() as connection:
            pid = store.find_profile_id(connection, store.LOCAL_USER, "default")
            assert pid is not None
            for rows in STORED.values():
                for row in rows:
                    store.add_entry(connection, pid, row)
    finally:
        db.dispose()
    day = run_json(capsys, "day", DAY.isoformat())
    assert "entries_out_of_bounds" in json.dumps(day)
    run_json(capsys, "week", DAY.isoformat())
    run_json(capsys, "entries", "--date", DAY.isoformat())
    run_json(capsys, "trend", "--end", DAY.isoformat(), "--days", "7")


# -- what the validation admits can be stored, read back and counted --------------------------

scale = st.one_of(st.none(), st.floats(0, 10))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    hours=st.floats(min_value=0.01, max_value=24),
    quality=scale,
    mg=st.floats(min_value=0.01, max_value=5000),
    minutes=st.floats(min_value=0.01, max_value=1440),
    severity=scale,
    count=st.one_of(st.none(), st.integers(0, 200)),
    time=st.one_of(st.none(), st.integers(0, 1439)),
    note=st.one_of(st.none(), st.text(max_size=300)),
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2024, 12, 31)),
)
def test_what_the_bounds_admit_is_stored_read_back_and_counted(
    db: Database,
    kb: KnowledgeBase,
    hours: float,
    quality: float | None,
    mg: float,
    minutes: float,
    severity: float | None,
    count: int | None,
    time: int | None,
    note: str | None,
    day: date,
) -> None:
    if not list_profiles(db):
        _profile(db, kb)
    if note is not None and bounds.text_problem(note, "note", multiline=True) is not None:
        note = None
    when = When("default", day, time, note)
    written = [
        log.log_sleep(db, when, hours, quality),
        log.log_supplement(db, kb, when, "citrate", mg, None, basis="elemental"),
        log.log_training(db, when, "run", minutes, severity),
        log.log_symptom(db, kb, when, "cramp", count=count, severity=severity),
    ]
    for entry in written:
        assert bounds.entry_problems(entry) == []
        assert log.get_entry(db, "default", entry.id) == entry
    report = day_report(db, kb, "default", day)
    assert "entries_out_of_bounds" not in {issue.code for issue in report.issues}
    log.delete_entries(db, "default", [e.id for e in written])


@pytest.mark.parametrize("mg", [6000.0, 1e308, math.inf])
def test_a_stored_overdose_still_decides_the_answer(
    db: Database, kb: KnowledgeBase, mg: float
) -> None:
    """A supplement amount above the emergency bound, stored by an older version, is left out
    of the figures but not out of the gate: if it was really taken, help comes first."""
    _profile(db, kb)
    with db.begin() as connection:
        pid = store.find_profile_id(connection, store.LOCAL_USER, "default")
        assert pid is not None
        store.add_entry(
            connection,
            pid,
            SupplementEntry(day=DAY, time=480, name="citrate", elemental_mg=mg, given_as="import"),
        )
    recent_days.clear()
    report = day_report(db, kb, "default", DAY)
    assert report.safety.gate.verdict == "emergency"
    assert "entries_out_of_bounds" in {issue.code for issue in report.issues}
    assert report.nutrient("magnesium").supplement in (None, 0)


def test_a_stored_broken_amount_is_no_overdose(db: Database, kb: KnowledgeBase) -> None:
    _profile(db, kb)
    with db.begin() as connection:
        pid = store.find_profile_id(connection, store.LOCAL_USER, "default")
        assert pid is not None
        for mg in (-5.0, 0.0):
            entry = SupplementEntry(day=DAY, name="x", elemental_mg=mg, given_as="import")
            store.add_entry(connection, pid, entry)
    recent_days.clear()
    report = day_report(db, kb, "default", DAY)
    assert report.safety.gate.verdict != "emergency"
    assert "entries_out_of_bounds" in {issue.code for issue in report.issues}
