"""The Typer commands. Each one parses its options, calls the engine and renders the result."""

from importlib.metadata import version as package_version
from typing import Annotated

import typer

from .. import contract
from ..errors import InputError
from ..i18n import LANGUAGES, N_, _
from ..knowledge import load_knowledge
from ..services import calculators
from . import views
from .assess import register_assess
from .catalogue import register_catalogue
from .foods import register_foods
from .journal import register_entries, register_log, register_profile
from .journal_data import register_data
from .journal_trend import register_trend
from .output import console, fmt, print_json
from .plan import register_plan
from .safety import register_safety
from .serve import register_serve


def _lang_option() -> object:
    return typer.Option(
        "--lang", help=_("Language of the output: {choices}.").format(choices=", ".join(LANGUAGES))
    )


def _check_lang(lang: str | None) -> None:
    if lang is not None and lang not in LANGUAGES:
        raise InputError(
            N_("Unknown language {lang}: use one of {choices}."),
            lang=lang,
            choices=", ".join(LANGUAGES),
        )


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"mgcoach {package_version('mgcoach')}")
        raise typer.Exit()


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="mgcoach",
        help=_("Mg Coach: magnesium and muscle-recovery facts, with their sources."),
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        # -h as well as --help, on every command (subcommands inherit it from the root).
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    json_help = _("Print JSON (a stable contract for scripts) instead of tables.")
    Json = Annotated[bool, typer.Option("--json", help=json_help)]  # noqa: N806
    Lang = Annotated[str | None, _lang_option()]  # noqa: N806

    @app.callback()
    def _options(
        lang: Lang = None,
        version: Annotated[
            bool,
            typer.Option(
                "--version",
                help=_("Show the version and exit."),
                callback=_show_version,
                is_eager=True,
            ),
        ] = False,
    ) -> None:
        _check_lang(lang)  # the language itself was chosen before parsing (cli/main.py)

    @app.command(help=_("Reference intakes and upper levels for a person, under one system."))
    def targets(
        sex: Annotated[str, typer.Option(help=_("female or male."))],
        age: Annotated[float | None, typer.Option(help=_("Age in years."))] = None,
        age_months: Annotated[int | None, typer.Option(help=_("Age in months (infants)."))] = None,
        pregnant: Annotated[bool, typer.Option(help=_("Pregnant."))] = False,
        lactating: Annotated[bool, typer.Option(help=_("Breastfeeding."))] = False,
        trimester: Annotated[int | None, typer.Option(help=_("Trimester: 1, 2 or 3."))] = None,
        postpartum_months: Annotated[
            int | None, typer.Option(help=_("Months since birth, while breastfeeding."))
        ] = None,
        system: Annotated[str, typer.Option(help=_("us, efsa, nl, uk or dach."))] = "us",
        weight_kg: Annotated[
            float | None, typer.Option(help=_("Body weight in kg (protein scales with it)."))
        ] = None,
        phytate_mg: Annotated[
            float | None,
            typer.Option(help=_("Daily phytate intake in mg (zinc); default: a mixed diet.")),
        ] = None,
        json_: Json = False,
        lang: Lang = None,
    ) -> None:
        _check_lang(lang)
        kb = load_knowledge()
        result = calculators.targets_result(
            kb,
            sex=sex,
            age=age,
            age_months=age_months,
            pregnant=pregnant,
            lactating=lactating,
            trimester=trimester,
            postpartum_months=postpartum_months,
            system=system,
            weight_kg=weight_kg,
            phytate_mg=phytate_mg,
        )
        if json_:
            print_json(contract.targets_json(kb, result))
        else:
            views.render_targets(kb, result)

    @app.command(help=_("Elemental magnesium in a supplement dose, or read from a label."))
    def elemental(
        compound: Annotated[
            str | None, typer.Argument(help=_("Compound, e.g. 'magnesium citrate'."))
        ] = None,
        dose_mg: Annotated[float | None, typer.Argument(help=_("Compound dose in mg."))] = None,
        label: Annotated[
            str | None,
            typer.Option(help=_("A label line, e.g. 'Magnesium (as citrate) 200 mg'.")),
        ] = None,
        elemental_mg: Annotated[
            float | None,
            typer.Option(help=_("Find the compound dose that gives this much magnesium.")),
        ] = None,
        json_: Json = False,
        lang: Lang = None,
    ) -> None:
        _check_lang(lang)
        kb = load_knowledge()
        result = calculators.elemental_result(
            kb, compound, dose_mg, label=label, elemental_mg=elemental_mg
        )
        if json_:
            print_json(contract.elemental_json(kb, result))
        else:
            views.render_elemental(result)

    @app.command(help=_("Convert an amount of magnesium between mg, g, mmol and mEq."))
    def amount(
        value: Annotated[float, typer.Argument(help=_("The amount."))],
        unit: Annotated[str, typer.Argument(help=_("mg, g, mmol or mEq."))],
        json_: Json = False,
        lang: Lang = None,
    ) -> None:
        _check_lang(lang)
        data = contract.amount_json(calculators.amount_result(value, unit))
        if json_:
            print_json(data)
        else:
            console.print(
                f"{fmt(data['mg'], 2, 'mg')} = {fmt(data['mmol'], 3, 'mmol')}"
                f" = {fmt(data['meq'], 3, 'mEq')}"
            )

    @app.command(help=_("Convert and classify a serum magnesium value."))
    def serum(
        value: Annotated[float, typer.Argument(help=_("The laboratory value."))],
        unit: Annotated[str, typer.Argument(help=_("mmol/L, mg/dL or mEq/L."))],
        lab_range: Annotated[
            str | None,
            typer.Option(help=_("Your laboratory's reference range in the same unit, LOW-HIGH.")),
        ] = None,
        json_: Json = False,
        lang: Lang = None,
    ) -> None:
        _check_lang(lang)
        kb = load_knowledge()
        result = calculators.serum_result(kb, value, unit, lab_range)
        if json_:
            print_json(contract.serum_json(kb, result))
        else:
            views.render_serum(result)

    @app.command(help=_("Calorie target: Mifflin–St Jeor BMR, activity and a weight goal."))
    def energy(
        age: Annotated[float, typer.Option(help=_("Age in years (adults)."))],
        sex: Annotated[str, typer.Option(help=_("female or male."))],
        activity: Annotated[
            str,
            typer.Option(
                help=_("Activity factor (1.2–1.9) or sedentary, light, moderate, very, extra.")
            ),
        ],
        weight_kg: Annotated[float | None, typer.Option(help=_("Weight in kg."))] = None,
        weight_lb: Annotated[float | None, typer.Option(help=_("Weight in pounds."))] = None,
        height_cm: Annotated[float | None, typer.Option(help=_("Height in cm."))] = None,
        height_in: Annotated[float | None, typer.Option(help=_("Height in inches."))] = None,
        goal_kg_per_week: Annotated[
            float | None,
            typer.Option(help=_("Weight change per week in kg: -1 to 1 (negative to lose).")),
        ] = None,
        goal_lb_per_week: Annotated[
            float | None,
            typer.Option(help=_("Weight change per week in pounds: -2 to 2 (negative to lose).")),
        ] = None,
        json_: Json = False,
        lang: Lang = None,
    ) -> None:
        _check_lang(lang)
        kb = load_knowledge()
        result = calculators.energy_result(
            kb,
            age=age,
            sex=sex,
            activity=activity,
            weight_kg=weight_kg,
            weight_lb=weight_lb,
            height_cm=height_cm,
            height_in=height_in,
            goal_kg_per_week=goal_kg_per_week,
            goal_lb_per_week=goal_lb_per_week,
        )
        if json_:
            print_json(contract.energy_json(kb, result))
        else:
            views.render_energy(result)

    register_catalogue(app, Json, Lang, _check_lang)
    register_safety(app, Json, Lang, _check_lang)
    register_assess(app, Json, Lang, _check_lang)
    register_foods(app, Json, Lang, _check_lang)
    register_profile(app, Json, Lang, _check_lang)
    register_log(app, Json, Lang, _check_lang)
    register_entries(app, Json, Lang, _check_lang)
    register_trend(app, Json, Lang, _check_lang)
    register_data(app, Json, Lang, _check_lang)
    register_plan(app, Json, Lang, _check_lang)
    register_serve(app, Lang, _check_lang)
    return app
