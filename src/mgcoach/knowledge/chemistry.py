"""Molar masses from chemical formulas, computed with the molmass library (never typed in).

molmass is imported on first use: its element table takes tens of ms to build, and most
commands (``--help``, a day read from the cached knowledge base) need no formula.
"""

from __future__ import annotations

import re
from functools import cache

MAGNESIUM_VALENCE = 2  # Mg2+: 1 mmol = 2 mEq


@cache
def magnesium_molar_mass() -> float:
    """Magnesium's molar mass in g/mol (24.305), from molmass's element table."""
    from molmass import ELEMENTS

    return float(ELEMENTS["Mg"].mass)


_WATER = re.compile(r"\.(\d*)H2O$")


@cache
def molar_mass(formula: str) -> float:
    """Molar mass in g/mol of ``formula``, hydrate water (``.9H2O``) included."""
    from molmass import Formula, FormulaError

    try:
        return float(Formula(formula).mass)
    except FormulaError as error:
        raise ValueError(f"not a chemical formula: {formula!r} ({error})") from error


@cache
def magnesium_atoms(formula: str) -> int:
    """Number of Mg atoms per formula unit."""
    from molmass import Formula

    composition = Formula(formula).composition()
    return int(composition["Mg"].count) if "Mg" in composition else 0


def elemental_fraction(formula: str) -> float:
    """Mass fraction of magnesium: n x M(Mg) / M(compound)."""
    atoms = magnesium_atoms(formula)
    if atoms == 0:
        raise ValueError(f"{formula!r} contains no magnesium")
    return atoms * magnesium_molar_mass() / molar_mass(formula)


def waters_of_hydration(formula: str) -> int:
    """Water molecules written as a trailing ``.nH2O`` (0 when there is none)."""
    match = _WATER.search(formula)
    if match is None:
        return 0
    return int(match.group(1) or 1)
