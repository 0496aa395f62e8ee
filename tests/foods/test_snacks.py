"""Recovery snacks (foods/snacks.py, data/snacks.toml): the file, its validation, and the
nutrients per serving against hand computations from the real USDA SR28 values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcoach.errors import KnowledgeError, UnknownFoodError
from mgcoach.foods.importers.files import Release
from mgcoach.foods.importers.usda_sr28 import read
from mgcoach.foods.model import Food, FoodSource
from mgcoach.foods.snacks import (
    Ingredient,
    Snack,
    parse_snacks,
    snack_result,
    snack_results,
    snacks,
)
from tests.shared_data import SR28


@pytest.fixture(scope="module")
def sr28() -> dict[str, Food]:
    return {food.id: food for food in read(Release(SR28))}


def test_every_ingredient_is_a_usda_sr28_food(sr28: dict[str, Food]) -> None:
    for snack in snacks():
        for ingredient in snack.ingredients:
            assert ingredient.food_id in sr28, (snack.slug, ingredient.food_id)


@pytest.mark.parametrize(
    ("slug", "foods"),
    [
        pytest.param(
            "oats-almonds-chia",
            {"usda:08120": "Cereals, oats", "usda:12061": "Nuts, almonds",
             "usda:12006": "Seeds, chia", "usda:01079": "Milk, reduced fat"},
            id="oats",
        ),
        pytest.param(
            "lentil-spinach-wrap",
            {"usda:16070": "Lentils, mature seeds, cooked, boiled", "usda:11457": "Spinach, raw",
             "usda:28295": "Tortillas, ready-to-bake or -fry, whole wheat"},
            id="wrap",
        ),
        pytest.param(
            "banana-avocado-cocoa-smoothie",
            {"usda:09040": "Bananas, raw", "usda:09037": "Avocados, raw",
             "usda:19165": "Cocoa, dry powder, unsweetened", "usda:16222": "Soymilk"},
            id="smoothie",
        ),
    ],
)  # fmt: skip
def test_the_required_snacks_use_the_named_foods(
    sr28: dict[str, Food], slug: str, foods: dict[str, str]
) -> None:
    snack = next(s for s in snacks() if s.slug == slug)
    assert {i.food_id for i in snack.ingredients} == set(foods)
    for food_id, name in foods.items():
        assert sr28[food_id].name.startswith(name)
    assert snack.source == "MGCOACH"
    assert snack.name("en") and snack.name("nl") != snack.name("en")


# (grams in the recipe, USDA magnesium mg per 100 g) per ingredient, servings, and the
# magnesium per serving worked out by hand.
@pytest.mark.parametrize(
    ("slug", "ingredients", "servings", "magnesium_mg"),
    [
        pytest.param(
            "oats-almonds-chia",
            {"usda:08120": (40, 138), "usda:12061": (15, 270), "usda:12006": (10, 335),
             "usda:01079": (200, 11)},
            1,
            55.2 + 40.5 + 33.5 + 22.0,
            id="oats-151mg",
        ),
        pytest.param(
            "lentil-spinach-wrap",
            {"usda:28295": (41, 85), "usda:16070": (100, 36), "usda:11457": (30, 79)},
            1,
            34.85 + 36.0 + 23.7,
            id="wrap-95mg",
        ),
        pytest.param(
            "banana-avocado-cocoa-smoothie",
            {"usda:09040": (236, 27), "usda:09037": (100, 29), "usda:19165": (10.8, 499),
             "usda:16222": (486, 16)},
            2,
            (63.72 + 29.0 + 53.892 + 77.76) / 2,
            id="smoothie-112mg",
        ),
        pytest.param(
            "pumpkin-seeds-dark-chocolate",
            {"usda:12014": (20, 592), "usda:19904": (15, 228)},
            1,
            118.4 + 34.2,
            id="seeds-chocolate-153mg",
        ),
    ],
)  # fmt: skip
def test_magnesium_per_serving_matches_a_hand_computation(
    sr28: dict[str, Food],
    slug: str,
    ingredients: dict[str, tuple[float, float]],
    servings: int,
    magnesium_mg: float,
) -> None:
    for food_id, (_, per_100g) in ingredients.items():
        assert sr28[food_id].value("magnesium_mg") == per_100g  # the values used by hand
    result = next(r for r in snack_results(sr28) if r.snack.slug == slug)
    assert {i.food_id: i.grams for i in result.snack.ingredients} == {
        food_id: grams for food_id, (grams, _) in ingredients.items()
    }
    assert result.snack.servings == servings
    assert result.magnesium_mg == pytest.approx(magnesium_mg)
    assert result.per_serving.unknown["magnesium_mg"] == 0
    total_grams = sum(grams for grams, _ in ingredients.values())
    assert result.grams_per_serving == pytest.approx(total_grams / servings)


def test_energy_per_serving(sr28: dict[str, Food]) -> None:
    oats = next(r for r in snack_results(sr28) if r.snack.slug == "oats-almonds-chia")
    # 40 g x 379 + 15 g x 579 + 10 g x 486 + 200 g x 50 kcal/100 g
    assert oats.per_serving.value("energy_kcal") == pytest.approx(151.6 + 86.85 + 48.6 + 100)


def test_a_missing_value_is_unknown_not_zero(sr28: dict[str, Food]) -> None:
    assert sr28["usda:16222"].value("zinc_mg") is None  # the soy drink has no zinc value
    smoothie = next(r for r in snack_results(sr28) if r.snack.slug.endswith("smoothie"))
    assert smoothie.per_serving.unknown["zinc_mg"] == 1
    assert not smoothie.per_serving.complete("zinc_mg")
    # The known part: banana 236 g x 0.15, avocado 100 g x 0.64, cocoa 10.8 g x 6.81 (mg/100 g).
    assert smoothie.per_serving.value("zinc_mg") == pytest.approx((35.4 + 64 + 73.548) / 200)


def test_results_follow_the_file(sr28: dict[str, Food]) -> None:
    assert [r.snack.slug for r in snack_results(sr28)] == [s.slug for s in snacks()]
    assert len(snacks()) == 4


def test_an_ingredient_missing_from_the_food_table(sr28: dict[str, Food]) -> None:
    foods = {key: food for key, food in sr28.items() if key != "usda:12006"}
    with pytest.raises(UnknownFoodError) as caught:
        snack_results(foods)
    assert caught.value.params == {"snack": "oats-almonds-chia", "food": "usda:12006"}


GOOD = """
[[snack]]
slug = "oats"
name = { en = "Oats", nl = "Havermout" }
servings = 1
source = "MGCOACH"

[[snack.ingredient]]
food = "usda:08120"
grams = 40
"""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param('source = "MGCOACH"', 'source = "USDA"', "unknown source", id="source"),
        pytest.param("grams = 40", "grams = 0", "more than 0", id="zero-grams"),
        pytest.param("grams = 40", 'grams = "40"', "must be a number", id="text-grams"),
        pytest.param("grams = 40", "grams = true", "must be a number", id="bool-grams"),
        pytest.param("grams = 40", "grams = nan", "more than 0", id="nan-grams"),
        pytest.param("grams = 40", "gram = 40", "unknown keys ['gram']", id="typo"),
        pytest.param('"usda:08120"', '"08120"', "not usda:<5-digit", id="bare-ndb"),
        pytest.param("servings = 1", "servings = 0", "servings", id="no-servings"),
        pytest.param("servings = 1", "servings = 1.5", "servings", id="half-serving"),
        pytest.param('nl = "Havermout"', 'nl = ""', "non-empty", id="empty-dutch"),
        pytest.param(', nl = "Havermout"', "", "an en and an nl", id="no-dutch"),
        pytest.param("[[snack.ingredient]]", "[snack.extra]", "unknown keys", id="extra-table"),
        pytest.param(
            '[[snack.ingredient]]\nfood = "usda:08120"\ngrams = 40\n',
            "",
            "at least one [[snack.ingredient]]",
            id="no-ingredient",
        ),
    ],
)
def test_a_bad_row_names_its_snack(old: str, new: str, message: str) -> None:
    assert old in GOOD
    with pytest.raises(KnowledgeError) as caught:
        parse_snacks(GOOD.replace(old, new), "test.toml")
    assert str(caught.value).startswith("Bad snack oats in test.toml: ")
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            GOOD + GOOD, "Bad snack oats in test.toml: the slug is used twice", id="twice"
        ),
        pytest.param(GOOD.replace('"oats"', '"Oats!"'), "Bad snack Oats! in test.toml", id="slug"),
        pytest.param("title = 'no snacks'", "test.toml lists no [[snack]].", id="empty"),
        pytest.param("[[snack]\n", "test.toml is not valid TOML", id="broken-toml"),
    ],
)
def test_a_bad_file(text: str, message: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        parse_snacks(text, "test.toml")
    assert str(caught.value).startswith(message)


def test_a_good_file_parses_to_frozen_records() -> None:
    (snack,) = parse_snacks(GOOD.replace("grams = 40", 'grams = 40\nnote = { en = "a", nl = "b" }'))
    oats = Ingredient("usda:08120", 40.0, "a", "b")
    assert snack == Snack("oats", "Oats", "Havermout", 1, "MGCOACH", (oats,))
    assert snack.ingredients[0].note("nl") == "b"
    with pytest.raises(AttributeError):
        snack.servings = 2  # type: ignore[misc]


@settings(max_examples=50, deadline=None)
@given(
    grams=st.lists(st.floats(0.1, 500), min_size=1, max_size=4),
    servings=st.integers(1, 8),
)
def test_servings_divide_the_recipe(grams: list[float], servings: int) -> None:
    # Per-100 g values of oats, almonds, chia and spinach, as in SR28.
    values = [138.0, 270.0, 335.0, 79.0]
    foods = {
        f"usda:0000{i}": Food(f"usda:0000{i}", f"food {i}", FoodSource.USER, {"magnesium_mg": v})
        for i, v in enumerate(values)
    }
    ingredients = tuple(Ingredient(f"usda:0000{i}", g) for i, g in enumerate(grams))
    one = snack_result(Snack("s", "S", "S", 1, "MGCOACH", ingredients), foods)
    many = snack_result(Snack("s", "S", "S", servings, "MGCOACH", ingredients), foods)
    expected = sum(g * values[i] / 100 for i, g in enumerate(grams))
    assert one.magnesium_mg == pytest.approx(expected)
    assert many.magnesium_mg == pytest.approx(expected / servings)
    assert many.grams_per_serving == pytest.approx(sum(grams) / servings)
    # Nutrients these foods do not carry stay unknown for every ingredient.
    assert many.per_serving.value("zinc_mg") is None
    assert many.per_serving.unknown["zinc_mg"] == len(grams)
