"""The limits a check measures supplemental magnesium against: the upper limit (graded as the
gate grades it, and for a child the lowest any system publishes) and the kidney category of an
eGFR or dialysis, with the checks of their inputs."""

from __future__ import annotations

from dataclasses import replace

from ..errors import InputError
from ..frozen import frozen
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.safety import KidneyCategory
from .gate import child_limit, is_child, limit_severity
from .interactions import Level, MagnesiumDose
from .profile import Profile
from .targets import NutrientTarget

KIDNEY_ADVICE: dict[str, tuple[str, Level]] = {
    "standard": ("ok", "info"),
    "caution": ("caution", "caution"),
    "avoid_unless_supervised": ("avoid_unless_supervised", "avoid"),
}


@frozen(kw_only=True)
class UpperLimit:
    supplemental_mg: float
    supplemental_ul_mg: float | None
    exceeds_ul: bool
    excess_mg: float | None
    sources: tuple[str, ...] = ()
    kidney_overrides: bool = False
    severity: Level | None = None
    applied_limit_mg: float | None = None  # a child's: the lowest limit of any system


@frozen(kw_only=True)
class KidneyResult:
    egfr: float | None
    on_dialysis: bool
    category: KidneyCategory
    supplement_advice: str
    severity: Level


EGFR_RANGE = (0.0, 200.0)


def validate_egfr(egfr: float | None) -> float | None:
    """An eGFR in mL/min/1.73 m² from 0 to 200, or None."""
    if egfr is None:
        return None
    low, high = EGFR_RANGE
    if not low <= egfr <= high:
        raise InputError(
            N_("An eGFR of {egfr} is not possible: give a value from {low} to {high}."),
            field="egfr",
            egfr=egfr,
            low=low,
            high=high,
        )
    return egfr


def supplemental_total(doses: tuple[MagnesiumDose, ...]) -> float:
    return sum((dose.mg * max(1, len(dose.times)) for dose in doses), 0.0)


def upper_limit(
    target: NutrientTarget, supplemental_mg: float, kidney: KidneyResult | None
) -> UpperLimit:
    limit = target.supplemental_ul
    value = limit.value if limit is not None else None
    exceeds = value is not None and supplemental_mg > value + 1e-9
    return UpperLimit(
        supplemental_mg=supplemental_mg,
        supplemental_ul_mg=value,
        exceeds_ul=exceeds,
        excess_mg=None if value is None else max(0.0, supplemental_mg - value),
        sources=limit.sources if limit is not None else (),
        kidney_overrides=kidney is not None and kidney.category.rule != "standard",
    )


def kidney_result(kb: KnowledgeBase, egfr: float | None, on_dialysis: bool) -> KidneyResult | None:
    if egfr is None and not on_dialysis:
        return None
    category = kb.safety.kidney_category(egfr if egfr is not None else 0.0, on_dialysis)
    advice, severity = KIDNEY_ADVICE[category.rule]
    return KidneyResult(
        egfr=egfr,
        on_dialysis=on_dialysis,
        category=category,
        supplement_advice=advice,
        severity=severity,
    )


def graded_limit(
    kb: KnowledgeBase,
    profile: Profile,
    ul: UpperLimit,
    kidney: KidneyResult | None,
    prescribed: bool,
) -> UpperLimit:
    """The upper limit with its severity (the gate's grading) and, for a child, the limit that
    applies: the lowest any reference system publishes for the child's age."""
    child = is_child(kb, profile)
    applied = child_limit(kb, profile)[0] if child else ul.supplemental_ul_mg
    kidney_reduced = kidney is not None and kidney.category.rule != "standard"
    severity = limit_severity(
        kb,
        ul.supplemental_mg,
        applied,
        prescribed=prescribed,
        child=child,
        kidney_reduced=kidney_reduced,
    )
    exceeds = ul.exceeds_ul or (applied is not None and ul.supplemental_mg > applied + 1e-9)
    return replace(ul, severity=severity, applied_limit_mg=applied, exceeds_ul=exceeds)
