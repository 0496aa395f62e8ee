"""A read-only database per backend with all of USDA SR28 in it (shared by a module's tests).

Every new database holds the full table shipped with Mg Coach (storage.sr28_seed), so this is a
copy of the session's template: the same foods a user has on day one."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from mgcoach.storage.database import Database
from tests.databases import BACKENDS, Templates, open_fresh
from tests.shared_data import SR28

__all__ = ["SR28"]


@pytest.fixture(scope="session")
def sr28_databases(
    db_templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], Database]]:
    made: dict[str, Database] = {}

    def get(backend: str) -> Database:
        if backend not in made:
            folder = tmp_path_factory.mktemp(f"sr28-{backend}")
            made[backend] = open_fresh(db_templates, backend, folder)
        return made[backend]

    yield get
    for db in made.values():
        db.dispose()


@pytest.fixture(params=BACKENDS)
def sr28_db(request: pytest.FixtureRequest, sr28_databases: Callable[[str], Database]) -> Database:
    """All of SR28 plus the curated foods; tests must not write to it."""
    return sr28_databases(request.param)
