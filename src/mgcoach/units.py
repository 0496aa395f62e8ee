"""The units Mg Coach converts, as one small typed table, and the magnesium amount and serum
conversions built on it.

Every unit the code or a data file names (``foods/data/portion_words.toml``'s ``pint`` key,
``foods/data/nutrients.csv``'s units, the forms' kg/lb and cm/inch) is a row of ``UNITS``:
its dimension and its size in the dimension's base unit (g, ml, cm, kcal). The sizes are the
exact definitions pint uses, so the names are pint's: the international pound (0.45359237 kg,
1959) and inch (2.54 cm), and US customary volumes from the US liquid gallon of 231 cubic
inches. ``tests/test_units.py`` checks every row against pint itself; pint stays out of a
run (its import and registry cost about 0.4 s at every start).

Molar mass and valence come from the chemistry library (``knowledge.chemistry``):
1 mmol Mg = 24.305 mg = 2 mEq; 1 mmol/L = 2.4305 mg/dL = 2 mEq/L.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from .errors import InputError
from .i18n import N_
from .knowledge.chemistry import MAGNESIUM_VALENCE, magnesium_molar_mass


class Dimension(StrEnum):
    MASS = "mass"  # base: g
    VOLUME = "volume"  # base: ml
    LENGTH = "length"  # base: cm
    ENERGY = "energy"  # base: kcal


@dataclass(frozen=True, slots=True)
class Unit:
    dimension: Dimension
    size: float
    """One of this unit in the dimension's base unit (g, ml, cm, kcal)."""


_POUND_G = 453.59237  # the international pound, exactly
_INCH_CM = 2.54  # the international inch, exactly
_GALLON_ML = 231 * _INCH_CM**3  # the US liquid gallon: 231 cubic inches = 3785.411784 ml
_PINT_ML = _GALLON_ML / 8
_FLUID_OUNCE_ML = _PINT_ML / 16
_TABLESPOON_ML = _FLUID_OUNCE_ML / 2


def _rows() -> dict[str, Unit]:
    mass, volume, length = Dimension.MASS, Dimension.VOLUME, Dimension.LENGTH
    rows = {
        "microgram": Unit(mass, 1e-6),
        "milligram": Unit(mass, 1e-3),
        "gram": Unit(mass, 1.0),
        "kilogram": Unit(mass, 1e3),
        "ounce": Unit(mass, _POUND_G / 16),
        "pound": Unit(mass, _POUND_G),
        # Dutch metric usage (foods/data/portion_words.toml): an "ons" is 100 g and a "pond"
        # 500 g, not the ounce and pound (pint's "pond" is a force unit, hence the _nl names).
        "ons_nl": Unit(mass, 100.0),
        "pond_nl": Unit(mass, 500.0),
        "milliliter": Unit(volume, 1.0),
        "centiliter": Unit(volume, 10.0),
        "deciliter": Unit(volume, 100.0),
        "liter": Unit(volume, 1e3),
        "teaspoon": Unit(volume, _TABLESPOON_ML / 3),
        "tablespoon": Unit(volume, _TABLESPOON_ML),
        "fluid_ounce": Unit(volume, _FLUID_OUNCE_ML),
        "cup": Unit(volume, _PINT_ML / 2),
        "pint": Unit(volume, _PINT_ML),
        "quart": Unit(volume, _PINT_ML * 2),
        "centimeter": Unit(length, 1.0),
        "inch": Unit(length, _INCH_CM),
        "kilocalorie": Unit(Dimension.ENERGY, 1.0),
    }
    symbols = {"ug": "microgram", "µg": "microgram", "mg": "milligram", "g": "gram"}
    symbols |= {"kg": "kilogram", "oz": "ounce", "lb": "pound", "ml": "milliliter"}
    symbols |= {"cl": "centiliter", "dl": "deciliter", "l": "liter", "cm": "centimeter"}
    symbols |= {"in": "inch", "kcal": "kilocalorie"}
    return rows | {symbol: rows[name] for symbol, name in symbols.items()}


UNITS: Mapping[str, Unit] = MappingProxyType(_rows())


def is_unit(name: object, dimension: Dimension) -> bool:
    """Whether ``name`` is a unit of ``dimension`` in the table."""
    return isinstance(name, str) and name in UNITS and UNITS[name].dimension is dimension


def convert(value: float, source: str, target: str) -> float:
    """``value`` in unit ``source``, expressed in unit ``target`` (a ValueError for a unit not
    in the table or of another dimension)."""
    try:
        have, want = UNITS[source], UNITS[target]
    except KeyError as error:
        raise ValueError(f"unknown unit {error.args[0]!r}") from error
    if have.dimension is not want.dimension:
        raise ValueError(f"cannot convert {source} ({have.dimension}) to {target}")
    if source == target or have.size == want.size:
        return float(value)
    return value * have.size / want.size


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
    """A serum magnesium concentration in mmol/L (1 mg/dL = 10 mg/L)."""
    if unit is SerumUnit.MMOL_PER_L:
        return value
    if unit is SerumUnit.MEQ_PER_L:
        return value / MAGNESIUM_VALENCE
    return value * 10 / magnesium_molar_mass()


def mmol_per_l_to(value_mmol_per_l: float, unit: SerumUnit) -> float:
    """A concentration given in mmol/L, expressed in ``unit``."""
    if unit is SerumUnit.MMOL_PER_L:
        return value_mmol_per_l
    if unit is SerumUnit.MEQ_PER_L:
        return value_mmol_per_l * MAGNESIUM_VALENCE
    return value_mmol_per_l * magnesium_molar_mass() / 10


def amount_to_mg(value: float, unit: AmountUnit) -> float:
    """An amount of elemental magnesium in mg."""
    if unit is AmountUnit.MG:
        return value
    if unit is AmountUnit.G:
        return convert(value, "g", "mg")
    mmol = value if unit is AmountUnit.MMOL else value / MAGNESIUM_VALENCE
    return mmol * magnesium_molar_mass()


def mg_to_mmol(value_mg: float) -> float:
    return value_mg / magnesium_molar_mass()


def pounds_to_kg(value_lb: float) -> float:
    return convert(value_lb, "lb", "kg")


def inches_to_cm(value_in: float) -> float:
    return convert(value_in, "inch", "cm")
