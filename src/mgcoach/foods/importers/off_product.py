"""One Open Food Facts product as a Food: its code and names, its nutrients per 100 g in our
units (an unreadable or impossible value skips it), its serving and drink portions, and OFF's
own verdicts (data-quality errors, a water's magnesium per litre typed as per 100 ml)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from ...units import convert
from ..model import Food, FoodSource, Portion
from ..nutrients import food_nutrients
from .off_tags import product_tags, tag_list
from .report import SkipReason

# EAN-13/UPC/GTIN-14 and the stores' internal codes are well under this.
MAX_CODE_LENGTH = 32
# More than 100 g of anything, or more than 900 kcal (pure fat), in 100 g is impossible.
MAX_GRAMS = 100.0
MAX_KCAL = 900.0
# No water holds more magnesium than this per 100 ml; above it, a litre's value was typed.
MAX_WATER_MAGNESIUM_MG = 50.0
_WATER_NAME = re.compile(
    r"\b(?:water|waters|eau|wasser|agua|acqua|mineraalwater|bronwater|mineralwasser)\b",
    re.IGNORECASE,
)
_ML = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ml|cl|dl|l)\b", re.IGNORECASE)
_ML_FACTOR = {"ml": 1.0, "cl": 10.0, "dl": 100.0, "l": 1000.0}
_VOLUME = re.compile(r"\d\s*(?:ml|cl|dl|l|fl\.?\s*oz)\b", re.IGNORECASE)
_MASS = re.compile(r"\d\s*(?:g|gr|gram|grams|grammes?|kg|mg|oz)\b", re.IGNORECASE)


class SkipError(Exception):
    """A product that is skipped, with the reason (and what OFF said, when it did)."""

    def __init__(self, reason: SkipReason, detail: str = "") -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class OffNutrient:
    """One OFF ``<name>_100g`` field: our key, the factor to our unit, the largest possible
    value in OFF's unit."""

    key: str
    field: str
    factor: float
    limit: float


@cache
def off_nutrients() -> tuple[OffNutrient, ...]:
    """The nutrients OFF gives, with the factor from OFF's unit to ours (g -> mg: 1000)."""
    found = []
    for nutrient in food_nutrients():
        if nutrient.off is None or nutrient.off_unit is None:
            continue
        factor = convert(1.0, nutrient.off_unit, nutrient.unit)
        limit = (
            MAX_KCAL if nutrient.off_unit == "kcal" else convert(MAX_GRAMS, "g", nutrient.off_unit)
        )
        found.append(OffNutrient(nutrient.key, nutrient.off, factor, limit))
    return tuple(found)


def field_text(value: object) -> str:
    """A field as one line of text (the export's stray tabs and newlines become spaces)."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _number(value: object) -> float | None:
    """A nutrient value: None when absent or empty, ``SkipError`` when unreadable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise SkipError(SkipReason.UNREADABLE_VALUE)
    try:
        number = float(value)
    except ValueError:
        raise SkipError(SkipReason.UNREADABLE_VALUE) from None
    if not math.isfinite(number):
        raise SkipError(SkipReason.UNREADABLE_VALUE)
    return number


def per_100g(nutriments: Mapping[str, object]) -> dict[str, float | None]:
    """Our nutrient keys in our units from OFF's ``<name>_100g`` fields."""
    values: dict[str, float | None] = {n.key: None for n in food_nutrients()}
    for nutrient in off_nutrients():
        raw = _number(nutriments.get(nutrient.field))
        if raw is None:
            continue
        if raw < 0 or raw > nutrient.limit:
            raise SkipError(SkipReason.IMPOSSIBLE_VALUE)
        values[nutrient.key] = raw * nutrient.factor
    if all(value is None for value in values.values()):
        raise SkipError(SkipReason.NO_NUTRIENTS)
    return values


def serving_portion(info: Mapping[str, object]) -> Portion | None:
    """The label's serving from ``serving_quantity`` when it is in grams (not ml)."""
    grams = _serving_quantity(info)
    if grams is None or _serving_ml(info):
        return None  # a volume: see volume_portions
    return Portion(1.0, "serving", grams)


def volume_portions(info: Mapping[str, object]) -> tuple[Portion, ...]:
    """A drink's portions: its serving in ml, and 100 ml weighing 100 g of the label's basis
    (OFF gives a drink's values per 100 ml), so it can be measured in ml and l."""
    quantity = _serving_quantity(info)
    serving_ml = quantity if quantity is not None and _serving_ml(info) else None
    pack = _ML.search(field_text(info.get("quantity")))
    if serving_ml is None and (pack is None or _MASS.search(field_text(info.get("quantity")))):
        return ()
    found = [Portion(100.0, "ml", 100.0)]
    if serving_ml is not None:
        found.insert(0, Portion(1.0, f"serving ({serving_ml:g} ml)", serving_ml))
    return tuple(found)


def _serving_quantity(info: Mapping[str, object]) -> float | None:
    try:
        number = _number(info.get("serving_quantity"))
    except SkipError:
        return None
    return number if number and number > 0 else None


def _serving_ml(info: Mapping[str, object]) -> bool:
    unit = field_text(info.get("serving_quantity_unit")).lower()
    size = field_text(info.get("serving_size"))
    if unit:
        return unit != "g"
    return bool(_VOLUME.search(size)) and not _MASS.search(size)


def quality_errors(info: Mapping[str, object]) -> list[str]:
    """OFF's own data-quality errors of a product ("en:energy-value-in-kcal-...")."""
    return tag_list(info.get("data_quality_errors_tags"))


def is_water(info: Mapping[str, object], name: str) -> bool:
    """A bottled or mineral water, by OFF category or by name."""
    categories = tag_list(info.get("categories_tags"))
    if any(tag.endswith(("waters", "-water")) and "coconut" not in tag for tag in categories):
        return True
    return bool(_WATER_NAME.search(name)) and not categories


def _names(info: Mapping[str, object]) -> tuple[str, str | None]:
    """The English name (``product_name_en``, else the main name) and the Dutch one."""
    main = field_text(info.get("product_name"))
    english = field_text(info.get("product_name_en"))
    dutch = field_text(info.get("product_name_nl"))
    if not dutch and field_text(info.get("lang")).lower() == "nl" and english and main != english:
        dutch = main
    return english or main, dutch or None


def _identity(info: Mapping[str, object]) -> tuple[str, str, str | None]:
    """The product's code, name and Dutch name; ``SkipError`` without a code or a name."""
    code = field_text(info.get("code"))
    if not code.isdigit() or len(code) > MAX_CODE_LENGTH:
        raise SkipError(SkipReason.BAD_CODE)
    name, name_nl = _names(info)
    if not name:
        raise SkipError(SkipReason.NO_NAME)
    return code, name, name_nl


def _food(
    info: Mapping[str, object],
    identity: tuple[str, str, str | None],
    values: dict[str, float | None],
) -> Food:
    code, name, name_nl = identity
    brand = next((b.strip() for b in field_text(info.get("brands")).split(",") if b.strip()), None)
    portion = serving_portion(info)
    return Food(
        id=f"off:{code}",
        name=name,
        source=FoodSource.OFF,
        per_100g=values,
        name_nl=name_nl,
        portions=((portion,) if portion else ()) + volume_portions(info),
        barcode=code,
        brand=brand,
        tags=product_tags(info),
    )


def _per_litre(info: Mapping[str, object], name: str, values: Mapping[str, float | None]) -> bool:
    """A water whose magnesium per 100 ml is a litre's value."""
    magnesium = values.get("magnesium_mg")
    return magnesium is not None and magnesium > MAX_WATER_MAGNESIUM_MG and is_water(info, name)


def product_food(info: Mapping[str, object], nutriments: Mapping[str, object]) -> Food:
    """One OFF product as a Food; ``SkipError`` when it cannot be one."""
    identity = _identity(info)
    errors = quality_errors(info)
    if errors:
        raise SkipError(SkipReason.DATA_QUALITY, ", ".join(errors))
    values = per_100g(nutriments)
    if _per_litre(info, identity[1], values):
        raise SkipError(SkipReason.WATER_PER_LITRE, f"{values['magnesium_mg']:g} mg / 100 ml")
    return _food(info, identity, values)


def looked_up_food(
    info: Mapping[str, object], nutriments: Mapping[str, object]
) -> tuple[Food, list[SkipReason]]:
    """One product looked up by its barcode, as a Food even when an import would skip it: its
    doubtful values unknown (never zero), with the reasons. OFF's own data-quality errors or an
    unreadable or impossible value make every value unknown; a water's magnesium per litre
    typed as per 100 ml makes its minerals unknown. ``SkipError`` without a code or a name."""
    identity = _identity(info)
    unknown: dict[str, float | None] = {n.key: None for n in food_nutrients()}
    if quality_errors(info):
        return _food(info, identity, unknown), [SkipReason.DATA_QUALITY]
    try:
        values = per_100g(nutriments)
    except SkipError as skipped:
        return _food(info, identity, unknown), [skipped.reason]
    if _per_litre(info, identity[1], values):
        minerals = ("magnesium_mg", "calcium_mg", "sodium_mg", "potassium_mg")
        doubtful = {**values, **dict.fromkeys(minerals)}
        return _food(info, identity, doubtful), [SkipReason.WATER_PER_LITRE]
    return _food(info, identity, values), []
