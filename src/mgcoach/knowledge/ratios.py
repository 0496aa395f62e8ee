"""Intake ratios (data/ratios.toml): which two nutrients, on which basis, with what context."""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from .records import Cited, Text, record


@record
class Ratio(Cited):
    key: str
    name: Text
    numerator: str
    numerator_element: str
    denominator: str
    denominator_element: str
    basis: Literal["mass", "molar"]
    context: Text

    # The two elements' molar masses, looked up when the ratio is made and kept with the
    # cached knowledge base: molmass's element table takes about 20 ms to build at first use.
    _molar_masses: tuple[float, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from molmass import ELEMENTS

        try:
            num = float(ELEMENTS[self.numerator_element].mass)
            den = float(ELEMENTS[self.denominator_element].mass)
        except KeyError as unknown:  # a ValueError is what the loader reports as a bad entry
            raise ValueError(f"no chemical element {unknown.args[0]!r}") from None
        object.__setattr__(self, "_molar_masses", (num, den))

    def molar_from_mass(self, mass_ratio: float) -> float:
        """The molar ratio of a mass ratio: divide each mass by its element's molar mass."""
        num, den = self._molar_masses
        return mass_ratio * den / num
