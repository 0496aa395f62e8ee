"""JSON for `mgcoach elemental` and `mgcoach amount`.

``label_ambiguous`` is true when the number may be the compound or the magnesium itself; then
``readings`` holds both (compound first, as the top-level figures) and the top-level figures
keep the compound reading. A clear number has one reading.
"""

from __future__ import annotations

from typing import Any

from ..engine.elemental import ElementalResult
from ..i18n import get_language
from ..knowledge import KnowledgeBase
from .common import note_json, number, sources_json


def elemental_json(kb: KnowledgeBase, result: ElementalResult) -> dict[str, Any]:
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


def amount_json(amounts: dict[str, float]) -> dict[str, Any]:
    return {
        "mg": number(amounts["mg"]),
        "mmol": number(amounts["mmol"]),
        "meq": number(amounts["meq"]),
        "sources": ["IUPAC-AW"],
    }
