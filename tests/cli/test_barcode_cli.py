"""Barcodes on the command line: `foods add --barcode`, `foods search|show BARCODE`,
`foods lookup BARCODE [--online] --json` (not_found, offline, bad_barcode), and
`log supplement --barcode` (the basis asked as the safety rules require, never a food).
Online look-ups go to the stand-in on 127.0.0.1 (tests/foods/off_server.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mgcoach.cli.main import main
from tests.cli.running import run_error, run_json
from tests.foods import off_server as off
from tests.foods.off_server import OffServer

LOOKUP_KEYS = {"barcode", "brand", "source", "kind", "origin", "fetched_at", "data_quality",
               "supplement", "portions", "per_100g", "unknown", "id", "name"}  # fmt: skip
DAY = "2025-01-15"


@pytest.fixture
def server(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OffServer]:
    with off.off_server() as running:
        monkeypatch.setenv("MGCOACH_OFF_URL", running.url)
        monkeypatch.setenv("MGCOACH_OFF_TIMEOUT", "0.5")
        monkeypatch.delenv("MGCOACH_ONLINE", raising=False)
        yield running


def test_an_added_food_is_found_by_its_barcode(
    capsys: pytest.CaptureFixture[str], server: OffServer
) -> None:
    added = run_json(capsys, "foods", "add", "Zorblax bar", "magnesium_mg=120",
                     "--barcode", "5449 0000 00996")  # fmt: skip
    assert added["barcode"] == off.COLA
    assert [f["id"] for f in run_json(capsys, "foods", "search", off.COLA)] == [added["id"]]
    shown = run_json(capsys, "foods", "show", off.COLA)
    assert shown["id"] == added["id"] and "portions" in shown
    found = run_json(capsys, "foods", "lookup", off.COLA)
    assert set(found) >= LOOKUP_KEYS and set(found) >= set(shown)
    assert (found["origin"], found["kind"], found["source"]) == ("local", "food", "user")
    assert server.requests == []


def test_a_bad_barcode_is_refused_by_add_and_lookup(
    capsys: pytest.CaptureFixture[str], server: OffServer
) -> None:
    code, line = run_error(capsys, "foods", "add", "Zorblax", "magnesium_mg=1",
                           "--barcode", "5449000000997")  # fmt: skip
    assert code == 2 and "check digit" in line and "should be 6" in line
    code, line = run_error(capsys, "foods", "lookup", "5449000000997", "--lang", "nl")
    assert code == 2 and "controlecijfer" in line


def test_lookup_without_opting_in_asks_nothing_and_says_how(
    capsys: pytest.CaptureFixture[str], server: OffServer
) -> None:
    code, line = run_error(capsys, "foods", "lookup", off.PUMPKIN_SEEDS)
    assert code == 2 and "Open Food Facts is off" in line and "--online" in line
    assert server.requests == []


def test_lookup_online_keeps_the_product(
    capsys: pytest.CaptureFixture[str], server: OffServer
) -> None:
    found = run_json(capsys, "foods", "lookup", off.PUMPKIN_SEEDS, "--online")
    assert (found["origin"], found["brand"], found["barcode"]) == (
        "online", "Notenbar", off.PUMPKIN_SEEDS)  # fmt: skip
    assert found["per_100g"]["magnesium_mg"] == pytest.approx(550)
    assert found["data_quality"] == {"errors": [], "warnings": [], "unknown_because": []}
    assert run_json(capsys, "foods", "lookup", off.PUMPKIN_SEEDS)["origin"] == "cache"
    assert len(server.requests) == 1
    assert main(["foods", "lookup", off.PUMPKIN_SEEDS]) == 0  # the table view too
    assert "Notenbar" in capsys.readouterr().out


def test_lookup_errors_online(
    capsys: pytest.CaptureFixture[str], server: OffServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGCOACH_ONLINE", "1")
    code, line = run_error(capsys, "foods", "lookup", off.NOT_FOUND_404)
    assert code == 2 and "no product" in line
    code, line = run_error(capsys, "foods", "lookup", off.MALFORMED)
    assert code == 69 and "not a product" in line
    monkeypatch.setenv("MGCOACH_OFF_URL", off.refused_url())
    code, line = run_error(capsys, "foods", "lookup", off.COLA, "--lang", "nl")
    assert code == 69 and "Open Food Facts" in line


def test_a_quality_error_product_shows_its_flags(
    capsys: pytest.CaptureFixture[str], server: OffServer
) -> None:
    found = run_json(capsys, "foods", "lookup", off.QUALITY_ERROR, "--online")
    assert found["data_quality"]["errors"][0].startswith("en:energy-value")
    assert found["data_quality"]["unknown_because"][0]["code"] == "data_quality_error"
    assert found["per_100g"]["magnesium_mg"] is None
    assert "magnesium_mg" in found["unknown"]


def test_a_supplement_is_logged_as_a_supplement_with_its_basis_asked(
    capsys: pytest.CaptureFixture[str], server: OffServer
) -> None:
    run_json(capsys, "profile", "set", "--age", "45", "--sex", "male")
    found = run_json(capsys, "foods", "lookup", off.MAGNESIUM_CITRATE, "--online")
    assert found["kind"] == "supplement"
    assert found["supplement"]["magnesium_mg_per_unit"] == pytest.approx(200)
    assert found["supplement"]["basis"] == "unknown"
    assert found["supplement"]["label"] == "Magnesium citrate 200 mg"

    code, line = run_error(capsys, "log", "supplement", "--barcode", off.MAGNESIUM_CITRATE,
                           "--date", DAY)  # fmt: skip
    assert code == 2 and "--as elemental or --as compound" in line
    entry = run_json(capsys, "log", "supplement", "--barcode", off.MAGNESIUM_CITRATE,
                     "--units", "2", "--as", "elemental", "--date", DAY)  # fmt: skip
    assert entry["kind"] == "supplement"
    assert entry["detail"]["elemental_mg"] == pytest.approx(400)
    assert entry["detail"]["name"] == "Vitamito Magnesium Citrate 200 mg"
    code, line = run_error(capsys, "log", "food", off.MAGNESIUM_CITRATE, "1 tablet",
                           "--date", DAY)  # fmt: skip
    assert code == 2


def test_a_supplement_naming_no_compound_needs_elemental_said(
    capsys: pytest.CaptureFixture[str], server: OffServer
) -> None:
    run_json(capsys, "profile", "set", "--age", "45", "--sex", "male")
    args = ["log", "supplement", "--barcode", off.MAGNESIUM_PLAIN, "--online", "--date", DAY]
    code, line = run_error(capsys, *args)
    assert code == 2 and "names no compound" in line and "--as" in line
    entry = run_json(capsys, *args, "--as", "elemental")
    assert entry["detail"]["elemental_mg"] == pytest.approx(187.5)
    code, line = run_error(capsys, "log", "supplement", "--barcode", off.PUMPKIN_SEEDS,
                           "--online", "--date", DAY)  # fmt: skip
    assert code == 2 and "is a food" in line
