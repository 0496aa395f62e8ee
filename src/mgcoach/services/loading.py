"""How an edge shows the one slow step of opening a database: loading the food table shipped
with this version (storage.sr28_seed), once per new data folder or new version.

The CLI registers a progress display here (cli/loading.py); services.database.open_database
uses it while the foods go in. The web server loads them at startup, with no display. Nothing
heavy is imported here: the CLI registers before it knows whether a command opens a database.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

Progress = Callable[[int], None]  # as services.food_import: how many more foods are done
Display = Callable[[], AbstractContextManager[Progress]]

_displays: list[Display] = []


def show_loading_with(display: Display | None) -> None:
    """Use ``display`` (None: none) around every later database open of this process."""
    _displays[:] = [display] if display is not None else []


def loading_display() -> Display | None:
    return _displays[0] if _displays else None
