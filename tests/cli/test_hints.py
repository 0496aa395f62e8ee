"""The services word their errors for every face; the command line adds its own options and
commands after them (cli/hints.py), so only the CLI ever names a flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.running import run_error, run_json

CASES = [
    pytest.param(
        ["log", "symptom", "headache", "--count", "3"],
        "A count is only for cramps and twitches. (see --count)",
        id="field-option",
    ),
    pytest.param(
        ["--lang", "nl", "log", "symptom", "headache", "--night"],
        "Alleen krampen worden als 's nachts gemarkeerd. (zie --night/--day)",
        id="flag-pair-dutch",
    ),
    pytest.param(
        ["check", "--age", "40", "--sex", "male", "--med", "digoxin@08:00", "--med", "digoxin@9"],
        "(see --med)",
        id="repeated-medicine",
    ),
    pytest.param(
        ["check", "--age", "40", "--sex", "male", "--med", "frobnitol@08:00"],
        "mgcoach names lists the names Mg Coach knows.",
        id="unknown-name-command",
    ),
    pytest.param(
        ["day", "--profile", "nobody"],
        "Make it with mgcoach profile set --profile nobody --age YEARS --sex female|male.",
        id="unknown-profile-command",
    ),
    pytest.param(
        ["log", "supplement", "citrate", "500"],
        "Add --as elemental or --as compound.",
        id="ambiguous-dose",
    ),
    pytest.param(
        ["energy", "--age", "40", "--sex", "male", "--activity", "moderate"],
        "The weight is missing: give it in kg or in pounds. (see --weight-kg, --weight-lb)",
        id="one-of-two-options",
    ),
]


@pytest.mark.parametrize(("args", "expected"), CASES)
def test_the_command_line_says_which_option(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    run_json(capsys, "profile", "set", "--age", "40", "--sex", "female")
    code, error = run_error(capsys, *args)
    assert code == 2
    assert error.endswith(expected), error
    assert error.count("Error:") + error.count("Fout:") == 1
