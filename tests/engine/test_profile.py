"""Impossible or contradictory profiles are refused with a clear error before any lookup."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcoach.engine.profile import build_profile, parse_system
from mgcoach.errors import ProfileError
from mgcoach.knowledge.vocabulary import State


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"sex": "male", "age_years": 30, "pregnant": True}, id="pregnant-male"),
        pytest.param({"sex": "male", "age_years": 30, "lactating": True}, id="lactating-male"),
        pytest.param({"sex": "female", "age_years": 250}, id="age-250"),
        pytest.param({"sex": "female", "age_years": -1}, id="negative-age"),
        pytest.param({"sex": "female"}, id="no-age"),
        pytest.param({"sex": "female", "age_years": 3, "age_months": 36}, id="two-ages"),
        pytest.param({"sex": "female", "age_years": 5, "pregnant": True}, id="pregnant-age-5"),
        pytest.param(
            {"sex": "female", "age_years": 30, "pregnant": True, "lactating": True},
            id="pregnant-and-lactating",
        ),
        pytest.param({"sex": "female", "age_years": 30, "trimester": 2}, id="trimester-no-preg"),
        pytest.param(
            {"sex": "female", "age_years": 30, "pregnant": True, "trimester": 4}, id="trimester-4"
        ),
        pytest.param({"sex": "female", "age_years": 30, "weight_kg": -70}, id="negative-weight"),
        pytest.param({"sex": "other", "age_years": 30}, id="unknown-sex"),
        pytest.param({"sex": "female", "age_years": 30, "phytate_mg": -5}, id="negative-phytate"),
        pytest.param(
            {"sex": "female", "age_years": 30, "postpartum_months": 3},
            id="postpartum-not-lactating",
        ),
    ],
)
def test_impossible_profiles_are_refused(kwargs: dict) -> None:
    with pytest.raises(ProfileError):
        build_profile(**kwargs)


def test_unknown_system_is_refused() -> None:
    with pytest.raises(ProfileError, match="efsa"):
        parse_system("who")


def test_dutch_words_for_sex_are_understood() -> None:
    assert build_profile(sex="vrouw", age_years=40).sex.value == "female"


@given(st.integers(min_value=0, max_value=125))
def test_any_possible_age_in_years_is_accepted(age: int) -> None:
    profile = build_profile(sex="female", age_years=age)
    assert profile.age_months == age * 12 and profile.state is State.NONE
