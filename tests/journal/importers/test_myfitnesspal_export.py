"""MyFitnessPal's export as delivered: a zip of Nutrition-Summary, Exercise-Summary and
Measurement-Summary (or that folder unpacked); the nutrition summary in its three layouts
(Note without Time, Time and Note, Time without Note), one row per meal or per entry."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mgcoach.errors import InputError
from mgcoach.journal.importers import ExportKind, FoodKind, read_export

from . import samples
from .samples import MAR_5, MAR_6

RANGE = "2024-03-05-to-2024-03-06"
EXERCISE = (
    b"Date,Exercise,Type,Exercise Calories,Exercise Minutes,Sets,Reps Per Set,Kilograms,Steps,"
    b'Note\r\n2024-03-05,"""Walking, 3.5 mph, brisk pace""",Cardio,178.0,18,,,,,\r\n'
)
MEASUREMENT = b"Date,Weight\r\n2024-03-05,85.5\r\n"
# Shape N2: Time and Note; one row per logged entry, the time often blank (12-hour when given).
WITH_TIME = (
    "Date,Meal,Time,Calories,Fat (g),Saturated Fat,Polyunsaturated Fat,Monounsaturated Fat,"
    "Trans Fat,Cholesterol,Sodium (mg),Potassium,Carbohydrates (g),Fiber,Sugar,Protein (g),"
    "Vitamin A,Vitamin C,Calcium,Iron,Note\r\n"
    "2024-03-05,Breakfast,8:02 AM,420.5,12.0,3.0,1.0,2.0,0.0,10.0,300.0,200.0,55.0,6.0,12.0,"
    "22.0,0.0,0.0,15.0,10.0,\r\n"
    "2024-03-05,Breakfast,,150.0,5.0,1.0,1.0,1.0,0.0,0.0,50.0,50.0,20.0,2.0,15.0,3.0,0.0,0.0,"
    "2.0,1.0,\r\n"
    '2024-03-05,Post-Workout,10:20 PM,"1,020.0",40.0,12.0,4.0,6.0,0.0,90.0,1200.0,900.0,70.0,'
    '9.0,10.0,40.0,5.0,30.0,10.0,25.0,"shake, after the run"\r\n'
)
# Shape N3: Time without Note, with a UTF-8 BOM.
TIME_NO_NOTE = (
    "\ufeffDate,Meal,Time,Calories,Fat (g),Saturated Fat,Polyunsaturated Fat,Monounsaturated "
    "Fat,Trans Fat,Cholesterol,Sodium (mg),Potassium,Carbohydrates (g),Fiber,Sugar,Protein (g),"
    "Vitamin A,Vitamin C,Calcium,Iron\n"
    "2018-07-01,Breakfast,10:00 AM,40.0,0.6,0.0,0.0,0.0,0.0,0.0,0.0,0.0,5.8,0.0,0.0,1.8,0.0,0.0,"
    "0.0,0.0\n"
)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _members(folder: str = "") -> dict[str, bytes]:
    return {
        f"{folder}Nutrition-Summary-{RANGE}.csv": samples.mfp_csv(crlf=True),
        f"{folder}Exercise-Summary-{RANGE}.csv": EXERCISE,
        f"{folder}Measurement-Summary-{RANGE}.csv": MEASUREMENT,
    }


@pytest.mark.parametrize("folder", ["", f"File-Export-{RANGE}/"], ids=["flat", "in-a-folder"])
def test_the_zip_as_emailed(tmp_path: Path, folder: str) -> None:
    path = _zip(tmp_path / f"File-Export-{RANGE}.zip", _members(folder))
    result = read_export([path])
    (report,) = result.report.files
    assert report.kind is ExportKind.MYFITNESSPAL
    assert report.file == f"File-Export-{RANGE}.zip/Nutrition-Summary-{RANGE}.csv"
    assert [(f.day, f.meal) for f in result.foods] == [
        (MAR_5, "Breakfast"), (MAR_5, "Lunch"), (MAR_6, "Dinner"), (MAR_6, "Snacks"),
    ]  # fmt: skip
    not_read = [n for n in result.report.notes if n.code == "file_not_read"]
    assert [(n.params["file"], "exercise" in n.message) for n in not_read] == [
        (f"File-Export-{RANGE}.zip/Exercise-Summary-{RANGE}.csv", True),
        (f"File-Export-{RANGE}.zip/Measurement-Summary-{RANGE}.csv", False),
    ]
    assert "measurement summary" in not_read[1].message


def test_the_unpacked_folder(tmp_path: Path) -> None:
    folder = tmp_path / f"File-Export-{RANGE}"
    folder.mkdir()
    for name, data in _members().items():
        (folder / name).write_bytes(data)
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    result = read_export([folder])
    assert len(result.foods) == 4
    assert result.report.files[0].file == f"File-Export-{RANGE}/Nutrition-Summary-{RANGE}.csv"
    assert result.report.codes().count("file_not_read") == 2


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        pytest.param("Exercise-Summary.csv", EXERCISE, "exercise summary", id="exercise"),
        pytest.param("weights.csv", MEASUREMENT, "measurement summary", id="measurement"),
    ],
)
def test_another_file_of_the_export_alone_is_refused(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_export([path])


def test_a_zip_without_the_nutrition_summary_is_refused(tmp_path: Path) -> None:
    members = {k: v for k, v in _members().items() if not k.startswith("Nutrition")}
    path = _zip(tmp_path / "export.zip", members)
    with pytest.raises(InputError, match="holds no export Mg Coach can read"):
        read_export([path])
    with pytest.raises(InputError, match="holds no CSV file"):
        read_export([_zip(tmp_path / "photos.zip", {"a.jpg": b"\xff\xd8"})])


def test_time_and_note_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "Nutrition-Summary.csv"
    path.write_bytes(WITH_TIME.encode())
    result = read_export([path])
    assert [(f.meal, f.time, f.note) for f in result.foods] == [
        ("Breakfast", 8 * 60 + 2, None),
        ("Breakfast", None, None),  # a second entry of the same meal, its time not given
        ("Post-Workout", 22 * 60 + 20, "shake, after the run"),
    ]
    assert result.foods[2].nutrients["energy_kcal"] == 1020.0
    assert all(f.kind is FoodKind.MEAL_TOTAL and f.counted for f in result.foods)


def test_time_without_note_and_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "mfp.csv"
    path.write_bytes(TIME_NO_NOTE.encode())
    (food,) = read_export([path]).foods
    assert (food.time, food.note, food.nutrients["energy_kcal"]) == (600, None, 40.0)


def test_note_without_time(tmp_path: Path) -> None:
    path = tmp_path / "mfp.csv"
    path.write_bytes(samples.mfp_csv())
    foods = read_export([path]).foods
    assert [f.note for f in foods] == [None, "busy day, ate at desk", None, None]
    assert all(f.time is None for f in foods)


def test_an_unreadable_time_keeps_the_meal(tmp_path: Path) -> None:
    path = tmp_path / "mfp.csv"
    path.write_bytes(WITH_TIME.replace("8:02 AM", "breakfast time").encode())
    result = read_export([path])
    assert [f.time for f in result.foods] == [None, None, 22 * 60 + 20]
    (note,) = [n for n in result.report.notes if n.code == "unreadable_time"]
    assert note.params == {"file": "mfp.csv", "rows": 1, "line": 2}
