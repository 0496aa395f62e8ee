"""Energy: Mifflin–St Jeor BMR, maintenance by activity factor, and a weight-goal target."""

from __future__ import annotations

import math

from ..errors import InputError, ProfileError
from ..frozen import frozen
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.energy import ActivityLevel, CalorieFloor
from ..knowledge.vocabulary import Sex
from ..units import pounds_to_kg
from .notes import Note

DAYS_PER_WEEK = 7
HEIGHT_RANGE_CM = (50.0, 272.0)
WEIGHT_RANGE_KG = (20.0, 400.0)
ADULT_AGE_YEARS = 18
MAX_AGE_YEARS = 125
UNDERWEIGHT_BMI = 18.5


@frozen(kw_only=True)
class EnergyInput:
    age_years: float
    sex: Sex
    weight_kg: float
    height_cm: float
    activity: str
    goal_kg_per_week: float = 0.0
    goal_unit: str = "kg"  # how the user gave the goal: "kg" or "lb"
    goal_per_week: float = 0.0


@frozen(kw_only=True)
class EnergyResult:
    inputs: EnergyInput
    activity_factor: float
    activity_slug: str | None
    bmr_kcal: float
    maintenance_kcal: float
    daily_adjustment_kcal: float
    target_kcal_before_floor: float
    target_kcal: float
    floor_kcal: float
    below_floor: bool
    bmi: float
    warnings: tuple[Note, ...]
    notes: tuple[Note, ...]
    sources: tuple[str, ...]


def resolve_activity(kb: KnowledgeBase, text: str) -> tuple[float, ActivityLevel | None]:
    """An activity factor from a level name ("moderate") or a number (1.55)."""
    wanted = text.strip().lower()
    for level in kb.energy.activity:
        if (
            level.slug == wanted
            or level.name.en.lower() == wanted
            or level.name.nl.lower() == wanted
        ):
            return level.factor, level
    try:
        factor = float(wanted.replace(",", "."))
        if not math.isfinite(factor):
            raise ValueError(wanted)
    except ValueError:
        raise InputError(
            N_("Unknown activity level {activity}: use a factor or one of {choices}."),
            field="activity",
            activity=text,
            choices=", ".join(level.slug for level in kb.energy.activity),
        ) from None
    factors = [level.factor for level in kb.energy.activity]
    if not min(factors) <= factor <= max(factors):
        raise InputError(
            N_("An activity factor of {factor} is outside {low}–{high}."),
            field="activity",
            factor=factor,
            low=min(factors),
            high=max(factors),
        )
    matching = next((level for level in kb.energy.activity if level.factor == factor), None)
    return factor, matching


def _check_body(age_years: float, weight_kg: float, height_cm: float) -> None:
    if not ADULT_AGE_YEARS <= age_years <= MAX_AGE_YEARS:
        raise ProfileError(
            N_("The Mifflin–St Jeor equation is for adults: give an age from {low} to {high}."),
            field="age",
            low=ADULT_AGE_YEARS,
            high=MAX_AGE_YEARS,
        )
    if not WEIGHT_RANGE_KG[0] <= weight_kg <= WEIGHT_RANGE_KG[1]:
        raise ProfileError(
            N_("A weight of {weight} kg is not possible: give {low} to {high} kg."),
            field="weight_kg",
            weight=weight_kg,
            low=WEIGHT_RANGE_KG[0],
            high=WEIGHT_RANGE_KG[1],
        )
    if not HEIGHT_RANGE_CM[0] <= height_cm <= HEIGHT_RANGE_CM[1]:
        raise ProfileError(
            N_("A height of {height} cm is not possible: give {low} to {high} cm."),
            field="height_cm",
            height=height_cm,
            low=HEIGHT_RANGE_CM[0],
            high=HEIGHT_RANGE_CM[1],
        )


def _daily_adjustment(kb: KnowledgeBase, rate: float, unit: str) -> float:
    """kcal/day for a weekly goal: rate × energy per unit of weight ÷ 7 (negative = loss).

    Any goal up to the cited largest rate (energy.toml [weight_change], WISHNOFSKY58, Hall11)
    is allowed, gain or loss: a smaller one, such as 0.2 kg, only takes longer.
    """
    change = kb.energy.weight_change
    if unit == "lb":
        high, per_unit = change.max_rate_lb_per_week, change.kcal_per_lb
    else:
        high, per_unit = change.max_rate_kg_per_week, change.kcal_per_kg
    if not abs(rate) <= high:  # also refuses nan
        raise InputError(
            N_("A weight goal must be -{high} to {high} {unit} per week (negative to lose)."),
            field=f"goal_{unit}_per_week",
            high=high,
            unit=unit,
        )
    return rate * per_unit / DAYS_PER_WEEK


def _bmr(
    kb: KnowledgeBase, sex: Sex, *, age_years: float, weight_kg: float, height_cm: float
) -> float:
    """The Mifflin–St Jeor basal metabolic rate in kcal a day."""
    equation = kb.energy.equation
    constant = equation.constant_male if sex is Sex.MALE else equation.constant_female
    return (
        equation.weight_kg_factor * weight_kg
        + equation.height_cm_factor * height_cm
        + equation.age_years_factor * age_years
        + constant
    )


def _warnings(
    kb: KnowledgeBase,
    before_floor: float,
    floor: CalorieFloor,
    bmi: float,
    goal_per_week: float,
    age_years: float,
) -> tuple[Note, ...]:
    """A target below the safe floor, weight loss when underweight, an age outside the
    equation's derivation."""
    equation = kb.energy.equation
    warnings: list[Note] = []
    if before_floor < floor.kcal:
        warnings.append(
            Note(
                code="below_floor",
                message=N_(
                    "The goal gives {target} kcal a day, below the safe minimum of {floor} kcal "
                    "a day: the target is raised to that minimum. Lose weight more slowly, or "
                    "only under medical supervision."
                ),
                params={
                    "target": round(before_floor),
                    "floor": round(floor.kcal),
                },
                sources=floor.sources,
                unverified=bool(floor.verify),
            )
        )
    if goal_per_week < 0 and bmi < UNDERWEIGHT_BMI:
        warnings.append(
            Note(
                code="underweight_loss",
                message=N_(
                    "Your BMI is {bmi}, below 18.5: losing weight is not advised; talk to a doctor."
                ),
                params={"bmi": round(bmi, 1)},
            )
        )
    if not equation.valid_age_min <= age_years <= equation.valid_age_max:
        warnings.append(
            Note(
                code="outside_derivation_ages",
                message=N_(
                    "The equation was derived in adults aged {low}–{high}; "
                    "at {age} it is less certain."
                ),
                params={
                    "low": equation.valid_age_min,
                    "high": equation.valid_age_max,
                    "age": age_years,
                },
                sources=equation.sources,
            )
        )
    return tuple(warnings)


def energy_target(
    kb: KnowledgeBase,
    *,
    age_years: float,
    sex: Sex,
    weight_kg: float,
    height_cm: float,
    activity: str,
    goal_per_week: float = 0.0,
    goal_unit: str = "kg",
) -> EnergyResult:
    """BMR, maintenance and a goal target with a warning below the safe floor.

    Cost: constant (a few formulas)."""
    _check_body(age_years, weight_kg, height_cm)
    factor, level = resolve_activity(kb, activity)
    equation = kb.energy.equation
    bmr = _bmr(kb, sex, age_years=age_years, weight_kg=weight_kg, height_cm=height_cm)
    maintenance = bmr * factor
    adjustment = _daily_adjustment(kb, goal_per_week, goal_unit)
    before_floor = maintenance + adjustment
    floor = kb.energy.floor_kcal(sex.value)
    below = before_floor < floor.kcal
    bmi = weight_kg / (height_cm / 100) ** 2
    warnings = _warnings(kb, before_floor, floor, bmi, goal_per_week, age_years)
    notes = tuple(
        Note.from_text(caveat.slug, caveat.text, caveat.sources, bool(caveat.verify))
        for caveat in kb.energy.caveat
    )
    sources = equation.sources + (level.sources if level else ())
    if goal_per_week:
        sources += kb.energy.weight_change.sources
    return EnergyResult(
        inputs=EnergyInput(
            age_years=age_years,
            sex=sex,
            weight_kg=weight_kg,
            height_cm=height_cm,
            activity=activity,
            goal_unit=goal_unit,
            goal_per_week=goal_per_week,
            goal_kg_per_week=goal_per_week if goal_unit == "kg" else pounds_to_kg(goal_per_week),
        ),
        activity_factor=factor,
        activity_slug=level.slug if level else None,
        bmr_kcal=bmr,
        maintenance_kcal=maintenance,
        daily_adjustment_kcal=adjustment,
        target_kcal_before_floor=before_floor,
        target_kcal=max(before_floor, floor.kcal),
        floor_kcal=floor.kcal,
        below_floor=below,
        bmi=bmi,
        warnings=warnings,
        notes=notes,
        sources=tuple(dict.fromkeys(sources + floor.sources)),
    )
