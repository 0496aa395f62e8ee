"""Closing the magnesium gap with food: candidates from the everyday foods, the optimiser
(foods.suggest), and the recovery snacks with their computed magnesium."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError
from ..foods.snacks import SnackResult, snack_results, snacks
from ..foods.suggest import Candidate, Suggestion, suggest
from ..foods.tags import find_tag
from ..i18n import N_, Msgid
from ..storage.database import Database
from .food_everyday import Everyday, EverydayFoods, everyday_foods
from .foods import allowed

# The optimiser sees the richest foods only: the best per calorie and the best per portion.
# Any optimum uses few foods with a high magnesium density, and a small pool keeps it fast.
POOL_PER_KCAL = 90
POOL_PER_PORTION = 60
MAX_GAP_MG = 2000.0


@dataclass(frozen=True, slots=True)
class GapPlan:
    suggestion: Suggestion
    snacks: tuple[SnackResult, ...]
    candidates: int


def _candidate(item: Everyday) -> Candidate | None:
    found = item.food
    if found.serving is None or not found.value("magnesium_mg"):
        return None
    return Candidate(found, found.serving, item.grams())


def _pool(candidates: list[Candidate]) -> list[Candidate]:
    def per_kcal(c: Candidate) -> float:
        energy = c.food.value("energy_kcal")
        return (c.food.value("magnesium_mg") or 0.0) / energy if energy else float("inf")

    def per_portion(c: Candidate) -> float:
        return (c.food.value("magnesium_mg") or 0.0) * c.grams

    chosen = {c.food.id: c for c in sorted(candidates, key=per_kcal, reverse=True)[:POOL_PER_KCAL]}
    for c in sorted(candidates, key=per_portion, reverse=True)[:POOL_PER_PORTION]:
        chosen.setdefault(c.food.id, c)
    return sorted(chosen.values(), key=lambda c: c.food.id)


def plan_gap(
    db: Database,
    gap_mg: float,
    *,
    max_kcal: float | None = None,
    max_sodium_mg: float | None = None,
    exclude: Sequence[str] = (),
    vegan: bool = False,
    visible_to: int | None = None,
) -> GapPlan:
    """Food portions that close ``gap_mg`` within the budgets, and the snacks that fit, among
    the foods ``visible_to`` may see (services.foods)."""
    if not 0 <= gap_mg <= MAX_GAP_MG:
        raise InputError(
            N_("The gap must be between 0 and {max} mg."), field="gap_mg", max=int(MAX_GAP_MG)
        )
    limits = (
        ("max_kcal", N_("The energy limit"), max_kcal),
        ("max_sodium_mg", N_("The sodium limit"), max_sodium_mg),
    )
    for name, words, value in limits:
        if value is not None and value <= 0:
            raise InputError(N_("{option} must be more than 0."), field=name, option=Msgid(words))
    excluded = frozenset(find_tag(word).slug for word in exclude)
    foods = everyday_foods(db, visible_to)
    # The plan depends only on these foods and the arguments: a page shown again reuses the
    # solve until an everyday food changes. The numbers are keyed as written (150 is not
    # 150.0, -0.0 is not 0.0): the plan repeats the gap as it was given.
    return foods.memo(
        ("gap", repr(gap_mg), repr(max_kcal), repr(max_sodium_mg), bool(vegan), excluded),
        lambda: _plan(foods, gap_mg, max_kcal, max_sodium_mg, vegan, excluded),
    )


def _plan(
    foods: EverydayFoods,
    gap_mg: float,
    max_kcal: float | None,
    max_sodium_mg: float | None,
    vegan: bool,
    excluded: frozenset[str],
) -> GapPlan:
    pool, fitting = foods.memo(
        ("gap pool", bool(vegan), excluded), lambda: _choices(foods, vegan, excluded)
    )
    suggestion = suggest(pool, gap_mg, max_kcal=max_kcal, max_sodium_mg=max_sodium_mg)
    return GapPlan(suggestion, fitting, len(pool))


def _choices(
    foods: EverydayFoods, vegan: bool, excluded: frozenset[str]
) -> tuple[tuple[Candidate, ...], tuple[SnackResult, ...]]:
    """What the plans share under one diet and exclusion: the optimiser's pool and the
    snacks that fit."""
    with_serving = [item for item in foods.items if item.food.serving is not None]
    allowed_foods = [item for item in with_serving if allowed(item.food, vegan, excluded)]
    candidates = [c for item in allowed_foods if (c := _candidate(item)) is not None]
    pool = _pool(candidates)
    by_id = {item.food.id: item.food for item in with_serving}
    fitting = [
        s
        for s in snacks()
        if all(
            allowed(by_id[i.food_id], vegan, excluded) for i in s.ingredients if i.food_id in by_id
        )
    ]
    results = snack_results(by_id) if fitting else ()
    wanted = {s.slug for s in fitting}
    return tuple(pool), tuple(r for r in results if r.snack.slug in wanted)
