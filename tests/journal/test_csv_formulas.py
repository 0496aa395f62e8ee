"""`export --csv` writes no spreadsheet formula (issue 16, OWASP "CSV injection").

A text cell starting with =, +, -, @ (perhaps after blanks), a tab or a carriage return gets a
single quote in front; numbers stay numbers, negative ones too; `csv_text_back` gives the
exact text again (a re-import reads what was written). The JSON export is unchanged.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcoach.cli.main import main
from mgcoach.services.journal_export import csv_cell, csv_text_back
from tests.cli.running import run_json

DAY = "2025-01-15"
FORMULAS = [
    '=HYPERLINK("https://evil.example","click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "  =1+1",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "''+twice",
]
HARMLESS = ["felt fine", "-1.5", "+3", "1e5", "' just a quote", "a=b", "", "2025-01-15"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_gets_a_quote_and_comes_back(text: str) -> None:
    cell = csv_cell(text)
    assert cell == "'" + text
    assert csv_text_back(str(cell)) == text


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_is_left_alone(text: str) -> None:
    assert csv_cell(text) == text
    assert csv_text_back(text) == text


def test_numbers_stay_numbers() -> None:
    assert csv_cell(-1.5) == -1.5
    assert csv_cell(-3) == -3
    assert csv_cell(None) == ""


@given(st.text(alphabet=st.sampled_from("=+-@\t\r '\" a1.eE"), max_size=8))
def test_every_text_comes_back(text: str) -> None:
    cell = csv_cell(text)
    assert csv_text_back(str(cell)) == text
    # What a spreadsheet sees first is never a formula character.
    assert str(cell).lstrip(" ")[:1] not in ("=", "+", "@", "\t", "\r") or cell == text
    if cell == text and text:
        stripped = text.lstrip("'").lstrip()
        assert stripped[:1] not in ("=", "+", "-", "@") or text.strip().lstrip("+-")[:1].isdigit()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.usefixtures("data_dir")
def test_export_csv_neutralises_formulas_and_keeps_numbers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run_json(capsys, "profile", "set", "--age", "45", "--sex", "female")
    for text in FORMULAS[:4]:
        assert main(["log", "note", "--date", DAY, "--json", "--", text]) == 0  # "-2+3" too
        capsys.readouterr()
    run_json(capsys, "log", "food", "almonds", "30 g", "--note", "=1+1", "--date", DAY)
    run_json(capsys, "export", "--csv", str(tmp_path / "csv"))
    rows = _rows(tmp_path / "csv" / "entry.csv")
    notes = [row["note"] for row in rows]
    for text in [*FORMULAS[:4], "=1+1"]:
        assert "'" + text in notes
        assert text not in notes
    assert [csv_text_back(n) for n in notes if n] == [*FORMULAS[:4], "=1+1"]
    foods = _rows(tmp_path / "csv" / "food_item.csv")
    assert float(foods[0]["magnesium_mg"]) > 0  # a number, as written

    run_json(capsys, "export", str(tmp_path / "journal.json"))
    document = json.loads((tmp_path / "journal.json").read_text(encoding="utf-8"))
    stored = [e["note"] for p in document["profiles"] for e in p["entries"]]
    assert FORMULAS[0] in stored and "'" + FORMULAS[0] not in stored
