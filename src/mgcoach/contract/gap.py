"""JSON for ``mgcoach foods suggest`` (and the foods of ``mgcoach plan``): the portions of
everyday foods chosen to close a magnesium gap, why each was chosen, what was left out, and the
recovery snacks with what one serving gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import TypedDict

from ..i18n import get_language, translate
from .common import documented, number
from .foods import FoodRefJson, NutrientValues, food_ref_json, nutrients_json

if TYPE_CHECKING:  # the results' types only: importing services here would load the database
    from ..foods.suggest import Reason
    from ..services.food_suggest import GapPlan


@documented
class ReasonJson(TypedDict):
    """Why, as a code and in words."""

    code: str
    """A machine-readable code."""
    text: str
    """The reason, in the reader's language."""


@documented
class GapItemJson(TypedDict):
    """A food chosen to close the gap, with its portions."""

    food: FoodRefJson
    """The food."""
    display_name: str
    """Its name in the reader's language."""
    portions: int
    """How many portions."""
    portion: str
    """One portion, in words."""
    grams: float
    """All portions' weight."""
    magnesium_mg: float
    """Their magnesium."""
    energy_kcal: float
    """Their energy."""
    sodium_mg: float | None
    """Their sodium; null when unknown."""
    share_of_gap: float
    """The share of the gap they close (1 = all)."""
    magnesium_per_100kcal: float | None
    """Magnesium per 100 kcal of the food."""
    reason: ReasonJson
    """Why this food."""


@documented
class IngredientJson(TypedDict):
    """A snack's ingredient."""

    food_id: str
    """The food's id."""
    grams: float
    """How much."""


@documented
class SnackJson(TypedDict):
    """A recovery snack and what one serving gives."""

    slug: str
    """Its slug."""
    name: str
    """Its name, in the reader's language."""
    servings: int
    """How many servings the recipe makes."""
    grams_per_serving: float
    """One serving's weight."""
    per_serving: NutrientValues
    """Nutrients in one serving."""
    unknown_ingredients: dict[str, int]
    """Per nutrient key, how many ingredients have no value (only keys above 0)."""
    ingredients: list[IngredientJson]
    """The ingredients."""
    source: str
    """Source id."""


@documented
class GapPlanAnswer(TypedDict):
    """``mgcoach foods suggest --json``: the portions chosen to close a magnesium gap, why, and
    recovery snacks."""

    gap_mg: float
    """The gap, in mg."""
    status: str
    """closed, partial, no_gap or no_candidates."""
    items: list[GapItemJson]
    """The foods chosen."""
    magnesium_mg: float
    """Their magnesium together."""
    energy_kcal: float
    """Their energy together."""
    sodium_mg: float
    """Their known sodium together."""
    remaining_mg: float
    """What is still missing."""
    left_out: dict[str, int]
    """How many foods were left out, by why."""
    notes: list[ReasonJson]
    """More about the choice."""
    candidates: int
    """How many foods were considered."""
    snacks: list[SnackJson]
    """Recovery snacks."""
    sources: list[str]
    """Source ids."""


def _reason_json(reason: Reason) -> ReasonJson:
    return {"code": reason.code, "text": translate(reason.message, dict(reason.params))}


def gap_plan_json(plan: GapPlan) -> GapPlanAnswer:
    """``foods suggest``: the portions chosen, why, and the recovery snacks."""
    s = plan.suggestion
    lang = get_language()
    return {
        "gap_mg": number(s.gap_mg, 1),
        "status": s.status.value,
        "items": [
            {
                "food": food_ref_json(item.food),
                "display_name": item.food.display_name(lang),
                "portions": item.portions,
                "portion": item.portion_label,
                "grams": number(item.grams, 1),
                "magnesium_mg": number(item.magnesium_mg, 1),
                "energy_kcal": number(item.energy_kcal, 1),
                "sodium_mg": number(item.sodium_mg, 1),
                "share_of_gap": number(item.share_of_gap, 3),
                "magnesium_per_100kcal": number(item.magnesium_per_100kcal, 1),
                "reason": _reason_json(item.reason),
            }
            for item in s.items
        ],
        "magnesium_mg": number(s.magnesium_mg, 1),
        "energy_kcal": number(s.energy_kcal, 1),
        "sodium_mg": number(s.sodium_mg, 1),
        "remaining_mg": number(s.remaining_mg, 1),
        "left_out": dict(s.left_out),
        "notes": [_reason_json(r) for r in s.reasons],
        "candidates": plan.candidates,
        "snacks": [
            {
                "slug": r.snack.slug,
                "name": r.snack.name(lang),
                "servings": r.snack.servings,
                "grams_per_serving": number(r.grams_per_serving, 1),
                "per_serving": nutrients_json(r.per_serving.values),
                "unknown_ingredients": {k: v for k, v in r.per_serving.unknown.items() if v},
                "ingredients": [
                    {"food_id": i.food_id, "grams": number(i.grams, 1)} for i in r.snack.ingredients
                ],
                "source": r.snack.source,
            }
            for r in plan.snacks
        ],
        "sources": ["USDA-SR28"],
    }
