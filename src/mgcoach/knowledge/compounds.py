"""Magnesium supplement compounds: formula, hydration and what is known of each family.

The elemental fraction is always computed from the formula (``chemistry.py``); the fact
reference's percentage is kept only as ``reference_mg_percent`` for a cross-check test.
"""

from __future__ import annotations

from typing import Annotated, Literal

from .chemistry import elemental_fraction, molar_mass, waters_of_hydration
from .constraints import Limits
from .records import Cited, Record, SourceId, Text, record

Hydrate = Literal[
    "anhydrous", "monohydrate", "dihydrate", "trihydrate", "tetrahydrate", "pentahydrate",
    "hexahydrate", "heptahydrate", "nonahydrate", "basic",
]  # fmt: skip

WATERS = {
    "anhydrous": 0, "monohydrate": 1, "dihydrate": 2, "trihydrate": 3, "tetrahydrate": 4,
    "pentahydrate": 5, "hexahydrate": 6, "heptahydrate": 7, "nonahydrate": 9,
}  # fmt: skip

EvidenceStrength = Literal["strong", "moderate", "weak", "animal_only", "no_data"]


@record
class LabelCheck(Record):
    """A licensed product's stated compound and elemental mass, to check the arithmetic."""

    compound_mg: Annotated[float, Limits(gt=0)]
    elemental_mg: Annotated[float, Limits(gt=0)]
    source: SourceId


@record
class CitedText(Cited):
    text: Text


@record
class CompoundFamily(Cited):
    """A salt family as people name it ("citrate"), with its default form and evidence."""

    slug: str
    name: Text
    aliases: tuple[str, ...] = ()
    default_form: str
    absorption: Text
    absorption_evidence: EvidenceStrength
    tolerance: Text


@record
class Compound(Cited):
    """One definite chemical form, e.g. magnesium chloride hexahydrate."""

    slug: str
    family: str
    formula: str
    hydrate: Hydrate
    name: Text
    aliases: tuple[str, ...] = ()
    reference_mg_percent: Annotated[float, Limits(gt=0, lt=100)] | None = None
    label_checks: tuple[LabelCheck, ...] = ()
    notes: tuple[CitedText, ...] = ()

    def __post_init__(self) -> None:
        """A formula molmass cannot read, or whose water is not its hydrate's, fails to load."""
        molar_mass(self.formula)  # raises on a malformed formula
        waters = waters_of_hydration(self.formula)
        expected = WATERS.get(self.hydrate)
        if expected is not None and waters != expected:
            raise ValueError(
                f"{self.slug}: formula has {waters} H2O but hydrate is {self.hydrate!r}"
            )

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
