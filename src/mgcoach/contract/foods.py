"""The foods JSON contract: ``foods search``, ``amount``, ``show``, ``top``, ``stats``, ``add``.

Public keys (issue 4): a food has ``id``, ``name``, ``name_nl``, ``usda_ndb`` and ``per_100g``
(every nutrient key, null when unknown); an amount has ``food`` (``id``, ``name``,
``usda_ndb``), ``grams`` and ``nutrients``; stats has ``foods`` and a count per source. The food
and nutrient shapes here are shared by gap.py (``foods suggest``) and recipes.py (``foods
recipe``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal, cast, overload

from typing_extensions import TypedDict

from ..foods.curated import curated_foods
from ..foods.estimates import estimate_of
from ..foods.groups import group
from ..foods.model import Food, Portion
from ..foods.nutrients import nutrient_keys
from ..foods.portions import portion_label
from ..i18n import get_language
from .common import documented, number

if TYPE_CHECKING:  # the results' types only: importing services here would load the database
    from ..services.foods import AmountResult, Per, TopRow

SOURCE_IDS = {
    "curated": ["USDA-SR28"],
    "usda_sr28": ["USDA-SR28"],
    "usda_sr_legacy": ["USDA-FDC"],
    "usda_foundation": ["USDA-FDC"],
    "usda_fndds": ["USDA-FDC"],
    "usda_branded": ["USDA-FDC"],
    "off": ["OFF"],
    "user": [],
    "recipe": [],
}


@documented
class NutrientValues(TypedDict):
    """Every nutrient a food carries (foods/data/nutrients.csv), in the unit its key names; null
    when the source gives no value (unknown is never zero)."""

    energy_kcal: float | None
    """Energy, kcal."""
    protein_g: float | None
    """Protein, g."""
    fibre_g: float | None
    """Fibre, g."""
    magnesium_mg: float | None
    """Magnesium, mg."""
    calcium_mg: float | None
    """Calcium, mg."""
    potassium_mg: float | None
    """Potassium, mg."""
    sodium_mg: float | None
    """Sodium, mg."""
    zinc_mg: float | None
    """Zinc, mg."""
    phosphorus_mg: float | None
    """Phosphorus, mg."""
    iron_mg: float | None
    """Iron, mg."""
    fat_g: float | None
    """Fat, g."""
    carbohydrate_g: float | None
    """Carbohydrate, g."""
    water_g: float | None
    """Water, g."""
    vitamin_d_ug: float | None
    """Vitamin D, µg."""


@documented
class FoodRefJson(TypedDict):
    """Which food: its id and names."""

    id: str
    """The food's id, e.g. usda:12061."""
    name: str
    """Its English name."""
    name_nl: str | None
    """Its Dutch name."""
    usda_ndb: str | None
    """Its USDA SR number."""
    source: str
    """Where it comes from: curated, usda_sr28, off, user, recipe, ..."""


@documented
class PortionJson(TypedDict):
    """A household measure with its weight. Each label says its grams and can be typed back as
    an amount of the food: it weighs what it says."""

    amount: float
    """How many units."""
    unit: str
    """The unit: cup, slice, ... (as the source words it)."""
    grams: float
    """What it weighs."""
    label: str
    """The portion in words with its grams, in the reader's language: 1 cup (240 g)."""
    label_en: str
    """The portion in English, with its grams: 1 medium (7" to 7-7/8" long, 118 g)."""
    label_nl: str
    """The portion in Dutch, with its grams: 1 middelgrote (118 g); never oz or NLEA."""


@documented
class EstimateIngredientJson(TypedDict):
    """One ingredient of a recipe estimate, with the weight that goes into the recipe."""

    food_id: str
    """The ingredient's id, e.g. usda:11367."""
    name: str
    """Its USDA description."""
    name_nl: str | None
    """Its Dutch name, when Mg Coach has one."""
    grams: float
    """Its weight in the recipe."""


@documented
class FoodJson(FoodRefJson):
    """A food with its nutrients per 100 g: each food of ``mgcoach foods search --json``."""

    display_name: str
    """The name in the reader's language."""
    synonyms: list[str]
    """Other English names."""
    synonyms_nl: list[str]
    """Other Dutch names."""
    group: str | None
    """The food group's slug."""
    group_name: str | None
    """The food group, in the reader's language."""
    tags: list[str]
    """Tags such as vegan."""
    brand: str | None
    """The brand, for a branded food."""
    barcode: str | None
    """The barcode."""
    fdc_id: int | None
    """The FoodData Central id."""
    serving: str | None
    """A usual serving."""
    per_100g: NutrientValues
    """Nutrients per 100 g."""
    unknown: list[str]
    """The nutrient keys with no value."""
    sources: list[str]
    """Source ids."""
    estimate: bool
    """True for a recipe estimate: values computed from the USDA values of its ingredients."""
    estimate_recipe: list[EstimateIngredientJson]
    """The recipe of an estimate (empty for other foods)."""
    estimate_basis: str | None
    """How the estimate's recipe was put together and what it leaves out (English)."""
    estimate_basis_nl: str | None
    """The same in Dutch."""


@documented
class FoodDetailJson(FoodJson):
    """``mgcoach foods show --json``: a food with its nutrients and household portions."""

    portions: list[PortionJson]
    """The food's household portions."""


@documented
class FoodAmountAnswer(TypedDict):
    """``mgcoach foods amount --json``: the grams of an amount of a food, and its nutrients."""

    food: FoodRefJson
    """The food."""
    amount: str
    """The amount as read."""
    grams: float
    """What it weighs."""
    basis: str
    """How the grams were found: grams, a portion, a household measure, ..."""
    portion: PortionJson | None
    """The food's own portion used, if any."""
    alternatives: list[PortionJson]
    """Other portions of the food."""
    nutrients: NutrientValues
    """The nutrients in the amount."""
    unknown: list[str]
    """The nutrient keys with no value."""
    other_foods: list[FoodRefJson]
    """Other foods the name could have meant."""
    sources: list[str]
    """Source ids."""


@documented
class TopFoodJson(FoodRefJson):
    """One of the richest foods."""

    rank: int
    """Its place, from 1."""
    display_name: str
    """The name in the reader's language."""
    value: float
    """The nutrient per 100 g, per 100 kcal or per portion."""
    serving: str | None
    """The portion, when ranked per portion."""
    serving_grams: float | None
    """The portion's weight, when ranked per portion."""
    per_100g: float | None
    """The nutrient per 100 g."""


@documented
class TopFoodsAnswer(TypedDict):
    """``mgcoach foods top --json``: the richest foods in a nutrient."""

    nutrient: str
    """The nutrient key, e.g. magnesium_mg."""
    per: str
    """100g, 100kcal or portion."""
    foods: list[TopFoodJson]
    """The foods, richest first."""


@documented
class FoodStatsAnswer(TypedDict):
    """``mgcoach foods stats --json``: how many foods, by source."""

    foods: int
    """All foods."""
    by_source: dict[str, int]
    """Foods per source."""
    database: str
    """sqlite or postgresql."""


def nutrients_json(values: Mapping[str, float | None], digits: int = 3) -> NutrientValues:
    data = {key: number(values.get(key), digits) for key in nutrient_keys()}
    return cast(NutrientValues, data)  # the keys of nutrients.csv (a test checks)


def food_ref_json(item: Food) -> FoodRefJson:
    return {
        "id": item.id,
        "name": item.name,
        "name_nl": item.name_nl,
        "usda_ndb": item.usda_ndb,
        "source": item.source.value,
    }


def portion_json(portion: Portion) -> PortionJson:
    return {
        "amount": number(portion.amount),
        "unit": portion.unit,
        "grams": number(portion.grams, 3),
        "label": portion_label(portion, get_language()),
        "label_en": portion_label(portion, "en"),
        "label_nl": portion_label(portion, "nl"),
    }


@overload
def food_json(item: Food, *, portions: Literal[False] = False) -> FoodJson: ...
@overload
def food_json(item: Food, *, portions: Literal[True]) -> FoodDetailJson: ...
def food_json(item: Food, *, portions: bool = False) -> FoodJson | FoodDetailJson:
    found_group = group(item.group) if item.group else None
    data: FoodJson = {
        **food_ref_json(item),
        "display_name": item.display_name(get_language()),
        "synonyms": list(item.synonyms),
        "synonyms_nl": list(item.synonyms_nl),
        "group": item.group,
        "group_name": found_group.name(get_language()) if found_group else None,
        "tags": sorted(item.tags),
        "brand": item.brand,
        "barcode": item.barcode,
        "fdc_id": item.fdc_id,
        "serving": item.serving,
        "per_100g": nutrients_json(item.per_100g),
        "unknown": [k for k in nutrient_keys() if item.per_100g.get(k) is None],
        "sources": SOURCE_IDS.get(item.source.value, []),
        **estimate_json(item.id),
    }
    if portions:
        return {**data, "portions": [portion_json(p) for p in item.portions]}
    return data


class _EstimateKeys(TypedDict):
    estimate: bool
    estimate_recipe: list[EstimateIngredientJson]
    estimate_basis: str | None
    estimate_basis_nl: str | None


def estimate_json(food_id: str) -> _EstimateKeys:
    """Whether the food is a recipe estimate (foods.estimates), its recipe and its basis."""
    found = estimate_of(food_id)
    if found is None:
        return {
            "estimate": False,
            "estimate_recipe": [],
            "estimate_basis": None,
            "estimate_basis_nl": None,
        }
    dutch = {f.id: f.name_nl for f in curated_foods()}
    recipe: list[EstimateIngredientJson] = [
        {"food_id": i.food_id, "name": i.name, "name_nl": dutch.get(i.food_id), "grams": i.grams}
        for i in found.ingredients
    ]
    return {
        "estimate": True,
        "estimate_recipe": recipe,
        "estimate_basis": found.basis,
        "estimate_basis_nl": found.basis_nl,
    }


def amount_json(result: AmountResult) -> FoodAmountAnswer:
    """``foods amount``: the food, the grams, and each nutrient in that amount."""
    match = result.match
    return {
        "food": food_ref_json(result.food),
        "amount": match.label,
        "grams": number(result.grams, 3),
        "basis": match.basis,
        "portion": portion_json(match.portion) if match.portion is not None else None,
        "alternatives": [portion_json(p) for p in match.alternatives],
        "nutrients": nutrients_json(result.nutrients),
        "unknown": [k for k in nutrient_keys() if result.nutrients.get(k) is None],
        "other_foods": [food_ref_json(f) for f in result.others],
        "sources": SOURCE_IDS.get(result.food.source.value, []),
    }


def top_json(key: str, per: Per, rows: list[TopRow]) -> TopFoodsAnswer:
    return {
        "nutrient": key,
        "per": per.value,
        "foods": [
            {
                "rank": index,
                **food_ref_json(row.food),
                "display_name": row.food.display_name(get_language()),
                "value": number(row.value, 3),
                "serving": row.food.serving if row.grams is not None else None,
                "serving_grams": number(row.grams, 3),
                "per_100g": number(row.food.value(key), 3),
            }
            for index, row in enumerate(rows, start=1)
        ],
    }


def stats_json(counts: Mapping[str, int], dialect: str) -> FoodStatsAnswer:
    return {
        "foods": sum(counts.values()),
        "by_source": dict(sorted(counts.items())),
        "database": dialect,
    }
