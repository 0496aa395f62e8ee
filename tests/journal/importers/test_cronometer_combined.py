"""Cronometer's servings.csv and dailysummary.csv read together: each day's nutrients come from
one of them, never both, and the supplements inside a daily total are not added again."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcoach.journal.importers import ExternalImport, FoodKind, SkipReason, read_export

from . import samples
from .samples import MAR_5, MAR_6, MAR_13, MAR_14
from .test_cronometer import counted_magnesium

ALL_DAYS = {**samples.DAY_MAGNESIUM, MAR_14: 250.0}


def _import(tmp_path: Path, servings: bytes | None, daily: bytes | None) -> ExternalImport:
    paths = []
    for name, data in (("servings.csv", servings), ("dailysummary.csv", daily)):
        if data is not None:
            (tmp_path / name).write_bytes(data)
            paths.append(tmp_path / name)
    return read_export(paths)


def _notes(result: ExternalImport) -> dict[str, dict[str, object]]:
    return {note.code: dict(note.params) for note in result.report.notes}


def test_servings_with_nutrients_win_over_daily_totals(tmp_path: Path) -> None:
    result = _import(tmp_path, samples.servings_csv(), samples.daily_csv())
    assert counted_magnesium(result) == ALL_DAYS
    (total,) = [f for f in result.foods if f.kind is FoodKind.DAY_TOTAL]
    assert (total.day, total.name, total.counted) == (MAR_14, "Cronometer daily total", True)
    assert (total.line, total.file, total.time, total.grams) == (5, "dailysummary.csv", None, None)
    assert total.nutrients["magnesium_mg"] == 250.0
    assert total.nutrients["energy_kcal"] == 1850.0
    assert len(result.supplements) == 1
    assert all(f.counted for f in result.foods)
    servings_report, daily_report = result.report.files
    assert (servings_report.read, servings_report.used, servings_report.ignored) == (8, 8, 0)
    assert (daily_report.read, daily_report.used, daily_report.ignored) == (4, 1, 3)
    notes = _notes(result)
    assert notes["cronometer_daily_ignored"] == {"days": 3}
    assert notes["cronometer_incomplete_days"] == {"days": 1, "first": "2024-03-14"}
    assert "cronometer_day_mismatch" not in notes
    assert "cronometer_total_includes_supplements" not in notes


def test_servings_without_nutrients_are_listed_and_daily_totals_count(tmp_path: Path) -> None:
    result = _import(tmp_path, samples.servings_csv(nutrients=False), samples.daily_csv())
    assert counted_magnesium(result) == ALL_DAYS
    foods = [f for f in result.foods if f.kind is FoodKind.FOOD]
    totals = [f for f in result.foods if f.kind is FoodKind.DAY_TOTAL]
    assert len(foods) == 8 and not any(f.counted for f in foods)
    assert [(t.day, t.nutrients["magnesium_mg"]) for t in totals] == sorted(ALL_DAYS.items())
    # The supplement is inside the 2024-03-06 total (258.7 mg): listed, not a supplement record.
    assert result.supplements == []
    glycinate = next(f for f in foods if f.name == "Magnesium Glycinate")
    assert (glycinate.day, glycinate.counted, glycinate.meal) == (MAR_6, False, "Uncategorized")
    notes = _notes(result)
    assert notes["cronometer_no_nutrients"] == {"file": "servings.csv", "days": 3}
    assert notes["cronometer_total_includes_supplements"] == {"days": 3, "supplements": 1}
    assert "cronometer_daily_ignored" not in notes
    servings_report, daily_report = result.report.files
    assert (servings_report.used, daily_report.used, daily_report.ignored) == (8, 4, 0)


def test_servings_without_a_magnesium_column_defer_to_daily_totals(tmp_path: Path) -> None:
    servings = samples.servings_csv(drop=["Magnesium (mg)"])
    result = _import(tmp_path, servings, samples.daily_csv())
    assert counted_magnesium(result) == ALL_DAYS
    oats = result.foods[0]
    assert (oats.name, oats.counted, oats.nutrients["calcium_mg"]) == ("Oats, rolled", False, 42.1)
    assert _notes(result)["cronometer_servings_no_magnesium"] == {
        "file": "servings.csv",
        "days": 3,
    }


def test_days_without_a_total_keep_their_servings_unknown(tmp_path: Path) -> None:
    daily = samples.daily_csv([d for d in samples.DAYS if d.day == MAR_5])
    result = _import(tmp_path, samples.servings_csv(nutrients=False), daily)
    assert counted_magnesium(result) == {MAR_5: 193.0}
    counted = {f.day for f in result.foods if f.counted and f.kind is FoodKind.FOOD}
    assert counted == {MAR_6, MAR_13}  # eaten, magnesium unknown: no total stands for them
    # the glycinate's magnesium is unknown: it is kept as food (counted), not thrown away
    assert result.supplements == []
    (glycinate,) = [f for f in result.foods if f.category == "Supplements"]
    assert (glycinate.day, glycinate.counted, glycinate.nutrients["magnesium_mg"]) == (
        MAR_6,
        True,
        None,
    )
    assert _notes(result)["cronometer_day_missing_total"] == {"file": "servings.csv", "days": 2}


def test_servings_that_miss_the_daily_total_are_noted(tmp_path: Path) -> None:
    days = [replace(d, values={**d.values, "magnesium_mg": 250.0}) if d.day == MAR_5 else d
            for d in samples.DAYS]  # fmt: skip
    result = _import(tmp_path, samples.servings_csv(), samples.daily_csv(days))
    assert counted_magnesium(result)[MAR_5] == 193.0  # the servings are used
    assert _notes(result)["cronometer_day_mismatch"] == {"days": 1, "first": "2024-03-05"}


def test_daily_file_alone(tmp_path: Path) -> None:
    empty = samples.DayTotal(date(2024, 3, 15), {"energy_kcal": 0.0, "magnesium_mg": 0.0}, False)
    daily = samples.daily_csv([*samples.DAYS, empty, samples.DAYS[0]], bom=True, crlf=True)
    result = _import(tmp_path, None, daily)
    assert counted_magnesium(result) == ALL_DAYS
    assert all(f.kind is FoodKind.DAY_TOTAL and f.counted for f in result.foods)
    report = result.report.files[0]
    assert report.skipped == {SkipReason.NOTHING_LOGGED: 1, SkipReason.DUPLICATE_DAY: 1}
    assert [(e.line, e.reason, e.detail) for e in report.examples] == [
        (6, SkipReason.NOTHING_LOGGED, "2024-03-15"),
        (7, SkipReason.DUPLICATE_DAY, "2024-03-05"),
    ]
    assert (report.read, report.used, report.ignored) == (6, 4, 0)
    # The all-zero day is not completed either, but it was skipped: only 2024-03-14 is noted.
    assert _notes(result)["cronometer_incomplete_days"] == {"days": 1, "first": "2024-03-14"}


def test_daily_vitamin_d_in_iu_and_micrograms(tmp_path: Path) -> None:
    for vitamin_d in ("IU", "ug"):
        result = _import(tmp_path, None, samples.daily_csv(vitamin_d=vitamin_d, micro="μ"))
        assert result.foods[1].nutrients["vitamin_d_ug"] == pytest.approx(3.0)  # the milk


def test_report_as_dict(tmp_path: Path) -> None:
    inserts = {3: "2024-03-05,oops"}
    result = _import(tmp_path, samples.servings_csv(inserts=inserts), samples.daily_csv())
    data = result.report.as_dict()
    files = data["files"]
    assert isinstance(files, list)
    assert files[0] == {
        "file": "servings.csv",
        "kind": "cronometer_servings",
        "kind_text": "Cronometer servings",
        "encoding": "utf-8",
        "date_order": "iso",
        "read": 9,
        "used": 8,
        "ignored": 0,
        "skipped_total": 1,
        "skipped": {"malformed_row": 1},
        "skipped_text": {"wrong number of fields": 1},
        "examples": [
            {"file": "servings.csv", "line": 3, "reason": "malformed_row",
             "reason_text": "wrong number of fields", "detail": "2 fields, expected 46"}
        ],
    }  # fmt: skip
    assert files[1]["ignored"] == 3
    notes = data["notes"]
    assert isinstance(notes, list)
    assert {"code": "cronometer_daily_ignored", "params": {"days": 3}}.items() <= notes[0].items()
    assert "{days}" in notes[0]["message"]


def _day_servings(day: date, amounts: Sequence[tuple[int, bool]]) -> list[samples.Serving]:
    return [
        samples.Serving(
            day,
            8 * 60 + index,
            "Uncategorized" if supplement else "Lunch",
            f"Item {index}",
            "1.00 serving - 50g",
            "Supplements" if supplement else "Vegetables",
            {"magnesium_mg": centi_mg / 100, "energy_kcal": 0.0 if supplement else 90.0},
        )
        for index, (centi_mg, supplement) in enumerate(amounts)
    ]


_AMOUNTS = st.lists(st.tuples(st.integers(0, 60_000), st.booleans()), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(
    plan=st.dictionaries(st.integers(0, 40), _AMOUNTS, min_size=1, max_size=6),
    in_daily=st.sets(st.integers(0, 40)),
    with_nutrients=st.booleans(),
)
def test_no_day_counts_twice(
    plan: dict[int, list[tuple[int, bool]]], in_daily: set[int], with_nutrients: bool
) -> None:
    """Consistent files (each daily total is its day's servings, supplements included): every
    day the import gives magnesium for, it gives exactly what the person took."""
    start = date(2024, 1, 1)
    servings = [
        s for n, amounts in plan.items() for s in _day_servings(start + timedelta(n), amounts)
    ]
    truth = {day.day: day.values["magnesium_mg"] for day in samples.day_totals(servings)}
    daily = [
        d for d in samples.day_totals(servings)
        if (d.day - start).days in in_daily and any(d.values.values())
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        result = _import(
            Path(folder),
            samples.servings_csv(servings, nutrients=with_nutrients),
            samples.daily_csv(daily) if daily else None,
        )
    known = {d.day for d in daily} | (set(truth) if with_nutrients else set())
    given_days = counted_magnesium(result)
    assert set(given_days) <= known
    for day in known:
        assert given_days.get(day, 0.0) == pytest.approx(truth[day], abs=0.011)
