"""A unit mix-up reaches every face of `serum`: the terminal, --json and the JSON API."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from mgcoach.cli.main import main
from tests.cli.running import run_json

SENTENCE = (
    "2.0 mmol/L is very high; if your report says mg/dL, 2.0 mg/dL is normal — check the unit."
)


@pytest.mark.parametrize(
    ("value", "unit", "readings"),
    [
        pytest.param(
            "2.0",
            "mmol/L",
            [
                {"unit": "mg/dL", "status": "normal", "status_detail": "normal"},
                {"unit": "mEq/L", "status": "high", "status_detail": "high"},
            ],
            id="2.0-mmol",
        ),
        pytest.param(
            "0.8",
            "mg/dL",
            [
                {"unit": "mmol/L", "status": "normal", "status_detail": "normal"},
                {"unit": "mEq/L", "status": "low", "status_detail": "severe_low"},
            ],
            id="0.8-mgdl",
        ),
        pytest.param("0.85", "mmol/L", [], id="0.85-mmol-normal"),
        pytest.param("4.3", "mg/dL", [], id="4.3-mgdl-nothing-normal"),
    ],
)
def test_api_and_cli_json_carry_both_readings(
    local_client: TestClient,
    capsys: pytest.CaptureFixture[str],
    value: str,
    unit: str,
    readings: list[dict[str, str]],
) -> None:
    response = local_client.get("/api/v1/serum", params={"value": value, "unit": unit})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data == run_json(capsys, "serum", value, unit)
    assert data["other_readings"] == readings
    codes = [note["code"] for note in data["notes"]]
    assert ("check_unit" in codes) == bool(readings)


def test_the_terminal_shows_the_note(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serum", "2.0", "mmol/L"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert SENTENCE in out
    assert "very high" in out and "RED FLAG" in out, "the given unit still decides"


def test_the_api_status_is_never_swapped(local_client: TestClient) -> None:
    data = local_client.get("/api/v1/serum", params={"value": "2.0", "unit": "mmol/L"}).json()
    assert (data["status"], data["status_detail"], data["red_flag"]) == ("high", "very_high", True)
    assert data["notes"][0]["text"] == SENTENCE
