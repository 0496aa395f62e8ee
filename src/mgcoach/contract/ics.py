"""The calendar events (contract/calendar.py) as an iCalendar file (RFC 5545), built with the
``icalendar`` library: each time in the person's zone (DTSTART with its TZID, and the zone's
VTIMEZONE so every app reads the same wall time on both sides of a daylight-saving change), a
stable UID, the SEQUENCE of this version with DTSTAMP and LAST-MODIFIED, and a display alarm
``ALARM_MINUTES`` before each dose. A dose takes ``EVENT_MINUTES`` and blocks no time (TRANSP
TRANSPARENT); the all-day note has no alarm.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vRecur, vText

from .calendar import CalendarAnswer, CalendarEventJson

PRODUCT = "-//Mg Coach//mgcoach schedule//EN"
EVENT_MINUTES = 15
ALARM_MINUTES = 5
# How often a subscribing app should read the calendar again (REFRESH-INTERVAL).
REFRESH_HOURS = 12


def _moment(day: str, at: str, zone: ZoneInfo) -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(at), tzinfo=zone)


def _on(day: str, at: str | None, zone: ZoneInfo) -> date | datetime:
    """A day at a time (in ``zone``), or the day itself for an all-day event."""
    return date.fromisoformat(day) if at is None else _moment(day, at, zone)


def _repeats(event: Event, item: CalendarEventJson, zone: ZoneInfo) -> None:
    """DTSTART, DTEND and how the event repeats: RRULE, EXDATE and RDATE."""
    at = item["time"]
    start = _on(item["start"], at, zone)
    event.add("dtstart", start)
    length = timedelta(days=1) if at is None else timedelta(minutes=EVENT_MINUTES)
    event.add("dtend", start + length)
    if item["rrule"] is not None:
        event.add("rrule", vRecur.from_ical(item["rrule"]))
    if item["skip_dates"]:
        event.add("exdate", [_on(day, at, zone) for day in item["skip_dates"]])
    if item["more_dates"]:
        event.add("rdate", [_on(day, at, zone) for day in item["more_dates"]])


def _alarm(event: Event, item: CalendarEventJson) -> None:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", item["summary"])
    alarm.add("trigger", timedelta(minutes=-ALARM_MINUTES))
    event.add_component(alarm)


def _event(item: CalendarEventJson, zone: ZoneInfo, sequence: int, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", item["uid"])
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", sequence)
    event.add("summary", item["summary"])
    event.add("description", item["description"])
    event.add("transp", "TRANSPARENT")
    _repeats(event, item, zone)
    if item["time"] is not None:
        _alarm(event, item)
    return event


def to_ics(answer: CalendarAnswer, stamp: datetime) -> bytes:
    """The events as one iCalendar file; ``stamp`` is when it was made (DTSTAMP)."""
    zone = ZoneInfo(answer["time_zone"])
    utc = stamp.astimezone(ZoneInfo("UTC")).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(answer["name"]))
    calendar.add("x-wr-caldesc", vText(answer["description"]))
    calendar.add("x-wr-timezone", answer["time_zone"])
    calendar.add(
        "refresh-interval", timedelta(hours=REFRESH_HOURS), parameters={"VALUE": "DURATION"}
    )
    calendar.add("x-published-ttl", f"PT{REFRESH_HOURS}H")
    for item in answer["events"]:
        calendar.add_component(_event(item, zone, answer["sequence"], utc))
    # The zone's changes from a year before the plan on (the library's default end, 2038).
    calendar.add_missing_timezones(
        first_date=date.fromisoformat(answer["date"]) - timedelta(days=366)
    )
    return bytes(calendar.to_ical())
