"""The curated food table (``data/curated/*.csv`` and ``data/portions.csv``): the foods Mg Coach
ships, with English and Dutch names, synonyms, tags and a usual serving.

The per-100 g values and portions are USDA SR28 facts copied by ``tools/curate_foods.py``; the
tests compare every one of them with the USDA files. The recipe estimates of ``foods.estimates``
(``nl:`` ids) follow the USDA rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import KnowledgeError
from .estimates import estimate_foods
from .model import Food, FoodSource, Portion
from .nutrients import nutrient_keys
from .tags import food_tags

CURATED_DIR = Path(str(resources.files(__package__).joinpath("data/curated")))
PORTIONS_FILE = Path(str(resources.files(__package__).joinpath("data/portions.csv")))
CURATED_COLUMNS = [
    "id",
    "name",
    "name_nl",
    "synonyms",
    "synonyms_nl",
    "tags",
    "serving",
    "group",
    "usda_name",
    *nutrient_keys(),
    "source",
]
_SOURCES = {"USDA-SR28"}


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    lines = path.read_text("utf-8").splitlines()
    offset = sum(1 for line in lines if line.startswith("#"))
    reader = csv.DictReader(line for line in lines if not line.startswith("#"))
    yield from enumerate(reader, start=offset + 2)


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


@cache
def curated_portions() -> dict[str, tuple[Portion, ...]]:
    found: dict[str, list[Portion]] = {}
    for _, row in _rows(PORTIONS_FILE):
        portion = Portion(float(row["amount"]), row["unit"], float(row["grams"]))
        found.setdefault(row["food_id"], []).append(portion)
    return {key: tuple(items) for key, items in found.items()}


def _food(row: dict[str, str], portions: dict[str, tuple[Portion, ...]]) -> Food:
    tags = frozenset(_split(row["tags"]))
    unknown = tags - set(food_tags())
    if unknown:
        raise ValueError(f"unknown tags {sorted(unknown)}")
    if not row["name"].strip() or not row["name_nl"].strip():
        raise ValueError("a curated food needs an English and a Dutch name")
    if row["source"] not in _SOURCES:
        raise ValueError(f"unknown source {row['source']!r}")
    if not row["id"].startswith("usda:") or len(row["id"]) != 10:
        raise ValueError(f"id {row['id']!r} is not usda:<5-digit NDB_No>")
    return Food(
        id=row["id"],
        name=row["name"].strip(),
        name_nl=row["name_nl"].strip(),
        source=FoodSource.CURATED,
        per_100g={key: _number(row[key]) for key in nutrient_keys()},
        synonyms=_split(row["synonyms"]),
        synonyms_nl=_split(row["synonyms_nl"]),
        portions=portions.get(row["id"], ()),
        usda_ndb=row["id"].removeprefix("usda:"),
        group=row["group"] or None,
        tags=tags,
        serving=row["serving"].strip() or None,
    )


@cache
def curated_foods() -> tuple[Food, ...]:
    """Every curated food, validated (a bad row names its file and line)."""
    portions = curated_portions()
    foods: dict[str, Food] = {}
    for path in sorted(CURATED_DIR.glob("*.csv")):
        for line, row in _rows(path):
            try:
                food = _food(row, portions)
            except (KeyError, ValueError) as error:
                raise KnowledgeError(
                    "Bad row {line} in {path}: {error}", line=line, path=path.name, error=error
                ) from error
            if food.id in foods:
                raise KnowledgeError(
                    "Bad row {line} in {path}: {error}",
                    line=line,
                    path=path.name,
                    error=f"{food.id} is listed twice",
                )
            foods[food.id] = food
    # The recipe estimates of Dutch everyday foods SR28 does not hold (foods.estimates).
    return (*foods.values(), *estimate_foods())
