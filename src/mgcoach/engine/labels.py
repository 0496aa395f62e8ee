"""Reading a supplement label line into an amount, its unit and what the amount is.

A label's number is either the magnesium itself (elemental) or the whole compound; the reference
(magnesium-facts.md §3.2) says: when the wording does not tell, ask. So a line is one of:

- clear, elemental: "Magnesium (as bisglycinate) 200 mg", "Magnesium 200 mg (als citraat)",
  "..., of which magnesium 160 mg", "waarvan magnesium 200 mg", "providing 100 mg magnesium",
  "elemental magnesium 200 mg", "... = 97.2 mg (4 mmol) Mg", a bare "Magnesium 200 mg", and
  every amount in mmol or mEq;
- ambiguous: a compound named with a number and nothing more ("Magnesium glycinate 500 mg",
  "500 mg magnesium oxide"): 500 mg may be the compound or, as on most glycinate labels, the
  magnesium. The caller gets both readings (engine/elemental.py) and must choose.

Numbers may use a decimal comma (0,5 g) or thousands separators (1,000 mg / 1.000 mg).
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Literal

from ..errors import LabelParseError
from ..frozen import frozen
from ..i18n import N_
from ..units import AmountUnit, amount_to_mg

Basis = Literal["compound", "elemental"]
BASES: tuple[Basis, ...] = ("compound", "elemental")

_NUMBER = r"(?P<amount>\d+(?:[.,]\d+)*)"
_UNIT = r"(?P<unit>mg|milligrams?|milligram|g|grams?|gram|mmol|meq)\b\.?"
_DOSE = rf"{_NUMBER}\s*{_UNIT}"
_AS = r"(?:as|als|from|uit|in the form of|in de vorm van)"
_ELEMENTAL = r"(?:elemental|elementair|elementaire)"
_MAGNESIUM = rf"(?:{_ELEMENTAL}\s+)?magnesium"
_OF = r"(?:of\s+|aan\s+)?"
_OF_WHICH = r"(?:of which|waarvan|whereof)"
_PROVIDING = (
    r"(?:providing|provides|supplying|supplies|delivering|delivers|yielding|yields"
    r"|levert|leveren|goed voor)"
)
_EQUALS = (
    r"(?:=|≙|equivalent to|equal to|equals|corresponding to|overeenkomend met|komt overeen met"
    r"|overeenkomt met|gelijk aan)"
)
_PREFIX = r"^(?P<compound>.*?)[\s,;:(]*"
# After "... 100 mg magnesium": the end of the phrase, so "= 777 mg magnesium glycerophosphate"
# (a compound mass) is not read as magnesium.
_END = r"(?=\s*(?:$|[,;.()\[\]]|per\b|each\b|daily\b|a day\b|elke?\b|iedere?\b))"
# Wordings that say the number is the magnesium itself; the rest of the line (``compound``)
# may name the salt. The patterns are compiled on first use (about 30 ms): most commands that
# import this module read no label.
_ELEMENTAL_PATTERNS = (
    # magnesium citrate 1000 mg, of which magnesium 160 mg / waarvan magnesium 200 mg
    rf"{_PREFIX}\b{_OF_WHICH}\s+{_MAGNESIUM}\s*[:=]?\s*{_DOSE}",
    # ..., of which 160 mg magnesium / waarvan 160 mg (elementair) magnesium
    rf"{_PREFIX}\b{_OF_WHICH}\s+{_DOSE}\s*{_OF}{_MAGNESIUM}{_END}",
    # ... providing 100 mg (of elemental) magnesium / levert 100 mg magnesium
    rf"{_PREFIX}\b{_PROVIDING}\s+{_DOSE}\s*{_OF}{_MAGNESIUM}{_END}",
    # ... = 97.2 mg (4 mmol) Mg / equivalent to 100 mg magnesium
    rf"{_PREFIX}{_EQUALS}\s*{_DOSE}\s*(?:\([^)]*\)\s*)?{_OF}(?:{_MAGNESIUM}|mg){_END}",
    # elemental magnesium 200 mg / magnesium (elemental) 200 mg
    rf"{_PREFIX}\b{_ELEMENTAL}\s+magnesium\s*[:=]?\s*{_DOSE}",
    rf"{_PREFIX}\bmagnesium\s*\(\s*{_ELEMENTAL}\s*\)\s*[:=]?\s*{_DOSE}",
    # 200 mg elemental magnesium
    rf"{_PREFIX}\b{_DOSE}\s*{_OF}{_ELEMENTAL}\s+magnesium{_END}",
    # 97.2 mg Mg = 777.6 mg magnesium glycerophosphate
    rf"^{_DOSE}\s*(?:\([^)]*\)\s*)?{_OF}(?:{_MAGNESIUM}|mg)\s*{_EQUALS}\s*(?P<compound>.*)$",
)
# A label that starts with the element: the number is the magnesium ("as X" names the salt).
_AS_PATTERNS = (
    # Magnesium (as bisglycinate) 200 mg
    rf"^{_MAGNESIUM}\s*\(\s*{_AS}\s+(?P<compound>[^)]+?)\s*\)\s*[:=]?\s*{_DOSE}",
    # Magnesium 200 mg (as citrate)
    rf"^{_MAGNESIUM}\s*[:=]?\s*{_DOSE}\s*\(\s*{_AS}\s+(?P<compound>[^)]+?)\s*\)",
    # Magnesium as citrate 200 mg
    rf"^{_MAGNESIUM}\s+{_AS}\s+(?P<compound>[^\d(]+?)\s*[:=,]?\s*{_DOSE}",
    # Magnesium 200 mg as citrate
    rf"^{_MAGNESIUM}\s*[:=]?\s*{_DOSE}\s*,?\s*{_AS}\s+(?P<compound>[^\d(]+?)\s*$",
    # Magnesium 200 mg
    rf"^{_MAGNESIUM}\s*[:=]?\s*{_DOSE}",
)
# A compound named with a number and no wording that says which: ambiguous.
_COMPOUND_PATTERNS = (
    # magnesium citrate 500 mg
    rf"^(?P<compound>[^\d]*?[a-z][^\d]*?)\s*[:=]?\s*{_DOSE}",
    # 500 mg magnesium citrate
    rf"^{_DOSE}\s*{_OF}(?P<compound>[a-z].*)$",
)
_BARE_MAGNESIUM = rf"(?:{_MAGNESIUM}|mg|elemental|elementair)"
_PER_UNIT = (
    r"^(?:per|each|elke|iedere)\s+(?:tablet|tablets|capsule|capsules|capsule|dose|dosis|serving"
    r"|portie|sachet|zakje|scoop|schepje|bruistablet|kauwtablet)\b\s*:?\s*"
)
_UNITS = {
    "mg": AmountUnit.MG, "milligram": AmountUnit.MG, "milligrams": AmountUnit.MG,
    "g": AmountUnit.G, "gram": AmountUnit.G, "grams": AmountUnit.G,
    "mmol": AmountUnit.MMOL, "meq": AmountUnit.MEQ,
}  # fmt: skip
_THOUSANDS = r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$"


@cache
def _compiled(patterns: str | tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """``patterns`` compiled, once per process (on first use, not at import)."""
    return tuple(re.compile(p) for p in ((patterns,) if isinstance(patterns, str) else patterns))


def _one(pattern: str) -> re.Pattern[str]:
    return _compiled(pattern)[0]


@frozen(kw_only=True)
class LabelReading:
    """One label line read: the amount as printed and whether it is the magnesium itself.

    ``states_elemental`` is True when the wording (or the unit, mmol or mEq) says the amount is
    magnesium; otherwise the line names a compound and the amount is ``ambiguous``."""

    text: str
    compound_text: str | None
    amount: float
    unit: AmountUnit
    states_elemental: bool

    @property
    def ambiguous(self) -> bool:
        """The amount may be the compound or the magnesium: the person must say which."""
        return not self.states_elemental

    @property
    def amount_text(self) -> str:
        """The amount as a person reads it back: "200 mg", "0.5 g"."""
        return f"{self.amount:g} {self.unit.value}"


def parse_number(text: str, unit: AmountUnit) -> float:
    """'1,000' and '1.000' are a thousand milligrams; '0,5' and '0.5' are a half."""
    if unit is AmountUnit.MG and _one(_THOUSANDS).match(text):
        return float(re.sub(r"[.,]", "", text))
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    else:
        text = text.replace(",", ".")
    if text.count(".") > 1:
        raise LabelParseError(N_("Cannot read the number {number}."), field="label", number=text)
    return float(text)


def _compound_in(text: str | None) -> str | None:
    """The compound a stretch of label text names, without amounts, punctuation or a bare
    "magnesium"; None when nothing is left."""
    if not text:
        return None
    cleaned = _one(_PER_UNIT).sub("", text.strip())
    cleaned = re.sub(_DOSE, " ", cleaned)
    cleaned = re.sub(r"[\s,;:=()\[\]]+", " ", cleaned).strip(" .-")
    if not cleaned or _one(_BARE_MAGNESIUM).fullmatch(cleaned):
        return None
    return cleaned


def _reading(
    text: str, match: re.Match[str], compound: str | None, elemental: bool
) -> LabelReading:
    unit = _UNITS[match.group("unit").rstrip(".")]
    return LabelReading(
        text=text,
        compound_text=compound,
        amount=parse_number(match.group("amount"), unit),
        unit=unit,
        states_elemental=elemental or unit in (AmountUnit.MMOL, AmountUnit.MEQ),
    )


def parse_label(text: str) -> LabelReading:
    """Read one label line; LabelParseError if no amount with a unit is found."""
    cleaned = re.sub(r"\s+", " ", text.strip().lower())
    for pattern in _compiled(_ELEMENTAL_PATTERNS):
        match = pattern.match(cleaned)
        if match is not None:
            return _reading(text, match, _compound_in(match.group("compound")), True)
    for pattern in _compiled(_AS_PATTERNS):
        match = pattern.match(cleaned)
        if match is not None:
            return _reading(text, match, _compound_in(match.groupdict().get("compound")), True)
    for pattern in _compiled(_COMPOUND_PATTERNS):
        match = pattern.match(cleaned)
        if match is not None:
            compound = _compound_in(match.group("compound"))
            return _reading(text, match, compound, compound is None)
    raise LabelParseError(
        N_("Cannot read the label {label}: expected e.g. 'Magnesium (as citrate) 200 mg'."),
        field="label",
        label=text,
    )


def stored_label_basis(text: str, elemental_mg: float) -> Basis:
    """The basis of an intake logged from the label ``text`` before bases were stored: it was
    read as the magnesium itself when its magnesium is the label's amount, else as the
    compound (a compound's magnesium is always less than its mass)."""
    try:
        reading = parse_label(text)
    except LabelParseError:
        return "compound"
    amount_mg = amount_to_mg(reading.amount, reading.unit)
    # A compound holds at most about 60 % magnesium (oxide), so a loose match is still exact.
    return "elemental" if math.isclose(amount_mg, elemental_mg, rel_tol=1e-3) else "compound"
