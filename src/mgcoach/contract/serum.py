"""JSON for `mgcoach serum`."""

from __future__ import annotations

from typing import Any

from ..engine.serum import SerumResult
from ..knowledge import KnowledgeBase
from .common import note_json, note_text, number, sources_json


def serum_json(kb: KnowledgeBase, result: SerumResult) -> dict[str, Any]:
    return {
        "value": result.value,
        "unit": result.unit.value,
        "mmol_per_l": number(result.mmol_per_l, 4),
        "mg_per_dl": number(result.mg_per_dl, 4),
        "meq_per_l": number(result.meq_per_l, 4),
        "status": result.status,
        "status_detail": result.status_detail,
        "red_flag": result.red_flag,
        "advice": note_text(result.advice),
        "needs_verification": result.advice.unverified,
        "lab_range": list(result.lab_range) if result.lab_range else None,
        "reference_range": {unit: list(r) for unit, r in result.reference_range.items()},
        "notes": [note_json(note) for note in result.notes],
        # The same number in the other units, when one reads normal and the given unit does not
        # (a likely unit mix-up; the note "check_unit" says so). Empty otherwise.
        "other_readings": [
            {"unit": r.unit.value, "status": r.status, "status_detail": r.detail}
            for r in result.other_readings
        ],
        "sources": list(result.sources),
        "source_list": sources_json(kb, result.sources),
    }
