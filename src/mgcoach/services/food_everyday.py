"""The everyday foods (curated, the user's own, recipes: about 900 rows), kept per database.

They are read once per write generation of the foods (storage.generation) and kept with their
usual servings in grams (``everyday_foods``); the top foods (services.foods) and the gap plans
(services.food_suggest) are worked out from that copy instead of reading and parsing every row
on each call.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..errors import PortionError
from ..foods.model import Food
from ..foods.portions import portion_grams
from ..storage import generation
from ..storage.database import Connection, Database
from ..storage.everyday import everyday_ids
from ..storage.foods import get_foods, sees
from .cache import Recent

T = TypeVar("T")

# Results worked out from one copy (top rankings, gap plans), the most recently used kept.
MEMO_SIZE = 256


@dataclass(frozen=True, slots=True)
class Everyday:
    """An everyday food and its usual serving resolved once (``grams()``)."""

    food: Food
    serving_grams: float | None
    serving_error: PortionError | None = None

    def grams(self) -> float:
        """The usual serving's weight; a serving that cannot be read fails as it always did."""
        if self.serving_error is not None:
            raise self.serving_error.with_traceback(None)
        assert self.serving_grams is not None, "only foods with a usual serving"
        return self.serving_grams


@dataclass(frozen=True)
class EverydayFoods:
    """The everyday foods of one database at one generation of its foods, in the order the
    database lists them (by source, then as written), and what was worked out from them."""

    version: tuple[int, ...]
    items: tuple[Everyday, ...]
    by_id: Mapping[str, Food]
    _memo: OrderedDict[Any, Any] = field(default_factory=OrderedDict, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """``compute()``, remembered under ``key`` for as long as these rows are current.
        The result is shared between callers, so it must not be changed."""
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                found: T = self._memo[key]
                return found
        value = compute()  # outside the lock: a slow solve must not hold up other readers
        with self._lock:
            self._memo[key] = value
            self._memo.move_to_end(key)
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return value


# The copies by (database URL, foods generation), the most recently used kept: a process has
# one database or a few, and a copy older than its database's generation is never asked for.
_COPIES: Recent[EverydayFoods] = Recent(size=4)


def everyday_foods(db: Database, visible_to: int | None = None) -> EverydayFoods:
    """The curated, own and recipe foods ``visible_to`` may see, with their serving grams,
    read again only when the foods were written (by any process): one indexed read of the
    generation per call."""
    with db.connect() as connection:
        version = generation.read(connection, [generation.FOODS])
    # Read before the rows: a write in between leaves newer rows under an older generation,
    # which the next call no longer asks for.
    every = _COPIES.get((db.url, version), lambda: _load(db, version))
    if all(item.food.owner is None for item in every.items):
        return every  # nothing owned (local mode, or no account added a food): one copy
    return every.memo(("visible to", visible_to), lambda: _visible(every, visible_to))


def _visible(every: EverydayFoods, visible_to: int | None) -> EverydayFoods:
    items = tuple(item for item in every.items if sees(item.food, visible_to))
    return EverydayFoods(every.version, items, {item.food.id: item.food for item in items})


def _load(db: Database, version: tuple[int, ...]) -> EverydayFoods:
    with db.connect() as connection:
        return EverydayFoods(version, *_load_everyday(connection))


def _load_everyday(connection: Connection) -> tuple[tuple[Everyday, ...], dict[str, Food]]:
    foods = get_foods(connection, everyday_ids(connection))
    return tuple(_everyday(f) for f in foods), {f.id: f for f in foods}


def _everyday(item: Food) -> Everyday:
    if item.serving is None:
        return Everyday(item, None)
    try:
        return Everyday(item, portion_grams(item, item.serving).grams)
    except PortionError as error:
        return Everyday(item, None, error)
