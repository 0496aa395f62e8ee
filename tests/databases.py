"""Database fixtures' machinery: every storage test runs on SQLite and on a real PostgreSQL.

A template database is migrated and seeded once per session and backend, as a user's first open
does: the curated foods and the full USDA SR28 table (storage.sr28_seed; about a second per
backend), so every test sees the foods a user has on day one. Each test gets a fresh copy (a
file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL), so tests are isolated and
fast: the full table makes a copy about 11 ms (SQLite, 6.5 MB) and 30 ms (PostgreSQL) slower.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable
from pathlib import Path

from mgcoach.settings import Settings
from mgcoach.storage.database import Database, open_database
from tests.support.postgres import PostgresServer

BACKENDS = ("sqlite", "postgresql")
_counter = itertools.count()


class Templates:
    """Per-session templates: one migrated, seeded database per backend (made on first use)."""

    def __init__(self, root: Path, server: Callable[[], PostgresServer]) -> None:
        self.root = root
        self._server = server
        self._sqlite: Path | None = None
        self._postgres: str | None = None

    def sqlite_file(self) -> Path:
        if self._sqlite is None:
            folder = self.root / "sqlite-template"
            db = open_database(Settings(folder, f"sqlite:///{folder / 'mgcoach.sqlite3'}"))
            db.dispose()
            self._sqlite = folder / "mgcoach.sqlite3"
        return self._sqlite

    def postgres_name(self) -> str:
        if self._postgres is None:
            server = self._server()
            url = server.create_database("mgcoach_template")
            open_database(Settings(self.root, url)).dispose()
            self._postgres = "mgcoach_template"
        return self._postgres

    def fresh(self, backend: str, folder: Path) -> Settings:
        """Settings for a new database of ``backend``, a copy of the template."""
        if backend == "sqlite":
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / "mgcoach.sqlite3"
            shutil.copyfile(self.sqlite_file(), target)
            return Settings(folder, f"sqlite:///{target}")
        template = self.postgres_name()
        name = f"mgcoach_test_{next(_counter)}"
        url = self._server().create_database(name, template=template)
        return Settings(folder, url)


def open_fresh(templates: Templates, backend: str, folder: Path) -> Database:
    return open_database(templates.fresh(backend, folder))
