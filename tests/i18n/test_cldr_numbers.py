"""Our numbers (mgcoach.i18n.cldr_numbers) are Babel's, character for character: every pattern
the package writes numbers with, in English and Dutch, over edge values, random floats and
Decimals (Babel is a development dependency: the oracle here, never imported by the package)."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from babel.numbers import format_compact_decimal, format_decimal, format_percent
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcoach.i18n import cldr_numbers
from mgcoach.i18n.cldr_numbers import NumberFormat, fixed_pattern

LANGS = ("en", "nl")
# every pattern a caller passes: pages, CLI, PDF and chart ticks ("#,##0" .. 3 decimals), the
# serum reading (1 to 4 decimals), a form's input value ("0", "0.#" ..), the default.
PATTERNS = (
    *(fixed_pattern(digits) for digits in range(5)),
    *("0" + ("." + "#" * digits if digits else "") for digits in range(4)),
    "#,##0.###",
)
EDGES = [
    0.0, -0.0, 0.5, 1.5, 2.5, -0.5, -2.5, 2.675, 0.125, 0.375, -0.125, 999.5, 999.4999,
    9_999_999.5, 1e-10, 5e-324, 1e15, 1e20, 123_456_789.987654, -1234.5, 3, -7, 0, 10**25,
    2**60, 1.0005, 0.0005, 99_950.0, 99_999.0, 100_000.0, 149_950.0, 999_949.0, 999_950.0,
    999_999.0, 1_000_000.0, 1_049_999.0, 1_050_000.0, 1e9, 1e14, 1.2345e15, -250_000.0,
    float("inf"), float("-inf"), float("nan"),
]  # fmt: skip


def values() -> list[float]:
    rng = random.Random(17)
    found: list[float] = list(EDGES)
    for _ in range(1500):
        value = rng.choice((1, -1)) * 10 ** rng.uniform(-6, 12)
        found += [value, round(value, rng.randint(0, 4)), float(rng.randint(-(10**7), 10**7))]
        found.append(rng.randint(-100_000, 100_000) / 1000 + 0.0005)
    return found


def text_or_error(func: Callable[[Any], object], value: Any) -> str:
    try:
        return str(func(value))
    except Exception as error:  # Babel's own refusal must be ours too
        return type(error).__name__


TABLE = [
    ("en", "#,##0", 1234.5, "1,234"),
    ("en", "#,##0", 1235.5, "1,236"),
    ("nl", "#,##0.0", 1234.25, "1.234,2"),
    ("nl", "#,##0.0", -0.04, "-0,0"),
    ("en", "#,##0.00", 2.675, "2.68"),  # the decimal 2.675, not the binary float below it
    ("en", "0.##", 70.0, "70"),
    ("nl", "0.#", 70.55, "70,6"),
    ("nl", "0.##", 1234567.891, "1234567,89"),
    ("en", "#,##0.###", 0.125, "0.125"),
    ("nl", "#,##0.###", 1234567.0625, "1.234.567,062"),
    ("en", "#,##0", float("inf"), "∞"),
    ("nl", "#,##0", float("-inf"), "-∞"),
    ("en", "#,##0.00", float("nan"), "NaN.00"),
]


@pytest.mark.parametrize(("lang", "pattern", "value", "text"), TABLE)
def test_a_table_of_numbers(lang: str, pattern: str, value: float, text: str) -> None:
    assert NumberFormat(pattern, lang)(value) == text
    assert str(format_decimal(value, format=pattern, locale=lang)) == text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_number_reads_as_babel_writes_it(lang: str, pattern: str) -> None:
    ours = NumberFormat(pattern, lang)
    for value in values():
        assert text_or_error(ours, value) == text_or_error(
            lambda v: format_decimal(v, format=pattern, locale=lang), value
        ), value


@pytest.mark.parametrize("lang", LANGS)
def test_the_default_pattern_and_the_percentage_are_babels(lang: str) -> None:
    for value in values():
        ours = text_or_error(lambda v: cldr_numbers.format_decimal(v, lang), value)
        assert ours == text_or_error(lambda v: format_decimal(v, locale=lang), value), value
        ours = text_or_error(lambda v: cldr_numbers.format_percent(v, lang), value)
        assert ours == text_or_error(lambda v: format_percent(v, locale=lang), value), value


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("digits", [0, 1])
def test_a_compact_number_reads_as_babel_writes_it(lang: str, digits: int) -> None:
    for value in [
        *values(),
        *(x * 10**k for x in (0.99995, 0.9995, 1.0, 1.04999) for k in range(3, 16)),
    ]:
        ours = text_or_error(lambda v: cldr_numbers.format_compact(v, lang, digits), value)
        theirs = text_or_error(
            lambda v: format_compact_decimal(v, locale=lang, fraction_digits=digits), value
        )
        assert ours == theirs, value


def test_a_compact_number_in_both_languages() -> None:
    assert cldr_numbers.format_compact(1_250_000.0, "en", 1) == "1.2M"  # half to even
    assert cldr_numbers.format_compact(1_250_000.0, "nl", 1) == "1,2\u00a0mln."
    assert cldr_numbers.format_compact(999_999.0, "en", 1) == "1M"
    assert cldr_numbers.format_compact(150_000.0, "nl", 1) == "150K"


HALF = Decimal("0.0005")
NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e7, max_value=1e7),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-10**9, max_value=10**9),
    st.integers(min_value=-(10**6), max_value=10**6).map(lambda n: n / 8),  # halves, eighths
    st.integers(min_value=-(10**6), max_value=10**6).map(lambda n: Decimal(n) / 1000 + HALF),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(value=NUMBERS, lang=st.sampled_from(LANGS), pattern=st.sampled_from(PATTERNS))
def test_any_number_reads_as_babel_writes_it(value: Any, lang: str, pattern: str) -> None:
    ours = text_or_error(NumberFormat(pattern, lang), value)
    assert ours == text_or_error(lambda v: format_decimal(v, format=pattern, locale=lang), value)


@settings(max_examples=300, deadline=None)
@given(value=NUMBERS, lang=st.sampled_from(LANGS), digits=st.sampled_from((0, 1)))
def test_any_compact_number_reads_as_babel_writes_it(value: Any, lang: str, digits: int) -> None:
    ours = text_or_error(lambda v: cldr_numbers.format_compact(v, lang, digits), value)
    theirs = text_or_error(
        lambda v: format_compact_decimal(v, locale=lang, fraction_digits=digits), value
    )
    assert ours == theirs


@pytest.mark.parametrize("pattern", ["0.00E0", "@@@", "¤#,##0.00"])
def test_a_pattern_it_cannot_write_is_refused(pattern: str) -> None:
    with pytest.raises(ValueError, match="unsupported number pattern"):
        NumberFormat(pattern, "en")
