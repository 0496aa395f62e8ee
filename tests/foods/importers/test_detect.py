"""detect() and read_usda(): every kind of USDA release, and a folder that is none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mgcoach.errors import ImportFileError
from mgcoach.foods.importers.detect import EXPECTED, ImportKind, detect, read_usda
from mgcoach.foods.importers.files import Release
from mgcoach.foods.importers.report import ImportReport
from mgcoach.foods.model import FoodSource
from tests.shared_data import SR28 as SR28_FOLDER

from . import fdc_samples as samples

SR28_DIR = SR28_FOLDER


def _full_download() -> dict[str, samples.Rows]:
    """SR Legacy and Branded in one release, as the "full download" lists all data types."""
    files = samples.sr_legacy_files()
    branded = samples.branded_files()
    for name in ("food.csv", "food_nutrient.csv"):
        files[name] = files[name] + branded[name]
    files["branded_food.csv"] = branded["branded_food.csv"]
    return files


def _with_empty_branded() -> dict[str, samples.Rows]:
    """SR Legacy shipped with the whole schema: branded_food.csv is there, header only."""
    return {**samples.sr_legacy_files(), "branded_food.csv": []}


@pytest.mark.parametrize(
    ("files", "kind"),
    [
        pytest.param(samples.sr_legacy_files, ImportKind.SR_LEGACY, id="sr-legacy"),
        pytest.param(samples.foundation_files, ImportKind.FOUNDATION, id="foundation"),
        pytest.param(samples.fndds_files, ImportKind.FNDDS, id="fndds"),
        pytest.param(samples.branded_files, ImportKind.BRANDED, id="branded"),
        pytest.param(_full_download, ImportKind.FDC_FULL, id="full-download"),
        pytest.param(_with_empty_branded, ImportKind.SR_LEGACY, id="empty-other-type"),
    ],
)
@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_detect_fdc(
    tmp_path: Path, files: Callable[[], dict[str, samples.Rows]], kind: ImportKind, as_zip: bool
) -> None:
    path = samples.write_release(tmp_path, "FoodData_Central_csv", files(), as_zip=as_zip)
    assert detect(Release(path)) is kind


def test_detect_sr28_real_files() -> None:
    assert detect(Release(SR28_DIR)) is ImportKind.SR28


@pytest.mark.parametrize(
    "files",
    [
        pytest.param({}, id="empty-folder"),
        pytest.param({"food.csv": []}, id="food-csv-only"),
        pytest.param({"food.csv": [], "food_nutrient.csv": []}, id="no-data-type-file"),
        pytest.param(
            {"food.csv": [], "sr_legacy_food.csv": [["170567", "12061"]]}, id="no-nutrients"
        ),
    ],
)
def test_unknown_folder_names_what_was_expected(
    tmp_path: Path, files: dict[str, samples.Rows]
) -> None:
    path = samples.write_release(tmp_path, "downloads", files)
    path.mkdir(exist_ok=True)
    (path / "notes.txt").write_text("not a release", "utf-8")
    with pytest.raises(ImportFileError) as caught:
        detect(Release(path))
    assert str(caught.value) == f"downloads is not a USDA release: expected {EXPECTED}."
    assert "sr_legacy_food.csv" in EXPECTED and "FOOD_DES.txt" in EXPECTED


def test_read_usda_reads_fdc(tmp_path: Path) -> None:
    path = samples.write_release(tmp_path, "full", _full_download(), as_zip=True)
    report = ImportReport()
    foods = {food.id: food for food in read_usda(Release(path), report=report)}
    assert len(foods) == 7
    assert foods["usda:12061"].source is FoodSource.USDA_SR_LEGACY
    assert foods["fdc:1899458"].source is FoodSource.USDA_BRANDED
    assert report.yielded == 7
    assert report.read == report.yielded + report.skipped_total


def test_read_usda_reads_sr28() -> None:
    report = ImportReport()
    steps: list[int] = []
    foods = {food.id: food for food in read_usda(Release(SR28_DIR), steps.append, report)}
    # The documented SR28 counts: 8,789 foods; 679,045 NUT_DATA rows.
    assert (report.read, report.yielded, report.skipped_total) == (8789, 8789, 0)
    assert len(foods) == 8789
    assert 670_000 <= sum(steps) <= 679_045  # rows of NUT_DATA, in steps of 10,000
    assert foods["usda:12014"].value("magnesium_mg") == pytest.approx(592.0)
