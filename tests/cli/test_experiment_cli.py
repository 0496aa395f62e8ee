"""``mgcoach experiment``: start, the one-command check-in, status, result and stop, with the
JSON contract the API and the page share (contract/experiment.py), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mgcoach.cli.main import main
from tests.cli.running import run_error, run_json
from tests.cli.test_journal_cli import backend as backend  # a fixture
from tests.cli.test_journal_cli import make_profile

KEYS = {
    "profile", "id", "status", "stop_reason", "outcome", "design", "allocation", "periods",
    "effect", "interval", "method", "adherence", "verdict", "today", "sources",
}  # fmt: skip


@pytest.mark.usefixtures("backend")
def test_start_checkin_status_result_stop(capsys: pytest.CaptureFixture[str]) -> None:
    make_profile(capsys, "--egfr", "90")
    today = date.today()
    started = run_json(
        capsys, "experiment", "start", "night_cramps", "--period-days", "7", "--pairs", "8"
    )
    assert set(started) == KEYS
    design = started["design"]
    assert (design["start"], design["days"], design["washout_days"]) == (today.isoformat(), 112, 3)
    assert design["end"] == (today + timedelta(days=111)).isoformat()
    assert len(started["allocation"]) == 8 and len(started["periods"]) == 16
    assert design["blinded"] is False and design["dose_mg"] > 0
    assert started["verdict"]["code"] == "running"
    checked = run_json(capsys, "experiment", "checkin", "2", "--not-taken")
    assert checked["today"] | {"period": None, "arm": None} == {
        "day": today.isoformat(), "period": None, "arm": None,
        "checked_in": True, "value": 2.0, "taken": False,
    }  # fmt: skip
    status = run_json(capsys, "experiment", "status")
    result = run_json(capsys, "experiment", "result")
    assert status == result  # one answer; no effect while it runs (no peeking)
    assert (result["effect"], result["interval"]) == (None, None)
    assert result["adherence"]["checked"] == 1
    assert result["method"]["analysis"] == "as_allocated"
    stopped = run_json(capsys, "experiment", "stop", "--reason", "a cold", "--side-effects")
    assert (stopped["status"], stopped["verdict"]["code"]) == ("stopped_safety", "stopped_safety")
    assert "not a result" in stopped["verdict"]["text"]


@pytest.mark.usefixtures("backend")
def test_people_see_the_schedule_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    make_profile(capsys, "--egfr", "90")
    assert main(["experiment", "start", "sleep_quality", "--lang", "nl"]) == 0
    out = capsys.readouterr().out
    assert "Slaapkwaliteit" in out  # the outcome's name, from experiment.toml
    assert date.today().isoformat() in out


@pytest.mark.usefixtures("backend")
def test_errors_say_why(capsys: pytest.CaptureFixture[str]) -> None:
    make_profile(capsys, "--egfr", "20")
    code, err = run_error(capsys, "experiment", "start", "night_cramps")
    assert code != 0 and "No experiment can start" in err and "doctor" in err
    code, err = run_error(capsys, "experiment", "start", "headache")
    assert code != 0 and "Unknown outcome headache" in err
    code, err = run_error(capsys, "experiment", "status")
    assert code != 0 and "There is no experiment yet" in err
    assert "mgcoach experiment start OUTCOME" in err  # the command line's hint (cli/hints.py)
    code, err = run_error(capsys, "experiment", "checkin", "1", "--taken")
    assert code != 0 and "No experiment is running" in err
    make_profile(capsys, "--egfr", "90")
    code, err = run_error(capsys, "experiment", "start", "soreness", "--pairs", "3")
    assert code != 0 and "6 to 10 pairs" in err
    code, err = run_error(capsys, "experiment", "start", "soreness", "--start", "2020-01-01")
    assert code != 0 and "never in the past" in err
    run_json(capsys, "experiment", "start", "soreness")
    code, err = run_error(capsys, "experiment", "checkin", "11", "--taken")
    assert code != 0 and "from 0 to 10" in err
