"""Reading a supplement label line into an amount, its unit and whether it is elemental.

"Magnesium (as bisglycinate) 200 mg" states elemental magnesium (the US/EU label convention);
"magnesium citrate 500 mg" states the compound's mass. mmol and mEq are always elemental.
Numbers may use a decimal comma (0,5 g) or thousands separators (1,000 mg / 1.000 mg).
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from ..errors import LabelParseError
from ..i18n import N_
from ..units import AmountUnit

_NUMBER = r"(?P<amount>\d+(?:[.,]\d+)*)"
_UNIT = r"(?P<unit>mg|milligrams?|milligram|g|grams?|gram|mmol|meq)\b\.?"
_AS = r"(?:as|als|from|uit|in the form of|in de vorm van)"
_MAGNESIUM = r"(?:elemental\s+|elementair\s+)?magnesium"
_PATTERNS = (
    # Magnesium (as bisglycinate) 200 mg
    (re.compile(rf"^{_MAGNESIUM}\s*\(\s*{_AS}\s+(?P<compound>[^)]+?)\s*\)\s*[:=]?\s*{_NUMBER}\s*{_UNIT}"), True),  # noqa: E501
    # Magnesium 200 mg (as citrate)
    (re.compile(rf"^{_MAGNESIUM}\s*[:=]?\s*{_NUMBER}\s*{_UNIT}\s*\(\s*{_AS}\s+(?P<compound>[^)]+?)\s*\)"), True),  # noqa: E501
    # Magnesium 200 mg
    (re.compile(rf"^{_MAGNESIUM}\s*[:=]?\s*{_NUMBER}\s*{_UNIT}"), True),
    # magnesium citrate 500 mg
    (re.compile(rf"^(?P<compound>.*?[a-z].*?)\s*[:=]?\s*{_NUMBER}\s*{_UNIT}"), False),
    # 500 mg magnesium citrate
    (re.compile(rf"^{_NUMBER}\s*{_UNIT}\s*(?:of\s+|aan\s+)?(?P<compound>[a-z].*)$"), False),
)  # fmt: skip
_UNITS = {
    "mg": AmountUnit.MG, "milligram": AmountUnit.MG, "milligrams": AmountUnit.MG,
    "g": AmountUnit.G, "gram": AmountUnit.G, "grams": AmountUnit.G,
    "mmol": AmountUnit.MMOL, "meq": AmountUnit.MEQ,
}  # fmt: skip
_THOUSANDS = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")


class LabelReading(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    compound_text: str | None
    amount: float
    unit: AmountUnit
    states_elemental: bool


def parse_number(text: str, unit: AmountUnit) -> float:
    """'1,000' and '1.000' are a thousand milligrams; '0,5' and '0.5' are a half."""
    if unit is AmountUnit.MG and _THOUSANDS.match(text):
        return float(re.sub(r"[.,]", "", text))
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    else:
        text = text.replace(",", ".")
    if text.count(".") > 1:
        raise LabelParseError(N_("Cannot read the number {number}."), number=text)
    return float(text)


def parse_label(text: str) -> LabelReading:
    """Read one label line; LabelParseError if no amount with a unit is found."""
    cleaned = re.sub(r"\s+", " ", text.strip().lower())
    for pattern, elemental in _PATTERNS:
        match = pattern.match(cleaned)
        if match is None:
            continue
        unit = _UNITS[match.group("unit").rstrip(".")]
        groups = match.groupdict()
        compound = groups.get("compound")
        compound = compound.strip(" :=") if compound else None
        if compound is not None and re.fullmatch(_MAGNESIUM, compound):
            compound, elemental = None, True
        states_elemental = elemental or unit in (AmountUnit.MMOL, AmountUnit.MEQ)
        return LabelReading(
            text=text,
            compound_text=compound or None,
            amount=parse_number(match.group("amount"), unit),
            unit=unit,
            states_elemental=states_elemental,
        )
    raise LabelParseError(
        N_("Cannot read the label {label}: expected e.g. 'Magnesium (as citrate) 200 mg'."),
        label=text,
    )
