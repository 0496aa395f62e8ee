"""The records of ``conditions.toml``: the KDIGO kidney categories and their rules, the
conditions that forbid or limit supplemental magnesium, and the groups at risk of low
magnesium."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator

from .records import Text
from .safety_record import SafetyRecord, Slug

KidneySlug = Literal["G1", "G2", "G3a", "G3b", "G4", "G5"]
KidneyRule = Literal["standard", "caution", "avoid_unless_supervised"]
ConditionRule = Literal["contraindicated", "caution", "consult", "inform"]


class KidneyCategory(SafetyRecord):
    """A KDIGO GFR category: ``egfr_min`` <= eGFR < ``egfr_max`` (no upper end if absent)."""

    slug: KidneySlug
    egfr_min: float = Field(ge=0)
    egfr_max: float | None = Field(default=None, gt=0)
    includes_dialysis: bool = False
    rule: KidneyRule
    advice: Text

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.egfr_max is not None and self.egfr_max <= self.egfr_min:
            raise ValueError(f"{self.slug}: egfr_max must be above egfr_min")
        return self

    def contains(self, egfr: float) -> bool:
        return self.egfr_min <= egfr and (self.egfr_max is None or egfr < self.egfr_max)


class Condition(SafetyRecord):
    """A condition that forbids or limits supplemental magnesium.

    ``contraindicated_families`` names compound families (compounds.toml) whose labels list the
    condition as a contraindication when ``rule`` is only a caution for magnesium in general.
    ``below_age_years`` and ``state`` let the engine apply the entry from a profile directly.
    """

    slug: Slug
    name: Text
    rule: ConditionRule
    advice: Text
    contraindicated_families: tuple[Slug, ...] = ()
    below_age_years: float | None = Field(default=None, gt=0)
    state: Literal["pregnant", "lactating"] | None = None


class RiskFactor(SafetyRecord):
    """A group at risk of low magnesium intake or magnesium depletion."""

    slug: Slug
    name: Text
    why: Text
