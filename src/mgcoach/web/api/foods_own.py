"""Adding foods of your own as JSON: a food from its label, a drinking water, a recipe.

Each answers 201 with exactly the JSON of ``mgcoach foods add``, ``add-water`` and ``recipe``
with ``--json`` (contract/foods.py ``food_json``, contract/recipes.py ``recipe_json``), from the
same services. Whose food: on a multi-user server the caller's account's alone (never a value
from the request); in local mode a shared one, as the CLI adds it without ``--user`` — the
rule of the Your own foods page (web/context.py ``food_owner``). A refusal is a 4xx naming
the body's field; nothing is stored.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import ConfigDict, Field

from ...contract.foods import FoodDetailJson, food_json
from ...contract.recipes import RecipeAnswer, recipe_json
from ...errors import MgCoachError
from ...foods.model import Portion
from ...services.food_recipes import add_recipe, add_water
from ...services.foods import add_food
from ..context import food_owner, state_of
from .answers import AnswerRouter
from .calculators import ERRORS
from .params import Body, Number, Short, SignedIn

router = AnswerRouter(tags=["foods"], responses=ERRORS)

Name = Field(min_length=1, max_length=200, description="The name, as it will be searched for.")
NameNl = Field(None, max_length=200, description="The Dutch name (optional).")
Key = Field(max_length=32)


class PortionBody(Body):
    amount: float = Field(1.0, gt=0, le=1000, allow_inf_nan=False, description="How many units.")
    unit: str = Field(min_length=1, max_length=64, description="The unit: bar, slice, cup, ...")
    grams: float = Field(gt=0, le=100_000, allow_inf_nan=False, description="What it weighs.")


class FoodBody(Body):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Seed bar",
                    "name_nl": "Zadenreep",
                    "per_100g": {"magnesium_mg": 120, "energy_kcal": 450},
                    "portions": [{"amount": 1, "unit": "bar", "grams": 40}],
                    "serving": "1 bar",
                }
            ]
        }
    )

    name: str = Name
    name_nl: str | None = NameNl
    per_100g: dict[str, Number] = Field(
        min_length=1,
        max_length=20,
        description="Values per 100 g by nutrient key (magnesium_mg, energy_kcal, protein_g, "
        "calcium_mg, potassium_mg, sodium_mg, zinc_mg, ...), in the unit the key names.",
    )
    portions: list[PortionBody] = Field([], max_length=20, description="Household portions.")
    serving: str | None = Field(
        None, max_length=100, description='The usual portion, one of the portions: "1 bar".'
    )
    tags: list[Short] = Field([], max_length=20, description="Tags: vegan, nuts, dairy, ...")


class WaterBody(Body):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"name": "Spa Intense", "magnesium_mg_per_l": 100, "calcium_mg_per_l": 50}]
        }
    )

    name: str = Name
    name_nl: str | None = NameNl
    magnesium_mg_per_l: Number = Field(description="Magnesium, mg per litre (from the label).")
    calcium_mg_per_l: Number | None = Field(None, description="Calcium, mg per litre.")
    sodium_mg_per_l: Number | None = Field(None, description="Sodium, mg per litre.")
    potassium_mg_per_l: Number | None = Field(None, description="Potassium, mg per litre.")


class IngredientBody(Body):
    food: str = Field(min_length=1, max_length=200, description="A food name or id.")
    amount: str = Field(
        min_length=1, max_length=100, description='The amount: "40 g", "1/2 cup", "1,5 dl".'
    )


class RecipeBody(Body):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Overnight oats",
                    "servings": 2,
                    "ingredients": [
                        {"food": "oat bran", "amount": "80 g"},
                        {"food": "almonds", "amount": "30 g"},
                    ],
                }
            ]
        }
    )

    name: str = Name
    name_nl: str | None = NameNl
    servings: int = Field(1, ge=-1_000_000, le=1_000_000, description="How many servings.")
    ingredients: list[IngredientBody] = Field(
        min_length=1, max_length=100, description="The ingredients, each a food and its amount."
    )


def _refused(error: MgCoachError, renamed: Mapping[str, str]) -> JSONResponse:
    """The service's refusal on the body's field it is about (the API's own field names)."""
    from ..app import api_status, error_body  # the app imports this module

    field = next((renamed.get(name, name) for name in error.fields), None)
    return JSONResponse(error_body(error, field), status_code=api_status(error))


@router.post(
    "/foods",
    status_code=201,
    summary="Add a food of your own from its label (mgcoach foods add)",
    response_model=FoodDetailJson,
)
def post_food(request: Request, viewer: SignedIn, body: FoodBody) -> JSONResponse:
    state = state_of(request)
    portions = [Portion(p.amount, p.unit.strip(), p.grams) for p in body.portions]
    try:
        found = add_food(
            state.db, body.name, dict(body.per_100g), name_nl=body.name_nl, portions=portions,
            tags=body.tags, serving=body.serving, owner=food_owner(state, viewer),
        )  # fmt: skip
    except MgCoachError as error:
        return _refused(error, {"amount": "serving", "exclude": "tags", "portion": "portions"})
    return JSONResponse(food_json(found, portions=True), status_code=201)


@router.post(
    "/waters",
    status_code=201,
    summary="Add a drinking water from its label, mg per litre (mgcoach foods add-water)",
    response_model=FoodDetailJson,
)
def post_water(request: Request, viewer: SignedIn, body: WaterBody) -> JSONResponse:
    state = state_of(request)
    given = {
        "magnesium_mg": body.magnesium_mg_per_l,
        "calcium_mg": body.calcium_mg_per_l,
        "sodium_mg": body.sodium_mg_per_l,
        "potassium_mg": body.potassium_mg_per_l,
    }
    values = {key: value for key, value in given.items() if value is not None}
    try:
        found = add_water(
            state.db, body.name, values, name_nl=body.name_nl, owner=food_owner(state, viewer)
        )
    except MgCoachError as error:
        return _refused(error, {key: f"{key}_per_l" for key in given})
    return JSONResponse(food_json(found, portions=True), status_code=201)


@router.post(
    "/recipes",
    status_code=201,
    summary="Build a recipe; its values per serving are computed (mgcoach foods recipe)",
    response_model=RecipeAnswer,
)
def post_recipe(request: Request, viewer: SignedIn, body: RecipeBody) -> JSONResponse:
    state = state_of(request)
    pairs = [(line.food, line.amount) for line in body.ingredients]
    try:
        result = add_recipe(
            state.db, body.name, pairs, servings=body.servings, name_nl=body.name_nl,
            owner=food_owner(state, viewer),
        )  # fmt: skip
    except MgCoachError as error:
        renamed = {"food": "ingredients", "amount": "ingredients", "ingredient": "ingredients"}
        return _refused(error, renamed)
    return JSONResponse(recipe_json(result), status_code=201)
