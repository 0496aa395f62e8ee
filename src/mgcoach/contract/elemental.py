"""JSON for `mgcoach elemental` and `mgcoach amount`.

``label_ambiguous`` is true when the number may be the compound or the magnesium itself; then
``readings`` holds both (compound first, as the top-level figures) and the top-level figures
keep the compound reading. A clear number has one reading.
"""

from __future__ import annotations

from typing_extensions import TypedDict

from ..engine.elemental import ElementalResult
from ..engine.labels import Basis
from ..i18n import get_language
from ..knowledge import KnowledgeBase
from .common import NoteJson, SourceList, documented, note_json, number, sources_json


@documented
class LabelJson(TypedDict):
    """A label line as read."""

    text: str
    """The line."""
    compound_text: str | None
    """The compound it names, as written."""
    amount: float
    """The amount, as printed."""
    unit: str
    """Its unit: mg, g, mmol or mEq."""


@documented
class ReadingJson(TypedDict):
    """One reading of a number: as the compound or as the magnesium itself."""

    basis: Basis
    """compound (the whole tablet's mg) or elemental (the magnesium itself)."""
    elemental_mg: float
    """Elemental magnesium, in mg."""
    compound_mg: float | None
    """The compound, in mg."""


@documented
class ElementalAnswer(TypedDict):
    """``mgcoach elemental --json``: the elemental magnesium in a dose of a compound, or read from a
    label."""

    compound: str | None
    """The compound's slug."""
    compound_name: str | None
    """The compound, in the reader's language."""
    family: str | None
    """Its family's slug."""
    formula: str | None
    """Its chemical formula."""
    hydrate: str | None
    """Its hydrate form."""
    molar_mass_g_per_mol: float | None
    """Its molar mass, in g/mol."""
    elemental_fraction: float | None
    """The share of its weight that is magnesium."""
    elemental_percent: float | None
    """The same, in percent."""
    compound_mg: float | None
    """The compound, in mg."""
    elemental_mg: float
    """Elemental magnesium, in mg."""
    elemental_mmol: float
    """Elemental magnesium, in mmol."""
    elemental_meq: float
    """Elemental magnesium, in mEq."""
    form_assumed: bool
    """True when the hydrate form was assumed."""
    label_states_elemental: bool
    """True when the label says the amount is the magnesium itself."""
    label: LabelJson | None
    """The label line as read; null without a label."""
    label_ambiguous: bool
    """True when the number may be the compound or the magnesium itself (see readings)."""
    basis: Basis
    """What the top-level figures read the number as."""
    readings: list[ReadingJson]
    """Both readings of an ambiguous number (compound first); one for a clear number."""
    absorption_evidence: str | None
    """How strong the evidence on the family's absorption is."""
    notes: list[NoteJson]
    """More about the result."""
    needs_verification: bool
    """True when a fact behind it still needs checking."""
    sources: list[str]
    """Source ids."""
    source_list: SourceList
    """Every source cited, by its id."""


@documented
class AmountAnswer(TypedDict):
    """``mgcoach amount --json``: an amount of magnesium in mg, mmol and mEq."""

    mg: float
    """In mg."""
    mmol: float
    """In mmol."""
    meq: float
    """In mEq."""
    sources: list[str]
    """Source ids (the atomic weight)."""


def elemental_json(kb: KnowledgeBase, result: ElementalResult) -> ElementalAnswer:
    label = result.label
    return {
        "compound": result.compound,
        "compound_name": result.compound_name.get(get_language()) if result.compound_name else None,
        "family": result.family,
        "formula": result.formula,
        "hydrate": result.hydrate,
        "molar_mass_g_per_mol": number(result.molar_mass_g_per_mol),
        "elemental_fraction": number(result.elemental_fraction),
        "elemental_percent": number(
            result.elemental_fraction * 100 if result.elemental_fraction else None
        ),
        "compound_mg": number(result.compound_mg),
        "elemental_mg": number(result.elemental_mg),
        "elemental_mmol": number(result.elemental_mmol),
        "elemental_meq": number(result.elemental_meq),
        "form_assumed": result.form_assumed,
        "label_states_elemental": result.label_states_elemental,
        "label": None
        if label is None
        else {
            "text": label.text,
            "compound_text": label.compound_text,
            "amount": label.amount,
            "unit": label.unit.value,
        },
        "label_ambiguous": result.ambiguous,
        "basis": result.basis,
        "readings": [
            {
                "basis": reading.basis,
                "elemental_mg": number(reading.elemental_mg),
                "compound_mg": number(reading.compound_mg),
            }
            for reading in result.readings
        ],
        "absorption_evidence": result.absorption_evidence,
        "notes": [note_json(note) for note in result.notes],
        "needs_verification": any(note.unverified for note in result.notes),
        "sources": list(result.sources),
        "source_list": sources_json(kb, result.sources),
    }


def amount_json(amounts: dict[str, float]) -> AmountAnswer:
    return {
        "mg": number(amounts["mg"]),
        "mmol": number(amounts["mmol"]),
        "meq": number(amounts["meq"]),
        "sources": ["IUPAC-AW"],
    }
