"""Cronometer's "Supplements" category holds foods too: only a real magnesium supplement counts
as supplemental magnesium; every other row of it is food with all its nutrients, and a row
without magnesium is kept, never thrown away."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgcoach.journal.importers import ExternalImport, FoodKind, read_export

from . import samples
from .samples import MAR_5, MAR_6

HEMP = samples.Serving(
    MAR_5, 9 * 60, "Breakfast", "Hemp Protein Powder", "30.00 g", "Supplements",
    {"energy_kcal": 120.0, "protein_g": 15.0, "fibre_g": 5.4, "magnesium_mg": 245.0,
     "iron_mg": 5.0, "zinc_mg": 3.0},
)  # fmt: skip
VITAMIN_D = samples.Serving(
    MAR_5, 9 * 60, "Breakfast", "Vitamin D3", "1.00 capsule", "Supplements",
    {"vitamin_d_ug": 25.0},
)  # fmt: skip
FISH_OIL = samples.Serving(
    MAR_5, 9 * 60, "Breakfast", "Fish Oil", "1.00 capsule", "Supplements",
    {"energy_kcal": 10.0, "fat_g": 1.0},
)  # fmt: skip
GLYCINATE = samples.SERVINGS[4]  # "Magnesium Glycinate", 200 mg, no energy
UNNAMED_FORM = samples.Serving(
    MAR_6, 22 * 60, "Uncategorized", "Nature Made Magnesium 250 mg", "1.00 tablet", "Supplements",
    {"magnesium_mg": 250.0, "energy_kcal": 0.0},
)  # fmt: skip
MAGNESIUM_DRINK = samples.Serving(
    MAR_6, 22 * 60, "Uncategorized", "Magnesium drink, lemon", "1.00 sachet", "Supplements",
    {"magnesium_mg": 100.0, "energy_kcal": 35.0, "carbohydrate_g": 8.0},
)  # fmt: skip
ROWS = (*samples.SERVINGS[:2], HEMP, VITAMIN_D, FISH_OIL, GLYCINATE, UNNAMED_FORM, MAGNESIUM_DRINK)


def _import(tmp_path: Path) -> ExternalImport:
    path = tmp_path / "servings.csv"
    path.write_bytes(samples.servings_csv(ROWS))
    return read_export([path])


def test_only_magnesium_supplements_are_supplements(tmp_path: Path) -> None:
    result = _import(tmp_path)
    assert [(s.name, s.magnesium_mg, s.compound) for s in result.supplements] == [
        ("Magnesium Glycinate", 200.0, "magnesium_bisglycinate"),  # a compound we know
        ("Nature Made Magnesium 250 mg", 250.0, None),  # magnesium, no energy
    ]


@pytest.mark.parametrize(
    ("name", "nutrients"),
    [
        pytest.param("Hemp Protein Powder", {"energy_kcal": 120.0, "magnesium_mg": 245.0,
                     "protein_g": 15.0, "fibre_g": 5.4, "iron_mg": 5.0, "zinc_mg": 3.0},
                     id="hemp-protein-is-food"),
        pytest.param("Vitamin D3", {"vitamin_d_ug": 25.0, "magnesium_mg": None},
                     id="no-magnesium-kept"),
        pytest.param("Fish Oil", {"energy_kcal": 10.0, "fat_g": 1.0}, id="energy-kept"),
        pytest.param("Magnesium drink, lemon", {"magnesium_mg": 100.0, "energy_kcal": 35.0,
                     "carbohydrate_g": 8.0}, id="magnesium-with-energy-is-food"),
    ],
)  # fmt: skip
def test_other_supplement_rows_are_food_with_every_nutrient(
    tmp_path: Path, name: str, nutrients: dict[str, float | None]
) -> None:
    result = _import(tmp_path)
    (food,) = [f for f in result.foods if f.name == name]
    assert (food.kind, food.counted, food.category) == (FoodKind.FOOD, True, "Supplements")
    assert {key: food.nutrients[key] for key in nutrients} == pytest.approx(nutrients)


def test_every_row_is_used_and_the_report_says_which_are_food(tmp_path: Path) -> None:
    result = _import(tmp_path)
    report = result.report.files[0]
    assert (report.read, report.used, report.skipped_total, report.ignored) == (8, 8, 0, 0)
    assert len(result.foods) + len(result.supplements) == 8
    (note,) = [n for n in result.report.notes if n.code == "cronometer_supplement_foods"]
    assert note.params == {"rows": 4, "example": "Hemp Protein Powder"}


def test_a_day_total_still_stands_for_supplement_rows(tmp_path: Path) -> None:
    # servings without a magnesium column, with a daily total: every row is listed only
    servings = tmp_path / "servings.csv"
    servings.write_bytes(samples.servings_csv(ROWS, drop=["Magnesium (mg)"]))
    daily = tmp_path / "dailysummary.csv"
    daily.write_bytes(samples.daily_csv(samples.day_totals(ROWS)))
    result = read_export([servings, daily])
    assert result.supplements == []
    listed = [f for f in result.foods if f.kind is FoodKind.FOOD]
    assert len(listed) == 8 and not any(f.counted for f in listed)
