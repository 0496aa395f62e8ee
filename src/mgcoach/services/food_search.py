"""Food search: the use case behind ``mgcoach foods search``, ``GET /api/v1/foods/search`` and
the Foods page (storage.food_search does the searching).

On a SQLite file whose engine is not made yet (every run of ``mgcoach foods search`` on an
up-to-date database) the search reads through the sqlite3 driver alone: this module and what
it imports load no SQLAlchemy (tests/storage/test_search_without_sqlalchemy.py).
"""

from __future__ import annotations

from ..errors import InputError
from ..foods.barcode import looks_like_barcode
from ..i18n import N_
from ..storage.database import Database
from ..storage.food_search import SearchResult, search
from . import food_lookup

MAX_LIMIT = 200


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(
            N_("The number of results must be between 1 and {max}."), field="limit", max=MAX_LIMIT
        )
    return limit


def search_foods(
    db: Database, query: str, limit: int = 10, *, visible_to: int | None = None
) -> SearchResult:
    if not query.strip():
        raise InputError(N_("Type a food name to search for."), field="query")
    with db.reader() as connection:
        if looks_like_barcode(query):  # a UPC-A finds its EAN-13, "5 449000 000996" too
            found = food_lookup.by_barcode(connection, query, visible_to)
            if found is not None:
                return SearchResult([found], [], [])
        return search(connection, query, check_limit(limit), visible_to=visible_to)
