"""The foods JSON contract: ``foods search``, ``amount``, ``show``, ``top``, ``stats``, ``add``.

Public keys (issue 4): a food has ``id``, ``name``, ``name_nl``, ``usda_ndb`` and ``per_100g``
(every nutrient key, null when unknown); an amount has ``food`` (``id``, ``name``,
``usda_ndb``), ``grams`` and ``nutrients``; stats has ``foods`` and a count per source.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..foods.groups import group
from ..foods.model import Food, Portion
from ..foods.nutrients import nutrient_keys
from ..foods.portions import portion_label
from ..i18n import get_language
from .common import number

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


def nutrients_json(values: Mapping[str, float | None], digits: int = 3) -> dict[str, Any]:
    return {key: number(values.get(key), digits) for key in nutrient_keys()}


def food_ref_json(item: Food) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "name_nl": item.name_nl,
        "usda_ndb": item.usda_ndb,
        "source": item.source.value,
    }


def portion_json(portion: Portion) -> dict[str, Any]:
    return {
        "amount": number(portion.amount),
        "unit": portion.unit,
        "grams": number(portion.grams, 3),
        "label": portion_label(portion, get_language()),
    }


def food_json(item: Food, *, portions: bool = False) -> dict[str, Any]:
    found_group = group(item.group) if item.group else None
    data: dict[str, Any] = {
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
    }
    if portions:
        data["portions"] = [portion_json(p) for p in item.portions]
    return data


def amount_json(result: Any) -> dict[str, Any]:
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


def top_json(key: str, per: Any, rows: list[Any]) -> dict[str, Any]:
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


def stats_json(counts: Mapping[str, int], dialect: str) -> dict[str, Any]:
    return {
        "foods": sum(counts.values()),
        "by_source": dict(sorted(counts.items())),
        "database": dialect,
    }


def _reason_json(reason: Any) -> dict[str, Any]:
    from ..i18n import translate

    return {"code": reason.code, "text": translate(reason.message, dict(reason.params))}


def gap_plan_json(plan: Any) -> dict[str, Any]:
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


def recipe_json(result: Any) -> dict[str, Any]:
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
