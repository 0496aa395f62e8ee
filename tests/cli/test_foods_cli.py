"""The foods commands' JSON contract (issue 4), with real USDA values, and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgcoach.cli.main import main
from mgcoach.foods.curated import curated_foods
from mgcoach.foods.nutrients import nutrient_keys
from mgcoach.foods.sr28_table import sr28_foods
from tests.cli.running import run_error, run_json
from tests.shared_data import SR28

PER_100G = (
    "energy_kcal",
    "protein_g",
    "magnesium_mg",
    "calcium_mg",
    "potassium_mg",
    "sodium_mg",
    "zinc_mg",
)


@pytest.mark.usefixtures("data_dir")
def test_search_contract(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "foods", "search", "almonds", "--limit", "3")
    assert isinstance(data, list) and len(data) == 3
    first = data[0]
    assert (first["id"], first["name"], first["name_nl"], first["usda_ndb"]) == (
        "usda:12061",
        "Almonds",
        "Amandelen",
        "12061",
    )
    assert set(PER_100G) <= set(first["per_100g"])
    assert first["per_100g"]["magnesium_mg"] == 270
    assert first["per_100g"]["zinc_mg"] == 3.12
    assert set(first["per_100g"]) == set(nutrient_keys())


@pytest.mark.usefixtures("data_dir")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("havermout", "usda:08120", id="dutch-oats"),
        pytest.param("amandelen", "usda:12061", id="dutch-almonds"),
        pytest.param("almods", "usda:12061", id="typo"),
        pytest.param("spinch raw", "usda:11457", id="typo-spinach"),
        pytest.param("oat bran", "usda:20033", id="oat-bran"),
        pytest.param("snijbiet", None, id="swiss-chard-nl"),
    ],
)
def test_search_finds_in_both_languages(
    capsys: pytest.CaptureFixture[str], query: str, expected: str | None
) -> None:
    data = run_json(capsys, "foods", "search", query, "--limit", "1")
    assert isinstance(data, list) and len(data) == 1
    if expected is not None:
        assert data[0]["id"] == expected
    else:
        assert "chard" in data[0]["name"].lower()


@pytest.mark.usefixtures("data_dir")
@pytest.mark.parametrize(
    ("food", "amount", "grams", "magnesium"),
    [
        pytest.param("usda:12061", "30 g", 30.0, 81.0, id="grams"),
        pytest.param("oat bran", "1/2 cup", 47.0, 110.45, id="half-cup"),
        pytest.param("usda:12061", "1 cup, whole", 143.0, 386.1, id="cup-whole"),
        pytest.param("amandelen", "30 g", 30.0, 81.0, id="dutch-name"),
        pytest.param("usda:9040", "1 medium", 118.0, 31.86, id="short-ndb-banana"),
    ],
)
def test_amount_contract(
    capsys: pytest.CaptureFixture[str], food: str, amount: str, grams: float, magnesium: float
) -> None:
    data = run_json(capsys, "foods", "amount", food, amount)
    assert isinstance(data, dict)
    assert set(data["food"]) >= {"id", "name", "usda_ndb"}
    assert data["grams"] == pytest.approx(grams)
    assert data["nutrients"]["magnesium_mg"] == pytest.approx(magnesium, abs=0.01)


@pytest.mark.usefixtures("data_dir")
def test_show_and_stats(capsys: pytest.CaptureFixture[str]) -> None:
    shown = run_json(capsys, "foods", "show", "usda:20033")
    assert isinstance(shown, dict)
    assert shown["per_100g"]["magnesium_mg"] == 235 and shown["portions"][0]["grams"] == 94
    stats = run_json(capsys, "foods", "stats")
    curated = {item.id for item in curated_foods()}
    usda = len({item.id for item in sr28_foods()} - curated)  # the full table ships (issue 18)
    assert stats == {
        "foods": len(curated) + usda,
        "by_source": {"curated": len(curated), "usda_sr28": usda},
        "database": "sqlite",
    }


@pytest.mark.usefixtures("data_dir")
def test_add_food_is_searchable_and_unknown_stays_null(capsys: pytest.CaptureFixture[str]) -> None:
    added = run_json(
        capsys,
        "foods",
        "add",
        "Magnesium rich test bar",
        "--per-100g",
        "magnesium_mg=550",
        "energy_kcal=400",
        "--portion",
        "1 bar=40",
        "--serving",
        "1 bar",
        "--tag",
        "vegan",
    )
    assert isinstance(added, dict) and added["id"] == "user:1"
    assert added["per_100g"]["calcium_mg"] is None
    found = run_json(capsys, "foods", "search", "test bar")
    assert isinstance(found, list) and found[0]["id"] == "user:1"
    amount = run_json(capsys, "foods", "amount", "user:1", "2 bars")
    assert isinstance(amount, dict) and amount["grams"] == 80
    assert amount["nutrients"]["magnesium_mg"] == 440 and amount["nutrients"]["zinc_mg"] is None
    assert "zinc_mg" in amount["unknown"]
    stats = run_json(capsys, "foods", "stats")
    assert isinstance(stats, dict) and stats["by_source"]["user"] == 1


@pytest.mark.usefixtures("data_dir")
@pytest.mark.parametrize("per", ["100g", "100kcal", "portion"])
def test_top_magnesium(capsys: pytest.CaptureFixture[str], per: str) -> None:
    data = run_json(capsys, "foods", "top", "magnesium", "--per", per, "--limit", "10")
    assert isinstance(data, dict) and data["per"] == per
    values = [row["value"] for row in data["foods"]]
    assert len(values) == 10 and values == sorted(values, reverse=True)


@pytest.mark.usefixtures("data_dir")
def test_top_vegan_without_nuts(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "foods", "top", "magnesium", "--vegan", "--exclude", "noten", "--limit", "30"
    )
    assert isinstance(data, dict)
    by_id = {f.id: f for f in curated_foods()}
    assert len(data["foods"]) == 30
    for food_id in (row["id"] for row in data["foods"]):
        assert "vegan" in by_id[food_id].tags and "nuts" not in by_id[food_id].tags


@pytest.mark.usefixtures("data_dir")
def test_suggest_closes_the_gap(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "foods",
        "suggest",
        "--gap-mg",
        "150",
        "--max-kcal",
        "300",
        "--max-sodium-mg",
        "200",
        "--exclude",
        "nuts",
    )
    assert isinstance(data, dict) and data["status"] == "closed"
    assert data["magnesium_mg"] >= 150 and data["energy_kcal"] <= 300
    assert data["sodium_mg"] <= 200
    assert 1 <= len(data["items"]) <= 4
    assert {s["slug"] for s in data["snacks"]}


@pytest.mark.usefixtures("data_dir")
def test_import_usda_sr28(capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped table is SR28 already: importing the release again adds nothing."""
    before = run_json(capsys, "foods", "stats")
    first = run_json(capsys, "foods", "import", "usda", str(SR28))
    curated = len({item.id for item in curated_foods()} & {item.id for item in sr28_foods()})
    assert isinstance(first, dict)
    assert (first["inserted"], first["updated"], first["kept"]) == (0, 8789 - curated, curated)
    stats = run_json(capsys, "foods", "stats")
    assert stats == before and stats["foods"] >= 8789


@pytest.mark.usefixtures("data_dir")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["foods", "amount", "xqzvw", "30 g"], "No food matches", id="amount-no-food"),
        pytest.param(["foods", "amount", "usda:99999", "30 g"], "No food has the id", id="bad-id"),
        pytest.param(["foods", "amount", "almonds", "2 slices"], "slice", id="no-such-portion"),
        pytest.param(["foods", "top", "vitamin_q"], "Unknown nutrient", id="bad-nutrient"),
        pytest.param(
            ["foods", "top", "magnesium", "--exclude", "rocks"],
            "Unknown food group",
            id="bad-exclude",
        ),
        pytest.param(["foods", "add", "X", "magnesium_mg=abc"], "KEY=NUMBER", id="bad-pair"),
        pytest.param(
            ["foods", "suggest", "--gap-mg", "-5"], "between 0 and 2000", id="negative-gap"
        ),
        pytest.param(
            ["foods", "import", "usda", "/nonexistent/path"], "No such file", id="import-missing"
        ),
    ],
)
def test_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, err = run_error(capsys, *args)
    assert code != 0
    assert message in err


@pytest.mark.usefixtures("data_dir")
def test_a_search_without_hits_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["foods", "search", "xqzvw"]) == 0
    assert "No food matches xqzvw." in capsys.readouterr().out
    assert run_json(capsys, "foods", "search", "xqzvw") == []


@pytest.mark.usefixtures("data_dir")
def test_failed_import_leaves_the_database_unchanged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import shutil

    for name in ("FOOD_DES", "WEIGHT", "FD_GROUP"):
        shutil.copy(SR28 / f"{name}.txt.gz", tmp_path)
    data = (SR28 / "NUT_DATA.txt.gz").read_bytes()
    (tmp_path / "NUT_DATA.txt.gz").write_bytes(data[: len(data) * 9 // 10])
    before = run_json(capsys, "foods", "stats")
    code, err = run_error(capsys, "foods", "import", "usda", str(tmp_path))
    assert code != 0 and "damaged or truncated" in err
    assert run_json(capsys, "foods", "stats") == before


@pytest.mark.usefixtures("data_dir")
def test_dutch_output(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--lang", "nl", "foods", "amount", "havermout", "40 g"])
    out = capsys.readouterr().out
    assert code == 0 and "Havermout" in out and "Magnesium" in out


@pytest.mark.usefixtures("data_dir")
def test_recipe_per_serving_from_its_ingredients(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "foods",
        "recipe",
        "Overnight oats",
        "--ingredient",
        "usda:08120=40 g",
        "--ingredient",
        "usda:12061=20 g",
        "--servings",
        "2",
    )
    assert isinstance(data, dict) and data["id"] == "recipe:1" and data["grams"] == 60
    oats, almonds = next(f for f in curated_foods() if f.id == "usda:08120"), 270.0
    expected = (oats.per_100g["magnesium_mg"] * 0.4 + almonds * 0.2) / 2
    assert data["per_serving"]["magnesium_mg"] == pytest.approx(expected, abs=0.01)
    assert data["per_100g"]["magnesium_mg"] == pytest.approx(expected * 2 / 60 * 100, abs=0.01)
    assert "nuts" in data["tags"] and "vegan" in data["tags"]
    found = run_json(capsys, "foods", "search", "overnight oats", "--limit", "1")
    assert isinstance(found, list) and found[0]["id"] == "recipe:1"
    serving = run_json(capsys, "foods", "amount", "recipe:1", "1 serving")
    assert isinstance(serving, dict) and serving["grams"] == 30


@pytest.mark.usefixtures("data_dir")
def test_mineral_water_counts_by_the_litre(capsys: pytest.CaptureFixture[str]) -> None:
    added = run_json(
        capsys,
        "foods",
        "add-water",
        "Bronwater test",
        "--magnesium-mg-per-l",
        "110",
        "--calcium-mg-per-l",
        "350",
    )
    assert isinstance(added, dict) and "water" in added["tags"]
    assert added["per_100g"]["magnesium_mg"] == 11
    litre = run_json(capsys, "foods", "amount", added["id"], "1,5 l")
    assert isinstance(litre, dict) and litre["grams"] == 1500
    assert litre["nutrients"]["magnesium_mg"] == 165 and litre["nutrients"]["calcium_mg"] == 525
    glass = run_json(capsys, "foods", "amount", added["id"], "1 glass")
    assert isinstance(glass, dict) and glass["nutrients"]["magnesium_mg"] == 27.5


@pytest.mark.usefixtures("data_dir")
def test_tap_water_is_a_food(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "foods", "amount", "kraanwater", "1 cup")
    assert isinstance(data, dict) and data["food"]["id"] == "usda:14411"
    assert data["nutrients"]["magnesium_mg"] is not None


@pytest.mark.usefixtures("data_dir")
def test_exclusions_never_return_untagged_imported_foods(
    capsys: pytest.CaptureFixture[str],
) -> None:
    everything = run_json(capsys, "foods", "top", "magnesium", "--all", "--limit", "50")
    assert isinstance(everything, dict)
    assert any(row["source"] == "usda_sr28" for row in everything["foods"])
    filtered = run_json(
        capsys, "foods", "top", "magnesium", "--all", "--exclude", "nuts", "--limit", "50"
    )
    assert isinstance(filtered, dict)
    assert {row["source"] for row in filtered["foods"]} == {"curated"}
