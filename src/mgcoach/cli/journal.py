"""The journal's shared options and helpers, and the ``profile`` commands (the ``log``
commands are in journal_log.py; entries, edit, delete and day in journal_entries.py).

Every command takes ``--profile NAME`` (default: MGCOACH_PROFILE, else "default"). The
database stack is imported inside the commands, as in cli/foods.py. No ``from __future__
import annotations``: Typer reads the option types at run time.
"""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import N_
from .output import emit
from .root import Json, Lang, check_lang, profile

if TYPE_CHECKING:
    from ..journal.model import Entry
    from ..services.database import Database
    from ..services.journal_log import When

ProfileOpt = Annotated[
    str | None,
    typer.Option("--profile", help=N_("Whose journal (default: MGCOACH_PROFILE or 'default').")),
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help=N_("The day: YYYY-MM-DD, today, yesterday or -N (default today).")),
]
TimeOpt = Annotated[
    str | None,
    typer.Option("--time", help=N_("Clock time HH:MM (default: now, when logging for today).")),
]
NoteOpt = Annotated[str | None, typer.Option("--note", help=N_("A free note with the entry."))]
MedOpt = Annotated[
    list[str] | None,
    typer.Option(
        help=N_(
            "A medicine, its times and how often: NAME@HH:MM[,HH:MM...][/FREQUENCY], "
            "FREQUENCY daily (the default), weekly:mon[,thu...] (mon … sun or ma … zo) or "
            "every:Nd:YYYY-MM-DD (every N days from that date), e.g. "
            "alendronate@07:00/weekly:mon; repeat."
        )
    ),
]


def when(
    profile: str | None, day_text: str | None, time_text: str | None, note: str | None
) -> "When":
    """Whose entry, on which day, at what time (now, for today), with which note."""
    from ..engine.clock import parse_time
    from ..journal.dates import parse_day
    from ..services.journal import profile_name
    from ..services.journal_log import When

    now = datetime.now()
    day = parse_day(day_text, now.date())
    time: int | None
    if time_text is not None:
        time = parse_time(time_text)
    else:
        time = now.hour * 60 + now.minute if day == now.date() else None
    return When(profile=profile_name(profile), day=day, time=time, note=note)


def logged(entry: "Entry", json_: bool, *, changed: bool = False) -> None:
    """The entry just written (or changed), as JSON or in words."""
    from ..contract.journal import entry_json
    from ..knowledge import load_knowledge
    from . import journal_views

    kb = load_knowledge()

    def render() -> None:
        journal_views.render_logged(kb, entry, changed=changed)

    emit(entry_json(kb, entry), json_, render)


def db() -> "Database":
    from ..services.database import open_database

    return open_database()


@profile.command("set", help=N_("Create a profile or change what is given."))
def set_(
    age: Annotated[float | None, typer.Option(help=N_("Age in years."))] = None,
    sex: Annotated[str | None, typer.Option(help=N_("female or male."))] = None,
    pregnant: Annotated[
        bool | None, typer.Option("--pregnant/--not-pregnant", help=N_("Pregnant."))
    ] = None,
    lactating: Annotated[
        bool | None, typer.Option("--lactating/--not-lactating", help=N_("Breastfeeding."))
    ] = None,
    system: Annotated[str | None, typer.Option(help=N_("us, efsa, nl, uk or dach."))] = None,
    weight_kg: Annotated[float | None, typer.Option(help=N_("Body weight in kg."))] = None,
    height_cm: Annotated[float | None, typer.Option(help=N_("Height in cm."))] = None,
    egfr: Annotated[
        float | None, typer.Option(help=N_("Kidney function: eGFR in mL/min/1.73 m²."))
    ] = None,
    dialysis: Annotated[
        bool | None, typer.Option("--dialysis/--no-dialysis", help=N_("On dialysis."))
    ] = None,
    activity: Annotated[
        str | None,
        typer.Option(help=N_("Activity level for the energy target, e.g. moderate.")),
    ] = None,
    med: MedOpt = None,
    no_meds: Annotated[
        bool, typer.Option("--no-meds", help=N_("Remove all medicines from the profile."))
    ] = False,
    reason: Annotated[
        list[str] | None,
        typer.Option(
            help=N_(
                "Why you came: cramps (night cramps), soreness (muscle soreness, slow "
                "recovery), sleep or intake (just checking your intake); repeat for more. "
                "Replaces the reasons stored."
            )
        ),
    ] = None,
    no_reasons: Annotated[
        bool, typer.Option("--no-reasons", help=N_("Remove the reasons from the profile."))
    ] = False,
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract.journal import profile_json
    from ..knowledge import load_knowledge
    from ..services.journal import ProfileChanges, profile_name, set_profile
    from . import journal_views

    given = ProfileChanges(
        age=age, sex=sex, pregnant=pregnant, lactating=lactating, system=system,
        weight_kg=weight_kg, height_cm=height_cm, egfr=egfr, dialysis=dialysis,
        activity=activity, meds=[] if no_meds else med,
        reasons=[] if no_reasons else reason,
    )  # fmt: skip
    today = datetime.now().date()
    person = set_profile(db(), load_knowledge(), profile_name(profile_), given, today)
    emit(profile_json(person), json_, lambda: journal_views.render_profile(person))


@profile.command(help=N_("Show a profile."))
def show(profile_: ProfileOpt = None, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..contract.journal import profile_json
    from ..services.journal import profile_name, show_profile
    from . import journal_views

    person = show_profile(db(), profile_name(profile_))
    emit(profile_json(person), json_, lambda: journal_views.render_profile(person))


@profile.command("list", help=N_("List the profiles."))
def list_(json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..contract.journal import profile_json
    from ..services.journal import list_profiles
    from . import journal_views

    people = list_profiles(db())
    data = [profile_json(p) for p in people]
    emit(data, json_, lambda: journal_views.render_profiles(people))
