"""The ``foods`` commands: search, amount, show, top, stats, add, import."""

from typing import Annotated, Any

import typer

from ..errors import InputError
from ..foods.model import Portion
from ..i18n import N_, _
from .food_import import register_import
from .food_own import register_own_foods
from .output import print_json

# The food stack (SQLAlchemy, SciPy) is imported inside the commands: every other command
# starts without paying for it.


def parse_pairs(pairs: list[str]) -> dict[str, float]:
    """KEY=VALUE arguments (``magnesium_mg=550``, a Dutch comma allowed) as a dict."""
    from ..services import foods as food_service

    found: dict[str, float] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            number = float("nan")
        if not sep or not key.strip() or number != number:
            raise InputError(
                N_("Write each value as KEY=NUMBER, e.g. magnesium_mg=550; {pair} is not."),
                pair=pair,
            )
        found[food_service.parse_nutrient(key)] = number
    return found


def parse_portion(text: str) -> Portion:
    """``"1 bar=40"``: a household measure and its weight in grams."""
    measure, sep, grams = text.rpartition("=")
    amount, _space, unit = measure.strip().partition(" ")
    try:
        portion = Portion(float(amount.replace(",", ".")), unit.strip(), float(grams))
    except ValueError:
        portion = None
    if not sep or portion is None or not unit.strip() or portion.amount <= 0 or portion.grams <= 0:
        raise InputError(
            N_('Write a portion as AMOUNT UNIT=GRAMS, e.g. "1 bar=40"; {text} is not.'),
            text=text,
        )
    return portion


def register_foods(app: typer.Typer, json_type: Any, lang_type: Any, check_lang: Any) -> None:
    foods = typer.Typer(
        help=_("Foods: search in English or Dutch, amounts, top sources, your own foods."),
        no_args_is_help=True,
    )
    app.add_typer(foods, name="foods")

    @foods.command(help=_("Search foods by name (English or Dutch; typos are forgiven)."))
    def search(
        query: Annotated[str, typer.Argument(help=_("Words of the food's name."))],
        limit: Annotated[int, typer.Option(help=_("How many foods to show."))] = 10,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..contract import foods as food_contract
        from ..services import foods as food_service
        from ..storage.database import open_database
        from . import food_views

        result = food_service.search_foods(open_database(), query, limit)
        if json_:
            print_json([food_contract.food_json(f) for f in result.foods])
        else:
            food_views.render_search(query, result)

    @foods.command(help=_('Grams and nutrients of an amount of a food ("1/2 cup", "30 g").'))
    def amount(
        food: Annotated[str, typer.Argument(help=_("A food name or id, e.g. usda:12061."))],
        amount: Annotated[str, typer.Argument(help=_('The amount, e.g. "1/2 cup" or 30g.'))],
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..contract import foods as food_contract
        from ..services import foods as food_service
        from ..storage.database import open_database
        from . import food_views

        result = food_service.food_amount(open_database(), food, amount)
        if json_:
            print_json(food_contract.amount_json(result))
        else:
            food_views.render_amount(result)

    @foods.command(help=_("Everything known about one food: nutrients, portions, source."))
    def show(
        food: Annotated[str, typer.Argument(help=_("A food name or id, e.g. usda:12061."))],
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..contract import foods as food_contract
        from ..services import foods as food_service
        from ..storage.database import open_database
        from . import food_views

        found = food_service.show_food(open_database(), food)
        if json_:
            print_json(food_contract.food_json(found, portions=True))
        else:
            food_views.render_food(found)

    @foods.command(
        help=_("The richest foods in a nutrient, per 100 g, per 100 kcal or per portion.")
    )
    def top(
        nutrient: Annotated[str, typer.Argument(help=_("e.g. magnesium, potassium, zinc."))],
        per: Annotated[str, typer.Option(help=_("100g, 100kcal or portion."))] = "100g",
        vegan: Annotated[bool, typer.Option(help=_("Vegan foods only."))] = False,
        exclude: Annotated[
            list[str] | None, typer.Option(help=_("Leave out a group: nuts, dairy, fish, ..."))
        ] = None,
        all_: Annotated[
            bool,
            typer.Option("--all", help=_("Include every imported food, not only everyday foods.")),
        ] = False,
        limit: Annotated[int, typer.Option(help=_("How many foods to show."))] = 20,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..contract import foods as food_contract
        from ..services import foods as food_service
        from ..storage.database import open_database
        from . import food_views

        key = food_service.parse_nutrient(nutrient)
        basis = food_service.parse_per(per)
        rows = food_service.top_foods(
            open_database(),
            key,
            basis,
            vegan=vegan,
            exclude=exclude or [],
            everything=all_,
            limit=limit,
        )
        if json_:
            print_json(food_contract.top_json(key, basis, rows))
        else:
            food_views.render_top(key, basis, rows)

    @foods.command(help=_("How many foods the database holds, per source."))
    def stats(json_: json_type = False, lang: lang_type = None) -> None:
        check_lang(lang)
        from ..contract import foods as food_contract
        from ..services import foods as food_service
        from ..storage.database import open_database
        from . import food_views

        db = open_database()
        counts = food_service.food_stats(db)
        if json_:
            print_json(food_contract.stats_json(counts, db.dialect))
        else:
            food_views.render_stats(counts)

    @foods.command(help=_("Add a food of your own, from its label (values per 100 g)."))
    def add(
        name: Annotated[str, typer.Argument(help=_("The food's name."))],
        values: Annotated[
            list[str] | None, typer.Argument(help=_("More values per 100 g: KEY=NUMBER."))
        ] = None,
        per_100g: Annotated[
            list[str] | None,
            typer.Option("--per-100g", help=_("A value per 100 g, e.g. magnesium_mg=550.")),
        ] = None,
        name_nl: Annotated[str | None, typer.Option(help=_("The Dutch name."))] = None,
        portion: Annotated[
            list[str] | None, typer.Option(help=_('A portion with its weight: "1 bar=40".'))
        ] = None,
        serving: Annotated[
            str | None, typer.Option(help=_('The usual portion, e.g. "1 bar".'))
        ] = None,
        tag: Annotated[list[str] | None, typer.Option(help=_("vegan, nuts, dairy, ..."))] = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..contract import foods as food_contract
        from ..services import foods as food_service
        from ..storage.database import open_database
        from . import food_views

        found = food_service.add_food(
            open_database(),
            name,
            parse_pairs([*(per_100g or []), *(values or [])]),
            name_nl=name_nl,
            portions=[parse_portion(p) for p in portion or []],
            tags=tag or [],
            serving=serving,
        )
        if json_:
            print_json(food_contract.food_json(found, portions=True))
        else:
            food_views.render_added(found)

    @foods.command(help=_("Foods that close your magnesium gap within energy and sodium limits."))
    def suggest(
        gap_mg: Annotated[float, typer.Option(help=_("The magnesium still missing today, in mg."))],
        max_kcal: Annotated[float | None, typer.Option(help=_("At most this much energy."))] = None,
        max_sodium_mg: Annotated[
            float | None, typer.Option(help=_("At most this much sodium, in mg."))
        ] = None,
        exclude: Annotated[
            list[str] | None, typer.Option(help=_("Leave out a group: nuts, dairy, fish, ..."))
        ] = None,
        vegan: Annotated[bool, typer.Option(help=_("Vegan foods only."))] = False,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..contract import foods as food_contract
        from ..services.food_suggest import plan_gap
        from ..storage.database import open_database
        from . import food_views

        plan = plan_gap(
            open_database(),
            gap_mg,
            max_kcal=max_kcal,
            max_sodium_mg=max_sodium_mg,
            exclude=exclude or [],
            vegan=vegan,
        )
        if json_:
            print_json(food_contract.gap_plan_json(plan))
        else:
            food_views.render_gap_plan(plan)

    register_own_foods(foods, json_type, lang_type, check_lang)
    register_import(foods, json_type, lang_type, check_lang)
