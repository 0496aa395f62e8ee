"""Results remembered under a key that says everything they rest on.

A cache here never invalidates anything: its keys hold the database's URL and the write
generations of the scopes the result was read from (storage.generation), besides the request's
own inputs. A write anywhere, by any process, moves a generation on, so the next call asks for
another key; the old entries fall out as the least recently used.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Recent(Generic[V]):
    """The ``size`` most recently used results, safe to share between threads; concurrent
    callers of one missing key wait for one ``make()`` instead of each running their own.
    The results are shared, so they must not be changed."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._making: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            making = self._making.setdefault(key, threading.Lock())
        with making:  # outside the cache's lock: a slow make() holds up this key only
            with self._lock:
                if key in self._items:
                    return self._items[key]
            try:
                value = make()
                with self._lock:
                    self._items[key] = value
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
            finally:
                with self._lock:
                    self._making.pop(key, None)
        return value

    def peek(self, key: Hashable) -> V | None:
        """The result kept under ``key`` (now the most recently used), or None; never makes
        one, so it is cheap enough for the event loop."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
