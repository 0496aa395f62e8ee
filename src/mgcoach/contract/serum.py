"""JSON for `mgcoach serum`."""

from __future__ import annotations

from typing_extensions import TypedDict

from ..engine.serum import SerumResult
from ..knowledge import KnowledgeBase
from .common import NoteJson, SourceList, documented, note_json, note_text, number, sources_json


@documented
class OtherReadingJson(TypedDict):
    """The same number read in another unit."""

    unit: str
    """The other unit."""
    status: str
    """low, normal or high in that unit."""
    status_detail: str
    """The finer status in that unit."""


@documented
class SerumAnswer(TypedDict):
    """``mgcoach serum --json``: a serum magnesium value converted and classified."""

    value: float
    """The value, as given."""
    unit: str
    """Its unit: mmol/L, mg/dL or mEq/L."""
    mmol_per_l: float
    """In mmol/L."""
    mg_per_dl: float
    """In mg/dL."""
    meq_per_l: float
    """In mEq/L."""
    status: str
    """low, normal or high."""
    status_detail: str
    """severe_low, low, normal, high or very_high."""
    red_flag: bool
    """True when the value needs a doctor."""
    advice: str
    """What to do, in the reader's language."""
    needs_verification: bool
    """True when the advice still needs checking."""
    lab_range: list[float] | None
    """The laboratory's own range, low and high, when given."""
    reference_range: dict[str, list[float]]
    """The published normal range, low and high, per unit."""
    notes: list[NoteJson]
    """More about the value."""
    other_readings: list[OtherReadingJson]
    """The same number in the other units, when one reads normal and the given unit does not
    (a likely unit mix-up); empty otherwise."""
    sources: list[str]
    """Source ids."""
    source_list: SourceList
    """Every source cited, by its id."""


def serum_json(kb: KnowledgeBase, result: SerumResult) -> SerumAnswer:
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
