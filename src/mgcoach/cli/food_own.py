"""``foods recipe`` and ``foods add-water``: foods the user builds (the JSON faces live in
contract/foods.py). Shared with every account unless ``--user`` gives them to one.

No ``from __future__ import annotations``: Typer reads the option types at run time.
"""

from typing import Annotated

import typer

from ..i18n import N_
from .foods import User, reader
from .output import emit
from .root import Json, Lang, check_lang, foods

NameNl = Annotated[str | None, typer.Option(help=N_("The Dutch name."))]


@foods.command(help=N_("Build a recipe from foods; its values per serving are computed."))
def recipe(
    name: Annotated[str, typer.Argument(help=N_("The recipe's name."))],
    ingredient: Annotated[
        list[str],
        typer.Option(help=N_('FOOD=AMOUNT, e.g. "havermout=40 g"; repeat for each.')),
    ],
    servings: Annotated[int, typer.Option(help=N_("How many servings it makes."))] = 1,
    name_nl: NameNl = None,
    user: User = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract.recipes import recipe_json
    from ..services.database import open_database
    from ..services.food_recipes import add_recipe, parse_ingredient
    from . import food_views

    database = open_database()
    result = add_recipe(
        database,
        name,
        [parse_ingredient(text) for text in ingredient],
        servings=servings,
        name_nl=name_nl,
        owner=reader(database, user),
    )
    emit(recipe_json(result), json_, lambda: food_views.render_recipe(result))


@foods.command("add-water", help=N_("Add a drinking water from its label (mg per litre)."))
def add_water(
    name: Annotated[str, typer.Argument(help=N_("The water's name."))],
    magnesium: Annotated[float, typer.Option("--magnesium-mg-per-l", help=N_("Magnesium, mg/L."))],
    calcium: Annotated[
        float | None, typer.Option("--calcium-mg-per-l", help=N_("Calcium, mg/L."))
    ] = None,
    sodium: Annotated[
        float | None, typer.Option("--sodium-mg-per-l", help=N_("Sodium, mg/L."))
    ] = None,
    potassium: Annotated[
        float | None, typer.Option("--potassium-mg-per-l", help=N_("Potassium, mg/L."))
    ] = None,
    name_nl: NameNl = None,
    user: User = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract.foods import food_json
    from ..services.database import open_database
    from ..services.food_recipes import add_water as add
    from . import food_views

    database = open_database()
    values = {
        "magnesium_mg": magnesium,
        "calcium_mg": calcium,
        "sodium_mg": sodium,
        "potassium_mg": potassium,
    }
    found = add(
        database,
        name,
        {k: v for k, v in values.items() if v is not None},
        name_nl=name_nl,
        owner=reader(database, user),
    )
    emit(food_json(found, portions=True), json_, lambda: food_views.render_added(found))
