"""Serum magnesium facts: reporting units, classification bands and interpretation notes."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator

from .records import Cited, Record, Text

Status = Literal["low", "normal", "high"]
Detail = Literal["severe_low", "low", "normal", "high", "very_high"]


class SerumUnitInfo(Record):
    slug: Literal["mmol/L", "mg/dL", "mEq/L"]
    reporting_decimals: int = Field(ge=0, le=4)


class SerumBand(Cited):
    detail: Detail
    status: Status
    upper_mmol_per_l: float | None = Field(default=None, gt=0)
    upper_inclusive: bool = False
    red_flag: bool
    advice: Text


class SerumNote(Cited):
    slug: str
    text: Text


class SerumFacts(Record):
    units: tuple[SerumUnitInfo, ...]
    bands: tuple[SerumBand, ...]
    notes: tuple[SerumNote, ...]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        limits = [band.upper_mmol_per_l for band in self.bands]
        if not limits or limits[-1] is not None or None in limits[:-1]:
            raise ValueError("every band but the last needs upper_mmol_per_l")
        finite = [limit for limit in limits if limit is not None]
        if finite != sorted(finite) or len(set(finite)) != len(finite):
            raise ValueError("band limits must rise strictly")
        if {u.slug for u in self.units} != {"mmol/L", "mg/dL", "mEq/L"}:
            raise ValueError("serum.toml must describe mmol/L, mg/dL and mEq/L")
        return self

    def band(self, detail: str) -> SerumBand:
        return next(band for band in self.bands if band.detail == detail)

    def unit(self, slug: str) -> SerumUnitInfo:
        return next(unit for unit in self.units if unit.slug == slug)

    def note(self, slug: str) -> SerumNote:
        return next(note for note in self.notes if note.slug == slug)
