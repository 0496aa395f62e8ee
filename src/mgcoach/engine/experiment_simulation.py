"""Simulated N-of-1 experiments, for the design's power (engine/experiment.py) and for the tests
of the statistics (tests/engine/test_experiment_stats.py).

The model: daily answers with AR(1) noise (stationary, variance 1, correlation ``rho`` from
one day to the next), a linear ``trend`` per day, ``effect`` added on the on days, each pair's
order drawn at random, the first ``washout_days`` of every period left out.

Only each period's mean over its analysed days is needed, so the days are not drawn one by
one. Given the noise x on the day before a period, the sum of its analysed days and its last
day are jointly normal: each is a multiple of x plus a sum of the period's daily innovations,
weighted by powers of ρ (``PeriodNoise``). Two normal draws per period give exactly the
distribution of period means that the days drawn one by one give, with a seventh of the draws
of a two-week period (tests/engine/test_experiment_stats.py compares the covariances of the
period means with the exact ones). Pure; the random source is handed in (``random.Random``),
so a seed gives the same experiments every time.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PeriodNoise:
    """The AR(1) noise of one period after a day at x: the analysed days' sum is
    ``to_sum``·x + e_sum, the last day ``to_last``·x + e_last, with e_last = ``last_sd``·z1
    and e_sum = ``sum_on_last``·z1 + ``sum_own_sd``·z2 (z1, z2 independent standard normals)."""

    analysed_days: int
    to_sum: float
    to_last: float
    last_sd: float
    sum_on_last: float
    sum_own_sd: float

    @classmethod
    def of(cls, period_days: int, washout_days: int, rho: float) -> PeriodNoise:
        days = range(1, period_days + 1)
        analysed = range(washout_days + 1, period_days + 1)
        # Day j's noise is ρ^j·x + Σ_{i<=j} ρ^(j−i)·innovation_i, each innovation of
        # variance 1 − ρ²: the weights of innovation i in the analysed sum and the last day.
        to_sum = [math.fsum(rho ** (j - i) for j in analysed if j >= i) for i in days]
        to_last = [rho ** (period_days - i) for i in days]
        innovation = 1.0 - rho**2
        var_sum = innovation * math.fsum(w * w for w in to_sum)
        var_last = innovation * math.fsum(w * w for w in to_last)
        covariance = innovation * math.fsum(a * b for a, b in zip(to_sum, to_last, strict=True))
        last_sd = math.sqrt(var_last)
        on_last = covariance / last_sd if last_sd > 0 else 0.0
        return cls(
            analysed_days=len(analysed),
            to_sum=math.fsum(rho**j for j in analysed),
            to_last=rho**period_days,
            last_sd=last_sd,
            sum_on_last=on_last,
            sum_own_sd=math.sqrt(max(0.0, var_sum - on_last**2)),
        )

    def means(self, rng: random.Random, periods: int) -> list[float]:
        """The mean noise over the analysed days of ``periods`` periods in a row, the first
        after a stationary day."""
        gauss, days = rng.gauss, self.analysed_days
        to_sum, to_last, last_sd = self.to_sum, self.to_last, self.last_sd
        on_last, own_sd = self.sum_on_last, self.sum_own_sd
        state = gauss(0.0, 1.0)
        means: list[float] = []
        for _ in range(periods):
            shared, own = gauss(0.0, 1.0), gauss(0.0, 1.0)
            means.append((to_sum * state + on_last * shared + own_sd * own) / days)
            state = to_last * state + last_sd * shared
        return means


def simulate_improvements(
    rng: random.Random,
    experiments: int,
    *,
    pairs: int,
    period_days: int,
    washout_days: int,
    effect: float,
    rho: float,
    trend: float = 0.0,
) -> list[tuple[float, ...]]:
    """Pair improvements (on mean − off mean) of ``experiments`` simulated experiments, one
    row of ``pairs`` values each, in SDs of a day's answer."""
    noise = PeriodNoise.of(period_days, washout_days, rho)
    # A period's analysed days have the mean day index start + washout + (analysed − 1) / 2.
    middle = washout_days + (noise.analysed_days - 1) / 2
    drift = [trend * (index * period_days + middle) for index in range(2 * pairs)]
    rows: list[tuple[float, ...]] = []
    for _ in range(experiments):
        means = noise.means(rng, 2 * pairs)
        orders = rng.getrandbits(pairs)  # bit i set: pair i's first period is the on one
        row = []
        for pair in range(pairs):
            first = means[2 * pair] + drift[2 * pair]
            second = means[2 * pair + 1] + drift[2 * pair + 1]
            on_first = orders >> pair & 1
            row.append(effect + (first - second if on_first else second - first))
        rows.append(tuple(row))
    return rows
