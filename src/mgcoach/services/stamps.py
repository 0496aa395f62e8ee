"""What a page rests on, in one read: a profile's id and the write generations of its journal
(and of any other scopes asked for), so an edge can reuse what it made from them until any
process writes to them (storage.generation; services/cache.py says the rule)."""

from __future__ import annotations

from ..storage import generation
from ..storage import journal as store
from ..storage.database import Database

FOODS = generation.FOODS
FOOD_USAGE = generation.FOOD_USAGE


def journal_stamp(
    db: Database, owner: str, profile: str, *scopes: str
) -> tuple[int, tuple[int, ...]] | None:
    """``profile``'s id and the generations of its journal and of ``scopes``, read in one
    connection; None when ``owner`` has no such profile."""
    with db.reader() as connection:
        found = store.find_profile_id(connection, owner, profile)
        if found is None:
            return None
        read = (*generation.journal_scopes(found), *scopes)
        return found, generation.read(connection, read)
