"""The N-of-1 statistics (engine/experiment_stats.py): the exact randomisation test and its
inverted interval against hand-worked examples, then over simulated experiments with a known
effect, AR(1) day-to-day correlation and a slow trend: the false-positive rate stays at most
alpha (plus the Monte-Carlo margin), the power reaches its stated bound, and the interval
covers the true effect at about the nominal rate. Seeds are fixed: every run is the same."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mgcoach.engine.experiment_stats import (
    p_values,
    randomisation_test,
    shift_interval,
    shift_intervals,
    sign_flips,
    simulate_improvements,
)

ALPHA = 0.05
RUNS = 2000


def margin(rate: float, runs: int = RUNS) -> float:
    """Three Monte-Carlo standard errors of a rate measured over ``runs`` experiments."""
    return 3 * math.sqrt(rate * (1 - rate) / runs)


def test_every_allocation_once() -> None:
    flips = sign_flips(3)
    assert flips.shape == (8, 3)
    assert len({tuple(row) for row in flips}) == 8
    assert tuple(flips[0]) == (1.0, 1.0, 1.0)  # the observed allocation first


@pytest.mark.parametrize(
    ("improvements", "p"),
    [
        # All six pairs better on: only the observed allocation and its mirror are as extreme.
        pytest.param((1.0, 2.0, 3.0, 4.0, 5.0, 6.0), 2 / 64, id="all-six-one-way"),
        # Sum 19 of a possible 21: flipping nothing or flipping the 1 (and the mirrors).
        pytest.param((-1.0, 2.0, 3.0, 4.0, 5.0, 6.0), 4 / 64, id="one-against"),
        # Five pairs can never reach 0.05: the smallest p is 2/32.
        pytest.param((1.0, 2.0, 3.0, 4.0, 5.0), 2 / 32, id="five-pairs"),
        # Sum 0: every allocation is as extreme.
        pytest.param((1.0, -1.0, 2.0, -2.0, 3.0, -3.0), 1.0, id="balanced"),
    ],
)
def test_p_value_by_hand(improvements: tuple[float, ...], p: float) -> None:
    assert randomisation_test(improvements) == pytest.approx(p)


def test_interval_of_six_pairs_is_their_range() -> None:
    """With 6 pairs at 0.05 a shift is rejected only when every pair lies on one side of it
    (p = 2/64), so the interval runs from the smallest improvement to the largest."""
    low, high = shift_interval((0.5, 1.0, 2.0, 3.5, 4.0, 7.0), ALPHA)
    assert low == pytest.approx(0.5, abs=1e-6)
    assert high == pytest.approx(7.0, abs=1e-6)


def test_interval_of_eight_pairs_drops_the_extremes() -> None:
    """With 8 pairs (256 allocations), a shift just inside the smallest improvement is
    rejected too: the interval is narrower than the range."""
    improvements = (0.1, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 2.9)
    low, high = shift_interval(improvements, ALPHA)
    assert 0.1 < low < 1.0 < high < 2.9
    assert randomisation_test(tuple(d - (low - 1e-6) for d in improvements)) <= ALPHA
    assert randomisation_test(tuple(d - (low + 1e-6) for d in improvements)) > ALPHA


def test_too_few_pairs_cannot_bound_the_effect() -> None:
    assert shift_interval((1.0, 2.0, 3.0, 4.0, 5.0), ALPHA) == (-math.inf, math.inf)


# (pairs, period days, wash-out days, true effect in SDs of a day's answer, AR(1) rho, trend
# per day in SDs): the null cases check the false-positive rate, the others the power bound.
SIMULATIONS = [
    pytest.param(6, 14, 3, 0.0, 0.5, 0.0, None, id="null-6-pairs"),
    pytest.param(6, 14, 3, 0.0, 0.8, 0.02, None, id="null-strong-autocorrelation-and-trend"),
    pytest.param(8, 7, 2, 0.0, 0.5, 0.0, None, id="null-8-weekly-pairs"),
    pytest.param(6, 14, 3, 1.0, 0.5, 0.0, 0.55, id="1sd-6-pairs"),
    pytest.param(8, 14, 3, 1.0, 0.5, 0.0, 0.85, id="1sd-8-pairs"),
    pytest.param(8, 14, 3, 0.5, 0.5, 0.0, 0.33, id="half-sd-8-pairs"),
]


@pytest.mark.parametrize(
    ("pairs", "period_days", "washout_days", "effect", "rho", "trend", "power"), SIMULATIONS
)
def test_simulated_experiments(
    pairs: int,
    period_days: int,
    washout_days: int,
    effect: float,
    rho: float,
    trend: float,
    power: float | None,
) -> None:
    rng = np.random.default_rng(20 + pairs * 100 + period_days)
    improvements = simulate_improvements(
        rng,
        RUNS,
        pairs=pairs,
        period_days=period_days,
        washout_days=washout_days,
        effect=effect,
        rho=rho,
        trend=trend,
    )
    found = p_values(improvements) <= ALPHA
    low, high = shift_intervals(improvements, ALPHA)
    covered = float(((low <= effect) & (effect <= high)).mean())
    # The interval and the test agree: zero lies outside exactly when p <= alpha.
    assert np.array_equal(found, (low > 0) | (high < 0))
    assert covered >= 1 - ALPHA - margin(ALPHA)
    if power is None:
        assert found.mean() <= ALPHA + margin(ALPHA)
    else:
        assert found.mean() >= power
