"""MyFitnessPal's Nutrition Summary: meal totals without magnesium, calcium and iron as % Daily
Value kept as such, US or ISO dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgcoach.journal.importers import (
    DateOrder,
    ExportKind,
    ExternalImport,
    FoodKind,
    Origin,
    SkipReason,
    read_export,
)

from . import samples
from .samples import MAR_5, MAR_6, MAR_13

NAME = "File-Export-2024-03-01-to-2024-03-31.csv"


def _import(tmp_path: Path, data: bytes) -> ExternalImport:
    path = tmp_path / NAME
    path.write_bytes(data)
    return read_export([path])


def test_meal_totals(tmp_path: Path) -> None:
    result = _import(tmp_path, samples.mfp_csv())
    assert [(f.day, f.name, f.meal) for f in result.foods] == [
        (MAR_5, "Breakfast (MyFitnessPal)", "Breakfast"),
        (MAR_5, "Lunch (MyFitnessPal)", "Lunch"),
        (MAR_6, "Dinner (MyFitnessPal)", "Dinner"),
        (MAR_6, "Snacks (MyFitnessPal)", "Snacks"),
    ]
    breakfast = result.foods[0]
    assert breakfast.kind is FoodKind.MEAL_TOTAL and breakfast.counted
    assert breakfast.origin is Origin.MYFITNESSPAL
    assert (breakfast.time, breakfast.amount_text, breakfast.grams) == (None, "", None)
    assert (breakfast.line, breakfast.file) == (2, NAME)
    assert {k: v for k, v in breakfast.nutrients.items() if v is not None} == {
        "energy_kcal": 412.0,
        "fat_g": 9.1,
        "sodium_mg": 120.0,
        "potassium_mg": 530.0,
        "carbohydrate_g": 68.2,
        "fibre_g": 9.5,
        "protein_g": 17.4,
    }
    assert result.supplements == []


def test_no_magnesium_and_percent_dv_are_unknown_in_mg(tmp_path: Path) -> None:
    result = _import(tmp_path, samples.mfp_csv())
    breakfast = result.foods[0]
    # 25 % DV calcium is not 25 mg, nor converted with a guessed DV: calcium in mg is unknown.
    assert breakfast.nutrients["magnesium_mg"] is None
    assert breakfast.nutrients["calcium_mg"] is None
    assert breakfast.nutrients["iron_mg"] is None
    assert breakfast.extra == {"calcium_pct_dv": 25.0, "iron_pct_dv": 10.0}
    notes = {note.code: note for note in result.report.notes}
    assert notes["mfp_no_magnesium"].params == {"days": 2}
    assert notes["mfp_no_magnesium"].text == (
        "MyFitnessPal exports no magnesium: magnesium from these 2 days is unknown, not zero."
    )
    assert "mfp_percent_dv" in notes


def test_percent_sign_in_cells(tmp_path: Path) -> None:
    result = _import(tmp_path, samples.mfp_csv(percent_sign=True))
    assert result.foods[1].extra == {"calcium_pct_dv": 18.0, "iron_pct_dv": 22.0}


def test_export_without_calcium_and_iron(tmp_path: Path) -> None:
    result = _import(tmp_path, samples.mfp_csv(drop=["Calcium", "Iron", "Potassium"]))
    assert result.foods[0].extra == {}
    assert result.foods[0].nutrients["potassium_mg"] is None
    assert "mfp_percent_dv" not in result.report.codes()


@pytest.mark.parametrize(
    ("style", "order"),
    [
        pytest.param("iso", DateOrder.ISO, id="iso"),
        pytest.param("us", DateOrder.MONTH_FIRST, id="us"),
        pytest.param("us_short", DateOrder.MONTH_FIRST, id="us-short"),
    ],
)
def test_dates(tmp_path: Path, style: str, order: DateOrder) -> None:
    # 13 March decides the order; 5 and 6 March alone could not
    meals = [*samples.MFP_MEALS, samples.MealRow(MAR_13, "Dinner", {"Calories": 500})]
    result = _import(tmp_path, samples.mfp_csv(meals, dates=style, bom=True, crlf=True))
    report = result.report.files[0]
    assert (report.kind, report.date_order) == (ExportKind.MYFITNESSPAL, order)
    assert [f.day for f in result.foods] == [MAR_5, MAR_5, MAR_6, MAR_6, MAR_13]


def test_bad_rows(tmp_path: Path) -> None:
    inserts = {
        2: "2024-03-04,Breakfast,abc,1,0,0,0,0,0,1,1,1,1,0,1,0,0,0,0,",
        3: "2024-03-04,Lunch,-200,1,0,0,0,0,0,1,1,1,1,0,1,0,0,0,0,",
        4: "2024-03-04,,200,1,0,0,0,0,0,1,1,1,1,0,1,0,0,0,0,",
        5: "Totals,,1961,76.6,0,0,0,0,0,2420,2640,209.7,27.3,0,112.8,0,0,55,62,",
        6: "2024-03-04,Dinner,200,1,0,0,0,0,0,1,1,1,1,0,1,0,0,0,0",
    }
    result = _import(tmp_path, samples.mfp_csv(inserts=inserts))
    report = result.report.files[0]
    assert [(e.line, e.reason) for e in report.examples] == [
        (2, SkipReason.UNREADABLE_VALUE),
        (3, SkipReason.IMPOSSIBLE_VALUE),
        (4, SkipReason.NO_NAME),
        (5, SkipReason.UNREADABLE_DATE),
        (6, SkipReason.MALFORMED_ROW),
    ]
    assert report.examples[0].detail == "Calories: 'abc'"
    assert (report.read, report.used) == (9, 4)
    assert [f.line for f in result.foods] == [7, 8, 9, 10]


def test_a_note_may_span_lines(tmp_path: Path) -> None:
    meals = [replace_note(samples.MFP_MEALS[0], "late\nand quick"), samples.MFP_MEALS[1]]
    result = _import(tmp_path, samples.mfp_csv(meals))
    assert [f.line for f in result.foods] == [2, 4]


def replace_note(meal: samples.MealRow, note: str) -> samples.MealRow:
    return samples.MealRow(meal.day, meal.meal, meal.values, note)
