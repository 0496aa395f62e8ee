"""A read-only database per backend with all of USDA SR28 imported (shared by a module's tests)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from mgcoach.foods.importers.files import Release
from mgcoach.foods.importers.usda_sr28 import read
from mgcoach.storage.database import Database
from mgcoach.storage.foods import write_foods
from tests.databases import BACKENDS, Templates, open_fresh
from tests.shared_data import SR28


@pytest.fixture(scope="session")
def sr28_databases(
    db_templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], Database]]:
    made: dict[str, Database] = {}

    def get(backend: str) -> Database:
        if backend not in made:
            db = open_fresh(db_templates, backend, tmp_path_factory.mktemp(f"sr28-{backend}"))
            release = Release(SR28)
            with db.begin() as connection:
                write_foods(connection, read(release))
            made[backend] = db
        return made[backend]

    yield get
    for db in made.values():
        db.dispose()


@pytest.fixture(params=BACKENDS)
def sr28_db(request: pytest.FixtureRequest, sr28_databases: Callable[[str], Database]) -> Database:
    """All of SR28 plus the curated foods; tests must not write to it."""
    return sr28_databases(request.param)
