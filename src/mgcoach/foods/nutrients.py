"""The food nutrients (``data/nutrients.csv``): their JSON keys, units and how each source
numbers them (USDA SR ``Nutr_No``, FoodData Central nutrient ids, Open Food Facts fields)."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from ..errors import KnowledgeError
from ..frozen import frozen

_UNITS = {"kcal", "g", "mg", "ug"}


@frozen
class FoodNutrient:
    key: str
    unit: str
    usda_sr: str
    fdc_ids: tuple[int, ...]
    off: str | None
    off_unit: str | None
    name_en: str
    name_nl: str
    source: str

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en


@cache
def food_nutrients() -> tuple[FoodNutrient, ...]:
    """Every nutrient a food carries, in display order (validated at first use)."""
    text = resources.files(__package__).joinpath("data/nutrients.csv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows: list[FoodNutrient] = []
    for number, row in enumerate(csv.DictReader(lines), start=2):
        try:
            nutrient = FoodNutrient(
                key=row["key"],
                unit=row["unit"],
                usda_sr=row["usda_sr"],
                fdc_ids=tuple(int(part) for part in row["fdc_ids"].split(";") if part),
                off=row["off"] or None,
                off_unit=row["off_unit"] or None,
                name_en=row["name_en"],
                name_nl=row["name_nl"],
                source=row["source"],
            )
        except (KeyError, ValueError) as error:
            raise KnowledgeError(
                "Bad row {line} in {path}: {error}", line=number, path="nutrients.csv", error=error
            ) from error
        if nutrient.unit not in _UNITS or not nutrient.key.endswith("_" + nutrient.unit):
            raise KnowledgeError(
                "Bad row {line} in {path}: {error}",
                line=number,
                path="nutrients.csv",
                error=f"unit {nutrient.unit!r} does not match key {nutrient.key!r}",
            )
        rows.append(nutrient)
    return tuple(rows)


@cache
def nutrient_keys() -> tuple[str, ...]:
    return tuple(n.key for n in food_nutrients())


def nutrient(key: str) -> FoodNutrient:
    for item in food_nutrients():
        if item.key == key:
            return item
    raise KeyError(key)
