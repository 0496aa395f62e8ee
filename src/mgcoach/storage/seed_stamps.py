"""The stamps in the ``meta`` table that say which curated foods and which SR28 table a database
holds: the sha256 of the shipped files, written by storage.curated_seed and storage.sr28_seed
when they load them.

Read through SQLAlchemy by the seeds and through sqlite3 by open_database's check of an
up-to-date SQLite file (storage.database), with the one statement below: both bind ``:key``.
No SQLAlchemy here, so that check imports none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from ..foods.curated import CURATED_DIR, PORTIONS_FILE
from ..foods.estimates import ESTIMATE_FILES
from ..foods.sr28_table import shipped_hash

CURATED_SEED_KEY = "curated_foods_hash"
SR28_SEED_KEY = "sr28_foods_hash"
STAMP = "SELECT value FROM meta WHERE key = :key"


def curated_hash() -> str:
    digest = hashlib.sha256()
    for path in [*sorted(CURATED_DIR.glob("*.csv")), PORTIONS_FILE, *ESTIMATE_FILES]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def stamps_current(stamp: Callable[[str], str | None]) -> bool:
    """Whether the stamps ``stamp`` reads (by key) are this version's: nothing to load."""
    return stamp(CURATED_SEED_KEY) == curated_hash() and stamp(SR28_SEED_KEY) == shipped_hash()
