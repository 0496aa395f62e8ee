"""JSON for `mgcoach energy`."""

from __future__ import annotations

from typing import Any

from ..engine.energy import EnergyResult
from ..knowledge import KnowledgeBase
from .common import note_json, note_text, number, sources_json


def energy_json(kb: KnowledgeBase, result: EnergyResult) -> dict[str, Any]:
    return {
        "bmr_kcal": number(result.bmr_kcal, 2),
        "maintenance_kcal": number(result.maintenance_kcal, 2),
        "activity_factor": result.activity_factor,
        "activity": result.activity_slug,
        "goal_per_week": result.inputs.goal_per_week,
        "goal_unit": result.inputs.goal_unit,
        "goal_kg_per_week": number(result.inputs.goal_kg_per_week, 4),
        "daily_adjustment_kcal": number(result.daily_adjustment_kcal, 2),
        "target_kcal_before_floor": number(result.target_kcal_before_floor, 2),
        "target_kcal": number(result.target_kcal, 2),
        "floor_kcal": result.floor_kcal,
        "below_floor": result.below_floor,
        "bmi": number(result.bmi, 1),
        "warnings": [note_text(w) for w in result.warnings],
        "warning_codes": [w.code for w in result.warnings],
        "notes": [note_json(note) for note in result.notes],
        "sources": list(result.sources),
        "source_list": sources_json(kb, result.sources),
    }
