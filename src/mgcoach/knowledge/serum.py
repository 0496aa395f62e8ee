"""Serum magnesium facts: reporting units, classification bands and interpretation notes."""

from __future__ import annotations

from typing import Annotated, Literal

from .constraints import Limits
from .records import Cited, Record, Text, record

Status = Literal["low", "normal", "high"]
Detail = Literal["severe_low", "low", "normal", "high", "very_high"]


@record
class SerumUnitInfo(Record):
    slug: Literal["mmol/L", "mg/dL", "mEq/L"]
    reporting_decimals: Annotated[int, Limits(ge=0, le=4)]


@record
class SerumBand(Cited):
    detail: Detail
    status: Status
    upper_mmol_per_l: Annotated[float, Limits(gt=0)] | None = None
    upper_inclusive: bool = False
    red_flag: bool
    advice: Text


@record
class SerumNote(Cited):
    slug: str
    text: Text


@record
class SerumFacts(Record):
    units: tuple[SerumUnitInfo, ...]
    bands: tuple[SerumBand, ...]
    notes: tuple[SerumNote, ...]

    def __post_init__(self) -> None:
        """The bands rise strictly to an open top, and every unit is described."""
        limits = [band.upper_mmol_per_l for band in self.bands]
        if not limits or limits[-1] is not None or None in limits[:-1]:
            raise ValueError("every band but the last needs upper_mmol_per_l")
        finite = [limit for limit in limits if limit is not None]
        if finite != sorted(finite) or len(set(finite)) != len(finite):
            raise ValueError("band limits must rise strictly")
        if {u.slug for u in self.units} != {"mmol/L", "mg/dL", "mEq/L"}:
            raise ValueError("serum.toml must describe mmol/L, mg/dL and mEq/L")

    def band(self, detail: str) -> SerumBand:
        return next(band for band in self.bands if band.detail == detail)

    def unit(self, slug: str) -> SerumUnitInfo:
        return next(unit for unit in self.units if unit.slug == slug)

    def note(self, slug: str) -> SerumNote:
        return next(note for note in self.notes if note.slug == slug)
