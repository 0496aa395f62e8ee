"""`mgcoach schedule`: the plan's dose times as calendar reminders (services/calendar.py and
contract/calendar.py), the same events as ``GET /api/v1/schedule.ics``. With ``--ics FILE`` an
iCalendar file to import (``-``: to standard output); without, the events in short or as JSON.

No ``from __future__ import annotations``: Typer reads the option types at run time."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import N_, _, ngettext
from .journal import ProfileOpt, db
from .output import console, emit, plain, say
from .paths import writable_place
from .root import Json, Lang, app, check_lang

if TYPE_CHECKING:
    from ..contract.calendar import CalendarAnswer

STDOUT = "-"

IcsOpt = Annotated[
    str | None,
    typer.Option(
        "--ics",
        help=N_("Write an iCalendar file to import into a calendar app ('-': to standard output)."),
        show_default=False,
    ),
]
TzOpt = Annotated[
    str | None,
    typer.Option(
        "--tz",
        help=N_("The time zone of the times, such as Europe/Amsterdam (default: this machine's)."),
        show_default=False,
    ),
]


@app.command(
    help=N_(
        "The dose times of today's plan as calendar reminders: repeating events with the "
        "medicine spacing, as an iCalendar file (--ics) or a list."
    )
)
def schedule(
    ics: IcsOpt = None,
    tz: TzOpt = None,
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from datetime import UTC, datetime

    from ..contract.calendar import calendar_json
    from ..contract.ics import to_ics
    from ..knowledge import load_knowledge
    from ..services.calendar import calendar_plan, time_zone, write_calendar
    from ..services.journal import profile_name

    zone = time_zone(tz)
    if ics is not None and ics != STDOUT:
        writable_place(Path(ics))
    kb = load_knowledge()
    now = datetime.now(UTC)
    answer = calendar_json(kb, calendar_plan(db(), kb, profile_name(profile_), zone, now=now))
    if ics is None:
        emit(answer, json_, lambda: render_events(answer))
        return
    data = to_ics(answer, now)
    if ics == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_calendar(Path(ics), data)
    summary = {"file": ics, "events": len(answer["events"]), "time_zone": zone}
    emit(summary, json_, lambda: _wrote(answer, ics))


def _wrote(answer: "CalendarAnswer", file: str) -> None:
    count = len(answer["events"])
    say(
        ngettext(
            "Wrote {count} calendar event ({zone}) to {file}.",
            "Wrote {count} calendar events ({zone}) to {file}.",
            count,
        ),
        count=count,
        zone=answer["time_zone"],
        file=file,
    )


def render_events(answer: "CalendarAnswer") -> None:
    """Each event on a line (time, what, which days), after the calendar's description."""
    console.print(plain(answer["name"]))
    console.print(plain(answer["description"]))
    for event in answer["events"]:
        when = event["time"] or _("all day")
        console.print(
            f"{plain(when)}  {plain(event['summary'])}  ({plain(event['days'] or event['start'])})"
        )
