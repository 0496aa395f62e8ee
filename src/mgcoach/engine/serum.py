"""Serum magnesium: convert between units and classify against the reference range.

A value is classified in the unit it was given, against band limits converted to that unit
at the precision laboratories report it in (serum.toml), so the published range in each unit
(0.75–0.95 mmol/L = 1.8–2.3 mg/dL = 1.5–1.9 mEq/L) holds at its edges. A laboratory's own
range replaces low/normal/high; the very-low and very-high red flags always stay.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, ConfigDict

from ..errors import InputError
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.serum import SerumBand
from ..units import SerumUnit, mmol_per_l_to, serum_to_mmol_per_l
from .notes import Note

PLAUSIBLE_MAX_MMOL_PER_L = 20.0


class SerumResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: float
    unit: SerumUnit
    mmol_per_l: float
    mg_per_dl: float
    meq_per_l: float
    status: str
    status_detail: str
    red_flag: bool
    lab_range: tuple[float, float] | None
    reference_range: dict[str, tuple[float, float]]
    advice: Note
    notes: tuple[Note, ...]
    sources: tuple[str, ...]


def _limit_in_unit(kb: KnowledgeBase, limit_mmol_per_l: float, unit: SerumUnit) -> Decimal:
    decimals = kb.serum.unit(unit.value).reporting_decimals
    exact = Decimal(repr(mmol_per_l_to(limit_mmol_per_l, unit)))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _below(value: Decimal, limit: Decimal, inclusive: bool) -> bool:
    return value <= limit if inclusive else value < limit


def _band(kb: KnowledgeBase, value: float, unit: SerumUnit) -> SerumBand:
    number = Decimal(repr(value))
    for band in kb.serum.bands:
        if band.upper_mmol_per_l is None:
            return band
        if _below(number, _limit_in_unit(kb, band.upper_mmol_per_l, unit), band.upper_inclusive):
            return band
    raise AssertionError("the last band has no upper limit")


def _with_lab_range(
    kb: KnowledgeBase, band: SerumBand, value: float, lab_range: tuple[float, float]
) -> SerumBand:
    if band.red_flag:
        return band
    low, high = lab_range
    detail = "low" if value < low else "normal" if value <= high else "high"
    return kb.serum.band(detail)


def classify(
    kb: KnowledgeBase,
    value: float,
    unit: SerumUnit,
    lab_range: tuple[float, float] | None = None,
) -> SerumResult:
    """Convert ``value`` to every unit and classify it."""
    mmol = serum_to_mmol_per_l(value, unit)
    if not 0 < mmol <= PLAUSIBLE_MAX_MMOL_PER_L:
        raise InputError(
            N_("A serum magnesium of {value} {unit} is not possible."), value=value, unit=unit.value
        )
    if lab_range is not None and not 0 < lab_range[0] < lab_range[1]:
        raise InputError(N_("A laboratory range needs a low and a higher high value."))
    band = _band(kb, value, unit)
    if lab_range is not None:
        band = _with_lab_range(kb, band, value, lab_range)
    low_band, normal_band = kb.serum.band("low"), kb.serum.band("normal")
    assert low_band.upper_mmol_per_l is not None and normal_band.upper_mmol_per_l is not None
    reference = {
        u.value: (
            float(_limit_in_unit(kb, low_band.upper_mmol_per_l, u)),
            float(_limit_in_unit(kb, normal_band.upper_mmol_per_l, u)),
        )
        for u in SerumUnit
    }
    notes = [kb.serum.note("normal_does_not_exclude_low_stores")] if band.status != "high" else []
    notes += [kb.serum.note(slug) for slug in ("test_before_dose", "lab_range_differs")]
    sources = band.sources + tuple(s for n in notes for s in n.sources)
    return SerumResult(
        value=value,
        unit=unit,
        mmol_per_l=mmol,
        mg_per_dl=mmol_per_l_to(mmol, SerumUnit.MG_PER_DL),
        meq_per_l=mmol_per_l_to(mmol, SerumUnit.MEQ_PER_L),
        status=band.status,
        status_detail=band.detail,
        red_flag=band.red_flag,
        lab_range=lab_range,
        reference_range=reference,
        advice=Note.from_text(band.detail, band.advice, band.sources, bool(band.verify)),
        notes=tuple(Note.from_text(n.slug, n.text, n.sources, bool(n.verify)) for n in notes),
        sources=tuple(dict.fromkeys(sources)),
    )
