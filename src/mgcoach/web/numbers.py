"""Babel's number patterns, made ready once per locale and pattern (issue 19: a page formats
hundreds of numbers, and ``format_percent`` parsed its locale on every call).

``NumberFormat`` gives exactly what ``NumberPattern.apply`` gives: the value read as
``Decimal(str(value))``, scaled, rounded half to even to the pattern's decimals, grouped and
signed. A plain pattern (fixed decimals, groups of three, no exponent, significant digits,
currency or quoted text) of a finite float or int takes the short way below, with the
locale's symbols looked up once; anything else goes to Babel itself.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from babel import Locale
from babel.numbers import NumberPattern, get_decimal_symbol, get_group_symbol

NUMBERING = "latn"  # Babel's default numbering system


class NumberFormat:
    """One pattern in one locale: call it with a number for its text."""

    __slots__ = ("_locale", "_pattern", "_plain", "_quantum", "_signs", "_symbols")

    def __init__(self, pattern: NumberPattern, locale: Locale) -> None:
        self._pattern = pattern
        self._locale = locale
        low, high = pattern.frac_prec
        self._plain = (
            low == high
            and pattern.grouping == (3, 3)
            and pattern.int_prec[0] == 1
            and not pattern.exp_prec
            and "@" not in pattern.pattern
            and pattern.number_pattern != ""
            and not any("'" in part or "¤" in part for part in (*pattern.prefix, *pattern.suffix))
        )
        self._quantum = Decimal(10) ** -high
        group = get_group_symbol(locale, numbering_system=NUMBERING)
        decimal = get_decimal_symbol(locale, numbering_system=NUMBERING)
        self._symbols = str.maketrans({",": group, ".": decimal})
        self._signs = tuple(zip(pattern.prefix, pattern.suffix, strict=True))

    def __call__(self, value: float) -> str:
        kind = type(value)
        if not self._plain or (kind is not float and kind is not int):
            return str(self._pattern.apply(value, self._locale))
        if kind is float and not math.isfinite(value):
            return str(self._pattern.apply(value, self._locale))
        number = Decimal(str(value)).scaleb(self._pattern.scale)
        try:
            rounded = abs(number).normalize().quantize(self._quantum)
        except InvalidOperation:  # more digits than the context holds: as Babel says it
            return str(self._pattern.apply(value, self._locale))
        prefix, suffix = self._signs[int(number.is_signed())]
        return f"{prefix}{format(rounded, ',f').translate(self._symbols)}{suffix}"
