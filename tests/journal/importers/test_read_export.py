"""read_export: each file recognised by its header, the files read together, and the files it
refuses (unknown layout, empty, overlapping)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mgcoach.errors import InputError
from mgcoach.journal.importers import DateOrder, ExportKind, FoodKind, Origin, read_export

from . import samples
from .samples import MAR_5, MAR_6, MAR_13, MAR_14
from .test_cronometer import counted_magnesium


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        pytest.param("Day,Time,Group,Food Name,Amount,Category", ExportKind.CRONOMETER_SERVINGS,
                     id="servings-bare"),
        pytest.param("Day,Food Name,Energy (kcal),Magnesium (mg)", ExportKind.CRONOMETER_SERVINGS,
                     id="servings-with-energy"),
        pytest.param("Date,Energy (kcal),Completed", ExportKind.CRONOMETER_DAILY, id="daily"),
        pytest.param("Date,Magnesium (mg),Completed", ExportKind.CRONOMETER_DAILY,
                     id="daily-completed"),
        pytest.param("Date,Energy (kcal),Magnesium (mg)", ExportKind.CRONOMETER_DAILY,
                     id="daily-without-completed"),
        pytest.param("\ufeffDATE ,  energy (KCAL)", ExportKind.CRONOMETER_DAILY,
                     id="daily-case-and-spaces"),
        pytest.param("Date,Meal,Calories,Note", ExportKind.MYFITNESSPAL, id="myfitnesspal"),
    ],
)  # fmt: skip
def test_kind_from_header(tmp_path: Path, header: str, kind: ExportKind) -> None:
    cells = ",".join(["2024-03-05", *["1"] * (header.count(","))])
    path = _write(tmp_path, "export.csv", f"{header}\n{cells}\n".encode())
    assert read_export([path]).report.files[0].kind is kind


@pytest.mark.parametrize(
    "header",
    [
        pytest.param("Date,Name,Quantity,Calories", id="lose-it"),
        pytest.param("Datum;Maaltijd;Calorieën", id="dutch-headers"),
        pytest.param("Food Name,Amount", id="no-day"),
        pytest.param("Date,Calories", id="no-meal"),
    ],
)
def test_unknown_layout_is_refused(tmp_path: Path, header: str) -> None:
    path = _write(tmp_path, "log.csv", f"{header}\n1,2,3,4\n".encode())
    with pytest.raises(InputError) as raised:
        read_export([path])
    assert raised.value.message == "{file} is not an export Mg Coach can read: it reads {formats}."
    assert raised.value.params["file"] == "log.csv"
    assert "Cronometer Servings (servings.csv)" in str(raised.value)
    assert "MyFitnessPal Nutrition Summary" in str(raised.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "servings.csv is empty", id="empty"),
        pytest.param(
            b"\xef\xbb\xbfDay,Food Name\r\n", "has a header but no rows", id="header-only"
        ),
    ],
)
def test_empty_files_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_export([_write(tmp_path, "servings.csv", data)])


def test_missing_file_and_no_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"gone\.csv cannot be read"):
        read_export([tmp_path / "gone.csv"])
    with pytest.raises(InputError, match="at least one"):
        read_export([])


def test_two_exports_of_the_same_days_are_refused(tmp_path: Path) -> None:
    first = _write(tmp_path, "servings.csv", samples.servings_csv())
    second = _write(tmp_path, "servings-again.csv", samples.servings_csv(samples.SERVINGS[:2]))
    with pytest.raises(InputError) as raised:
        read_export([first, second])
    assert raised.value.params == {
        "first": "servings.csv",
        "second": "servings-again.csv",
        "kind": "cronometer_servings",
        "day": "2024-03-05",
    }


def test_two_exports_of_different_days_are_read_together(tmp_path: Path) -> None:
    march_5 = [s for s in samples.SERVINGS if s.day == MAR_5]
    later = [s for s in samples.SERVINGS if s.day != MAR_5]
    paths = [
        _write(tmp_path, "servings-later.csv", samples.servings_csv(later)),
        _write(tmp_path, "servings-early.csv", samples.servings_csv(march_5, dates="us")),
    ]
    result = read_export(paths, date_order=DateOrder.MONTH_FIRST)  # 03/05 alone says nothing
    assert counted_magnesium(result) == samples.DAY_MAGNESIUM
    assert [(f.day, f.file) for f in result.foods][:2] == [(MAR_5, "servings-early.csv")] * 2


def test_all_three_files(tmp_path: Path) -> None:
    paths = [
        _write(tmp_path, "File-Export.csv", samples.mfp_csv()),
        _write(tmp_path, "dailysummary.csv", samples.daily_csv(bom=True, crlf=True)),
        _write(tmp_path, "servings.csv", samples.servings_csv(nutrients=False, crlf=True)),
    ]
    result = read_export(paths)
    # Cronometer covers 5 and 6 March with magnesium: MyFitnessPal's meals there are listed only.
    mfp = [f for f in result.foods if f.origin is Origin.MYFITNESSPAL]
    assert len(mfp) == 4 and not any(f.counted for f in mfp)
    assert counted_magnesium(result) == {**samples.DAY_MAGNESIUM, MAR_14: 250.0}
    counted = [(f.day, f.kind) for f in result.foods if f.counted]
    assert counted == [
        (MAR_5, FoodKind.DAY_TOTAL),
        (MAR_6, FoodKind.DAY_TOTAL),
        (MAR_13, FoodKind.DAY_TOTAL),
        (MAR_14, FoodKind.DAY_TOTAL),
    ]
    codes = result.report.codes()
    assert "mfp_days_covered_by_cronometer" in codes
    assert "mfp_no_magnesium" not in codes  # every MyFitnessPal day is covered by Cronometer
    assert [f.kind for f in result.report.files] == [
        ExportKind.MYFITNESSPAL,
        ExportKind.CRONOMETER_DAILY,
        ExportKind.CRONOMETER_SERVINGS,
    ]
    for report in result.report.files:
        assert report.read == report.used + report.ignored + report.skipped_total
    json.dumps(result.report.as_dict())  # JSON-ready: no enums, dates or counters left over
    assert (
        result.report.as_dict()["notes"] == json.loads(json.dumps(result.report.as_dict()))["notes"]
    )


def test_foods_are_ordered_by_day_then_file_then_line(tmp_path: Path) -> None:
    paths = [
        _write(tmp_path, "servings.csv", samples.servings_csv()),
        _write(tmp_path, "dailysummary.csv", samples.daily_csv()),
    ]
    result = read_export(paths)
    keys = [(f.day, paths.index(tmp_path / f.file), f.line) for f in result.foods]
    assert keys == sorted(keys)
    assert result.foods[-1].day == MAR_14
    assert result.supplements[0].day == MAR_6
    assert {f.day for f in result.foods} == {MAR_5, MAR_6, MAR_13, MAR_14}
