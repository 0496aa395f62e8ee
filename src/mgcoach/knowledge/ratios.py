"""Intake ratios (data/ratios.toml): which two nutrients, on which basis, with what context."""

from __future__ import annotations

from typing import Literal

from .records import Cited, Text


class Ratio(Cited):
    key: str
    name: Text
    numerator: str
    numerator_element: str
    denominator: str
    denominator_element: str
    basis: Literal["mass", "molar"]
    context: Text

    def molar_from_mass(self, mass_ratio: float) -> float:
        """The molar ratio of a mass ratio: divide each mass by its element's molar mass."""
        from molmass import ELEMENTS  # on first use: its element table is slow to build

        num = float(ELEMENTS[self.numerator_element].mass)
        den = float(ELEMENTS[self.denominator_element].mass)
        return mass_ratio * den / num
