"""``foods recent``, ``foods favourites`` and ``foods favourite``: the foods to log again in
one step (the JSON faces live in contract/daily.py; the Log page and the API show the same).

No ``from __future__ import annotations``: Typer reads the option types at run time.
"""

from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import N_
from .journal import DateOpt, ProfileOpt
from .journal_log import MealOpt
from .output import emit
from .root import Json, Lang, check_lang, foods

if TYPE_CHECKING:
    from ..services.favourites import Favourite
    from ..services.journal_daily import RecentFood


@foods.command(help=N_("The foods you logged lately and most often, with their last amount."))
def recent(
    profile_: ProfileOpt = None, date_: DateOpt = None, json_: Json = False, lang: Lang = None
) -> None:
    check_lang(lang)
    from datetime import date

    from ..contract.daily import recent_foods_json
    from ..errors import about
    from ..journal.dates import parse_day
    from ..services.database import LOCAL_USER
    from ..services.journal import profile_name
    from ..services.journal_daily import recent_foods
    from .journal import db

    with about("date"):
        day = parse_day(date_, date.today())
    found = recent_foods(db(), profile_name(profile_), day, LOCAL_USER)
    emit(recent_foods_json(found), json_, lambda: _render_recent(found.recent, found.frequent))


@foods.command(help=N_("Your favourite foods, each with the amount and meal it is logged with."))
def favourites(profile_: ProfileOpt = None, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..contract.daily import favourite_json
    from ..services.database import LOCAL_USER
    from ..services.favourites import favourite_foods
    from ..services.journal import profile_name
    from .journal import db

    found = favourite_foods(db(), profile_name(profile_), LOCAL_USER)
    emit([favourite_json(item) for item in found], json_, lambda: _render_favourites(found))


@foods.command(
    help=N_(
        'Save a food as a favourite with its amount, e.g. almonds "30 g" (again: a new amount); '
        "--remove takes it off the list."
    )
)
def favourite(
    food: Annotated[str, typer.Argument(help=N_("A food name, id (usda:12061) or barcode."))],
    amount: Annotated[
        str | None, typer.Argument(help=N_('The amount to log it with: "30 g", "1 cup".'))
    ] = None,
    meal: MealOpt = None,
    remove: Annotated[
        bool, typer.Option("--remove", help=N_("Take the food off your favourites."))
    ] = False,
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract.daily import favourite_json
    from ..errors import InputError
    from ..i18n import _
    from ..services.database import LOCAL_USER
    from ..services.favourites import add_favourite, remove_favourite
    from ..services.journal import profile_name
    from .journal import db
    from .output import say

    name = profile_name(profile_)
    if remove:
        remove_favourite(db(), name, LOCAL_USER, food)
        emit(
            {"removed": food},
            json_,
            lambda: say(_("Removed {food} from your favourites."), food=food),
        )
        return
    if amount is None:
        raise InputError(N_('Give the amount to log it with, e.g. "30 g".'), field="amount")
    item = add_favourite(db(), name, LOCAL_USER, food, amount, meal)
    emit(favourite_json(item), json_, lambda: _render_favourites([item]))


def _render_favourites(items: "list[Favourite]") -> None:
    from ..contract.daily import shown_name
    from ..i18n import _
    from .output import console, fmt, new_table, say

    if not items:
        say(_('No favourites yet: mgcoach foods favourite almonds "30 g" saves one.'))
        return
    table = new_table(_("Favourites"), _("Food"), _("Amount"), _("Magnesium"), _("Meal"), _("Id"))
    for item in items:
        table.add_row(
            shown_name(item),
            item.amount_text,
            fmt(item.magnesium_mg, 0, "mg"),
            item.meal or "",
            item.food_id,
        )
    console.print(table)


def _render_recent(recent: "list[RecentFood]", frequent: "list[RecentFood]") -> None:
    from ..contract.daily import shown_name
    from ..i18n import _
    from .output import console, fmt, new_table, say

    if not recent:
        say(_("Nothing logged in the last 60 days."))
        return
    for title, items in ((_("Recent"), recent), (_("Often"), frequent)):
        if not items:
            continue
        table = new_table(title, _("Food"), _("Amount"), _("Magnesium"), _("Times"), _("Id"))
        for item in items:
            table.add_row(
                shown_name(item), item.amount_text, fmt(item.magnesium_mg, 0, "mg"),
                str(item.times), item.food_id,
            )  # fmt: skip
        console.print(table)
