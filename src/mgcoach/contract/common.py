"""Pieces every contract module uses: notes, age bands and source lists."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..engine.notes import Note
from ..i18n import N_, get_language, translate
from ..knowledge import KnowledgeBase
from ..knowledge.ages import MONTHS_PER_YEAR, AgeBand
from ..knowledge.records import Text

PRECISION = 6


def number(value: float | None, digits: int = PRECISION) -> float | None:
    """A float without binary noise (58.099999 -> 58.1); None stays None."""
    return None if value is None else round(value, digits)


def note_text(note: Note) -> str:
    if note.text is not None:
        return note.text.get(get_language())
    lang = get_language()
    params = {k: v.get(lang) if isinstance(v, Text) else v for k, v in note.params.items()}
    return translate(note.message, params)


def note_json(note: Note) -> dict[str, Any]:
    return {
        "code": note.code,
        "text": note_text(note),
        "sources": list(note.sources),
        "unverified": note.unverified,
    }


def age_band_label(band: AgeBand) -> str:
    low, high = band.from_months, band.to_months
    if high is None:
        if low % MONTHS_PER_YEAR == 0:
            return translate(N_("{low} years and older"), {"low": low // MONTHS_PER_YEAR})
        return translate(N_("{low} months and older"), {"low": low})
    if low % MONTHS_PER_YEAR == 0 and high % MONTHS_PER_YEAR == 0:
        years = {"low": low // MONTHS_PER_YEAR, "high": high // MONTHS_PER_YEAR - 1}
        if years["low"] == years["high"]:
            return translate(N_("{low} years"), years)
        return translate(N_("{low}–{high} years"), years)
    return translate(N_("{low}–{high} months"), {"low": low, "high": high - 1})


def age_band_json(band: AgeBand | None) -> dict[str, Any] | None:
    if band is None:
        return None
    return {
        "from_months": band.from_months,
        "to_months": band.to_months,
        "label": age_band_label(band),
    }


def sources_json(kb: KnowledgeBase, ids: Iterable[str]) -> dict[str, dict[str, str | None]]:
    """The full citation of each source id, in first-use order."""
    return {
        source_id: {
            "citation": kb.sources[source_id].citation,
            "url": kb.sources[source_id].url,
        }
        for source_id in dict.fromkeys(ids)
    }
