"""The safety and advice commands: check, advise, names (and assess, in assess.py)."""

from typing import Annotated, Any

import typer

from ..contract.advice import advice_json
from ..contract.check import check_json
from ..engine.names import known_names
from ..i18n import _
from ..knowledge import load_knowledge
from ..services.calculators import advice_result, build_plan, check_result, doses, preferences
from . import safety_views
from .output import print_json

# For the help text only; advise() checks a wish against the form needs of advice.toml.
NEEDS = ("gi_sensitive", "constipation", "fewer_tablets")
# build_plan, preferences and doses live in services/calculators.py (shared with the web API);
# they are re-exported here for cli/assess.py.
__all__ = ["NEEDS", "build_plan", "doses", "preferences", "register_safety"]


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
        typer.Option(
            help=_(
                "A medicine, its times and how often: NAME@HH:MM[,HH:MM...][/FREQUENCY], "
                "FREQUENCY daily (the default), weekly:mon[,thu...] (mon … sun or ma … zo) or "
                "every:Nd:YYYY-MM-DD (every N days from that date), e.g. "
                "alendronate@07:00/weekly:mon; repeat."
            )
        ),
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
    Take = Annotated[  # noqa: N806
        list[str] | None,
        typer.Option(
            help=_("A daily magnesium dose in elemental mg and its time: MG@HH:MM; repeat.")
        ),
    ]
    Prescribed = Annotated[  # noqa: N806
        bool,
        typer.Option(
            help=_(
                "A doctor prescribed the magnesium you take: times are suggested for it even "
                "above the upper limit."
            )
        ),
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
        take: Take = None,
        prescribed: Prescribed = False,
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
        result = check_result(
            kb,
            age=age, sex=sex, pregnant=pregnant, lactating=lactating, system=system,
            weight_kg=weight_kg, egfr=egfr, dialysis=dialysis, med=med or [], take=take or [],
            compound=compound, condition=condition or [], meals=meals, evening=evening,
            with_meals=with_meals, awake=awake, max_dose_mg=max_dose_mg, prescribed=prescribed,
        )  # fmt: skip
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
        take: Annotated[
            list[str] | None,
            typer.Option(
                help=_(
                    "Magnesium you already take a day, in elemental mg, and its time: MG@HH:MM; "
                    "repeat. Antacids and laxatives with magnesium go in --med."
                )
            ),
        ] = None,
        prescribed: Prescribed = False,
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
        plan = advice_result(
            kb,
            age=age, sex=sex, pregnant=pregnant, lactating=lactating, system=system,
            weight_kg=weight_kg, food_mg=food_mg, symptom=symptom or [], med=med or [],
            egfr=egfr, dialysis=dialysis, serum=serum, condition=condition or [],
            need=need or [], compound=compound, meals=meals, evening=evening,
            with_meals=with_meals, awake=awake, max_dose_mg=max_dose_mg, take=take or [],
            prescribed=prescribed,
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
