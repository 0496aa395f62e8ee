"""JSON for the daily loop: the foods logged lately and most often (``mgcoach foods recent``)
and the favourite foods (``mgcoach foods favourites``)."""

from __future__ import annotations

from typing_extensions import TypedDict

from ..i18n import get_language
from ..services.favourites import Favourite
from ..services.journal_daily import RecentFood, RecentFoods
from .common import documented, number


@documented
class RecentFoodAnswer(TypedDict):
    """A food logged lately, with what it was logged with the last time."""

    food_id: str
    """The food's id (usda:12061, own:3 ...)."""
    name: str
    """Its name in the reader's language."""
    amount: str
    """The amount it was last logged with, as typed: log it again with this."""
    grams: float | None
    """The grams of that amount."""
    magnesium_mg: float | None
    """The magnesium in that amount, mg."""
    meal: str | None
    """The meal it was last logged in: breakfast, lunch, dinner, snacks (or an import's)."""
    times: int
    """How often it was logged in the last 60 days."""
    last_date: str
    """The day it was last logged, YYYY-MM-DD."""


@documented
class RecentFoodsAnswer(TypedDict):
    """The foods to log again in one step (``mgcoach foods recent --json``)."""

    recent: list[RecentFoodAnswer]
    """The last logged first, each food once (at most 8)."""
    frequent: list[RecentFoodAnswer]
    """Logged more than once in the last 60 days, most often first (at most 8)."""


def shown_name(item: RecentFood | Favourite) -> str:
    """The food's name in the reader's language (the English one when it has no Dutch)."""
    return item.name_nl if get_language() == "nl" and item.name_nl else item.name


def recent_food_json(item: RecentFood) -> RecentFoodAnswer:
    return {
        "food_id": item.food_id,
        "name": shown_name(item),
        "amount": item.amount_text,
        "grams": number(item.grams),
        "magnesium_mg": number(item.magnesium_mg),
        "meal": item.meal,
        "times": item.times,
        "last_date": item.last_day.isoformat(),
    }


def recent_foods_json(found: RecentFoods) -> RecentFoodsAnswer:
    return {
        "recent": [recent_food_json(item) for item in found.recent],
        "frequent": [recent_food_json(item) for item in found.frequent],
    }


@documented
class FavouriteAnswer(TypedDict):
    """A favourite food: logged again in one step with its amount and meal."""

    food_id: str
    """The food's id (usda:12061, own:3 ...)."""
    name: str
    """Its name in the reader's language."""
    amount: str
    """The amount it is logged with, as typed."""
    grams: float | None
    """The grams of that amount (null when the food is no longer in the food table)."""
    magnesium_mg: float | None
    """The magnesium in that amount, mg, from the food table as it is now."""
    meal: str | None
    """The meal it goes in: breakfast, lunch, dinner, snacks, or null for the day's choice."""


def favourite_json(item: Favourite) -> FavouriteAnswer:
    return {
        "food_id": item.food_id,
        "name": shown_name(item),
        "amount": item.amount_text,
        "grams": number(item.grams),
        "magnesium_mg": number(item.magnesium_mg),
        "meal": item.meal,
    }
