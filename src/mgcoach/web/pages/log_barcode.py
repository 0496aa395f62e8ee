"""The Log page's barcode: typed, or read by the camera or from a photo (static/scan.js), then
looked up as ``GET /api/v1/foods/lookup/{barcode}`` does (services/food_barcode.py): the food
table, products fetched before, and Open Food Facts only when the server allows it.

A food is chosen in the food form, as the Foods page's "Log this" does, so only its amount is
left to type (a redirect to the day). A supplement fills in the supplement form from its label
(the compound and the magnesium per unit) and asks the safety gate's question of any
supplement: is that number the magnesium itself or the whole tablet? It is never logged as a
food. A code that is not a barcode, or a product no source knows, comes back on the field.
"""

from __future__ import annotations

from datetime import date

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from ...errors import AmbiguousDoseError, MgCoachError
from ...foods.barcode import ProductNotFoundError, canonical
from ...i18n import _, get_language
from ...services.food_barcode import ProductLookup, lookup_barcode
from ...services.journal_kinds import supplement_entry
from ...services.supplement_barcode import product_name
from .. import forms
from ..context import Viewer, WebState, signed_in, state_of, verified_form
from ..routing import IndexedRouter
from .log import Posted, _page, day_of, posted_text, supplement_question
from .log_daily import to_day
from .log_forms import now_here
from .log_view import has_profile

router = IndexedRouter(include_in_schema=False)


@router.post("/log/barcode")
def barcode_post(
    request: Request,
    viewer: Viewer = Depends(signed_in),
    form: FormData = Depends(verified_form),
) -> Response:
    state = state_of(request)
    if not has_profile(state, viewer):
        return RedirectResponse("/onboarding", status_code=303)
    text = posted_text(form, "barcode")
    errors: dict[str, str] = {}
    day = forms.attempt(errors, "date", lambda: day_of(posted_text(form, "date")))
    shown_day = day or now_here().date()
    if not text:
        errors["barcode"] = _("Type the digits under the barcode, or scan it.")
    found = None if errors else _lookup(state, viewer, text, errors)
    if found is None:
        posted = Posted("barcode", {"barcode": text}, errors)
        return _page(request, viewer, shown_day, posted=posted)
    if found.supplement is None:
        code = canonical(text)
        meal = posted_text(form, "meal")
        return to_day(shown_day, food=found.food.id, meal=meal, scanned=code)
    return _page(request, viewer, shown_day, posted=_supplement_form(state, shown_day, found))


def _lookup(
    state: WebState, viewer: Viewer, text: str, errors: dict[str, str]
) -> ProductLookup | None:
    settings = state.config.settings
    try:
        return lookup_barcode(
            state.db, state.kb, text, online=settings.online,
            visible_to=viewer.account_id, settings=settings,
        )  # fmt: skip
    except ProductNotFoundError as error:
        if settings.online:
            errors["barcode"] = forms.error_text(error)
        else:  # the service's hint names a switch the person cannot turn on here
            errors["barcode"] = _(
                "No food here has the barcode {code}, and unknown barcodes are not looked up "
                "online. You can add it as a food of your own."
            ).format(code=error.params.get("code", text))
    except MgCoachError as error:  # bad_barcode, offline
        errors["barcode"] = forms.error_text(error)
    return None


def _supplement_form(state: WebState, day: date, found: ProductLookup) -> Posted:
    """The supplement form filled in from the product's label, its question asked; a label
    without magnesium comes back on the barcode field."""
    label = found.supplement
    assert label is not None
    name = product_name(found)
    if label.magnesium_mg is None:
        error = _("The label of {name} gives no magnesium: log its label line instead.")
        errors = {"barcode": error.format(name=name)}
        return Posted("barcode", {"barcode": found.food.barcode or ""}, errors)
    mg = forms.number_text(label.magnesium_mg, 3)
    intro = _("{name} is a supplement: {mg} mg magnesium per {unit}, as its label prints it.")
    message = intro.format(name=name, mg=mg, unit=label.unit)
    if label.compound is None:  # nothing to convert from: its number is the magnesium itself
        values = {"label": label.line() or ""}
        message += " " + _(
            "It names no compound: log it if that number is the magnesium itself, or change "
            "the label line below to the words on the pack."
        )
        return Posted("supplement", values, {}, status=200, message=message)
    compound = state.kb.compounds[label.compound].name.get(get_language())
    values = {"compound": compound, "dose_mg": mg}
    question = None
    if label.basis == "elemental":
        values["elemental"] = "1"
    else:
        try:
            supplement_entry(state.kb, day, compound, label.magnesium_mg, None)
        except AmbiguousDoseError as error:
            question = supplement_question(error.params)
        except MgCoachError:  # out of bounds: the form says so when it is posted
            pass
    message += " " + _("Check the supplement form below, then log it.")
    return Posted("supplement", values, {}, question, status=200, message=message)
