"""Shared fixtures: the packaged knowledge base, loaded once."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mgcoach.i18n import set_language
from mgcoach.knowledge import KnowledgeBase, load_knowledge
from mgcoach.storage.database import Database
from tests.databases import BACKENDS, Templates, open_fresh
from tests.support.postgres import PostgresServer, start_postgres


def pytest_configure(config: pytest.Config) -> None:
    """No test may touch the user's real data folder: point MGCOACH_DATA_DIR at a temp dir."""
    os.environ["MGCOACH_DATA_DIR"] = tempfile.mkdtemp(prefix="mgcoach-tests-")
    # Nor its cache: the CLI keeps compiled catalogs and the knowledge base there.
    os.environ["MGCOACH_CACHE_DIR"] = tempfile.mkdtemp(prefix="mgcoach-cache-tests-")
    os.environ.pop("MGCOACH_DATABASE_URL", None)


# What each marker means (pyproject.toml declares them; `make test-fast` deselects the slow
# ones). Marks are given here from what a test uses, so a new test is marked without thinking.
_DB_FIXTURES = frozenset({"db", "data_dir", "db_templates", "sr28_db", "sr28_databases"})
_SR28_FIXTURES = frozenset({"sr28_db", "sr28_databases"})


def _marks_for(item: pytest.Item) -> set[str]:
    marks: set[str] = set()
    fixtures = set(getattr(item, "fixturenames", ()))
    path = item.path.as_posix()
    if fixtures & _DB_FIXTURES:
        marks.add("db")
    callspec = getattr(item, "callspec", None)
    params = callspec.params.values() if callspec is not None else ()
    if "postgresql" in params or path.endswith("tests/support/test_postgres.py"):
        marks.update({"db", "postgres"})
    if "/tests/web/browser/" in path:
        marks.add("browser")
    if "fuzz" in item.path.name:
        marks.add("fuzz")
    module = getattr(item, "module", None)
    if fixtures & _SR28_FIXTURES or any(
        name in vars(module) for name in ("SR28", "SR28_FOLDER") if module is not None
    ):
        marks.add("sr28")
    return marks


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for name in _marks_for(item):
            item.add_marker(name)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Callable[[], PostgresServer]]:
    """The session's throwaway PostgreSQL server, started on first use."""
    started: list[PostgresServer] = []

    def get() -> PostgresServer:
        if not started:
            started.append(start_postgres())
        return started[0]

    yield get
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def db_templates(
    tmp_path_factory: pytest.TempPathFactory, postgres_server: Callable[[], PostgresServer]
) -> Templates:
    return Templates(tmp_path_factory.mktemp("db-templates"), postgres_server)


@pytest.fixture(params=BACKENDS)
def db(
    request: pytest.FixtureRequest, db_templates: Templates, tmp_path: Path
) -> Iterator[Database]:
    """A fresh database with the curated foods, on SQLite and on PostgreSQL."""
    database = open_fresh(db_templates, request.param, tmp_path / "data")
    yield database
    database.dispose()


@pytest.fixture
def data_dir(db_templates: Templates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MGCOACH_DATA_DIR for CLI tests: a fresh SQLite copy of the seeded template."""
    folder = tmp_path / "mgcoach-data"
    db_templates.fresh("sqlite", folder)
    monkeypatch.setenv("MGCOACH_DATA_DIR", str(folder))
    monkeypatch.delenv("MGCOACH_DATABASE_URL", raising=False)
    return folder
