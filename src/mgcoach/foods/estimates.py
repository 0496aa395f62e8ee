"""Recipe estimates (``data/dutch_estimates.toml``): Dutch everyday foods USDA SR28 does not
hold, computed from SR28 ingredients. Each carries its recipe and its basis, shown with the food.

``tools/dutch_estimates.py`` computes the values per 100 g (``estimate_values``, the arithmetic
of a user's recipe) from the USDA files into ``data/dutch_estimates.csv``; the curated table
(``foods.curated``) ships them as curated foods with ``nl:`` ids.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError
from ..frozen import frozen
from .groups import group
from .model import Food, FoodSource, Portion
from .nutrients import nutrient_keys
from .nutrition import amounts, per_100g, total
from .tags import food_tags

DATA = Path(str(resources.files(__package__).joinpath("data")))
RECIPES_FILE = DATA / "dutch_estimates.toml"
VALUES_FILE = DATA / "dutch_estimates.csv"
EVERYDAY_FILE = DATA / "dutch_everyday.toml"
ESTIMATE_FILES = (RECIPES_FILE, VALUES_FILE)
VALUE_COLUMNS = ["id", *nutrient_keys(), "source"]
_SOURCES = {"USDA-SR28"}


@frozen
class Ingredient:
    food_id: str  # usda:<NDB_No>
    grams: float
    name: str  # its USDA description


@frozen
class Estimate:
    """A food's recipe estimate: what goes in, how the recipe was chosen, where values come from."""

    id: str
    name: str
    name_nl: str
    synonyms: tuple[str, ...]
    synonyms_nl: tuple[str, ...]
    tags: frozenset[str]
    group: str
    serving: str
    portions: tuple[Portion, ...]
    ingredients: tuple[Ingredient, ...]
    basis: str
    basis_nl: str
    source: str

    @property
    def grams(self) -> float:
        return sum(i.grams for i in self.ingredients)


def _ingredient(raw: Mapping[str, Any]) -> Ingredient:
    food_id, grams, name = str(raw["food"]), float(raw["grams"]), str(raw["name"])
    if not food_id.startswith("usda:") or len(food_id) != 10 or grams <= 0 or not name:
        raise ValueError(f"bad ingredient {food_id} {grams} g")
    return Ingredient(food_id, grams, name)


def _estimate(raw: Mapping[str, Any]) -> Estimate:
    found = Estimate(
        id=str(raw["id"]),
        name=str(raw["name"]),
        name_nl=str(raw["name_nl"]),
        synonyms=tuple(raw.get("synonyms", ())),
        synonyms_nl=tuple(raw.get("synonyms_nl", ())),
        tags=frozenset(raw.get("tags", ())),
        group=str(raw["group"]),
        serving=str(raw["serving"]),
        portions=tuple(
            Portion(float(p["amount"]), p["unit"], float(p["grams"])) for p in raw["portions"]
        ),
        ingredients=tuple(_ingredient(i) for i in raw["ingredients"]),
        basis=str(raw["basis"]).strip(),
        basis_nl=str(raw["basis_nl"]).strip(),
        source=str(raw["source"]),
    )
    if not found.id.startswith("nl:") or not found.name.strip() or not found.name_nl.strip():
        raise ValueError("an estimate needs an nl: id and an English and a Dutch name")
    if found.source not in _SOURCES or not (found.basis and found.basis_nl and found.ingredients):
        raise ValueError("an estimate needs a known source, a basis in both languages, ingredients")
    if found.tags - set(food_tags()) or group(found.group) is None:
        raise ValueError(f"unknown tags or group in {found.id}")
    return found


@cache
def estimates() -> dict[str, Estimate]:
    """Every recipe estimate by id, validated (a bad entry stops the load)."""
    found: dict[str, Estimate] = {}
    for raw in tomllib.loads(RECIPES_FILE.read_text("utf-8"))["estimate"]:
        try:
            item = _estimate(raw)
        except (KeyError, TypeError, ValueError) as error:
            raise KnowledgeError(
                "Bad entry {id} in {path}: {error}",
                id=raw.get("id"),
                path=RECIPES_FILE.name,
                error=error,
            ) from error
        if item.id in found:
            raise KnowledgeError(
                "Bad entry {id} in {path}: {error}",
                id=item.id,
                path=RECIPES_FILE.name,
                error="listed twice",
            )
        found[item.id] = item
    return found


@cache
def dutch_everyday() -> dict[str, str]:
    """The Dutch everyday foods: each Dutch name and the id of the food it stands for."""
    names = tomllib.loads(EVERYDAY_FILE.read_text("utf-8"))["names"]
    bad = [k for k, v in names.items() if not str(v).startswith(("usda:", "nl:")) or not k.strip()]
    if bad:
        raise KnowledgeError(
            "Bad entry {id} in {path}: {error}", id=bad[0], path=EVERYDAY_FILE.name, error="id"
        )
    return {str(k): str(v) for k, v in names.items()}


def estimate_of(food_id: str) -> Estimate | None:
    """The recipe estimate a food is, None for every other food."""
    return estimates().get(food_id)


def estimate_values(item: Estimate, foods: Mapping[str, Food]) -> dict[str, float | None]:
    """The values per 100 g of the recipe, from its ingredients' values (a user's recipe's
    arithmetic: unknown where an ingredient lacks the value)."""
    whole = total(amounts(foods[i.food_id], i.grams) for i in item.ingredients)
    return per_100g(whole, item.grams)


def number(value: float | None) -> str:
    """How the values file writes a value: rounded to 4 decimals, 6 significant digits."""
    return "" if value is None else f"{round(value, 4):g}"


def stored_values() -> dict[str, dict[str, str]]:
    lines = [line for line in VALUES_FILE.read_text("utf-8").splitlines() if line[:1] != "#"]
    return {row["id"]: row for row in csv.DictReader(lines)}


@cache
def estimate_foods() -> tuple[Food, ...]:
    """The estimates as curated foods, with the values the tool computed."""
    values = stored_values()
    foods = []
    for item in estimates().values():
        row = values.get(item.id)
        if row is None or row["source"] != item.source:
            raise KnowledgeError(
                "Bad entry {id} in {path}: {error}",
                id=item.id,
                path=VALUES_FILE.name,
                error="no values: run tools/dutch_estimates.py",
            )
        foods.append(_food(item, row))
    return tuple(foods)


def _food(item: Estimate, row: Mapping[str, str]) -> Food:
    return Food(
        id=item.id,
        name=item.name,
        name_nl=item.name_nl,
        source=FoodSource.CURATED,
        per_100g={k: float(row[k]) if row[k] else None for k in nutrient_keys()},
        synonyms=item.synonyms,
        synonyms_nl=item.synonyms_nl,
        portions=item.portions,
        group=item.group,
        tags=item.tags,
        serving=item.serving,
    )
