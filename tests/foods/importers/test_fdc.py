"""FoodData Central CSV readers: SR Legacy (against the real SR28 files), Foundation, FNDDS,
Branded, portions, the nutrient-id preference, and every error path."""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcoach.errors import ImportFileError
from mgcoach.foods.importers import fdc, usda_sr28
from mgcoach.foods.importers.fdc_portions import parse_household
from mgcoach.foods.importers.fdc_table import FdcType, Table
from mgcoach.foods.importers.files import Release
from mgcoach.foods.importers.report import ImportReport, SkipReason
from mgcoach.foods.model import Food, FoodSource, Portion
from mgcoach.foods.nutrients import nutrient_keys
from tests.shared_data import SR28 as SR28_FOLDER

from . import fdc_samples as samples

SR28_DIR = SR28_FOLDER


def _read(path: Path, kinds: set[FdcType], report: ImportReport | None = None) -> dict[str, Food]:
    release = Release(path)
    try:
        return {food.id: food for food in fdc.read(release, kinds, report=report)}
    finally:
        release.close()


@pytest.fixture(scope="module")
def sr28_foods() -> dict[str, Food]:
    """The four sample foods as the SR28 ASCII reader reads them from the real files."""
    release = Release(SR28_DIR)
    try:
        return {f.id: f for f in usda_sr28.read(release) if f.usda_ndb in samples.SR_FOODS}
    finally:
        release.close()


@pytest.fixture
def sr_legacy_zip(tmp_path: Path) -> Path:
    top = "FoodData_Central_sr_legacy_food_csv_2018-04"
    return samples.write_release(tmp_path, top, samples.sr_legacy_files(), as_zip=True)


@pytest.mark.parametrize("ndb", list(samples.SR_FOODS), ids=lambda ndb: f"ndb-{ndb}")
def test_sr_legacy_csv_reads_as_sr28_ascii(
    sr28_foods: dict[str, Food], sr_legacy_zip: Path, ndb: str
) -> None:
    expected = sr28_foods[f"usda:{ndb}"]
    found = _read(sr_legacy_zip, {FdcType.SR_LEGACY})[f"usda:{ndb}"]
    assert found.per_100g == pytest.approx(dict(expected.per_100g))
    assert found.portions == expected.portions
    assert (found.name, found.group, found.usda_ndb) == (
        expected.name,
        expected.group,
        expected.usda_ndb,
    )
    assert found.source is FoodSource.USDA_SR_LEGACY


def test_sr_legacy_values_ids_and_portions(sr_legacy_zip: Path) -> None:
    foods = _read(sr_legacy_zip, {FdcType.SR_LEGACY})
    assert sorted(foods) == ["usda:02075", "usda:11457", "usda:12061", "usda:20033"]
    almonds = foods["usda:12061"]
    assert almonds.fdc_id == 170567
    assert almonds.value("magnesium_mg") == pytest.approx(270.0)
    assert almonds.value("energy_kcal") == pytest.approx(579.0)
    assert almonds.portions[0] == Portion(1.0, "cup, whole", 143.0)
    assert almonds.portions[4] == Portion(1.0, "oz (23 whole kernels)", 28.35)
    assert [p.unit for p in foods["usda:11457"].portions] == [
        "cup",
        "bunch",
        "leaf",
        "package (10 oz)",
    ]
    taco = foods["usda:02075"]
    assert taco.usda_ndb == "02075"
    assert taco.value("magnesium_mg") is None
    assert taco.value("calcium_mg") == 0.0
    assert taco.portions == (Portion(2.0, "tsp", 5.7),)
    assert set(taco.per_100g) == set(nutrient_keys())


def test_sr_legacy_report_counts_unusable_rows(sr_legacy_zip: Path) -> None:
    report = ImportReport()
    _read(sr_legacy_zip, {FdcType.SR_LEGACY}, report)
    assert (report.read, report.yielded, report.skipped_total) == (7, 4, 3)
    assert [(e.line, e.reason, e.detail) for e in report.examples] == [
        (6, SkipReason.NO_NAME, "174000"),
        (7, SkipReason.NO_NUTRIENTS, "174001"),
        (8, SkipReason.DUPLICATE, "170567"),
    ]
    assert {e.file for e in report.examples} == {"food.csv"}


def test_a_gzipped_member_in_a_folder(tmp_path: Path) -> None:
    files = samples.sr_legacy_files()
    folder = samples.write_release(tmp_path, "sr", files, gz=("food_nutrient.csv",))
    assert (folder / "food_nutrient.csv.gz").is_file()
    foods = _read(folder, {FdcType.SR_LEGACY})
    assert foods["usda:20033"].value("magnesium_mg") == pytest.approx(235.0)


def test_foundation(tmp_path: Path) -> None:
    path = samples.write_release(tmp_path, "foundation", samples.foundation_files(), as_zip=True)
    foods = _read(path, {FdcType.FOUNDATION})
    assert sorted(foods) == ["fdc:321358", "fdc:322892"]  # the sub-sample is no food
    hummus = foods["fdc:321358"]
    assert hummus.source is FoodSource.USDA_FOUNDATION
    # 2048 (229) comes first in the file, but nutrients.csv prefers 2047 (243).
    assert hummus.value("energy_kcal") == pytest.approx(243.0)
    assert hummus.value("magnesium_mg") == pytest.approx(71.7)
    assert hummus.value("calcium_mg") is None
    assert (hummus.usda_ndb, hummus.group) == ("16158", "legumes")
    assert hummus.portions == (Portion(1.0, "each, large", 230.0),)
    milk = foods["fdc:322892"]
    assert (milk.usda_ndb, milk.group, milk.fdc_id) == (None, "dairy_egg", 322892)
    assert milk.portions == (
        Portion(1.0, "cup", 229.0),
        Portion(1.0, "fl oz", 30.5),
        Portion(2.0, "tablespoon", 32.0),
    )


def test_fndds_nutrient_numbers_and_household_portions(tmp_path: Path) -> None:
    path = samples.write_release(tmp_path, "survey", samples.fndds_files())
    foods = _read(path, {FdcType.FNDDS})
    nuggets = foods["fdc:2706093"]
    assert nuggets.source is FoodSource.USDA_FNDDS
    assert nuggets.value("carbohydrate_g") == pytest.approx(14.93)
    assert nuggets.value("magnesium_mg") == pytest.approx(23.0)
    assert nuggets.value("energy_kcal") is None
    assert nuggets.group is None  # WWEIA categories are no USDA food groups
    assert nuggets.portions == (Portion(1.0, "nugget", 16.0), Portion(0.5, "cup", 70.0))
    milk = foods["fdc:2705383"]
    assert milk.portions == (Portion(1.0, "cup", 246.0), Portion(1.0, "fl oz", 30.8))
    assert foods["fdc:2708432"].value("magnesium_mg") is None


def test_branded(tmp_path: Path) -> None:
    path = samples.write_release(tmp_path, "branded", samples.branded_files(), as_zip=True)
    foods = _read(path, {FdcType.BRANDED})
    almonds = foods["fdc:1899458"]
    assert almonds.source is FoodSource.USDA_BRANDED
    assert (almonds.name, almonds.brand, almonds.barcode) == (
        "ALMONDS, WHOLE NATURAL",
        "Example Nut Growers",  # brand_name is empty: brand_owner
        "041570054161",
    )
    assert almonds.portions == (Portion(1.0, "serving", 28.0),)
    assert almonds.value("magnesium_mg") == pytest.approx(268.0)
    drink = foods["fdc:2012128"]
    assert (drink.brand, drink.barcode, drink.portions) == ("OAT CO", "00012345678905", ())
    seeds = foods["fdc:2345678"]
    assert (seeds.barcode, seeds.portions) == (None, (Portion(1.0, "serving", 30.0),))


def test_two_data_types_in_one_pass(tmp_path: Path) -> None:
    files = samples.sr_legacy_files()
    extra = samples.branded_files()
    for name in ("food.csv", "food_nutrient.csv"):
        files[name] = files[name] + extra[name]
    files["branded_food.csv"] = extra["branded_food.csv"]
    path = samples.write_release(tmp_path, "FoodData_Central_csv_2024-04-18", files)
    foods = _read(path, {FdcType.SR_LEGACY, FdcType.BRANDED})
    assert len(foods) == 7
    assert foods["usda:12061"].value("magnesium_mg") == pytest.approx(270.0)
    assert foods["fdc:2345678"].value("magnesium_mg") == pytest.approx(550.0)


def test_a_food_listed_twice_is_read_once(tmp_path: Path) -> None:
    files = samples.sr_legacy_files()
    files["sr_legacy_food.csv"] += [["170567", "12061"], ["999999", "11457"]]
    files["branded_food.csv"] = [["168872", *[""] * 6, "28.0", "g", *[""] * 11]]
    path = samples.write_release(tmp_path, "sr", files)
    report = ImportReport()
    foods = _read(path, {FdcType.SR_LEGACY, FdcType.BRANDED}, report)
    assert foods["usda:20033"].source is FoodSource.USDA_SR_LEGACY  # SR Legacy came first
    duplicates = [(e.file, e.line) for e in report.examples if e.reason is SkipReason.DUPLICATE]
    # Same fdc_id, same NDB number, and an fdc_id listed by two data types.
    assert duplicates[:3] == [
        ("sr_legacy_food.csv", 8),
        ("sr_legacy_food.csv", 9),
        ("branded_food.csv", 2),
    ]


def test_progress_counts_every_row_read(tmp_path: Path) -> None:
    files = samples.sr_legacy_files()
    path = samples.write_release(tmp_path, "sr", files)
    steps: list[int] = []
    release = Release(path)
    list(fdc.read(release, {FdcType.SR_LEGACY}, progress=steps.append))
    counted = ("sr_legacy_food.csv", "food_nutrient.csv", "food_portion.csv", "food.csv")
    assert sum(steps) == sum(len(files[name]) for name in counted)


# --- errors -------------------------------------------------------------------------------


def _replace(files: dict[str, samples.Rows], name: str, row: int, column: int, value: str) -> None:
    files[name][row][column] = value


def _release_with(tmp_path: Path, change: str) -> Path:
    files = samples.sr_legacy_files()
    if change == "bad-amount":
        _replace(files, "food_nutrient.csv", 2, 3, "21,15")
    elif change == "negative-amount":
        _replace(files, "food_nutrient.csv", 2, 3, "-3")
    elif change == "bad-gram-weight":
        _replace(files, "food_portion.csv", 0, 7, "n/a")
    elif change == "bad-ndb":
        _replace(files, "sr_legacy_food.csv", 1, 1, "11457a")
    elif change == "short-row":
        files["food_nutrient.csv"][3] = files["food_nutrient.csv"][3][:10]
    elif change == "unit":
        files["nutrient.csv"] = [
            [*row[:2], "UG", *row[3:]] if row[0] == "1090" else row for row in samples.NUTRIENTS
        ]
    elif change == "missing-nutrients":
        del files["food_nutrient.csv"]
    return samples.write_release(tmp_path, "sr", files)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            "bad-amount",
            "food_nutrient.csv, line 4: amount '21,15' is not a number.",
            id="bad-number-names-file-and-line",
        ),
        pytest.param(
            "negative-amount",
            "food_nutrient.csv, line 4: amount '-3' is negative.",
            id="negative-number",
        ),
        pytest.param(
            "bad-gram-weight",
            "food_portion.csv, line 2: gram_weight 'n/a' is not a number.",
            id="bad-portion-weight",
        ),
        pytest.param(
            "bad-ndb",
            "sr_legacy_food.csv, line 3: NDB_number '11457a' is not a number.",
            id="bad-ndb-number",
        ),
        pytest.param(
            "short-row",
            "food_nutrient.csv, line 5: expected 11 fields, found 10.",
            id="row-with-missing-fields",
        ),
        pytest.param(
            "unit",
            "nutrient.csv, line 12: nutrient 1090 is in UG, expected mg.",
            id="nutrient-in-another-unit",
        ),
        pytest.param(
            "missing-nutrients", "food_nutrient.csv is missing from sr.", id="missing-file"
        ),
    ],
)
def test_unreadable_release(tmp_path: Path, change: str, message: str) -> None:
    path = _release_with(tmp_path, change)
    with pytest.raises(ImportFileError) as caught:
        _read(path, {FdcType.SR_LEGACY})
    assert str(caught.value) == message


def test_missing_column(tmp_path: Path) -> None:
    path = samples.write_release(tmp_path, "sr", samples.sr_legacy_files())
    text = (path / "food_nutrient.csv").read_text("utf-8").replace('"amount"', '"amount_g"', 1)
    (path / "food_nutrient.csv").write_text(text, "utf-8")
    with pytest.raises(ImportFileError) as caught:
        _read(path, {FdcType.SR_LEGACY})
    assert str(caught.value) == (
        "food_nutrient.csv lacks the column(s) amount; is it a FoodData Central file?"
    )


def test_truncated_zip_is_no_release(sr_legacy_zip: Path) -> None:
    data = sr_legacy_zip.read_bytes()
    sr_legacy_zip.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFileError, match="neither a folder nor a readable zip"):
        Release(sr_legacy_zip)


def test_damaged_zip_member(sr_legacy_zip: Path) -> None:
    with zipfile.ZipFile(sr_legacy_zip) as packed:
        info = next(i for i in packed.infolist() if i.filename.endswith("food_nutrient.csv"))
    data = bytearray(sr_legacy_zip.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + 40
    data[start : start + 64] = bytes(64)  # zeroed deflate data: bad stream or bad CRC
    sr_legacy_zip.write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match=r"^food_nutrient\.csv is damaged or truncated"):
        _read(sr_legacy_zip, {FdcType.SR_LEGACY})


def test_truncated_gz_member(tmp_path: Path) -> None:
    folder = samples.write_release(
        tmp_path, "sr", samples.sr_legacy_files(), gz=("food_nutrient.csv",)
    )
    member = folder / "food_nutrient.csv.gz"
    member.write_bytes(member.read_bytes()[:-40])
    with pytest.raises(ImportFileError, match=r"^food_nutrient\.csv is damaged or truncated"):
        _read(folder, {FdcType.SR_LEGACY})


# --- parsers and arithmetic ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("1 cup", (1.0, "cup"), id="one-cup"),
        pytest.param("1/2 cup, cooked", (0.5, "cup, cooked"), id="fraction"),
        pytest.param("1 1/2 cups", (1.5, "cups"), id="mixed-number"),
        pytest.param("2.5 oz", (2.5, "oz"), id="decimal"),
        pytest.param("leaf", (1.0, "leaf"), id="words-only"),
        pytest.param("Quantity not specified", None, id="default-amount"),
        pytest.param("0 cup", None, id="zero"),
        pytest.param("3", None, id="number-without-measure"),
        pytest.param("  ", None, id="blank"),
    ],
)
def test_parse_household(text: str, expected: tuple[float, str] | None) -> None:
    assert parse_household(text) == expected


_WORDS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz ,()"), min_size=1).filter(
    lambda w: w.strip() and w.strip()[0].isalpha()
)


@given(whole=st.integers(0, 50), num=st.integers(1, 15), den=st.integers(2, 16), words=_WORDS)
def test_parse_household_reads_any_amount(whole: int, num: int, den: int, words: str) -> None:
    text = f"{whole} {num}/{den} {words}" if whole else f"{num}/{den} {words}"
    parsed = parse_household(text)
    assert parsed is not None
    assert parsed[0] == pytest.approx(whole + num / den)
    assert parsed[1] == " ".join(words.split())


@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["1008", "208", "2047", "2048"]), st.floats(0, 900)),
        min_size=1,
        max_size=6,
    )
)
def test_energy_comes_from_the_best_ranked_id(rows: list[tuple[str, float]]) -> None:
    ids = fdc.nutrient_ids()
    table = fdc.NutrientTable(1, ids.keys)
    for nutrient_id, value in rows:
        index, rank = ids.ranks[nutrient_id]
        table.put(0, index, rank, value)
    order = {"1008": 0, "208": 0, "2047": 1, "2048": 2}
    best = min(order[nutrient_id] for nutrient_id, _ in rows)
    first_best = next(value for nutrient_id, value in rows if order[nutrient_id] == best)
    per_100g = table.per_100g(0)
    assert per_100g is not None
    assert per_100g["energy_kcal"] == first_best
    assert all(v is None for k, v in per_100g.items() if k != "energy_kcal")


def _amount_table() -> Table:
    return Table("food_nutrient.csv", {"amount": 0}, iter([]), lambda: 7, None)


@given(value=st.floats(min_value=0, allow_nan=False, allow_infinity=False))
def test_amounts_read_back_exactly(value: float) -> None:
    assert _amount_table().number([repr(value)], 0) == value
    assert _amount_table().number([f" {value:.6g} "], 0) == float(f"{value:.6g}")


@given(text=st.text(min_size=1).filter(lambda t: t.strip() and not _is_number(t)))
def test_text_is_no_amount(text: str) -> None:
    with pytest.raises(ImportFileError, match=r"^food_nutrient\.csv, line 7: amount "):
        _amount_table().number([text], 0)


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def test_a_food_without_rows_has_no_values() -> None:
    ids = fdc.nutrient_ids()
    table = fdc.NutrientTable(2, ids.keys)
    table.put(1, 0, 0, 12.0)
    assert table.per_100g(0) is None
    assert math.isnan(table.values[0])
