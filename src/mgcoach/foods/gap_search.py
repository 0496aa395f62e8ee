"""The exact search behind ``gap_model``'s two solves, in plain Python: a depth-first branch and
bound over (food, whole portions), at most ``max_items`` deep.

The pool is at most ~150 candidates and a plan at most a few foods, so the search is small once
its bounds are strong:

* Foods are tried best first (the cheapest per mg, or the most magnesium per food), so a good
  plan is found at once; the loop over the next food stops as soon as even the best food left
  cannot beat the best plan (the bound only grows along the order).
* What is still missing costs at least a fractional knapsack over the foods still allowed (not
  in a full group, food not used yet, one portion within the budgets left), each at its best
  cost per mg: (cost per portion + per-food cost / max portions) / mg per portion, for at most
  the portions the budgets leave.
* The magnesium a branch can still add is at most the ``items left`` largest capacities after
  it, and at most a fractional knapsack by mg per kcal (and per mg of sodium) within the energy
  (sodium) left: the cheapest plan stops where the gap can no longer be closed, the richest
  where it cannot beat the best found. A gap no plan closes is found out by the richest
  search first, stopped at the first plan that closes it (far fewer nodes).
* A candidate others beat on every count, and that one of them can always replace, is not
  tried (``gap_dominance``).

Ties: a plan replaces the best one only when it is better by more than a relative 1e-9, so
among equally good plans the first in the search order wins: foods by cost per mg (the
richest search: by magnesium per food), then pool order; of one food, the portions that close
the gap (the richest search: the most the budgets allow) first. A candidate dropped as beaten
(above) is never chosen, even where it ties. Rows are checked with the same 1e-9 relative
tolerance (sums in another order differ in the last bits).

A search that would visit more than ``NODE_BUDGET`` nodes stops and keeps its best plan so far
(no real pool comes near: see tests/foods/test_gap_search.py).

Pure: no I/O, standard library only.
"""

from __future__ import annotations

import contextlib
import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .gap_dominance import beaten

if TYPE_CHECKING:
    from .gap_model import Limits, Pool, Portions

TOLERANCE = 1e-9
NODE_BUDGET = 20_000


class _BudgetSpentError(Exception):
    """The node budget is spent: keep the best plan found."""


class _FoundError(Exception):
    """A plan reaches the magnesium asked for (``_Richest.reaches``)."""


def _slack(value: float) -> float:
    return TOLERANCE * max(1.0, abs(value))


@dataclass(slots=True)
class _Left:
    """What a partial plan still has: items, energy and sodium (None: no budget; the budgets
    include their tolerance)."""

    items: int
    kcal: float | None
    sodium: float | None


class _Rules:
    """The rows of the model: food and group counts, budgets, portions; and the shared bounds."""

    def __init__(self, pool: Pool, limits: Limits, order: Sequence[int]) -> None:
        self.pool, self.limits, self.order = pool, limits, tuple(order)
        self.groups = [c.food.group for c in pool.candidates]
        self.foods = [c.food.id for c in pool.candidates]
        self.in_group: dict[str, int] = {}
        self.used: set[str] = set()
        self.portions = [0] * len(pool.candidates)
        self.nodes = 0
        most = limits.max_portions_each
        self.capacity = [most * pool.magnesium[i] for i in self.order]
        # From each position on (the order's suffixes): the sum of the k largest capacities.
        top: tuple[float, ...] = ()
        self.reach: list[tuple[float, ...]] = [(0.0,) * (limits.max_items + 1)]
        for pos in range(len(self.order) - 1, -1, -1):
            top = tuple(sorted((*top, self.capacity[pos]), reverse=True)[: limits.max_items])
            sums = [0.0]
            for k in range(limits.max_items):
                sums.append(sums[-1] + (top[k] if k < len(top) else 0.0))
            self.reach.append(tuple(sums))
        self.reach.reverse()
        self.rank = {i: pos for pos, i in enumerate(self.order)}
        self.by_kcal = self._dense(pool.energy)
        self.by_sodium = self._dense(pool.sodium)

    def _dense(self, spent: Sequence[float]) -> tuple[int, ...]:
        """The candidates by magnesium per unit of a budget, the richest first."""
        return tuple(
            sorted(
                self.order,
                key=lambda i: (
                    -math.inf if spent[i] <= 0 else -self.pool.magnesium[i] / spent[i],
                    i,
                ),
            )
        )

    def visit(self) -> None:
        self.nodes += 1
        if self.nodes > NODE_BUDGET:
            raise _BudgetSpentError

    def allowed(self, i: int) -> bool:
        group = self.groups[i]
        return self.foods[i] not in self.used and (
            group is None or self.in_group.get(group, 0) < self.limits.max_per_group
        )

    def most(self, i: int, left: _Left) -> int:
        """The most portions of candidate ``i`` the budgets left allow (0: none)."""
        count = self.limits.max_portions_each
        if left.kcal is not None:
            spent = self.pool.energy[i]
            if spent > 0 and left.kcal < count * spent:
                count = max(0, math.floor(left.kcal / spent))
        if left.sodium is not None:
            spent = self.pool.sodium[i]
            if spent > 0 and left.sodium < count * spent:
                count = max(0, math.floor(left.sodium / spent))
        return count

    def start(self) -> _Left:
        """All the budgets, each with its tolerance."""
        kcal, sodium = self.limits.max_kcal, self.limits.max_sodium_mg
        return _Left(
            self.limits.max_items,
            None if kcal is None else kcal + _slack(kcal),
            None if sodium is None else sodium + _slack(sodium),
        )

    def take(self, i: int, count: int, left: _Left) -> _Left:
        group = self.groups[i]
        if group is not None:
            self.in_group[group] = self.in_group.get(group, 0) + 1
        self.used.add(self.foods[i])
        self.portions[i] = count
        kcal, sodium = left.kcal, left.sodium
        return _Left(
            left.items - 1,
            None if kcal is None else kcal - count * self.pool.energy[i],
            None if sodium is None else sodium - count * self.pool.sodium[i],
        )

    def give_back(self, i: int) -> None:
        group = self.groups[i]
        if group is not None:
            self.in_group[group] -= 1
        self.used.discard(self.foods[i])
        self.portions[i] = 0

    def richest(self, start: int, left: _Left) -> float:
        """At most this much magnesium can still be added from ``order[start:]``."""
        bound = self.reach[start][left.items]
        if bound > 0 and (left.kcal is not None or left.sodium is not None):
            # The largest capacities again, with the portions the budgets left allow.
            capped = (
                self.most(i, left) * self.pool.magnesium[i]
                for i in self.order[start:]
                if self.allowed(i)
            )
            bound = min(bound, sum(heapq.nlargest(left.items, capped)))
        for budget, spent, ranked in (
            (left.kcal, self.pool.energy, self.by_kcal),
            (left.sodium, self.pool.sodium, self.by_sodium),
        ):
            if budget is not None and bound > 0:
                bound = min(bound, self._knapsack(start, left, budget, spent, ranked))
        return bound

    def _knapsack(
        self, start: int, left: _Left, budget: float, spent: Sequence[float], ranked: Sequence[int]
    ) -> float:
        """The most magnesium within ``budget``, fractions of portions allowed."""
        total, room = 0.0, budget
        for i in ranked:
            if self.rank[i] < start or not self.allowed(i):
                continue
            count = self.most(i, left)
            if count == 0:
                continue
            cost = count * spent[i]
            if cost >= room:
                return total + self.pool.magnesium[i] * room / spent[i]
            total += count * self.pool.magnesium[i]
            room -= cost
        return total


class _Cheapest:
    """The lowest cost plan giving at least ``target`` mg (1 .. max_items foods)."""

    def __init__(
        self, pool: Pool, limits: Limits, cost: Sequence[float], per_food: float, target: float
    ) -> None:
        most = limits.max_portions_each
        mg = pool.magnesium
        rate = [
            (cost[i] + per_food / most) / mg[i] if mg[i] > 0 else math.inf for i in range(len(mg))
        ]
        dropped = beaten(pool, limits, cost)
        useful = (i for i in range(len(mg)) if mg[i] > 0 and i not in dropped)
        self.rules = _Rules(pool, limits, sorted(useful, key=lambda i: (rate[i], i)))
        self.rate = [rate[i] for i in self.rules.order]
        self.cost, self.per_food = cost, per_food
        self.tolerance = _slack(target)
        self.target = target
        self.best: Portions | None = None
        self.limit = math.inf  # a plan must cost less than this to be the best one

    def run(self) -> Portions | None:
        left = self.rules.start()
        if self.target <= self.tolerance:
            return self._one_portion(left)
        first, finished = _Richest(self.rules.pool, self.rules.limits).reaches(
            self.target - self.tolerance
        )
        if first is None and finished:
            return None  # cheaper to prove: the richest search, stopped at the target
        if first is not None:
            # The plan to beat (a plan as good replaces it: the search order decides ties).
            cost = sum(x * c for x, c in zip(first, self.cost, strict=True))
            cost += self.per_food * sum(1 for x in first if x)
            self._best(first, cost + 2 * _slack(cost))
        with contextlib.suppress(_BudgetSpentError):  # then the best plan so far
            self._extend(0, self.target, 0.0, left)
        return self.best

    def _one_portion(self, left: _Left) -> Portions | None:
        """No magnesium needed: the cheapest single portion that fits (the first of equals)."""
        rules, n = self.rules, len(self.cost)
        fitting = [i for i in range(n) if rules.most(i, left) > 0]
        if not fitting:
            return None
        chosen = min(fitting, key=lambda i: (self.cost[i], i))
        return tuple(1 if i == chosen else 0 for i in range(n))

    def _extend(self, start: int, missing: float, spent: float, left: _Left) -> None:
        rules = self.rules
        rules.visit()
        if rules.richest(start, left) < missing - self.tolerance:
            return
        if spent + self._bound(start, missing, left) >= self.limit:
            return
        reach, rate, need = rules.reach, self.rate, missing - self.tolerance
        for pos in range(start, len(rules.order)):
            if spent + missing * rate[pos] >= self.limit:
                break  # every food from here on costs at least as much per mg
            if reach[pos][left.items] < need:
                break  # the foods from here on cannot give what is missing
            i = rules.order[pos]
            if not rules.allowed(i):
                continue
            mg = rules.pool.magnesium[i]
            closing = math.ceil((missing - self.tolerance) / mg)
            for count in range(min(rules.most(i, left), closing), 0, -1):
                total = spent + count * self.cost[i] + self.per_food
                still = missing - count * mg
                if still <= self.tolerance:
                    if total < self.limit:
                        self._record(i, count, total)
                elif left.items > 1 and total < self.limit:
                    child = rules.take(i, count, left)
                    self._extend(pos + 1, still, total, child)
                    rules.give_back(i)

    def _record(self, i: int, count: int, total: float) -> None:
        portions = self.rules.portions
        portions[i] = count
        self._best(tuple(portions), total)
        portions[i] = 0

    def _best(self, portions: Portions, cost: float) -> None:
        self.best, self.limit = portions, cost - _slack(cost)

    def _bound(self, start: int, missing: float, left: _Left) -> float:
        """The least the missing magnesium costs: a fractional knapsack by cost per mg."""
        rules, total = self.rules, 0.0
        for pos in range(start, len(rules.order)):
            i = rules.order[pos]
            if not rules.allowed(i):
                continue
            give = rules.most(i, left) * rules.pool.magnesium[i]
            if give >= missing:
                return total + missing * self.rate[pos]
            total += give * self.rate[pos]
            missing -= give
        return math.inf


class _Richest:
    """The most magnesium within the rows (0 .. max_items foods)."""

    def __init__(self, pool: Pool, limits: Limits) -> None:
        mg, dropped = pool.magnesium, beaten(pool, limits, None)
        useful = (i for i in range(len(mg)) if mg[i] > 0 and i not in dropped)
        self.rules = _Rules(pool, limits, sorted(useful, key=lambda i: (-mg[i], i)))
        self.best: Portions = (0,) * len(mg)
        self.best_mg = 0.0
        self.enough = math.inf

    def run(self) -> Portions:
        with contextlib.suppress(_BudgetSpentError):  # then the best plan so far
            self._extend(0, 0.0, self.rules.start())
        return self.best

    def reaches(self, least: float) -> tuple[Portions | None, bool]:
        """The first plan found giving ``least`` mg or more, and whether the search finished
        (None and True: no plan gives that much)."""
        self.best_mg = least - 2 * _slack(least)  # a bound of ``least`` is not pruned
        self.enough = least
        try:
            self._extend(0, 0.0, self.rules.start())
        except _FoundError:
            return self.best, True
        except _BudgetSpentError:
            return None, False
        return None, True

    def _extend(self, start: int, total: float, left: _Left) -> None:
        rules = self.rules
        rules.visit()
        if total + rules.richest(start, left) <= self.best_mg + _slack(self.best_mg):
            return
        for pos in range(start, len(rules.order)):
            if total + rules.reach[pos][left.items] <= self.best_mg + _slack(self.best_mg):
                break  # the foods from here on cannot give more magnesium
            i = rules.order[pos]
            if not rules.allowed(i):
                continue
            for count in range(rules.most(i, left), 0, -1):
                mg = total + count * rules.pool.magnesium[i]
                if mg > self.best_mg + _slack(self.best_mg):
                    rules.portions[i] = count
                    self.best, self.best_mg = tuple(rules.portions), mg
                    rules.portions[i] = 0
                    if mg >= self.enough:
                        raise _FoundError
                if left.items > 1:
                    child = rules.take(i, count, left)
                    self._extend(pos + 1, mg, child)
                    rules.give_back(i)


def cheapest(
    pool: Pool, limits: Limits, cost: Sequence[float], per_food: float, target: float
) -> Portions | None:
    """Whole portions per candidate of the cheapest plan giving ``target`` mg, or None when no
    plan gives it. ``cost`` is per portion, ``per_food`` per food used; both at least 0."""
    if per_food < 0 or any(c < 0 for c in cost):
        raise ValueError("the gap search needs costs of 0 or more")
    return _Cheapest(pool, limits, cost, per_food, target).run()


def richest(pool: Pool, limits: Limits) -> Portions:
    """Whole portions per candidate of the plan with the most magnesium (no food at all when
    nothing fits)."""
    return _Richest(pool, limits).run()
