"""The safety and advice commands: check, advise, names (and assess, in assess.py).

The inputs of check and advise are declared once in services/inputs.py (the API offers the
same ones). No ``from __future__ import annotations``: Typer reads the option types at run
time.
"""

from ..i18n import N_
from ..services.inputs import AdviceInput, CheckInput
from .inputs import takes
from .output import emit
from .root import Json, Lang, app, check_lang


@app.command(help=N_("Check magnesium doses against the upper limit, kidneys and medicines."))
@takes(CheckInput)
def check(given: CheckInput, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..contract.check import check_json
    from ..knowledge import load_knowledge
    from ..services.calculators import check_result
    from . import safety_views

    kb = load_knowledge()
    result = check_result(kb, given)
    emit(check_json(kb, result), json_, lambda: safety_views.render_check(result))


@app.command(help=N_("The personal plan: dose, form, build-up, times, safety and evidence."))
@takes(AdviceInput)
def advise(given: AdviceInput, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..contract.advice import advice_json
    from ..knowledge import load_knowledge
    from ..services.calculators import advice_result
    from . import safety_views

    kb = load_knowledge()
    plan = advice_result(kb, given)
    emit(advice_json(kb, plan), json_, lambda: safety_views.render_plan(kb, plan))


@app.command(help=N_("List the medicines, symptoms and conditions Mg Coach recognises."))
def names(json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..engine.names import known_names
    from ..knowledge import load_knowledge
    from . import safety_views

    data = known_names(load_knowledge())
    emit(data, json_, lambda: safety_views.render_names(data))
