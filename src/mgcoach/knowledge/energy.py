"""Energy facts: the Mifflin–St Jeor equation, activity factors and weight-change rules."""

from __future__ import annotations

from typing import Annotated, Literal

from .constraints import Limits
from .records import Cited, Record, Text, record


@record
class Equation(Cited):
    weight_kg_factor: float
    height_cm_factor: float
    age_years_factor: float
    constant_male: float
    constant_female: float
    valid_age_min: int
    valid_age_max: int


@record
class ActivityLevel(Cited):
    slug: str
    factor: Annotated[float, Limits(ge=1.0, le=2.5)]
    name: Text
    description: Text


@record
class WeightChange(Cited):
    kcal_per_kg: Annotated[float, Limits(gt=0)]
    kcal_per_lb: Annotated[float, Limits(gt=0)]
    max_rate_kg_per_week: Annotated[float, Limits(gt=0)]
    max_rate_lb_per_week: Annotated[float, Limits(gt=0)]


@record
class CalorieFloor(Cited):
    sex: Literal["female", "male"]
    kcal: Annotated[float, Limits(gt=0)]


@record
class Caveat(Cited):
    slug: str
    text: Text


@record
class EnergyFacts(Record):
    equation: Equation
    activity: tuple[ActivityLevel, ...]
    weight_change: WeightChange
    floor: tuple[CalorieFloor, ...]
    caveat: tuple[Caveat, ...]

    def floor_kcal(self, sex: str) -> CalorieFloor:
        return next(floor for floor in self.floor if floor.sex == sex)
