"""JSON for ``mgcoach foods recipe``: the food a recipe makes, its ingredients with their
weights, and the nutrients in one serving, with how many ingredients lack a value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..foods.nutrients import nutrient_keys
from .common import documented, number
from .foods import (
    FoodDetailJson,
    FoodRefJson,
    NutrientValues,
    food_json,
    food_ref_json,
    nutrients_json,
)

if TYPE_CHECKING:  # the result's type only: importing services here would load the database
    from ..services.food_recipes import RecipeResult


@documented
class RecipeLineJson(FoodRefJson):
    """One ingredient of a recipe."""

    amount: str
    """The amount, as given."""
    grams: float
    """What it weighs."""


@documented
class RecipeAnswer(FoodDetailJson):
    """``mgcoach foods recipe --json``: the new food, its ingredients and per-serving values."""

    servings: int
    """How many servings the recipe makes."""
    grams: float
    """The whole recipe's weight."""
    ingredients: list[RecipeLineJson]
    """The ingredients."""
    per_serving: NutrientValues
    """Nutrients in one serving."""
    per_serving_complete: dict[str, bool]
    """Per nutrient key, true when every ingredient has a value."""
    unknown_ingredients: dict[str, int]
    """Per nutrient key, how many ingredients have no value (only keys above 0)."""


def recipe_json(result: RecipeResult) -> RecipeAnswer:
    """``foods recipe``: the new food, its ingredients, and per-serving values."""
    return {
        **food_json(result.food, portions=True),
        "servings": result.servings,
        "grams": number(result.grams, 1),
        "ingredients": [
            {**food_ref_json(line.food), "amount": line.amount, "grams": number(line.grams, 1)}
            for line in result.lines
        ],
        "per_serving": nutrients_json(result.per_serving),
        "per_serving_complete": {k: result.whole.complete(k) for k in nutrient_keys()},
        "unknown_ingredients": {k: v for k, v in result.whole.unknown.items() if v},
    }
