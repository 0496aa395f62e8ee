"""HiGHS (``highspy``, a dev dependency) as the oracle for the food-gap search: the integer
programme ``foods.gap_model`` describes, as it was handed to HiGHS before the pure-Python search
(``foods.gap_search``) replaced it: the same columns x_0..x_n-1 (portions) and y_0..y_n-1
(used), the same rows, the same options."""

from __future__ import annotations

import math
from dataclasses import dataclass

import highspy
from highspy._core import _Highs

from mgcoach.foods.gap_model import Limits, Pool, Portions, Vector, Weights

# The options the app used: a relative MIP gap of 1e-6, silent, 10 s at most.
_OPTIONS: dict[str, float | bool] = {"output_flag": False, "time_limit": 10.0, "mip_rel_gap": 1e-6}
INF = math.inf  # HiGHS' own infinity (highspy.kHighsInf)


@dataclass(frozen=True, slots=True)
class Row:
    """``lower <= sum(value * column) <= upper`` over the (column, value) pairs."""

    terms: tuple[tuple[int, float], ...]
    lower: float
    upper: float


def _row(values: Vector, lower: float, upper: float, offset: int = 0) -> Row:
    return Row(tuple((offset + i, v) for i, v in enumerate(values)), lower, upper)


def _constraints(pool: Pool, limits: Limits, least_items: int) -> list[Row]:
    """The rows both solves share; the columns are x_0..x_n-1 (portions), y_0..y_n-1 (used)."""
    n = len(pool.candidates)
    most = float(limits.max_portions_each)
    # y_i <= x_i <= P·y_i: a used food has a portion, and only used foods have portions.
    rows = [Row(((i, 1.0), (n + i, -1.0)), 0.0, INF) for i in range(n)]
    rows += [Row(((i, 1.0), (n + i, -most)), -INF, 0.0) for i in range(n)]
    rows.append(_row((1.0,) * n, least_items, limits.max_items, offset=n))
    groups: dict[str, list[int]] = {}
    foods: dict[str, list[int]] = {}
    for i, candidate in enumerate(pool.candidates):
        if candidate.food.group is not None:
            groups.setdefault(candidate.food.group, []).append(i)
        foods.setdefault(candidate.food.id, []).append(i)
    limited = [(m, limits.max_per_group) for m in groups.values()] + [
        (m, 1) for m in foods.values()
    ]
    for members, count in limited:
        if len(members) > count:
            rows.append(Row(tuple((n + i, 1.0) for i in sorted(members)), -INF, count))
    for values, budget in ((pool.energy, limits.max_kcal), (pool.sodium, limits.max_sodium_mg)):
        if budget is not None:
            rows.append(_row(values, -INF, budget))
    return rows


def _model(cost: Vector, rows: list[Row], upper: Vector) -> highspy.HighsLp:
    """The integer programme as HiGHS reads it: the matrix column by column, without zeros."""
    columns: list[list[tuple[int, float]]] = [[] for _ in cost]
    for r, row in enumerate(rows):
        for column, value in row.terms:
            if value != 0.0:
                columns[column].append((r, value))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(cost), len(rows)
    # highspy 1.12's stub types the cost as an ndarray; the binding takes a list of floats.
    lp.col_cost_ = list(cost)  # type: ignore[assignment]
    lp.col_lower_, lp.col_upper_ = [0.0] * len(cost), list(upper)
    lp.row_lower_ = [float(row.lower) for row in rows]
    lp.row_upper_ = [float(row.upper) for row in rows]
    matrix = lp.a_matrix_
    matrix.format_ = highspy.MatrixFormat.kColwise
    matrix.num_col_, matrix.num_row_ = len(cost), len(rows)
    starts = [0]
    for entries in columns:
        starts.append(starts[-1] + len(entries))
    matrix.start_ = starts
    matrix.index_ = [r for entries in columns for r, _ in entries]
    matrix.value_ = [v for entries in columns for _, v in entries]
    lp.integrality_ = [highspy.HighsVarType.kInteger] * len(cost)
    return lp


def _solve(pool: Pool, cost: Vector, rows: list[Row], limits: Limits) -> Portions | None:
    """Whole portions per candidate, or None when no plan satisfies the rows."""
    n = len(pool.candidates)
    if n == 0:
        return None
    # The bare solver: highspy.Highs() prints a banner to stdout before any option is set,
    # which would break --json.
    solver = _Highs()
    for name, value in _OPTIONS.items():
        solver.setOptionValue(name, value)
    upper = (float(limits.max_portions_each),) * n + (1.0,) * n
    solver.passModel(_model(cost, rows, upper))
    solver.run()
    status, known = solver.getModelStatus(), highspy.HighsModelStatus
    if status == known.kInfeasible:
        return None  # the caller decides what that means
    # A stopped search still gives its best plan when it has one (as SciPy's milp did).
    stopped = status in (known.kTimeLimit, known.kIterationLimit, known.kSolutionLimit)
    found = status == known.kOptimal or (
        stopped and solver.getInfo().objective_function_value != INF
    )
    if not found:
        raise RuntimeError(f"HiGHS returned no plan: {solver.modelStatusToString(status)}")
    return tuple(round(x) for x in solver.getSolution().col_value[:n])


def minimise_energy(
    pool: Pool, target_mg: float, limits: Limits, weights: Weights
) -> Portions | None:
    # The overshoot (magnesium - target) differs from the magnesium by a constant, so its
    # penalty is a per-mg cost on every portion and needs no slack variable.
    n = len(pool.candidates)
    energy = tuple(
        e + weights.per_overshoot_mg * m for e, m in zip(pool.energy, pool.magnesium, strict=True)
    )
    cost = energy + (weights.per_food_kcal,) * n
    rows = _constraints(pool, limits, least_items=1)
    rows.append(_row(pool.magnesium, target_mg, INF))
    return _solve(pool, cost, rows, limits)


def maximise_magnesium(pool: Pool, limits: Limits) -> Portions | None:
    cost = tuple(-m for m in pool.magnesium) + (0.0,) * len(pool.candidates)
    return _solve(pool, cost, _constraints(pool, limits, least_items=0), limits)
