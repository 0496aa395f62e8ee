"""JSON for `mgcoach targets`: one object per nutrient with unit-named keys."""

from __future__ import annotations

from typing import Any

from ..engine.targets import LimitValue, NutrientTarget, TargetsResult
from ..i18n import get_language
from ..knowledge import KnowledgeBase
from ..knowledge.vocabulary import State
from .common import age_band_json, note_json, note_text, number, sources_json

MG_PER_UNIT = {"mg": 1.0, "g": 1000.0, "ug": 0.001}


def _scaled(value: float | None, unit: str) -> float | None:
    return None if value is None else number(value * MG_PER_UNIT[unit])


def _limit_keys(prefix: str, unit: str, limit: LimitValue | None) -> dict[str, Any]:
    value = limit.value if limit else None
    keys: dict[str, Any] = {
        f"{prefix}_{unit}": number(value),
        f"{prefix}_mg": _scaled(value, unit),
        f"{prefix}_kind": limit.kind if limit and value is not None else None,
        f"{prefix}_status": limit.kind if limit else "none_published",
        f"{prefix}_sources": list(limit.sources) if limit else [],
        f"{prefix}_fallback_system": limit.fallback.value if limit and limit.fallback else None,
        f"{prefix}_needs_verification": bool(limit and limit.verify),
    }
    return keys


def nutrient_json(target: NutrientTarget) -> dict[str, Any]:
    unit = target.unit
    value = number(target.target)
    data: dict[str, Any] = {
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
    return data


def targets_json(kb: KnowledgeBase, result: TargetsResult) -> dict[str, Any]:
    profile = result.profile
    data: dict[str, Any] = {
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
    return data
