"""The plain-Python N-of-1 statistics (engine/experiment_stats.py) give the p values and the
intervals of the NumPy implementation they replaced (kept below as the reference: NumPy is a
development dependency, imported by tests only): every one of the 2^k allocations enumerated
by a matrix product, the interval's edges found by 60 bisections. Over generated improvements
(1 to 12 pairs; ties, zeros, duplicates, large and small magnitudes), the p values are equal
and the edges agree within 1e-9 of the data's scale."""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from mgcoach.engine.experiment_stats import p_value, shift_interval

Floats = npt.NDArray[np.float64]
ALPHAS = (0.05, 0.1, 0.01)

# The reference: engine/experiment_stats.py as it was with NumPy (git history, issue 19).
_BISECTIONS = 60
_TIE = 1e-9


@cache
def sign_flips(pairs: int) -> Floats:
    bits = (np.arange(2**pairs)[:, None] >> np.arange(pairs)[None, :]) & 1
    flips: Floats = 1.0 - 2.0 * bits.astype(np.float64)
    flips.setflags(write=False)
    return flips


def p_values(improvements: Floats, shift: Floats | float = 0.0) -> Floats:
    centred = improvements - np.reshape(np.asarray(shift, dtype=np.float64), (-1, 1))
    flips = sign_flips(centred.shape[1])
    observed = np.abs(centred.mean(axis=1))
    every = np.abs(centred @ flips.T) / centred.shape[1]
    scale = np.abs(centred).max(axis=1, initial=0.0)
    extreme = every >= (observed - _TIE * scale - 1e-300)[:, None]
    result: Floats = extreme.mean(axis=1)
    return result


def _bound(improvements: Floats, alpha: float, outward: Floats, inside: Floats) -> Floats:
    kept, dropped = inside.copy(), outward.copy()
    for _ in range(_BISECTIONS):
        middle = (kept + dropped) / 2
        rejected = p_values(improvements, middle) <= alpha
        kept = np.where(rejected, kept, middle)
        dropped = np.where(rejected, middle, dropped)
    return kept


def shift_intervals(improvements: Floats, alpha: float) -> tuple[Floats, Floats]:
    pairs = improvements.shape[1]
    estimate = improvements.mean(axis=1)
    spread = improvements.max(axis=1) - improvements.min(axis=1) + 1.0
    low = _bound(improvements, alpha, improvements.min(axis=1) - spread, estimate)
    high = _bound(improvements, alpha, improvements.max(axis=1) + spread, estimate)
    if 2.0 / 2**pairs > alpha:
        infinite = np.full_like(estimate, np.inf)
        return -infinite, infinite
    return low, high


# The generated improvements: a few distinct values (so ties and duplicates are common),
# zeros among them, scaled by a power of ten from 1e-6 to 1e6 (nothing near 1e-300, the
# reference's floor for an all-zero experiment).
_VALUES = st.one_of(
    st.sampled_from([0.0, 1.0, -1.0, 2.0, 0.5, -3.0]),
    st.floats(min_value=-10.0, max_value=10.0).filter(lambda v: v == 0 or abs(v) >= 1e-3),
    st.integers(min_value=-5, max_value=5).map(float),
)
IMPROVEMENTS = st.tuples(
    st.lists(_VALUES, min_size=1, max_size=12), st.integers(min_value=-6, max_value=6)
).map(lambda drawn: tuple(value * 10.0 ** drawn[1] for value in drawn[0]))


def _near_the_tie_line(values: tuple[float, ...]) -> bool:
    """Whether an allocation's |sum| lies within rounding of the tie rule's line (observed
    − tie · scale), where the summation order alone decides: both answers are then right."""
    scale = max(abs(v) for v in values)
    if scale == 0:
        return False
    line = abs(math.fsum(values)) - len(values) * _TIE * scale
    signed = np.abs(np.asarray(values) @ sign_flips(len(values)).T)
    return bool(np.any(np.abs(signed - line) <= 1e-12 * len(values) * scale))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(improvements=IMPROVEMENTS, alpha=st.sampled_from(ALPHAS))
@example(improvements=(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), alpha=0.05)
@example(improvements=(0.0,) * 12, alpha=0.05)
@example(improvements=(2.0,) * 7 + (-2.0,) * 5, alpha=0.05)
@example(improvements=(1e6, 1e-6, 0.0, 1e6, -1e6, 3.0, 5.0, 1e-6), alpha=0.05)
def test_same_p_values_and_intervals_as_numpy(
    improvements: tuple[float, ...], alpha: float
) -> None:
    assume(not _near_the_tie_line(improvements))
    rows = np.array([improvements], dtype=np.float64)
    assert p_value(improvements) == float(p_values(rows)[0])
    lows, highs = shift_intervals(rows, alpha)
    low, high = shift_interval(improvements, alpha)
    if math.isinf(float(lows[0])):
        assert (low, high) == (-math.inf, math.inf)
        return
    scale = max(abs(v) for v in improvements) or 1.0
    assert low == pytest.approx(float(lows[0]), rel=1e-9, abs=1e-9 * scale)
    assert high == pytest.approx(float(highs[0]), rel=1e-9, abs=1e-9 * scale)
    # And the test at a shift: the p at the estimate and at the edges' midpoints agree.
    for shift in (sum(improvements) / len(improvements), (low + high) / 2, low - scale):
        assume(not _near_the_tie_line(tuple(v - shift for v in improvements)))
        assert p_value(improvements, shift) == float(p_values(rows, shift)[0])
