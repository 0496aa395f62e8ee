"""`mgcoach import` on files it must refuse: exit 2 with the reason, and nothing stored; and
`--date-order` reading an undecidable file as told."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.running import run_error, run_json

NOVEMBER = "Day,Food Name,Magnesium (mg)\n" + "".join(
    f"{day:02d}/11/2022,Oats,100\n" for day in range(3, 10)
)


@pytest.fixture
def profile(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    run_json(capsys, "profile", "set", "--profile", "p", "--age", "40", "--sex", "female")
    return "p"


def _entries(capsys: pytest.CaptureFixture[str]) -> int:
    return len(
        run_json(capsys, "entries", "--profile", "p", "--from", "2000-01-01", "--to", "today")
    )


def test_undecidable_dates_exit_2_and_store_nothing(
    profile: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "servings.csv"
    path.write_text(NOVEMBER)
    code, error = run_error(capsys, "import", str(path), "--profile", profile)
    assert code == 2
    assert "dmy (day first), mdy (month first) or ymd" in " ".join(error.split())
    assert "(see --date-order)" in error
    assert _entries(capsys) == 0
    result = run_json(capsys, "import", str(path), "--profile", profile, "--date-order", "dmy")
    assert result["report"]["files"][0]["date_order"] == "day_first"
    days = {
        e["date"]
        for e in run_json(
            capsys, "entries", "--profile", "p", "--from", "2022-01-01", "--to", "2022-12-31"
        )
    }
    assert days == {f"2022-11-{day:02d}" for day in range(3, 10)}


def test_a_file_with_no_usable_row_exits_2(
    profile: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "future.csv"
    path.write_text("Day,Food Name,Magnesium (mg)\n2099-01-01,Oats,100\n")
    code, error = run_error(capsys, "import", str(path), "--profile", profile)
    assert code == 2
    assert "none of its 1 rows can be used (a day in the future: 1)" in " ".join(error.split())
    assert _entries(capsys) == 0


def test_skip_reasons_are_printed_in_words(
    profile: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "servings.csv"
    path.write_text("Day,Food Name,Magnesium (mg)\n2024-03-05,Oats,100\n2024-03-06,Oats,lots\n")
    from mgcoach.cli.main import main

    assert main(["import", str(path), "--profile", profile]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "line 3: unreadable nutrient value Magnesium (mg): 'lots'" in out
    assert "unreadable_value" not in out
