"""The integer programme behind ``suggest``: the budgets and objective weights, the candidates
as per-portion columns, the rows both solves share, and the two solves (the lightest plan that
closes a gap, and the most magnesium that fits), by SciPy's ``milp`` (HiGHS)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import eye_array, hstack

from .model import Food

MAGNESIUM, ENERGY, SODIUM = "magnesium_mg", "energy_kcal", "sodium_mg"

# A plan must come back while a person waits; the relative MIP gap keeps the answer within
# 0.0001 % of the optimum, far below the precision of any food table.
_OPTIONS = {"time_limit": 10.0, "mip_rel_gap": 1e-6, "disp": False}

Vector = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A food the caller allows, with its usual serving resolved to grams."""

    food: Food
    portion_label: str
    grams: float


@dataclass(frozen=True, slots=True)
class Weights:
    """The objective, in kcal: energy + ``per_food_kcal`` per food used + ``per_overshoot_mg``
    per mg of magnesium above the gap.

    Calories come first: people mostly want the gap closed without eating a lot. Each food
    costs 20 kcal, so a second food is added only when it saves more than 20 kcal (a quarter of
    a banana); otherwise fewer, simpler items. An overshoot costs 0.05 kcal per mg, so 100 mg
    too many weighs as much as 5 kcal: it only decides between plans whose energy is within a
    few kcal, and then prefers the one that fits the gap more closely.
    """

    per_food_kcal: float = 20.0
    per_overshoot_mg: float = 0.05


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True, slots=True)
class Limits:
    """The budgets and counts a plan keeps to."""

    max_kcal: float | None
    max_sodium_mg: float | None
    max_items: int
    max_portions_each: int
    max_per_group: int


@dataclass(frozen=True, slots=True)
class Pool:
    """The candidates the model sees, with per-portion amounts (unknown sodium as 0)."""

    candidates: tuple[Candidate, ...]
    magnesium: Vector
    energy: Vector
    sodium: Vector


def per_portion(candidate: Candidate, key: str) -> float:
    return (candidate.food.value(key) or 0.0) * candidate.grams / 100.0


def fits_alone(candidate: Candidate, limits: Limits) -> bool:
    """One portion within both budgets; the others can never be picked (a smaller model)."""
    return (limits.max_kcal is None or per_portion(candidate, ENERGY) <= limits.max_kcal) and (
        limits.max_sodium_mg is None or per_portion(candidate, SODIUM) <= limits.max_sodium_mg
    )


def pool_of(candidates: list[Candidate]) -> Pool:
    def column(key: str) -> Vector:
        return np.array([per_portion(c, key) for c in candidates], dtype=np.float64)

    return Pool(tuple(candidates), column(MAGNESIUM), column(ENERGY), column(SODIUM))


def _constraints(pool: Pool, limits: Limits, least_items: int) -> list[LinearConstraint]:
    """The rows both solves share; the columns are x_0..x_n-1 (portions), y_0..y_n-1 (used)."""
    n = len(pool.candidates)
    unit = eye_array(n)
    rows = [
        # y_i <= x_i <= P·y_i: a used food has a portion, and only used foods have portions.
        LinearConstraint(hstack([unit, -unit]), 0, np.inf),
        LinearConstraint(hstack([unit, -limits.max_portions_each * unit]), -np.inf, 0),
        LinearConstraint(np.r_[np.zeros(n), np.ones(n)], least_items, limits.max_items),
    ]
    groups: dict[str, list[int]] = {}
    foods: dict[str, list[int]] = {}
    for i, candidate in enumerate(pool.candidates):
        if candidate.food.group is not None:
            groups.setdefault(candidate.food.group, []).append(i)
        foods.setdefault(candidate.food.id, []).append(i)
    limited = [(m, limits.max_per_group) for m in groups.values()] + [
        (m, 1) for m in foods.values()
    ]
    for members, most in limited:
        if len(members) > most:
            row = np.zeros(2 * n)
            row[[n + i for i in members]] = 1.0
            rows.append(LinearConstraint(row, -np.inf, most))
    for values, budget in ((pool.energy, limits.max_kcal), (pool.sodium, limits.max_sodium_mg)):
        if budget is not None:
            rows.append(LinearConstraint(np.r_[values, np.zeros(n)], -np.inf, budget))
    return rows


def _solve(
    pool: Pool, cost: Vector, rows: list[LinearConstraint], limits: Limits
) -> NDArray[np.int64] | None:
    """Whole portions per candidate, or None when no plan satisfies the rows."""
    n = len(pool.candidates)
    if n == 0:
        return None
    upper = np.r_[np.full(n, limits.max_portions_each), np.ones(n)]
    result = milp(
        cost,
        constraints=rows,
        integrality=np.ones(2 * n),
        bounds=Bounds(0, upper),
        options=_OPTIONS,
    )
    if result.x is None:
        if result.status == 2:  # infeasible: the caller decides what that means
            return None
        raise RuntimeError(f"HiGHS returned no plan: {result.message}")
    portions: NDArray[np.int64] = np.rint(result.x[:n]).astype(np.int64)
    return portions


def minimise_energy(
    pool: Pool, target_mg: float, limits: Limits, weights: Weights
) -> NDArray[np.int64] | None:
    # The overshoot (magnesium - target) differs from the magnesium by a constant, so its
    # penalty is a per-mg cost on every portion and needs no slack variable.
    n = len(pool.candidates)
    cost = np.r_[
        pool.energy + weights.per_overshoot_mg * pool.magnesium, np.full(n, weights.per_food_kcal)
    ]
    rows = _constraints(pool, limits, least_items=1)
    rows.append(LinearConstraint(np.r_[pool.magnesium, np.zeros(n)], target_mg, np.inf))
    return _solve(pool, cost, rows, limits)


def maximise_magnesium(pool: Pool, limits: Limits) -> NDArray[np.int64] | None:
    cost = np.r_[-pool.magnesium, np.zeros(len(pool.candidates))]
    return _solve(pool, cost, _constraints(pool, limits, least_items=0), limits)
