"""Molar masses from chemical formulas, computed with the molmass library (never typed in)."""

from __future__ import annotations

import re
from functools import cache

from molmass import ELEMENTS, Formula, FormulaError

MAGNESIUM_MOLAR_MASS_G_PER_MOL: float = float(ELEMENTS["Mg"].mass)
MAGNESIUM_VALENCE = 2  # Mg2+: 1 mmol = 2 mEq

_WATER = re.compile(r"\.(\d*)H2O$")


@cache
def molar_mass(formula: str) -> float:
    """Molar mass in g/mol of ``formula``, hydrate water (``.9H2O``) included."""
    try:
        return float(Formula(formula).mass)
    except FormulaError as error:
        raise ValueError(f"not a chemical formula: {formula!r} ({error})") from error


@cache
def magnesium_atoms(formula: str) -> int:
    """Number of Mg atoms per formula unit."""
    composition = Formula(formula).composition()
    return int(composition["Mg"].count) if "Mg" in composition else 0


def elemental_fraction(formula: str) -> float:
    """Mass fraction of magnesium: n x M(Mg) / M(compound)."""
    atoms = magnesium_atoms(formula)
    if atoms == 0:
        raise ValueError(f"{formula!r} contains no magnesium")
    return atoms * MAGNESIUM_MOLAR_MASS_G_PER_MOL / molar_mass(formula)


def waters_of_hydration(formula: str) -> int:
    """Water molecules written as a trailing ``.nH2O`` (0 when there is none)."""
    match = _WATER.search(formula)
    if match is None:
        return 0
    return int(match.group(1) or 1)
