"""Small Open Food Facts exports written into a test's tmp_path: the CSV (tab-separated, with
the real column names and Text::CSV's quoting) and the JSONL (one product object a line,
nutrients under "nutriments"). The products and codes are made up; the layout is OFF's.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

Product = dict[str, str]

# The CSV columns as OFF documents them (html/data/data-fields.md), in export order.
GENERAL = (  # noqa: SIM905 - a column list reads best as words
    "code url creator created_t created_datetime last_modified_t last_modified_datetime "
    "product_name abbreviated_product_name generic_name quantity"
).split()
TAGS = (  # noqa: SIM905 - a column list reads best as words
    "packaging packaging_tags packaging_en packaging_text brands brands_tags categories "
    "categories_tags categories_en origins origins_tags origins_en manufacturing_places "
    "manufacturing_places_tags labels labels_tags labels_en emb_codes emb_codes_tags "
    "first_packaging_code_geo cities cities_tags purchase_places stores countries "
    "countries_tags countries_en"
).split()
INGREDIENTS = (  # noqa: SIM905 - a column list reads best as words
    "ingredients_text ingredients_tags ingredients_analysis_tags allergens allergens_en "
    "traces traces_tags traces_en"
).split()
MISC = (  # noqa: SIM905 - a column list reads best as words
    "serving_size serving_quantity no_nutriments additives_n additives additives_tags "
    "additives_en nutriscore_score nutriscore_grade nova_group pnns_groups_1 pnns_groups_2 "
    "food_groups food_groups_tags food_groups_en states states_tags states_en brand_owner "
    "ecoscore_score ecoscore_grade nutrient_levels_tags product_quantity owner "
    "data_quality_errors_tags unique_scans_n popularity_tags completeness last_image_t "
    "last_image_datetime main_category main_category_en image_url image_small_url "
    "image_ingredients_url image_ingredients_small_url image_nutrition_url "
    "image_nutrition_small_url"
).split()
NUTRITION = (  # noqa: SIM905 - a column list reads best as words
    "energy-kj_100g energy-kcal_100g energy_100g energy-from-fat_100g fat_100g "
    "saturated-fat_100g -butyric-acid_100g monounsaturated-fat_100g "
    "polyunsaturated-fat_100g trans-fat_100g cholesterol_100g carbohydrates_100g "
    "sugars_100g starch_100g polyols_100g fiber_100g proteins_100g salt_100g sodium_100g "
    "alcohol_100g vitamin-a_100g vitamin-d_100g vitamin-e_100g vitamin-c_100g "
    "vitamin-b12_100g potassium_100g chloride_100g calcium_100g phosphorus_100g iron_100g "
    "magnesium_100g zinc_100g copper_100g selenium_100g iodine_100g caffeine_100g "
    "nutrition-score-fr_100g"
).split()
HEADER = [*GENERAL, *TAGS, *INGREDIENTS, *MISC, *NUTRITION]

ALMOND_PASTE: Product = {
    "code": "8712345000017",
    "url": "https://world.openfoodfacts.org/product/8712345000017/amandelpasta",
    "creator": "openfoodfacts-contributors",
    "created_t": "1587670000",
    "product_name": "Amandelpasta 100%",
    "product_name_nl": "Amandelpasta 100%",  # JSONL only: the CSV has no such column
    "quantity": "350 g",
    "brands": "Voorbeeldmerk,Example Foods",
    "labels": "Vegan, Organic",
    "labels_tags": "en:vegan,en:organic,en:eu-organic",
    "countries_tags": "en:netherlands",
    "ingredients_text": "amandelen 100%",
    "allergens": "en:nuts",
    "serving_size": "30 g",
    "serving_quantity": "30",
    "energy-kj_100g": "2653",
    "energy-kcal_100g": "634",
    "energy_100g": "2653",
    "fat_100g": "55",
    "carbohydrates_100g": "7.4",
    "fiber_100g": "11",
    "proteins_100g": "21",
    "salt_100g": "0.01",
    "sodium_100g": "0.004",
    "potassium_100g": "0.7",
    "calcium_100g": "0.25",
    "phosphorus_100g": "0.48",
    "iron_100g": "0.0037",
    "magnesium_100g": "0.27",
    "zinc_100g": "0.0031",
}
OAT_DRINK: Product = {
    "code": "5410000000023",
    "product_name": 'Haverdrank "barista"',
    # Text::CSV quotes a field holding a tab or a newline; the reader must keep the row whole.
    "generic_name": "Haverdrank\tmet calcium\nen vitamine D",
    "brands": "Example Foods",
    "labels_tags": "en:vegan,en:no-added-sugar",
    "allergens": "en:gluten",
    "serving_size": "250 ml",
    "serving_quantity": "250",
    "serving_quantity_unit": "ml",  # JSONL only
    "energy-kcal_100g": "59",
    "carbohydrates_100g": "6.6",
    "calcium_100g": "0.12",
    "vitamin-d_100g": "0.0000015",
}
MILK_CHOCOLATE: Product = {
    "code": "4000000000017",
    "product_name": "Melkchocolade met hazelnoten",
    "brands": "",
    "labels_tags": "en:vegetarian",
    "allergens": "en:milk,en:nuts,en:soybeans",
    "traces_tags": "en:peanuts",
    "serving_size": "1 bar (25g)",
    "serving_quantity": "25",
    "energy-kcal_100g": "560",
    "magnesium_100g": "0.146",
    "sodium_100g": "0.04",
}
UNUSABLE: list[tuple[str, Product]] = [
    ("no_name", {"code": "3000000000015", "product_name": "", "energy-kcal_100g": "100"}),
    ("duplicate", {**ALMOND_PASTE, "product_name": "Amandelpasta (oude versie)"}),
    ("impossible_value", {"code": "3000000000022", "product_name": "Magnesium-rijk brood",
                          "magnesium_100g": "270"}),
    ("unreadable_value", {"code": "3000000000039", "product_name": "Tahin",
                          "proteins_100g": "n/a"}),
    ("no_nutrients", {"code": "3000000000046", "product_name": "Theezakjes"}),
    ("bad_code", {"code": "", "product_name": "Zonder code", "energy-kcal_100g": "50"}),
]  # fmt: skip
PRODUCTS = [ALMOND_PASTE, OAT_DRINK, MILK_CHOCOLATE, *(p for _, p in UNUSABLE)]


def _write_text(path: Path, text: str) -> None:
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8", newline="")


def csv_text(products: list[Product], *, malformed_after: int | None = None) -> str:
    """The tab-separated export; ``malformed_after`` adds, after that many products, a row
    whose product_name holds a raw, unquoted tab (the export bug OFF issue 12284 reports)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", quotechar='"', lineterminator="\n")
    writer.writerow(HEADER)
    for index, product in enumerate(products):
        if index == malformed_after:
            broken = {"code": "2000000000018", "product_name": "Muesli\tnoten"}
            buffer.write("\t".join(broken.get(column, "") for column in HEADER) + "\n")
        writer.writerow([product.get(column, "") for column in HEADER])
    return buffer.getvalue()


def write_csv(path: Path, products: list[Product], *, malformed_after: int | None = None) -> Path:
    _write_text(path, csv_text(products, malformed_after=malformed_after))
    return path


def json_product(product: Product) -> dict[str, object]:
    """A product as the JSONL export has it: numbers as numbers, tags as lists, nutrients
    under "nutriments", allergens as allergens_tags."""
    found: dict[str, object] = {}
    nutriments: dict[str, object] = {}
    for field, value in product.items():
        if field.endswith("_100g"):
            if value:
                nutriments[field] = _json_number(value)
        elif field.endswith("_tags") or field == "allergens":
            name = "allergens_tags" if field == "allergens" else field
            found[name] = [tag for tag in value.split(",") if tag]
        elif field == "serving_quantity":
            found[field] = _json_number(value)
        else:
            found[field] = value
    found["nutriments"] = nutriments
    return found


def _json_number(text: str) -> object:
    try:
        return float(text)
    except ValueError:
        return text


def write_jsonl(path: Path, products: list[dict[str, object]]) -> Path:
    _write_text(path, "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in products))
    return path
