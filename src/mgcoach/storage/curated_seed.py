"""Putting the curated foods of this version into the database, once per change of the table."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from ..foods.curated import CURATED_DIR, PORTIONS_FILE, curated_foods
from ..foods.estimates import ESTIMATE_FILES
from .database import Database
from .everyday import CURATED_SEED_KEY
from .foods import refresh_statistics, write_foods
from .tables import meta

_KEY = CURATED_SEED_KEY


def curated_hash() -> str:
    digest = hashlib.sha256()
    for path in [*sorted(CURATED_DIR.glob("*.csv")), PORTIONS_FILE, *ESTIMATE_FILES]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_curated(db: Database) -> None:
    """Write the curated foods when the shipped table differs from what the database holds."""
    wanted = curated_hash()
    with db.connect() as connection:
        stored = connection.execute(select(meta.c.value).where(meta.c.key == _KEY)).scalar()
    if stored == wanted:
        return
    with db.begin() as connection:
        write_foods(connection, curated_foods(), overwrite_protected=True)
        refresh_statistics(connection)
        if stored is None:
            connection.execute(meta.insert().values(key=_KEY, value=wanted))
        else:
            connection.execute(meta.update().where(meta.c.key == _KEY).values(value=wanted))
