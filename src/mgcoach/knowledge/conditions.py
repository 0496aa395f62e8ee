"""The records of ``conditions.toml``: the KDIGO kidney categories and their rules, the
conditions that forbid or limit supplemental magnesium, and the groups at risk of low
magnesium."""

from __future__ import annotations

from typing import Annotated, Literal

from .constraints import Limits
from .records import Text, record
from .safety_record import SafetyRecord, Slug

KidneySlug = Literal["G1", "G2", "G3a", "G3b", "G4", "G5"]
KidneyRule = Literal["standard", "caution", "avoid_unless_supervised"]
ConditionRule = Literal["contraindicated", "caution", "consult", "inform"]


@record
class KidneyCategory(SafetyRecord):
    """A KDIGO GFR category: ``egfr_min`` <= eGFR < ``egfr_max`` (no upper end if absent)."""

    slug: KidneySlug
    egfr_min: Annotated[float, Limits(ge=0)]
    egfr_max: Annotated[float, Limits(gt=0)] | None = None
    includes_dialysis: bool = False
    rule: KidneyRule
    advice: Text

    def __post_init__(self) -> None:
        SafetyRecord.__post_init__(self)
        if self.egfr_max is not None and self.egfr_max <= self.egfr_min:
            raise ValueError(f"{self.slug}: egfr_max must be above egfr_min")

    def contains(self, egfr: float) -> bool:
        return self.egfr_min <= egfr and (self.egfr_max is None or egfr < self.egfr_max)


@record
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
    below_age_years: Annotated[float, Limits(gt=0)] | None = None
    state: Literal["pregnant", "lactating"] | None = None


@record
class RiskFactor(SafetyRecord):
    """A group at risk of low magnesium intake or magnesium depletion."""

    slug: Slug
    name: Text
    why: Text
