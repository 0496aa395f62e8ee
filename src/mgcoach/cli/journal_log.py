"""The ``log`` commands: one journal entry each (food, supplement, med, symptom, sleep,
training, lab, weight, note).

No ``from __future__ import annotations``: Typer reads the option types at run time.
"""

from typing import Annotated

import typer

from ..errors import InputError, about
from ..i18n import N_
from .journal import DateOpt, NoteOpt, ProfileOpt, TimeOpt, db, logged, when
from .root import Json, Lang, check_lang, log

AsOpt = Annotated[
    str | None,
    typer.Option(
        "--as",
        help=N_(
            "What the dose is: compound (the whole tablet's mg) or elemental (the magnesium "
            "itself). Needed when the label or the dose does not say."
        ),
    ),
]


MealOpt = Annotated[
    str | None,
    typer.Option(
        "--meal", help=N_("The meal: breakfast, lunch, dinner or snacks (ontbijt, diner …).")
    ),
]


@log.command(help=N_('A food and its amount, e.g. almonds "30 g" or usda:12061 "1/4 cup".'))
def food(
    food: Annotated[str, typer.Argument(help=N_("A food name, id (usda:12061) or barcode."))],
    amount: Annotated[str, typer.Argument(help=N_('The amount: "30 g", "1/2 cup", "2 slices".'))],
    meal: MealOpt = None,
    profile_: ProfileOpt = None,
    date_: DateOpt = None,
    time: TimeOpt = None,
    note: NoteOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..services.journal_log import log_food

    logged(log_food(db(), when(profile_, date_, time, note), food, amount, meal), json_)


@log.command(
    help=N_('A quick add: a label with its magnesium and energy, e.g. "lunch out" --mg 120.')
)
def quick(
    label: Annotated[str, typer.Argument(help=N_("What it was, e.g. 'lunch out'."))],
    mg: Annotated[float | None, typer.Option("--mg", help=N_("Magnesium in mg."))] = None,
    kcal: Annotated[float | None, typer.Option("--kcal", help=N_("Energy in kcal."))] = None,
    meal: MealOpt = None,
    profile_: ProfileOpt = None,
    date_: DateOpt = None,
    time: TimeOpt = None,
    note: NoteOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..services.journal_daily import quick_add

    logged(quick_add(db(), when(profile_, date_, time, note), label, mg, kcal, meal), json_)


@log.command(
    help=N_("A magnesium supplement: COMPOUND DOSE_MG --as compound|elemental, or --label TEXT.")
)
def supplement(
    compound: Annotated[
        str | None, typer.Argument(help=N_("Compound, e.g. citrate or 'magnesium oxide'."))
    ] = None,
    dose_mg: Annotated[
        float | None,
        typer.Argument(help=N_("Dose in mg: the whole tablet, or the magnesium (see --as).")),
    ] = None,
    label: Annotated[
        str | None,
        typer.Option(help=N_("A label line, e.g. 'Magnesium (as citrate) 200 mg'.")),
    ] = None,
    as_: AsOpt = None,
    elemental: Annotated[
        bool,
        typer.Option(help=N_("DOSE_MG is elemental magnesium (the same as --as elemental).")),
    ] = False,
    barcode: Annotated[
        str | None,
        typer.Option(help=N_("The product's barcode: its label's magnesium per unit is used.")),
    ] = None,
    units: Annotated[
        float, typer.Option(help=N_("With --barcode: how many capsules or tablets."))
    ] = 1.0,
    online: Annotated[
        bool,
        typer.Option(help=N_("With --barcode: look it up on Open Food Facts if not known here.")),
    ] = False,
    profile_: ProfileOpt = None,
    date_: DateOpt = None,
    time: TimeOpt = None,
    note: NoteOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..knowledge import load_knowledge
    from ..services.journal_log import log_supplement

    kb, moment = load_knowledge(), when(profile_, date_, time, note)
    if barcode is None:
        entry = log_supplement(
            db(), kb, moment, compound, dose_mg, label, basis=as_, elemental=elemental
        )
    elif compound is not None or dose_mg is not None or label is not None or elemental:
        raise InputError(
            N_("Give the barcode, the compound and dose, or the label line: one of them."),
            field="barcode",
        )
    else:
        from ..services.supplement_barcode import log_supplement_barcode

        entry = log_supplement_barcode(
            db(), kb, moment, barcode, units=units, basis=as_, online=online or None
        )
    logged(entry, json_)


@log.command(help=N_("A medicine taken at a time (the day's interaction check uses it)."))
def med(
    name: Annotated[str, typer.Argument(help=N_("The medicine, e.g. levothyroxine."))],
    profile_: ProfileOpt = None,
    date_: DateOpt = None,
    time: TimeOpt = None,
    note: NoteOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..knowledge import load_knowledge
    from ..services.journal_log import log_medication

    entry = log_medication(db(), load_knowledge(), when(profile_, date_, time, note), name)
    logged(entry, json_)


@log.command(help=N_("A symptom: cramp, soreness, twitch, fatigue, headache or another sign."))
def symptom(
    name: Annotated[str, typer.Argument(help=N_("What you felt, e.g. cramp or kramp."))],
    count: Annotated[
        int | None, typer.Option(help=N_("How many times (cramps, twitches)."))
    ] = None,
    severity: Annotated[
        float | None, typer.Option(help=N_("How bad, 0 (none) to 10 (worst)."))
    ] = None,
    where: Annotated[str | None, typer.Option(help=N_("Where, e.g. calf or thighs."))] = None,
    night: Annotated[
        bool | None, typer.Option("--night/--day", help=N_("At night (cramps)."))
    ] = None,
    profile_: ProfileOpt = None,
    date_: DateOpt = None,
    time: TimeOpt = None,
    note: NoteOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..knowledge import load_knowledge
    from ..services.journal_log import log_symptom

    entry = log_symptom(
        db(), load_knowledge(), when(profile_, date_, time, note), name,
        count=count, severity=severity, location=where, night=night,
    )  # fmt: skip
    logged(entry, json_)


@log.command(help=N_("Sleep: hours and quality 0-10."))
def sleep(
    hours: Annotated[float, typer.Argument(help=N_("Hours slept."))],
    quality: Annotated[
        float | None, typer.Option(help=N_("Quality, 0 (very poor) to 10 (excellent)."))
    ] = None,
    profile_: ProfileOpt = None,
    date_: DateOpt = None,
    time: TimeOpt = None,
    note: NoteOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..services.journal_log import log_sleep

    logged(log_sleep(db(), when(profile_, date_, time, note), hours, quality), json_)


@log.command(help=N_("A training session: type, minutes and effort (RPE 0-10)."))
def training(
    activity: Annotated[str, typer.Argument(help=N_("What, e.g. running or strength."))],
    minutes: Annotated[float, typer.Argument(help=N_("How long, in minutes."))],
    rpe: Annotated[float | None, typer.Option(help=N_("Effort, 0 (rest) to 10 (maximal)."))] = None,
    profile_: ProfileOpt = None,
    date_: DateOpt = None,
    time: TimeOpt = None,
    note: NoteOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..services.journal_log import log_training

    at = when(profile_, date_, time, note)
    logged(log_training(db(), at, activity, minutes, rpe), json_)


@log.command(help=N_("A serum magnesium result: VALUE UNIT, e.g. 0.72 mmol/L."))
def lab(
    value: Annotated[float, typer.Argument(help=N_("The serum magnesium value."))],
    unit: Annotated[str, typer.Argument(help=N_("mmol/L, mg/dL or mEq/L."))],
    profile_: ProfileOpt = None,
    date_: DateOpt = None,
    time: TimeOpt = None,
    note: NoteOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..knowledge import load_knowledge
    from ..services.journal_log import log_lab

    at = when(profile_, date_, time, note)
    logged(log_lab(db(), load_knowledge(), at, value, unit), json_)


@log.command(help=N_("Body weight in kg, e.g. 72.5: the targets from that day on use it."))
def weight(
    kg: Annotated[float, typer.Argument(help=N_("Body weight in kg."))],
    profile_: ProfileOpt = None,
    date_: DateOpt = None,
    time: TimeOpt = None,
    note: NoteOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..services.journal_log import log_weight

    logged(log_weight(db(), when(profile_, date_, time, note), kg), json_)


@log.command("note", help=N_("A free note."))
def note_(
    text: Annotated[str, typer.Argument(help=N_("The note."))],
    profile_: ProfileOpt = None,
    date_: DateOpt = None,
    time: TimeOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..services.journal_log import log_note

    logged(log_note(db(), when(profile_, date_, time, text)), json_)


@log.command(
    "copy", help=N_("Copy a day's foods and supplements, or one meal, e.g. --from yesterday.")
)
def copy_day(
    source: Annotated[
        str, typer.Option("--from", help=N_("The day to copy: YYYY-MM-DD, today or yesterday."))
    ],
    meal: MealOpt = None,
    profile_: ProfileOpt = None,
    date_: DateOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from datetime import date

    from ..contract.journal import entry_json
    from ..i18n import ngettext
    from ..journal.dates import parse_day
    from ..knowledge import load_knowledge
    from ..services.journal_daily import copy_entries
    from .output import emit, say

    with about("from"):
        day = parse_day(source, date.today())
    target = when(profile_, date_, None, None)
    copies = copy_entries(db(), target.profile, day, target, meal)
    kb = load_knowledge()
    message = ngettext(
        "Copied {count} entry from {source} to {day}.",
        "Copied {count} entries from {source} to {day}.",
        len(copies),
    )
    emit(
        [entry_json(kb, entry) for entry in copies],
        json_,
        lambda: say(message, count=len(copies), source=day.isoformat(), day=target.day.isoformat()),
    )
