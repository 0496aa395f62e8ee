"""Nutrients of an amount of food, and honest totals: a value the food lacks stays unknown
(None), and every total counts the entries that had no value for it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..frozen import frozen
from .model import Food
from .nutrients import nutrient_keys


def amounts(food: Food, grams: float) -> dict[str, float | None]:
    """Each nutrient in ``grams`` of ``food`` (None where the food has no value)."""
    factor = grams / 100.0
    found: dict[str, float | None] = {}
    for key in nutrient_keys():
        value = food.value(key)
        found[key] = None if value is None else value * factor
    return found


@frozen
class Totals:
    """Sums over several entries; ``unknown[key]`` entries had no value for ``key``.

    ``values[key]`` is the sum of the known values, or None when no entry knew it.
    """

    values: Mapping[str, float | None]
    unknown: Mapping[str, int]
    entries: int

    def value(self, key: str) -> float | None:
        return self.values.get(key)

    def complete(self, key: str) -> bool:
        return self.unknown.get(key, 0) == 0


def total(entries: Iterable[Mapping[str, float | None]]) -> Totals:
    """Add up per-entry nutrient amounts (as from ``amounts``), counting unknowns per nutrient."""
    keys = nutrient_keys()
    sums: dict[str, float | None] = dict.fromkeys(keys)
    unknown = dict.fromkeys(keys, 0)
    count = 0
    for entry in entries:
        count += 1
        for key in keys:
            value = entry.get(key)
            if value is None:
                unknown[key] += 1
            else:
                sums[key] = (sums[key] or 0.0) + value
    return Totals(values=sums, unknown=unknown, entries=count)


def per_100g(whole: Totals, grams: float) -> dict[str, float | None]:
    """The values per 100 g of a mix of ``grams`` whose parts add up to ``whole`` (a recipe):
    unknown (None) for a nutrient any part lacked, never an under-count."""
    return {
        key: value / grams * 100
        if (value := whole.value(key)) is not None and whole.complete(key)
        else None
        for key in nutrient_keys()
    }
