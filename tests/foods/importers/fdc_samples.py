"""Small FoodData Central releases written into a test's tmp_path.

Headers are the real ones; values are quoted as FDC quotes them ("..." everywhere, a quote
doubled). The SR Legacy foods are four real SR28 foods with their real per-100 g values and
WEIGHT rows (almonds 12061, spinach 11457, oat bran 20033, taco seasoning 02075, which has no
magnesium row), written the way SR Legacy writes them: NDB_number without leading zeros,
measure words in ``modifier`` with measure unit 9999. The other data types carry sample values.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from pathlib import Path

Rows = list[list[str]]

FOOD = ["fdc_id", "data_type", "description", "food_category_id", "publication_date"]
FOOD_NUTRIENT = [
    "id",
    "fdc_id",
    "nutrient_id",
    "amount",
    "data_points",
    "derivation_id",
    "min",
    "max",
    "median",
    "footnote",
    "min_year_acquired",
]
NUTRIENT = ["id", "name", "unit_name", "nutrient_nbr", "rank"]
FOOD_PORTION = [
    "id",
    "fdc_id",
    "seq_num",
    "amount",
    "measure_unit_id",
    "portion_description",
    "modifier",
    "gram_weight",
    "data_points",
    "footnote",
    "min_year_acquired",
]
MEASURE_UNIT = ["id", "name"]
FOOD_CATEGORY = ["id", "code", "description"]
SR_LEGACY_FOOD = ["fdc_id", "NDB_number"]
FOUNDATION_FOOD = ["fdc_id", "NDB_number", "footnote"]
SURVEY_FNDDS_FOOD = ["fdc_id", "food_code", "wweia_category_code", "start_date", "end_date"]
BRANDED_FOOD = [
    "fdc_id",
    "brand_owner",
    "brand_name",
    "subbrand_name",
    "gtin_upc",
    "ingredients",
    "not_a_significant_source_of",
    "serving_size",
    "serving_size_unit",
    "household_serving_fulltext",
    "branded_food_category",
    "data_source",
    "package_weight",
    "modified_date",
    "available_date",
    "market_country",
    "discontinued_date",
    "preparation_state_code",
    "trade_channel",
    "short_description",
]
HEADERS = {
    "food.csv": FOOD,
    "food_nutrient.csv": FOOD_NUTRIENT,
    "nutrient.csv": NUTRIENT,
    "food_portion.csv": FOOD_PORTION,
    "measure_unit.csv": MEASURE_UNIT,
    "food_category.csv": FOOD_CATEGORY,
    "sr_legacy_food.csv": SR_LEGACY_FOOD,
    "foundation_food.csv": FOUNDATION_FOOD,
    "survey_fndds_food.csv": SURVEY_FNDDS_FOOD,
    "branded_food.csv": BRANDED_FOOD,
}

NUTRIENTS: Rows = [
    ["1003", "Protein", "G", "203", "600.0"],
    ["1004", "Total lipid (fat)", "G", "204", "800.0"],
    ["1005", "Carbohydrate, by difference", "G", "205", "1110.0"],
    ["1008", "Energy", "KCAL", "208", "300.0"],
    ["1018", "Alcohol, ethyl", "G", "221", "18200.0"],
    ["1051", "Water", "G", "255", "100.0"],
    ["1062", "Energy", "kJ", "268", "400.0"],
    ["1079", "Fiber, total dietary", "G", "291", "1200.0"],
    ["1087", "Calcium, Ca", "MG", "301", "5300.0"],
    ["1089", "Iron, Fe", "MG", "303", "5400.0"],
    ["1090", "Magnesium, Mg", "MG", "304", "5500.0"],
    ["1091", "Phosphorus, P", "MG", "305", "5600.0"],
    ["1092", "Potassium, K", "MG", "306", "5700.0"],
    ["1093", "Sodium, Na", "MG", "307", "5800.0"],
    ["1095", "Zinc, Zn", "MG", "309", "5900.0"],
    ["1114", "Vitamin D (D2 + D3)", "UG", "328", "8700.0"],
    ["2047", "Energy (Atwater General Factors)", "KCAL", "957", "280.0"],
    ["2048", "Energy (Atwater Specific Factors)", "KCAL", "958", "290.0"],
]
CATEGORIES: Rows = [
    ["1", "0100", "Dairy and Egg Products"],
    ["2", "0200", "Spices and Herbs"],
    ["11", "1100", "Vegetables and Vegetable Products"],
    ["12", "1200", "Nut and Seed Products"],
    ["16", "1600", "Legumes and Legume Products"],
    ["20", "2000", "Cereal Grains and Pasta"],
]
MEASURE_UNITS: Rows = [
    ["1000", "cup"],
    ["1001", "tablespoon"],
    ["1009", "fl oz"],
    ["1071", "each"],
    ["9999", "undetermined"],
]

# FDC nutrient id -> SR28 Nutr_No, for writing real SR28 values as food_nutrient rows.
SR_NUMBERS = {row[3]: row[0] for row in NUTRIENTS if row[0] not in ("2047", "2048")}

# Real SR28 values (NUT_DATA, per 100 g), keyed by Nutr_No, written as FDC writes numbers.
SR_FOODS: dict[str, tuple[str, str, str, str, dict[str, str]]] = {
    # NDB: (fdc_id, NDB_number as SR Legacy writes it, description, food_category_id, values)
    "12061": (
        "170567",
        "12061",
        "Nuts, almonds",
        "12",
        {
            "203": "21.15", "204": "49.93", "205": "21.55", "208": "579", "255": "4.41",
            "291": "12.5", "301": "269", "303": "3.71", "304": "270", "305": "481",
            "306": "733", "307": "1", "309": "3.12", "328": "0",
        },
    ),
    "11457": (
        "168462",
        "11457",
        "Spinach, raw",
        "11",
        {
            "203": "2.86", "204": "0.39", "205": "3.63", "208": "23", "255": "91.4",
            "291": "2.2", "301": "99", "303": "2.71", "304": "79", "305": "49",
            "306": "558", "307": "79", "309": "0.53", "328": "0",
        },
    ),
    "20033": (
        "168872",
        "20033",
        "Oat bran, raw",
        "20",
        {
            "203": "17.3", "204": "7.03", "205": "66.22", "208": "246", "255": "6.55",
            "291": "15.4", "301": "58", "303": "5.41", "304": "235", "305": "734",
            "306": "566", "307": "4", "309": "3.11", "328": "0",
        },
    ),
    "02075": (
        "171321",
        "2075",
        "Seasoning mix, dry, taco, original",
        "2",
        {
            "203": "4.5", "204": "0", "205": "58", "208": "322", "255": "5.7",
            "291": "13.3", "301": "0", "303": "7.2", "306": "1000", "307": "7203",
        },
    ),
}  # fmt: skip
# Real SR28 WEIGHT rows: NDB -> (Seq, Amount, Msre_Desc, Gm_Wgt).
SR_WEIGHTS: dict[str, list[tuple[str, str, str, str]]] = {
    "12061": [
        ("1", "1", "cup, whole", "143"),
        ("2", "1", "cup, sliced", "92"),
        ("3", "1", "cup, slivered", "108"),
        ("4", "1", "cup, ground", "95"),
        ("5", "1", "oz (23 whole kernels)", "28.35"),
        ("6", "1", "almond", "1.2"),
    ],
    "11457": [
        ("1", "1", "cup", "30"),
        ("2", "1", "bunch", "340"),
        ("3", "1", "leaf", "10"),
        ("4", "1", "package (10 oz)", "284"),
    ],
    "20033": [("1", "1", "cup", "94")],
    "02075": [("1", "2", "tsp", "5.7")],
}


def write_csv(path: Path, header: list[str], rows: Rows, *, newline: str = "\n") -> None:
    """A CSV member as FoodData Central writes it: every value quoted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8")))
    else:
        path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def write_release(
    root: Path, top: str, files: dict[str, Rows], *, as_zip: bool = False, gz: tuple[str, ...] = ()
) -> Path:
    """Write ``files`` (member name -> rows, headers added) under ``root/top``.

    Members named in ``gz`` are written gzipped (``food_nutrient.csv.gz``); ``as_zip`` packs
    the folder, top folder included, into ``root/<top>.zip`` as USDA ships it.
    """
    folder = root / top
    for name, rows in files.items():
        write_csv(folder / (name + ".gz" if name in gz else name), HEADERS[name], rows)
    if not as_zip:
        return folder
    archive = root / f"{top}.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as packed:
        for path in sorted(folder.rglob("*")):
            packed.write(path, path.relative_to(root).as_posix())
    return archive


def sr_legacy_files() -> dict[str, Rows]:
    """SR Legacy: the four real foods plus three unusable rows (no name, no values, twice)."""
    foods: Rows = []
    nutrients: Rows = []
    portions: Rows = []
    legacy: Rows = []
    row_id = 1_600_000
    for ndb, (fdc_id, ndb_number, description, category, values) in SR_FOODS.items():
        foods.append([fdc_id, "sr_legacy_food", description, category, "2019-04-01"])
        legacy.append([fdc_id, ndb_number])
        for number, amount in values.items():
            row_id += 1
            nutrient_id = SR_NUMBERS[number]
            nutrients.append([str(row_id), fdc_id, nutrient_id, amount, "0", "1", *[""] * 5])
        # Nutrients Mg Coach does not keep: skipped while streaming.
        nutrients.append([str(row_id + 500), fdc_id, "1018", "0", "0", "", *[""] * 5])
        nutrients.append([str(row_id + 501), fdc_id, "1062", "999", "0", "", *[""] * 5])
        # Written last seq first: the reader must restore USDA's order.
        for seq, amount, words, grams in reversed(SR_WEIGHTS[ndb]):
            portion_id = str(80_000 + len(portions))
            portions.append([portion_id, fdc_id, seq, amount, "9999", "", words, grams, *[""] * 3])
    foods += [
        ["174000", "sr_legacy_food", "  ", "12", "2019-04-01"],  # no name
        ["174001", "sr_legacy_food", 'Beef, steak, trimmed to 1/8" fat', "13", "2019-04-01"],
        ["170567", "sr_legacy_food", "Nuts, almonds", "12", "2019-04-01"],  # listed twice
    ]
    legacy += [["174000", "13000"], ["174001", "13001"]]
    nutrients.append(["1700000", "174000", "1090", "20", "0", "", *[""] * 5])
    return {
        "food.csv": foods,
        "food_nutrient.csv": nutrients,
        "nutrient.csv": NUTRIENTS,
        "food_portion.csv": portions,
        "measure_unit.csv": MEASURE_UNITS,
        "food_category.csv": CATEGORIES,
        "sr_legacy_food.csv": legacy,
    }


def foundation_files() -> dict[str, Rows]:
    """Foundation: energy only as Atwater 2048/2047; samples in food.csv that are no foods."""
    food = "321358"
    return {
        "food.csv": [
            [food, "foundation_food", "Hummus, commercial", "16", "2019-04-01"],
            ["321359", "sub_sample_food", "Hummus, commercial, sample 1", "16", "2019-04-01"],
            ["322892", "foundation_food", "Milk, whole, 3.25% milkfat, with added vitamin D",
             "1", "2019-12-16"],
        ],
        "foundation_food.csv": [[food, "16158", ""], ["322892", "", ""]],
        "food_nutrient.csv": [
            ["13338412", food, "2048", "229", "", "", *[""] * 5],
            ["13338510", food, "2047", "243", "", "", *[""] * 5],
            ["13338511", food, "1090", "71.7", "2", "1", "69.1", "74.3", "71.7", "", "2017"],
            ["13338512", food, "1003", "7.35", "", "", *[""] * 5],
            ["13338600", "321359", "1090", "69.1", "", "", *[""] * 5],
            ["13400000", "322892", "1008", "60", "", "", *[""] * 5],
            ["13400001", "322892", "1087", "123", "", "", *[""] * 5],
        ],
        "nutrient.csv": NUTRIENTS,
        "food_portion.csv": [
            ["118951", "322892", "1", "1.0", "1000", "", "", "229.0", "25", "", "2018"],
            ["118952", "322892", "2", "1.0", "1009", "", "", "30.5", "1", "", "2018"],
            ["118953", "322892", "3", "2.0", "1001", "", "", "32.0", "1", "", "2018"],
            ["119057", food, "1", "1.0", "1071", "", "large", "230.0", "1", "", "2015"],
        ],
        "measure_unit.csv": MEASURE_UNITS,
        "food_category.csv": CATEGORIES,
    }  # fmt: skip


def fndds_files() -> dict[str, Rows]:
    """FNDDS: nutrient_id holds SR numbers (208, 304); portions in portion_description."""
    return {
        "food.csv": [
            ["2705383", "survey_fndds_food", "Milk, human", "9602", "2022-10-28"],
            ["2706093", "survey_fndds_food", "Chicken nuggets, from fast food", "2204",
             "2022-10-28"],
            ["2708432", "survey_fndds_food",
             "Rice, white, cooked with fat, Puerto Rican style", "4002", "2022-10-28"],
        ],
        "survey_fndds_food.csv": [
            ["2705383", "11000000", "9602", "2021-01-01", "2023-12-31"],
            ["2706093", "24198739", "2204", "2021-01-01", "2023-12-31"],
            ["2708432", "58162110", "4002", "2021-01-01", "2023-12-31"],
        ],
        "food_nutrient.csv": [
            ["34100001", "2705383", "208", "70", *[""] * 7],
            ["34100002", "2705383", "304", "3", *[""] * 7],
            ["34182246", "2706093", "205", "14.93", *[""] * 7],
            ["34182253", "2706093", "291", "0.9", *[""] * 7],
            ["34182254", "2706093", "304", "23", *[""] * 7],
            ["34334288", "2708432", "291", "0.5", *[""] * 7],
            ["34334281", "2708432", "205", "31.9", *[""] * 7],
            ["34334282", "2708432", "301", "3", *[""] * 7],
        ],
        "nutrient.csv": NUTRIENTS,
        "food_portion.csv": [
            ["290506", "2705383", "1", "", "9999", "1 cup", "10205", "246.0", "", "", ""],
            ["290507", "2705383", "2", "", "9999", "Quantity not specified", "90000", "0.0",
             "", "", ""],
            ["290508", "2705383", "3", "", "9999", "1 fl oz", "30000", "30.8", "", "", ""],
            ["293579", "2706093", "1", "", "9999", "1 nugget", "61508", "16.0", "", "", ""],
            ["293581", "2706093", "2", "", "9999", "1/2 cup", "10205", "70.0", "", "", ""],
            ["293582", "2706093", "3", "", "9999", "Quantity not specified", "90000", "80.0",
             "", "", ""],
            ["302942", "2708432", "1", "", "9999", "1 cup, cooked", "10043", "155.0", "", "",
             ""],
        ],
        "measure_unit.csv": [["9999", "undetermined"]],
    }  # fmt: skip


def branded_files() -> dict[str, Rows]:
    """Branded: serving in g, in GRM (GS1) and in ml; brand_name or else brand_owner."""
    blank = [""] * 3
    return {
        "food.csv": [
            ["1899458", "branded_food", "ALMONDS, WHOLE NATURAL", "", "2021-10-28"],
            ["2012128", "branded_food", "OAT DRINK, BARISTA", "", "2021-10-28"],
            ["2345678", "branded_food", "PUMPKIN SEEDS, ROASTED & SALTED", "", "2022-04-28"],
        ],
        "branded_food.csv": [
            ["1899458", "Example Nut Growers", "", "", "041570054161",
             "ALMONDS.", "", "28.0", "g", "1 ONZ", "Nuts & Seeds - Prepackaged Bulk", "LI", "",
             "2021-07-21", "2021-10-28", "United States", "", "", "", ""],
            ["2012128", "Example Dairy Free Inc.", "OAT CO", "", "00012345678905",
             "OAT BASE (WATER, OATS), RAPESEED OIL, DIPOTASSIUM PHOSPHATE", "", "240.0", "ml",
             "1 cup", "Plant Based Milk", "GDSN", "", "2021-06-01", "2021-10-28",
             "United States", "", "", "", ""],
            ["2345678", "Example Snacks LLC", "HARVEST", "", "not available",
             "PUMPKIN SEEDS, SEA SALT", "", "30.0", "GRM", "1/4 cup", "Snacks", "GDSN", "",
             "2022-03-01", "2022-04-28", "United States", "", "", "", ""],
        ],
        "food_nutrient.csv": [
            ["27020001", "1899458", "1008", "607", *blank, *[""] * 4],
            ["27020002", "1899458", "1090", "268", *blank, *[""] * 4],
            ["27020003", "1899458", "1003", "21.43", *blank, *[""] * 4],
            ["27020004", "2012128", "1008", "58", *blank, *[""] * 4],
            ["27020005", "2012128", "1087", "50", *blank, *[""] * 4],
            ["27020006", "2345678", "1008", "567", *blank, *[""] * 4],
            ["27020007", "2345678", "1090", "550", *blank, *[""] * 4],
        ],
        "nutrient.csv": NUTRIENTS,
    }  # fmt: skip
