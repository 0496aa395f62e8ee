"""Open Food Facts as people save it (issue 14): an API response (v0/v2), a search, pretty-
printed JSON, JSON lines, a folder and a zip; OFF's own data-quality errors; waters with a
per-litre magnesium value; English and brand names; findable by brand and barcode."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from mgcoach.errors import ImportFileError
from mgcoach.foods.importers import off
from mgcoach.foods.importers.report import ImportReport, SkipReason
from mgcoach.foods.model import Food
from mgcoach.foods.portions import portion_grams
from mgcoach.i18n import translate
from mgcoach.services.food_import import import_off
from mgcoach.services.foods import search_foods
from mgcoach.storage.database import open_database

COLA: dict[str, object] = {
    "product_name": "Coca-Cola",
    "brands": "Coca-Cola,The Coca-Cola Company",
    "quantity": "1,5 l",
    "serving_size": "250 ml",
    "serving_quantity": 250,
    "serving_quantity_unit": "ml",
    "categories_tags": ["en:beverages", "en:sodas"],
    "nutriments": {"energy-kcal_100g": 42, "carbohydrates_100g": 10.6, "sodium_100g": 0},
}
OAT: dict[str, object] = {
    "code": "8712345000048",
    "product_name": "Haverdrank naturel",
    "product_name_en": "Oat drink, plain",
    "lang": "nl",
    "brands": "Voorbeeldmerk",
    "quantity": "1 l",
    "nutriments": {"energy-kcal_100g": 45, "magnesium_100g": 0.005},
}
HEPAR: dict[str, object] = {
    "code": "3057640257773",
    "product_name": "Hépar",
    "brands": "Hépar",
    "quantity": "1 l",
    "categories_tags": ["en:beverages", "en:waters", "en:mineral-waters"],
    "nutriments": {"magnesium_100g": 0.0119, "calcium_100g": 0.0549},
}
PER_LITRE_WATER: dict[str, object] = {
    "code": "3274080005003",
    "product_name": "Eau de source",
    "brands": "Source",
    "categories_tags": ["en:waters", "en:spring-waters"],
    "nutriments": {"magnesium_100g": 0.119},  # 119 mg: the litre's value
}
FLAGGED: dict[str, object] = {
    "code": "4000000000123",
    "product_name": "Muesli",
    "data_quality_errors_tags": ["en:energy-value-in-kcal-does-not-match-value-in-kj"],
    "nutriments": {"energy-kcal_100g": 999, "magnesium_100g": 0.1},
}


def _api(version: int) -> dict[str, object]:
    """An API product response: v2 repeats no code inside the product, v0 does."""
    product = dict(COLA, code="5449000000996") if version == 0 else dict(COLA)
    return {"code": "5449000000996", "product": product, "status": 1,
            "status_verbose": "product found"}  # fmt: skip


def _search() -> dict[str, object]:
    return {"count": 4, "page": 1, "page_size": 24,
            "products": [OAT, HEPAR, PER_LITRE_WATER, FLAGGED]}  # fmt: skip


def _read(path: Path) -> tuple[dict[str, Food], ImportReport]:
    report = ImportReport()
    foods = {food.id: food for food in off.read(path, report=report)}
    return foods, report


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param("cola.json", json.dumps(_api(2)), id="api-v2"),
        pytest.param("cola.json", json.dumps(_api(0), indent=2), id="api-v0-pretty"),
        pytest.param("cola.jsonl", json.dumps(_api(2), indent=2), id="pretty-named-jsonl"),
        pytest.param("cola.json", json.dumps([dict(COLA, code="5449000000996")]), id="list"),
    ],
)
def test_single_product_responses(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    foods, report = _read(path)
    cola = foods["off:5449000000996"]
    assert (cola.name, cola.brand, cola.barcode) == ("Coca-Cola", "Coca-Cola", "5449000000996")
    assert (report.read, report.yielded, report.skipped_total) == (1, 1, 0)
    # A drink: measured in ml and l with one density, 1 l = 1000 ml.
    assert portion_grams(cola, "1 l").grams == pytest.approx(1000.0)
    assert portion_grams(cola, "1000 ml").grams == pytest.approx(1000.0)
    assert portion_grams(cola, "1 serving").grams == pytest.approx(250.0)


def _check_search(foods: dict[str, Food], report: ImportReport) -> None:
    assert sorted(foods) == ["off:3057640257773", "off:8712345000048"]
    assert dict(report.skipped) == {SkipReason.WATER_PER_LITRE: 1, SkipReason.DATA_QUALITY: 1}
    assert report.read == report.yielded + report.skipped_total == 4
    details = {e.reason: e.detail for e in report.examples}
    assert details[SkipReason.DATA_QUALITY] == (
        "4000000000123: en:energy-value-in-kcal-does-not-match-value-in-kj"
    )
    assert details[SkipReason.WATER_PER_LITRE] == "3274080005003: 119 mg / 100 ml"


def test_search_response(tmp_path: Path) -> None:
    path = tmp_path / "search.json"
    path.write_text(json.dumps(_search(), indent=1), "utf-8")
    foods, report = _read(path)
    _check_search(foods, report)
    oat = foods["off:8712345000048"]
    assert (oat.name, oat.name_nl, oat.brand) == (
        "Oat drink, plain",
        "Haverdrank naturel",
        "Voorbeeldmerk",
    )


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_folder_and_zip(tmp_path: Path, form: str) -> None:
    folder = tmp_path / "off"
    folder.mkdir()
    (folder / "search.json").write_text(json.dumps(_search()), "utf-8")
    (folder / "cola.json").write_text(json.dumps(_api(2)), "utf-8")
    (folder / "notes.txt").write_text("not read", "utf-8")
    path = folder
    if form == "zip":
        path = tmp_path / "off.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for member in folder.iterdir():
                archive.write(member, f"off/{member.name}")
    foods, report = _read(path)
    assert "off:5449000000996" in foods
    assert report.read == report.yielded + report.skipped_total == 5


def test_json_lines_still_read(tmp_path: Path) -> None:
    path = tmp_path / "products.jsonl"
    products = [OAT, HEPAR, PER_LITRE_WATER, FLAGGED]
    path.write_text("\n".join(json.dumps(p) for p in products), "utf-8")
    foods, report = _read(path)
    _check_search(foods, report)


def test_product_not_found_holds_no_products(tmp_path: Path) -> None:
    path = tmp_path / "missing.json"
    path.write_text(json.dumps({"code": "123", "status": 0,
                                "status_verbose": "product not found"}), "utf-8")  # fmt: skip
    with pytest.raises(ImportFileError, match="holds no products"):
        _read(path)


@pytest.mark.parametrize("magnesium", [0.0119, 0.05])
def test_a_water_up_to_50_mg_is_kept(magnesium: float) -> None:
    info = dict(HEPAR, nutriments={"magnesium_100g": magnesium})
    assert off.product_food(info, info["nutriments"]).value("magnesium_mg") == pytest.approx(  # type: ignore[arg-type]
        magnesium * 1000
    )


# --- the service: 0 imported is an error; brand and barcode find the products --------------


@pytest.mark.usefixtures("data_dir")
def test_import_then_find_by_brand_and_barcode(tmp_path: Path) -> None:
    path = tmp_path / "cola.json"
    path.write_text(json.dumps(_api(2)), "utf-8")
    db = open_database()
    summary = import_off(db, str(path))
    assert summary.counts.inserted == 1
    assert [f.id for f in search_foods(db, "5449000000996").foods] == ["off:5449000000996"]
    assert "off:5449000000996" in [f.id for f in search_foods(db, "coca-cola").foods]


@pytest.mark.usefixtures("data_dir")
def test_nothing_imported_is_an_error_with_reasons(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"products": [PER_LITRE_WATER, FLAGGED]}), "utf-8")
    with pytest.raises(ImportFileError) as caught:
        import_off(open_database(), str(path))
    error = caught.value
    english = translate(error.message, error.params)
    assert english.startswith("No product of bad.json could be imported (2 read): ")
    assert "1 × Open Food Facts itself marks its nutrition data as wrong" in english
    assert "1 × a water with more than 50 mg magnesium per 100 ml" in english
