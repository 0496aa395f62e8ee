"""The dose schedule as an iCalendar file (services/calendar.py, contract/calendar.py,
contract/ics.py), parsed back with icalendar and expanded with recurring-ical-events: wall
times across daylight-saving changes, weekly and every-N-days medicines, stable UIDs while the
plan changes, no dose when the gate stops it, and Dutch text."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar, Event

from mgcoach.contract.calendar import CalendarAnswer, Reminder, calendar_json
from mgcoach.contract.ics import ALARM_MINUTES, to_ics
from mgcoach.errors import InputError
from mgcoach.i18n import set_language
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.calendar import calendar_plan, time_zone
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import When, log_food
from mgcoach.storage.database import Database

UTC = ZoneInfo("UTC")


def _person(db: Database, kb: KnowledgeBase, day: date, meds: list[str]) -> None:
    """A 35-year-old man of 80 kg who ate 100 g of white rice on ``day``: 350 mg a day in
    three doses; levothyroxine at 17:00 moves the evening dose to 21:00."""
    changes = ProfileChanges(age=35, sex="male", weight_kg=80, meds=meds)
    set_profile(db, kb, "default", changes, day)
    log_food(db, When(profile="default", day=day, time=8 * 60), "white rice", "100 g")


def _answer(
    db: Database, kb: KnowledgeBase, day: date, zone: str, reminders: tuple[Reminder, ...] = ()
) -> CalendarAnswer:
    now = datetime.combine(day, time(9), tzinfo=ZoneInfo(zone))
    return calendar_json(kb, calendar_plan(db, kb, "default", zone, now=now), reminders)


def _parsed(answer: CalendarAnswer) -> Calendar:
    return Calendar.from_ical(to_ics(answer, datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)))


def _between(calendar: Calendar, first: date, last: date) -> list[Event]:
    found = recurring_ical_events.of(calendar).between(first, last + timedelta(days=1))
    return sorted(found, key=lambda event: str(event.start))  # all-day ones are dates


@pytest.mark.parametrize(
    ("zone", "change"),
    [
        ("Europe/Amsterdam", date(2026, 3, 29)),
        ("Europe/Amsterdam", date(2026, 10, 25)),
        ("America/New_York", date(2026, 3, 8)),
        ("America/New_York", date(2026, 11, 1)),
    ],
)
def test_doses_keep_their_wall_time_across_a_daylight_saving_change(
    db: Database, kb: KnowledgeBase, zone: str, change: date
) -> None:
    day = change - timedelta(days=5)
    _person(db, kb, day, ["levothyroxine@17:00"])
    answer = _answer(db, kb, day, zone)
    assert [event["time"] for event in answer["events"]] == ["08:00", "12:30", "21:00"]
    assert [event["rrule"] for event in answer["events"]] == ["FREQ=DAILY"] * 3
    calendar = _parsed(answer)
    assert [tz.tz_name for tz in calendar.timezones] == [zone]
    occurrences = _between(calendar, change - timedelta(days=1), change + timedelta(days=1))
    assert len(occurrences) == 9  # three doses on each of three days
    for event in occurrences:
        start = event.start
        assert start.tzinfo is not None and str(start.tzinfo) == zone
        assert start.strftime("%H:%M") in {"08:00", "12:30", "21:00"}
    before = [e.start for e in occurrences if e.start.date() == change - timedelta(days=1)]
    after = [e.start for e in occurrences if e.start.date() == change + timedelta(days=1)]
    shifts = {
        (b.astimezone(UTC) - a.astimezone(UTC)) - timedelta(days=2)
        for a, b in zip(before, after, strict=True)
    }
    # The same wall time two days later is one hour earlier (spring) or later (autumn) in UTC.
    spring = change.month < 7
    assert shifts == {timedelta(hours=-1) if spring else timedelta(hours=1)}


def test_each_dose_has_its_dose_form_meal_spacing_and_an_alarm(
    db: Database, kb: KnowledgeBase
) -> None:
    day = date(2026, 5, 4)
    _person(db, kb, day, ["levothyroxine@17:00"])
    calendar = _parsed(_answer(db, kb, day, "Europe/Amsterdam"))
    assert str(calendar["X-WR-CALNAME"]) == "Mg Coach: default"
    events = calendar.events
    assert [str(e["SUMMARY"]) for e in events] == [
        "Magnesium 117 mg with a meal",
        "Magnesium 117 mg with a meal",
        "Magnesium 116 mg",
    ]
    text = str(events[2]["DESCRIPTION"])
    assert text.startswith("116 mg elemental magnesium as Magnesium citrate")
    assert "Take it with a meal" not in text and "Take it with a meal" in str(
        events[0]["DESCRIPTION"]
    )
    assert "levothyroxine (17:00): Keep at least 4 hours between" in text
    assert "Sources: Labels, FDB-MONO." in text
    assert "to the full amount a day: week 1: 100 mg, week 2: 150 mg" in text
    assert "week 6: 350 mg." in text and "week 7" not in text
    for event in events:
        assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert event.end - event.start == timedelta(minutes=15)
        (alarm,) = event.subcomponents
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm["TRIGGER"].dt == timedelta(minutes=-ALARM_MINUTES)
        assert event["DTSTAMP"].dt == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_uids_stay_while_the_plan_moves_the_dose(db: Database, kb: KnowledgeBase) -> None:
    day = date(2026, 5, 4)
    _person(db, kb, day, ["levothyroxine@17:00"])
    first = _answer(db, kb, day, "Europe/Amsterdam")
    set_profile(db, kb, "default", ProfileChanges(meds=["levothyroxine@16:30"]), day)
    second = _answer(db, kb, day, "Europe/Amsterdam")
    assert [e["uid"] for e in first["events"]] == [e["uid"] for e in second["events"]]
    assert len({e["uid"] for e in first["events"]}) == 3
    assert [e["time"] for e in second["events"]] == ["08:00", "12:30", "20:30"]
    assert "(16:30)" in second["events"][2]["description"]
    assert "(17:00)" in first["events"][2]["description"]
    assert second["sequence"] > first["sequence"]
    parsed = _parsed(second).events
    assert [int(e["SEQUENCE"]) for e in parsed] == [second["sequence"]] * 3


def test_a_weekly_medicine_gets_its_own_weekdays(db: Database, kb: KnowledgeBase) -> None:
    day = date(2026, 5, 3)  # a Sunday
    _person(db, kb, day, ["levothyroxine@17:00", "alendronate@07:00/weekly:mon,thu"])
    answer = _answer(db, kb, day, "Europe/Amsterdam")
    calendar = _parsed(answer)
    rules = {str(e["UID"]): e["RRULE"] for e in calendar.events}
    by_day = sorted(tuple(rule["BYDAY"]) for rule in rules.values())
    assert by_day.count(("MO", "TH")) + by_day.count(("TU", "WE", "FR", "SA", "SU")) == len(rules)
    assert {tuple(rule["FREQ"]) for rule in rules.values()} == {("WEEKLY",)}
    week = _between(calendar, date(2026, 5, 4), date(2026, 5, 10))
    days = {event.start.date() for event in week}
    assert days == {date(2026, 5, 4) + timedelta(days=n) for n in range(7)}
    monday = [e for e in week if e.start.date() == date(2026, 5, 4)]
    assert "alendronate (07:00)" in str(monday[0]["DESCRIPTION"])
    tuesday = [e for e in week if e.start.date() == date(2026, 5, 5)]
    assert all("alendronate" not in str(e["DESCRIPTION"]) for e in tuesday)
    mondays = [e for e in answer["events"] if e["days"] == "On Mondays and Thursdays"]
    assert mondays and all(e["start"] == "2026-05-04" for e in mondays)


def test_a_medicine_every_three_days_leaves_its_days_out_of_the_daily_rule(
    db: Database, kb: KnowledgeBase
) -> None:
    day = date(2026, 5, 4)
    _person(db, kb, day, ["alendronate@07:00/every:3d:2026-05-05"])
    calendar = _parsed(_answer(db, kb, day, "Europe/Amsterdam"))
    occurrences = _between(calendar, day, day + timedelta(days=20))
    spaced = "alendronate (07:00)"
    on_days = {e.start.date() for e in occurrences if spaced in str(e["DESCRIPTION"])}
    assert on_days == {date(2026, 5, 5) + timedelta(days=3 * n) for n in range(7)}
    for when in {e.start.date() for e in occurrences}:
        that_day = [e for e in occurrences if e.start.date() == when]
        # one schedule a day: every dose of the day from the same one
        assert len({(spaced in str(e["DESCRIPTION"])) for e in that_day}) == 1
    rules = [e["RRULE"] for e in calendar.events]
    assert all("UNTIL" in rule for rule in rules)
    assert any(rule.get("INTERVAL") == [3] for rule in rules)
    assert "These reminders run until" in str(calendar.events[0]["DESCRIPTION"])


def test_no_dose_events_when_the_gate_stops_the_supplement(db: Database, kb: KnowledgeBase) -> None:
    day = date(2026, 5, 4)
    _person(db, kb, day, [])
    set_profile(db, kb, "default", ProfileChanges(egfr=20), day)
    answer = _answer(db, kb, day, "Europe/Amsterdam")
    assert answer["status"] == "doctor_only"
    (note,) = answer["events"]
    assert (note["kind"], note["time"], note["mg"], note["rrule"]) == ("note", None, None, None)
    calendar = _parsed(answer)
    (event,) = calendar.events
    assert event.start == day and not event.subcomponents  # all day, no alarm
    assert "kidney function" in str(event["DESCRIPTION"])
    assert "kidney function" in str(calendar["X-WR-CALDESC"])


def test_an_extra_daily_reminder_repeats_at_its_time(db: Database, kb: KnowledgeBase) -> None:
    day = date(2026, 3, 24)
    _person(db, kb, day, [])
    check_in = Reminder(key="check-in-7", at="21:30", summary="Check-in", description="How?")
    calendar = _parsed(_answer(db, kb, day, "Europe/Amsterdam", (check_in,)))
    found = [e for e in calendar.events if str(e["SUMMARY"]) == "Check-in"]
    assert [str(e["UID"]).split(".")[:2] for e in found] == [["reminder", "check-in-7"]]
    days = _between(calendar, date(2026, 3, 28), date(2026, 3, 30))
    assert [e.start.strftime("%H:%M") for e in days if str(e["SUMMARY"]) == "Check-in"] == [
        "21:30"
    ] * 3


def test_dutch_text(db: Database, kb: KnowledgeBase) -> None:
    day = date(2026, 5, 3)
    _person(db, kb, day, ["alendronate@07:00/weekly:mon"])
    set_language("nl")
    answer = _answer(db, kb, day, "Europe/Amsterdam")
    assert "Op maandag" in {e["days"] for e in answer["events"]}
    assert all("Magnesium" in e["summary"] for e in answer["events"])


def test_time_zones_are_checked() -> None:
    assert time_zone("europe/amsterdam") == "Europe/Amsterdam"
    assert time_zone("America/New_York") == "America/New_York"
    for bad in ("Mars/Olympus", "../../etc/passwd", "x" * 200):
        with pytest.raises(InputError) as caught:
            time_zone(bad)
        assert caught.value.fields == ("tz",)
    assert time_zone(None)  # the machine's own, or UTC


def test_days_where_no_time_fits_get_a_note_and_no_dose(db: Database, kb: KnowledgeBase) -> None:
    day = date(2026, 5, 3)  # a Sunday
    _person(db, kb, day, ["dolutegravir@07:00,13:00,19:00,23:00/weekly:mon"])
    answer = _answer(db, kb, day, "Europe/Amsterdam")
    assert [e["kind"] for e in answer["events"]] == ["dose", "dose", "dose", "note"]
    calendar = _parsed(answer)
    week = _between(calendar, date(2026, 5, 4), date(2026, 5, 10))
    monday = [e for e in week if e.start == date(2026, 5, 4)]
    assert [str(e["SUMMARY"]) for e in monday] == ["No magnesium dose on these days"]
    assert "No time between" in str(monday[0]["DESCRIPTION"]) and not monday[0].subcomponents
    doses = [e for e in week if isinstance(e.start, datetime)]
    assert len(doses) == 18 and date(2026, 5, 4) not in {e.start.date() for e in doses}


def test_a_reminder_key_names_it_plainly() -> None:
    with pytest.raises(ValueError, match="letters, digits and dashes"):
        Reminder(key="check in@x", at="21:30", summary="s", description="d")
    with pytest.raises(ValueError):
        Reminder(key="check-in", at="25:00", summary="s", description="d")
