"""The full SR28 table from the command line, with no import (issue 18): a new data folder
counts every food, and an SR28 food is found by id and by search, with its portions."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgcoach.foods.sr28_table import SR28_FOODS
from tests.cli.running import run_json


def test_stats_of_a_new_data_folder(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MGCOACH_DATA_DIR", str(tmp_path / "new"))  # not the seeded copy
    stats = run_json(capsys, "foods", "stats")
    assert stats["foods"] >= SR28_FOODS == 8789
    assert stats["by_source"]["usda_sr28"] > 7000 and stats["by_source"]["curated"] > 800
    assert sum(stats["by_source"].values()) == stats["foods"]
    again = run_json(capsys, "foods", "stats")
    assert again == stats


@pytest.mark.usefixtures("data_dir")
def test_tap_water_by_id_search_and_portion(capsys: pytest.CaptureFixture[str]) -> None:
    shown = run_json(capsys, "foods", "show", "usda:14429")
    assert shown["id"] == "usda:14429" and shown["per_100g"]["magnesium_mg"] == 1
    found = run_json(capsys, "foods", "search", "municipal tap water", "--limit", "3")
    assert "usda:14429" in [item["id"] for item in found]
    litre = run_json(capsys, "foods", "amount", "usda:14429", "1 liter")
    assert (litre["grams"], litre["nutrients"]["magnesium_mg"]) == (1000, 10)
    glass = run_json(capsys, "foods", "amount", "usda:14429", "1 glass")
    assert glass["grams"] == 200


@pytest.mark.usefixtures("data_dir")
@pytest.mark.parametrize(
    ("food", "amount", "grams"),
    [
        ("usda:05129", "0.5 chicken", 130.0),  # stewing chicken, light meat
        ("usda:16133", "1 cup", 167.0),  # yardlong beans
        ("usda:21247", "1 small serving", 113.0),  # Wendy's french fries
        ("usda:21247", "2 kid's meal serving", 142.0),
    ],
)
def test_portions_of_sr28_foods(
    capsys: pytest.CaptureFixture[str], food: str, amount: str, grams: float
) -> None:
    assert run_json(capsys, "foods", "amount", food, amount)["grams"] == grams
