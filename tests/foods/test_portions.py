"""Grams of typed amounts, checked against the real USDA SR28 WEIGHT rows."""

from __future__ import annotations

import math
from dataclasses import replace
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcoach.errors import PortionError
from mgcoach.foods.amount_text import MAX_GRAMS, normalise, parse_amount, portion_words
from mgcoach.foods.curated import curated_foods
from mgcoach.foods.importers.files import Release
from mgcoach.foods.importers.usda_sr28 import read
from mgcoach.foods.model import Food, FoodSource, Portion
from mgcoach.foods.portions import (
    Basis,
    format_quantity,
    portion_grams,
    resolve,
)
from tests.shared_data import SR28

OZ = 28.349523125
LB = 453.59237
CUP_ML = 236.5882365
QUART_ML = 946.352946
TSP_ML = CUP_ML / 48

NO_SLICE = "{food} has no {unit}. Use grams, or one of: {choices}."
NO_VOLUME = (
    "{food} has no volume measure, so {unit} cannot be weighed. Use grams, or one of: {choices}."
)
NO_SERVING = (
    "{food} has no usual serving, so a number alone is not enough. Use grams, or one of: {choices}."
)
NO_PORTIONS = "{food} has no household measures. Use grams, for example 30 g."
TOO_MUCH = "{text} is too much: Mg Coach accepts at most {limit} of a measure and {kg} kg."


@cache
def _sr28_foods() -> dict[str, Food]:
    """NDB_No -> food, read once (about a second) for all tests of this module."""
    release = Release(SR28)
    try:
        return {food.usda_ndb or "": food for food in read(release)}
    finally:
        release.close()


@pytest.fixture(scope="module")
def sr28() -> dict[str, Food]:
    return _sr28_foods()


def _food(
    portions: tuple[Portion, ...] = (),
    name: str = "Test food",
    tags: frozenset[str] = frozenset(),
) -> Food:
    return Food(
        id="user:1",
        source=FoodSource.USER,
        name=name,
        per_100g={},
        portions=portions,
        tags=tags,
    )


# --- real foods, exact grams from WEIGHT -----------------------------------------------------

GRAMS = [
    # Oat bran: only "1 cup" = 94 g.
    pytest.param("20033", "1/2 cup", 47.0, Basis.PORTION, "cup", id="oat-bran-half-cup"),
    pytest.param("20033", "½ cup", 47.0, Basis.PORTION, "cup", id="oat-bran-unicode-half"),
    pytest.param("20033", "een halve kop", 47.0, Basis.PORTION, "cup", id="oat-bran-dutch"),
    pytest.param("20033", "30 g", 30.0, Basis.MASS, None, id="oat-bran-30g"),
    pytest.param("20033", "30g", 30.0, Basis.MASS, None, id="oat-bran-30g-glued"),
    pytest.param("20033", "1 tbsp", 94 / 16, Basis.VOLUME, "cup", id="oat-bran-tbsp-is-cup/16"),
    pytest.param("20033", "1 tsp", 94 / 48, Basis.VOLUME, "cup", id="oat-bran-tsp-is-cup/48"),
    pytest.param("20033", "100 ml", 94 * 100 / CUP_ML, Basis.VOLUME, "cup", id="oat-bran-ml"),
    # Bananas: sizes by their leading words; "large" is not "extra large".
    pytest.param("09040", "1 medium", 118.0, Basis.PORTION, None, id="banana-medium"),
    pytest.param("09040", "1 middelgrote", 118.0, Basis.PORTION, None, id="banana-middelgrote"),
    pytest.param("09040", "1 large", 136.0, Basis.PORTION, None, id="banana-large"),
    pytest.param("09040", "2 grote", 272.0, Basis.PORTION, None, id="banana-grote"),
    pytest.param("09040", "1 extra large", 152.0, Basis.PORTION, None, id="banana-extra-large"),
    pytest.param("09040", "1 small", 101.0, Basis.PORTION, None, id="banana-small"),
    pytest.param("09040", "1 extra small", 81.0, Basis.PORTION, None, id="banana-extra-small"),
    pytest.param("09040", "1 NLEA serving", 126.0, Basis.PORTION, None, id="banana-nlea"),
    pytest.param("09040", "1 cup, sliced", 150.0, Basis.PORTION, None, id="banana-cup-sliced"),
    pytest.param("09040", "1 cup", 225.0, Basis.PORTION, "cup, mashed", id="banana-cup-first"),
    # Whole-wheat bread: "slice" = 32 g.
    pytest.param("18075", "2 slices", 64.0, Basis.PORTION, "slice", id="bread-2-slices"),
    pytest.param("18075", "2 sneetjes", 64.0, Basis.PORTION, "slice", id="bread-2-sneetjes"),
    pytest.param("18075", "2 boterhammen", 64.0, Basis.PORTION, "slice", id="bread-boterhammen"),
    pytest.param("18075", "1 oz", OZ, Basis.MASS, None, id="bread-oz-is-mass"),
    # Whole milk: cup 244, fl oz 30.5, tbsp 15, quart 976.
    pytest.param("01077", "1 cup", 244.0, Basis.PORTION, "cup", id="milk-cup"),
    pytest.param("01077", "2 tbsp", 30.0, Basis.PORTION, "tbsp", id="milk-tbsp"),
    pytest.param("01077", "2 eetlepels", 30.0, Basis.PORTION, "tbsp", id="milk-eetlepels"),
    pytest.param("01077", "1 fl oz", 30.5, Basis.PORTION, "fl oz", id="milk-fl-oz"),
    pytest.param("01077", "1 quart", 976.0, Basis.PORTION, "quart", id="milk-quart"),
    pytest.param("01077", "1 kopje", 244.0, Basis.PORTION, "cup", id="milk-kopje"),
    pytest.param(
        "01077", "1 beker", 250 * 976 / QUART_ML, Basis.HOUSEHOLD, "mug (250 ml)", id="milk-beker"
    ),
    pytest.param("01077", "anderhalf kopje", 366.0, Basis.PORTION, "cup", id="milk-anderhalf"),
    # One density per food, from its largest volume portion (the quart): 1 l = 1000 ml.
    pytest.param(
        "01077", "1 tsp", TSP_ML * 976 / QUART_ML, Basis.VOLUME, "quart", id="milk-tsp-density"
    ),
    pytest.param("01077", "1 l", 976 * 1000 / QUART_ML, Basis.VOLUME, "quart", id="milk-litre"),
    pytest.param(
        "01077", "1,5 l", 1.5 * 976 * 1000 / QUART_ML, Basis.VOLUME, "quart", id="milk-1,5-l"
    ),
    pytest.param("01077", "2 dl", 976 * 200 / QUART_ML, Basis.VOLUME, "quart", id="milk-dl"),
    pytest.param("01077", "250 ml", 976 * 250 / QUART_ML, Basis.VOLUME, "quart", id="milk-ml"),
    pytest.param("01077", "1000 ml", 976 * 1000 / QUART_ML, Basis.VOLUME, "quart", id="milk-ml-l"),
    # Almonds: four cups, picked by the detail words.
    pytest.param("12061", "1 cup", 143.0, Basis.PORTION, "cup, whole", id="almonds-cup-first"),
    pytest.param("12061", "1 cup, sliced", 92.0, Basis.PORTION, None, id="almonds-sliced"),
    pytest.param("12061", "1 cup sliced", 92.0, Basis.PORTION, None, id="almonds-sliced-nocomma"),
    pytest.param("12061", "1 cup slivered", 108.0, Basis.PORTION, None, id="almonds-slivered"),
    pytest.param("12061", "1 cup, ground", 95.0, Basis.PORTION, None, id="almonds-ground"),
    pytest.param("12061", "1 kopje gemalen", 95.0, Basis.PORTION, None, id="almonds-gemalen"),
    pytest.param("12061", "1 kopje geschaafd", 108.0, Basis.PORTION, None, id="almonds-geschaafd"),
    pytest.param(
        "12061", "1 oz (23 whole kernels)", 28.35, Basis.PORTION, None, id="almonds-usda-oz"
    ),
    pytest.param("12061", "1 oz", OZ, Basis.MASS, None, id="almonds-oz-mass"),
    pytest.param("12061", "10 almonds", 12.0, Basis.PORTION, "almond", id="almonds-count"),
    pytest.param("12061", "10 amandelen", 12.0, Basis.PORTION, "almond", id="almonds-amandelen"),
    pytest.param("12061", "1 tbsp", 143 / 16, Basis.VOLUME, "cup, whole", id="almonds-tbsp"),
    pytest.param("12061", "2 ons", 200.0, Basis.MASS, None, id="almonds-ons"),
    pytest.param("12061", "1 pond", 500.0, Basis.MASS, None, id="almonds-pond"),
    pytest.param("12061", "1.5 oz", 1.5 * OZ, Basis.MASS, None, id="almonds-1.5-oz"),
    pytest.param("12061", "1 lb", LB, Basis.MASS, None, id="almonds-lb"),
    pytest.param("12061", "250 mg", 0.25, Basis.MASS, None, id="almonds-mg"),
    pytest.param("12061", "0,5 kg", 500.0, Basis.MASS, None, id="almonds-kg"),
    # Eggs, celery, onion, garlic, avocado, yogurt, spinach, peanut butter, salmon, tomato.
    pytest.param("01123", "1 large", 50.0, Basis.PORTION, "large", id="egg-large"),
    pytest.param("01123", "1 extra large", 56.0, Basis.PORTION, "extra large", id="egg-xl"),
    pytest.param("01123", "1 jumbo", 63.0, Basis.PORTION, "jumbo", id="egg-jumbo"),
    pytest.param("11143", "1 stalk", 64.0, Basis.PORTION, None, id="celery-stalk-first"),
    pytest.param("11143", "1 stalk, medium", 40.0, Basis.PORTION, None, id="celery-medium"),
    pytest.param("11143", "2 stengels", 128.0, Basis.PORTION, None, id="celery-stengels"),
    pytest.param("11143", "1 el", 7.5, Basis.PORTION, "tbsp", id="celery-el"),
    pytest.param("11143", "1 tsp", 2.5, Basis.VOLUME, "tbsp", id="celery-tsp-from-tbsp"),
    pytest.param("11282", "1 slice thin", 9.0, Basis.PORTION, "slice, thin", id="onion-thin"),
    pytest.param("11282", "1 plakje dun", 9.0, Basis.PORTION, "slice, thin", id="onion-dun"),
    pytest.param("11282", "10 rings", 60.0, Basis.PORTION, "rings", id="onion-rings"),
    pytest.param("11282", "1 tbsp", 10.0, Basis.PORTION, "tbsp chopped", id="onion-tbsp"),
    pytest.param("11215", "3 cloves", 9.0, Basis.PORTION, "cloves", id="garlic-cloves"),
    pytest.param("11215", "1 teentje", 3.0, Basis.PORTION, "clove", id="garlic-teentje"),
    pytest.param("09037", "1 avocado", 201.0, Basis.PORTION, None, id="avocado-unlisted-word"),
    pytest.param("09037", "1 kopje puree", 230.0, Basis.PORTION, "cup, pureed", id="avocado"),
    pytest.param("01117", "1 container (6 oz)", 170.0, Basis.PORTION, None, id="yogurt-6oz"),
    pytest.param("01117", "0.5 container (4 oz)", 113.0, Basis.PORTION, None, id="yogurt-4oz"),
    pytest.param("01117", "1 cup (8 fl oz)", 245.0, Basis.PORTION, None, id="yogurt-cup"),
    pytest.param("01117", "2 bakjes", 340.0, Basis.PORTION, "container (6 oz)", id="yogurt-nl"),
    pytest.param("11457", "3 blaadjes", 30.0, Basis.PORTION, "leaf", id="spinach-leaves"),
    pytest.param("11457", "1 package (10 oz)", 284.0, Basis.PORTION, None, id="spinach-pkg"),
    pytest.param("11457", "1 bos", 340.0, Basis.PORTION, "bunch", id="spinach-bos"),
    pytest.param("16098", "2 tbsp", 32.0, Basis.PORTION, "tbsp", id="peanut-butter-2-tbsp"),
    pytest.param("16098", "1 el", 16.0, Basis.PORTION, "tbsp", id="peanut-butter-el"),
    pytest.param("15076", "0.5 fillet", 198.0, Basis.PORTION, "fillet", id="salmon-half"),
    pytest.param("15076", "1 filet", 396.0, Basis.PORTION, "fillet", id="salmon-filet"),
    pytest.param("15076", "3 oz", 3 * OZ, Basis.MASS, None, id="salmon-3-oz-mass"),
    pytest.param("11529", "1 medium", 123.0, Basis.PORTION, None, id="tomato-medium-whole"),
    pytest.param("11529", "1 cherry", 17.0, Basis.PORTION, "cherry", id="tomato-cherry"),
    pytest.param("11529", "1 Italian tomato", 62.0, Basis.PORTION, None, id="tomato-italian"),
    pytest.param("20044", "1/4 cup", 46.25, Basis.PORTION, "cup", id="rice-quarter-cup"),
    pytest.param("14429", "1 l", 1000.0, Basis.PORTION, "liter", id="tap-water-litre"),
]


@pytest.mark.parametrize(("ndb", "text", "grams", "basis", "portion"), GRAMS)
def test_grams_from_usda_weights(
    sr28: dict[str, Food], ndb: str, text: str, grams: float, basis: Basis, portion: str | None
) -> None:
    match = portion_grams(sr28[ndb], text)
    assert match.grams == pytest.approx(grams)
    assert match.basis is basis
    if portion is not None:
        assert match.portion is not None
        assert match.portion.unit == portion
    if basis is Basis.MASS:
        assert match.portion is None


def test_usda_first_cup_with_the_others_as_alternatives(sr28: dict[str, Food]) -> None:
    match = portion_grams(sr28["12061"], "1/2 cup")
    assert match.grams == pytest.approx(71.5)
    assert match.label == "1/2 cup, whole"
    assert [p.unit for p in match.alternatives] == ["cup, sliced", "cup, slivered", "cup, ground"]


def test_detail_words_that_pick_one_leave_no_alternatives(sr28: dict[str, Food]) -> None:
    match = portion_grams(sr28["12061"], "1 cup, sliced")
    assert match.alternatives == ()


def test_stalk_alternatives_are_the_other_sizes(sr28: dict[str, Food]) -> None:
    match = portion_grams(sr28["11143"], "1 stalk")
    assert [p.grams for p in match.alternatives] == [40.0, 17.0]


def test_match_reports_quantity_unit_and_label(sr28: dict[str, Food]) -> None:
    match = portion_grams(sr28["09040"], "1 1/2 medium")
    assert match.quantity == 1.5
    assert match.unit == "medium"
    assert match.label == '1 1/2 medium (7" to 7-7/8" long)'
    assert portion_grams(sr28["18075"], "2 sneetjes").label == "2 slices"
    assert portion_grams(sr28["01077"], "1,5 l").label == "1 1/2 l"
    assert portion_grams(sr28["12061"], "30g").label == "30 g"


# --- the usual serving and bare numbers ---------------------------------------------------------

SERVINGS = [
    pytest.param("12061", "1 oz", "2", 2 * OZ, "2 oz", id="oz-serving-is-mass"),
    pytest.param(
        "12061", "1 oz (23 whole kernels)", "2", 56.7, "2 oz (23 whole kernels)", id="usda-words"
    ),
    pytest.param("20033", "0.5 cup", "3", 141.0, "1 1/2 cups", id="half-cup-times-3"),
    pytest.param("20033", "30 g", "2", 60.0, "60 g", id="grams-serving"),
    pytest.param("20033", "30 g", "half", 15.0, "15 g", id="half-a-serving"),
    pytest.param(
        "09040", '1 medium (7" to 7-7/8" long)', "2", 236.0, '2 medium (7" to 7-7/8" long)',
        id="medium-banana"
    ),
]  # fmt: skip


@pytest.mark.parametrize(("ndb", "serving", "text", "grams", "label"), SERVINGS)
def test_bare_number_counts_servings(
    sr28: dict[str, Food], ndb: str, serving: str, text: str, grams: float, label: str
) -> None:
    match = portion_grams(replace(sr28[ndb], serving=serving), text)
    assert match.grams == pytest.approx(grams)
    assert match.basis is Basis.SERVING
    assert match.label == label


def test_serving_of_half_a_cup_is_scaled_not_swapped(sr28: dict[str, Food]) -> None:
    """Ricotta lists 0.5 cup = 124 g and 1 cup = 246 g: "2" of "0.5 cup" is 2 × 124 g."""
    ricotta = replace(sr28["01036"], serving="0.5 cup")
    assert portion_grams(ricotta, "0.5 cup").grams == 124.0
    assert portion_grams(ricotta, "1 cup").grams == 246.0
    assert portion_grams(ricotta, "2").grams == 248.0


def test_curated_servings_are_exactly_their_portion() -> None:
    """Every curated "<amount> <USDA words>" serving is that very WEIGHT row, or a mass."""
    for food in curated_foods():
        assert food.serving is not None, food.id
        match = portion_grams(food, food.serving)
        amount = parse_amount(food.serving)
        if match.basis is Basis.MASS:
            assert match.portion is None
            continue
        words = normalise(food.serving).split(" ", 1)[1]
        assert match.portion is not None, food.id
        assert normalise(match.portion.unit) == words, food.id
        assert match.portion.amount == pytest.approx(amount.quantity), food.id
        assert match.grams == pytest.approx(match.portion.grams), food.id
        assert portion_grams(food, "2").grams == pytest.approx(2 * match.grams), food.id


# --- water ---------------------------------------------------------------------------------------

WATER = _food(name="Drinking water", tags=frozenset({"water"}))

WATER_CASES = [
    pytest.param("250 ml", 250.0, id="ml"),
    pytest.param("1,5 l", 1500.0, id="litre"),
    pytest.param("1 cup", CUP_ML, id="cup"),
    pytest.param("2 dl", 200.0, id="dl"),
    pytest.param("300 g", 300.0, id="grams"),
]


@pytest.mark.parametrize(("text", "grams"), WATER_CASES)
def test_drinking_water_weighs_a_gram_per_ml(text: str, grams: float) -> None:
    match = portion_grams(WATER, text)
    assert match.grams == pytest.approx(grams)
    assert match.basis is (Basis.MASS if text.endswith("g") else Basis.WATER)


def test_water_with_its_own_cup_uses_it() -> None:
    water = replace(WATER, portions=(Portion(1, "cup", 237.0),))
    assert portion_grams(water, "1 cup").grams == 237.0
    assert portion_grams(water, "2 dl").basis is Basis.VOLUME


def test_kopje_of_water_is_not_a_volume() -> None:
    with pytest.raises(PortionError) as caught:
        portion_grams(WATER, "1 kopje")
    assert caught.value.message == NO_PORTIONS


def test_only_tagged_water_gets_a_density() -> None:
    with pytest.raises(PortionError) as caught:
        portion_grams(replace(WATER, tags=frozenset()), "250 ml")
    assert caught.value.message == NO_PORTIONS


# --- errors --------------------------------------------------------------------------------------

# The choices are the portions' labels, each with its grams, as the Log page's chips show them.
ALMOND_CHOICES = (
    "1 cup, whole (143 g); 1 cup, sliced (92 g); 1 cup, slivered (108 g); 1 cup, ground (95 g); "
    "1 oz (23 whole kernels, 28 g); 1 almond (1.2 g); 1 handful (25 g)"
)
ERRORS = [
    pytest.param(
        "12061", "2 slices", NO_SLICE,
        {"food": "Nuts, almonds", "unit": "slice", "choices": ALMOND_CHOICES}, id="no-slice",
    ),
    pytest.param(
        "12061", "2 blorps", NO_SLICE,
        {"food": "Nuts, almonds", "unit": "blorp", "choices": ALMOND_CHOICES}, id="unknown-word",
    ),
    pytest.param(
        "12061", "2", NO_SERVING, {"food": "Nuts, almonds", "choices": ALMOND_CHOICES},
        id="bare-number-without-serving",
    ),
    pytest.param(
        "18075", "1 tbsp", NO_VOLUME,
        {"food": "Bread, whole-wheat, commercially prepared", "unit": "tbsp",
         "choices": "1 slice (32 g); 1 oz (28 g)"},
        id="no-volume-portion",
    ),
    pytest.param(
        "18075", "1 kopje", NO_SLICE,
        {"food": "Bread, whole-wheat, commercially prepared", "unit": "kopje",
         "choices": "1 slice (32 g); 1 oz (28 g)"},
        id="kopje-needs-a-cup-portion",
    ),
    pytest.param(
        "15076", "1 slice", NO_SLICE,
        {"food": "Fish, salmon, Atlantic, wild, raw", "unit": "slice",
         "choices": "3 oz (85 g); 1/2 fillet (198 g)"},
        id="choices-show-usda-amounts",
    ),
    pytest.param(
        "01077", "60 l", TOO_MUCH, {"text": "60 l", "limit": 100_000, "kg": 50},
        id="more-than-50-kg",
    ),
    pytest.param(
        "12061", "51 kg", TOO_MUCH, {"text": "51 kg", "limit": 100_000, "kg": 50},
        id="51-kg",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("ndb", "text", "message", "params"), ERRORS)
def test_errors_name_what_the_food_has(
    sr28: dict[str, Food], ndb: str, text: str, message: str, params: dict[str, object]
) -> None:
    with pytest.raises(PortionError) as caught:
        portion_grams(sr28[ndb], text)
    assert caught.value.message == message
    assert caught.value.params == params


def test_fifty_kg_is_accepted(sr28: dict[str, Food]) -> None:
    assert portion_grams(sr28["12061"], "50 kg").grams == pytest.approx(MAX_GRAMS)


def test_too_many_servings(sr28: dict[str, Food]) -> None:
    almonds = replace(sr28["12061"], serving="1 oz")
    assert portion_grams(almonds, "1000").grams == pytest.approx(1000 * OZ)
    with pytest.raises(PortionError) as caught:
        portion_grams(almonds, "2000")
    assert caught.value.message == TOO_MUCH


def test_long_choice_lists_are_cut(sr28: dict[str, Food]) -> None:
    with pytest.raises(PortionError) as caught:
        portion_grams(sr28["11529"], "1 bar")
    choices = str(caught.value.params["choices"])
    assert choices.startswith("1 cup cherry tomatoes (149 g); 1 cup, chopped or sliced (180 g); ")
    assert choices.endswith("; …")
    assert choices.count(";") == 10


@pytest.mark.parametrize("text", ["2", "1 cup", "1 slice", "250 ml"])
def test_food_without_portions(text: str) -> None:
    with pytest.raises(PortionError) as caught:
        portion_grams(_food(), text)
    assert caught.value.message == NO_PORTIONS
    assert caught.value.params == {"food": "Test food"}


def test_food_without_portions_still_takes_grams() -> None:
    assert portion_grams(_food(), "125 g").grams == 125.0


def test_portions_without_weight_are_ignored() -> None:
    food = _food((Portion(1, "cup", 0.0), Portion(0, "slice", 30.0)))
    with pytest.raises(PortionError) as caught:
        portion_grams(food, "1 cup")
    assert caught.value.message == NO_PORTIONS


def test_resolve_a_hand_built_amount(sr28: dict[str, Food]) -> None:
    amount = parse_amount("2 slices")
    assert resolve(amount, sr28["18075"]).grams == 64.0


# --- labels: tests/foods/test_portion_labels.py ----------------------------------------------


@pytest.mark.parametrize(
    ("value", "english", "dutch"),
    [
        pytest.param(0.5, "1/2", "1/2", id="half"),
        pytest.param(1.5, "1 1/2", "1 1/2", id="one-and-a-half"),
        pytest.param(1 / 3, "1/3", "1/3", id="third"),
        pytest.param(0.33, "1/3", "1/3", id="usda-third"),
        pytest.param(0.67, "2/3", "2/3", id="usda-two-thirds"),
        pytest.param(0.75, "3/4", "3/4", id="three-quarters"),
        pytest.param(0.125, "1/8", "1/8", id="eighth"),
        pytest.param(2.0, "2", "2", id="whole"),
        pytest.param(28.35, "28.35", "28,35", id="decimals"),
        pytest.param(0.3, "0.3", "0,3", id="not-a-third"),
        pytest.param(1.999, "2", "2", id="rounded"),
        pytest.param(0.004, "0.004", "0,004", id="tiny"),
    ],
)
def test_format_quantity(value: float, english: str, dutch: str) -> None:
    assert format_quantity(value, "en") == english
    assert format_quantity(value, "nl") == dutch


# --- every SR28 portion can be typed back ------------------------------------------------------

# SR28 lists these portions twice with the same amount and words but different grams, so the
# words can only name the first; the second stays reachable as an alternative.
SAME_WORDS_TWICE = {
    ("01048", "1 jar (5 oz)"),
    ("18014", "1 biscuit"),
    ("18069", "1 slice"),
    ("18160", "1 cookie"),
    ("18288", "1 pancake"),
    ("19015", "1 bar"),
    ("25016", "1 bar"),
    ("33875", "5 fl oz"),
    ("35234", "1 piece"),
}
MASS_WORDS = {"oz": OZ, "lb": LB, "g": 1.0}


def test_every_sr28_portion_resolves_through_its_own_words(sr28: dict[str, Food]) -> None:
    """ "1 <Msre_Desc>" and "<Amount> <Msre_Desc>" name that WEIGHT row, for all 8,789 foods.

    The only exceptions: a bare "oz"/"lb"/"g" row is a mass, weighed with pint, and the rows
    in SAME_WORDS_TWICE cannot be told apart by their words.
    """
    rows = mass = 0
    twice: set[tuple[str, str]] = set()
    for ndb, food in sr28.items():
        for portion in food.portions:
            rows += 1
            one = portion_grams(food, "1 " + portion.unit)
            typed = f"{portion.amount:g} {portion.unit}"
            exact = portion_grams(food, typed)
            words = normalise(portion.unit)
            if words in MASS_WORDS:
                mass += 1
                assert one.basis is exact.basis is Basis.MASS
                assert exact.grams == pytest.approx(portion.amount * MASS_WORDS[words])
                continue
            assert one.portion is not None and one.portion.unit == portion.unit
            assert one.grams == pytest.approx(one.portion.grams_each)
            if exact.portion != portion:
                twice.add((ndb, typed))
                assert portion in exact.alternatives
            else:
                assert exact.grams == pytest.approx(portion.grams)
    assert rows == 15_438
    assert mass == 3_331
    assert twice == SAME_WORDS_TWICE


# --- properties ------------------------------------------------------------------------------

LINEAR = [
    ("20033", "cup"), ("12061", "cup, sliced"), ("09040", "medium"), ("18075", "slices"),
    ("01077", "tbsp"), ("01077", "l"), ("12061", "tbsp"), ("11143", "stalk"), ("12061", "g"),
    ("12061", "oz"), ("11457", "leaf"), ("01117", "container (6 oz)"), ("09037", "avocado"),
]  # fmt: skip


@settings(max_examples=200)
@given(case=st.sampled_from(LINEAR), thousandths=st.integers(1, 20_000))
def test_grams_scale_linearly(case: tuple[str, str], thousandths: int) -> None:
    ndb, words = case
    food = _sr28_foods()[ndb]
    quantity = thousandths / 1000
    one = portion_grams(food, f"1 {words}")
    some = portion_grams(food, f"{quantity:.3f} {words}")
    assert some.grams == pytest.approx(quantity * one.grams, rel=1e-9)
    assert some.portion == one.portion


WORDS = sorted({*portion_words().typed, "drumstick", "rings", "avocado", "cherry"})
NDBS = st.integers(0, 8_788)


@settings(max_examples=300)
@given(index=NDBS, data=st.data(), thousandths=st.integers(1, 1_000_000))
def test_resolve_never_weighs_nothing(index: int, data: st.DataObject, thousandths: int) -> None:
    food = list(_sr28_foods().values())[index]
    # Half the time words of the food's own portions, so most draws reach a weight.
    own = st.sampled_from([p.unit for p in food.portions]) if food.portions else st.just("")
    words = data.draw(own | st.sampled_from(WORDS) | st.just(""), label="words")
    text = f"{thousandths / 1000:.3f} {words}".strip()
    try:
        match = portion_grams(replace(food, serving="1 oz"), text)
    except PortionError:
        return
    assert 0 < match.grams <= MAX_GRAMS
    assert math.isfinite(match.grams)
    if match.basis is Basis.PORTION:
        assert match.portion is not None
        assert match.grams == pytest.approx(match.quantity * match.portion.grams_each)
