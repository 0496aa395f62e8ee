"""Magnesium supplement compounds: formula, hydration and what is known of each family.

The elemental fraction is always computed from the formula (``chemistry.py``); the fact
reference's percentage is kept only as ``reference_mg_percent`` for a cross-check test.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator

from .chemistry import elemental_fraction, molar_mass, waters_of_hydration
from .records import Cited, Record, SourceId, Text

Hydrate = Literal[
    "anhydrous", "monohydrate", "dihydrate", "trihydrate", "tetrahydrate", "pentahydrate",
    "hexahydrate", "heptahydrate", "nonahydrate", "basic",
]  # fmt: skip

WATERS = {
    "anhydrous": 0, "monohydrate": 1, "dihydrate": 2, "trihydrate": 3, "tetrahydrate": 4,
    "pentahydrate": 5, "hexahydrate": 6, "heptahydrate": 7, "nonahydrate": 9,
}  # fmt: skip

EvidenceStrength = Literal["strong", "moderate", "weak", "animal_only", "no_data"]


class LabelCheck(Record):
    """A licensed product's stated compound and elemental mass, to check the arithmetic."""

    compound_mg: float = Field(gt=0)
    elemental_mg: float = Field(gt=0)
    source: SourceId


class CitedText(Cited):
    text: Text


class CompoundFamily(Cited):
    """A salt family as people name it ("citrate"), with its default form and evidence."""

    slug: str
    name: Text
    aliases: tuple[str, ...] = ()
    default_form: str
    absorption: Text
    absorption_evidence: EvidenceStrength
    tolerance: Text


class Compound(Cited):
    """One definite chemical form, e.g. magnesium chloride hexahydrate."""

    slug: str
    family: str
    formula: str
    hydrate: Hydrate
    name: Text
    aliases: tuple[str, ...] = ()
    reference_mg_percent: float | None = Field(default=None, gt=0, lt=100)
    label_checks: tuple[LabelCheck, ...] = ()
    notes: tuple[CitedText, ...] = ()

    @model_validator(mode="after")
    def _formula_matches_hydrate(self) -> Self:
        molar_mass(self.formula)  # raises on a malformed formula
        waters = waters_of_hydration(self.formula)
        expected = WATERS.get(self.hydrate)
        if expected is not None and waters != expected:
            raise ValueError(
                f"{self.slug}: formula has {waters} H2O but hydrate is {self.hydrate!r}"
            )
        return self

    @property
    def molar_mass_g_per_mol(self) -> float:
        return molar_mass(self.formula)

    @property
    def elemental_fraction(self) -> float:
        return elemental_fraction(self.formula)

    def elemental_mg(self, compound_mg: float) -> float:
        """Magnesium in ``compound_mg`` of this compound."""
        return compound_mg * self.elemental_fraction

    def compound_mg(self, elemental_mg: float) -> float:
        """How much of this compound holds ``elemental_mg`` of magnesium."""
        return elemental_mg / self.elemental_fraction
