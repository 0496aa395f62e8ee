"""The user's recipes and drinking waters: foods built from other foods or from a label.

A recipe's values come from its ingredients' own values and weights. When an ingredient has
no value for a nutrient, the recipe's value for it is unknown (never a silent under-count); the
result says how many ingredients lacked it and what the known part adds up to.

``owner``: the account the new food belongs to (None: shared; see storage.foods). A recipe of
an account may use the shared foods and that account's own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import InputError
from ..foods.model import Food, FoodSource, Portion
from ..foods.nutrition import Totals, amounts, per_100g, total
from ..foods.portions import portion_grams
from ..i18n import N_
from ..journal.bounds import clean_text
from ..storage import recipes as recipe_store
from ..storage.database import Database
from ..storage.foods import get_foods, next_id, write_foods
from . import food_lookup
from .food_everyday import everyday_foods
from .foods import add_food

MAX_SERVINGS = 100
MAX_MG_PER_LITRE = 5000.0
OWN_SOURCES = frozenset({FoodSource.USER, FoodSource.RECIPE})
# Mineral-water labels give mg per litre; a litre of water weighs 1,000 g.
GRAMS_PER_LITRE_OF_WATER = 1000.0
WATER_PORTIONS = (Portion(1, "glass (250 ml)", 250.0), Portion(1, "bottle (500 ml)", 500.0))


@dataclass(frozen=True, slots=True)
class RecipeLine:
    food: Food
    amount: str
    grams: float

    @property
    def nutrients(self) -> dict[str, float | None]:
        return amounts(self.food, self.grams)


@dataclass(frozen=True, slots=True)
class RecipeResult:
    food: Food
    lines: tuple[RecipeLine, ...]
    servings: int
    whole: Totals  # the whole recipe, known values summed, unknowns counted per nutrient

    @property
    def grams(self) -> float:
        return sum(line.grams for line in self.lines)

    @property
    def per_serving(self) -> dict[str, float | None]:
        """The known part of each nutrient per serving (see ``whole.unknown`` for gaps)."""
        return {
            key: None if value is None else value / self.servings
            for key, value in self.whole.values.items()
        }


def parse_ingredient(text: str) -> tuple[str, str]:
    """``"havermout=40 g"`` -> ("havermout", "40 g")."""
    food, sep, amount = text.rpartition("=")
    if not sep or not food.strip() or not amount.strip():
        raise InputError(
            N_('Write an ingredient as FOOD=AMOUNT, e.g. "oat bran=40 g"; {text} is not.'),
            field="ingredient",
            text=text,
        )
    return food.strip(), amount.strip()


def add_recipe(
    db: Database,
    name: str,
    ingredients: Sequence[tuple[str, str]],
    *,
    servings: int = 1,
    name_nl: str | None = None,
    owner: int | None = None,
) -> RecipeResult:
    """A recipe as a searchable food (``recipe:N``), per 100 g and per serving."""
    name, name_nl, ingredients = _checked(name, name_nl, ingredients, servings)
    with db.begin() as connection:
        lines = []
        for food_text, amount_text in ingredients:
            found, _ = food_lookup.resolve(connection, food_text, visible_to=owner)
            lines.append(RecipeLine(found, amount_text, portion_grams(found, amount_text).grams))
        whole = total(line.nutrients for line in lines)
        weight = sum(line.grams for line in lines)
        item = Food(
            id=next_id(connection, "recipe"),
            name=name.strip(),
            source=FoodSource.RECIPE,
            per_100g=per_100g(whole, weight),
            name_nl=(name_nl or "").strip() or None,
            portions=(Portion(1, "serving", weight / servings),),
            tags=_recipe_tags([line.food for line in lines]),
            serving="1 serving",
            owner=owner,
        )
        write_foods(connection, [item])
        recipe_store.add_lines(
            connection,
            [
                {
                    "recipe_id": item.id,
                    "seq": seq,
                    "food_id": line.food.id,
                    "amount_text": line.amount,
                    "grams": line.grams,
                }
                for seq, line in enumerate(lines, start=1)
            ],
        )
    return RecipeResult(item, tuple(lines), servings, whole)


def _checked(
    name: str, name_nl: str | None, ingredients: Sequence[tuple[str, str]], servings: int
) -> tuple[str, str | None, list[tuple[str, str]]]:
    """A recipe's name, Dutch name and ingredient texts as stored (one line each, no control
    character: a NUL breaks PostgreSQL); an InputError on the first that is not fit."""
    if not name.strip():
        raise InputError(N_("A food needs a name."), field="name")
    texts = [
        (clean_text(food, "name", "food"), clean_text(amount, "amount", "amount"))
        for food, amount in ingredients
    ]
    if not texts:
        raise InputError(N_("A recipe needs at least one ingredient."), field="ingredient")
    if not 1 <= servings <= MAX_SERVINGS:
        raise InputError(
            N_("The number of servings must be between 1 and {max}."),
            field="servings",
            max=MAX_SERVINGS,
        )
    dutch = clean_text(name_nl, "name", "name_nl") if name_nl else None
    return clean_text(name, "name", "name"), dutch, texts


def _recipe_tags(foods: Sequence[Food]) -> frozenset[str]:
    """Allergens of any ingredient; a diet (vegan, vegetarian) only when every one has it."""
    union = frozenset().union(*(f.tags for f in foods)) - DIETS - {"water"}
    return union | frozenset.intersection(*(f.tags & DIETS for f in foods))


DIETS = frozenset({"vegan", "vegetarian"})


def add_water(
    db: Database,
    name: str,
    mg_per_litre: Mapping[str, float],
    *,
    name_nl: str | None = None,
    owner: int | None = None,
) -> Food:
    """A drinking water from its label (mg per litre), counted like any food."""
    if "magnesium_mg" not in mg_per_litre:
        raise InputError(
            N_("Give the magnesium content from the label, in mg per litre."),
            field="magnesium_mg",
        )
    for key, value in mg_per_litre.items():
        if not 0 <= value <= MAX_MG_PER_LITRE:
            raise InputError(
                N_("{name}={value} mg/L is not possible for a drinking water."),
                field=key,
                name=key,
                value=value,
            )
    per_100g = {key: value * 100 / GRAMS_PER_LITRE_OF_WATER for key, value in mg_per_litre.items()}
    return add_food(
        db,
        name,
        {"energy_kcal": 0.0, "protein_g": 0.0, **per_100g},
        name_nl=name_nl,
        portions=WATER_PORTIONS,
        tags=["water", "vegan", "vegetarian"],
        serving="1 glass (250 ml)",
        owner=owner,
    )


def is_water(item: Food) -> bool:
    """A drinking water added from its label (``add_water``)."""
    return item.source is FoodSource.USER and "water" in item.tags


def own_foods(db: Database, visible_to: int | None, owner: int | None) -> list[Food]:
    """The foods, waters and recipes added by ``owner`` (None: the shared ones added without an
    account, as the CLI adds them), as ``visible_to`` sees them; the newest first."""
    foods = everyday_foods(db, visible_to)
    mine = [
        item.food
        for item in foods.items
        if item.food.source in OWN_SOURCES and item.food.owner == owner
    ]
    return sorted(mine, key=lambda f: (f.source.value, _number(f.id)), reverse=True)


def _number(food_id: str) -> int:
    tail = food_id.rpartition(":")[2]
    return int(tail) if tail.isdigit() else 0


def recipe_lines(db: Database, recipe: Food) -> list[RecipeLine]:
    """A stored recipe's ingredients, in their order (foods another reader cannot see are
    never in a recipe: a recipe only uses what its owner sees)."""
    with db.connect() as connection:
        rows = recipe_store.lines_of(connection, recipe.id)
        found = {f.id: f for f in get_foods(connection, [str(r["food_id"]) for r in rows])}
    return [
        RecipeLine(found[str(r["food_id"])], str(r["amount_text"]), float(str(r["grams"])))
        for r in rows
        if str(r["food_id"]) in found
    ]


def serving_grams(item: Food) -> float | None:
    """The weight of the usual serving of an own food or recipe (None without one)."""
    if item.serving is None:
        return None
    return portion_grams(item, item.serving).grams
