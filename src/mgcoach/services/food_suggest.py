"""Closing the magnesium gap with food: candidates from the everyday foods, the optimiser
(foods.suggest), and the recovery snacks with their computed magnesium."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from ..errors import InputError
from ..foods.model import Food, FoodSource, Portion
from ..foods.portions import portion_grams
from ..foods.snacks import SnackResult, snack_results, snacks
from ..foods.suggest import Candidate, Suggestion, suggest
from ..foods.tags import find_tag
from ..i18n import N_
from ..storage.database import Database
from ..storage.foods import get_foods
from ..storage.tables import food as food_table

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


def _everyday_foods(db: Database) -> list[Food]:
    sources = [s.value for s in (FoodSource.CURATED, FoodSource.USER, FoodSource.RECIPE)]
    statement = select(food_table.c.id).where(
        food_table.c.source.in_(sources), food_table.c.serving.is_not(None)
    )
    with db.connect() as connection:
        return get_foods(connection, list(connection.execute(statement).scalars()))


def _allowed(item: Food, vegan: bool, excluded: set[str]) -> bool:
    return (not vegan or "vegan" in item.tags) and not item.tags & excluded


def _candidate(item: Food) -> Candidate | None:
    if item.serving is None or not item.value("magnesium_mg"):
        return None
    return Candidate(item, item.serving, _serving_grams(item))


# Reading every serving text again on each call was half of plan_gap's time.
_SERVINGS: dict[tuple[str, str, tuple[Portion, ...], frozenset[str]], float] = {}


def _serving_grams(item: Food) -> float:
    """The grams of a food's usual serving (remembered: they depend only on the key's parts)."""
    assert item.serving is not None
    key = (item.id, item.serving, item.portions, item.tags)
    if key not in _SERVINGS:
        _SERVINGS[key] = portion_grams(item, item.serving).grams
    return _SERVINGS[key]


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
) -> GapPlan:
    """Food portions that close ``gap_mg`` within the budgets, and the snacks that fit."""
    if not 0 <= gap_mg <= MAX_GAP_MG:
        raise InputError(N_("--gap-mg must be between 0 and {max} mg."), max=int(MAX_GAP_MG))
    for label, value in (("--max-kcal", max_kcal), ("--max-sodium-mg", max_sodium_mg)):
        if value is not None and value <= 0:
            raise InputError(N_("{option} must be more than 0."), option=label)
    excluded = {find_tag(word).slug for word in exclude}
    foods = _everyday_foods(db)
    allowed = [f for f in foods if _allowed(f, vegan, excluded)]
    candidates = [c for f in allowed if (c := _candidate(f)) is not None]
    pool = _pool(candidates)
    suggestion = suggest(pool, gap_mg, max_kcal=max_kcal, max_sodium_mg=max_sodium_mg)
    by_id = {f.id: f for f in foods}
    fitting = [
        s
        for s in snacks()
        if all(
            _allowed(by_id[i.food_id], vegan, excluded) for i in s.ingredients if i.food_id in by_id
        )
    ]
    results = snack_results(by_id) if fitting else ()
    wanted = {s.slug for s in fitting}
    return GapPlan(suggestion, tuple(r for r in results if r.snack.slug in wanted), len(pool))
