"""Candidates the gap search may skip: others beat them on every count, and can always take
their place in a plan (``gap_search``).

``b`` beats ``a`` when it has as much magnesium or more, and no more cost (the cheapest plan's
objective per portion), energy (under an energy budget) or sodium (under a sodium budget); equal
on every count, the earlier candidate beats the later. A beaten candidate is dropped when some
best plan surely does without it:

* the kept candidates that beat it hold ``max_per_group`` of ``a``'s group, or ``max_items``
  of ``a``'s group or without a group, each free whenever ``a`` is used: the only candidate of
  its food (or, one food per group, a food offered in that group only). A plan using ``a``
  holds at most ``max_per_group - 1`` other foods of the group and ``max_items - 1`` others in
  all, so one of them is not in it.

Swapping ``a`` for that ``b``, portion for portion, keeps every row (the same group count, a
food not used yet, no more energy or sodium, as much magnesium) and the objective at least as
good. The beaters are kept candidates earlier in the order (by every count, best first), so
repeated swaps end: some best plan uses kept candidates only.

Pure: no I/O, standard library only.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .gap_model import Limits, Pool


def _counts(pool: Pool, limits: Limits, cost: Sequence[float] | None) -> list[tuple[float, ...]]:
    """Per candidate, the counts to compare, each the larger the better."""
    counts: list[Sequence[float]] = [pool.magnesium]
    counts += [tuple(-v for v in values) for values in (cost,) if values is not None]
    counts += [tuple(-v for v in pool.energy)] if limits.max_kcal is not None else []
    counts += [tuple(-v for v in pool.sodium)] if limits.max_sodium_mg is not None else []
    return list(zip(*counts, strict=True))


def beaten(pool: Pool, limits: Limits, cost: Sequence[float] | None) -> set[int]:
    """The candidates the search may skip (``cost``: the cheapest plan's, None for the
    richest plan's search)."""
    keys = _counts(pool, limits, cost)
    foods = [c.food.id for c in pool.candidates]
    groups = [c.food.group for c in pool.candidates]
    offered = Counter(foods)
    groups_of_food: dict[str, set[str | None]] = {}
    for food, group in zip(foods, groups, strict=True):
        groups_of_food.setdefault(food, set()).add(group)
    one_per_group = limits.max_per_group == 1
    # The kept candidates that can take another's place, by group (None: without a group).
    free: dict[str | None, list[int]] = {}
    dropped: set[int] = set()
    for a in sorted(range(len(keys)), key=lambda i: (tuple(-v for v in keys[i]), i)):
        group, key = groups[a], keys[a]
        in_group = in_all = 0
        for b in free.get(group, []) if group is not None else []:
            if all(map(operator.ge, keys[b], key)):
                in_group, in_all = in_group + 1, in_all + 1
                if in_group >= limits.max_per_group:
                    break
        if in_group < limits.max_per_group:
            for b in free.get(None, []):
                if in_all >= limits.max_items:
                    break
                if all(map(operator.ge, keys[b], key)):
                    in_all += 1
        if in_group >= limits.max_per_group or in_all >= limits.max_items:
            dropped.add(a)
        elif offered[foods[a]] == 1 or (
            one_per_group and group is not None and groups_of_food[foods[a]] == {group}
        ):
            free.setdefault(group, []).append(a)
    return dropped
