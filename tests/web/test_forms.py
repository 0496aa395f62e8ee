"""The shared form helpers: numbers typed in English or Dutch notation, and US units."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from mgcoach.errors import InputError, UnknownNameError
from mgcoach.i18n import set_language
from mgcoach.web import forms

LANGS = st.sampled_from(["en", "nl"])
# Amounts as people type them: up to 9 digits before the separator and 3 after.
AMOUNTS = st.decimals(
    min_value=Decimal(0), max_value=Decimal("999999999.999"), places=3, allow_nan=False
)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("0,72", "en", 0.72),
        ("0,72", "nl", 0.72),
        ("0.72", "nl", 0.72),
        ("1.234,5", "en", 1234.5),
        ("1,234.5", "nl", 1234.5),
        ("1.234.567,8", "en", 1234567.8),
        ("1,234", "en", 1234.0),
        ("1,234", "nl", 1.234),
        ("1.234", "nl", 1234.0),
        ("1.234", "en", 1.234),
        ("0,720", "en", 0.72),
        ("12,5", "en", 12.5),
        (" 70 ", "en", 70.0),
        ("-1", "en", -1.0),
        ("−2,5", "nl", -2.5),
        (".5", "en", 0.5),
        ("1.234.567", "en", 1234567.0),
    ],
)
def test_parse_number_rules(text: str, lang: str, value: float) -> None:
    assert forms.parse_number(text, lang) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["", " ", "abc", "1.23,4", "1,2,3", "1.234,5,6", "12 kg", "1e5", "--1", ",", "inf"]
)
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(InputError):
        forms.parse_number(text, "en")


def test_parse_number_error_message_in_dutch() -> None:
    set_language("nl")
    with pytest.raises(InputError) as caught:
        forms.parse_number("veel")
    assert caught.value.params == {"value": "veel"}


@given(AMOUNTS, LANGS)
def test_a_number_written_in_the_page_language_reads_back(value: Decimal, lang: str) -> None:
    """Babel's own notation of the language (grouping and decimals) is read exactly."""
    text = format_decimal(value, format="#,##0.###", locale=lang)
    assert forms.parse_number(text, lang) == pytest.approx(float(value), rel=1e-12, abs=1e-9)


@given(AMOUNTS, LANGS, LANGS)
def test_both_notations_with_grouping_and_decimals_read_the_same(
    value: Decimal, written: str, page: str
) -> None:
    """A number with grouping and decimals means the same on either page: "1.234,5" and
    "1,234.5" are both 1234.5."""
    if value < 1000 or value == value.to_integral_value():
        value += Decimal("1000.5")
    text = format_decimal(value, format="#,##0.0##", locale=written)
    assert forms.parse_number(text, page) == pytest.approx(float(value), rel=1e-12)


@given(
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from([1, 2, 4, 5]),
    st.integers(min_value=0, max_value=10**5),
    st.sampled_from([",", "."]),
    LANGS,
)
def test_a_plain_decimal_reads_with_either_separator(
    whole: int, places: int, fraction: int, separator: str, lang: str
) -> None:
    """Without grouping, a comma or a point with other than three decimals is always the
    decimal separator, whatever the page language ("0,72" is 0.72 on the English page)."""
    digits = str(fraction % 10**places).rjust(places, "0")
    text = f"{whole}{separator}{digits}"
    assert forms.parse_number(text, lang) == pytest.approx(float(f"{whole}.{digits}"))


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_three_decimals_follow_the_page_language(whole: int, fraction: int) -> None:
    """The one ambiguous case: "1,234" groups in English and is a decimal in Dutch."""
    text = f"{whole},{fraction:03d}"
    assert forms.parse_number(text, "en") == whole * 1000 + fraction
    assert forms.parse_number(text, "nl") == pytest.approx(whole + fraction / 1000)


@given(st.floats(min_value=0.5, max_value=1000, allow_nan=False))
def test_pounds_and_kilograms_round_trip(kg: float) -> None:
    pounds = forms.kg_to_weight(kg, "us")
    assert pounds == pytest.approx(kg / 0.45359237)
    assert forms.weight_to_kg(pounds, "us") == pytest.approx(kg, rel=1e-12)
    assert forms.weight_to_kg(kg, "metric") == kg == forms.kg_to_weight(kg, "metric")


@given(st.floats(min_value=20, max_value=300, allow_nan=False))
def test_inches_and_centimetres_round_trip(cm: float) -> None:
    inches = forms.cm_to_height(cm, "us")
    assert inches == pytest.approx(cm / 2.54)
    assert forms.height_to_cm(inches, "us") == pytest.approx(cm, rel=1e-12)


@given(st.floats(min_value=1, max_value=500, allow_nan=False), LANGS)
def test_a_shown_weight_reads_back_within_its_rounding(kg: float, lang: str) -> None:
    """What the form shows (one decimal, the page's separator) reads back within 0.05."""
    text = forms.number_text(kg, 1, lang)
    assert "," not in text if lang == "en" else "." not in text
    assert math.isclose(forms.parse_number(text, lang), kg, abs_tol=0.05 + 1e-9)


def test_units_and_empty_numbers() -> None:
    assert (forms.weight_unit("us"), forms.height_unit("us")) == ("lb", "in")
    assert (forms.weight_unit("metric"), forms.height_unit("metric")) == ("kg", "cm")
    assert forms.optional_number("  ") is None
    assert forms.number_text(None) == ""
    assert forms.number_text(70.25, 1, "nl") == "70,2"


def test_attempt_puts_the_translated_error_on_its_field() -> None:
    set_language("nl")
    errors: dict[str, str] = {}

    def unknown() -> None:
        raise UnknownNameError(
            "Mg Coach does not know the medicine {name}: check the spelling, or use its generic "
            "name.",
            name="x",
        )

    assert forms.attempt(errors, "meds", unknown) is None
    assert forms.attempt(errors, "age", lambda: 3) == 3
    assert errors == {
        "meds": "Mg Coach kent het medicijn x niet: controleer de spelling, of gebruik de stofnaam."
    }
    assert forms.field_of(UnknownNameError("x"), {"UnknownNameError": "meds"}, "age") == "meds"
    assert forms.field_of(InputError("y"), {"UnknownNameError": "meds"}, "age") == "age"
    assert [forms.checked(v) for v in ("1", "on", "", None, "0")] == [True, True] + [False] * 3
