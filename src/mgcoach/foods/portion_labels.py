"""How a portion is shown: its quantity as a fraction ("1/2", "1 1/3") or a decimal, and its
words in English (plural above one) or Dutch."""

from __future__ import annotations

import re
from functools import cache

from .amount_text import PortionWords, portion_words
from .model import Portion

_THIRDS_TOLERANCE = 0.004  # USDA writes a third as .33 or .333, two thirds as .67


def portion_label(portion: Portion, lang: str) -> str:
    """A portion for display: "1 cup, chopped"; in Dutch "1 kopje, gehakt"."""
    words = shown_words(portion.unit, portion.amount, lang, portion.unit_nl)
    return f"{format_quantity(portion.amount, lang)} {words}"


def format_quantity(value: float, lang: str = "en") -> str:
    """0.5 -> "1/2", 1.5 -> "1 1/2", 0.333 -> "1/3", else up to two decimals (comma in Dutch)."""
    whole = int(value)
    part = value - whole
    for denominator in (2, 3, 4, 8):
        numerator = round(part * denominator)
        tolerance = _THIRDS_TOLERANCE if denominator == 3 else 1e-6
        if 0 < numerator < denominator and abs(part - numerator / denominator) <= tolerance:
            fraction = f"{numerator}/{denominator}"
            return f"{whole} {fraction}" if whole else fraction
    text = f"{value:.2f}" if value >= 0.01 else f"{value:.2g}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


def shown_words(words: str, quantity: float, lang: str, words_nl: str | None) -> str:
    """A portion's words for display: plural above one, Dutch words for ``lang`` "nl"."""
    if lang == "nl" and words_nl:
        return words_nl
    table = portion_words()
    found = table.unit_pattern.match(words)
    head, tail = "", words
    if found is not None:
        unit = table.units[table.typed[" ".join(found.group(0).lower().split())]]
        keep = lang != "nl" and quantity <= 1
        head = found.group(0) if keep else unit.shown(lang, quantity)
        tail = words[found.end() :]
    if lang != "nl":
        return head + tail
    pattern, dutch = _english_to_dutch(table)
    return head + pattern.sub(lambda m: dutch[" ".join(m.group(0).lower().split())], tail)


@cache
def _english_to_dutch(table: PortionWords) -> tuple[re.Pattern[str], dict[str, str]]:
    """Detail and measure words in English -> Dutch, and a pattern finding them in a text."""
    dutch: dict[str, str] = {}
    for detail in table.details:
        dutch.setdefault(detail.en, detail.nl)
    for unit in table.units.values():
        for english, shown in zip(unit.en, unit.nl, strict=True):
            if english.lower() != shown.lower():
                dutch.setdefault(english.lower(), shown)
    ordered = sorted(dutch, key=len, reverse=True)
    choices = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
    pattern = re.compile(rf"(?<![\w-])(?:{choices})(?![\w-])", re.IGNORECASE)
    return pattern, dutch
