"""Everyday portion phrases, English and Dutch, on the curated foods they fit (issue 14):
each against its expected grams and the source of the weight, through the domain, ``foods
amount`` and the journal's ``log food``; one density per food; errors in the user's language."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcoach.errors import PortionError
from mgcoach.foods.curated import curated_foods
from mgcoach.foods.household import household, load_household
from mgcoach.foods.model import Food
from mgcoach.foods.portions import Basis, density, portion_grams
from mgcoach.i18n import set_language, translate
from tests.cli.running import run_json

FOODS = {food.id: food for food in curated_foods()}
QUART_ML = 946.352946
MILK = 976 / QUART_ML  # g per ml of whole milk (usda:01077), from its quart

# (food id, phrase, grams, source of the weight)
PHRASES = [
    # egg / ei / eieren: USDA's large egg
    pytest.param("usda:01123", "1 egg", 50.0, "USDA-SR28", id="egg-en"),
    pytest.param("usda:01123", "1 ei", 50.0, "USDA-SR28", id="ei-nl"),
    pytest.param("usda:01123", "2 eieren", 100.0, "USDA-SR28", id="eieren-nl"),
    pytest.param("usda:01129", "2 eggs", 100.0, "USDA-SR28", id="boiled-eggs"),
    pytest.param("usda:01140", "3 eggs", 27.0, "USDA-SR28", id="quail-own-egg"),
    # piece / stuk / the food's own name: its single item, else its medium size
    pytest.param("usda:09040", "1 banana", 118.0, "USDA-SR28", id="1-banana"),
    pytest.param("usda:09040", "2 bananas", 236.0, "USDA-SR28", id="2-bananas"),
    pytest.param("usda:09040", "2 bananen", 236.0, "USDA-SR28", id="2-bananen"),
    pytest.param("usda:09040", "1 stuk", 118.0, "USDA-SR28", id="stuk"),
    pytest.param("usda:09040", "3 stuks", 354.0, "USDA-SR28", id="stuks"),
    pytest.param("usda:09003", "1 appel", 182.0, "USDA-SR28", id="1-appel"),
    pytest.param("usda:09003", "2 apples", 364.0, "USDA-SR28", id="2-apples"),
    pytest.param("usda:09003", "1 piece", 182.0, "USDA-SR28", id="apple-piece"),
    pytest.param("usda:09200", "1 sinaasappel", 131.0, "USDA-SR28", id="sinaasappel-fruit"),
    # glass / glas, mug / mok / beker, bottle / fles
    pytest.param("usda:14411", "1 glass", 200.0, "MGCOACH", id="tap-water-glass"),
    pytest.param("usda:14411", "1 glas", 200.0, "MGCOACH", id="tap-water-glas"),
    pytest.param("usda:14411", "2 glazen", 400.0, "MGCOACH", id="tap-water-glazen"),
    pytest.param("usda:14411", "1 fles", 500.0, "MGCOACH", id="tap-water-fles"),
    pytest.param("usda:14555", "1 bottle", 500.0, "MGCOACH", id="bottled-water-bottle"),
    pytest.param("usda:01077", "1 glass", 200 * MILK, "MGCOACH", id="milk-glass"),
    pytest.param("usda:01077", "1 glas", 200 * MILK, "MGCOACH", id="milk-glas"),
    pytest.param("usda:01077", "1 mug", 250 * MILK, "MGCOACH", id="milk-mug"),
    pytest.param("usda:01077", "1 mok", 250 * MILK, "MGCOACH", id="milk-mok"),
    pytest.param("usda:01077", "1 beker", 250 * MILK, "MGCOACH", id="milk-beker"),
    pytest.param("usda:14355", "1 mok", 250 * 178 / (6 * 29.5735296), "MGCOACH", id="tea-mok"),
    pytest.param("usda:09209", "1 glas", 200 * 249 / 236.5882365, "MGCOACH", id="oj-glas"),
    pytest.param("usda:14003", "1 flesje", 300 * 29.7 / 29.5735296, "MGCOACH", id="beer-fles"),
    pytest.param("usda:14057", "1 glass", 103.0, "USDA-SR28", id="port-own-glass"),
    # handful / handje / handvol
    pytest.param("usda:12061", "a handful", 25.0, "MGCOACH", id="almonds-handful"),
    pytest.param("usda:12061", "een handje", 25.0, "MGCOACH", id="almonds-handje"),
    pytest.param("usda:12155", "een handvol", 25.0, "MGCOACH", id="walnuts-handvol"),
    pytest.param("usda:12014", "1 handje", 25.0, "MGCOACH", id="pumpkin-seeds-handje"),
    pytest.param("usda:11457", "1 handful", 30.0, "MGCOACH", id="spinach-handful"),
    pytest.param("usda:11457", "2 handjes", 60.0, "MGCOACH", id="spinach-handjes"),
    pytest.param("usda:09050", "een handje", 75.0, "MGCOACH", id="blueberries-handje"),
    # slice of cheese / plak
    pytest.param("usda:01009", "1 slice of cheese", 28.0, "USDA-SR28", id="cheddar-slice"),
    pytest.param("usda:01009", "1 plak", 28.0, "USDA-SR28", id="cheddar-plak"),
    pytest.param("usda:01022", "1 plak", 20.0, "MGCOACH", id="gouda-plak"),
    pytest.param("usda:01022", "2 plakjes", 40.0, "MGCOACH", id="gouda-plakjes"),
    pytest.param("usda:01018", "1 slice", 20.0, "MGCOACH", id="edam-slice"),
    # portion / portie / opscheplepel / schaaltje
    pytest.param("usda:12061", "1 portion", 28.35, "USDA-SR28", id="almonds-portion"),
    pytest.param("usda:12061", "1 portie", 28.35, "USDA-SR28", id="almonds-portie"),
    pytest.param("usda:09040", "1 portie", 118.0, "USDA-SR28", id="banana-usual-serving"),
    pytest.param("usda:20445", "2 opscheplepels", 100.0, "MGCOACH", id="rice-opscheplepels"),
    pytest.param("usda:11367", "1 opscheplepel", 50.0, "MGCOACH", id="potatoes-opscheplepel"),
    pytest.param("usda:01116", "1 schaaltje", 150.0, "MGCOACH", id="yoghurt-schaaltje"),
    pytest.param("usda:01117", "a small bowl", 150.0, "MGCOACH", id="yoghurt-small-bowl"),
    # sugar cube / klontje
    pytest.param("usda:19335", "1 sugar cube", 2.3, "USDA-SR28", id="sugar-cube"),
    pytest.param("usda:19335", "2 klontjes", 4.6, "USDA-SR28", id="sugar-klontjes"),
    # reepje: a small bar, never the whole 162 g tablet
    pytest.param("usda:19902", "1 reepje", 25.0, "MGCOACH", id="dark-chocolate-reepje"),
    pytest.param("usda:19902", "1 bar", 162.0, "USDA-SR28", id="dark-chocolate-bar"),
    # one density: 1 l = 1000 ml
    pytest.param("usda:14411", "1 l", 1000.0, "USDA-SR28", id="tap-water-litre"),
    pytest.param("usda:14411", "1000 ml", 1000.0, "USDA-SR28", id="tap-water-1000-ml"),
    pytest.param("usda:01077", "1 l", 1000 * MILK, "USDA-SR28", id="milk-litre"),
    pytest.param("usda:01077", "1000 ml", 1000 * MILK, "USDA-SR28", id="milk-1000-ml"),
]


def _source(food: Food, text: str) -> str:
    match = portion_grams(food, text)
    return match.measure.source if match.measure is not None else "USDA-SR28"


@pytest.mark.parametrize(("food_id", "text", "grams", "source"), PHRASES)
def test_everyday_phrase(food_id: str, text: str, grams: float, source: str) -> None:
    food = FOODS[food_id]
    match = portion_grams(food, text)
    assert match.grams == pytest.approx(grams, rel=1e-3)
    assert _source(food, text) == source
    assert (match.basis is Basis.HOUSEHOLD) == (match.measure is not None)


def test_reepje_is_not_a_bar() -> None:
    for food_id in ("usda:19902", "usda:19903", "usda:19904", "usda:19120"):
        assert portion_grams(FOODS[food_id], "1 reepje").grams <= 50


def test_every_household_entry_names_curated_foods_and_has_a_note() -> None:
    for measure in household().measures:
        assert measure.note
        assert measure.fits.ids <= set(FOODS), measure.unit
        assert measure.fits.except_ids <= set(FOODS), measure.unit
        if measure.source == "MGCOACH":
            assert measure.portion is None


@pytest.mark.parametrize(
    ("text", "error"),
    [
        pytest.param('[[measure]]\nunit = "glass"\nml = 200\nsource = "X"\nnote = "n"\n',
                     "unknown source", id="unknown-source"),
        pytest.param('[[measure]]\nunit = "glass"\nml = 200\nsource = "MGCOACH"\n',
                     "a note", id="no-note"),
        pytest.param('[[measure]]\nunit = "g"\ngrams = 2\nsource = "MGCOACH"\nnote = "n"\n',
                     "not a portion word", id="mass-unit"),
        pytest.param('[[measure]]\nunit = "glass"\nml = 2\ngrams = 2\nsource = "MGCOACH"\n'
                     'note = "n"\n', "exactly one", id="two-sizes"),
    ],
)  # fmt: skip
def test_bad_household_entries_fail_at_load(text: str, error: str) -> None:
    with pytest.raises(Exception, match=error):
        load_household(text)


# --- one density per food; N × unit = N × one unit -------------------------------------------

DRINKS = ["usda:01077", "usda:14411", "usda:09209", "usda:14355", "usda:12061", "usda:20033"]


@pytest.mark.parametrize("food_id", DRINKS)
def test_a_litre_is_a_thousand_ml(food_id: str) -> None:
    food = FOODS[food_id]
    litre = portion_grams(food, "1 l").grams
    assert portion_grams(food, "1000 ml").grams == pytest.approx(litre)
    assert portion_grams(food, "10 dl").grams == pytest.approx(litre)
    assert portion_grams(food, "100 cl").grams == pytest.approx(litre)
    grams_per_ml = density(food)
    assert grams_per_ml is not None
    assert portion_grams(food, "250 ml").grams == pytest.approx(250 * grams_per_ml)


UNITS = [(str(p.values[0]), str(p.values[1]).split(" ", 1)[1]) for p in PHRASES]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(UNITS), st.integers(min_value=1, max_value=12))
def test_n_units_are_n_times_one(case: tuple[str, str], n: int) -> None:
    food_id, unit = case
    food = FOODS[food_id]
    one = portion_grams(food, f"1 {unit}").grams
    assert portion_grams(food, f"{n} {unit}").grams == pytest.approx(n * one)


# --- errors in the user's language ------------------------------------------------------------


def test_unknown_measure_lists_the_measures_in_dutch() -> None:
    with pytest.raises(PortionError) as caught:
        portion_grams(FOODS["usda:12061"], "1 glas")
    try:
        set_language("nl")
        text = translate(caught.value.message, caught.value.params)
    finally:
        set_language("en")
    assert "Amandelen" in text
    assert "kopje, gemalen (95 g)" in text
    assert "handje (25 g)" in text
    english = translate(caught.value.message, caught.value.params)
    assert "Almonds has no glass" in english
    assert "cup, ground (95 g)" in english and "handful (25 g)" in english


def test_a_glass_of_a_solid_is_refused() -> None:
    with pytest.raises(PortionError):
        portion_grams(FOODS["usda:01022"], "1 glas")


def test_egg_word_on_a_non_egg_is_refused() -> None:
    with pytest.raises(PortionError):
        portion_grams(FOODS["usda:09040"], "1 ei")


def test_water_without_portions_uses_one_gram_per_ml() -> None:
    water = replace(FOODS["usda:14411"], portions=())
    assert portion_grams(water, "1 glas").grams == pytest.approx(200.0)


# --- the CLI: foods amount and the journal's log food ----------------------------------------

CLI = [
    pytest.param("usda:01123", "1 ei", 50.0, id="ei"),
    pytest.param("usda:12061", "een handje", 25.0, id="handje"),
    pytest.param("usda:14411", "1 glas", 200.0, id="glas"),
    pytest.param("usda:09040", "2 bananas", 236.0, id="bananas"),
    pytest.param("usda:01009", "1 plak", 28.0, id="plak"),
    pytest.param("usda:19902", "1 reepje", 25.0, id="reepje"),
    pytest.param("usda:19335", "1 klontje", 2.3, id="klontje"),
    pytest.param("usda:01077", "1 l", 1000 * MILK, id="litre"),
]


@pytest.mark.usefixtures("data_dir")
@pytest.mark.parametrize(("food_id", "text", "grams"), CLI)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_cli_amount_and_log(
    capsys: pytest.CaptureFixture[str], food_id: str, text: str, grams: float, lang: str
) -> None:
    data = run_json(capsys, "foods", "amount", food_id, text, "--lang", lang)
    assert data["grams"] == pytest.approx(grams, rel=1e-3)
    run_json(capsys, "profile", "set", "--age", "40", "--sex", "female")
    logged = run_json(capsys, "log", "food", food_id, text, "--lang", lang)
    assert logged["detail"]["grams"] == pytest.approx(grams, rel=1e-3)
