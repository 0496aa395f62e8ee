"""The integer programme behind ``suggest``: the budgets and objective weights, the candidates
as per-portion columns, and its two solves (the lightest plan that closes a gap, and the most
magnesium that fits), by an exact branch and bound in plain Python (``gap_search``).

The model, over the candidates i of a pool:

* x_i whole portions, 0 .. ``max_portions_each``; y_i = 1 when candidate i is used
  (y_i <= x_i <= max_portions_each * y_i);
* ``least`` .. ``max_items`` candidates used (least = 1 for the lightest plan, 0 for the most
  magnesium); at most ``max_per_group`` per food group (a candidate without a group has no
  group row) and one per food id (a food offered twice is used once);
* sum(energy_i * x_i) <= ``max_kcal`` and sum(sodium_i * x_i) <= ``max_sodium_mg`` when set;
* the lightest plan: sum(magnesium_i * x_i) >= the gap, minimising
  sum((energy_i + per_overshoot_mg * magnesium_i) * x_i + per_food_kcal * y_i);
* the most magnesium: maximising sum(magnesium_i * x_i).

HiGHS solved it before (and checks it in the tests: tests/foods/highs_oracle.py); the search
gives the same optimum (to a relative 1e-9) without NumPy in the install."""

from __future__ import annotations

from dataclasses import dataclass

from .gap_search import cheapest, richest
from .model import Food

MAGNESIUM, ENERGY, SODIUM = "magnesium_mg", "energy_kcal", "sodium_mg"

Vector = tuple[float, ...]
Portions = tuple[int, ...]


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
        return tuple(per_portion(c, key) for c in candidates)

    return Pool(tuple(candidates), column(MAGNESIUM), column(ENERGY), column(SODIUM))


def minimise_energy(
    pool: Pool, target_mg: float, limits: Limits, weights: Weights
) -> Portions | None:
    """The lightest plan giving at least ``target_mg`` mg (1 .. max_items foods), or None."""
    # The overshoot (magnesium - target) differs from the magnesium by a constant, so its
    # penalty is a per-mg cost on every portion.
    if not pool.candidates:
        return None
    cost = tuple(
        e + weights.per_overshoot_mg * m for e, m in zip(pool.energy, pool.magnesium, strict=True)
    )
    return cheapest(pool, limits, cost, weights.per_food_kcal, target_mg)


def maximise_magnesium(pool: Pool, limits: Limits) -> Portions | None:
    """The plan with the most magnesium (no portions when nothing fits); None for no pool."""
    if not pool.candidates:
        return None
    return richest(pool, limits)


def magnesium_of(pool: Pool, portions: Portions) -> float:
    """The magnesium of a plan, in mg."""
    return sum(m * p for m, p in zip(pool.magnesium, portions, strict=True))
