"""The calculators: targets, elemental, amount, serum and energy.

Their inputs are declared once in services/inputs.py (the API offers the same ones); each
command calls its use case in services/calculators.py and renders the contract's answer.

No ``from __future__ import annotations``: Typer reads the option types at run time.
"""

from ..i18n import N_
from ..services.inputs import AmountInput, ElementalInput, EnergyInput, SerumInput, TargetsInput
from .inputs import takes
from .output import emit
from .root import Json, Lang, app, check_lang


@app.command(help=N_("Reference intakes and upper levels for a person, under one system."))
@takes(TargetsInput)
def targets(given: TargetsInput, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..contract.targets import targets_json
    from ..knowledge import load_knowledge
    from ..services import calculators

    kb = load_knowledge()
    result = calculators.targets_result(kb, given)

    def render() -> None:
        from . import views  # the tables (Rich, the other calculators' engine) only when shown

        views.render_targets(kb, result)

    emit(targets_json(kb, result), json_, render)


@app.command(help=N_("Elemental magnesium in a supplement dose, or read from a label."))
@takes(ElementalInput)
def elemental(given: ElementalInput, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..contract.elemental import elemental_json
    from ..knowledge import load_knowledge
    from ..services import calculators
    from . import views

    kb = load_knowledge()
    result = calculators.elemental_result(kb, given)
    emit(elemental_json(kb, result), json_, lambda: views.render_elemental(result))


@app.command(help=N_("Convert an amount of magnesium between mg, g, mmol and mEq."))
@takes(AmountInput)
def amount(given: AmountInput, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..contract.elemental import amount_json
    from ..services import calculators
    from .output import console, fmt

    data = amount_json(calculators.amount_result(given))

    def render() -> None:
        console.print(
            f"{fmt(data['mg'], 2, 'mg')} = {fmt(data['mmol'], 3, 'mmol')}"
            f" = {fmt(data['meq'], 3, 'mEq')}"
        )

    emit(data, json_, render)


@app.command(help=N_("Convert and classify a serum magnesium value."))
@takes(SerumInput)
def serum(given: SerumInput, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..contract.serum import serum_json
    from ..knowledge import load_knowledge
    from ..services import calculators
    from . import views

    kb = load_knowledge()
    result = calculators.serum_result(kb, given)
    emit(serum_json(kb, result), json_, lambda: views.render_serum(result))


@app.command(help=N_("Calorie target: Mifflin–St Jeor BMR, activity and a weight goal."))
@takes(EnergyInput)
def energy(given: EnergyInput, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..contract.energy import energy_json
    from ..knowledge import load_knowledge
    from ..services import calculators
    from . import views

    kb = load_knowledge()
    result = calculators.energy_result(kb, given)
    emit(energy_json(kb, result), json_, lambda: views.render_energy(result))
