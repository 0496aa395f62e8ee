"""The targets engine across nutrients: increments, fallbacks, candidates, weight, phytate."""

from __future__ import annotations

import pytest

from mgcoach.engine.profile import build_profile
from mgcoach.engine.targets import nutrient_target, targets
from mgcoach.knowledge import KnowledgeBase
from mgcoach.knowledge.vocabulary import System


def target(kb: KnowledgeBase, nutrient: str, system: str, **profile):
    return nutrient_target(kb, nutrient, System(system), build_profile(**profile))


def test_every_nutrient_answers_for_every_system(kb: KnowledgeBase) -> None:
    profile = build_profile(sex="female", age_years=32, pregnant=True, trimester=2, weight_kg=65)
    for system in System:
        result = targets(kb, system, profile)
        assert set(result.nutrients) == set(kb.nutrients)
        assert result.life_stage.slug == "pregnancy_31_50"


@pytest.mark.parametrize(
    ("nutrient", "system", "profile", "expected"),
    [
        pytest.param("calcium", "us", {"sex": "female", "age_years": 55}, 1200, id="ca-us-f55"),
        pytest.param(
            "calcium",
            "uk",
            {"sex": "female", "age_years": 30, "lactating": True},
            1250,
            id="ca-uk-lactating-plus-550",
        ),
        pytest.param(
            "potassium",
            "efsa",
            {"sex": "female", "age_years": 30, "lactating": True},
            4000,
            id="k-efsa-lactating",
        ),
        pytest.param("zinc", "efsa", {"sex": "male", "age_years": 40}, 11.7, id="zn-efsa-lpi600"),
        pytest.param(
            "zinc",
            "efsa",
            {"sex": "male", "age_years": 40, "phytate_mg": 1000},
            14.0,
            id="zn-efsa-nearest-900",
        ),
        pytest.param(
            "zinc",
            "efsa",
            {"sex": "female", "age_years": 30, "pregnant": True, "phytate_mg": 300},
            9.1,
            id="zn-efsa-pregnant-lpi300",
        ),
        pytest.param("zinc", "dach", {"sex": "male", "age_years": 40}, 14, id="zn-dach-medium"),
        pytest.param(
            "zinc",
            "uk",
            {"sex": "female", "age_years": 30, "lactating": True, "postpartum_months": 2},
            13.0,
            id="zn-uk-lact-0-4m",
        ),
        pytest.param(
            "protein",
            "us",
            {"sex": "male", "age_years": 40, "weight_kg": 70},
            56.0,
            id="protein-us-70kg",
        ),
        pytest.param(
            "protein",
            "efsa",
            {"sex": "female", "age_years": 30, "weight_kg": 60, "pregnant": True, "trimester": 3},
            0.83 * 60 + 28,
            id="protein-efsa-t3-plus-28",
        ),
        pytest.param("vitamin_d", "us", {"sex": "male", "age_years": 75}, 20, id="vitd-us-75"),
    ],
)
def test_targets(kb: KnowledgeBase, nutrient: str, system: str, profile: dict, expected) -> None:
    result = target(kb, nutrient, system, **profile)
    assert result.target == pytest.approx(expected)


def test_dutch_gap_borrows_efsa_and_says_so(kb: KnowledgeBase) -> None:
    result = target(kb, "calcium", "nl", sex="female", age_years=30, pregnant=True)
    assert result.fallback is System.EFSA
    assert result.target == 950


def test_dutch_sodium_has_no_target_but_a_limit(kb: KnowledgeBase) -> None:
    result = target(kb, "sodium", "nl", sex="male", age_years=40)
    assert result.target is None and result.reason is not None
    assert result.limit is not None and (result.limit.value, result.limit.kind) == (
        2400,
        "guideline_max",
    )


def test_us_sodium_has_a_cdrr_ceiling(kb: KnowledgeBase) -> None:
    result = target(kb, "sodium", "us", sex="female", age_years=50)
    assert (result.target, result.kind) == (1500, "AI")
    assert result.limit is not None and (result.limit.value, result.limit.kind) == (2300, "CDRR")


def test_protein_without_weight_is_per_kg(kb: KnowledgeBase) -> None:
    result = target(kb, "protein", "efsa", sex="male", age_years=40)
    assert result.target is None and result.per_kg == 0.83
    assert result.reason is not None and result.reason.code == "weight_required"


def test_trimester_missing_lists_candidates(kb: KnowledgeBase) -> None:
    result = target(kb, "protein", "efsa", sex="female", age_years=30, weight_kg=60, pregnant=True)
    assert result.target is None
    assert [c.trimester for c in result.candidates] == [1, 2, 3]
    assert [round(c.target or 0, 1) for c in result.candidates] == [50.8, 58.8, 77.8]


def test_zinc_reports_the_phytate_level_used(kb: KnowledgeBase) -> None:
    default = target(kb, "zinc", "dach", sex="female", age_years=40)
    assert (default.phytate_used_mg, default.phytate_default_used) == (660, True)
    given = target(kb, "zinc", "dach", sex="female", age_years=40, phytate_mg=400)
    assert (given.phytate_used_mg, given.phytate_default_used, given.target) == (330, False, 7)
    assert target(kb, "zinc", "us", sex="female", age_years=40).phytate_used_mg is None
