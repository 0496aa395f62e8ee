"""`--med NAME@HH:MM/FREQUENCY` at the command line: `check` and `advise` with a weekly
medicine, `profile set` and `profile show`, and bad syntax (exit 2, nothing stored)."""

from __future__ import annotations

import pytest

from mgcoach.cli.main import main
from tests.cli.running import run_error, run_json
from tests.cli.test_journal_cli import backend  # noqa: F401  (the CLI's database fixture)

SENIOR = ["--age", "70", "--sex", "female"]
WEEKLY = ["--med", "alendronate@07:00/weekly:mon"]


def test_check_json_with_a_weekly_medicine(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "check", *SENIOR, *WEEKLY, "--take", "200@08:00")
    (item,) = data["interactions"]
    assert item["frequency"] == "weekly:mon" and item["conflict"]
    assert item["conflicts"] == [{"drug_time": "07:00", "magnesium_time": "08:00"}]
    assert "08:00" in data["suggested_times"]  # every day but Monday
    (monday,) = data["schedule_on_days"]
    assert (monday["days"], monday["weekdays"], monday["drugs"]) == (
        "On Mondays",
        ["mon"],
        ["alendronate"],
    )
    assert not {"07:00", "08:00", "08:30"} & set(monday["times"])
    assert {"schedule", "suggested_times", "interactions", "gate"} <= set(data)


@pytest.mark.parametrize(
    ("lang", "line"),
    [("en", "On Mondays (alendronate): "), ("nl", "Op maandag (alendronate): ")],
)
def test_check_shows_the_other_days_in_words(
    capsys: pytest.CaptureFixture[str], lang: str, line: str
) -> None:
    code = main(["check", *SENIOR, *WEEKLY, "--take", "200@08:00", "--lang", lang])
    out = capsys.readouterr().out
    assert code == 0
    assert line in out


def test_advise_shows_the_other_days(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "advise", *SENIOR, "--food-mg", "150", *WEEKLY)
    assert data["supplement"]["schedule_on_days"][0]["weekdays"] == ["mon"]
    assert data["safety"]["interactions"][0]["conflict"] is False
    code = main(["advise", *SENIOR, "--food-mg", "150", *WEEKLY])
    assert code == 0 and "On Mondays (alendronate): " in capsys.readouterr().out


@pytest.mark.parametrize(
    "spec",
    ["alendronate@07:00/weekly:xx", "alendronate@07:00/", "alendronate@07:00/every:3d"],
)
def test_check_rejects_a_bad_frequency(capsys: pytest.CaptureFixture[str], spec: str) -> None:
    code, err = run_error(capsys, "check", *SENIOR, "--med", spec)
    assert code == 2
    assert "weekly:DAY" in err and "every:Nd:YYYY-MM-DD" in err


@pytest.mark.usefixtures("backend")
def test_profile_keeps_the_frequency(capsys: pytest.CaptureFixture[str]) -> None:
    made = run_json(
        capsys, "profile", "set", *SENIOR, "--med", "alendronate@07:00/weekly:ma",
        "--med", "levothyroxine@06:30",
    )  # fmt: skip
    assert made["medications"] == [
        {"name": "alendronate", "times": ["07:00"], "frequency": "weekly:mon"},
        {"name": "levothyroxine", "times": ["06:30"], "frequency": "daily"},
    ]
    code, err = run_error(capsys, "profile", "set", "--med", "alendronate@07:00/weekly:maan")
    assert code == 2 and "weekly:maan" in err
    assert run_json(capsys, "profile", "show") == made  # nothing stored
    assert main(["profile", "show"]) == 0
    assert "alendronate (07:00, on Mondays)" in capsys.readouterr().out
