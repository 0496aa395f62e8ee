"""The pure-Python gap search (foods/gap_search.py) against HiGHS as the oracle: the same
optimum on random pools and on every pool ``plan_gap`` builds, every row kept, infeasible
exactly when HiGHS says so; the node budget; and NumPy/HiGHS never imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcoach.foods import gap_search
from mgcoach.foods import suggest as suggest_module
from mgcoach.foods.gap_model import (
    DEFAULT_WEIGHTS,
    Candidate,
    Limits,
    Pool,
    Portions,
    Weights,
    magnesium_of,
    maximise_magnesium,
    minimise_energy,
    pool_of,
)
from mgcoach.foods.model import Food, FoodSource
from mgcoach.foods.suggest import Suggestion, suggest
from mgcoach.foods.tags import find_tag
from mgcoach.services.food_everyday import everyday_foods
from mgcoach.services.food_suggest import _choices
from mgcoach.storage.database import Database, open_database
from tests.databases import Templates
from tests.foods import highs_oracle

# HiGHS stops within a relative MIP gap of 1e-6; the search is exact to 1e-9.
GAP = 1e-6


def cost_of(pool: Pool, portions: Portions, weights: Weights) -> float:
    """The objective of the lightest-plan solve, as HiGHS reads it."""
    return sum(
        x * (e + weights.per_overshoot_mg * m) + (weights.per_food_kcal if x else 0.0)
        for x, e, m in zip(portions, pool.energy, pool.magnesium, strict=True)
    )


def assert_rows(
    pool: Pool, limits: Limits, portions: Portions, target: float | None, least: int
) -> None:
    """Every row of the model, on the plan, to the search's relative 1e-9."""

    def within(total: float, budget: float | None) -> bool:
        return budget is None or total <= budget + 1e-9 * max(1.0, budget)

    used = [i for i, x in enumerate(portions) if x]
    assert all(0 <= x <= limits.max_portions_each for x in portions)
    assert least <= len(used) <= limits.max_items
    foods = [pool.candidates[i].food for i in used]
    assert len({food.id for food in foods}) == len(foods)
    groups = Counter(food.group for food in foods if food.group is not None)
    assert all(count <= limits.max_per_group for count in groups.values())
    energy = sum(x * e for x, e in zip(portions, pool.energy, strict=True))
    sodium = sum(x * s for x, s in zip(portions, pool.sodium, strict=True))
    assert within(energy, limits.max_kcal) and within(sodium, limits.max_sodium_mg)
    if target is not None:
        assert magnesium_of(pool, portions) >= target - 1e-9 * max(1.0, target)


def halves(most: int) -> st.SearchStrategy[float]:
    """0 .. most in steps of 0.5: sums are exact, so no row is decided by a tolerance."""
    return st.integers(0, 2 * most).map(lambda v: v / 2)


@st.composite
def pools(draw: st.DrawFn) -> Pool:
    candidates = []
    for k in range(draw(st.integers(0, 40))):
        ident = draw(st.sampled_from("abcdefgh") | st.just(f"only{k}"))
        values = {"magnesium_mg": draw(halves(300)), "energy_kcal": draw(halves(600))}
        values["sodium_mg"] = draw(halves(800))
        group = draw(st.none() | st.sampled_from(["g1", "g2", "g3", "g4", "g5"]))
        food = Food(f"user:{ident}", ident, FoodSource.USER, values, group=group)
        candidates.append(Candidate(food, "100 g", 100.0))
    return pool_of(candidates)


LIMITS = st.builds(
    Limits,
    max_kcal=st.none() | halves(1500),
    max_sodium_mg=st.none() | halves(1500),
    max_items=st.integers(1, 4),
    max_portions_each=st.integers(1, 3),
    max_per_group=st.integers(1, 2),
)
WEIGHTS = st.sampled_from([DEFAULT_WEIGHTS, Weights(0.0, 0.0), Weights(5.0, 0.2)])


@settings(max_examples=150, deadline=None)
@given(pool=pools(), limits=LIMITS, target=halves(1500), weights=WEIGHTS)
def test_the_lightest_plan_is_the_one_highs_finds(
    pool: Pool, limits: Limits, target: float, weights: Weights
) -> None:
    found = minimise_energy(pool, target, limits, weights)
    expected = highs_oracle.minimise_energy(pool, target, limits, weights)
    assert (found is None) == (expected is None)  # infeasible exactly when HiGHS says so
    if found is not None and expected is not None:
        assert_rows(pool, limits, found, target, least=1)
        value, oracle = cost_of(pool, found, weights), cost_of(pool, expected, weights)
        assert value == pytest.approx(oracle, rel=GAP, abs=GAP)
        assert value <= oracle + 1e-9 * max(1.0, oracle)


@settings(max_examples=150, deadline=None)
@given(pool=pools(), limits=LIMITS)
def test_the_most_magnesium_is_what_highs_finds(pool: Pool, limits: Limits) -> None:
    found = maximise_magnesium(pool, limits)
    expected = highs_oracle.maximise_magnesium(pool, limits)
    assert (found is None) == (expected is None) == (not pool.candidates)
    if found is not None and expected is not None:
        assert_rows(pool, limits, found, None, least=0)
        most, oracle = magnesium_of(pool, found), magnesium_of(pool, expected)
        assert most == pytest.approx(oracle, rel=GAP, abs=GAP)
        assert most >= oracle - 1e-9 * max(1.0, oracle)


# --- the pools plan_gap builds ----------------------------------------------------------------

# The diets and exclusions the services' tests use.
FILTERS = [(False, ()), (True, ()), (False, ("nuts", "dairy")), (True, ("seeds",))]
FILTERS += [(False, ("nuts", "seeds"))]
GAPS = (10, 150, 300, 600, 1000)
# (max_kcal, max_sodium_mg): none, then tighter and tighter.
BUDGETS: list[tuple[float | None, float | None]] = [
    (None, None),
    (600, None),
    (300, 400),
    (120, 100),
]


@pytest.fixture
def sqlite_db(db_templates: Templates, tmp_path: Path) -> Iterator[Database]:
    database = open_database(db_templates.fresh("sqlite", tmp_path / "data"))
    yield database
    database.dispose()


def objective(plan: Suggestion) -> float:
    weights = DEFAULT_WEIGHTS
    return (
        plan.energy_kcal
        + weights.per_food_kcal * len(plan.items)
        + weights.per_overshoot_mg * plan.magnesium_mg
    )


def test_every_real_pool_gets_the_optimum_highs_finds(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    nodes: list[int] = []
    visit = gap_search._Rules.visit

    def counted(rules: gap_search._Rules) -> None:
        visit(rules)
        nodes.append(rules.nodes)

    monkeypatch.setattr(gap_search._Rules, "visit", counted)
    foods = everyday_foods(sqlite_db)
    compared = Counter[str]()
    for vegan, words in FILTERS:
        pool, _ = _choices(foods, vegan, frozenset(find_tag(w).slug for w in words))
        assert len(pool) > 100
        for gap in GAPS:
            for kcal, sodium in BUDGETS:
                found = suggest(pool, gap, max_kcal=kcal, max_sodium_mg=sodium)
                with monkeypatch.context() as oracle:
                    oracle.setattr(suggest_module, "minimise_energy", highs_oracle.minimise_energy)
                    oracle.setattr(
                        suggest_module, "maximise_magnesium", highs_oracle.maximise_magnesium
                    )
                    expected = suggest(pool, gap, max_kcal=kcal, max_sodium_mg=sodium)
                case = (vegan, words, gap, kcal, sodium)
                assert found.status is expected.status, case
                assert found.magnesium_mg == pytest.approx(expected.magnesium_mg, rel=GAP), case
                assert objective(found) == pytest.approx(objective(expected), rel=GAP), case
                compared[found.status.value] += 1
    # Both outcomes were checked, and no search came near its node budget.
    assert compared["closed"] > 40 and compared["partial"] > 20, compared
    assert max(nodes) < gap_search.NODE_BUDGET / 10


def test_a_search_out_of_nodes_keeps_its_best_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    def made_up(ident: str, magnesium: float, energy: float) -> Candidate:
        values = {"magnesium_mg": magnesium, "energy_kcal": energy, "sodium_mg": 0.0}
        return Candidate(Food(f"user:{ident}", ident, FoodSource.USER, values), "100 g", 100.0)

    pool = pool_of([made_up(f"f{k}", 10 + k, 50 + 3 * k) for k in range(30)])
    limits = Limits(None, None, max_items=4, max_portions_each=2, max_per_group=1)
    exact = minimise_energy(pool, 150, limits, DEFAULT_WEIGHTS)
    assert exact is not None
    monkeypatch.setattr(gap_search, "NODE_BUDGET", 3)
    cut = minimise_energy(pool, 150, limits, DEFAULT_WEIGHTS)
    # Three nodes reach a plan that closes the gap, not the best one.
    assert cut is not None
    assert_rows(pool, limits, cut, 150, least=1)
    assert cost_of(pool, cut, DEFAULT_WEIGHTS) > cost_of(pool, exact, DEFAULT_WEIGHTS)
    most = maximise_magnesium(pool, limits)
    assert most is not None
    assert_rows(pool, limits, most, None, least=0)


_BLOCKED = """
import importlib.abc, json, sys

asked = []

class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("numpy", "highspy"):
            asked.append(name)
            raise ImportError(f"{name} is blocked")
        return None

sys.meta_path.insert(0, Blocker())
from mgcoach.cli.main import main

code = main(["foods", "suggest", "--gap-mg", "800", "--max-kcal", "300", "--json"])
try:
    import numpy
except ImportError:
    blocked = True
else:
    blocked = False
print(json.dumps({"code": code, "asked": asked, "blocked": blocked}), file=sys.stderr)
"""


def test_suggest_needs_neither_numpy_nor_highs(data_dir: Path, tmp_path: Path) -> None:
    env = dict(
        os.environ, MGCOACH_CACHE_DIR=str(tmp_path / "cache"), MGCOACH_DATA_DIR=str(data_dir)
    )
    done = subprocess.run(
        [sys.executable, "-c", _BLOCKED], env=env, capture_output=True, text=True, check=False
    )
    result = json.loads(done.stderr.strip().rsplit("\n", 1)[-1])
    assert result == {"code": 0, "asked": ["numpy"], "blocked": True}, done.stderr
    plan = json.loads(done.stdout)
    assert plan["status"] == "partial" and plan["energy_kcal"] <= 300
    assert 400 < plan["magnesium_mg"] < 800
