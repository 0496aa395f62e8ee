"""The single pint registry, and the magnesium amount and serum conversions built on it.

Molar mass and valence come from the chemistry library (``knowledge.chemistry``):
1 mmol Mg = 24.305 mg = 2 mEq; 1 mmol/L = 2.4305 mg/dL = 2 mEq/L.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import pint

from .errors import InputError
from .i18n import N_
from .knowledge.chemistry import MAGNESIUM_MOLAR_MASS_G_PER_MOL, MAGNESIUM_VALENCE

ureg: Any = pint.UnitRegistry(cache_folder=None)
Quantity: Any = ureg.Quantity

_MG_MOLAR_MASS = Quantity(MAGNESIUM_MOLAR_MASS_G_PER_MOL, "g/mol")


class SerumUnit(StrEnum):
    MMOL_PER_L = "mmol/L"
    MG_PER_DL = "mg/dL"
    MEQ_PER_L = "mEq/L"


class AmountUnit(StrEnum):
    MG = "mg"
    G = "g"
    MMOL = "mmol"
    MEQ = "mEq"


def _normalise(text: str) -> str:
    return text.strip().replace(" ", "").replace("µ", "u").lower()


def parse_serum_unit(text: str) -> SerumUnit:
    """Read ``mmol/L``, ``mg/dl``, ``meq/l`` (any case); anything else is an input error."""
    wanted = _normalise(text).replace("liter", "l").replace("litre", "l")
    for unit in SerumUnit:
        if unit.value.lower() == wanted:
            return unit
    raise InputError(
        N_("Unknown unit {unit}: use one of {choices}."),
        field="unit",
        unit=text,
        choices=", ".join(u.value for u in SerumUnit),
    )


def parse_amount_unit(text: str) -> AmountUnit:
    wanted = _normalise(text)
    for unit in AmountUnit:
        if unit.value.lower() == wanted:
            return unit
    raise InputError(
        N_("Unknown unit {unit}: use one of {choices}."),
        field="unit",
        unit=text,
        choices=", ".join(u.value for u in AmountUnit),
    )


def serum_to_mmol_per_l(value: float, unit: SerumUnit) -> float:
    """A serum magnesium concentration in mmol/L."""
    if unit is SerumUnit.MMOL_PER_L:
        return value
    if unit is SerumUnit.MEQ_PER_L:
        return value / MAGNESIUM_VALENCE
    return float((Quantity(value, "mg/dL") / _MG_MOLAR_MASS).to("mmol/L").magnitude)


def mmol_per_l_to(value_mmol_per_l: float, unit: SerumUnit) -> float:
    """A concentration given in mmol/L, expressed in ``unit``."""
    if unit is SerumUnit.MMOL_PER_L:
        return value_mmol_per_l
    if unit is SerumUnit.MEQ_PER_L:
        return value_mmol_per_l * MAGNESIUM_VALENCE
    return float((Quantity(value_mmol_per_l, "mmol/L") * _MG_MOLAR_MASS).to("mg/dL").magnitude)


def amount_to_mg(value: float, unit: AmountUnit) -> float:
    """An amount of elemental magnesium in mg."""
    if unit is AmountUnit.MG:
        return value
    if unit is AmountUnit.G:
        return float(Quantity(value, "g").to("mg").magnitude)
    mmol = value if unit is AmountUnit.MMOL else value / MAGNESIUM_VALENCE
    return float((Quantity(mmol, "mmol") * _MG_MOLAR_MASS).to("mg").magnitude)


def mg_to_mmol(value_mg: float) -> float:
    return float((Quantity(value_mg, "mg") / _MG_MOLAR_MASS).to("mmol").magnitude)


def pounds_to_kg(value_lb: float) -> float:
    return float(Quantity(value_lb, "lb").to("kg").magnitude)


def inches_to_cm(value_in: float) -> float:
    return float(Quantity(value_in, "inch").to("cm").magnitude)


# Dutch metric usage (foods/data/portion_words.toml): an "ons" is 100 g and a "pond" 500 g,
# not the ounce and pound; pint's own "pond" is a force unit, hence the _nl names.
ureg.define("ons_nl = 100 * gram")
ureg.define("pond_nl = 500 * gram")
