"""JSON for `mgcoach targets`: one object per nutrient with unit-named keys.

A nutrient's keys carry its unit (``target_mg``, ``target_g``, ``target_ug``; the same for
``ear``, ``lrni`` and the limits), so the object's type depends on the nutrient: mg for
magnesium, calcium, potassium, sodium and zinc, g for protein, µg for vitamin D. Every limit and
the EAR are also given in mg (``ul_mg``, ``ear_mg``, ...).
"""

from __future__ import annotations

from typing import NotRequired, cast

from typing_extensions import TypedDict

from ..engine.targets import LimitValue, NutrientTarget, TargetsResult
from ..i18n import get_language
from ..knowledge import KnowledgeBase
from ..knowledge.vocabulary import State
from .common import (
    AgeBandJson,
    NoteJson,
    SourceList,
    age_band_json,
    documented,
    note_json,
    note_text,
    number,
    sources_json,
)

MG_PER_UNIT = {"mg": 1.0, "g": 1000.0, "ug": 0.001}


@documented
class CandidateJson(TypedDict):
    """One of several published values, when the profile lacks a trimester or a post-partum age
    (the target key carries the nutrient's unit)."""

    trimester: int | None
    """The trimester the value is for."""
    postpartum_months: AgeBandJson | None
    """The months since birth the value is for."""
    target_mg: NotRequired[float | None]
    """The value, for a nutrient in mg."""
    target_g: NotRequired[float | None]
    """The value, for a nutrient in g."""
    target_ug: NotRequired[float | None]
    """The value, for a nutrient in µg."""
    kind: str | None
    """What kind of value: rda, ai, pri, ..."""


@documented
class NutrientTargetJson(TypedDict):
    """A nutrient's reference intake and limits (the keys every nutrient has)."""

    unit: str
    """The unit of the unit-named keys: mg, g or ug."""
    kind: str | None
    """What kind of target (rda, ai, pri, ...); null when there is no target."""
    published_kind: str | None
    """The kind the system publishes, even without a value."""
    ear_mg: float | None
    """The estimated average requirement, in mg."""
    source: str | None
    """The first source id."""
    sources: list[str]
    """Every source id."""
    age_band: AgeBandJson | None
    """The age band of the value."""
    fallback_system: str | None
    """The system the value was taken from, when the chosen one publishes none."""
    needs_verification: bool
    """True when the value still needs checking against its source."""
    verify: list[str]
    """What still needs checking."""
    reason_code: str | None
    """Why there is no single target, as a code."""
    reason: str | None
    """Why there is no single target, in the reader's language."""
    candidates: list[CandidateJson]
    """The published values to choose from, when there is no single target."""
    notes: list[NoteJson]
    """More about the target."""
    ul_mg: float | None
    """The tolerable upper intake level, in mg."""
    ul_kind: str | None
    """What kind of upper level."""
    ul_status: str
    """The upper level's kind, or none_published."""
    ul_sources: list[str]
    """Source ids of the upper level."""
    ul_fallback_system: str | None
    """The system the upper level was taken from, when the chosen one publishes none."""
    ul_needs_verification: bool
    """True when the upper level still needs checking."""
    supplemental_ul_mg: float | None
    """The upper level for supplements alone, in mg."""
    supplemental_ul_kind: str | None
    """What kind of upper level."""
    supplemental_ul_status: str
    """Its kind, or none_published."""
    supplemental_ul_sources: list[str]
    """Its source ids."""
    supplemental_ul_fallback_system: str | None
    """The system it was taken from, when the chosen one publishes none."""
    supplemental_ul_needs_verification: bool
    """True when it still needs checking."""
    limit_mg: float | None
    """Another published ceiling (sodium's), in mg."""
    limit_kind: str | None
    """What kind of ceiling."""
    limit_status: str
    """Its kind, or none_published."""
    limit_sources: list[str]
    """Its source ids."""
    limit_fallback_system: str | None
    """The system it was taken from, when the chosen one publishes none."""
    limit_needs_verification: bool
    """True when it still needs checking."""


@documented
class MilligramTargetJson(NutrientTargetJson):
    """A nutrient counted in mg (magnesium, calcium, potassium, sodium)."""

    target_mg: float | None
    """The daily target, in mg."""
    lrni_mg: float | None
    """The lower reference nutrient intake (UK), in mg."""


@documented
class ZincTargetJson(MilligramTargetJson):
    """Zinc, whose target depends on the phytate in the diet."""

    phytate_mg_per_day_used: int | None
    """The phytate intake the target is for, in mg a day."""
    phytate_default_used: bool
    """True when a mixed diet's phytate was assumed."""


@documented
class ProteinTargetJson(NutrientTargetJson):
    """Protein, counted in g and scaled with body weight."""

    target_g: float | None
    """The daily target, in g."""
    ear_g: float | None
    """The estimated average requirement, in g."""
    lrni_g: float | None
    """The lower reference nutrient intake, in g."""
    ul_g: float | None
    """The upper level, in g."""
    supplemental_ul_g: float | None
    """The upper level for supplements, in g."""
    limit_g: float | None
    """Another ceiling, in g."""
    g_per_kg: float | None
    """The target per kg body weight, in g."""
    ear_g_per_kg: float | None
    """The EAR per kg body weight, in g."""
    weight_used_kg: float | None
    """The body weight the target was worked out for."""
    increment_g: float | None
    """What pregnancy or breastfeeding adds, in g."""
    reference_g_per_day: float | None
    """The published value for the reference weight, in g."""
    reference_weight_kg: float | None
    """The reference weight."""


@documented
class MicrogramTargetJson(NutrientTargetJson):
    """A nutrient counted in µg (vitamin D)."""

    target_ug: float | None
    """The daily target, in µg."""
    ear_ug: float | None
    """The estimated average requirement, in µg."""
    lrni_ug: float | None
    """The lower reference nutrient intake, in µg."""
    ul_ug: float | None
    """The upper level, in µg."""
    supplemental_ul_ug: float | None
    """The upper level for supplements, in µg."""
    limit_ug: float | None
    """Another ceiling, in µg."""


@documented
class TargetsProfileJson(TypedDict):
    """The person the targets are for."""

    age_years: int
    """Age in completed years."""
    age_months: int
    """Age in completed months."""
    sex: str
    """female or male."""
    pregnant: bool
    """Pregnant."""
    lactating: bool
    """Breastfeeding."""
    trimester: int | None
    """The trimester, when pregnant."""
    postpartum_months: int | None
    """Months since birth, when breastfeeding."""
    weight_kg: float | None
    """Body weight."""
    phytate_mg_per_day_given: float | None
    """The phytate intake given, in mg a day."""


@documented
class TargetsAnswer(TypedDict):
    """``mgcoach targets --json``: reference intakes and upper levels for a person, under one
    system, one object per nutrient."""

    system: str
    """The reference system: us, efsa, nl, uk or dach."""
    life_stage: str
    """The life stage's slug."""
    life_stage_name: str
    """The life stage, in the reader's language."""
    profile: TargetsProfileJson
    """The person."""
    magnesium: MilligramTargetJson
    """Magnesium, in mg."""
    calcium: MilligramTargetJson
    """Calcium, in mg."""
    potassium: MilligramTargetJson
    """Potassium, in mg."""
    sodium: MilligramTargetJson
    """Sodium, in mg."""
    zinc: ZincTargetJson
    """Zinc, in mg."""
    protein: ProteinTargetJson
    """Protein, in g."""
    vitamin_d: MicrogramTargetJson
    """Vitamin D, in µg."""
    source_list: SourceList
    """Every source cited, by its id."""


def _scaled(value: float | None, unit: str) -> float | None:
    return None if value is None else number(value * MG_PER_UNIT[unit])


def _limit_keys(prefix: str, unit: str, limit: LimitValue | None) -> dict[str, object]:
    value = limit.value if limit else None
    keys: dict[str, object] = {
        f"{prefix}_{unit}": number(value),
        f"{prefix}_mg": _scaled(value, unit),
        f"{prefix}_kind": limit.kind if limit and value is not None else None,
        f"{prefix}_status": limit.kind if limit else "none_published",
        f"{prefix}_sources": list(limit.sources) if limit else [],
        f"{prefix}_fallback_system": limit.fallback.value if limit and limit.fallback else None,
        f"{prefix}_needs_verification": bool(limit and limit.verify),
    }
    return keys


def nutrient_json(target: NutrientTarget) -> NutrientTargetJson:
    """The target's keys (named with its unit, so typed by ``TargetsAnswer`` per nutrient)."""
    unit = target.unit
    value = number(target.target)
    data: dict[str, object] = {
        "unit": unit,
        f"target_{unit}": value,
        "kind": target.kind if value is not None else None,
        "published_kind": target.kind,
        f"ear_{unit}": number(target.ear),
        "ear_mg": _scaled(target.ear, unit),
        f"lrni_{unit}": number(target.lrni),
        "source": target.sources[0] if target.sources else None,
        "sources": list(target.sources),
        "age_band": age_band_json(target.age_band),
        "fallback_system": target.fallback.value if target.fallback else None,
        "needs_verification": bool(target.verify),
        "verify": list(target.verify),
        "reason_code": target.reason.code if target.reason else None,
        "reason": note_text(target.reason) if target.reason else None,
        "candidates": [
            {
                "trimester": c.trimester,
                "postpartum_months": age_band_json(c.postpartum),
                f"target_{unit}": number(c.target),
                "kind": c.kind,
            }
            for c in target.candidates
        ],
        "notes": [note_json(note) for note in target.notes],
    }
    data |= _limit_keys("ul", unit, target.ul)
    data |= _limit_keys("supplemental_ul", unit, target.supplemental_ul)
    data |= _limit_keys("limit", unit, target.limit)
    if unit == "g":
        data |= {
            "g_per_kg": number(target.per_kg),
            "ear_g_per_kg": number(target.ear_per_kg),
            "weight_used_kg": target.weight_used_kg,
            "increment_g": number(target.increment),
            "reference_g_per_day": number(target.reference_value),
            "reference_weight_kg": target.reference_weight_kg,
        }
    if target.nutrient == "zinc":
        data["phytate_mg_per_day_used"] = target.phytate_used_mg
        data["phytate_default_used"] = target.phytate_default_used
    return cast(NutrientTargetJson, data)


def targets_json(kb: KnowledgeBase, result: TargetsResult) -> TargetsAnswer:
    profile = result.profile
    data: dict[str, object] = {
        "system": result.system.value,
        "life_stage": result.life_stage.slug,
        "life_stage_name": result.life_stage.name.get(get_language()),
        "profile": {
            "age_years": profile.age_years,
            "age_months": profile.age_months,
            "sex": profile.sex.value,
            "pregnant": profile.state is State.PREGNANT,
            "lactating": profile.state is State.LACTATING,
            "trimester": profile.trimester,
            "postpartum_months": profile.postpartum_months,
            "weight_kg": profile.weight_kg,
            "phytate_mg_per_day_given": profile.phytate_mg,
        },
    }
    cited: list[str] = []
    for slug, target in result.nutrients.items():
        data[slug] = nutrient_json(target)
        cited.extend(target.sources)
        for limit in (target.ul, target.supplemental_ul, target.limit):
            cited.extend(limit.sources if limit else ())
    data["source_list"] = sources_json(kb, cited)
    return cast(TargetsAnswer, data)
