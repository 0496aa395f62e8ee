"""A food, its household portions and its nutrients per 100 g: the one food type every part
of Mg Coach shares (curated table, importers, storage, search, portions, suggestions)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from enum import StrEnum

from ..frozen import frozen


class FoodSource(StrEnum):
    """Where a food row came from; ``foods stats`` counts foods per source."""

    CURATED = "curated"
    USDA_SR28 = "usda_sr28"
    USDA_SR_LEGACY = "usda_sr_legacy"
    USDA_FOUNDATION = "usda_foundation"
    USDA_FNDDS = "usda_fndds"
    USDA_BRANDED = "usda_branded"
    OFF = "off"
    USER = "user"
    RECIPE = "recipe"


@frozen
class Portion:
    """A household measure with its weight: ``amount`` × ``unit`` weighs ``grams``.

    ``unit`` is worded as the source words it ("cup, whole", "oz", "medium (7" to 7-7/8"
    long)"); USDA weights always refer to the edible part.
    """

    amount: float
    unit: str
    grams: float
    unit_nl: str | None = None

    @property
    def grams_each(self) -> float:
        """The weight of one ``unit``."""
        return self.grams / self.amount


@frozen
class Food:
    """A food with its nutrients per 100 g edible portion.

    ``per_100g`` maps nutrient keys (``magnesium_mg`` ...) to a value, or to None when the
    source has no value: unknown is never zero.
    """

    id: str
    name: str
    source: FoodSource
    per_100g: Mapping[str, float | None]
    name_nl: str | None = None
    synonyms: tuple[str, ...] = ()
    synonyms_nl: tuple[str, ...] = ()
    portions: tuple[Portion, ...] = ()
    usda_ndb: str | None = None
    fdc_id: int | None = None
    barcode: str | None = None
    brand: str | None = None
    group: str | None = None
    tags: frozenset[str] = field(default_factory=frozenset)
    serving: str | None = None
    # The account whose own food this is (on a multi-user server); None: shared with everyone.
    owner: int | None = None

    def value(self, key: str) -> float | None:
        """The value per 100 g of one nutrient, None when unknown."""
        return self.per_100g.get(key)

    def display_name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" and self.name_nl else self.name
