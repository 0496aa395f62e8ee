"""Bad input: one line in the user's language, exit code 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mgcoach.cli.main import main


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["targets", "--age", "30", "--sex", "male", "--pregnant"], id="pregnant-male"),
        pytest.param(["targets", "--age", "250", "--sex", "female"], id="age-250"),
        pytest.param(["targets", "--age", "30", "--system", "who"], id="unknown-system"),
        pytest.param(["targets", "--age", "abc"], id="not-a-number"),
        pytest.param(["elemental", "magnesium unobtainium", "500"], id="unknown-compound"),
        pytest.param(["elemental", "magnesium citrate", "-500"], id="negative-dose"),
        pytest.param(["elemental", "magnesium citrate", "0"], id="zero-dose"),
        pytest.param(["serum", "0.8", "mmol"], id="unknown-unit"),
        pytest.param(["serum", "0.8", "mmol/L", "--lab-range", "x"], id="bad-lab-range"),
        pytest.param(["energy", "--age", "40", "--sex", "male"], id="missing-options"),
        pytest.param(["targets", "--age", "30", "--frobnicate"], id="unknown-option"),
        pytest.param(["frobnicate"], id="unknown-command"),
        pytest.param(["targets", "--age", "30", "--lang", "fr"], id="unknown-language"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], args) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: ") and "\n" not in err and "Traceback" not in err


def test_unknown_compound_message_lists_closest_matches(capsys) -> None:
    main(["elemental", "magnesium citrat", "500"])
    assert "citrate" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["targets", "--age", "30", "--sex", "male", "--pregnant"], "zwanger"),
        (["serum", "0.8", "mmol"], "Onbekende eenheid"),
        (["elemental", "magnesium unobtainium", "500"], "Onbekende verbinding"),
    ],
)
def test_errors_in_dutch(capsys: pytest.CaptureFixture[str], args, dutch: str) -> None:
    assert main([*args, "--lang", "nl"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and dutch in err


def test_language_from_environment(monkeypatch, capsys) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    monkeypatch.delenv("MGCOACH_LANG", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert main(["serum", "0.8", "mmol/L"]) == 0
    assert "Binnen het referentiebereik" in capsys.readouterr().out


def test_dutch_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["targets", "--age", "32", "--sex", "female", "--pregnant", "--lang", "nl"]) == 0
    out = capsys.readouterr().out
    assert "Zwangerschap, 31–50 jaar" in out and "Kalium" in out


def test_dutch_json_keeps_keys_and_translates_text(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["serum", "0.4", "mmol/L", "--json", "--lang", "nl"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status_detail"] == "severe_low" and "arts" in data["advice"]


def test_console_script_runs_without_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mgcoach", "serum", "0.8", "nonsense"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_help_is_translated() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mgcoach", "serum", "--help", "--lang", "nl"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and "serum" in proc.stdout
    assert "Reken een serummagnesiumwaarde om en beoordeel die." in proc.stdout


def test_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example"]) == 0
    out = capsys.readouterr().out
    assert "80.8 mg" in out and "320 mg" in out


@pytest.mark.parametrize(
    ("args", "code", "fields", "words"),
    [
        (["targets", "--age", "250", "--sex", "female"], "invalid_profile", ["age"], "250"),
        (["--lang", "nl", "targets", "--age", "250", "--sex", "female"], "invalid_profile",
         ["age"], "leeftijd"),
        (["targets", "--age", "30", "--frobnicate"], "usage", [], "--frobnicate"),
        (["--lang", "nl", "targets", "--frobnicate"], "usage", [], "Onbekende optie"),
    ],
)  # fmt: skip
def test_json_error_object_on_stdout(capsys, args, code, fields, words) -> None:
    """With --json a refused run prints the error as JSON on stdout as well (the API's error
    keys: code, message, params; plus the fields and the exit code), in the user's language,
    without the CLI's "(see --age)" hint; stderr keeps its one line."""
    import json

    assert main([*args, "--json"]) == 2
    out = capsys.readouterr()
    error = json.loads(out.out)["error"]
    assert (error["code"], error["fields"], error["exit_code"]) == (code, fields, 2)
    assert words.lower() in error["message"].lower()
    assert "(see" not in error["message"] and "(zie" not in error["message"]
    assert out.err.startswith("Error: ") or out.err.startswith("Fout: ")


def test_no_json_error_object_without_json(capsys) -> None:
    assert main(["targets", "--age", "250", "--sex", "female"]) == 2
    assert capsys.readouterr().out == ""
