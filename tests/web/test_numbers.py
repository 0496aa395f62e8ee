"""The pages' number formats (web/numbers.py) give exactly Babel's text: the same rounding (half
to even, of the number as Python prints it), groups, decimal symbol and sign, in English and
Dutch, for the patterns the pages use and for the numbers Babel says its own way."""

from __future__ import annotations

import random

import pytest
from babel import Locale
from babel.numbers import format_percent, parse_pattern

from mgcoach.web.numbers import NumberFormat

EDGES = [
    0.0, -0.0, 0.5, 1.5, 2.5, -0.5, -2.5, 2.675, 0.125, 999.5, 999.4999, 9_999_999.5, 1e-10,
    5e-324, 1e15, 1e20, 123_456_789.987654, -1234.5, 3, -7, 0, 10**25, 2**60,
    float("inf"), float("-inf"), float("nan"),
]  # fmt: skip


def values() -> list[float]:
    rng = random.Random(17)
    found: list[float] = list(EDGES)
    for _ in range(3000):
        value = rng.choice((1, -1)) * 10 ** rng.uniform(-6, 12)
        found += [value, round(value, rng.randint(0, 4)), float(rng.randint(-(10**7), 10**7))]
        found.append(rng.randint(-100_000, 100_000) / 1000 + 0.0005)
    return found


def text_or_error(func: object, value: float) -> str:
    try:
        return str(func(value))  # type: ignore[operator]
    except Exception as error:  # Babel's own refusal must be ours too
        return type(error).__name__


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("digits", [0, 1, 2, 3])
def test_a_number_reads_as_babel_writes_it(lang: str, digits: int) -> None:
    locale = Locale.parse(lang)
    pattern = parse_pattern("#,##0" + ("." + "0" * digits if digits else ""))
    ours = NumberFormat(pattern, locale)
    for value in values():
        assert text_or_error(ours, value) == text_or_error(
            lambda v: pattern.apply(v, locale), value
        ), value


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_percentage_reads_as_format_percent_writes_it(lang: str) -> None:
    locale = Locale.parse(lang)
    ours = NumberFormat(parse_pattern(locale.percent_formats[None]), locale)
    for value in values():
        assert text_or_error(ours, value) == text_or_error(
            lambda v: format_percent(v, locale=lang), value
        ), value


def test_other_patterns_are_left_to_babel() -> None:
    locale = Locale.parse("nl")
    for text in ("#,##0.0#", "0.###E0", "@@@", "#,##,##0", "¤#,##0.00"):
        pattern = parse_pattern(text)
        for value in (1234567.891, -0.5, 12.0):
            assert NumberFormat(pattern, locale)(value) == pattern.apply(value, locale)
