"""The integer programme (foods/gap_model.py, solved by foods/gap_search.py): silent, and its
two solves on a model small enough to check by hand."""

from __future__ import annotations

import pytest

from mgcoach.foods.gap_model import (
    DEFAULT_WEIGHTS,
    Candidate,
    Limits,
    magnesium_of,
    maximise_magnesium,
    minimise_energy,
    pool_of,
)
from mgcoach.foods.model import Food, FoodSource

LIMITS = Limits(
    max_kcal=None, max_sodium_mg=None, max_items=4, max_portions_each=2, max_per_group=1
)


def candidate(ident: str, magnesium: float, energy: float, group: str) -> Candidate:
    food = Food(
        id=ident,
        name=ident,
        source=FoodSource.CURATED,
        group=group,
        per_100g={"magnesium_mg": magnesium, "energy_kcal": energy, "sodium_mg": 0.0},
    )
    return Candidate(food, "100 g", 100.0)


POOL = pool_of(
    [
        candidate("seeds", 500, 550, "seeds"),
        candidate("spinach", 80, 25, "vegetables"),
        candidate("bran", 600, 215, "grains"),
    ]
)


def test_the_solver_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    # Nothing on file descriptor 1 (HiGHS once printed a banner there): it would break `--json`.
    minimise_energy(POOL, 100, LIMITS, DEFAULT_WEIGHTS)
    maximise_magnesium(POOL, LIMITS)
    assert capfd.readouterr() == ("", "")


def test_the_lightest_plan_and_the_most_magnesium() -> None:
    # 2 portions of spinach (160 mg, 50 kcal + 20 per food) beat 1 of bran (600 mg, 215 kcal).
    assert minimise_energy(POOL, 150, LIMITS, DEFAULT_WEIGHTS) == (0, 2, 0)
    assert minimise_energy(POOL, 700, LIMITS, DEFAULT_WEIGHTS) == (0, 2, 1)
    most = maximise_magnesium(POOL, LIMITS)
    assert most == (2, 2, 2)
    assert magnesium_of(POOL, most) == 2 * (500 + 80 + 600)


def test_no_plan_is_none() -> None:
    assert minimise_energy(POOL, 5000, LIMITS, DEFAULT_WEIGHTS) is None
    assert maximise_magnesium(pool_of([]), LIMITS) is None
