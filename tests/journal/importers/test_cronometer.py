"""Cronometer's servings.csv on its own: foods, supplements, units, times, dates and the rows
that are skipped (with their line numbers)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from mgcoach.errors import InputError
from mgcoach.foods.nutrients import nutrient_keys
from mgcoach.journal.importers import (
    DateOrder,
    DateOrderOption,
    ExportKind,
    ExternalImport,
    FoodKind,
    Origin,
    SkipReason,
    read_export,
)
from mgcoach.journal.importers.cronometer import NUTRIENT_COLUMNS, stated_grams

from . import samples
from .samples import MAR_5, MAR_6, MAR_13


def _import(tmp_path: Path, data: bytes, name: str = "servings.csv") -> ExternalImport:
    path = tmp_path / name
    path.write_bytes(data)
    return read_export([path])


def counted_magnesium(result: ExternalImport) -> dict[date, float]:
    """What an import contributes per day: counted foods plus supplements with magnesium."""
    days: dict[date, float] = defaultdict(float)
    for food in result.foods:
        if food.counted and food.nutrients.get("magnesium_mg") is not None:
            days[food.day] += food.nutrients["magnesium_mg"] or 0.0
    for supplement in result.supplements:
        if supplement.magnesium_mg is not None:
            days[supplement.day] += supplement.magnesium_mg
    return {day: round(total, 2) for day, total in days.items()}


def test_column_map_uses_the_nutrient_keys() -> None:
    assert {key for key, _ in NUTRIENT_COLUMNS.values()} == set(nutrient_keys())


def test_a_day_of_oats_and_almonds_holds_193_mg(tmp_path: Path) -> None:
    result = _import(tmp_path, samples.servings_csv())
    oats, almonds = (food for food in result.foods if food.day == MAR_5)
    assert (oats.name, oats.amount_text, oats.grams) == ("Oats, rolled", "1.00 cup - 81g", 81.0)
    assert (oats.time, oats.meal, oats.line, oats.file) == (485, "Breakfast", 2, "servings.csv")
    assert oats.nutrients["magnesium_mg"] == 112.6
    assert oats.nutrients["calcium_mg"] == 42.1
    assert oats.nutrients["carbohydrate_g"] == 54.8
    assert oats.nutrients["fibre_g"] == 8.2
    assert set(oats.nutrients) == set(nutrient_keys())
    assert (almonds.grams, almonds.time, almonds.nutrients["magnesium_mg"]) == (30.0, 930, 80.4)
    assert all(f.kind is FoodKind.FOOD and f.counted for f in result.foods)
    assert all(f.origin is Origin.CRONOMETER and f.extra == {} for f in result.foods)
    assert counted_magnesium(result) == samples.DAY_MAGNESIUM
    assert counted_magnesium(result)[MAR_5] == pytest.approx(193.0)


def test_supplements_are_no_foods(tmp_path: Path) -> None:
    result = _import(tmp_path, samples.servings_csv())
    (supplement,) = result.supplements
    assert (supplement.name, supplement.amount_text) == ("Magnesium Glycinate", "2.00 tablet")
    assert (supplement.day, supplement.time, supplement.line) == (MAR_6, 21 * 60, 6)
    assert supplement.magnesium_mg == 200.0
    assert supplement.nutrients["calcium_mg"] is None  # blank cell: unknown
    assert "Magnesium Glycinate" not in {food.name for food in result.foods}
    assert len(result.foods) == 7


def test_identical_rows_are_both_kept(tmp_path: Path) -> None:
    result = _import(tmp_path, samples.servings_csv())
    almonds = [f for f in result.foods if f.day == MAR_13 and f.name == "Almonds"]
    assert [(f.line, f.time) for f in almonds] == [(8, 10), (9, 10)]  # 12:10 AM, twice
    assert counted_magnesium(result)[MAR_13] == pytest.approx(317.4)


def test_an_empty_time_is_none(tmp_path: Path) -> None:
    result = _import(tmp_path, samples.servings_csv())
    spinach = next(f for f in result.foods if f.name == "Spinach, cooked")
    assert spinach.time is None
    assert spinach.grams == 180.0


@pytest.mark.parametrize(
    "twelve_hour", [pytest.param(True, id="12-hour"), pytest.param(False, id="24-hour")]
)
def test_times_in_either_clock(tmp_path: Path, twelve_hour: bool) -> None:
    result = _import(tmp_path, samples.servings_csv(twelve_hour=twelve_hour))
    assert [f.time for f in result.foods] == [485, 930, 465, 750, None, 10, 10]


@pytest.mark.parametrize(
    ("vitamin_d", "micro"),
    [
        pytest.param("IU", "µ", id="iu"),
        pytest.param("ug", "µ", id="micro-sign"),
        pytest.param("ug", "μ", id="greek-mu"),
        pytest.param("ug", "mcg", id="mcg"),
    ],
)
def test_vitamin_d_in_iu_or_micrograms(tmp_path: Path, vitamin_d: str, micro: str) -> None:
    data = samples.servings_csv(vitamin_d=vitamin_d, micro=micro)
    milk = next(f for f in _import(tmp_path, data).foods if f.name == "Milk, 2% fat")
    assert milk.nutrients["vitamin_d_ug"] == pytest.approx(3.0)  # 120 IU or 3 µg


@pytest.mark.parametrize(
    ("bom", "crlf"),
    [
        pytest.param(True, False, id="bom"),
        pytest.param(False, True, id="crlf"),
        pytest.param(True, True, id="bom-crlf"),
    ],
)
def test_bom_and_line_ends_change_nothing(tmp_path: Path, bom: bool, crlf: bool) -> None:
    plain = _import(tmp_path, samples.servings_csv(), "plain.csv")
    other = _import(tmp_path, samples.servings_csv(bom=bom, crlf=crlf), "other.csv")
    assert [f.nutrients for f in other.foods] == [f.nutrients for f in plain.foods]
    assert [(f.line, f.time) for f in other.foods] == [(f.line, f.time) for f in plain.foods]
    assert other.report.files[0].encoding == ("utf-8-sig" if bom else "utf-8")


def test_cp1252_file(tmp_path: Path) -> None:
    servings = [samples.Serving(MAR_5, 480, "Breakfast", "Café au lait", "1.00 cup - 240g",
                                "Beverages", {"magnesium_mg": 24.0})]  # fmt: skip
    result = _import(tmp_path, samples.servings_csv(servings, encoding="cp1252"))
    assert result.foods[0].name == "Café au lait"
    assert result.report.files[0].encoding == "cp1252"


@pytest.mark.parametrize(
    ("style", "order"),
    [
        pytest.param("iso", DateOrder.ISO, id="iso"),
        pytest.param("us", DateOrder.MONTH_FIRST, id="us"),
        pytest.param("us_short", DateOrder.MONTH_FIRST, id="us-short"),
        pytest.param("day_first", DateOrder.DAY_FIRST, id="day-first"),  # 13/03/2024 decides
    ],
)
def test_date_styles(tmp_path: Path, style: str, order: DateOrder) -> None:
    result = _import(tmp_path, samples.servings_csv(dates=style))
    assert result.report.files[0].date_order is order
    assert sorted({f.day for f in result.foods}) == [MAR_5, MAR_6, MAR_13]


def test_day_first_without_a_day_above_12_is_refused_not_guessed(tmp_path: Path) -> None:
    # 05/03/2024 alone cannot be told from 3 May: the file says nothing, so nothing is guessed.
    early = [s for s in samples.SERVINGS if s.day != MAR_13]
    path = tmp_path / "servings.csv"
    path.write_bytes(samples.servings_csv(early, dates="day_first"))
    with pytest.raises(InputError, match="say the date order") as raised:
        read_export([path])
    assert raised.value.params == {"file": "servings.csv", "example": "05/03/2024"}
    result = read_export([path], date_order=DateOrderOption("dmy").order)
    assert result.report.files[0].date_order is DateOrder.DAY_FIRST
    days = {f.day for f in result.foods} | {s.day for s in result.supplements}
    assert days == {MAR_5, MAR_6}


def test_missing_magnesium_column_is_unknown_not_zero(tmp_path: Path) -> None:
    result = _import(tmp_path, samples.servings_csv(drop=["Magnesium (mg)", "Water (g)"]))
    oats = result.foods[0]
    assert oats.nutrients["magnesium_mg"] is None
    assert oats.nutrients["water_g"] is None
    assert oats.nutrients["calcium_mg"] == 42.1
    # a supplement whose magnesium the file cannot give is kept as food, not thrown away
    assert result.supplements == []
    (glycinate,) = [f for f in result.foods if f.category == "Supplements"]
    assert glycinate.counted and glycinate.nutrients["magnesium_mg"] is None
    assert counted_magnesium(result) == {}
    note = next(n for n in result.report.notes if n.code == "cronometer_no_magnesium")
    assert note.params == {"file": "servings.csv", "days": 3}


def test_export_without_nutrient_columns_lists_foods_with_unknown_values(tmp_path: Path) -> None:
    result = _import(tmp_path, samples.servings_csv(nutrients=False))
    assert len(result.foods) == 8 and result.supplements == []
    assert all(f.counted for f in result.foods)  # no daily total stands for them
    assert all(v is None for f in result.foods for v in f.nutrients.values())
    assert result.foods[0].grams == 81.0
    assert "cronometer_no_magnesium" in result.report.codes()


def test_bad_rows_are_skipped_with_their_line(tmp_path: Path) -> None:
    good = samples.servings_csv(samples.SERVINGS[:1]).decode().splitlines()[1]
    cells = good.split(",")
    magnesium_at = 1 + samples.servings_csv().decode().splitlines()[0].split(",").index(
        "Magnesium (mg)"
    )  # +1: "Oats, rolled" is one quoted cell written with a comma

    def with_cell(index: int, value: str) -> str:
        return ",".join([*cells[:index], value, *cells[index + 1 :]])

    inserts = {
        3: "2024-03-05,8:00 AM,Breakfast",  # too few fields
        4: with_cell(0, "2024-13-05"),  # no month 13
        5: with_cell(magnesium_at, "lots"),
        6: with_cell(magnesium_at, "25000.00"),  # 25 g of magnesium in one serving
        7: with_cell(magnesium_at, "-5.00"),
        8: ",".join([*cells[:3], '""', *cells[5:]]),  # no food name
    }
    result = _import(tmp_path, samples.servings_csv(inserts=inserts))
    report = result.report.files[0]
    assert [(e.line, e.reason) for e in report.examples] == [
        (3, SkipReason.MALFORMED_ROW),
        (4, SkipReason.UNREADABLE_DATE),
        (5, SkipReason.UNREADABLE_VALUE),
        (6, SkipReason.IMPOSSIBLE_VALUE),
        (7, SkipReason.IMPOSSIBLE_VALUE),
        (8, SkipReason.NO_NAME),
    ]
    assert report.examples[0].detail == "3 fields, expected 46"
    assert report.examples[2].detail == "Magnesium (mg): 'lots'"
    assert report.examples[3].detail == "Magnesium (mg): 25000.00"
    assert (report.read, report.used, report.skipped_total) == (14, 8, 6)
    # The good rows keep their own line numbers and totals.
    assert [f.line for f in result.foods if f.day == MAR_5] == [2, 9]
    assert counted_magnesium(result) == samples.DAY_MAGNESIUM


def test_at_most_ten_examples_but_every_skip_counted(tmp_path: Path) -> None:
    inserts = {line: "2024-03-05,broken" for line in range(2, 16)}
    result = _import(tmp_path, samples.servings_csv(inserts=inserts))
    report = result.report.files[0]
    assert report.skipped == {SkipReason.MALFORMED_ROW: 14}
    assert [e.line for e in report.examples] == list(range(2, 12))


def test_an_unreadable_time_keeps_the_food(tmp_path: Path) -> None:
    data = samples.servings_csv().replace(b"8:05 AM", b"8.05")
    result = _import(tmp_path, data)
    assert result.foods[0].time is None
    assert result.foods[0].nutrients["magnesium_mg"] == 112.6
    (note,) = [n for n in result.report.notes if n.code == "unreadable_time"]
    assert note.params == {"file": "servings.csv", "rows": 1, "line": 2}


def test_future_days_are_skipped_when_today_is_given(tmp_path: Path) -> None:
    path = tmp_path / "servings.csv"
    path.write_bytes(samples.servings_csv())
    result = read_export([path], today=MAR_6)
    assert {f.day for f in result.foods} == {MAR_5, MAR_6}
    assert result.report.files[0].skipped == {SkipReason.FUTURE_DAY: 3}


def test_report_of_a_servings_file(tmp_path: Path) -> None:
    report = _import(tmp_path, samples.servings_csv()).report.files[0]
    assert report.kind is ExportKind.CRONOMETER_SERVINGS
    assert (report.read, report.used, report.ignored, report.skipped_total) == (8, 8, 0, 0)


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        pytest.param("1.00 cup - 81g", 81.0, id="cup"),
        pytest.param("30.00 g", 30.0, id="grams"),
        pytest.param("1 medium - 118g", 118.0, id="medium"),
        pytest.param("30 g", 30.0, id="plain"),
        pytest.param("1.00 oz - 28.35 grams", 28.35, id="grams-word"),
        pytest.param("0.50 kg", 500.0, id="kilograms"),
        pytest.param("1,250.00 g", 1250.0, id="thousands"),
        pytest.param("8.00 fl oz", None, id="volume"),
        pytest.param("2.00 tablet", None, id="tablet"),
        pytest.param("1.00 full recipe", None, id="recipe"),
        pytest.param("", None, id="empty"),
    ],
)
def test_stated_grams(text: str, grams: float | None) -> None:
    assert stated_grams(text) == grams
