"""Numbers in English or Dutch notation, exactly as Babel's ``NumberPattern.apply`` writes them.

The value is read as ``Decimal(str(value))``, scaled (×100 for a percent pattern), rounded
half to even to the pattern's decimals by the decimal context (so a number with more digits
than the context holds raises ``InvalidOperation``, as Babel does), padded and grouped, and
signed with the pattern's prefix and suffix; infinity is the locale's symbol and NaN "NaN".
A ``NumberFormat`` is one pattern in one language, parsed once (a page formats hundreds of
numbers). Patterns with exponents, significant digits or currencies are refused.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from .cldr import Locale, locale

_NUMBER = re.compile(
    r"(?P<prefix>(?:[^'0-9@#.,]|'[^']*')*)"
    r"(?P<number>[0-9@#.,E+]*)"
    r"(?P<suffix>.*)"
)
_QUOTED = re.compile(r"'([^']*)'")
NO_GROUPS = 1000  # Babel's group size of a pattern without a ","


def _unquoted(text: str) -> str:
    return _QUOTED.sub(lambda match: match.group(1) or "'", text)


def _precision(part: str) -> tuple[int, int]:
    """The least and most digits of a pattern's integer or fraction part."""
    low = high = 0
    for char in part:
        if char == "0":
            low += 1
            high += 1
        elif char == "#":
            high += 1
        elif char != ",":
            break
    return low, high


def _grouping(integer: str) -> tuple[int, int]:
    first = integer.rfind(",")
    if first == -1:
        return NO_GROUPS, NO_GROUPS
    first = len(integer) - first - 1
    second = integer[: -first - 1].rfind(",")
    if second == -1:
        return first, first
    return first, len(integer) - first - second - 2


class NumberFormat:
    """One number pattern ("#,##0.0", "0.##", "#,##0%") in one language: call it with a number."""

    __slots__ = (
        "_decimal", "_fast", "_group", "_grouping", "_has_number", "_high", "_infinity",
        "_int_min", "_low", "_quantum", "_scale", "_signs", "_symbols", "pattern",
    )  # fmt: skip

    def __init__(self, pattern: str, lang: str) -> None:
        self.pattern = pattern
        positive, _semi, negative = pattern.partition(";")
        prefix, number, suffix = self._parts(positive)
        if negative:
            negative_prefix, _number, negative_suffix = self._parts(negative)
        else:
            negative_prefix, negative_suffix = "-" + prefix, suffix
        if "E" in number or "@" in number or "¤" in pattern:
            raise ValueError(f"unsupported number pattern {pattern!r}")
        integer, _dot, fraction = number.rpartition(".") if "." in number else (number, "", "")
        self._int_min = _precision(integer)[0]
        self._low, self._high = _precision(fraction)
        self._grouping = _grouping(integer)
        self._quantum = Decimal(10) ** -self._high
        affixes = prefix + negative_prefix + suffix + negative_suffix
        self._scale = 2 if "%" in affixes else 3 if "‰" in affixes else 0
        self._signs = (
            (_unquoted(prefix), _unquoted(suffix)),
            (_unquoted(negative_prefix), _unquoted(negative_suffix)),
        )
        self._has_number = number != ""
        symbols: Locale = locale(lang)
        self._decimal, self._group = symbols.decimal, symbols.group
        self._infinity = symbols.infinity
        self._symbols = str.maketrans({",": symbols.group, ".": symbols.decimal})
        self._fast = self._grouping == (3, 3) and self._int_min <= 1 and self._low == self._high

    @staticmethod
    def _parts(pattern: str) -> tuple[str, str, str]:
        match = _NUMBER.search(pattern)
        if match is None:  # the suffix takes anything: never None, but typed so
            raise ValueError(f"invalid number pattern {pattern!r}")
        return match.group("prefix"), match.group("number"), match.group("suffix")

    def __call__(self, value: float | Decimal | str, *, quantize: bool = True) -> str:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        if self._scale:  # scaleb(0) only rounds to the context, as normalize() does below
            number = number.scaleb(self._scale)
        prefix, suffix = self._signs[number.is_signed()]
        number = abs(number).normalize()
        if self._fast and quantize and number.is_finite():
            text = format(number.quantize(self._quantum), ",f").translate(self._symbols)
            return f"{prefix}{text}{suffix}"
        return prefix + self._body(number, quantize) + suffix

    def _body(self, number: Decimal, quantize: bool) -> str:
        """The digits of ``number`` (positive), Babel's way for any supported pattern."""
        if not self._has_number:
            return ""
        if number.is_infinite():
            return self._infinity
        high = self._high
        if not quantize:  # as many decimals as the number has, at least the pattern's
            exponent = number.as_tuple().exponent
            high = max(high, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
        rounded = number.quantize(self._quantum if high == self._high else Decimal(10) ** -high)
        whole, _dot, fraction = f"{rounded:f}".partition(".")
        return self._whole(whole) + self._fraction(fraction or "0", high)

    def _whole(self, digits: str) -> str:
        if len(digits) < self._int_min:
            digits = "0" * (self._int_min - len(digits)) + digits
        size, later = self._grouping
        groups = ""
        while len(digits) > size:
            groups = self._group + digits[-size:] + groups
            digits = digits[:-size]
            size = later
        return digits + groups

    def _fraction(self, digits: str, high: int) -> str:
        low = self._low
        if len(digits) < low:
            digits += "0" * (low - len(digits))
        if high == 0 or (low == 0 and int(digits) == 0):
            return ""
        while len(digits) > low and digits[-1] == "0":
            digits = digits[:-1]
        return self._decimal + digits


@cache
def number_format(pattern: str, lang: str) -> NumberFormat:
    """``pattern`` in ``lang``, parsed once."""
    return NumberFormat(pattern, lang)


def fixed_pattern(digits: int) -> str:
    """The grouped pattern with exactly ``digits`` decimals: "#,##0", "#,##0.0", ..."""
    return "#,##0" + ("." + "0" * digits if digits else "")


def format_decimal(value: float | Decimal | str, lang: str, pattern: str | None = None) -> str:
    """Babel's ``format_decimal``: ``pattern`` or the language's own ("#,##0.###")."""
    return number_format(pattern or locale(lang).decimal_pattern, lang)(value)


def format_percent(value: float | Decimal, lang: str) -> str:
    """Babel's ``format_percent`` with the language's pattern (0.25 -> "25%")."""
    return number_format(locale(lang).percent_pattern, lang)(value)


def format_compact(value: float | Decimal, lang: str, fraction_digits: int = 0) -> str:
    """Babel's ``format_compact_decimal`` (short): 1234567 -> "1.2M" or "1,2 mln."."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    number, pattern = _compact(number, locale(lang), fraction_digits)
    return number_format(pattern or locale(lang).decimal_pattern, lang)(number, quantize=False)


def _compact(number: Decimal, data: Locale, digits: int) -> tuple[Decimal, str | None]:
    """Babel's ``_get_compact_format``: the number divided for its magnitude's pattern."""
    if not number.is_finite():
        return number, None
    others = data.compact["other"]
    magnitudes = sorted(others, reverse=True)
    for index, magnitude in enumerate(magnitudes):
        if abs(number) < magnitude:
            continue
        pattern = others[magnitude]
        if pattern == "0":
            return number, pattern
        divisor = magnitude // (10 ** (pattern.count("0") - 1))
        rounded = round(number / divisor, digits)
        if index > 0 and abs(rounded) * divisor >= magnitudes[index - 1]:
            bumped = Decimal(magnitudes[index - 1]).copy_sign(number)
            return _compact(bumped, data, digits)
        form = "one" if abs(rounded).normalize() == 1 else "other"  # PLURAL_ONE: the integer 1
        chosen = data.compact.get(form, others)
        return rounded, chosen.get(magnitude, others[magnitude])
    return number, None
