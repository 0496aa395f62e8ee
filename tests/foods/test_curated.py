"""The curated food table against the USDA SR28 files (data/usda-sr28 in this repository).

The files are read here with the standard library only, independently of the project's
importer, so a bug in the importer cannot hide a wrong curated value.
"""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from functools import cache

import pytest

from mgcoach.foods.curated import curated_foods
from mgcoach.foods.groups import group_slug
from mgcoach.foods.model import Food
from mgcoach.foods.nutrients import food_nutrients
from tests.shared_data import SR28


def _rows(name: str) -> list[list[str]]:
    with gzip.open(SR28 / f"{name}.txt.gz", "rt", encoding="cp1252", newline="") as handle:
        return list(csv.reader(handle, delimiter="^", quotechar="~"))


@cache
def usda() -> tuple[dict[str, list[str]], dict[tuple[str, str], float], dict[str, list[list[str]]]]:
    wanted = {n.usda_sr for n in food_nutrients()}
    foods = {r[0]: r for r in _rows("FOOD_DES")}
    values = {(r[0], r[1]): float(r[2]) for r in _rows("NUT_DATA") if r[1] in wanted}
    weights: dict[str, list[list[str]]] = {}
    for row in _rows("WEIGHT"):
        weights.setdefault(row[0], []).append(row)
    return foods, values, weights


CURATED = curated_foods()
# The recipe estimates (nl: ids) are checked against their recipes in test_dutch_foods.py.
USDA_ROWS = [f for f in CURATED if f.usda_ndb]


def test_at_least_500_foods_in_every_group() -> None:
    assert len(CURATED) >= 500
    groups = Counter(f.group for f in CURATED)
    for slug in (
        "vegetables",
        "fruits",
        "legumes",
        "nuts_seeds",
        "cereal_grains_pasta",
        "baked_products",
        "dairy_egg",
        "fish_shellfish",
        "beverages",
        "sweets",
    ):
        assert groups[slug] >= 10, slug


@pytest.mark.parametrize("food", USDA_ROWS, ids=[f.id for f in USDA_ROWS])
def test_every_value_matches_usda(food: Food) -> None:
    foods, values, weights = usda()
    ndb = food.usda_ndb
    assert ndb is not None and ndb in foods
    assert food.group == group_slug(foods[ndb][1])
    for nutrient in food_nutrients():
        expected = values.get((ndb, nutrient.usda_sr))
        assert food.per_100g[nutrient.key] == expected, nutrient.key
    expected_portions = [(float(r[2]), r[3], float(r[4])) for r in weights.get(ndb, [])]
    assert [(p.amount, p.unit, p.grams) for p in food.portions] == expected_portions


def test_names_are_distinct_in_both_languages() -> None:
    for attribute in ("name", "name_nl"):
        names = Counter(getattr(f, attribute).lower() for f in CURATED)
        assert [n for n, c in names.items() if c > 1] == [], attribute


@pytest.mark.parametrize(
    "ndb",
    [
        pytest.param("12061", id="almonds"),
        pytest.param("11457", id="spinach-raw"),
        pytest.param("20033", id="oat-bran"),
        pytest.param("12006", id="chia"),
        pytest.param("09040", id="banana"),
        pytest.param("09037", id="avocado"),
        pytest.param("19904", id="dark-chocolate-70"),
        pytest.param("16015", id="black-beans"),
        pytest.param("08120", id="oats"),
        pytest.param("14411", id="tap-water"),
        pytest.param("16070", id="lentils"),
        pytest.param("19165", id="cocoa"),
    ],
)
def test_the_reference_foods_are_curated(ndb: str) -> None:
    assert f"usda:{ndb}" in {f.id for f in CURATED}


@pytest.mark.parametrize(
    "dutch",
    ["volkorenbrood", "havermout", "bruine bonen", "snijbiet", "ontbijtkoek", "karnemelk"],
)
def test_dutch_staples_have_a_row(dutch: str) -> None:
    texts = [" ".join([f.name_nl or "", *f.synonyms_nl]).lower() for f in CURATED]
    assert any(dutch in text for text in texts), dutch


def test_vegan_implies_vegetarian_and_no_animal_tags() -> None:
    for food in CURATED:
        if "vegan" in food.tags:
            assert "vegetarian" in food.tags, food.id
            assert not food.tags & {"dairy", "egg", "fish", "shellfish", "meat"}, food.id
