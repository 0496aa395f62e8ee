"""``foods recipe`` and ``foods add-water``: foods the user builds (the JSON faces live in
contract/foods.py)."""

from typing import Annotated, Any

import typer

from ..i18n import _
from .output import print_json


def register_own_foods(foods: typer.Typer, json_type: Any, lang_type: Any, check_lang: Any) -> None:
    @foods.command(help=_("Build a recipe from foods; its values per serving are computed."))
    def recipe(
        name: Annotated[str, typer.Argument(help=_("The recipe's name."))],
        ingredient: Annotated[
            list[str],
            typer.Option(help=_('FOOD=AMOUNT, e.g. "havermout=40 g"; repeat for each.')),
        ],
        servings: Annotated[int, typer.Option(help=_("How many servings it makes."))] = 1,
        name_nl: Annotated[str | None, typer.Option(help=_("The Dutch name."))] = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..contract.foods import recipe_json
        from ..services.food_recipes import add_recipe, parse_ingredient
        from ..storage.database import open_database
        from . import food_views

        result = add_recipe(
            open_database(),
            name,
            [parse_ingredient(text) for text in ingredient],
            servings=servings,
            name_nl=name_nl,
        )
        if json_:
            print_json(recipe_json(result))
        else:
            food_views.render_recipe(result)

    @foods.command("add-water", help=_("Add a drinking water from its label (mg per litre)."))
    def add_water(
        name: Annotated[str, typer.Argument(help=_("The water's name."))],
        magnesium: Annotated[
            float, typer.Option("--magnesium-mg-per-l", help=_("Magnesium, mg/L."))
        ],
        calcium: Annotated[
            float | None, typer.Option("--calcium-mg-per-l", help=_("Calcium, mg/L."))
        ] = None,
        sodium: Annotated[
            float | None, typer.Option("--sodium-mg-per-l", help=_("Sodium, mg/L."))
        ] = None,
        potassium: Annotated[
            float | None, typer.Option("--potassium-mg-per-l", help=_("Potassium, mg/L."))
        ] = None,
        name_nl: Annotated[str | None, typer.Option(help=_("The Dutch name."))] = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..contract.foods import food_json
        from ..services.food_recipes import add_water as add
        from ..storage.database import open_database
        from . import food_views

        values = {
            "magnesium_mg": magnesium,
            "calcium_mg": calcium,
            "sodium_mg": sodium,
            "potassium_mg": potassium,
        }
        found = add(
            open_database(),
            name,
            {k: v for k, v in values.items() if v is not None},
            name_nl=name_nl,
        )
        if json_:
            print_json(food_json(found, portions=True))
        else:
            food_views.render_added(found)
