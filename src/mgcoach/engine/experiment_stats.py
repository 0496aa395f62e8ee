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
are the fewest that can reach 0.05 (experiment.toml ``min_pairs``). An allocation whose effect
equals the observed one within ``_TIE`` (relative to the largest |d_i|) counts as extreme.

How it is counted, in plain Python: by meeting in the middle. The signed sums of the first
half of the pairs (2^(k/2) of them) and of the second half (sorted) are built once; for each
first-half sum the second-half sums that take the total at least as far from zero are found
by bisection. About 2^(k/2) · k steps instead of 2^k · k.

The interval: the shifts δ for which "the effect is δ in every pair" is not rejected at alpha
(the test run on ``d_i − δ``), the usual confidence set of a randomisation test under an
additive effect. Its coverage is at least 1 − alpha whatever the noise (tests/engine: the
simulations measure it with autocorrelated noise). Its edges are found exactly, not by
bisection: an allocation s splits the pairs into the flipped ones F and the others U, and
|Σ s_i(d_i − δ)| ≥ |Σ(d_i − δ)| holds exactly for δ between mean(F) and mean(U) — an interval
holding the estimate mean(d), so the count of extreme allocations only grows towards the
estimate. With the tie rule the allocation's lower end moves to min(r(F), r(U)), r(X) the δ
where 2·|X|·(mean(X) − δ) = k · _TIE · max_i |d_i − δ| (a line on each side of the midrange
of the d_i). The lower edge is then the smallest δ at which more than the allowed number of
allocations are extreme: an order statistic of those ends. The upper edge is the lower edge
of −d, negated. tests/engine/test_experiment_stats.py checks both against the former NumPy
implementation (a full enumeration and a 60-step bisection).

The batch forms (``p_values``, ``shift_intervals``) take rows of experiments, for the
simulations; ``randomisation_test`` and ``shift_interval`` are the one-experiment forms. Pure.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from heapq import nsmallest

_TIE = 1e-9  # relative: an allocation's effect equal to the observed one counts as extreme


def signed_sums(values: Sequence[float]) -> list[float]:
    """Σ ±v_i for every choice of signs (2^n of them; the all-plus choice first)."""
    sums = [0.0]
    for value in values:
        sums = [total + value for total in sums] + [total - value for total in sums]
    return sums


def extreme_count(centred: Sequence[float]) -> int:
    """How many of the 2^k sign allocations of ``centred`` give an effect at least as far from
    zero as the observed one (the tie rule included), counted by meeting in the middle."""
    pairs = len(centred)
    if not pairs:
        raise ValueError("no pairs")
    scale = max(abs(value) for value in centred)
    observed = abs(math.fsum(centred)) / pairs
    threshold = pairs * (observed - _TIE * scale - 1e-300)
    if threshold <= 0:
        return 1 << pairs
    # Every allocation and its mirror (all signs flipped) are equally extreme: count those
    # with the first pair unflipped and double.
    half = max(1, pairs // 2)
    right = sorted(signed_sums(centred[half:]))
    above = len(right)
    return 2 * sum(
        above - bisect_left(right, threshold - left) + bisect_right(right, -threshold - left)
        for left in [centred[0] + total for total in signed_sums(centred[1:half])]
    )


def p_value(improvements: Sequence[float], shift: float = 0.0) -> float:
    """The exact two-sided p of one experiment under "the effect is ``shift``"."""
    centred = [value - shift for value in improvements]
    return extreme_count(centred) / (1 << len(centred))


def p_values(
    improvements: Sequence[Sequence[float]], shift: Sequence[float] | float = 0.0
) -> list[float]:
    """The exact two-sided p of each row of ``improvements`` under "the effect is ``shift``"
    (one per row, or one for all)."""
    shifts = [shift] * len(improvements) if isinstance(shift, float | int) else shift
    return [p_value(row, float(delta)) for row, delta in zip(improvements, shifts, strict=True)]


def allowed_extremes(pairs: int, alpha: float) -> int:
    """The most allocations besides the two all-one-sign ones that may be as extreme as the
    observed one with p still <= alpha (−1: the design can reject nothing at alpha)."""
    total = 1 << pairs
    allowed = max(-1, math.floor(alpha * total) - 2)
    while (allowed + 3) / total <= alpha:
        allowed += 1
    while allowed >= 0 and (allowed + 2) / total > alpha:
        allowed -= 1
    return allowed


def _lower_edge(improvements: Sequence[float], allowed: int) -> float:
    """The smallest shift the test does not reject (``allowed`` as in ``allowed_extremes``):
    the (allowed + 1)-th smallest lower end over the non-constant allocations (each split
    {F, U} is two allocations, s and −s)."""
    pairs = len(improvements)
    low, high = min(improvements), max(improvements)
    middle, width = (low + high) / 2, high - low
    tie = pairs * _TIE
    first, rest = improvements[0], improvements[1:]
    sums, sizes = [0.0], [0]
    for value in rest:
        sums += [total + value for total in sums]
        sizes += [size + 1 for size in sizes]
    whole, everything = math.fsum(improvements), len(sums) - 1  # the last: all of rest

    def end(total: float, size: int) -> float:
        mean = total / size
        if 2 * size * (mean - middle) <= tie * width / 2:
            return mean - tie * (high - mean) / (2 * size - tie)
        return mean - tie * (mean - low) / (2 * size + tie)

    ends = [
        min(end(first + total, size + 1), end(whole - first - total, pairs - size - 1))
        for index, (total, size) in enumerate(zip(sums, sizes, strict=True))
        if index != everything
    ]
    rank = allowed // 2 + 1  # the (allowed + 1)-th of the doubled list
    if rank > len(ends):
        return whole / pairs
    return nsmallest(rank, ends)[-1]


def shift_interval(improvements: Sequence[float], alpha: float) -> tuple[float, float]:
    """One experiment's 1 − alpha interval of the effect: the shifts the test does not reject
    (±inf when the design cannot reject anything at alpha: 2/2^k > alpha)."""
    if not improvements:
        raise ValueError("no pairs")
    allowed = allowed_extremes(len(improvements), alpha)
    if allowed < 0:
        return -math.inf, math.inf
    low = _lower_edge(improvements, allowed)
    high = -_lower_edge([-value for value in improvements], allowed)
    return low, high


def shift_intervals(
    improvements: Sequence[Sequence[float]], alpha: float
) -> tuple[list[float], list[float]]:
    """The 1 − alpha interval of each row's effect (lows, highs)."""
    bounds = [shift_interval(row, alpha) for row in improvements]
    return [low for low, _ in bounds], [high for _, high in bounds]


def randomisation_test(improvements: Sequence[float]) -> float:
    """The exact two-sided p of one experiment's pair improvements (no effect)."""
    return p_value(improvements)
