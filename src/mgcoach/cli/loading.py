"""The progress display of a first open (services.loading): a bar on stderr while the shipped
USDA foods go into a new database, shown only once the first foods are written (an open that
loads nothing shows nothing)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ..i18n import _


@contextmanager
def loading_bar() -> Iterator[Callable[[int], None]]:
    shown: list[Any] = []

    def advance(count: int) -> None:
        if not shown:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            from ..foods.sr28_table import SR28_FOODS

            bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed:,.0f}/{task.total:,.0f}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            bar.start()
            shown.append((bar, bar.add_task(_("Loading the USDA foods"), total=SR28_FOODS)))
        bar, task = shown[0]
        bar.advance(task, count)

    try:
        yield advance
    finally:
        if shown:
            shown[0][0].stop()
