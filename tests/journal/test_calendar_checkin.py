"""A running N-of-1 experiment's daily check-in is in the calendar (services/calendar.py,
contract/calendar.py ``_checkin_event``): every evening at experiment.toml's reminder time, in
the person's zone, to the experiment's last day (expanded across a daylight-saving change);
stopped, it is gone. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from mgcoach.contract.calendar import calendar_json
from mgcoach.contract.ics import to_ics
from mgcoach.knowledge import KnowledgeBase
from mgcoach.knowledge.experiments import load_experiment_facts
from mgcoach.services import experiments
from mgcoach.services.calendar import calendar_plan
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.storage.database import Database

ZONE = "Europe/Amsterdam"
START = date(2026, 3, 16)  # the clocks go forward on 2026-03-29


def _calendar(db: Database, kb: KnowledgeBase, day: date) -> Calendar:
    now = datetime.combine(day, time(9), tzinfo=ZoneInfo(ZONE))
    answer = calendar_json(kb, calendar_plan(db, kb, "default", ZONE, now=now))
    return Calendar.from_ical(to_ics(answer, now))


def test_the_check_in_is_reminded_every_evening_until_the_end(
    db: Database, kb: KnowledgeBase
) -> None:
    set_profile(db, kb, "default", ProfileChanges(age=40, sex="female", egfr=95), START)
    design = experiments.start(db, kb, "default", "night_cramps", today=START).design
    at = load_experiment_facts().design.reminder
    calendar = _calendar(db, kb, START)
    checkins = [e for e in calendar.events if "check in" in str(e["SUMMARY"])]
    assert len(checkins) == 1
    assert "How many muscle cramps" in str(checkins[0]["DESCRIPTION"])
    found = recurring_ical_events.of(calendar).between(START, design.end + timedelta(days=30))
    evenings = [e.start for e in found if "check in" in str(e["SUMMARY"])]
    assert len(evenings) == (design.end - START).days + 1  # each day to the last, no more
    assert {moment.strftime("%H:%M") for moment in evenings} == {at}
    assert {moment.utcoffset() for moment in evenings} == {timedelta(hours=1), timedelta(hours=2)}
    experiments.stop(db, kb, "default", "side effects", today=START + timedelta(days=3))
    after = _calendar(db, kb, START + timedelta(days=3))
    assert not [e for e in after.events if "check in" in str(e["SUMMARY"])]


def test_no_check_in_beside_a_red_flag(db: Database, kb: KnowledgeBase) -> None:
    """Chest pain logged while an experiment still runs: the calendar's one note says to call
    the emergency number; no check-in reminder (and no dose) sits beside it."""
    from mgcoach.services.journal_log import When, log_symptom

    set_profile(db, kb, "default", ProfileChanges(age=40, sex="female", egfr=95), START)
    experiments.start(db, kb, "default", "night_cramps", today=START)
    day = START + timedelta(days=2)
    log_symptom(db, kb, When("default", day, 600), "chest pain")
    events = list(_calendar(db, kb, day).events)
    assert len(events) == 1
    assert "emergency" in str(events[0]["DESCRIPTION"]).lower()
