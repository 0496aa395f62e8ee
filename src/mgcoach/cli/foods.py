"""The ``foods`` commands: search, amount, show, top, stats, add, suggest (recipe and
add-water in food_own.py, import in food_import.py).

The food stack (SQLAlchemy, the gap search) is imported inside the commands: every other command
starts without paying for it.

Foods added here are shared with every account of the database, unless ``--user NAME`` gives
them to one account of a multi-user server (then only that account sees them, on the web and
with ``--user NAME`` here). No ``from __future__ import annotations``: Typer reads the
option types at run time.
"""

from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import InputError
from ..i18n import N_
from .output import emit
from .root import Json, Lang, check_lang, foods

if TYPE_CHECKING:
    from ..foods.model import Portion
    from ..services.database import Database

FoodArg = Annotated[str, typer.Argument(help=N_("A food name or id, e.g. usda:12061."))]
Limit = Annotated[int, typer.Option(help=N_("How many foods to show."))]
Exclude = Annotated[
    list[str] | None, typer.Option(help=N_("Leave out a group: nuts, dairy, fish, ..."))
]
Vegan = Annotated[bool, typer.Option(help=N_("Vegan foods only."))]
User = Annotated[
    str | None,
    typer.Option(
        "--user",
        help=N_(
            "On a multi-user server: the account whose own foods to use too; a food added "
            "with it is that account's alone (without it, foods are shared with everyone)."
        ),
        show_default=False,
    ),
]


def reader(database: "Database", user: str | None) -> int | None:
    """The account ``--user`` names (None without it: the shared foods alone)."""
    if user is None:
        return None
    from ..services import foods as food_service  # not for a search without --user

    return food_service.food_owner(database, user)


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


def parse_portion(text: str) -> "Portion":
    """``"1 bar=40"``: a household measure and its weight in grams (services.foods)."""
    from ..services import foods as food_service

    return food_service.parse_portion(text)


@foods.command(help=N_("Search foods by name (English or Dutch; typos are forgiven)."))
def search(
    query: Annotated[str, typer.Argument(help=N_("Words of the food's name."))],
    limit: Limit = 10,
    user: User = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract import foods as food_contract
    from ..services.database import open_database
    from ..services.food_search import search_foods  # no SQLAlchemy on an up-to-date SQLite

    database = open_database()
    mine = reader(database, user)
    result = search_foods(database, query, limit, visible_to=mine)
    data = [food_contract.food_json(f) for f in result.foods]

    def render() -> None:
        from . import food_views  # the table (Rich) only when shown

        food_views.render_search(query, result)

    emit(data, json_, render)


@foods.command(help=N_('Grams and nutrients of an amount of a food ("1/2 cup", "30 g").'))
def amount(
    food: FoodArg,
    amount: Annotated[str, typer.Argument(help=N_('The amount, e.g. "1/2 cup" or 30g.'))],
    user: User = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract import foods as food_contract
    from ..services import foods as food_service
    from ..services.database import open_database
    from . import food_views

    database = open_database()
    mine = reader(database, user)
    result = food_service.food_amount(database, food, amount, visible_to=mine)
    emit(food_contract.amount_json(result), json_, lambda: food_views.render_amount(result))


@foods.command(help=N_("Everything known about one food: nutrients, portions, source."))
def show(food: FoodArg, user: User = None, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..contract import foods as food_contract
    from ..services import foods as food_service
    from ..services.database import open_database
    from . import food_views

    database = open_database()
    found = food_service.show_food(database, food, visible_to=reader(database, user))
    data = food_contract.food_json(found, portions=True)
    emit(data, json_, lambda: food_views.render_food(found))


@foods.command(help=N_("The richest foods in a nutrient, per 100 g, per 100 kcal or per portion."))
def top(
    nutrient: Annotated[str, typer.Argument(help=N_("e.g. magnesium, potassium, zinc."))],
    per: Annotated[str, typer.Option(help=N_("100g, 100kcal or portion."))] = "100g",
    vegan: Vegan = False,
    exclude: Exclude = None,
    all_: Annotated[
        bool,
        typer.Option("--all", help=N_("Include every imported food, not only everyday foods.")),
    ] = False,
    limit: Limit = 20,
    user: User = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract import foods as food_contract
    from ..services import foods as food_service
    from ..services.database import open_database
    from . import food_views

    key = food_service.parse_nutrient(nutrient)
    basis = food_service.parse_per(per)
    database = open_database()
    rows = food_service.top_foods(
        database, key, basis, vegan=vegan, exclude=exclude or [], everything=all_,
        limit=limit, visible_to=reader(database, user),
    )  # fmt: skip
    data = food_contract.top_json(key, basis, rows)
    emit(data, json_, lambda: food_views.render_top(key, basis, rows))


@foods.command(help=N_("How many foods the database holds, per source."))
def stats(json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..contract import foods as food_contract
    from ..services import foods as food_service
    from ..services.database import open_database
    from . import food_views

    db = open_database()
    counts = food_service.food_stats(db)
    emit(
        food_contract.stats_json(counts, db.dialect), json_, lambda: food_views.render_stats(counts)
    )


@foods.command(help=N_("Add a food of your own, from its label (values per 100 g)."))
def add(
    name: Annotated[str, typer.Argument(help=N_("The food's name."))],
    values: Annotated[
        list[str] | None, typer.Argument(help=N_("More values per 100 g: KEY=NUMBER."))
    ] = None,
    per_100g: Annotated[
        list[str] | None,
        typer.Option("--per-100g", help=N_("A value per 100 g, e.g. magnesium_mg=550.")),
    ] = None,
    name_nl: Annotated[str | None, typer.Option(help=N_("The Dutch name."))] = None,
    portion: Annotated[
        list[str] | None, typer.Option(help=N_('A portion with its weight: "1 bar=40".'))
    ] = None,
    serving: Annotated[
        str | None, typer.Option(help=N_('The usual portion, e.g. "1 bar".'))
    ] = None,
    tag: Annotated[list[str] | None, typer.Option(help=N_("vegan, nuts, dairy, ..."))] = None,
    barcode: Annotated[
        str | None, typer.Option(help=N_("The barcode on the pack (EAN-13, EAN-8, UPC-A)."))
    ] = None,
    user: User = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract import foods as food_contract
    from ..services import foods as food_service
    from ..services.database import open_database
    from . import food_views

    database = open_database()
    found = food_service.add_food(
        database,
        name,
        parse_pairs([*(per_100g or []), *(values or [])]),
        name_nl=name_nl,
        portions=[parse_portion(p) for p in portion or []],
        tags=tag or [],
        serving=serving,
        owner=reader(database, user),
        barcode=barcode,
    )
    data = food_contract.food_json(found, portions=True)
    emit(data, json_, lambda: food_views.render_added(found))


@foods.command(help=N_("Foods that close your magnesium gap within energy and sodium limits."))
def suggest(
    gap_mg: Annotated[float, typer.Option(help=N_("The magnesium still missing today, in mg."))],
    max_kcal: Annotated[float | None, typer.Option(help=N_("At most this much energy."))] = None,
    max_sodium_mg: Annotated[
        float | None, typer.Option(help=N_("At most this much sodium, in mg."))
    ] = None,
    exclude: Exclude = None,
    vegan: Vegan = False,
    user: User = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract.gap import gap_plan_json
    from ..services.database import open_database
    from ..services.food_suggest import plan_gap
    from . import food_views

    database = open_database()
    plan = plan_gap(
        database,
        gap_mg,
        max_kcal=max_kcal,
        max_sodium_mg=max_sodium_mg,
        exclude=exclude or [],
        vegan=vegan,
        visible_to=reader(database, user),
    )
    emit(gap_plan_json(plan), json_, lambda: food_views.render_gap_plan(plan))
