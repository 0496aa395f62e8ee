"""Open Food Facts CSV and JSONL: g -> mg conversion, tags, barcode, serving, skipped rows and
the files that are no OFF export at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcoach.errors import ImportFileError
from mgcoach.foods.importers import off
from mgcoach.foods.importers.report import ImportReport, SkipReason
from mgcoach.foods.model import Food, FoodSource, Portion
from mgcoach.foods.nutrients import nutrient_keys

from . import off_samples as samples


def _write(tmp_path: Path, form: str) -> Path:
    if form.startswith("csv"):
        name = "en.openfoodfacts.org.products.csv" + (".gz" if form.endswith("gz") else "")
        return samples.write_csv(tmp_path / name, samples.PRODUCTS, malformed_after=3)
    name = "openfoodfacts-products.jsonl" + (".gz" if form.endswith("gz") else "")
    return samples.write_jsonl(tmp_path / name, [samples.json_product(p) for p in samples.PRODUCTS])


def _read(path: Path, report: ImportReport | None = None) -> dict[str, Food]:
    return {food.id: food for food in off.read(path, report=report)}


FORMS = [
    pytest.param("csv", id="csv"),
    pytest.param("csv.gz", id="csv-gz"),
    pytest.param("jsonl", id="jsonl"),
    pytest.param("jsonl.gz", id="jsonl-gz"),
]


@pytest.mark.parametrize("form", FORMS)
def test_grams_become_milligrams(tmp_path: Path, form: str) -> None:
    food = _read(_write(tmp_path, form))["off:8712345000017"]
    assert food.source is FoodSource.OFF
    expected = {
        "energy_kcal": 634.0,
        "protein_g": 21.0,
        "fibre_g": 11.0,
        "fat_g": 55.0,
        "carbohydrate_g": 7.4,
        "magnesium_mg": 270.0,  # 0.27 g
        "calcium_mg": 250.0,
        "potassium_mg": 700.0,
        "sodium_mg": 4.0,
        "phosphorus_mg": 480.0,
        "iron_mg": 3.7,
        "zinc_mg": 3.1,
        "water_g": None,  # OFF has no water field
        "vitamin_d_ug": None,  # not given: unknown, not zero
    }
    assert food.per_100g == pytest.approx(expected)
    assert set(food.per_100g) == set(nutrient_keys())


@pytest.mark.parametrize("form", FORMS)
def test_names_brand_barcode_tags_and_serving(tmp_path: Path, form: str) -> None:
    foods = _read(_write(tmp_path, form))
    paste = foods["off:8712345000017"]
    assert (paste.name, paste.barcode, paste.brand) == (
        "Amandelpasta 100%",
        "8712345000017",
        "Voorbeeldmerk",
    )
    assert paste.name_nl == (None if form.startswith("csv") else "Amandelpasta 100%")
    assert paste.tags == {"vegan", "vegetarian", "nuts"}
    assert paste.portions == (Portion(1.0, "serving", 30.0),)
    drink = foods["off:5410000000023"]
    assert drink.name == 'Haverdrank "barista"'
    assert drink.tags == {"vegan", "vegetarian", "gluten"}
    # 250 ml: OFF gives a drink's values per 100 ml, so a ml counts as a gram of that basis.
    assert drink.portions == (Portion(1.0, "serving (250 ml)", 250.0), Portion(100.0, "ml", 100.0))
    assert drink.value("vitamin_d_ug") == pytest.approx(1.5)
    assert drink.value("magnesium_mg") is None
    chocolate = foods["off:4000000000017"]
    assert chocolate.tags == {"vegetarian", "dairy", "nuts", "soy"}  # traces are no allergens
    assert chocolate.brand is None
    assert chocolate.portions == (Portion(1.0, "serving", 25.0),)
    assert chocolate.value("magnesium_mg") == pytest.approx(146.0)


@pytest.mark.parametrize("form", FORMS)
def test_unusable_products_are_counted(tmp_path: Path, form: str) -> None:
    report = ImportReport()
    foods = _read(_write(tmp_path, form), report)
    assert sorted(foods) == ["off:4000000000017", "off:5410000000023", "off:8712345000017"]
    expected = {SkipReason(reason): 1 for reason, _ in samples.UNUSABLE}
    if form.startswith("csv"):
        expected[SkipReason.MALFORMED_ROW] = 1
    assert dict(report.skipped) == expected
    assert report.read == report.yielded + report.skipped_total == 3 + len(expected)
    first = report.examples[0]
    if form.startswith("csv"):
        # Header line 1; the drink's quoted newline makes its row span lines 3-4.
        assert (first.line, first.reason) == (6, SkipReason.MALFORMED_ROW)
    else:
        assert (first.line, first.reason, first.detail) == (4, SkipReason.NO_NAME, "3000000000015")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            samples.csv_text(samples.PRODUCTS).replace("\t", ","),
            "products.csv is not an Open Food Facts CSV export: no tab-separated code column.",
            id="comma-separated",
        ),
        pytest.param(
            samples.csv_text([]), "products.csv holds no products.", id="header-only"
        ),
        pytest.param("", "products.csv is not an Open Food Facts CSV export: "
                     "no tab-separated code column.", id="empty"),
    ],
)  # fmt: skip
def test_csv_that_is_no_export(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "products.csv"
    path.write_text(text, "utf-8")
    with pytest.raises(ImportFileError) as caught:
        list(off.read(path))
    assert str(caught.value) == message


def test_truncated_gzip(tmp_path: Path) -> None:
    path = samples.write_csv(tmp_path / "products.csv.gz", samples.PRODUCTS * 50)
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(ImportFileError, match=r"^products\.csv\.gz is damaged or truncated"):
        list(off.read(path))


def test_invalid_json_line(tmp_path: Path) -> None:
    path = samples.write_jsonl(
        tmp_path / "products.jsonl", [samples.json_product(p) for p in samples.PRODUCTS[:2]]
    )
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"code": "123", "product_name": "cut off her')
    with pytest.raises(ImportFileError, match=r"^products\.jsonl, line 3: not valid JSON"):
        list(off.read(path))


@pytest.mark.parametrize(
    "name", [pytest.param("products.xml", id="xml"), pytest.param("products.txt", id="txt")]
)
def test_unknown_file_kind(tmp_path: Path, name: str) -> None:
    with pytest.raises(ImportFileError, match=r"expected a \.csv or \.jsonl file"):
        off.read(tmp_path / name)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="No such file"):
        list(off.read(tmp_path / "products.jsonl"))


def test_progress_counts_products(tmp_path: Path) -> None:
    path = samples.write_jsonl(
        tmp_path / "p.jsonl", [samples.json_product(samples.ALMOND_PASTE)] * 25_001
    )
    steps: list[int] = []
    foods = list(off.read(path, progress=steps.append))
    assert len(foods) == 1  # the other 25,000 repeat its code
    assert steps == [10_000, 10_000, 5_001]


@pytest.mark.parametrize(
    ("info", "portion"),
    [
        pytest.param({"serving_quantity": "30", "serving_size": "30 g"}, 30.0, id="grams"),
        pytest.param({"serving_quantity": 25, "serving_size": "1 bar (25g)"}, 25.0, id="bar"),
        pytest.param({"serving_quantity": "200", "serving_size": "200 ml"}, None, id="ml"),
        pytest.param({"serving_quantity": "8", "serving_size": "8 fl oz"}, None, id="fl-oz"),
        pytest.param({"serving_quantity": "28", "serving_size": "1 oz"}, 28.0, id="oz"),
        pytest.param({"serving_quantity": 250, "serving_quantity_unit": "ml"}, None, id="unit"),
        pytest.param({"serving_quantity": "0"}, None, id="zero"),
        pytest.param({"serving_quantity": "about 30"}, None, id="unreadable"),
        pytest.param({}, None, id="absent"),
    ],
)
def test_serving_portion(info: dict[str, object], portion: float | None) -> None:
    found = off.serving_portion(info)
    assert found == (None if portion is None else Portion(1.0, "serving", portion))


def test_tag_file_is_valid() -> None:
    tags = off.off_tag_map()
    assert tags["labels_tags"]["en:vegan"] == {"vegan", "vegetarian"}
    assert tags["allergens_tags"]["en:molluscs"] == {"shellfish"}
    assert tags["allergens_tags"]["en:sesame-seeds"] == {"seeds"}


@given(grams=st.floats(min_value=0, max_value=100, allow_nan=False))
def test_minerals_convert_by_a_thousand(grams: float) -> None:
    values = off.per_100g({"magnesium_100g": grams, "zinc_100g": str(grams)})
    assert values["magnesium_mg"] == pytest.approx(grams * 1000)
    assert values["zinc_mg"] == pytest.approx(grams * 1000)
    assert values["calcium_mg"] is None


@given(grams=st.floats(min_value=0, max_value=1e-3, allow_nan=False))
def test_vitamin_d_converts_by_a_million(grams: float) -> None:
    values = off.per_100g({"vitamin-d_100g": grams})
    assert values["vitamin_d_ug"] == pytest.approx(grams * 1_000_000)


@given(
    value=st.one_of(
        st.floats(max_value=-1e-9, allow_infinity=False),
        st.floats(min_value=100.001, allow_infinity=False),
    )
)
def test_impossible_mineral_amounts_are_refused(value: float) -> None:
    with pytest.raises(Exception) as caught:  # the reader's private skip signal
        off.per_100g({"magnesium_100g": value})
    assert getattr(caught.value, "reason", None) is SkipReason.IMPOSSIBLE_VALUE
