"""`mgcoach schedule`: the plan's dose times as an iCalendar file (--ics FILE, or - for standard
output) or as a list (--json); a folder, a missing folder or an unknown zone is one error line."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar

from mgcoach.cli.main import main
from tests.cli.running import run_error, run_json

pytestmark = pytest.mark.usefixtures("data_dir")

EVENT_KEYS = {
    "uid", "kind", "summary", "description", "time", "mg", "days", "start", "rrule",
    "skip_dates", "more_dates",
}  # fmt: skip
ANSWER_KEYS = {
    "profile", "date", "time_zone", "status", "name", "description", "sequence", "events",
}  # fmt: skip


@pytest.fixture
def person(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """A day's plan in Amsterdam and in New York whatever the hour: the machine's clock in
    Amsterdam (the journal's today), the food logged yesterday and today (New York's day is
    one of them)."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    run_json(
        capsys, "profile", "set", "--age", "35", "--sex", "male", "--med", "levothyroxine@17:00"
    )
    for day in ("yesterday", "today"):
        run_json(capsys, "log", "food", "white rice", "100 g", "--date", day)
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("person")
def test_the_events_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    answer = run_json(capsys, "schedule", "--tz", "America/New_York")
    assert set(answer) == ANSWER_KEYS and answer["time_zone"] == "America/New_York"
    assert [set(event) for event in answer["events"]] == [EVENT_KEYS] * 3
    assert [event["time"] for event in answer["events"]] == ["08:00", "12:30", "21:00"]
    assert [event["mg"] for event in answer["events"]] == [117.0, 117.0, 116.0]


@pytest.mark.usefixtures("person")
def test_an_ics_file_is_written_and_parses_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "doses.ics"
    summary = run_json(capsys, "schedule", "--ics", str(target), "--tz", "Europe/Amsterdam")
    assert summary == {"file": str(target), "events": 3, "time_zone": "Europe/Amsterdam"}
    calendar = Calendar.from_ical(target.read_bytes())
    assert [str(e["DTSTART"].params["TZID"]) for e in calendar.events] == ["Europe/Amsterdam"] * 3
    assert not list(tmp_path.glob("*.partial"))
    assert main(["schedule", "--ics", "-", "--tz", "Europe/Amsterdam"]) == 0
    printed = Calendar.from_ical(capsys.readouterr().out)
    assert [str(e["UID"]) for e in printed.events] == [str(e["UID"]) for e in calendar.events]


@pytest.mark.usefixtures("person")
def test_bad_places_and_zones_are_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, err = run_error(capsys, "schedule", "--ics", str(out))
    assert code == 2 and "is a folder" in err and "\n" not in err
    code, err = run_error(capsys, "schedule", "--ics", str(out / "none" / "x.ics"))
    assert code == 2 and "does not exist" in err
    code, err = run_error(capsys, "schedule", "--tz", "Mars/Olympus")
    assert code == 2 and err == (
        "Error: Unknown time zone Mars/Olympus: use a name such as Europe/Amsterdam or "
        "America/New_York. (see --tz)"
    )
    code, err = run_error(capsys, "schedule", "--ics", str(out / "x.ics"), "--tz", "Nowhere/X")
    assert code == 2 and not list(out.iterdir())


def test_an_unknown_profile_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run_error(capsys, "schedule", "--profile", "nobody")
    assert code == 2 and "nobody" in err
