"""Your own foods: a food from its label, a drinking water or a recipe — what ``mgcoach foods
add``, ``add-water`` and ``recipe`` do (services.foods.add_food, services.food_recipes
add_water and add_recipe) — and the list of what you added (foods_own_view.py shows them).

Whose food: on a multi-user server the signed-in account's alone; in local mode a shared food,
as the CLI adds it without ``--user``, so the Log page, the Foods page and the CLI all find it.
A post ends in a redirect to this page showing what was stored (post/redirect/get), or shows
its form again with each error on its field and nothing stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from urllib.parse import urlencode

from fastapi import Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from ...errors import MgCoachError
from ...foods.model import Food
from ...i18n import _
from ...services.food_recipes import add_recipe, add_water, parse_ingredient
from ...services.foods import add_food, parse_portion
from .. import forms
from ..context import Viewer, WebState, food_owner, signed_in, state_of, verified_form
from ..routing import IndexedRouter
from ..templating import render
from .foods_own_view import added_card, nutrient_label, own_lists

router = IndexedRouter(include_in_schema=False)

# The values per 100 g the food form asks (magnesium required), and the water's mg per litre.
NUTRIENTS = (
    "magnesium_mg", "energy_kcal", "protein_g", "calcium_mg", "potassium_mg", "sodium_mg",
    "zinc_mg",
)  # fmt: skip
WATER = ("magnesium_mg", "calcium_mg", "sodium_mg", "potassium_mg")
# The inputs of each form; the ids are unique on the page (f-NAME), so the water's and the
# recipe's carry their form's name.
FORMS: dict[str, tuple[str, ...]] = {
    "food": ("name", "name_nl", *NUTRIENTS, "serving", "barcode"),
    "water": ("water_name", *(f"water_{key}" for key in WATER)),
    "recipe": ("recipe_name", "servings", "ingredients"),
}
# A service's error names its input (error.fields): the form's input for it.
RENAMED: dict[str, dict[str, str]] = {
    "food": {"portion": "serving", "amount": "serving", "per_100g": "magnesium_mg"},
    "water": {"name": "water_name", "name_nl": "water_name", "per_100g": "water_magnesium_mg"}
    | {key: f"water_{key}" for key in WATER},
    "recipe": {"name": "recipe_name", "ingredient": "ingredients", "food": "ingredients",
               "amount": "ingredients"},
}  # fmt: skip
MAX_LINES = 100


def form_fields(kind: str, error: MgCoachError) -> dict[str, str]:
    """The form's inputs by the services' names; a value per 100 g (or per litre) that is out
    of range shows on its own input."""
    fields = forms.form_fields(FORMS[kind], **RENAMED[kind])
    named = error.params.get("name")
    if "per_100g" in error.fields and named in NUTRIENTS:
        fields["per_100g"] = f"water_{named}" if kind == "water" else str(named)
    return fields


def _numbers(
    errors: dict[str, str], values: Mapping[str, str], inputs: Mapping[str, str]
) -> dict[str, float]:
    """The filled number inputs (key -> input name), read with either decimal separator."""
    found: dict[str, float] = {}
    for key, name in inputs.items():
        if values[name]:
            number = forms.attempt(errors, name, partial(forms.parse_number, values[name]))
            if number is not None:
                found[key] = number
    return found


def _save_food(
    state: WebState, owner: int | None, v: dict[str, str], errors: dict[str, str]
) -> Food | None:
    if not v["name"]:
        errors["name"] = _("Give the food a name, e.g. seed bar.")
    values = _numbers(errors, v, {key: key for key in NUTRIENTS})
    if "magnesium_mg" not in values and "magnesium_mg" not in errors:
        errors["magnesium_mg"] = _("Give the magnesium per 100 g from the label, e.g. 120.")
    portion = None
    if v["serving"]:
        portion = forms.attempt(errors, "serving", lambda: parse_portion(v["serving"]))
    if errors:
        return None
    return add_food(
        state.db,
        v["name"],
        values,
        name_nl=v["name_nl"] or None,
        portions=[portion] if portion is not None else [],
        serving=f"{portion.amount:g} {portion.unit}" if portion is not None else None,
        owner=owner,
        barcode=v["barcode"] or None,
    )


def _save_water(
    state: WebState, owner: int | None, v: dict[str, str], errors: dict[str, str]
) -> Food | None:
    if not v["water_name"]:
        errors["water_name"] = _("Give the water a name, e.g. the brand on the label.")
    values = _numbers(errors, v, {key: f"water_{key}" for key in WATER})
    if "magnesium_mg" not in values and "water_magnesium_mg" not in errors:
        errors["water_magnesium_mg"] = _("Give the magnesium in mg per litre, e.g. 100.")
    if errors:
        return None
    return add_water(state.db, v["water_name"], values, owner=owner)


def _save_recipe(
    state: WebState, owner: int | None, v: dict[str, str], errors: dict[str, str]
) -> Food | None:
    if not v["recipe_name"]:
        errors["recipe_name"] = _("Give the recipe a name, e.g. overnight oats.")
    servings = 1
    if v["servings"]:
        number = forms.attempt(errors, "servings", lambda: forms.parse_number(v["servings"]))
        if number is not None and (number != int(number) or number < 1):
            errors["servings"] = _("Give a whole number of servings, e.g. 4.")
        elif number is not None:
            servings = int(min(number, 1000))
    lines = [line.strip() for line in v["ingredients"].splitlines() if line.strip()]
    if not lines:
        errors["ingredients"] = _("Give at least one ingredient, e.g. oat flakes = 40 g.")
    elif len(lines) > MAX_LINES:
        errors["ingredients"] = _("A recipe has at most {max} ingredients.").format(max=MAX_LINES)
    ingredients = [
        forms.attempt(errors, "ingredients", partial(parse_ingredient, t)) for t in lines
    ]
    if errors:
        return None
    found = [pair for pair in ingredients if pair is not None]
    return add_recipe(state.db, v["recipe_name"], found, servings=servings, owner=owner).food


Saver = Callable[[WebState, int | None, dict[str, str], dict[str, str]], Food | None]
SAVERS: dict[str, Saver] = {"food": _save_food, "water": _save_water, "recipe": _save_recipe}


def _page(
    request: Request,
    viewer: Viewer,
    *,
    added: str | None = None,
    posted: tuple[str, dict[str, str], dict[str, str]] | None = None,
) -> Response:
    state = state_of(request)
    values = {kind: {name: "" for name in names} for kind, names in FORMS.items()}
    values["recipe"]["servings"] = "1"
    errors: dict[str, dict[str, str]] = {kind: {} for kind in FORMS}
    if posted is not None:
        kind, typed, failed = posted
        values[kind] |= typed
        errors[kind] = failed
    return render(
        request,
        "foods_own.html",
        422 if posted is not None else 200,
        active="foods",
        values=values,
        errors=errors,
        added=added_card(state.db, added, viewer.account_id) if added else None,
        own=own_lists(state.db, viewer.account_id, food_owner(state, viewer)),
        nutrient_labels={key: nutrient_label(key) for key in NUTRIENTS},
        water_labels={key: nutrient_label(key, "mg/L") for key in WATER},
    )


@router.get("/foods/own")
def own_page(
    request: Request,
    added: str | None = Query(None, max_length=64),
    viewer: Viewer = Depends(signed_in),
) -> Response:
    return _page(request, viewer, added=added)


def _posted(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


@router.post("/foods/own/{kind}")
def own_post(
    kind: str,
    request: Request,
    viewer: Viewer = Depends(signed_in),
    form: FormData = Depends(verified_form),
) -> Response:
    saver = SAVERS.get(kind)
    if saver is None:
        raise HTTPException(404)
    state = state_of(request)
    values = {name: _posted(form, name) for name in FORMS[kind]}
    errors: dict[str, str] = {}
    saved: Food | None = None
    try:
        saved = saver(state, food_owner(state, viewer), values, errors)
    except MgCoachError as error:
        forms.add_error(errors, error, form_fields(kind, error), FORMS[kind][0])
    if saved is None:
        return _page(request, viewer, posted=(kind, values, errors))
    return RedirectResponse(f"/foods/own?{urlencode({'added': saved.id})}#added", status_code=303)
