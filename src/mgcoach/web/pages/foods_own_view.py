"""What the own-foods page shows of a food, water or recipe the user added: one line each in the
lists, and the stored values of the one just saved (foods_own.py).

Values are read back from the database, so the page shows what was stored: a food's values per
100 g, a water's per litre (and in a glass of 250 ml), a recipe's per serving with its
ingredients as they were matched.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from ...errors import MgCoachError
from ...foods.model import Food, FoodSource
from ...foods.nutrients import nutrient
from ...i18n import _, get_language
from ...services.database import Database
from ...services.food_recipes import (
    GRAMS_PER_LITRE_OF_WATER,
    OWN_SOURCES,
    is_water,
    own_foods,
    recipe_lines,
    serving_grams,
)
from ...services.foods import show_food
from ..forms import number_text
from ..templating import num
from .foods import serving

SHOWN = (
    "magnesium_mg", "energy_kcal", "protein_g", "calcium_mg", "potassium_mg", "sodium_mg",
    "zinc_mg",
)  # fmt: skip
WATER_SHOWN = ("magnesium_mg", "calcium_mg", "sodium_mg", "potassium_mg")
GLASS_ML = 250.0
PER_LITRE = GRAMS_PER_LITRE_OF_WATER / 100.0  # a value per 100 g times this is per litre


def nutrient_label(key: str, unit: str | None = None) -> str:
    """A nutrient's name with its unit, in the page's language: "Magnesium (mg)"."""
    found = nutrient(key)
    return _("{nutrient} ({unit})").format(
        nutrient=found.name(get_language()), unit=unit or found.unit
    )


def _amount(value: float | None, unit: str) -> str:
    """A stored value as typed back: at most one decimal, the page's decimal sign, its unit."""
    if value is None:
        return num(None)
    return f"{number_text(value, 1)}\u00a0{unit}"


def kind_of(item: Food) -> str:
    if item.source is FoodSource.RECIPE:
        return "recipe"
    return "water" if is_water(item) else "food"


def _scaled(item: Food, key: str, factor: float) -> float | None:
    value = item.per_100g.get(key)
    return None if value is None else value * factor


def _headline(item: Food, kind: str) -> str:
    mg_100g = item.per_100g.get("magnesium_mg")
    if kind == "water":
        return _("{per_litre} magnesium per litre, {glass} in a glass of 250 ml").format(
            per_litre=_amount(_scaled(item, "magnesium_mg", PER_LITRE), "mg"),
            glass=_amount(_scaled(item, "magnesium_mg", GLASS_ML / 100.0), "mg"),
        )
    grams = serving_grams(item)
    if kind == "recipe":
        if mg_100g is None or grams is None:
            return _("Magnesium per serving unknown: an ingredient has no magnesium value.")
        return _("{mg} magnesium per serving ({grams})").format(
            mg=_amount(mg_100g * grams / 100.0, "mg"), grams=num(grams, 0, "g")
        )
    text = _("{mg} magnesium per 100 g").format(mg=_amount(mg_100g, "mg"))
    if grams is not None and mg_100g is not None:
        text += "; " + _("{mg} per {serving}").format(
            mg=_amount(mg_100g * grams / 100.0, "mg"), serving=serving(item)
        )
    return text


def summary(item: Food) -> dict[str, Any]:
    """One line of the lists: the name, what it holds, and where to log it."""
    kind = kind_of(item)
    return {
        "id": item.id,
        "kind": kind,
        "name": item.display_name(get_language()),
        "headline": _headline(item, kind),
        "log": "/log?" + urlencode({"food": item.id}),
    }


def _values(item: Food, kind: str) -> tuple[str, list[tuple[str, str]]]:
    """The stored values: the caption of the list and its (label, value) pairs."""
    if kind == "water":
        pairs = [
            (nutrient_label(k, "mg/L"), _amount(_scaled(item, k, PER_LITRE), "mg/L"))
            for k in WATER_SHOWN
            if item.per_100g.get(k) is not None
        ]
        return _("Per litre"), pairs
    if kind == "recipe":
        grams = serving_grams(item) or 0.0
        pairs = [
            (nutrient_label(k), _amount(_scaled(item, k, grams / 100.0), nutrient(k).unit))
            for k in SHOWN
        ]
        return _("Per serving"), pairs
    pairs = [
        (nutrient_label(k), _amount(item.per_100g.get(k), nutrient(k).unit))
        for k in SHOWN
        if item.per_100g.get(k) is not None
    ]
    return _("Per 100 g"), pairs


def added_card(db: Database, food_id: str, visible_to: int | None) -> dict[str, Any] | None:
    """The food just saved with its stored values; None when the reader may not see it (or it
    is not a food of someone's own)."""
    try:
        item = show_food(db, food_id, visible_to=visible_to)
    except MgCoachError:
        return None
    if item.source not in OWN_SOURCES:
        return None
    card = summary(item)
    card["caption"], card["pairs"] = _values(item, card["kind"])
    card["serving"] = serving(item) if card["kind"] == "food" else None
    card["lines"], card["servings"] = [], None
    if card["kind"] == "recipe":
        lines = recipe_lines(db, item)
        whole = sum(line.grams for line in lines)
        grams = serving_grams(item)
        card["servings"] = round(whole / grams) if grams else None
        card["lines"] = [
            {
                "name": line.food.display_name(get_language()),
                "amount": line.amount,
                "grams": num(line.grams, 0, "g"),
                "mg": _amount(line.nutrients.get("magnesium_mg"), "mg"),
            }
            for line in lines
        ]
    return card


def own_lists(db: Database, visible_to: int | None, owner: int | None) -> dict[str, list[Any]]:
    """The user's own foods, waters and recipes, each list the newest first."""
    lists: dict[str, list[Any]] = {"food": [], "water": [], "recipe": []}
    for item in own_foods(db, visible_to, owner):
        shown = summary(item)
        lists[shown["kind"]].append(shown)
    return lists
