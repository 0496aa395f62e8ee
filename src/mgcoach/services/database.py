"""The database as the CLI and the web app hold it: opened from the settings and handed to the
use cases in this package. Nothing here speaks SQL; storage does (storage/database.py)."""

from __future__ import annotations

from ..storage.database import Database, open_database
from ..storage.food_search import SearchResult  # what a food search answers (cli/food_views)
from ..storage.journal import LOCAL_USER

__all__ = ["LOCAL_USER", "Database", "SearchResult", "open_database"]
