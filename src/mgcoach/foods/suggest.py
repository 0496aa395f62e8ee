"""Close the gap: a few realistic food portions that give the magnesium a person still needs
today, within an energy budget, a sodium budget and their exclusions (the caller filters).

The choice is a small integer programme solved exactly by a branch and bound in plain Python
(the model is in ``gap_model``, the search in ``gap_search``):

* ``x_i`` whole portions of candidate ``i`` (0 .. ``max_portions_each``). Whole portions only:
  the caller resolves each food's usual serving ("1 oz (23 whole kernels)", "1 cup"), which is
  the unit people picture and measure; "0.5 × 1 medium banana" reads as a calculation, not a
  snack. A food whose usual serving is too big for the budget is simply not picked.
* ``y_i`` = 1 when food ``i`` is used; 1 .. ``max_items`` foods in all.
* At most ``max_per_group`` (default 1) foods per food group. Magnesium per calorie is highest
  in a handful of seeds and brans, so without this rule the answer is "three kinds of seeds";
  one food per group gives a varied plate (seeds + a vegetable + a grain) that people actually
  eat. A food without a group is a group of its own; a food listed twice is used once.
* magnesium >= gap, energy <= ``max_kcal``, sodium <= ``max_sodium_mg``.

A gap under ``MIN_GAP_MG`` (half a mg, below the precision of food tables) is no gap.
When the gap cannot be closed within the budgets, the most magnesium that fits is found first,
then the calorie-minimising model picks the lightest plan giving that much.

Pure: no I/O; every message is a gettext msgid with parameters, translated at the edges.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..errors import InputError, PortionError
from ..i18n import N_
from .gap_model import (
    DEFAULT_WEIGHTS,
    ENERGY,
    MAGNESIUM,
    SODIUM,
    Candidate,
    Limits,
    Pool,
    Portions,
    Weights,
    fits_alone,
    magnesium_of,
    maximise_magnesium,
    minimise_energy,
    pool_of,
)
from .model import Food
from .nutrition import amounts

# The model's inputs are imported from here by the services and the tests.
__all__ = [
    "DEFAULT_WEIGHTS",
    "MIN_GAP_MG",
    "Candidate",
    "Reason",
    "SuggestStatus",
    "SuggestedItem",
    "Suggestion",
    "Weights",
    "suggest",
]

# An item whose magnesium per calorie is among the best tenth of the allowed foods (always
# including the very best) is explained as "one of the richest sources per calorie".
RICH_TOP_SHARE = 0.1
# Food tables give magnesium to the whole mg, so a gap under half a mg is below their
# precision: it counts as no gap (and keeps every share of the gap a finite number).
MIN_GAP_MG = 0.5
# An item that gives at least half of the gap is explained as the main source.
MAIN_SOURCE_SHARE = 0.5

MESSAGES = {
    "left_out_magnesium_unknown": N_(
        "Foods left out because their magnesium content is unknown: {count}."
    ),
    "left_out_no_magnesium": N_("Foods left out because they contain no magnesium: {count}."),
    "left_out_energy_unknown": N_(
        "Foods left out because their energy (kcal) is unknown: {count}."
    ),
    "left_out_sodium_unknown": N_(
        "Foods left out because their sodium content is unknown and a sodium limit is set: {count}."
    ),
    "nothing_fits": N_("No allowed food fits within your limits; the gap of {gap} mg remains."),
    "partial": N_(
        "Within your limits these foods give {mg} mg; {remaining} mg of the gap remains."
    ),
    "sodium_unknown": N_(
        "Suggested foods whose sodium content is unknown (not counted in the sodium total): "
        "{count}."
    ),
    "within_limits": N_(
        "{mg} mg magnesium in {kcal} kcal: part of the most magnesium that fits within your limits"
    ),
    "rich_per_kcal": N_(
        "{mg} mg magnesium in {kcal} kcal: one of the richest sources per calorie among the "
        "allowed foods"
    ),
    "main_source": N_(
        "{mg} mg magnesium in {kcal} kcal: covers {percent} percent of the gap on its own"
    ),
    "share": N_(
        "{mg} mg magnesium in {kcal} kcal: adds {percent} percent of the gap, together with "
        "the other foods"
    ),
}


class SuggestStatus(StrEnum):
    CLOSED = "closed"
    PARTIAL = "partial"
    NO_GAP = "no_gap"
    NO_CANDIDATES = "no_candidates"


class LeftOut(StrEnum):
    """Why a candidate was left out before solving (the keys of ``Suggestion.left_out``)."""

    MAGNESIUM_UNKNOWN = "magnesium_unknown"
    NO_MAGNESIUM = "no_magnesium"
    ENERGY_UNKNOWN = "energy_unknown"
    SODIUM_UNKNOWN = "sodium_unknown"


@dataclass(frozen=True, slots=True)
class Reason:
    """A message for the user: a msgid of ``MESSAGES`` with its parameters."""

    code: str
    message: str
    params: Mapping[str, int | float | str]


def _reason(code: str, **params: int | float | str) -> Reason:
    return Reason(code, MESSAGES[code], params)


@dataclass(frozen=True, slots=True)
class SuggestedItem:
    """``portions`` × ``portion_label`` of ``food``; grams and amounts cover all portions."""

    food: Food
    portions: int
    portion_label: str
    grams: float
    magnesium_mg: float
    energy_kcal: float
    sodium_mg: float | None
    share_of_gap: float
    magnesium_per_100kcal: float | None
    reason: Reason


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The plan. ``sodium_mg`` adds the known values; ``sodium_unknown`` items had none."""

    status: SuggestStatus
    gap_mg: float
    items: tuple[SuggestedItem, ...]
    magnesium_mg: float
    energy_kcal: float
    sodium_mg: float
    remaining_mg: float
    left_out: Mapping[str, int]
    reasons: tuple[Reason, ...] = ()
    sodium_unknown: int = 0


def suggest(
    candidates: Sequence[Candidate],
    gap_mg: float,
    *,
    max_kcal: float | None = None,
    max_sodium_mg: float | None = None,
    max_items: int = 4,
    max_portions_each: int = 2,
    max_per_group: int = 1,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Suggestion:
    """1 .. ``max_items`` food portions giving at least ``gap_mg`` mg magnesium with the fewest
    calories within the budgets, or the best partial plan when the gap cannot be closed."""
    limits = Limits(max_kcal, max_sodium_mg, max_items, max_portions_each, max_per_group)
    _check(gap_mg, limits, candidates)
    usable, left_out = _usable(candidates, limits)
    notes = tuple(_reason(f"left_out_{key}", count=count) for key, count in left_out.items())
    if gap_mg < MIN_GAP_MG:
        return _empty(SuggestStatus.NO_GAP, gap_mg, 0.0, left_out, notes)
    if not usable:
        return _empty(SuggestStatus.NO_CANDIDATES, gap_mg, gap_mg, left_out, notes)
    pool = pool_of([c for c in usable if fits_alone(c, limits)])
    portions = minimise_energy(pool, gap_mg, limits, weights)
    if portions is not None:
        return _plan(SuggestStatus.CLOSED, gap_mg, pool, portions, usable, left_out, notes)
    best = maximise_magnesium(pool, limits)
    most = 0.0 if best is None else magnesium_of(pool, best)
    if best is None or most <= 0:
        notes += (_reason("nothing_fits", gap=round(gap_mg)),)
        return _empty(SuggestStatus.PARTIAL, gap_mg, gap_mg, left_out, notes)
    # The tolerance absorbs the search's row tolerance, so the first plan stays feasible.
    lightest = minimise_energy(pool, most - 1e-6 * max(1.0, most), limits, weights)
    chosen = best if lightest is None else lightest
    return _plan(SuggestStatus.PARTIAL, gap_mg, pool, chosen, usable, left_out, notes)


def _check(gap_mg: float, limits: Limits, candidates: Sequence[Candidate]) -> None:
    if not math.isfinite(gap_mg):
        raise InputError(
            N_("The magnesium gap must be a number of mg, not {value}."),
            field="gap_mg",
            value=gap_mg,
        )
    for name, budget in (("max_kcal", limits.max_kcal), ("max_sodium_mg", limits.max_sodium_mg)):
        if budget is not None and not (math.isfinite(budget) and budget >= 0):
            raise InputError(
                N_("The limit {name} must be 0 or more, not {value}."),
                field=name,
                name=name,
                value=budget,
            )
    counts = {
        "max_items": limits.max_items,
        "max_portions_each": limits.max_portions_each,
        "max_per_group": limits.max_per_group,
    }
    for name, count in counts.items():
        if count < 1:
            raise InputError(
                N_("The limit {name} must be 1 or more, not {value}."),
                field=name,
                name=name,
                value=count,
            )
    for candidate in candidates:
        if not (math.isfinite(candidate.grams) and candidate.grams > 0):
            raise PortionError(
                N_("The portion {portion} of {food} must weigh more than 0 g."),
                portion=candidate.portion_label,
                food=candidate.food.name,
            )


def _usable(
    candidates: Sequence[Candidate], limits: Limits
) -> tuple[list[Candidate], dict[str, int]]:
    """The candidates the model can judge honestly, and how many were left out, per reason.

    Energy is the objective, so a food with unknown energy is left out even without an energy
    budget: it could not be ranked. Unknown sodium only matters under a sodium budget.
    """
    usable: list[Candidate] = []
    left_out: Counter[str] = Counter()
    for candidate in candidates:
        food = candidate.food
        magnesium = food.value(MAGNESIUM)
        if magnesium is None:
            left_out[LeftOut.MAGNESIUM_UNKNOWN.value] += 1
        elif magnesium <= 0:
            left_out[LeftOut.NO_MAGNESIUM.value] += 1
        elif food.value(ENERGY) is None:
            left_out[LeftOut.ENERGY_UNKNOWN.value] += 1
        elif limits.max_sodium_mg is not None and food.value(SODIUM) is None:
            left_out[LeftOut.SODIUM_UNKNOWN.value] += 1
        else:
            usable.append(candidate)
    return usable, dict(left_out)


def _empty(
    status: SuggestStatus,
    gap_mg: float,
    remaining: float,
    left_out: Mapping[str, int],
    notes: tuple[Reason, ...],
) -> Suggestion:
    return Suggestion(status, gap_mg, (), 0.0, 0.0, 0.0, remaining, left_out, notes)


def _plan(
    status: SuggestStatus,
    gap_mg: float,
    pool: Pool,
    portions: Portions,
    usable: Sequence[Candidate],
    left_out: Mapping[str, int],
    notes: tuple[Reason, ...],
) -> Suggestion:
    densities = sorted((_density(c) for c in usable), reverse=True)
    rich_cut = densities[max(1, math.ceil(RICH_TOP_SHARE * len(densities))) - 1]
    chosen = [(pool.candidates[i], int(count)) for i, count in enumerate(portions) if count > 0]
    items = sorted(
        (_item(candidate, count, gap_mg, status, rich_cut) for candidate, count in chosen),
        key=lambda item: -item.magnesium_mg,
    )
    magnesium = sum(item.magnesium_mg for item in items)
    sodium_unknown = sum(1 for item in items if item.sodium_mg is None)
    # Closed means the model held magnesium >= gap: no rounding dust reported as a gap left.
    remaining = 0.0 if status is SuggestStatus.CLOSED else max(0.0, gap_mg - magnesium)
    if status is SuggestStatus.PARTIAL:
        notes += (_reason("partial", mg=round(magnesium), remaining=math.ceil(remaining)),)
    if sodium_unknown:
        notes += (_reason("sodium_unknown", count=sodium_unknown),)
    return Suggestion(
        status=status,
        gap_mg=gap_mg,
        items=tuple(items),
        magnesium_mg=magnesium,
        energy_kcal=sum(item.energy_kcal for item in items),
        sodium_mg=sum(item.sodium_mg or 0.0 for item in items),
        remaining_mg=remaining,
        left_out=left_out,
        reasons=notes,
        sodium_unknown=sodium_unknown,
    )


def _density(candidate: Candidate) -> float:
    """Magnesium per kcal; a food without calories ranks above every other."""
    energy = candidate.food.value(ENERGY) or 0.0
    magnesium = candidate.food.value(MAGNESIUM) or 0.0
    return math.inf if energy <= 0 else magnesium / energy


def _item(
    candidate: Candidate, portions: int, gap_mg: float, status: SuggestStatus, rich_cut: float
) -> SuggestedItem:
    grams = candidate.grams * portions
    found = amounts(candidate.food, grams)
    magnesium, energy = found[MAGNESIUM] or 0.0, found[ENERGY] or 0.0
    share = magnesium / gap_mg
    params: dict[str, int | float | str] = {"mg": round(magnesium), "kcal": round(energy)}
    if status is SuggestStatus.PARTIAL:
        reason = _reason("within_limits", **params)
    elif _density(candidate) >= rich_cut:
        reason = _reason("rich_per_kcal", **params)
    elif share >= MAIN_SOURCE_SHARE:
        reason = _reason("main_source", **params, percent=round(100 * share))
    else:
        reason = _reason("share", **params, percent=round(100 * share))
    return SuggestedItem(
        food=candidate.food,
        portions=portions,
        portion_label=candidate.portion_label,
        grams=grams,
        magnesium_mg=magnesium,
        energy_kcal=energy,
        sodium_mg=found[SODIUM],
        share_of_gap=share,
        magnesium_per_100kcal=None if energy <= 0 else 100.0 * magnesium / energy,
        reason=reason,
    )
