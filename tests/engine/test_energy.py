"""Mifflin–St Jeor, activity factors and weight goals (magnesium-facts.md §9)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcoach.engine.energy import energy_target
from mgcoach.errors import InputError, ProfileError
from mgcoach.knowledge import KnowledgeBase
from mgcoach.knowledge.vocabulary import Sex


def run(kb: KnowledgeBase, **kw):
    args = {"age_years": 40, "sex": Sex.MALE, "weight_kg": 80, "height_cm": 180}
    args |= {"activity": "sedentary"} | kw
    return energy_target(kb, **args)


@pytest.mark.parametrize(
    ("sex", "age", "weight", "height", "bmr"),
    [
        pytest.param(Sex.MALE, 30, 80, 180, 10 * 80 + 6.25 * 180 - 5 * 30 + 5, id="male-30"),
        pytest.param(Sex.FEMALE, 45, 60, 165, 10 * 60 + 6.25 * 165 - 5 * 45 - 161, id="female-45"),
        pytest.param(Sex.FEMALE, 70, 72.5, 158, 10 * 72.5 + 6.25 * 158 - 5 * 70 - 161, id="f-70"),
    ],
)
def test_bmr(kb: KnowledgeBase, sex: Sex, age: float, weight: float, height: float, bmr: float):
    result = run(kb, sex=sex, age_years=age, weight_kg=weight, height_cm=height)
    assert result.bmr_kcal == pytest.approx(bmr)


@pytest.mark.parametrize(
    ("activity", "factor"),
    [
        ("sedentary", 1.2),
        ("light", 1.375),
        ("moderate", 1.55),
        ("very", 1.725),
        ("extra", 1.9),
        ("1.55", 1.55),
        ("1,375", 1.375),
    ],
)
def test_activity_factor(kb: KnowledgeBase, activity: str, factor: float) -> None:
    result = run(kb, activity=activity)
    assert result.maintenance_kcal == pytest.approx(result.bmr_kcal * factor)


@pytest.mark.parametrize(
    ("goal", "unit", "adjustment"),
    [
        pytest.param(-0.25, "kg", -275, id="lose-0.25kg"),
        pytest.param(0.2, "kg", 220, id="gain-0.2kg"),  # any goal up to 1 kg (issue 15)
        pytest.param(-0.1, "kg", -110, id="lose-0.1kg"),
        pytest.param(-0.5, "kg", -550, id="lose-0.5kg"),
        pytest.param(1.0, "kg", 1100, id="gain-1kg"),
        pytest.param(-0.5, "lb", -250, id="lose-0.5lb"),
        pytest.param(-1, "lb", -500, id="lose-1lb"),
        pytest.param(-2, "lb", -1000, id="lose-2lb"),
    ],
)
def test_goal_adjustment(kb: KnowledgeBase, goal: float, unit: str, adjustment: float) -> None:
    result = run(kb, goal_per_week=goal, goal_unit=unit, activity="very")
    assert result.daily_adjustment_kcal == pytest.approx(adjustment)
    assert result.target_kcal_before_floor == pytest.approx(result.maintenance_kcal + adjustment)


def test_below_floor_is_raised_and_warned(kb: KnowledgeBase) -> None:
    result = run(kb, sex=Sex.FEMALE, weight_kg=55, height_cm=160, age_years=60, goal_per_week=-1)
    assert result.below_floor and result.target_kcal == 1200
    assert result.target_kcal_before_floor < 1200
    assert "below_floor" in [w.code for w in result.warnings]


def test_male_floor_is_1500(kb: KnowledgeBase) -> None:
    result = run(kb, weight_kg=60, height_cm=165, age_years=70, goal_per_week=-1)
    assert result.below_floor and result.target_kcal == 1500


@pytest.mark.parametrize(
    "kw",
    [
        pytest.param({"goal_per_week": -1.5}, id="too-fast"),
        pytest.param({"goal_per_week": 3, "goal_unit": "lb"}, id="too-fast-lb"),
        pytest.param({"activity": "couch"}, id="unknown-activity"),
        pytest.param({"activity": "3.0"}, id="factor-out-of-range"),
    ],
)
def test_bad_energy_input(kb: KnowledgeBase, kw: dict) -> None:
    with pytest.raises(InputError):
        run(kb, **kw)


@pytest.mark.parametrize(
    "kw", [{"age_years": 12}, {"weight_kg": -80}, {"height_cm": 20}], ids=["child", "neg-w", "h"]
)
def test_impossible_bodies(kb: KnowledgeBase, kw: dict) -> None:
    with pytest.raises(ProfileError):
        run(kb, **kw)


@given(
    rate=st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0, -0.25, -0.5, -0.75, -1.0]),
    weight=st.floats(min_value=40, max_value=200),
    height=st.floats(min_value=140, max_value=210),
)
def test_target_never_below_floor(kb: KnowledgeBase, rate: float, weight: float, height: float):
    result = run(kb, goal_per_week=rate, weight_kg=weight, height_cm=height)
    assert result.target_kcal >= result.floor_kcal
    assert result.target_kcal_before_floor == pytest.approx(
        result.maintenance_kcal + rate * 7700 / 7
    )
