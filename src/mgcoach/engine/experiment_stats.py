"""The statistics of an N-of-1 experiment of randomised pairs: an exact randomisation test and
the interval found by inverting it (Edgington & Onghena, *Randomization Tests*, ch. 6 and 9).

The design: k pairs of periods, each pair "on then off" or "off then on" by a random draw
recorded before the start. One number per pair goes in: the improvement ``d_i`` (the on
period's mean minus the off period's, times +1 when higher is better and −1 when lower is;
positive is better on magnesium). The effect is the mean improvement.

Why this test: under "magnesium makes no difference" (the sharp null), the days would have
been the same whichever order was drawn, so swapping a pair's order only flips the sign of its
``d_i``. The p value is the share of the 2^k equally likely allocations whose effect is at
least as far from zero as the observed one: exact, with no assumption about the distribution
of the answers, their day-to-day correlation (autocorrelation) or a slow trend shared by the
two periods of a pair. Its price: with k pairs the smallest two-sided p is 2/2^k, so 6 pairs
are the fewest that can reach 0.05 (experiment.toml ``min_pairs``).

The interval: the shifts δ for which "the effect is δ in every pair" is not rejected at alpha
(the test run on ``d_i − δ``), the usual confidence set of a randomisation test under an
additive effect. Its coverage is at least 1 − alpha whatever the noise (tests/engine: the
simulations measure it with autocorrelated noise).

Everything takes a batch (rows of experiments, NumPy), so the simulations run thousands at
once; ``randomisation_test`` and ``shift_interval`` are the one-experiment forms. Pure.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]

_BISECTIONS = 60  # halvings of the bracket: far below any unit the answers are given in
_TIE = 1e-9  # relative: an allocation's effect equal to the observed one counts as extreme


@cache
def sign_flips(pairs: int) -> Floats:
    """Every allocation of ``pairs`` pairs as ±1 per pair (rows), the observed one first."""
    bits = (np.arange(2**pairs)[:, None] >> np.arange(pairs)[None, :]) & 1
    flips: Floats = 1.0 - 2.0 * bits.astype(np.float64)
    flips.setflags(write=False)
    return flips


def p_values(improvements: Floats, shift: Floats | float = 0.0) -> Floats:
    """The exact two-sided p of each row of ``improvements`` (n × k) under "the effect is
    ``shift``" (one per row, or one for all)."""
    centred = improvements - np.reshape(np.asarray(shift, dtype=np.float64), (-1, 1))
    flips = sign_flips(centred.shape[1])
    observed = np.abs(centred.mean(axis=1))
    every = np.abs(centred @ flips.T) / centred.shape[1]
    scale = np.abs(centred).max(axis=1, initial=0.0)
    extreme = every >= (observed - _TIE * scale - 1e-300)[:, None]
    result: Floats = extreme.mean(axis=1)
    return result


def _bound(improvements: Floats, alpha: float, outward: Floats, inside: Floats) -> Floats:
    """The edge of the not-rejected set between ``inside`` (not rejected) and ``outward``
    (rejected), per row, by bisection."""
    kept, dropped = inside.copy(), outward.copy()
    for _ in range(_BISECTIONS):
        middle = (kept + dropped) / 2
        rejected = p_values(improvements, middle) <= alpha
        kept = np.where(rejected, kept, middle)
        dropped = np.where(rejected, middle, dropped)
    return kept


def shift_intervals(improvements: Floats, alpha: float) -> tuple[Floats, Floats]:
    """The 1 − alpha interval of each row's effect (low, high): the shifts the test does not
    reject. Rows whose design cannot reject anything at alpha (2/2^k > alpha) get ±inf."""
    pairs = improvements.shape[1]
    estimate = improvements.mean(axis=1)
    spread = improvements.max(axis=1) - improvements.min(axis=1) + 1.0
    # Beyond every d_i all centred values share one sign: only 2 of 2^k allocations are as
    # extreme, so the shift is rejected whenever the design can reject at all.
    low = _bound(improvements, alpha, improvements.min(axis=1) - spread, estimate)
    high = _bound(improvements, alpha, improvements.max(axis=1) + spread, estimate)
    if 2.0 / 2**pairs > alpha:
        infinite = np.full_like(estimate, np.inf)
        return -infinite, infinite
    return low, high


def randomisation_test(improvements: tuple[float, ...]) -> float:
    """The exact two-sided p of one experiment's pair improvements (no effect)."""
    return float(p_values(np.array([improvements], dtype=np.float64))[0])


def shift_interval(improvements: tuple[float, ...], alpha: float) -> tuple[float, float]:
    """One experiment's 1 − alpha interval of the effect (±inf when it cannot be bounded)."""
    low, high = shift_intervals(np.array([improvements], dtype=np.float64), alpha)
    return float(low[0]), float(high[0])


def simulate_improvements(
    rng: np.random.Generator,
    experiments: int,
    *,
    pairs: int,
    period_days: int,
    washout_days: int,
    effect: float,
    rho: float,
    trend: float = 0.0,
) -> Floats:
    """Pair improvements of simulated experiments (n × k), for the tests and the design's
    power: daily answers with AR(1) noise (correlation ``rho`` from day to day, variance 1),
    a linear ``trend`` per day, ``effect`` added on the on days (the improvement, in SDs of
    a day's answer), each pair's order drawn at random, the wash-out days left out."""
    days = 2 * pairs * period_days
    shocks = rng.standard_normal((experiments, days))
    noise = np.empty_like(shocks)
    noise[:, 0] = shocks[:, 0]
    innovation = np.sqrt(1.0 - rho**2)
    for day in range(1, days):
        noise[:, day] = rho * noise[:, day - 1] + innovation * shocks[:, day]
    first_on = rng.integers(0, 2, size=(experiments, pairs)).astype(bool)
    arms = np.stack([first_on, ~first_on], axis=2).reshape(experiments, 2 * pairs)
    on = np.repeat(arms, period_days, axis=1)
    answers = noise + trend * np.arange(days) + effect * on
    periods = answers.reshape(experiments, 2 * pairs, period_days)[:, :, washout_days:]
    means = periods.mean(axis=2).reshape(experiments, pairs, 2)
    on_mean = np.where(first_on, means[:, :, 0], means[:, :, 1])
    off_mean = np.where(first_on, means[:, :, 1], means[:, :, 0])
    result: Floats = on_mean - off_mean
    return result
