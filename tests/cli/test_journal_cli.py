"""The journal commands with --json (issue 5's contract) on SQLite and on PostgreSQL: profiles,
every log kind, entries, edit, delete and `day` with every contract key; errors as one line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mgcoach.cli.main import main
from tests.cli.running import run_error, run_json
from tests.databases import Templates

DAY = "2025-01-15"
NUTRIENTS = ("magnesium", "calcium", "potassium", "sodium", "zinc", "energy_kcal", "protein_g")
NUTRIENT_KEYS = {
    "food_mg",
    "supplement_mg",
    "total_mg",
    "target_mg",
    "percent_of_target",
    "gap_mg",
    "unknown_entries",
}
DAY_KEYS = {"date", *NUTRIENTS, "top_sources", "ratios", "interactions", "risk", "issues"}
PROFILE_KEYS = {
    "name",
    "sex",
    "age_years",
    "age_on",
    "system",
    "pregnant",
    "lactating",
    "weight_kg",
    "height_cm",
    "egfr",
    "dialysis",
    "activity",
    "medications",
    "reasons",
    "created_at",
    "updated_at",
}
ENTRY_KEYS = {
    "id",
    "uid",
    "kind",
    "date",
    "time",
    "origin",
    "note",
    "label",
    "detail",
    "created_at",
    "updated_at",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(
    request: pytest.FixtureRequest,
    db_templates: Templates,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    """The CLI's database: a fresh seeded copy on SQLite (MGCOACH_DATA_DIR) or PostgreSQL
    (MGCOACH_DATABASE_URL)."""
    folder = tmp_path / "mgcoach-data"
    settings = db_templates.fresh(request.param, folder)
    monkeypatch.setenv("MGCOACH_DATA_DIR", str(folder))
    monkeypatch.delenv("MGCOACH_PROFILE", raising=False)
    if request.param == "postgresql":
        monkeypatch.setenv("MGCOACH_DATABASE_URL", settings.database_url)
    else:
        monkeypatch.delenv("MGCOACH_DATABASE_URL", raising=False)
    yield request.param


def make_profile(capsys: pytest.CaptureFixture[str], *extra: str) -> Any:
    return run_json(capsys, "profile", "set", "--age", "45", "--sex", "male", *extra)


def log(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    return run_json(capsys, "log", *args, "--date", DAY)


@pytest.mark.usefixtures("backend")
def test_profile_set_show_list(capsys: pytest.CaptureFixture[str]) -> None:
    made = make_profile(
        capsys, "--weight-kg", "80", "--height-cm", "180", "--activity", "moderate",
        "--med", "levothyroxine@07:00", "--med", "ciprofloxacin@08:00,20:00",
    )  # fmt: skip
    assert set(made) == PROFILE_KEYS
    assert (made["name"], made["sex"], made["age_years"], made["system"]) == (
        "default",
        "male",
        45,
        "us",
    )
    assert (made["weight_kg"], made["height_cm"], made["activity"]) == (80, 180, "moderate")
    assert made["medications"] == [
        {"name": "levothyroxine", "times": ["07:00"], "frequency": "daily"},
        {"name": "ciprofloxacin", "times": ["08:00", "20:00"], "frequency": "daily"},
    ]
    assert run_json(capsys, "profile", "show") == made
    changed = run_json(capsys, "profile", "set", "--weight-kg", "78", "--no-meds")
    assert (changed["weight_kg"], changed["height_cm"], changed["medications"]) == (78, 180, [])
    assert [p["name"] for p in run_json(capsys, "profile", "list")] == ["default"]
    assert made["reasons"] == []


@pytest.mark.usefixtures("backend")
def test_profile_reasons_are_set_shown_and_removed(capsys: pytest.CaptureFixture[str]) -> None:
    """--reason takes the slug or a name of it (English or Dutch), stores each once in a fixed
    order and replaces the reasons stored; --no-reasons removes them; others stay."""
    made = make_profile(
        capsys, "--reason", "sleep", "--reason", "nachtkrampen", "--reason", "cramps"
    )
    assert made["reasons"] == ["cramps", "poor_sleep"]
    assert run_json(capsys, "profile", "show")["reasons"] == ["cramps", "poor_sleep"]
    kept = run_json(capsys, "profile", "set", "--weight-kg", "70")
    assert kept["reasons"] == ["cramps", "poor_sleep"]
    other = run_json(capsys, "profile", "set", "--reason", "intake", "--reason", "recovery")
    assert other["reasons"] == ["soreness", "check_intake"]
    assert main(["profile", "show"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "Muscle soreness, slow recovery, Just checking my intake" in shown
    assert run_json(capsys, "profile", "set", "--no-reasons")["reasons"] == []
    code, error = run_error(capsys, "profile", "set", "--reason", "twitches")
    assert code != 0 and "Unknown reason twitches" in error
    assert run_json(capsys, "profile", "show")["reasons"] == []


@pytest.mark.usefixtures("backend")
def test_log_every_kind_and_list_entries(capsys: pytest.CaptureFixture[str]) -> None:
    make_profile(capsys)
    food = log(capsys, "food", "usda:12061", "30 g", "--time", "08:00", "--note", "snack")
    assert set(food) == ENTRY_KEYS
    assert (food["kind"], food["date"], food["time"], food["note"], food["label"]) == (
        "food",
        DAY,
        "08:00",
        "snack",
        "Almonds",
    )
    assert (food["detail"]["grams"], food["detail"]["magnesium_mg"]) == (30, 81)
    pill = log(capsys, "supplement", "citrate", "500", "--as", "compound", "--time", "07:30")
    assert pill["detail"]["elemental_mg"] == pytest.approx(80.82, abs=0.01)
    label = log(capsys, "supplement", "--label", "Magnesium (as oxide) 250 mg", "--time", "21:00")
    assert label["detail"]["elemental_mg"] == 250
    cramp = log(capsys, "symptom", "kramp", "--count", "2", "--severity", "6", "--where", "calf",
                "--night", "--time", "03:00")  # fmt: skip
    assert cramp["detail"] == {
        "symptom": "cramp",
        "count": 2,
        "severity": 6,
        "location": "calf",
        "night": True,
    }
    assert cramp["label"] == "Muscle cramp"
    sleep = log(capsys, "sleep", "7.5", "--quality", "8")
    assert (sleep["detail"], sleep["time"]) == ({"hours": 7.5, "quality": 8}, None)
    training = log(capsys, "training", "running", "45", "--rpe", "7", "--time", "18:00")
    assert training["detail"] == {"activity": "running", "minutes": 45, "rpe": 7}
    lab = log(capsys, "lab", "0.72", "mmol/L", "--time", "09:00")
    assert lab["detail"]["value_mmol_l"] == pytest.approx(0.72)
    note = log(capsys, "note", "felt fine")
    assert (note["kind"], note["note"], note["label"]) == ("note", "felt fine", "felt fine")
    med = log(capsys, "med", "levothyroxine", "--time", "06:00")
    assert med["detail"] == {"name": "levothyroxine", "drug": "levothyroxine"}

    listed = run_json(capsys, "entries", "--date", DAY)
    assert [e["time"] for e in listed] == [
        "03:00", "06:00", "07:30", "08:00", "09:00", "18:00", "21:00", None, None,
    ]  # fmt: skip
    assert [e["kind"] for e in listed][-2:] in (["sleep", "note"], ["note", "sleep"])
    assert listed[3] == food
    sleeps = run_json(capsys, "entries", "--date", DAY, "--kind", "sleep", "--kind", "med")
    assert [e["kind"] for e in sleeps] == ["medication", "sleep"]
    assert run_json(capsys, "entries", "--from", "2025-01-16", "--to", "2025-01-20") == []


@pytest.mark.usefixtures("backend")
def test_edit_and_delete(capsys: pytest.CaptureFixture[str]) -> None:
    make_profile(capsys)
    food = log(capsys, "food", "usda:12061", "30 g", "--time", "08:00")
    sleep = log(capsys, "sleep", "7", "--time", "07:00")
    edited = run_json(capsys, "edit", str(food["id"]), "--amount", "60 g", "--no-time")
    assert (edited["detail"]["grams"], edited["detail"]["magnesium_mg"]) == (60, 162)
    assert (edited["time"], edited["uid"]) == (None, food["uid"])
    code, err = run_error(capsys, "delete", str(food["id"]), "999")
    assert code != 0 and err.startswith("Error: ") and "\n" not in err and "999" in err
    assert len(run_json(capsys, "entries", "--date", DAY)) == 2
    deleted = run_json(capsys, "delete", str(food["id"]), str(sleep["id"]))
    assert deleted == {"deleted": 2, "ids": [food["id"], sleep["id"]]}
    assert run_json(capsys, "entries", "--date", DAY) == []


@pytest.mark.usefixtures("backend")
def test_day_contract(capsys: pytest.CaptureFixture[str]) -> None:
    make_profile(
        capsys, "--weight-kg", "80", "--height-cm", "180", "--activity", "moderate",
        "--med", "levothyroxine@07:00",
    )  # fmt: skip
    log(capsys, "food", "oat bran", "1/2 cup", "--time", "08:00")
    log(capsys, "food", "usda:12061", "30 g", "--time", "10:00")
    log(capsys, "food", "usda:12061", "20 g", "--time", "15:00")
    log(capsys, "supplement", "oxide", "400", "--elemental", "--time", "07:30")
    log(capsys, "symptom", "chest pain", "--time", "11:00")
    log(capsys, "lab", "0.60", "mmol/L", "--time", "09:00")
    data = run_json(capsys, "day", DAY)

    assert set(data) >= DAY_KEYS and data["date"] == DAY
    for key in NUTRIENTS:
        assert set(data[key]) >= NUTRIENT_KEYS, key
    mg = data["magnesium"]
    assert {"supplemental_ul_mg", "exceeds_ul"} <= set(mg)
    # 110.45 (oat bran) + 81 + 54 (almonds) mg from food; the contract rounds to 0.1.
    food_supplement_total = (mg["food_mg"], mg["supplement_mg"], mg["total_mg"])
    assert food_supplement_total == pytest.approx((245.45, 400, 645.45), abs=0.051)
    assert (mg["target_mg"], mg["gap_mg"], mg["unknown_entries"]) == (420, 0, 0)
    assert mg["percent_of_target"] == pytest.approx(153.7, abs=0.05)
    assert (mg["supplemental_ul_mg"], mg["exceeds_ul"]) == (350, True)
    assert data["energy_kcal"]["target_mg"] is not None  # weight, height and activity given
    assert data["energy_kcal"]["unit"] == "kcal" and data["protein_g"]["unit"] == "g"
    assert data["calcium"]["supplement_mg"] == 0

    top = data["top_sources"]
    assert [(s["kind"], s["food_id"], s["entries"]) for s in top] == [
        ("supplement", None, 1),
        ("food", "usda:12061", 2),
        ("food", "usda:20033", 1),
    ]
    assert [s["magnesium_mg"] for s in top] == pytest.approx([400, 135, 110.45], abs=0.051)
    assert set(data["ratios"]) == {"calcium_to_magnesium", "sodium_to_potassium"}
    ratio = data["ratios"]["calcium_to_magnesium"]
    assert ratio == pytest.approx(data["calcium"]["total_mg"] / mg["total_mg"], abs=0.01)

    (interaction,) = data["interactions"]
    assert (interaction["drug"], interaction["conflict"]) == ("levothyroxine", True)
    assert interaction["conflicts"] == [{"drug_time": "07:00", "magnesium_time": "07:30"}]
    risk = data["risk"]
    assert risk["red_flags"] and risk["serum"]["status"] == "low"
    assert risk["serum"] == {"date": DAY, "mmol_per_l": 0.6, "status": "low"}
    kinds = [issue["kind"] for issue in data["issues"]]
    assert "red_flag" in kinds and "timing" in kinds
    assert all(issue["message"] for issue in data["issues"])


@pytest.mark.usefixtures("backend")
def test_empty_day_has_every_key(capsys: pytest.CaptureFixture[str]) -> None:
    make_profile(capsys)
    data = run_json(capsys, "day", DAY)
    assert set(data) >= DAY_KEYS
    mg = data["magnesium"]
    assert (mg["food_mg"], mg["total_mg"], mg["gap_mg"], mg["exceeds_ul"]) == (0, 0, 420, False)
    assert data["ratios"] == {"calcium_to_magnesium": None, "sodium_to_potassium": None}
    assert data["top_sources"] == [] and data["interactions"] == []
    assert data["energy_kcal"]["target_mg"] is None


@pytest.mark.usefixtures("backend")
def test_profiles_are_kept_apart(capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys, "profile", "set", "--profile", "anna", "--age", "32", "--sex", "female",
             "--pregnant")  # fmt: skip
    make_profile(capsys, "--profile", "ben")
    log(capsys, "food", "usda:12061", "30 g", "--profile", "anna", "--time", "08:00")
    log(capsys, "sleep", "8", "--profile", "ben")
    anna = run_json(capsys, "day", DAY, "--profile", "anna")
    ben = run_json(capsys, "day", DAY, "--profile", "ben")
    assert (anna["profile"], anna["magnesium"]["food_mg"]) == ("anna", 81)
    assert anna["magnesium"]["target_mg"] in (350, 360)  # 32 now, a little younger on DAY
    assert (ben["magnesium"]["food_mg"], ben["magnesium"]["target_mg"]) == (0, 420)
    assert [e["kind"] for e in run_json(capsys, "entries", "--date", DAY, "--profile", "ben")] == [
        "sleep"
    ]
    assert {p["name"] for p in run_json(capsys, "profile", "list")} == {"anna", "ben"}


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["day", DAY, "--profile", "nobody"], id="day"),
        pytest.param(["profile", "show", "--profile", "nobody"], id="show"),
        pytest.param(["log", "sleep", "7", "--profile", "nobody"], id="log"),
        pytest.param(["entries", "--profile", "nobody"], id="entries"),
    ],
)
def test_unknown_profile_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, err = run_error(capsys, *args)
    assert code != 0
    assert err.startswith("Error: ") and "\n" not in err
    assert "nobody" in err and "profile set" in err
    code, err = run_error(capsys, *args, "--lang", "nl")
    assert code != 0 and err and "\n" not in err


BAD_INPUT = {
    "minus-3g": ["log", "food", "usda:12061", "-3 g"],
    "unknown-food": ["log", "food", "xqzwvkj", "30 g"],
    "severity-11": ["log", "symptom", "cramp", "--severity", "11"],
    "sleep-30h": ["log", "sleep", "30"],
    "future-date": ["log", "sleep", "7", "--date", "2999-01-01"],
    "medicine-no-time": ["log", "med", "levothyroxine", "--date", DAY],
    "unknown-kind": ["entries", "--kind", "dream"],
    "pregnant-male": ["profile", "set", "--pregnant"],
    "height-20": ["profile", "set", "--height-cm", "20"],
}


@pytest.mark.usefixtures("backend")
def test_bad_input_is_one_line_and_stores_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """One test per backend, the cases in a loop: each CLI call costs a database open."""
    made = make_profile(capsys)
    for case, args in BAD_INPUT.items():
        code, err = run_error(capsys, *args)
        assert code == 2 and err.startswith("Error: ") and "\n" not in err, case
    assert run_json(capsys, "entries", "--from", "2000-01-01") == []
    assert run_json(capsys, "profile", "show") == made


@pytest.mark.usefixtures("data_dir")
def test_forget_without_yes_and_without_a_terminal_deletes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_json(capsys, "profile", "set", "--age", "40", "--sex", "female")
    code, err = run_error(capsys, "forget", "--all")
    assert code == 2 and "--yes" in err
    assert run_json(capsys, "profile", "show")["age_years"] == 40
    assert run_json(capsys, "forget", "--all", "--yes") == {"profiles": 1, "entries": 0}


@pytest.mark.usefixtures("backend")
def test_profile_medicines_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    """--med takes the name and its times as people type them, and NAME@HH:MM as before."""
    made = make_profile(
        capsys, "--med", "Omeprazol 7:30", "--med", "metformin 08:00 and 20:00",
        "--med", "levothyroxine@07:00", "--med", "alendronate 07:00 weekly:ma",
    )  # fmt: skip
    assert made["medications"] == [
        {"name": "Omeprazol", "times": ["07:30"], "frequency": "daily"},
        {"name": "metformin", "times": ["08:00", "20:00"], "frequency": "daily"},
        {"name": "levothyroxine", "times": ["07:00"], "frequency": "daily"},
        {"name": "alendronate", "times": ["07:00"], "frequency": "weekly:mon"},
    ]


@pytest.mark.usefixtures("backend")
def test_log_weight_contract_and_the_day_follows_it(capsys: pytest.CaptureFixture[str]) -> None:
    """`log weight KG` (issue 17): an entry of the usual keys with detail {"kg"}; the day's
    protein target is g/kg times the latest weight, the profile's weight before one is logged."""
    make_profile(capsys, "--weight-kg", "80", "--height-cm", "180", "--activity", "moderate")
    before = run_json(capsys, "day", DAY)
    weight = log(capsys, "weight", "72.5", "--time", "07:00", "--note", "morning")
    assert set(weight) == ENTRY_KEYS
    assert (weight["kind"], weight["time"], weight["note"]) == ("weight", "07:00", "morning")
    assert (weight["detail"], weight["label"]) == ({"kg": 72.5}, "Weight 72.5 kg")
    after = run_json(capsys, "day", DAY)
    assert before["protein_g"]["target_mg"] == pytest.approx(0.8 * 80)
    assert after["protein_g"]["target_mg"] == pytest.approx(0.8 * 72.5)
    assert after["energy_kcal"]["target_mg"] < before["energy_kcal"]["target_mg"]
    assert run_json(capsys, "profile", "show")["weight_kg"] == 80  # the fallback stays
    plan = run_json(capsys, "plan", DAY)  # the plan's targets follow it too
    assert plan["targets"]["profile"]["weight_kg"] == 72.5
    assert plan["targets"]["protein"]["target_g"] == pytest.approx(0.8 * 72.5)
    assert run_json(capsys, "entries", "--date", DAY, "--kind", "weight") == [weight]
    dutch = run_json(capsys, "entries", "--date", DAY, "--lang", "nl")
    assert [e["label"] for e in dutch] == ["Gewicht 72,5 kg"]
    edited = run_json(capsys, "edit", str(weight["id"]), "--kg", "75")
    assert (edited["detail"], edited["uid"]) == ({"kg": 75}, weight["uid"])
    assert run_json(capsys, "day", DAY)["protein_g"]["target_mg"] == pytest.approx(0.8 * 75)
    code, error = run_error(capsys, "log", "weight", "4000", "--date", DAY)
    assert code != 0 and "\n" not in error and "not 4,000" in error
    code, error = run_error(capsys, "edit", str(weight["id"]), "--hours", "7")
    assert code != 0 and "--kg" in error
    assert len(run_json(capsys, "entries", "--date", DAY)) == 1
