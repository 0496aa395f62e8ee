"""The journal commands: profile, log, entries, edit, delete and day.

Every command takes ``--profile NAME`` (default: MGCOACH_PROFILE, else "default"). The
database stack is imported inside the commands, as in cli/foods.py.
"""

from datetime import date, datetime
from typing import Annotated, Any

import typer

from ..i18n import _
from .output import print_json

ProfileOpt = Annotated[
    str | None,
    typer.Option("--profile", help=_("Whose journal (default: MGCOACH_PROFILE or 'default').")),
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help=_("The day: YYYY-MM-DD, today, yesterday or -N (default today).")),
]
TimeOpt = Annotated[
    str | None,
    typer.Option("--time", help=_("Clock time HH:MM (default: now, when logging for today).")),
]
NoteOpt = Annotated[str | None, typer.Option("--note", help=_("A free note with the entry."))]
AsOpt = Annotated[
    str | None,
    typer.Option(
        "--as",
        help=_(
            "What the dose is: compound (the whole tablet's mg) or elemental (the magnesium "
            "itself). Needed when the label or the dose does not say."
        ),
    ),
]


def _when(
    profile: str | None, day_text: str | None, time_text: str | None, note: str | None
) -> Any:
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


def _logged(entry: Any, json_: bool, *, changed: bool = False) -> None:
    from ..contract.journal import entry_json
    from ..knowledge import load_knowledge
    from . import journal_views

    kb = load_knowledge()
    if json_:
        print_json(entry_json(kb, entry))
    else:
        journal_views.render_logged(kb, entry, changed=changed)


def _option_name(field: str) -> str:
    """An EntryChanges field as `edit` spells its option: dose_mg -> --dose-mg."""
    from ..services.journal_log import api_field

    return "--" + api_field(field).replace("_", "-")


def _db() -> Any:
    from ..storage.database import open_database

    return open_database()


def register_profile(app: typer.Typer, json_type: Any, lang_type: Any, check_lang: Any) -> None:
    profile = typer.Typer(help=_("Profiles: who the journal is for."), no_args_is_help=True)
    app.add_typer(profile, name="profile")

    @profile.command("set", help=_("Create a profile or change what is given."))
    def set_(
        age: Annotated[float | None, typer.Option(help=_("Age in years."))] = None,
        sex: Annotated[str | None, typer.Option(help=_("female or male."))] = None,
        pregnant: Annotated[
            bool | None, typer.Option("--pregnant/--not-pregnant", help=_("Pregnant."))
        ] = None,
        lactating: Annotated[
            bool | None, typer.Option("--lactating/--not-lactating", help=_("Breastfeeding."))
        ] = None,
        system: Annotated[str | None, typer.Option(help=_("us, efsa, nl, uk or dach."))] = None,
        weight_kg: Annotated[float | None, typer.Option(help=_("Body weight in kg."))] = None,
        height_cm: Annotated[float | None, typer.Option(help=_("Height in cm."))] = None,
        egfr: Annotated[
            float | None, typer.Option(help=_("Kidney function: eGFR in mL/min/1.73 m²."))
        ] = None,
        dialysis: Annotated[
            bool | None, typer.Option("--dialysis/--no-dialysis", help=_("On dialysis."))
        ] = None,
        activity: Annotated[
            str | None,
            typer.Option(help=_("Activity level for the energy target, e.g. moderate.")),
        ] = None,
        med: Annotated[
            list[str] | None,
            typer.Option(
                help=_(
                    "A medicine, its times and how often: NAME@HH:MM[,HH:MM...][/FREQUENCY], "
                    "FREQUENCY daily (the default), weekly:mon[,thu...] (mon … sun or ma … zo) or "
                    "every:Nd:YYYY-MM-DD (every N days from that date), e.g. "
                    "alendronate@07:00/weekly:mon; repeat."
                )
            ),
        ] = None,
        no_meds: Annotated[
            bool, typer.Option("--no-meds", help=_("Remove all medicines from the profile."))
        ] = False,
        profile_: ProfileOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..contract.journal import profile_json
        from ..knowledge import load_knowledge
        from ..services.journal import ProfileChanges, profile_name, set_profile
        from . import journal_views

        meds = [] if no_meds else med
        given = ProfileChanges(
            age=age, sex=sex, pregnant=pregnant, lactating=lactating, system=system,
            weight_kg=weight_kg, height_cm=height_cm, egfr=egfr, dialysis=dialysis,
            activity=activity, meds=meds,
        )  # fmt: skip
        person = set_profile(
            _db(), load_knowledge(), profile_name(profile_), given, datetime.now().date()
        )
        if json_:
            print_json(profile_json(person))
        else:
            journal_views.render_profile(person)

    @profile.command(help=_("Show a profile."))
    def show(profile_: ProfileOpt = None, json_: json_type = False, lang: lang_type = None) -> None:
        check_lang(lang)
        from ..contract.journal import profile_json
        from ..services.journal import profile_name, show_profile
        from . import journal_views

        person = show_profile(_db(), profile_name(profile_))
        if json_:
            print_json(profile_json(person))
        else:
            journal_views.render_profile(person)

    @profile.command("list", help=_("List the profiles."))
    def list_(json_: json_type = False, lang: lang_type = None) -> None:
        check_lang(lang)
        from ..contract.journal import profile_json
        from ..services.journal import list_profiles
        from . import journal_views

        people = list_profiles(_db())
        if json_:
            print_json([profile_json(p) for p in people])
        else:
            journal_views.render_profiles(people)


def register_log(app: typer.Typer, json_type: Any, lang_type: Any, check_lang: Any) -> None:
    log = typer.Typer(
        help=_("Log what you eat, take and feel (one entry per command)."), no_args_is_help=True
    )
    app.add_typer(log, name="log")

    @log.command(help=_('A food and its amount, e.g. almonds "30 g" or usda:12061 "1/4 cup".'))
    def food(
        food: Annotated[str, typer.Argument(help=_("A food name, id (usda:12061) or barcode."))],
        amount: Annotated[
            str, typer.Argument(help=_('The amount: "30 g", "1/2 cup", "2 slices".'))
        ],
        profile_: ProfileOpt = None,
        date_: DateOpt = None,
        time: TimeOpt = None,
        note: NoteOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..services.journal_log import log_food

        _logged(log_food(_db(), _when(profile_, date_, time, note), food, amount), json_)

    @log.command(
        help=_("A magnesium supplement: COMPOUND DOSE_MG --as compound|elemental, or --label TEXT.")
    )
    def supplement(
        compound: Annotated[
            str | None, typer.Argument(help=_("Compound, e.g. citrate or 'magnesium oxide'."))
        ] = None,
        dose_mg: Annotated[
            float | None,
            typer.Argument(help=_("Dose in mg: the whole tablet, or the magnesium (see --as).")),
        ] = None,
        label: Annotated[
            str | None,
            typer.Option(help=_("A label line, e.g. 'Magnesium (as citrate) 200 mg'.")),
        ] = None,
        as_: AsOpt = None,
        elemental: Annotated[
            bool,
            typer.Option(help=_("DOSE_MG is elemental magnesium (the same as --as elemental).")),
        ] = False,
        profile_: ProfileOpt = None,
        date_: DateOpt = None,
        time: TimeOpt = None,
        note: NoteOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..knowledge import load_knowledge
        from ..services.journal_log import log_supplement

        entry = log_supplement(
            _db(), load_knowledge(), _when(profile_, date_, time, note), compound, dose_mg, label,
            basis=as_, elemental=elemental,
        )  # fmt: skip
        _logged(entry, json_)

    @log.command(help=_("A medicine taken at a time (the day's interaction check uses it)."))
    def med(
        name: Annotated[str, typer.Argument(help=_("The medicine, e.g. levothyroxine."))],
        profile_: ProfileOpt = None,
        date_: DateOpt = None,
        time: TimeOpt = None,
        note: NoteOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..knowledge import load_knowledge
        from ..services.journal_log import log_medication

        entry = log_medication(_db(), load_knowledge(), _when(profile_, date_, time, note), name)
        _logged(entry, json_)

    @log.command(help=_("A symptom: cramp, soreness, twitch, fatigue, headache or another sign."))
    def symptom(
        name: Annotated[str, typer.Argument(help=_("What you felt, e.g. cramp or kramp."))],
        count: Annotated[
            int | None, typer.Option(help=_("How many times (cramps, twitches)."))
        ] = None,
        severity: Annotated[
            float | None, typer.Option(help=_("How bad, 0 (none) to 10 (worst)."))
        ] = None,
        where: Annotated[str | None, typer.Option(help=_("Where, e.g. calf or thighs."))] = None,
        night: Annotated[
            bool | None, typer.Option("--night/--day", help=_("At night (cramps)."))
        ] = None,
        profile_: ProfileOpt = None,
        date_: DateOpt = None,
        time: TimeOpt = None,
        note: NoteOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..knowledge import load_knowledge
        from ..services.journal_log import log_symptom

        entry = log_symptom(
            _db(), load_knowledge(), _when(profile_, date_, time, note), name,
            count=count, severity=severity, location=where, night=night,
        )  # fmt: skip
        _logged(entry, json_)

    @log.command(help=_("Sleep: hours and quality 0-10."))
    def sleep(
        hours: Annotated[float, typer.Argument(help=_("Hours slept."))],
        quality: Annotated[
            float | None, typer.Option(help=_("Quality, 0 (very poor) to 10 (excellent)."))
        ] = None,
        profile_: ProfileOpt = None,
        date_: DateOpt = None,
        time: TimeOpt = None,
        note: NoteOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..services.journal_log import log_sleep

        _logged(log_sleep(_db(), _when(profile_, date_, time, note), hours, quality), json_)

    @log.command(help=_("A training session: type, minutes and effort (RPE 0-10)."))
    def training(
        activity: Annotated[str, typer.Argument(help=_("What, e.g. running or strength."))],
        minutes: Annotated[float, typer.Argument(help=_("How long, in minutes."))],
        rpe: Annotated[
            float | None, typer.Option(help=_("Effort, 0 (rest) to 10 (maximal)."))
        ] = None,
        profile_: ProfileOpt = None,
        date_: DateOpt = None,
        time: TimeOpt = None,
        note: NoteOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..services.journal_log import log_training

        when = _when(profile_, date_, time, note)
        _logged(log_training(_db(), when, activity, minutes, rpe), json_)

    @log.command(help=_("A serum magnesium result: VALUE UNIT, e.g. 0.72 mmol/L."))
    def lab(
        value: Annotated[float, typer.Argument(help=_("The serum magnesium value."))],
        unit: Annotated[str, typer.Argument(help=_("mmol/L, mg/dL or mEq/L."))],
        profile_: ProfileOpt = None,
        date_: DateOpt = None,
        time: TimeOpt = None,
        note: NoteOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..knowledge import load_knowledge
        from ..services.journal_log import log_lab

        when = _when(profile_, date_, time, note)
        _logged(log_lab(_db(), load_knowledge(), when, value, unit), json_)

    @log.command("note", help=_("A free note."))
    def note_(
        text: Annotated[str, typer.Argument(help=_("The note."))],
        profile_: ProfileOpt = None,
        date_: DateOpt = None,
        time: TimeOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..services.journal_log import log_note

        _logged(log_note(_db(), _when(profile_, date_, time, text)), json_)


def register_entries(app: typer.Typer, json_type: Any, lang_type: Any, check_lang: Any) -> None:
    @app.command(help=_("List journal entries (one day, or --from/--to)."))
    def entries(
        date_: DateOpt = None,
        from_: Annotated[str | None, typer.Option("--from", help=_("First day."))] = None,
        to: Annotated[str | None, typer.Option("--to", help=_("Last day."))] = None,
        kind: Annotated[
            list[str] | None,
            typer.Option(help=_("Only this kind (food, supplement, ...).")),
        ] = None,
        profile_: ProfileOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..contract.journal import entry_json
        from ..knowledge import load_knowledge
        from ..services.journal import profile_name
        from ..services.journal_log import entry_kinds, entry_range, list_entries
        from . import journal_views

        start, end = entry_range(date_, from_, to, date.today())
        kinds = entry_kinds(kind)
        person, found = list_entries(_db(), profile_name(profile_), start, end, kinds)
        kb = load_knowledge()
        if json_:
            print_json([entry_json(kb, e) for e in found])
        else:
            journal_views.render_entries(kb, person.name, found)

    @app.command(help=_("Change an entry: its day, time, note or values."))
    def edit(
        entry_id: Annotated[int, typer.Argument(help=_("The entry's id (see mgcoach entries)."))],
        date_: DateOpt = None,
        time: Annotated[str | None, typer.Option(help=_("New clock time HH:MM."))] = None,
        no_time: Annotated[bool, typer.Option("--no-time", help=_("Remove the time."))] = False,
        note: NoteOpt = None,
        food: Annotated[str | None, typer.Option(help=_("Another food (same amount)."))] = None,
        amount: Annotated[str | None, typer.Option(help=_("New amount of the food."))] = None,
        dose_mg: Annotated[float | None, typer.Option(help=_("New supplement dose in mg."))] = None,
        as_: Annotated[
            str | None,
            typer.Option(
                "--as",
                help=_(
                    "Correct what a supplement's dose is: compound (the whole tablet) or "
                    "elemental (the magnesium itself); its magnesium is worked out again."
                ),
            ),
        ] = None,
        count: Annotated[int | None, typer.Option(help=_("New count."))] = None,
        severity: Annotated[float | None, typer.Option(help=_("New severity 0-10."))] = None,
        where: Annotated[str | None, typer.Option(help=_("New location."))] = None,
        hours: Annotated[float | None, typer.Option(help=_("New hours of sleep."))] = None,
        quality: Annotated[float | None, typer.Option(help=_("New sleep quality 0-10."))] = None,
        minutes: Annotated[float | None, typer.Option(help=_("New training minutes."))] = None,
        rpe: Annotated[float | None, typer.Option(help=_("New effort 0-10."))] = None,
        value: Annotated[float | None, typer.Option(help=_("New lab value."))] = None,
        unit: Annotated[str | None, typer.Option(help=_("New lab unit."))] = None,
        profile_: ProfileOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
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
            minutes=minutes, rpe=rpe, value=value, unit=unit,
        )  # fmt: skip
        try:
            entry = edit_entry(_db(), load_knowledge(), profile_name(profile_), entry_id, given)
        except UnfitChangeError as error:
            raise error.spelled(_option_name) from None
        _logged(entry, json_, changed=True)

    @app.command(help=_("Delete entries by id (all or none)."))
    def delete(
        entry_ids: Annotated[list[int], typer.Argument(help=_("Entry ids."))],
        profile_: ProfileOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..services.journal import profile_name
        from ..services.journal_log import delete_entries
        from .output import console

        count = delete_entries(_db(), profile_name(profile_), entry_ids)
        if json_:
            print_json({"deleted": count, "ids": entry_ids})
        else:
            console.print(_("Deleted {count} entries.").format(count=count))

    @app.command(help=_("One day assessed: intake against target, sources, safety, risk."))
    def day(
        day_: Annotated[
            str | None,
            typer.Argument(metavar="DATE", help=_("The day (default today)."), show_default=False),
        ] = None,
        profile_: ProfileOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..contract.journal import day_json
        from ..journal.dates import parse_day
        from ..knowledge import load_knowledge
        from ..services.day import day_report
        from ..services.journal import profile_name
        from . import journal_views

        kb = load_knowledge()
        name = profile_name(profile_)
        result = day_report(_db(), kb, name, parse_day(day_, date.today()))
        if json_:
            print_json(day_json(kb, result, name))
        else:
            journal_views.render_day(kb, result, name)
