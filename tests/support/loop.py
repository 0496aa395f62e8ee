"""Run a coroutine to completion from a test, whatever else is running.

The browser tests keep Playwright's event loop running in the main thread for the whole
session, so ``asyncio.run`` there fails ("cannot be called from a running event loop"); a
thread of its own has no loop, and the coroutine gets a fresh one.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    results: list[T] = []
    errors: list[BaseException] = []

    def main() -> None:
        try:
            results.append(asyncio.run(coroutine))
        except BaseException as error:  # handed to the caller's thread below
            errors.append(error)

    thread = threading.Thread(target=main)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return results[0]
