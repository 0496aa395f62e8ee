"""Portion labels (issue 17): every label says its grams, Dutch labels say no NLEA, oz, fl oz or
inches, and every label typed back as an amount weighs what it says (en and nl)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcoach.errors import KnowledgeError
from mgcoach.foods.amount_text import (
    UnitKind,
    label_grams,
    normalise,
    parse_amount,
    portion_words,
    read_measure,
    singular,
)
from mgcoach.foods.curated import curated_foods
from mgcoach.foods.importers.files import Release
from mgcoach.foods.importers.usda_sr28 import read
from mgcoach.foods.model import Food, Portion
from mgcoach.foods.portion_labels import (
    format_quantity,
    grams_step,
    label,
    portion_label,
    size_kind,
    split_sizes,
)
from mgcoach.foods.portion_names import SizeKind, label_rules, load_label_rules
from mgcoach.foods.portions import Basis, amount_label, portion_grams
from tests.shared_data import SR28

CURATED = {food.id: food for food in curated_foods()}

# (portion, English, Dutch)
LABELS = [
    pytest.param(Portion(1, "cup, chopped", 128), "1 cup, chopped (128 g)",
                 "1 kopje, gehakt (128 g)", id="cup"),
    pytest.param(Portion(0.5, "cup, chopped or diced", 44), "1/2 cup, chopped or diced (44 g)",
                 "1/2 kopje, gehakt of in blokjes (44 g)", id="half-cup"),
    pytest.param(Portion(2, "tbsp", 32), "2 tbsp (32 g)", "2 eetlepels (32 g)", id="two-tbsp"),
    pytest.param(Portion(1, "tsp", 4.8), "1 tsp (4.8 g)", "1 theelepel (4,8 g)", id="small-tsp"),
    pytest.param(Portion(1.5, "cup", 366), "1 1/2 cups (366 g)", "1 1/2 kopjes (366 g)",
                 id="one-and-a-half"),
    pytest.param(Portion(1.25, "cup", 305), "1 1/4 cups (305 g)", "1 1/4 kopjes (305 g)",
                 id="quarter"),
    pytest.param(Portion(0.167, "pie", 50), "0.17 pie (50 g)", "0,17 taart (50 g)",
                 id="decimals"),
    pytest.param(Portion(3, "slice", 96), "3 slices (96 g)", "3 plakken (96 g)", id="plural"),
    # inches: kept in English, dropped in Dutch, where the size word is inflected
    pytest.param(Portion(1, 'medium (7" to 7-7/8" long)', 118),
                 '1 medium (7" to 7-7/8" long, 118 g)', "1 middelgrote (118 g)",
                 id="inches-medium-banana"),
    pytest.param(Portion(1, 'large (8" to 8-7/8" long)', 136), '1 large (8" to 8-7/8" long, 136 g)',
                 "1 grote (136 g)", id="inches-large"),
    pytest.param(Portion(1, 'pat (1" sq, 1/3" high)', 5), '1 pat (1" sq, 1/3" high, 5 g)',
                 "1 klontje (5 g)", id="inches-pat"),
    pytest.param(Portion(1, 'cup 1/2" pieces', 150), '1 cup 1/2" pieces (150 g)',
                 "1 kopje (150 g)", id="inches-outside-parentheses"),
    # NLEA: a plain serving in both languages
    pytest.param(Portion(1, "NLEA serving", 126), "1 serving (126 g)", "1 portie (126 g)",
                 id="nlea"),
    pytest.param(Portion(1, "cup (1 NLEA serving)", 240), "1 cup (240 g)", "1 kopje (240 g)",
                 id="nlea-note"),
    # fl oz: kept in English, ml in Dutch
    pytest.param(Portion(6, "fl oz", 178), "6 fl oz (178 g)", "177 ml (178 g)", id="fl-oz"),
    pytest.param(Portion(1, "fl oz", 30.5), "1 fl oz (31 g)", "30 ml (31 g)", id="one-fl-oz"),
    pytest.param(Portion(1, "can (12 fl oz)", 368), "1 can (12 fl oz, 368 g)",
                 "1 blik (355 ml, 368 g)", id="fl-oz-note"),
    pytest.param(Portion(1, "quart", 976), "1 quart (976 g)", "946 ml (976 g)", id="quart"),
    # oz and lb: grams in Dutch
    pytest.param(Portion(1, "oz", 28.35), "1 oz (28 g)", "28 g", id="oz"),
    pytest.param(Portion(1, "lb", 453.6), "1 lb (454 g)", "454 g", id="lb"),
    pytest.param(Portion(1, "oz (23 whole kernels)", 28.35), "1 oz (23 whole kernels, 28 g)",
                 "28 g", id="oz-kernels"),
    pytest.param(Portion(1, "slice (1 oz)", 28), "1 slice (1 oz, 28 g)", "1 plak (28 g)",
                 id="oz-note"),
    pytest.param(Portion(0.333, "package (9 oz) yields", 80), "1/3 package yields (9 oz, 80 g)",
                 "1/3 pak (80 g)", id="usda-third"),
    # words no list says in Dutch: the measure stays, the English goes
    pytest.param(Portion(1, "Italian tomato", 62), "1 Italian tomato (62 g)", "1 stuk (62 g)",
                 id="untranslatable-word"),
    pytest.param(Portion(1, "unit (yield from 1 lb ready-to-cook chicken)", 52),
                 "1 unit (yield from 1 lb ready-to-cook chicken, 52 g)", "1 stuk (52 g)",
                 id="usda-note"),
    pytest.param(Portion(1, "chop, excluding refuse (yield from 1 raw chop, weighing 160 g)", 55),
                 "1 chop, excluding refuse (yield from 1 raw chop, weighing 160 g, 55 g)",
                 "1 karbonade, zonder afval (55 g)", id="note-with-grams"),
    pytest.param(Portion(1, "thigh with skin", 69), "1 thigh with skin (69 g)",
                 "1 dij, met vel (69 g)", id="dutch-details"),
    pytest.param(Portion(1, "cube", 4), "1 cube (4 g)", "1 klontje (4 g)", id="cube"),
    # Dutch words of the portion itself, and a household measure's own size
    pytest.param(Portion(1, "slice", 32, unit_nl="sneetje"), "1 slice (32 g)",
                 "1 sneetje (32 g)", id="own-dutch-words"),
    pytest.param(Portion(1, "glass (200 ml)", 206, unit_nl="glas (200 ml)"),
                 "1 glass (200 ml, 206 g)", "1 glas (200 ml, 206 g)", id="metric-note"),
]  # fmt: skip


@pytest.mark.parametrize(("portion", "english", "dutch"), LABELS)
def test_portion_label(portion: Portion, english: str, dutch: str) -> None:
    assert portion_label(portion, "en") == english
    assert portion_label(portion, "nl") == dutch


def test_a_portion_without_amount_or_weight_is_still_shown() -> None:
    assert portion_label(Portion(0, "slice", 30), "nl") == "0 plak (30 g)"
    assert portion_label(Portion(1, "cup", 0), "en") == "1 cup (0 g)"


@pytest.mark.parametrize(
    ("quantity", "english", "dutch"),
    [
        pytest.param(2, "2 cans (12 fl oz, 736 g)", "2 blikken (355 ml, 736 g)", id="two"),
        pytest.param(0.5, "1/2 can (12 fl oz, 184 g)", "1/2 blik (355 ml, 184 g)", id="half"),
    ],
)
def test_label_of_another_quantity(quantity: float, english: str, dutch: str) -> None:
    can = Portion(1, "can (12 fl oz)", 368)
    assert portion_label(can, "en", quantity) == english
    assert portion_label(can, "nl", quantity) == dutch


@pytest.mark.parametrize(
    ("words", "head", "notes"),
    [
        ('medium (7" to 7-7/8" long)', "medium", ['7" to 7-7/8" long']),
        ("slice (1 oz) (4 x 4)", "slice", ["1 oz", "4 x 4"]),
        ("can (12.5 oz), drained", "can, drained", ["12.5 oz"]),
        (
            "doughnut, long type (twist) approx 5 high)",
            "doughnut, long type approx 5 high",
            ["twist"],
        ),
        ("cup", "cup", []),
    ],
)
def test_split_sizes(words: str, head: str, notes: list[str]) -> None:
    assert split_sizes(words) == (head, notes)


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("1 NLEA serving", SizeKind.NLEA),
        ("12 fl oz", SizeKind.FLUID),
        ("approximate weight, 1 fl. oz", SizeKind.FLUID),
        ("4.5 oz", SizeKind.WEIGHT),
        ("yield from 1 lb raw meat", SizeKind.WEIGHT),
        ("200 ml", SizeKind.METRIC),
        ('7" to 7-7/8" long', SizeKind.INCHES),
        ("2-1/2 dia", SizeKind.INCHES),
        ("303 x 406", SizeKind.OTHER),
        ("yield from 1 raw chop, weighing 160 g", SizeKind.OTHER),
    ],
)
def test_size_kind(note: str, kind: SizeKind) -> None:
    assert size_kind(note) is kind


@pytest.mark.parametrize(
    ("text", "rest", "grams"),
    [
        ("1 cup (240 g)", "1 cup", 240.0),
        ("1 theelepel (4,8 g)", "1 theelepel", 4.8),
        ("1 can (12 fl oz, 368 g)", "1 can (12 fl oz)", 368.0),
        ('1 pat (1" sq, 1/3" high, 5 g)', '1 pat (1" sq, 1/3" high)', 5.0),
        ("1 chop (weighing 209g)", "1 chop (weighing 209g)", None),
        ("30 g", "30 g", None),
    ],
)
def test_label_grams_are_read(text: str, rest: str, grams: float | None) -> None:
    assert label_grams(normalise(text)) == (rest, grams)


# --- the rules' data ----------------------------------------------------------------------------


def test_every_rule_names_a_known_unit() -> None:
    """A conversion names a mass or volume unit the parser knows; a name reads back as itself,
    the very word the parser made of USDA's word before it had a name ("2 chops" -> "chop")."""
    table, rules = portion_words(), label_rules()
    for (unit, _lang), to in rules.converts.items():
        word = table.unit(unit)
        assert word is not None and word.kind in (UnitKind.MASS, UnitKind.VOLUME), unit
        assert table.unit(to) is not None
    for name in rules.names:
        assert read_measure(name.unit) == (name.unit, ""), name.unit
        assert singular(name.unit) == name.unit
        assert read_measure(normalise(name.en[1]))[0] == name.unit, name.en


GOOD = """
[[convert]]
unit = "oz"
lang = "nl"
to = "g"
sources = ["MGCOACH"]
basis = "grams"

[fallback]
nl = ["stuk", "stuks"]
sources = ["MGCOACH"]
basis = "items"
""" + "".join(
    f'\n[[size]]\nkind = "{kind}"\nen = "keep"\nnl = "drop"\nsources = ["MGCOACH"]\nbasis = "b"\n'
    for kind in SizeKind
)
NAME = '\n[[name]]\nunit = "chop"\nen = ["chop", "chops"]\nnl = ["karbonade", "karbonades"]\n'


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(GOOD.replace('sources = ["MGCOACH"]', 'sources = ["NOPE"]', 1), id="source"),
        pytest.param(GOOD.replace('basis = "grams"', 'basis = ""'), id="no-basis"),
        pytest.param(GOOD.replace('to = "g"', 'to = "cup"'), id="unknown-target"),
        pytest.param(GOOD.replace('lang = "nl"', 'lang = "fr"'), id="unknown-language"),
        pytest.param(GOOD.replace('nl = "drop"', 'nl = "hide"', 1), id="unknown-action"),
        pytest.param(GOOD.replace('nl = "drop"', 'nl = "ml"', 1), id="ml-for-nlea"),
        pytest.param(GOOD.split("[[size]]")[0], id="no-size-rules"),
        pytest.param(GOOD + NAME + 'words = ["Karbonade"]\nsources = ["MGCOACH"]\nbasis = "b"\n',
                     id="upper-case-word"),
        pytest.param(GOOD + (NAME + 'words = []\nsources = ["MGCOACH"]\nbasis = "b"\n') * 2,
                     id="named-twice"),
        pytest.param(GOOD + NAME.replace('["chop", "chops"]', '["chop"]') +
                     'words = []\nsources = ["MGCOACH"]\nbasis = "b"\n', id="one-form"),
        pytest.param("[[convert", id="not-toml"),
    ],
)  # fmt: skip
def test_bad_rules_fail_to_load(text: str) -> None:
    with pytest.raises(KnowledgeError):
        load_label_rules(text)


def test_good_rules_load() -> None:
    rules = load_label_rules(GOOD + NAME + 'words = []\nsources = ["MGCOACH"]\nbasis = "b"\n')
    assert rules.convert("oz", "nl") == "g"
    assert rules.names[0].nl == ("karbonade", "karbonades")


# --- labels typed back --------------------------------------------------------------------------


@cache
def _sr28_foods() -> tuple[Food, ...]:
    release = Release(SR28)
    try:
        return tuple(read(release))
    finally:
        release.close()


def _assert_round_trip(food: Food) -> None:
    """Every chip of the food, in English and Dutch, typed back weighs its portion (and is that
    portion, unless another has the very same label: "1 stuk (62 g)" twice)."""
    shown = [portion_label(p, lang) for p in food.portions for lang in ("en", "nl")]
    for portion in food.portions:
        if portion.amount <= 0 or portion.grams <= 0:
            continue  # no weight to show: the parser skips it too
        for lang in ("en", "nl"):
            text = portion_label(portion, lang)
            match = portion_grams(food, text)
            if label(portion, lang).grams is None:  # a weight ("28 g"): as exact as it is shown
                assert match.basis is Basis.MASS
                assert match.grams == pytest.approx(portion.grams, abs=grams_step(portion.grams))
            elif shown.count(text) > 1:  # the same label twice: either, as exact as it is shown
                assert match.grams == pytest.approx(portion.grams, abs=grams_step(portion.grams))
            else:
                assert match.grams == pytest.approx(portion.grams, rel=1e-9), text
                assert match.portion == portion, text
            _assert_dutch_is_dutch(portion_label(portion, "nl"))


def _assert_dutch_is_dutch(text: str) -> None:
    assert not re.search(r"\b(nlea|oz|fl|lb|inch)\b|\"", text, re.IGNORECASE), text
    assert text.endswith((" g)", " g")), text


@settings(max_examples=200, deadline=None)
@given(food=st.sampled_from(sorted(CURATED.values(), key=lambda f: f.id)))
def test_curated_chips_read_back_to_their_grams(food: Food) -> None:
    _assert_round_trip(food)


@settings(max_examples=200, deadline=None)
@given(index=st.integers(0, 8_788))
def test_sr28_chips_read_back_to_their_grams(index: int) -> None:
    _assert_round_trip(_sr28_foods()[index])


@settings(max_examples=100, deadline=None)
@given(food=st.sampled_from(sorted(CURATED.values(), key=lambda f: f.id)), times=st.integers(2, 5))
def test_a_chip_with_another_number_scales(food: Food, times: int) -> None:
    """A chip whose number is changed ("3 kopjes (240 g)") is that many of its portion."""
    texts = [portion_label(p, "nl") for p in food.portions]
    for portion in food.portions:
        shown = label(portion, "nl")
        if shown.grams is None or portion.grams <= 0 or portion.amount <= 0:
            continue
        if texts.count(shown.text) > 1:
            continue  # two portions with one label: either is what it says
        number = shown.amount.removesuffix(f" {shown.words}")
        read = parse_amount(shown.text).quantity
        quantity = format_quantity(read * times, "nl")
        text = quantity + shown.text.removeprefix(number)
        typed = parse_amount(text).quantity  # as typed: "1 1/3" for 4 × 1/3
        match = portion_grams(food, text)
        assert typed == pytest.approx(read * times, rel=0.01)
        assert match.grams == pytest.approx(portion.grams * typed / read, rel=1e-9), text


@pytest.mark.parametrize(
    ("food_id", "text", "grams"),
    [
        pytest.param("usda:09040", "1 middelgrote", 118.0, id="middelgrote"),
        pytest.param("usda:09040", "1 portie (126 g)", 126.0, id="nlea-chip"),
        pytest.param("usda:09040", "1 portie", 118.0, id="portie-is-the-usual-serving"),
        pytest.param("usda:14355", "177 ml (178 g)", 178.0, id="ml-chip"),
        pytest.param("usda:14355", "354 ml (178 g)", 356.0, id="ml-chip-doubled"),
        pytest.param("usda:01077", "1 kopje (244 g)", 244.0, id="kopje-chip"),
        pytest.param("usda:01077", "2 kopjes (488 g)", 488.0, id="kopjes-chip-own-total"),
        pytest.param("usda:01077", "1 kopje (250 g)", 244.0, id="other-grams-read-as-kopje"),
        pytest.param("usda:12061", "een handje", 25.0, id="handje"),
        pytest.param("usda:01123", "1 ei", 50.0, id="ei"),
        pytest.param("usda:18075", "2 sneetjes", 64.0, id="sneetjes"),
        pytest.param("usda:14411", "1 glas", 200.0, id="glas"),
    ],
)
def test_dutch_typed_amounts(food_id: str, text: str, grams: float) -> None:
    food = CURATED.get(food_id) or next(f for f in _sr28_foods() if f.id == food_id)
    assert portion_grams(food, text).grams == pytest.approx(grams)


def test_new_dutch_measure_names_are_read() -> None:
    chop = Food("x:1", "Pork chop", CURATED["usda:09040"].source, {},
                portions=(Portion(1, "chop", 150), Portion(1, "thigh", 69)))  # fmt: skip
    assert portion_grams(chop, "2 karbonades").grams == 300.0
    assert portion_grams(chop, "1 kippendij").grams == 69.0


@pytest.mark.parametrize(
    ("serving", "english", "dutch"),
    [
        pytest.param("1 oz", "1 oz (28 g)", "28 g", id="mass"),
        pytest.param('1 medium (7" to 7-7/8" long)', '1 medium (7" to 7-7/8" long, 118 g)',
                     "1 middelgrote (118 g)", id="portion"),
        pytest.param("2 medium", '2 medium (7" to 7-7/8" long, 236 g)', "2 middelgrote (236 g)",
                     id="two"),
        pytest.param("1 tbsp", "1 tbsp (14 g)", "1 eetlepel (14 g)", id="volume"),
        pytest.param("30 g", "30 g", "30 g", id="grams"),
    ],
)  # fmt: skip
def test_amount_label(serving: str, english: str, dutch: str) -> None:
    banana = CURATED["usda:09040"]
    match = portion_grams(replace(banana, serving=serving), serving)
    assert amount_label(match, "en") == english
    assert amount_label(match, "nl") == dutch
