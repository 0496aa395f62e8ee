"""``foods lookup BARCODE``: a product by its barcode, here first and (opt-in) at Open Food Facts.

Online look-up is off unless ``--online`` is given or the setting ``MGCOACH_ONLINE=1`` is on.
No ``from __future__ import annotations``: Typer reads the option types at run time.
"""

from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import N_
from .output import emit
from .root import Json, Lang, check_lang, foods

if TYPE_CHECKING:
    from ..services.food_barcode import ProductLookup

Online = Annotated[
    bool,
    typer.Option(
        "--online",
        help=N_(
            "Look the barcode up on Open Food Facts when it is not known here (or set "
            "MGCOACH_ONLINE=1); the product is kept for the next time."
        ),
    ),
]


@foods.command(help=N_("A product by its barcode (EAN-13, EAN-8, UPC-A or GTIN-14)."))
def lookup(
    barcode: Annotated[str, typer.Argument(help=N_("The barcode, e.g. 5449000000996."))],
    online: Online = False,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract.barcode import lookup_json
    from ..knowledge import load_knowledge
    from ..services.database import open_database
    from ..services.food_barcode import lookup_barcode

    found = lookup_barcode(open_database(), load_knowledge(), barcode, online=online or None)
    emit(lookup_json(found), json_, lambda: render_lookup(found))


def render_lookup(found: "ProductLookup") -> None:
    from ..foods.importers.report import REASON_MESSAGES
    from ..i18n import _
    from . import food_views
    from .output import say

    food_views.render_food(found.food)
    if found.food.barcode:
        say(_("Barcode: {barcode}"), barcode=found.food.barcode)
    if found.food.brand:
        say(_("Brand: {brand}"), brand=found.food.brand)
    for reason in found.problems:
        say(_("Values unknown: {reason}"), reason=_(REASON_MESSAGES[reason]))
    label = found.supplement
    if label is None:
        return
    if label.magnesium_mg is None:
        say(_("A supplement; its label gives no magnesium."))
        return
    say(
        _("A supplement: {mg} mg magnesium per {unit}, as printed."),
        mg=f"{label.magnesium_mg:g}",
        unit=label.unit,
    )
    if label.basis != "elemental":
        say(_("The label data does not say if that is the magnesium itself or the compound."))
