"""Reading typed amounts: numbers in every form, English and Dutch words, and every refusal."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcoach.errors import KnowledgeError, MgCoachError, PortionError
from mgcoach.foods.amount_text import (
    MAX_QUANTITY,
    UnitKind,
    load_portion_words,
    measure_words,
    normalise,
    parse_amount,
    portion_words,
    read_measure,
    singular,
)
from mgcoach.foods.portions import format_quantity

PARSED = [
    pytest.param("1/2 cup", 0.5, "cup", "", id="fraction"),
    pytest.param("1,5 l", 1.5, "l", "", id="dutch-decimal-comma"),
    pytest.param("1.5 oz", 1.5, "oz", "", id="decimal-point"),
    pytest.param(".5 cup", 0.5, "cup", "", id="usda-leading-point"),
    pytest.param("0.333 cup", 0.333, "cup", "", id="usda-third"),
    pytest.param("2 tbsp", 2.0, "tbsp", "", id="tbsp"),
    pytest.param("2 Tablespoons", 2.0, "tbsp", "", id="tablespoons-capital"),
    pytest.param("30 g", 30.0, "g", "", id="grams"),
    pytest.param("30g", 30.0, "g", "", id="grams-glued"),
    pytest.param("30 grams", 30.0, "g", "", id="grams-word"),
    pytest.param("1,5l", 1.5, "l", "", id="litre-glued-comma"),
    pytest.param("250 ml", 250.0, "ml", "", id="ml"),
    pytest.param("2 dl", 2.0, "dl", "", id="dl"),
    pytest.param("1 medium", 1.0, "medium", "", id="medium"),
    pytest.param("1 middelgrote", 1.0, "medium", "", id="dutch-medium"),
    pytest.param("1 large", 1.0, "large", "", id="large"),
    pytest.param("1 extra large", 1.0, "extra large", "", id="extra-large-is-not-large"),
    pytest.param("1 grote", 1.0, "large", "", id="dutch-large"),
    pytest.param("1 kleine", 1.0, "small", "", id="dutch-small"),
    pytest.param("2 slices", 2.0, "slice", "", id="slices"),
    pytest.param("2 sneetjes", 2.0, "slice", "", id="dutch-sneetjes"),
    pytest.param("3 plakjes", 3.0, "slice", "", id="dutch-plakjes"),
    pytest.param("2 boterhammen", 2.0, "slice", "", id="dutch-boterhammen"),
    pytest.param("1 kopje", 1.0, "kopje", "", id="dutch-kopje"),
    pytest.param("1 beker", 1.0, "mug", "", id="dutch-beker-is-a-mug"),
    pytest.param("2 ons", 2.0, "ons", "", id="dutch-ons"),
    pytest.param("1 pond", 1.0, "pond", "", id="dutch-pond"),
    pytest.param("2 eetlepels", 2.0, "tbsp", "", id="dutch-eetlepels"),
    pytest.param("1 el", 1.0, "tbsp", "", id="dutch-el"),
    pytest.param("1 tl", 1.0, "tsp", "", id="dutch-tl"),
    pytest.param("3 stuks", 3.0, "piece", "", id="dutch-stuks"),
    pytest.param("1 portie", 1.0, "serving", "", id="dutch-portie"),
    pytest.param("1 zakje", 1.0, "packet", "", id="dutch-zakje"),
    pytest.param("½ cup", 0.5, "cup", "", id="unicode-half"),
    pytest.param("¾ cup", 0.75, "cup", "", id="unicode-three-quarters"),
    pytest.param("⅓ cup", 1 / 3, "cup", "", id="unicode-third"),
    pytest.param("⅛ tsp", 0.125, "tsp", "", id="unicode-eighth"),
    pytest.param("1½ cup", 1.5, "cup", "", id="unicode-mixed-glued"),
    pytest.param("1 ½ cups", 1.5, "cup", "", id="unicode-mixed-spaced"),
    pytest.param("1 1/2 cups", 1.5, "cup", "", id="mixed-fraction"),
    pytest.param("1-1/2 cups", 1.5, "cup", "", id="mixed-fraction-hyphen"),
    pytest.param("1 cup, chopped", 1.0, "cup", "chopped", id="detail-after-comma"),
    pytest.param("1 cup sliced", 1.0, "cup", "sliced", id="detail-no-comma"),
    pytest.param("1 cup of milk", 1.0, "cup", "milk", id="filler-of"),
    pytest.param("1 kopje gehakt", 1.0, "kopje", "gehakt", id="dutch-detail"),
    pytest.param("1 oz (23 whole kernels)", 1.0, "oz", "(23 whole kernels)", id="usda-oz-words"),
    pytest.param("1 fl oz", 1.0, "fl oz", "", id="fl-oz"),
    pytest.param("1 fl. oz", 1.0, "fl oz", "", id="fl-dot-oz"),
    pytest.param("1 NLEA serving", 1.0, "nlea serving", "", id="nlea"),
    pytest.param("a cup", 1.0, "cup", "", id="word-a"),
    pytest.param("an oz", 1.0, "oz", "", id="word-an"),
    pytest.param("one slice", 1.0, "slice", "", id="word-one"),
    pytest.param("half a cup", 0.5, "cup", "", id="word-half-a"),
    pytest.param("a half cup", 0.5, "cup", "", id="word-a-half"),
    pytest.param("een halve kop", 0.5, "kopje", "", id="dutch-een-halve-kop"),
    pytest.param("een kopje", 1.0, "kopje", "", id="dutch-een"),
    pytest.param("anderhalf kopje", 1.5, "kopje", "", id="dutch-anderhalf"),
    pytest.param("twee sneetjes", 2.0, "slice", "", id="dutch-twee"),
    pytest.param("2", 2.0, None, "", id="bare-number"),
    pytest.param("half", 0.5, None, "", id="bare-half"),
    pytest.param("2 drumsticks", 2.0, "drumstick", "", id="unlisted-word-singular"),
    pytest.param("  2   SLICES  ", 2.0, "slice", "", id="spacing-and-case"),
]


@pytest.mark.parametrize(("text", "quantity", "unit", "detail"), PARSED)
def test_parse_amount(text: str, quantity: float, unit: str | None, detail: str) -> None:
    amount = parse_amount(text)
    assert amount.text == text
    assert amount.quantity == pytest.approx(quantity)
    assert amount.unit == unit
    assert amount.detail == detail


REFUSED = [
    pytest.param("", "Type an amount, for example 30 g or 1/2 cup.", id="empty"),
    pytest.param("   ", "Type an amount, for example 30 g or 1/2 cup.", id="blank"),
    pytest.param(
        "cup",
        "{text} is not an amount. Start with a number, for example 30 g or 1/2 cup.",
        id="no-number",
    ),
    pytest.param(
        "1/0 cup",
        "{text} is not an amount. Start with a number, for example 30 g or 1/2 cup.",
        id="zero-denominator",
    ),
    pytest.param(
        "1-2 cups",
        "{text} is not an amount. Start with a number, for example 30 g or 1/2 cup.",
        id="range",
    ),
    pytest.param(
        "2 3",
        "{text} is not an amount. Start with a number, for example 30 g or 1/2 cup.",
        id="two-numbers",
    ),
    pytest.param("0 g", "The amount {text} must be more than zero.", id="zero"),
    pytest.param("0,0 l", "The amount {text} must be more than zero.", id="zero-comma"),
    pytest.param("-1 cup", "The amount {text} must be more than zero.", id="negative"),
    pytest.param("−1 cup", "The amount {text} must be more than zero.", id="unicode-minus"),
    pytest.param(
        "200000 mg",
        "{text} is too much: Mg Coach accepts at most {limit} of a measure and {kg} kg.",
        id="absurd-quantity",
    ),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_refused_amounts(text: str, message: str) -> None:
    with pytest.raises(PortionError) as caught:
        parse_amount(text)
    assert caught.value.message == message
    if "{text}" in message:
        assert caught.value.params["text"] == text


def test_largest_quantity_is_accepted() -> None:
    assert parse_amount(f"{MAX_QUANTITY} mg").quantity == MAX_QUANTITY


MEASURES = [
    pytest.param("cup, chopped", "cup", "chopped", id="cup-chopped"),
    pytest.param("cup chopped or diced", "cup", "chopped or diced", id="cup-no-comma"),
    pytest.param("cup(not packed)", "cup", "(not packed)", id="cup-glued-bracket"),
    pytest.param('medium (7" to 7-7/8" long)', "medium", '(7" to 7-7/8" long)', id="medium"),
    pytest.param('extra large (9" or longer)', "extra large", '(9" or longer)', id="extra-large"),
    pytest.param('large (8" to 8-7/8" long)', "large", '(8" to 8-7/8" long)', id="large"),
    pytest.param("fl oz", "fl oz", "", id="fl-oz-not-oz"),
    pytest.param("oz (23 whole kernels)", "oz", "(23 whole kernels)", id="oz-kernels"),
    pytest.param("nlea serving", "nlea serving", "", id="nlea"),
    pytest.param("serving (2 biscuits)", "serving", "(2 biscuits)", id="serving"),
    pytest.param("package (10 oz)", "package", "(10 oz)", id="package"),
    pytest.param("slice, large", "slice", "large", id="slice-large"),
    pytest.param("tablespoon", "tbsp", "", id="tablespoon"),
    pytest.param("cupcake", "cupcake", "", id="cupcake-is-not-cup"),
    pytest.param("grape", "grape", "", id="grape-is-not-g"),
    pytest.param("leaves", "leaf", "", id="leaves"),
    pytest.param("kid's meal", "kid's", "meal", id="apostrophe"),
]


@pytest.mark.parametrize(("words", "unit", "detail"), MEASURES)
def test_read_measure(words: str, unit: str, detail: str) -> None:
    assert read_measure(normalise(words)) == (unit, detail)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("drumsticks", "drumstick", id="s"),
        pytest.param("anchovies", "anchovy", id="ies"),
        pytest.param("peaches", "peach", id="ches"),
        pytest.param("hummus", "hummus", id="us-kept"),
        pytest.param("glass", "glass", id="ss-kept"),
        pytest.param("pea", "pea", id="singular-kept"),
    ],
)
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


def test_measure_words_are_the_words_after_the_number() -> None:
    assert measure_words("1 Cup,  Whole") == "cup, whole"
    assert measure_words("½cup") == "cup"
    assert measure_words("cup") is None


def test_normalise_folds_fractions_and_spacing() -> None:
    assert normalise("1½\u00a0Cups") == "1 1/2 cups"
    assert normalise(normalise("1½\u00a0Cups")) == "1 1/2 cups"


# --- the word file --------------------------------------------------------------------------

DUTCH_WORDS = [
    pytest.param(word, unit, id=word)
    for word, unit in [
        ("snee", "slice"),
        ("sneetje", "slice"),
        ("plak", "slice"),
        ("plakje", "slice"),
        ("middelgroot", "medium"),
        ("middel", "medium"),
        ("groot", "large"),
        ("grote", "large"),
        ("klein", "small"),
        ("kleine", "small"),
        ("stuk", "piece"),
        ("stuks", "piece"),
        ("stukje", "piece"),
        ("portie", "serving"),
        ("zakje", "packet"),
        ("theelepel", "tsp"),
        ("eetlepel", "tbsp"),
        ("kopje", "kopje"),
        ("kop", "kopje"),
        ("ons", "ons"),
        ("pond", "pond"),
    ]
]


@pytest.mark.parametrize(("word", "unit"), DUTCH_WORDS)
def test_dutch_words(word: str, unit: str) -> None:
    assert portion_words().typed[word] == unit


def test_dutch_cups_are_not_volumes() -> None:
    """A kopje has no fixed volume: it only selects the food's cup portion by name; a beker is
    a mug, a household measure of drinks (household.toml)."""
    units = portion_words().units
    assert units["kopje"].kind is UnitKind.PORTION
    assert units["kopje"].pint is None
    assert units["kopje"].matches == ("cup",)
    assert units["mug"].kind is UnitKind.PORTION
    assert portion_words().typed["beker"] == "mug"


def test_mass_and_volume_units_all_convert() -> None:
    kinds = {unit.name: unit.kind for unit in portion_words().units.values()}
    assert {n for n, k in kinds.items() if k is UnitKind.MASS} == {
        "mg", "g", "kg", "oz", "lb", "ons", "pond"
    }  # fmt: skip
    assert {n for n, k in kinds.items() if k is UnitKind.VOLUME} == {
        "ml", "cl", "dl", "l", "tsp", "tbsp", "cup", "fl oz", "pint", "quart"
    }  # fmt: skip


GOOD_UNIT = """
number = [{ word = "a", value = 1, source = "MGCOACH" }]
detail = [{ en = "chopped", nl = "gehakt", typed_nl = [], source = "MGCOACH" }]
[filler]
words = ["of"]
source = "MGCOACH"
[water]
grams_per_ml = 1.0
source = "MGCOACH"
"""


@pytest.mark.parametrize(
    ("unit", "error"),
    [
        pytest.param(
            'name = "g"\nkind = "mass"\npint = "gram"\nen = ["g", "g"]\nnl = ["g", "g"]\n'
            'words = ["g"]\nsource = "WIKI"',
            "unknown source 'WIKI'",
            id="unknown-source",
        ),
        pytest.param(
            'name = "g"\nkind = "weight"\npint = "gram"\nen = ["g", "g"]\nnl = ["g", "g"]\n'
            'words = ["g"]\nsource = "MGCOACH"',
            "unknown kind 'weight'",
            id="unknown-kind",
        ),
        pytest.param(
            'name = "cup"\nkind = "volume"\npint = "gram"\nen = ["cup", "cups"]\n'
            'nl = ["kopje", "kopjes"]\nwords = ["cup"]\nsource = "MGCOACH"',
            "pint unit 'gram' is not a volume",
            id="mass-as-volume",
        ),
        pytest.param(
            'name = "ons"\nkind = "mass"\npint = "onsje"\nen = ["ons", "ons"]\n'
            'nl = ["ons", "ons"]\nwords = ["ons"]\nsource = "MGCOACH"',
            "pint unit 'onsje' is not a mass",
            id="undefined-pint-unit",
        ),
        pytest.param(
            'name = "slice"\nkind = "portion"\npint = "gram"\nen = ["slice", "slices"]\n'
            'nl = ["plak", "plakken"]\nwords = ["slice"]\nsource = "MGCOACH"',
            "a portion word has no pint unit",
            id="portion-with-pint",
        ),
        pytest.param(
            'name = "slice"\nkind = "portion"\nen = ["slice", "slices"]\n'
            'nl = ["plak", "plakken"]\nwords = ["Slice"]\nsource = "MGCOACH"',
            "typed words are lower case with single spaces",
            id="upper-case-word",
        ),
        pytest.param(
            'name = "slice"\nkind = "portion"\nen = ["slice"]\n'
            'nl = ["plak", "plakken"]\nwords = ["slice"]\nsource = "MGCOACH"',
            "en and nl need [one, more than one]",
            id="one-form",
        ),
        pytest.param(
            'name = "slice"\nkind = "portion"\nen = ["slice", "slices"]\n'
            'nl = ["plak", "plakken"]\nwords = ["slice"]\nsource = "MGCOACH"\n'
            '[[unit]]\nname = "piece"\nkind = "portion"\nen = ["piece", "pieces"]\n'
            'nl = ["stuk", "stuks"]\nwords = ["slice"]\nsource = "MGCOACH"',
            "the word 'slice' also belongs to 'slice'",
            id="word-twice",
        ),
        pytest.param('name = "slice"\nsource = "MGCOACH"', "KeyError: 'kind'", id="missing-field"),
    ],
)
def test_bad_word_file_fails_at_load(unit: str, error: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_portion_words(GOOD_UNIT + "[[unit]]\n" + unit)
    assert caught.value.params["error"] == error


def test_good_word_file_loads() -> None:
    unit = (
        'name = "g"\nkind = "mass"\npint = "gram"\nen = ["g", "g"]\nnl = ["g", "g"]\n'
        'words = ["g", "gram"]\nsource = "MGCOACH"'
    )
    words = load_portion_words(GOOD_UNIT + "[[unit]]\n" + unit)
    assert words.typed == {"g": "g", "gram": "g"}
    assert words.numbers == {"a": 1.0}


# --- properties ------------------------------------------------------------------------------

UNIT_WORDS = st.sampled_from(
    [("g", "g"), ("gram", "g"), ("cup", "cup"), ("cups", "cup"), ("tbsp", "tbsp"),
     ("l", "l"), ("ml", "ml"), ("oz", "oz"), ("fl oz", "fl oz"), ("kopje", "kopje"),
     ("sneetjes", "slice"), ("medium", "medium"), ("ons", "ons")]
)  # fmt: skip


@st.composite
def fractions_typed(draw: st.DrawFn) -> tuple[str, Fraction]:
    """A positive number written as a fraction, a mixed number or a decimal (point or comma)."""
    denominator = draw(st.integers(1, 16))
    numerator = draw(st.integers(1, 4 * denominator))
    whole = draw(st.integers(0, 999))
    form = draw(st.sampled_from(["fraction", "mixed", "point", "comma"]))
    if form == "fraction":
        return f"{numerator}/{denominator}", Fraction(numerator, denominator)
    if form == "mixed" and numerator < denominator:
        return f"{whole + 1} {numerator}/{denominator}", whole + 1 + Fraction(
            numerator, denominator
        )
    cents = draw(st.integers(1, 99_999_999))
    value = Fraction(cents, 1000)
    text = f"{cents // 1000}.{cents % 1000:03d}"
    return (text.replace(".", ",") if form == "comma" else text), value


@given(number=fractions_typed(), unit=UNIT_WORDS, glued=st.booleans())
def test_parse_round_trips_written_numbers(
    number: tuple[str, Fraction], unit: tuple[str, str], glued: bool
) -> None:
    written, value = number
    amount = parse_amount(written + ("" if glued else " ") + unit[0])
    assert amount.quantity == pytest.approx(float(value), rel=1e-12)
    assert amount.unit == unit[1]
    assert amount.detail == ""


@given(st.floats(min_value=0.01, max_value=MAX_QUANTITY), st.sampled_from(["en", "nl"]))
def test_formatted_quantities_read_back(value: float, lang: str) -> None:
    """What portion labels show can be typed back (thirds and decimals are rounded)."""
    amount = parse_amount(format_quantity(value, lang) + " cup")
    assert amount.quantity == pytest.approx(value, abs=0.005, rel=1e-3)


@given(st.text(max_size=40))
def test_any_text_parses_or_is_a_portion_error(text: str) -> None:
    try:
        amount = parse_amount(text)
    except MgCoachError as error:
        assert isinstance(error, PortionError)
    else:
        assert 0 < amount.quantity <= MAX_QUANTITY
