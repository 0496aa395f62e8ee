"""Intake ratios (data/ratios.toml): which two nutrients, on which basis, with what context."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import PrivateAttr, model_validator

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

    # The two elements' molar masses, looked up when the ratio is loaded and kept with the
    # cached knowledge base: molmass's element table takes about 20 ms to build at first use.
    _molar_masses: tuple[float, float] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _look_up_molar_masses(self) -> Self:
        self._molar_masses = self._masses()
        return self

    def _masses(self) -> tuple[float, float]:
        from molmass import ELEMENTS

        num = float(ELEMENTS[self.numerator_element].mass)
        den = float(ELEMENTS[self.denominator_element].mass)
        return num, den

    def molar_from_mass(self, mass_ratio: float) -> float:
        """The molar ratio of a mass ratio: divide each mass by its element's molar mass."""
        num, den = self._molar_masses or self._masses()  # None: made without validation
        return mass_ratio * den / num
