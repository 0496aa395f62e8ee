"""JSON for `mgcoach schedule --json`: the plan's dose times as calendar events (the same events
``mgcoach schedule --ics`` and ``GET /api/v1/schedule.ics`` write with contract/ics.py).

Each magnesium dose of the plan is one event that repeats on the days of its schedule: every
day, or the days of a medicine not taken daily (contract/calendar_days.py). Its UID names the
profile and which dose it is (the first of the day, the second…, of which schedule), never its
time, so a calendar app moves the event when the plan moves the dose. Its description says the
dose in mg of elemental magnesium, the form, whether with a meal, and each medicine's spacing
with its sources.

When the plan has no dose (the safety gate stops or sends to a doctor, or no time keeps the
medicines' spacing), there are no dose events at all: a calendar that still reminded of a dose
would contradict the plan. One all-day note on today says why instead, so a subscriber whose
reminders stop sees the reason where they look, and the calendar's description says it too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

from typing_extensions import TypedDict

from ..i18n import N_, get_language, translate
from ..journal.frequency import capitalised, on_weekdays
from ..knowledge import KnowledgeBase
from ..services.calendar import CalendarPlan
from .calendar_days import CODES, DayPattern, day_patterns
from .check import InteractionJson
from .common import documented
from .plan import PlanAnswer, plan_json
from .schedule import DaysScheduleJson, DoseJson, ScheduleJson

EventKind = Literal["dose", "reminder", "note"]
REMINDER_KEY = re.compile(r"[A-Za-z0-9-]{1,64}")
UID_DOMAIN = "mgcoach"
_TIMED = "timing"
UNTIL_TEXT = N_(
    "These reminders run until {date} (a medicine not taken daily shifts over the weekdays): "
    "make the calendar again before then; a subscribed calendar renews itself."
)


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder every day at ``at`` (HH:MM) besides the doses, such as an experiment's daily
    check-in; ``key`` names it in its UID (letters, digits and dashes), the texts are shown as
    given (translated by the caller)."""

    key: str
    at: str
    summary: str
    description: str

    def __post_init__(self) -> None:
        if not REMINDER_KEY.fullmatch(self.key):
            raise ValueError(f"a reminder key is letters, digits and dashes, not {self.key!r}")
        time.fromisoformat(self.at)  # HH:MM, or ValueError


@documented
class CalendarEventJson(TypedDict):
    """One event: a dose that repeats, a daily reminder, or an all-day note."""

    uid: str
    """The same for the same dose of the same profile on every export."""
    kind: EventKind
    """dose, reminder or note (no dose: why)."""
    summary: str
    """The title, in the reader's language."""
    description: str
    """The details, in the reader's language."""
    time: str | None
    """HH:MM local time; null for the all-day note."""
    mg: float | None
    """Elemental magnesium of a dose, in mg."""
    days: str
    """On which days, in words."""
    start: str
    """The first day, YYYY-MM-DD."""
    rrule: str | None
    """How it repeats (RFC 5545 RRULE); null for a single day or listed days."""
    skip_dates: list[str]
    """Days the rule leaves out (EXDATE), YYYY-MM-DD."""
    more_dates: list[str]
    """Days added to it (RDATE), YYYY-MM-DD."""


@documented
class CalendarAnswer(TypedDict):
    """The dose schedule as calendar events (`mgcoach schedule --json`)."""

    profile: str
    """Whose plan."""
    date: str
    """The day of the plan, YYYY-MM-DD (today in the time zone)."""
    time_zone: str
    """The IANA time zone of the times."""
    status: str
    """The safety gate's verdict."""
    name: str
    """The calendar's name."""
    description: str
    """What the calendar holds, or why it holds no dose."""
    sequence: int
    """The version of the events: higher after every change to the journal."""
    events: list[CalendarEventJson]
    """The events."""


def uid(kind: str, key: str) -> str:
    return f"{kind}.{key}@{UID_DOMAIN}"


def _group_key(group: Sequence[tuple[str, str]]) -> str:
    text = "\n".join(sorted(f"{drug}\t{freq}" for drug, freq in group))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _rrule(pattern: DayPattern, at: str | None, zone: str) -> str | None:
    if pattern.freq is None:
        return None
    parts = [f"FREQ={pattern.freq}"]
    if pattern.interval > 1:
        parts.append(f"INTERVAL={pattern.interval}")
    if pattern.byday:
        parts.append("BYDAY=" + ",".join(pattern.byday))
    if pattern.until is not None and at is None:  # all day: the last day itself
        parts.append("UNTIL=" + pattern.until.strftime("%Y%m%d"))
    elif pattern.until is not None:
        moment = datetime.combine(pattern.until, time.fromisoformat(at or "23:59"))
        utc = moment.replace(tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))
        parts.append("UNTIL=" + utc.strftime("%Y%m%dT%H%M%SZ"))
    return ";".join(parts)


def _spacing(items: list[InteractionJson]) -> list[str]:
    """Each medicine's spacing rule, with its times and sources."""
    lines = []
    for item in items:
        sources = ", ".join(item["sources"])
        times = ", ".join(item["drug_times"]) or "—"
        lines.append(
            translate(
                N_("{drug} ({times}): {rule} Sources: {sources}."),
                {
                    "drug": item["drug_given"],
                    "times": times,
                    "rule": item["message"],
                    "sources": sources,
                },
            )
        )
    return lines


def _with_meal(kb: KnowledgeBase, at: str) -> bool:
    """Whether a dose at ``at`` falls with a meal, as the plan's clock marks it."""
    dosing = kb.advice.dosing
    minutes = time.fromisoformat(at).hour * 60 + time.fromisoformat(at).minute
    window = dosing.meal_window_minutes.value
    return any(abs(minutes - meal) <= window for meal in dosing.meal_times.minutes)


@dataclass(frozen=True, slots=True)
class _Schedule:
    """One of the plan's schedules with its days, the medicines that shaped it and its key."""

    schedule: ScheduleJson
    pattern: DayPattern | None
    days: str
    medicines: list[InteractionJson]
    key: str


def _other_days(groups: list[DaysScheduleJson], pattern: DayPattern | None) -> str:
    """The everyday schedule's days in words: every day, the other weekdays, or the days
    without the medicines not taken daily."""
    if not groups:
        return translate(N_("Every day"))
    if pattern is not None and pattern.byday:
        weekdays = tuple(CODES.index(code) for code in pattern.byday)
        return capitalised(on_weekdays(weekdays)).get(get_language())
    drugs = ", ".join(dict.fromkeys(drug for group in groups for drug in group["drugs"]))
    return translate(N_("On days without {drugs}"), {"drugs": drugs})


def _schedules(answer: PlanAnswer, today: date) -> list[_Schedule]:
    supplement = answer["supplement"]
    if supplement is None:
        return []
    groups = supplement["schedule_on_days"]
    everyday, on_days = day_patterns(groups, today)
    timed = [i for i in answer["safety"]["interactions"] if i["kind"] == _TIMED]
    daily = [i for i in timed if i["frequency"] == "daily"]
    every_day = _other_days(groups, everyday)
    found = [_Schedule(supplement["schedule"], everyday, every_day, daily, "daily")]
    for group, pattern in zip(groups, on_days, strict=True):
        pairs = list(zip(group["drugs"], group["frequencies"], strict=True))
        theirs = [i for i in timed if (i["drug_given"], i["frequency"]) in pairs]
        key = "days-" + _group_key(pairs)
        found.append(_Schedule(group, pattern, group["days"], daily + theirs, key))
    return found


def _amount(value: float) -> str:
    return f"{round(value):d}"


def _dose_text(kb: KnowledgeBase, answer: PlanAnswer, found: _Schedule, dose: DoseJson) -> str:
    supplement = answer["supplement"]
    assert supplement is not None
    form = supplement["form"]
    fraction = form["elemental_fraction"] or 1.0
    lines = [
        translate(
            N_("{mg} mg elemental magnesium as {compound} (about {compound_mg} mg of it)."),
            {
                "mg": _amount(dose["mg"]),
                "compound": form["compound_name"],
                "compound_mg": _amount(dose["mg"] / fraction),
            },
        )
    ]
    if _with_meal(kb, dose["time"]):
        lines.append(translate(N_("Take it with a meal.")))
    lines += _build_up(answer)
    lines.append(translate(N_("Days: {days}."), {"days": found.days}))
    if found.pattern is not None and found.pattern.until is not None:
        lines.append(translate(UNTIL_TEXT, {"date": found.pattern.until.isoformat()}))
    if found.medicines:
        lines += ["", translate(N_("Spacing from your medicines:")), *_spacing(found.medicines)]
    notes = [note["text"] for note in found.schedule["notes"]]
    if answer["status"] != "supplement":
        notes.insert(0, answer["gate"]["headline"])
    if notes:
        lines += ["", *notes]
    return "\n".join([*lines, "", _footer(answer)])


def _build_up(answer: PlanAnswer) -> list[str]:
    """The plan's weekly build-up to the full dose, for someone starting out (the events are
    at the full dose: a calendar read again every day cannot count the weeks)."""
    supplement = answer["supplement"]
    steps = [] if supplement is None else supplement["titration"]
    if len(steps) < 2:
        return []
    weeks = ", ".join(
        translate(N_("week {week}: {mg} mg"), {"week": s["week"], "mg": _amount(s["daily_mg"])})
        for s in steps
    )
    build_up = N_("Starting out? Build up week by week to the full amount a day: {weeks}.")
    return [translate(build_up, {"weeks": weeks})]


def _footer(answer: PlanAnswer) -> str:
    return translate(
        N_("From your Mg Coach plan of {date}: it informs, it does not diagnose."),
        {"date": answer["date"]},
    )


def _event(
    kind: EventKind, key: str, summary: str, text: str, at: str | None, pattern: DayPattern,
    days: str, zone: str, mg: float | None = None,
) -> CalendarEventJson:  # fmt: skip
    return {
        "uid": uid(kind, key),
        "kind": kind,
        "summary": summary,
        "description": text,
        "time": at,
        "mg": mg,
        "days": days,
        "start": pattern.start.isoformat(),
        "rrule": _rrule(pattern, at, zone),
        "skip_dates": [day.isoformat() for day in pattern.skip],
        "more_dates": [day.isoformat() for day in pattern.more],
    }


def _checkin_event(result: CalendarPlan) -> CalendarEventJson:
    """A running experiment's daily check-in, every evening to its last day."""
    checkin = result.checkin
    assert checkin is not None
    lang = get_language()
    summary = translate(N_("Mg Coach experiment: check in"))
    text = translate(
        N_(
            "{question} Answer it, and whether you took today's dose, in Mg Coach's check-in. "
            "Until {until}."
        ),
        {"question": checkin.question.get(lang), "until": checkin.until.isoformat()},
    )
    pattern = DayPattern(start=result.today, until=checkin.until)
    days = translate(N_("Every day"))
    return _event("reminder", f"checkin.{result.key}", summary, text, checkin.at, pattern, days,
                  result.zone)  # fmt: skip


def _dose_events(
    kb: KnowledgeBase, answer: PlanAnswer, result: CalendarPlan
) -> list[CalendarEventJson]:
    events = []
    for found in _schedules(answer, result.today):
        if found.pattern is None:
            continue
        for index, dose in enumerate(found.schedule["doses"], start=1):
            meal = _with_meal(kb, dose["time"])
            title = N_("Magnesium {mg} mg with a meal") if meal else N_("Magnesium {mg} mg")
            events.append(
                _event(
                    "dose", f"{index}-{found.key}.{result.key}",
                    translate(title, {"mg": _amount(dose["mg"])}),
                    _dose_text(kb, answer, found, dose), dose["time"], found.pattern,
                    found.days, result.zone, mg=dose["mg"],
                )
            )  # fmt: skip
        if not found.schedule["doses"]:  # no time fits on these days: say so on them
            lines = [translate(N_("Days: {days}."), {"days": found.days})]
            lines += [note["text"] for note in found.schedule["notes"]]
            text = "\n".join([*lines, "", _footer(answer)])
            title = translate(N_("No magnesium dose on these days"))
            key = f"{found.key}.{result.key}"
            events.append(
                _event("note", key, title, text, None, found.pattern, found.days, result.zone)
            )
    return events


def _why_none(answer: PlanAnswer) -> str:
    """Why the plan has no dose time: the gate's verdict and reasons, or the schedule's notes."""
    lines = [answer["gate"]["headline"]]
    lines += [reason["message"] for reason in answer["gate"]["reasons"]]
    supplement = answer["supplement"]
    if supplement is not None:
        lines += [note["text"] for note in supplement["schedule"]["notes"]]
    return "\n".join(dict.fromkeys(line for line in lines if line))


def calendar_json(
    kb: KnowledgeBase, result: CalendarPlan, reminders: Sequence[Reminder] = ()
) -> CalendarAnswer:
    """The plan's doses (and ``reminders``) as events; with no dose, one note on today."""
    answer = plan_json(kb, result.plan)
    today = DayPattern(start=result.today)
    events = _dose_events(kb, answer, result)
    if any(event["kind"] == "dose" for event in events):
        description = translate(
            N_("Magnesium doses from your Mg Coach plan, in {zone}."), {"zone": result.zone}
        )
    else:
        description = _why_none(answer)
        summary = translate(N_("Mg Coach: no magnesium doses for now"))
        text = "\n\n".join([description, _footer(answer)])
        once = DayPattern(start=result.today, freq=None)
        events = [_event("note", f"none.{result.key}", summary, text, None, once, "", result.zone)]
    for reminder in reminders:
        events.append(
            _event(
                "reminder", f"{reminder.key}.{result.key}", reminder.summary,
                reminder.description, reminder.at, today, translate(N_("Every day")), result.zone,
            )
        )  # fmt: skip
    # The check-in only beside doses: when the gate stops them, its note is all the calendar
    # says (the next check-in would stop the experiment for safety anyway).
    if result.checkin is not None and any(event["kind"] == "dose" for event in events):
        events.append(_checkin_event(result))
    return {
        "profile": result.plan.profile,
        "date": answer["date"],
        "time_zone": result.zone,
        "status": answer["status"],
        "name": translate(N_("Mg Coach: {profile}"), {"profile": result.plan.profile}),
        "description": description,
        "sequence": result.sequence,
        "events": events,
    }
