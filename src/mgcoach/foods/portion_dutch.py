"""The Dutch of a portion's detail words ("chopped or diced" -> "gehakt of in blokjes"), from the
``detail`` and measure words of ``data/portion_words.toml``. A part of the details that has a
word in no list, or a size in inches, is left out: a Dutch label shows no English."""

from __future__ import annotations

import re
from functools import cache

from .amount_text import PortionWords, UnitKind, portion_words

_LETTER = re.compile(r"[^\W\d_]")


def dutch_details(tail: str) -> str:
    """The Dutch of the words after a portion's measure, its parts joined by ", "; "" when no
    part can be said in Dutch."""
    pattern, dutch = _english_to_dutch(portion_words())
    shown: list[str] = []
    for part in re.split(r"[,;]", tail):
        if '"' in part or not part.strip():
            continue
        words: list[str] = []
        start, english = 0, False
        for found in pattern.finditer(part):
            gap = part[start : found.start()]
            english = english or bool(_LETTER.search(gap))
            words += [gap, dutch[" ".join(found.group(0).lower().split())]]
            start = found.end()
        if english or _LETTER.search(part[start:]):
            continue  # a word no list says in Dutch
        words.append(part[start:])
        shown.append(" ".join("".join(words).split()))
    return ", ".join(dict.fromkeys(shown))


@cache
def _english_to_dutch(table: PortionWords) -> tuple[re.Pattern[str], dict[str, str]]:
    """Detail and portion words in English -> Dutch, and a pattern finding them in a text."""
    dutch: dict[str, str] = {}
    for detail in table.details:
        dutch.setdefault(detail.en.lower(), detail.nl)
    for unit in table.units.values():
        for english, shown in zip(unit.en, unit.nl, strict=True):
            same = english.lower() == shown.lower()
            if not same or unit.kind is UnitKind.PORTION:
                dutch.setdefault(english.lower(), shown)
    ordered = sorted(dutch, key=len, reverse=True)
    choices = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
    pattern = re.compile(rf"(?<![\w-])(?:{choices})(?![\w-])", re.IGNORECASE)
    return pattern, dutch
