"""Is an Open Food Facts product a dietary supplement, and how much magnesium is in one unit?

A supplement is logged as a supplement (its elemental magnesium worked out and checked by the
safety rules), never as a food eaten by the gram. OFF files one by its categories
(``en:dietary-supplements``, ``en:magnesium-supplements``, …); a product whose serving is a
capsule or tablet and whose label gives magnesium per serving is one too.

The magnesium is the label's per serving (``magnesium_serving``, in grams as OFF stores it),
else its value per 100 g times the serving's weight; a serving of "2 capsules" is divided by
two. The number is as printed: whether it is the magnesium itself or the whole compound, the
product data does not say (the supplement log asks).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .off_product import SkipError, _number, field_text, off_nutrients
from .off_tags import tag_list

# The words of a label's unit, in the languages OFF products are mostly typed in, and the
# unit we name it by.
_UNITS = {
    "capsule": ("capsule", "capsules", "caps", "gélule", "gélules", "gelule", "gelules",
                "kapsel", "kapseln", "capsula", "capsulas", "softgel", "softgels"),
    "tablet": ("tablet", "tablets", "tabs", "tab", "comprimé", "comprimés", "comprime",
               "comprimes", "tablette", "tabletten", "tabletta", "bruistablet",
               "bruistabletten", "kauwtablet", "kauwtabletten", "pastille", "pastilles"),
    "sachet": ("sachet", "sachets", "zakje", "zakjes", "stick", "sticks"),
    "scoop": ("scoop", "scoops", "schepje", "schepjes", "maatschep"),
    "ampoule": ("ampoule", "ampoules", "ampul", "ampullen", "vial", "vials"),
}  # fmt: skip
_UNIT_OF = {word: unit for unit, words in _UNITS.items() for word in words}
_SERVING = re.compile(
    r"(?:(?P<count>\d+(?:[.,]\d+)?)\s*)?(?P<word>"
    + "|".join(sorted(map(re.escape, _UNIT_OF), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
MAX_UNITS_PER_SERVING = 20.0


@dataclass(frozen=True, slots=True)
class SupplementFacts:
    """What one unit of a supplement holds, as its label prints it."""

    magnesium_mg: float | None  # per unit; None when the label gives none
    unit: str  # capsule, tablet, sachet, scoop, ampoule, or serving
    units_per_serving: float


def _serving_unit(info: Mapping[str, object]) -> tuple[str, float] | None:
    """The unit a serving is counted in ("2 capsules" -> capsule, 2), if it is one."""
    match = _SERVING.search(field_text(info.get("serving_size")))
    if match is None:
        return None
    count = float((match.group("count") or "1").replace(",", "."))
    if not 0 < count <= MAX_UNITS_PER_SERVING:
        count = 1.0
    return _UNIT_OF[match.group("word").lower()], count


def _value(nutriments: Mapping[str, object], field: str) -> float | None:
    try:
        value = _number(nutriments.get(field))
    except SkipError:
        return None
    return value if value is not None and value >= 0 else None


def magnesium_per_serving(
    info: Mapping[str, object], nutriments: Mapping[str, object]
) -> float | None:
    """The label's magnesium per serving in mg: as given, or from its value per 100 g and the
    serving's weight; None when neither is there."""
    nutrient = next(n for n in off_nutrients() if n.key == "magnesium_mg")
    serving = nutrient.field.removesuffix("_100g") + "_serving"
    value = _value(nutriments, serving)
    if value is not None:
        return value * nutrient.factor
    per_100g = _value(nutriments, nutrient.field)
    grams = _value(info, "serving_quantity")
    if per_100g is None or not grams:
        return None
    return per_100g * nutrient.factor * grams / 100.0


def is_supplement(info: Mapping[str, object], nutriments: Mapping[str, object]) -> bool:
    """Filed as a supplement by OFF, or a capsule or tablet whose label gives magnesium."""
    if any("supplement" in tag for tag in tag_list(info.get("categories_tags"))):
        return True
    unit = _serving_unit(info)
    return unit is not None and magnesium_per_serving(info, nutriments) is not None


def supplement_facts(
    info: Mapping[str, object], nutriments: Mapping[str, object]
) -> SupplementFacts | None:
    """The product's magnesium per unit when it is a supplement; None when it is a food."""
    if not is_supplement(info, nutriments):
        return None
    unit, count = _serving_unit(info) or ("serving", 1.0)
    per_serving = magnesium_per_serving(info, nutriments)
    per_unit = per_serving / count if per_serving is not None else None
    return SupplementFacts(per_unit, unit, count)
