"""The safety and advice commands: check, advise, names (and assess, in assess.py)."""

from typing import Annotated, Any

import typer

from ..contract.advice import advice_json
from ..contract.check import check_json
from ..engine.advice import advise as make_plan
from ..engine.check import check as run_check
from ..engine.check import validate_egfr
from ..engine.clock import parse_take, parse_time, parse_times
from ..engine.compound_names import find_compound
from ..engine.interactions import MagnesiumDose, medications
from ..engine.names import find_concern, find_condition, known_names
from ..engine.profile import build_profile, parse_system
from ..engine.schedule import Preferences
from ..engine.serum import classify
from ..errors import InputError
from ..i18n import N_, _
from ..knowledge import KnowledgeBase, load_knowledge
from ..units import parse_serum_unit
from . import safety_views
from .output import print_json

# For the help text only; advise() checks a wish against the form needs of advice.toml.
NEEDS = ("gi_sensitive", "constipation", "fewer_tablets")


def doses(specs: list[str]) -> tuple[MagnesiumDose, ...]:
    found = [MagnesiumDose(mg=mg, times=times) for mg, times in map(parse_take, specs)]
    times = [t for dose in found for t in dose.times]
    if len(set(times)) != len(times):
        raise InputError(N_("Two magnesium doses are given at the same time: add them up."))
    return tuple(found)


def preferences(
    kb: KnowledgeBase,
    meals: str | None,
    evening: bool,
    with_meals: bool,
    awake: str | None,
    max_dose_mg: float | None,
) -> Preferences:
    awake_from = awake_until = None
    if awake is not None:
        start, dash, end = awake.partition("-")
        if not dash:
            raise InputError(N_("Give the waking hours as HH:MM-HH:MM, not {value}."), value=awake)
        awake_from, awake_until = parse_time(start), parse_time(end)
        if awake_from >= awake_until:
            raise InputError(
                N_("The waking hours must start before they end: {value}."), value=awake
            )
    if max_dose_mg is not None and not 25 <= max_dose_mg <= 1000:
        raise InputError(N_("The largest single dose must be from 25 to 1,000 mg."))
    return Preferences.from_dosing(
        kb.advice.dosing,
        meal_times=parse_times(meals, "--meals") if meals is not None else None,
        evening=evening,
        with_meals=with_meals,
        awake_from=awake_from,
        awake_until=awake_until,
        max_single_dose_mg=max_dose_mg,
    )


def register_safety(app: typer.Typer, json_type: Any, lang_type: Any, check_lang: Any) -> None:
    Age = Annotated[float, typer.Option(help=_("Age in years."))]  # noqa: N806
    Sex = Annotated[str, typer.Option(help=_("female or male."))]  # noqa: N806
    Pregnant = Annotated[bool, typer.Option(help=_("Pregnant."))]  # noqa: N806
    Lactating = Annotated[bool, typer.Option(help=_("Breastfeeding."))]  # noqa: N806
    SystemOpt = Annotated[str, typer.Option("--system", help=_("us, efsa, nl, uk or dach."))]  # noqa: N806
    Weight = Annotated[float | None, typer.Option(help=_("Body weight in kg."))]  # noqa: N806
    Egfr = Annotated[  # noqa: N806
        float | None, typer.Option(help=_("Kidney function: eGFR in mL/min/1.73 m²."))
    ]
    Dialysis = Annotated[bool, typer.Option(help=_("On dialysis."))]  # noqa: N806
    Med = Annotated[  # noqa: N806
        list[str] | None,
        typer.Option(help=_("A medicine and its daily times: NAME@HH:MM[,HH:MM...]; repeat.")),
    ]
    Condition = Annotated[  # noqa: N806
        list[str] | None,
        typer.Option(help=_("A condition or risk group, e.g. 'diabetes', 'athlete'; repeat.")),
    ]
    Compound = Annotated[  # noqa: N806
        str | None, typer.Option(help=_("The magnesium compound you take, e.g. citrate."))
    ]
    Meals = Annotated[  # noqa: N806
        str | None,
        typer.Option(help=_("Your meal times, HH:MM,HH:MM,... (default 08:00,12:30,18:30).")),
    ]
    Evening = Annotated[  # noqa: N806
        bool, typer.Option("--evening/--no-evening", help=_("Prefer an evening dose."))
    ]
    WithMeals = Annotated[  # noqa: N806
        bool, typer.Option("--with-meals/--any-time", help=_("Take magnesium with meals."))
    ]
    Awake = Annotated[  # noqa: N806
        str | None,
        typer.Option(help=_("Waking hours for doses, HH:MM-HH:MM (default 07:00-22:30).")),
    ]
    MaxDose = Annotated[  # noqa: N806
        float | None,
        typer.Option(help=_("Largest single dose in mg before splitting (default 125).")),
    ]

    @app.command(help=_("Check magnesium doses against the upper limit, kidneys and medicines."))
    def check(
        age: Age,
        sex: Sex,
        pregnant: Pregnant = False,
        lactating: Lactating = False,
        system: SystemOpt = "us",
        weight_kg: Weight = None,
        egfr: Egfr = None,
        dialysis: Dialysis = False,
        med: Med = None,
        take: Annotated[
            list[str] | None,
            typer.Option(
                help=_("A daily magnesium dose in elemental mg and its time: MG@HH:MM; repeat.")
            ),
        ] = None,
        compound: Compound = None,
        condition: Condition = None,
        meals: Meals = None,
        evening: Evening = True,
        with_meals: WithMeals = True,
        awake: Awake = None,
        max_dose_mg: MaxDose = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        kb = load_knowledge()
        profile = build_profile(
            sex=sex, age_years=age, pregnant=pregnant, lactating=lactating, weight_kg=weight_kg
        )
        result = run_check(
            kb,
            parse_system(system),
            profile,
            medications(kb, med or []),
            doses(take or []),
            egfr=validate_egfr(egfr),
            on_dialysis=dialysis,
            conditions=tuple(find_condition(kb, name) for name in condition or []),
            compound=find_compound(kb, compound) if compound else None,
            preferences=preferences(kb, meals, evening, with_meals, awake, max_dose_mg),
        )
        if json_:
            print_json(check_json(kb, result))
        else:
            safety_views.render_check(result)

    @app.command(help=_("The personal plan: dose, form, build-up, times, safety and evidence."))
    def advise(
        age: Age,
        sex: Sex,
        pregnant: Pregnant = False,
        lactating: Lactating = False,
        system: SystemOpt = "us",
        weight_kg: Weight = None,
        food_mg: Annotated[
            float | None, typer.Option(help=_("Magnesium from food per day, in mg."))
        ] = None,
        symptom: Annotated[
            list[str] | None,
            typer.Option(help=_("A symptom or complaint, e.g. cramps, fatigue; repeat.")),
        ] = None,
        med: Med = None,
        egfr: Egfr = None,
        dialysis: Dialysis = False,
        serum: Annotated[
            tuple[float, str] | None,
            typer.Option(help=_("A serum magnesium result: VALUE UNIT, e.g. 0.72 mmol/L.")),
        ] = None,
        condition: Condition = None,
        need: Annotated[
            list[str] | None,
            typer.Option(
                help=_("A wish for the form: {choices}; repeat.").format(choices=", ".join(NEEDS))
            ),
        ] = None,
        compound: Compound = None,
        meals: Meals = None,
        evening: Evening = True,
        with_meals: WithMeals = True,
        awake: Awake = None,
        max_dose_mg: MaxDose = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        kb = load_knowledge()
        plan = build_plan(
            kb,
            age=age, sex=sex, pregnant=pregnant, lactating=lactating, system=system,
            weight_kg=weight_kg, food_mg=food_mg, symptoms=symptom or [], meds=med or [],
            egfr=egfr, dialysis=dialysis, serum=serum, conditions=condition or [],
            needs=need or [], compound=compound,
            prefs=preferences(kb, meals, evening, with_meals, awake, max_dose_mg),
        )  # fmt: skip
        if json_:
            print_json(advice_json(kb, plan))
        else:
            safety_views.render_plan(kb, plan)

    @app.command(help=_("List the medicines, symptoms and conditions Mg Coach recognises."))
    def names(json_: json_type = False, lang: lang_type = None) -> None:
        check_lang(lang)
        data = known_names(load_knowledge())
        if json_:
            print_json(data)
        else:
            safety_views.render_names(data)


def build_plan(kb: KnowledgeBase, **given: Any) -> Any:
    """Validate raw answers (CLI options or the guided questions) and make the plan."""
    profile = build_profile(
        sex=given["sex"],
        age_years=given["age"],
        pregnant=given["pregnant"],
        lactating=given["lactating"],
        weight_kg=given["weight_kg"],
    )
    concerns, symptoms = [], []
    for name in given["symptoms"]:
        found = find_concern(kb, name)
        if isinstance(found, str):
            symptoms.append(kb.safety.symptoms[found])
        else:
            concerns.append(found)
    serum_result = None
    if given["serum"] is not None:
        value, unit = given["serum"]
        serum_result = classify(kb, value, parse_serum_unit(unit))
    compound = given["compound"]
    return make_plan(
        kb,
        parse_system(given["system"]),
        profile,
        food_mg=given["food_mg"],
        concerns=tuple(concerns),
        symptoms=tuple(symptoms),
        medications=medications(kb, given["meds"]),
        conditions=tuple(find_condition(kb, name) for name in given["conditions"]),
        egfr=validate_egfr(given["egfr"]),
        on_dialysis=given["dialysis"],
        serum=serum_result,
        needs={need.replace("-", "_") for need in given["needs"]},
        own_compound=find_compound(kb, compound) if compound else None,
        preferences=given["prefs"],
    )
