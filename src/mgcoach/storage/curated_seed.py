"""Putting the curated foods of this version into the database, once per change of the table."""

from __future__ import annotations

from sqlalchemy import text

from ..foods.curated import curated_foods
from .database import Database
from .foods import refresh_statistics, write_foods
from .seed_stamps import CURATED_SEED_KEY, STAMP, curated_hash
from .tables import meta

_KEY = CURATED_SEED_KEY
__all__ = ["curated_hash", "ensure_curated"]


def ensure_curated(db: Database) -> None:
    """Write the curated foods when the shipped table differs from what the database holds."""
    wanted = curated_hash()
    with db.connect() as connection:
        stored = connection.execute(text(STAMP), {"key": _KEY}).scalar()
    if stored == wanted:
        return
    with db.begin() as connection:
        write_foods(connection, curated_foods(), overwrite_protected=True)
        refresh_statistics(connection)
        if stored is None:
            connection.execute(meta.insert().values(key=_KEY, value=wanted))
        else:
            connection.execute(meta.update().where(meta.c.key == _KEY).values(value=wanted))
