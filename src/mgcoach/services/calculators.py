"""The calculator commands as functions: one code path for the CLI and the JSON API.

Each function takes its inputs as declared in ``services/inputs.py``, the raw values exactly
as ``mgcoach <command>`` receives its options (strings for names and units, ``None`` for an
option not given), validates them with the engine's rules and returns the engine's result.
The CLI renders it as a table or ``--json``; the API answers with the same ``contract`` JSON,
so both say the same thing.

Each function imports the engine modules it uses (the safety engine's are many): a command
that runs one calculator starts without the others.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..engine.profile import build_profile, parse_sex, parse_system
from ..engine.targets import TargetsResult
from ..engine.targets import targets as compute_targets
from ..errors import InputError, about
from ..i18n import N_, Msgid
from ..knowledge import KnowledgeBase
from ..knowledge.compound_names import find_compound
from ..units import inches_to_cm, parse_amount_unit, parse_serum_unit, pounds_to_kg
from .inputs import (
    AdviceInput,
    AmountInput,
    CheckInput,
    ElementalInput,
    EnergyInput,
    SerumInput,
    TargetsInput,
)

if TYPE_CHECKING:
    from ..engine.advice import Plan
    from ..engine.check import CheckResult
    from ..engine.elemental import ElementalResult
    from ..engine.energy import EnergyResult
    from ..engine.interactions import MagnesiumDose
    from ..engine.schedule import Preferences
    from ..engine.serum import SerumResult


def targets_result(kb: KnowledgeBase, given: TargetsInput) -> TargetsResult:
    """``mgcoach targets``: reference intakes and upper levels for a person."""
    profile = build_profile(
        sex=given.sex,
        age_years=given.age,
        age_months=given.age_months,
        pregnant=given.pregnant,
        lactating=given.lactating,
        trimester=given.trimester,
        postpartum_months=given.postpartum_months,
        weight_kg=given.weight_kg,
        phytate_mg=given.phytate_mg,
    )
    return compute_targets(kb, parse_system(given.system), profile)


def elemental_result(kb: KnowledgeBase, given: ElementalInput) -> ElementalResult:
    """``mgcoach elemental``: a compound dose, a label line, or the dose for elemental mg."""
    from ..engine import elemental as elemental_engine

    compound, dose_mg = given.compound, given.dose_mg
    label, elemental_mg = given.label, given.elemental_mg
    if label is not None:
        if compound is not None or elemental_mg is not None:
            raise InputError(
                N_("Give a label, or a compound with a dose, not both."), field="label"
            )
        return elemental_engine.from_label(kb, label)
    if compound is None:
        raise InputError(
            N_("Name a compound and a dose, or give the label line."), field="compound"
        )
    if elemental_mg is not None:
        if dose_mg is not None:
            raise InputError(
                N_("Give the compound's dose or the magnesium itself in mg, not both."),
                field="elemental_mg",
            )
        return elemental_engine.to_compound(kb, compound, elemental_mg)
    if dose_mg is None:
        raise InputError(N_("Give the compound dose in mg."), field="dose_mg")
    return elemental_engine.from_compound(kb, compound, dose_mg)


def amount_result(given: AmountInput) -> dict[str, float]:
    """``mgcoach amount``: an amount of magnesium in mg, g, mmol and mEq."""
    from ..engine.elemental import amount

    return amount(given.value, parse_amount_unit(given.unit))


def parse_range(text: str | None) -> tuple[float, float] | None:
    """A laboratory reference range written LOW-HIGH (a Dutch decimal comma allowed)."""
    if text is None:
        return None
    parts = text.replace(" ", "").replace("–", "-").split("-")
    try:
        low, high = (float(p.replace(",", ".")) for p in parts)
    except ValueError:
        raise InputError(
            N_("A laboratory range is written LOW-HIGH, e.g. 0.70-1.00; {range} is not."),
            field="lab_range",
            range=text,
        ) from None
    return low, high


def serum_result(kb: KnowledgeBase, given: SerumInput) -> SerumResult:
    """``mgcoach serum``: a serum magnesium value converted and classified."""
    from ..engine.serum import classify

    unit = parse_serum_unit(given.unit)
    return classify(kb, given.value, unit, parse_range(given.lab_range))


def _one_of(
    metric: float | None,
    imperial: float | None,
    convert: Callable[[float], float],
    fields: tuple[str, str],
    messages: tuple[str, str],
) -> float:
    """The metric value, or the imperial one converted; ``messages``: (both given, neither)."""
    both, missing = messages
    if metric is not None and imperial is not None:
        raise InputError(both, field=fields)
    if metric is not None:
        return metric
    if imperial is not None:
        return float(convert(imperial))
    raise InputError(missing, field=fields)


# A number beyond this is not an activity factor, and would not even print in a message.
_FACTOR_LIMIT = 1e6


def plain_activity(kb: KnowledgeBase, text: str) -> str:
    """``text`` unless it is a number no activity factor can be (nan, inf, 1e30): those are
    refused here, naming the text as given, before they reach a message as a number."""
    try:
        number = float(text.strip().replace(",", "."))
    except ValueError:
        return text
    if not math.isfinite(number) or abs(number) > _FACTOR_LIMIT:
        raise InputError(
            N_("Unknown activity level {activity}: use a factor or one of {choices}."),
            field="activity",
            activity=text,
            choices=", ".join(level.slug for level in kb.energy.activity),
        )
    return text


def energy_result(kb: KnowledgeBase, given: EnergyInput) -> EnergyResult:
    """``mgcoach energy``: the calorie target (BMR, activity, weight goal)."""
    from ..engine.energy import energy_target

    weight = _one_of(
        given.weight_kg,
        given.weight_lb,
        pounds_to_kg,
        ("weight_kg", "weight_lb"),
        (
            N_("Give the weight in kg or in pounds, not both."),
            N_("The weight is missing: give it in kg or in pounds."),
        ),
    )
    height = _one_of(
        given.height_cm,
        given.height_in,
        inches_to_cm,
        ("height_cm", "height_in"),
        (
            N_("Give the height in cm or in inches, not both."),
            N_("The height is missing: give it in cm or in inches."),
        ),
    )
    goal_kg_per_week, goal_lb_per_week = given.goal_kg_per_week, given.goal_lb_per_week
    if goal_kg_per_week is not None and goal_lb_per_week is not None:
        raise InputError(
            N_("Give the goal in kg or in pounds, not both."),
            field=("goal_kg_per_week", "goal_lb_per_week"),
        )
    goal, goal_unit = (
        (goal_lb_per_week, "lb")
        if goal_lb_per_week is not None
        else (goal_kg_per_week or 0.0, "kg")
    )
    return energy_target(
        kb,
        age_years=given.age,
        sex=parse_sex(given.sex),
        weight_kg=weight,
        height_cm=height,
        activity=plain_activity(kb, given.activity),
        goal_per_week=goal,
        goal_unit=goal_unit,
    )


def doses(specs: Sequence[str]) -> tuple[MagnesiumDose, ...]:
    """``--take MG@HH:MM`` values as doses; two doses at one time are refused."""
    from ..engine.clock import parse_take
    from ..engine.interactions import MagnesiumDose

    found = [MagnesiumDose(mg=mg, times=times) for mg, times in map(parse_take, specs)]
    times = [t for dose in found for t in dose.times]
    if len(set(times)) != len(times):
        raise InputError(
            N_("Two magnesium doses are given at the same time: add them up."), field="take"
        )
    return tuple(found)


def preferences(
    kb: KnowledgeBase,
    meals: str | None,
    evening: bool,
    with_meals: bool,
    awake: str | None,
    max_dose_mg: float | None,
) -> Preferences:
    """The timing wishes of ``check`` and ``advise`` (``--meals``, ``--awake`` ...)."""
    from ..engine.clock import parse_time, parse_times
    from ..engine.schedule import Preferences

    awake_from = awake_until = None
    if awake is not None:
        start, dash, end = awake.partition("-")
        if not dash:
            raise InputError(
                N_("Give the waking hours as HH:MM-HH:MM, not {value}."), field="awake", value=awake
            )
        with about("awake"):
            awake_from, awake_until = parse_time(start), parse_time(end)
        if awake_from >= awake_until:
            raise InputError(
                N_("The waking hours must start before they end: {value}."),
                field="awake",
                value=awake,
            )
    if max_dose_mg is not None and not 25 <= max_dose_mg <= 1000:
        raise InputError(
            N_("The largest single dose must be from 25 to 1,000 mg."), field="max_dose_mg"
        )
    meal_times = None
    if meals is not None:
        with about("meals"):
            meal_times = parse_times(meals, Msgid(N_("The meal times")))
    return Preferences.from_dosing(
        kb.advice.dosing,
        meal_times=meal_times,
        evening=evening,
        with_meals=with_meals,
        awake_from=awake_from,
        awake_until=awake_until,
        max_single_dose_mg=max_dose_mg,
    )


def check_result(kb: KnowledgeBase, given: CheckInput) -> CheckResult:
    """``mgcoach check``: doses against the upper limit, the kidneys and the medicines."""
    from ..engine.check import check as run_check
    from ..engine.check import validate_egfr
    from ..engine.interactions import medications
    from ..engine.names import find_condition

    g = given
    profile = build_profile(
        sex=g.sex,
        age_years=g.age,
        pregnant=g.pregnant,
        lactating=g.lactating,
        weight_kg=g.weight_kg,
    )
    system_found = parse_system(g.system)
    with about("med"):
        meds = medications(kb, list(g.med))
    return run_check(
        kb,
        system_found,
        profile,
        meds,
        doses(g.take),
        egfr=validate_egfr(g.egfr),
        on_dialysis=g.dialysis,
        conditions=tuple(find_condition(kb, name) for name in g.condition),
        compound=find_compound(kb, g.compound) if g.compound else None,
        preferences=preferences(kb, g.meals, g.evening, g.with_meals, g.awake, g.max_dose_mg),
        prescribed=g.prescribed,
    )


def build_plan(kb: KnowledgeBase, **given: Any) -> Plan:
    """Validate raw answers (CLI options or the guided questions) and make the plan."""
    from ..engine.advice import advise as make_plan
    from ..engine.check import validate_egfr
    from ..engine.interactions import medications
    from ..engine.names import find_concern, find_condition
    from ..engine.serum import classify

    profile = build_profile(
        sex=given["sex"],
        age_years=given["age"],
        pregnant=given["pregnant"],
        lactating=given["lactating"],
        weight_kg=given["weight_kg"],
    )
    concerns, symptoms = [], []
    for name in given["symptoms"]:
        found = find_concern(kb, name)
        if isinstance(found, str):
            symptoms.append(kb.safety.symptoms[found])
        else:
            concerns.append(found)
    serum_found = None
    if given["serum"] is not None:
        value, unit = given["serum"]
        with about("serum"):
            serum_found = classify(kb, value, parse_serum_unit(unit))
    system = parse_system(given["system"])
    with about("med"):
        meds = medications(kb, given["meds"])
    compound = given["compound"]
    return make_plan(
        kb,
        system,
        profile,
        food_mg=given["food_mg"],
        concerns=tuple(concerns),
        symptoms=tuple(symptoms),
        medications=meds,
        conditions=tuple(find_condition(kb, name) for name in given["conditions"]),
        egfr=validate_egfr(given["egfr"]),
        on_dialysis=given["dialysis"],
        serum=serum_found,
        needs={need.replace("-", "_") for need in given["needs"]},
        own_compound=find_compound(kb, compound) if compound else None,
        preferences=given["prefs"],
        taken=doses(given.get("take", [])),
        prescribed=given.get("prescribed", False),
    )


def advice_result(kb: KnowledgeBase, given: AdviceInput) -> Plan:
    """``mgcoach advise``: the personal plan (dose, form, build-up, times, safety)."""
    g = given
    return build_plan(
        kb,
        age=g.age, sex=g.sex, pregnant=g.pregnant, lactating=g.lactating, system=g.system,
        weight_kg=g.weight_kg, food_mg=g.food_mg, symptoms=list(g.symptom), meds=list(g.med),
        egfr=g.egfr, dialysis=g.dialysis, serum=g.serum, conditions=list(g.condition),
        needs=list(g.need), compound=g.compound, take=list(g.take), prescribed=g.prescribed,
        prefs=preferences(kb, g.meals, g.evening, g.with_meals, g.awake, g.max_dose_mg),
    )  # fmt: skip
