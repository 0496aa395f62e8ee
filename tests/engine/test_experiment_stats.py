"""The N-of-1 statistics (engine/experiment_stats.py, engine/experiment_simulation.py): the exact
randomisation test and its inverted interval against hand-worked examples, then over simulated
experiments with a known effect, AR(1) day-to-day correlation and a slow trend: the
false-positive rate stays at most alpha (plus the Monte-Carlo margin), the power reaches its
stated bound, and the interval covers the true effect at about the nominal rate. The
simulator's period means have the exact AR(1) covariances. Seeds are fixed: every run is the
same. (test_experiment_stats_numpy.py compares the test and the interval with the former NumPy
implementation.)"""

from __future__ import annotations

import itertools
import math
import random

import pytest

from mgcoach.engine.experiment_simulation import PeriodNoise, simulate_improvements
from mgcoach.engine.experiment_stats import (
    allowed_extremes,
    extreme_count,
    p_values,
    randomisation_test,
    shift_interval,
    shift_intervals,
)

ALPHA = 0.05
RUNS = 2000


def margin(rate: float, runs: int = RUNS) -> float:
    """Three Monte-Carlo standard errors of a rate measured over ``runs`` experiments."""
    return 3 * math.sqrt(rate * (1 - rate) / runs)


@pytest.mark.parametrize(
    "values",
    [
        (3.0,),
        (1.0, 2.0, 4.0),
        (1.0, -2.0, 3.0, 0.5, -0.25),
        (2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0),  # every allocation with one flip ties another
        (0.1, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 2.9),
    ],
)
def test_meeting_in_the_middle_counts_every_allocation_once(values: tuple[float, ...]) -> None:
    """The count by half-sums equals the count over all 2^k sign vectors, one by one."""
    observed = abs(sum(values))
    by_hand = sum(
        1
        for signs in itertools.product((1, -1), repeat=len(values))
        if abs(sum(s * v for s, v in zip(signs, values, strict=True))) >= observed - 1e-12
    )
    assert extreme_count(values) == by_hand


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
        pytest.param((0.0, 0.0, 0.0, 0.0, 0.0, 0.0), 1.0, id="no-change"),
    ],
)
def test_p_value_by_hand(improvements: tuple[float, ...], p: float) -> None:
    assert randomisation_test(improvements) == pytest.approx(p)


def test_allowed_extremes() -> None:
    # 6 pairs: 3/64 <= 0.05 < 4/64; extreme allocations come with their mirrors, so in
    # effect none besides the two one-sided ones.
    assert allowed_extremes(6, ALPHA) == 1
    assert allowed_extremes(8, ALPHA) == 10  # 12/256 <= 0.05 < 13/256
    assert allowed_extremes(5, ALPHA) == -1  # 2/32 > 0.05: nothing can be rejected


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
    assert randomisation_test(tuple(d - (high + 1e-6) for d in improvements)) <= ALPHA
    assert randomisation_test(tuple(d - (high - 1e-6) for d in improvements)) > ALPHA


def test_too_few_pairs_cannot_bound_the_effect() -> None:
    assert shift_interval((1.0, 2.0, 3.0, 4.0, 5.0), ALPHA) == (-math.inf, math.inf)


def ar1_covariance(rho: float, first: range, second: range) -> float:
    """The exact covariance of the means of AR(1) noise (variance 1) over two day ranges."""
    return sum(rho ** abs(i - j) for i in first for j in second) / (len(first) * len(second))


@pytest.mark.parametrize(("period_days", "washout_days", "rho"), [(14, 3, 0.5), (7, 2, 0.8)])
def test_period_means_have_the_ar1_covariances(
    period_days: int, washout_days: int, rho: float
) -> None:
    """Drawn two normals a period, the analysed means vary and co-vary as those of the days
    drawn one by one: checked for a period with itself, its neighbour and the one after."""
    noise = PeriodNoise.of(period_days, washout_days, rho)
    rng = random.Random(11)
    draws = [noise.means(rng, 4) for _ in range(20000)]
    days = [range(p * period_days + washout_days, (p + 1) * period_days) for p in range(4)]
    for lag in (0, 1, 2):
        pairs = [(row[1], row[1 + lag]) for row in draws]
        measured = sum(a * b for a, b in pairs) / len(pairs)  # the means are 0
        exact = ar1_covariance(rho, days[1], days[1 + lag])
        spread = math.sqrt(sum((a * b - measured) ** 2 for a, b in pairs) / len(pairs))
        assert abs(measured - exact) <= 4 * spread / math.sqrt(len(pairs)), lag


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
    rng = random.Random(20 + pairs * 100 + period_days)
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
    found = [p <= ALPHA for p in p_values(improvements)]
    lows, highs = shift_intervals(improvements, ALPHA)
    bounds = list(zip(lows, highs, strict=True))
    covered = sum(low <= effect <= high for low, high in bounds) / RUNS
    # The interval and the test agree: zero lies outside exactly when p <= alpha.
    assert found == [low > 0 or high < 0 for low, high in bounds]
    assert covered >= 1 - ALPHA - margin(ALPHA)
    rate = sum(found) / RUNS
    if power is None:
        assert rate <= ALPHA + margin(ALPHA)
    else:
        assert rate >= power
