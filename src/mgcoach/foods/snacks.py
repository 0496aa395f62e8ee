"""Recovery snacks (``data/snacks.toml``): a few simple recipes of our own, and their nutrients
per serving, computed from the food table (never written in the recipe file).

A value an ingredient lacks stays unknown: the per-serving totals add the known values and
count, per nutrient, the ingredients that had none (``mgcoach.foods.nutrition.total``).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..errors import KnowledgeError, UnknownFoodError
from ..i18n import N_
from .model import Food
from .nutrition import Totals, amounts, total

SNACKS_FILE = "snacks.toml"
_SOURCES = {"MGCOACH"}
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_FOOD_ID = re.compile(r"^usda:[0-9]{5}$")
_SNACK_KEYS = {"slug", "name", "servings", "source", "ingredient"}
_INGREDIENT_KEYS = {"food", "grams", "note"}


@dataclass(frozen=True, slots=True)
class Ingredient:
    """``grams`` of food ``food_id`` for the whole recipe, with an optional household note."""

    food_id: str
    grams: float
    note_en: str | None = None
    note_nl: str | None = None

    def note(self, lang: str) -> str | None:
        return self.note_nl if lang == "nl" else self.note_en


@dataclass(frozen=True, slots=True)
class Snack:
    """A recipe: its ingredients make ``servings`` equal servings."""

    slug: str
    name_en: str
    name_nl: str
    servings: int
    source: str
    ingredients: tuple[Ingredient, ...]

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en


@dataclass(frozen=True, slots=True)
class SnackResult:
    """One serving of a snack: its weight and nutrients (unknown counts kept per nutrient)."""

    snack: Snack
    grams_per_serving: float
    per_serving: Totals

    @property
    def magnesium_mg(self) -> float | None:
        """Magnesium per serving: the known part; see ``per_serving.unknown`` for gaps."""
        return self.per_serving.value("magnesium_mg")


class _SnackRowError(ValueError):
    """A row problem, turned into a KnowledgeError that names the snack."""


def _text(value: object, what: str) -> tuple[str, str]:
    if not isinstance(value, dict) or set(value) != {"en", "nl"}:
        raise _SnackRowError(f"{what} needs exactly an en and an nl text")
    en, nl = value["en"], value["nl"]
    if not (isinstance(en, str) and en.strip() and isinstance(nl, str) and nl.strip()):
        raise _SnackRowError(f"{what} needs a non-empty en and nl text")
    return en.strip(), nl.strip()


def _ingredient(row: object, number: int) -> Ingredient:
    if not isinstance(row, dict):
        raise _SnackRowError(f"ingredient {number} is not a table")
    extra = set(row) - _INGREDIENT_KEYS
    if extra:
        raise _SnackRowError(f"ingredient {number} has unknown keys {sorted(extra)}")
    food = row.get("food")
    if not isinstance(food, str) or not _FOOD_ID.match(food):
        raise _SnackRowError(f"ingredient {number}: food {food!r} is not usda:<5-digit NDB_No>")
    grams = row.get("grams")
    # bool is an int in Python; "grams = true" is a typo, not one gram.
    if isinstance(grams, bool) or not isinstance(grams, int | float):
        raise _SnackRowError(f"ingredient {number} ({food}): grams must be a number")
    if not (math.isfinite(grams) and grams > 0):
        raise _SnackRowError(
            f"ingredient {number} ({food}): grams must be more than 0, not {grams}"
        )
    note = _text(row["note"], f"ingredient {number} ({food}) note") if "note" in row else None
    return Ingredient(food, float(grams), *(note or (None, None)))


def _snack(row: Mapping[str, object]) -> Snack:
    extra = set(row) - _SNACK_KEYS
    if extra:
        raise _SnackRowError(f"unknown keys {sorted(extra)}")
    slug = row.get("slug")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise _SnackRowError(f"slug {slug!r} is not lower-case words joined by '-'")
    name_en, name_nl = _text(row.get("name"), "name")
    servings = row.get("servings")
    if isinstance(servings, bool) or not isinstance(servings, int) or servings < 1:
        raise _SnackRowError(f"servings must be a whole number of 1 or more, not {servings!r}")
    if row.get("source") not in _SOURCES:
        raise _SnackRowError(f"unknown source {row.get('source')!r}")
    rows = row.get("ingredient")
    if not isinstance(rows, list) or not rows:
        raise _SnackRowError("a snack needs at least one [[snack.ingredient]]")
    ingredients = tuple(_ingredient(item, number) for number, item in enumerate(rows, start=1))
    return Snack(slug, name_en, name_nl, servings, str(row["source"]), ingredients)


def parse_snacks(text: str, path: str = SNACKS_FILE) -> tuple[Snack, ...]:
    """The snacks of a snacks.toml text, validated; a bad row names its snack (or position)."""
    try:
        rows = tomllib.loads(text).get("snack")
    except tomllib.TOMLDecodeError as error:
        raise KnowledgeError(
            N_("{path} is not valid TOML: {error}"), path=path, error=str(error)
        ) from error
    if not isinstance(rows, list) or not rows:
        raise KnowledgeError(N_("{path} lists no [[snack]]."), path=path)
    snacks: dict[str, Snack] = {}
    for number, row in enumerate(rows, start=1):
        label = str(row.get("slug") or f"#{number}") if isinstance(row, dict) else f"#{number}"
        try:
            if not isinstance(row, dict):
                raise _SnackRowError("not a table")
            snack = _snack(row)
            if snack.slug in snacks:
                raise _SnackRowError("the slug is used twice")
        except _SnackRowError as error:
            raise KnowledgeError(
                N_("Bad snack {snack} in {path}: {error}"), snack=label, path=path, error=str(error)
            ) from error
        snacks[snack.slug] = snack
    return tuple(snacks.values())


@cache
def snacks() -> tuple[Snack, ...]:
    """The packaged recovery snacks (validated at first use)."""
    text = resources.files(__package__).joinpath(f"data/{SNACKS_FILE}").read_text("utf-8")
    return parse_snacks(text)


def snack_result(snack: Snack, foods: Mapping[str, Food]) -> SnackResult:
    """One serving of ``snack``, its ingredients looked up in ``foods`` (id -> Food)."""
    entries = []
    for ingredient in snack.ingredients:
        food = foods.get(ingredient.food_id)
        if food is None:
            raise UnknownFoodError(
                N_("The snack {snack} uses food {food}, which is not in the food table."),
                snack=snack.slug,
                food=ingredient.food_id,
            )
        entries.append(amounts(food, ingredient.grams / snack.servings))
    grams = sum(ingredient.grams for ingredient in snack.ingredients) / snack.servings
    return SnackResult(snack, grams, total(entries))


def snack_results(foods: Mapping[str, Food]) -> tuple[SnackResult, ...]:
    """Every packaged snack per serving; an ingredient missing from ``foods`` is an error."""
    return tuple(snack_result(snack, foods) for snack in snacks())
