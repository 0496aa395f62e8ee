"""The journal's entries: list, edit and delete them, and one day assessed.

No ``from __future__ import annotations``: Typer reads the option types at run time.
"""

from datetime import date
from typing import Annotated

import typer

from ..i18n import N_
from .journal import DateOpt, NoteOpt, ProfileOpt, db, logged
from .output import emit
from .root import Json, Lang, app, check_lang

DayArg = Annotated[
    str | None,
    typer.Argument(metavar="DATE", help=N_("The day (default today)."), show_default=False),
]


def _option_name(field: str) -> str:
    """An EntryChanges field as `edit` spells its option: dose_mg -> --dose-mg."""
    from ..services.journal_log import api_field

    return "--" + api_field(field).replace("_", "-")


@app.command(help=N_("List journal entries (one day, or --from/--to)."))
def entries(
    date_: DateOpt = None,
    from_: Annotated[str | None, typer.Option("--from", help=N_("First day."))] = None,
    to: Annotated[str | None, typer.Option("--to", help=N_("Last day."))] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(help=N_("Only this kind (food, supplement, ...).")),
    ] = None,
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract.journal import entry_json
    from ..knowledge import load_knowledge
    from ..services.journal import profile_name
    from ..services.journal_log import entry_kinds, entry_range, list_entries
    from . import journal_views

    start, end = entry_range(date_, from_, to, date.today())
    kinds = entry_kinds(kind)
    person, found = list_entries(db(), profile_name(profile_), start, end, kinds)
    kb = load_knowledge()
    data = [entry_json(kb, e) for e in found]
    emit(data, json_, lambda: journal_views.render_entries(kb, person.name, found))


@app.command(help=N_("Change an entry: its day, time, note or values."))
def edit(
    entry_id: Annotated[int, typer.Argument(help=N_("The entry's id (see mgcoach entries)."))],
    date_: DateOpt = None,
    time: Annotated[str | None, typer.Option(help=N_("New clock time HH:MM."))] = None,
    no_time: Annotated[bool, typer.Option("--no-time", help=N_("Remove the time."))] = False,
    note: NoteOpt = None,
    food: Annotated[str | None, typer.Option(help=N_("Another food (same amount)."))] = None,
    amount: Annotated[str | None, typer.Option(help=N_("New amount of the food."))] = None,
    dose_mg: Annotated[float | None, typer.Option(help=N_("New supplement dose in mg."))] = None,
    as_: Annotated[
        str | None,
        typer.Option(
            "--as",
            help=N_(
                "Correct what a supplement's dose is: compound (the whole tablet) or "
                "elemental (the magnesium itself); its magnesium is worked out again."
            ),
        ),
    ] = None,
    count: Annotated[int | None, typer.Option(help=N_("New count."))] = None,
    severity: Annotated[float | None, typer.Option(help=N_("New severity 0-10."))] = None,
    where: Annotated[str | None, typer.Option(help=N_("New location."))] = None,
    hours: Annotated[float | None, typer.Option(help=N_("New hours of sleep."))] = None,
    quality: Annotated[float | None, typer.Option(help=N_("New sleep quality 0-10."))] = None,
    minutes: Annotated[float | None, typer.Option(help=N_("New training minutes."))] = None,
    rpe: Annotated[float | None, typer.Option(help=N_("New effort 0-10."))] = None,
    value: Annotated[float | None, typer.Option(help=N_("New lab value."))] = None,
    unit: Annotated[str | None, typer.Option(help=N_("New lab unit."))] = None,
    kg: Annotated[float | None, typer.Option(help=N_("New body weight in kg."))] = None,
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..engine.clock import parse_time
    from ..journal.dates import parse_day
    from ..knowledge import load_knowledge
    from ..services.journal import profile_name
    from ..services.journal_log import EntryChanges, UnfitChangeError, edit_entry

    given = EntryChanges(
        day=parse_day(date_, date.today()) if date_ is not None else None,
        time=parse_time(time) if time is not None else None, clear_time=no_time,
        note=note, amount=amount, food=food, dose_mg=dose_mg, basis=as_, count=count,
        severity=severity, location=where, hours=hours, quality=quality,
        minutes=minutes, rpe=rpe, value=value, unit=unit, kg=kg,
    )  # fmt: skip
    try:
        entry = edit_entry(db(), load_knowledge(), profile_name(profile_), entry_id, given)
    except UnfitChangeError as error:
        raise error.spelled(_option_name) from None
    logged(entry, json_, changed=True)


@app.command(help=N_("Delete entries by id (all or none)."))
def delete(
    entry_ids: Annotated[list[int], typer.Argument(help=N_("Entry ids."))],
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..i18n import ngettext
    from ..services.journal import profile_name
    from ..services.journal_log import delete_entries
    from .output import console

    count = delete_entries(db(), profile_name(profile_), entry_ids)
    message = ngettext("Deleted {count} entry.", "Deleted {count} entries.", count).format(
        count=count
    )
    emit({"deleted": count, "ids": entry_ids}, json_, lambda: console.print(message))


@app.command(help=N_("One day assessed: intake against target, sources, safety, risk."))
def day(
    day_: DayArg = None,
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract.day import day_json
    from ..journal.dates import parse_day
    from ..knowledge import load_knowledge
    from ..services.day import day_report
    from ..services.journal import profile_name

    kb = load_knowledge()
    name = profile_name(profile_)
    result = day_report(db(), kb, name, parse_day(day_, date.today()))

    def render() -> None:
        from . import journal_views  # the tables (and their engine) only when shown

        journal_views.render_day(kb, result, name)

    emit(day_json(kb, result, name), json_, render)
