"""JSON for dose times: when to take magnesium in a day (each dose with its time, and how the
times were chosen), and the other schedules on the days of medicines not taken daily, with those
days in words. ``mgcoach check`` and ``mgcoach advise`` share these shapes.
"""

from __future__ import annotations

from typing_extensions import TypedDict

from ..engine.clock import format_time
from ..engine.other_days import DaySchedule
from ..engine.schedule import Schedule
from ..i18n import N_, get_language, translate
from ..journal.frequency import WEEKDAY_NAMES, capitalised, on_weekdays
from .common import NoteJson, documented, note_json, number


@documented
class DoseJson(TypedDict):
    """One dose at one time."""

    time: str
    """HH:MM."""
    mg: float
    """Elemental magnesium, in mg."""


@documented
class ScheduleJson(TypedDict):
    """When to take magnesium in a day."""

    times: list[str]
    """The dose times, HH:MM."""
    doses: list[DoseJson]
    """Each dose with its time."""
    doses_wanted: int
    """How many doses the day's amount needs."""
    free_slots: int
    """How many times of day are free of medicine conflicts."""
    notes: list[NoteJson]
    """How the times were chosen."""


@documented
class DaysScheduleJson(ScheduleJson):
    """The schedule on the days of a medicine not taken daily."""

    days: str
    """Which days, in words: "On Mondays", "On days you take x"."""
    weekdays: list[str]
    """The weekdays, when the days are weekdays (mon, tue, ...)."""
    drugs: list[str]
    """The medicines taken on those days."""
    frequencies: list[str]
    """How often each of them is taken."""


def schedule_json(schedule: Schedule) -> ScheduleJson:
    return {
        "times": list(schedule.clock_times),
        "doses": [
            {"time": format_time(t), "mg": number(mg)}
            for t, mg in zip(schedule.times, schedule.doses_mg, strict=False)
        ],
        "doses_wanted": schedule.wanted_doses,
        "free_slots": schedule.allowed_slots,
        "notes": [note_json(note) for note in schedule.notes],
    }


def days_text(group: DaySchedule) -> str:
    """Which days a schedule is for, to start a sentence: "On Mondays", "On days you take
    x and y"."""
    if group.weekdays:
        return capitalised(on_weekdays(group.weekdays)).get(get_language())
    if len(group.medications) == 1:
        return translate(N_("On days you take {drug}"), {"drug": group.drugs[0]})
    *first, last = group.drugs
    return translate(
        N_("On days you take {drugs} and {last}"), {"drugs": ", ".join(first), "last": last}
    )


def days_schedules_json(groups: tuple[DaySchedule, ...]) -> list[DaysScheduleJson]:
    """The schedules on the days of medicines not taken daily, each with its days."""
    return [
        {
            "days": days_text(group),
            "weekdays": [WEEKDAY_NAMES[day][0] for day in group.weekdays],
            "drugs": list(group.drugs),
            "frequencies": [med.frequency.spec for med in group.medications],
            **schedule_json(group.schedule),
        }
        for group in groups
    ]
