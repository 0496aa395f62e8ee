"""JSON for `mgcoach energy`."""

from __future__ import annotations

from typing_extensions import TypedDict

from ..engine.energy import EnergyResult
from ..knowledge import KnowledgeBase
from .common import NoteJson, SourceList, documented, note_json, note_text, number, sources_json


@documented
class EnergyAnswer(TypedDict):
    """``mgcoach energy --json``: a calorie target from the Mifflin–St Jeor BMR, the activity
    factor and a weight goal."""

    bmr_kcal: float
    """Basal metabolic rate, kcal a day."""
    maintenance_kcal: float
    """BMR times the activity factor."""
    activity_factor: float
    """The activity factor used."""
    activity: str | None
    """The activity level's slug, when one was named."""
    goal_per_week: float
    """The weight change per week, as given."""
    goal_unit: str
    """The unit it was given in: kg or lb."""
    goal_kg_per_week: float
    """The weight change per week, in kg."""
    daily_adjustment_kcal: float
    """What the goal adds to (or takes from) a day."""
    target_kcal_before_floor: float
    """The target before the safety floor."""
    target_kcal: float
    """The daily target."""
    floor_kcal: float
    """The lowest target given."""
    below_floor: bool
    """True when the goal would take the target below the floor."""
    bmi: float
    """Body mass index."""
    warnings: list[str]
    """Warnings, in the reader's language."""
    warning_codes: list[str]
    """The warnings as codes."""
    notes: list[NoteJson]
    """More about the result."""
    sources: list[str]
    """Source ids."""
    source_list: SourceList
    """Every source cited, by its id."""


def energy_json(kb: KnowledgeBase, result: EnergyResult) -> EnergyAnswer:
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
