"""The database as the CLI and the web app hold it: opened from the settings and handed to the
use cases in this package. Nothing here speaks SQL; storage does (storage/database.py)."""

from __future__ import annotations

from ..settings import Settings
from ..storage import database as storage
from ..storage.database import LOCAL_USER, Database  # LOCAL_USER: not the journal's models
from ..storage.food_search import SearchResult  # what a food search answers (cli/food_views)
from .loading import loading_display

__all__ = ["LOCAL_USER", "Database", "SearchResult", "open_database"]


def open_database(settings: Settings | None = None, *, seed: bool = True) -> Database:
    """The configured database, upgraded, with this version's foods in it; a first open loads
    the full USDA table, shown by the display an edge registered (services.loading)."""
    display = loading_display() if seed else None
    if display is None:
        return storage.open_database(settings, seed=seed)
    with display() as progress:
        return storage.open_database(settings, seed=seed, progress=progress)
