"""Opening the database: engine settings per dialect, schema upgrades, the curated foods.

``open_database()`` is all a caller needs: it creates the data directory, upgrades the schema
to the newest Alembic revision (only loading Alembic when the stored revision is behind) and
makes sure the curated foods and the full USDA SR28 table shipped with this version are in the
table (storage.curated_seed, storage.sr28_seed).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Connection as Connection  # the handle of one transaction, for callers
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from ..errors import MgCoachError
from ..i18n import N_
from ..settings import Settings
from .generation import Tracker

# The newest revision in migrations/versions (a test keeps the two in step).
HEAD = "0015"
# PostgreSQL's driver is an extra (pyproject.toml): the default install runs on SQLite alone.
POSTGRES_INSTALL = "pip install 'mgcoach[postgres]'"


class StorageError(MgCoachError):
    """The database cannot be opened or written."""

    code = "storage_failed"
    exit_code = 74
    http_status = 503


class Database:
    """One SQLAlchemy engine with the settings its dialect needs. Every transaction that writes
    bumps the write generation of what it wrote as it commits (storage.generation)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = _engine(url)
        self.tracker = Tracker()
        self.tracker.install(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def begin(self) -> Any:
        """A connection in a transaction: committed on success, rolled back on any error."""
        return self.engine.begin()

    def connect(self) -> Any:
        return self.engine.connect()

    def dispose(self) -> None:
        self.engine.dispose()


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    try:
        return create_engine(_with_driver(url), pool_pre_ping=True)
    except ImportError as error:  # the driver is missing, or cannot load its library
        if url.startswith("postgres"):
            raise StorageError(
                N_(
                    "PostgreSQL needs the psycopg driver, which cannot be loaded ({error}). "
                    "Install it with: {command}"
                ),
                error=str(error),
                command=POSTGRES_INSTALL,
            ) from error
        raise StorageError(N_("Cannot open the database ({error})."), error=str(error)) from error


def _with_driver(url: str) -> str:
    """``postgresql://`` with the driver this package installs (psycopg), not SQLAlchemy's
    default (psycopg2, which it does not); any other URL as given."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url  # create_engine says what is wrong with it
    if parsed.drivername != "postgresql":
        return url
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def stored_revision(db: Database) -> str | None:
    with db.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if revision is None else str(revision)


def upgrade(db: Database, revision: str = "head") -> None:
    """Run the Alembic revisions up to ``revision`` in one transaction."""
    _migrate(db, "upgrade", revision)


def downgrade(db: Database, revision: str) -> None:
    _migrate(db, "downgrade", revision)


def _migrate(db: Database, direction: str, revision: str) -> None:
    # Alembic is imported only here: opening an up-to-date database never loads it.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    db.tracker.ready = None  # the generation table may come or go: look again at commit
    try:
        with db.begin() as connection:
            config.attributes["connection"] = connection
            getattr(command, direction)(config, revision)
    finally:
        db.tracker.ready = None


@cache
def migrations_dir() -> Path:
    return Path(str(resources.files(__package__).joinpath("migrations")))


def open_database(
    settings: Settings | None = None,
    *,
    seed: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Database:
    """The configured database, upgraded, with this version's curated foods and full SR28 table
    in it (loaded on first use; ``progress`` hears of each batch of foods then)."""
    settings = settings or Settings.from_env()
    if settings.is_sqlite:
        try:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                N_("Cannot create the data folder {path}: {error}"),
                path=str(settings.data_dir),
                error=error.strerror or str(error),
            ) from error
    db = Database(settings.database_url)
    try:
        if stored_revision(db) != HEAD:
            upgrade(db)
        if seed:
            from .curated_seed import ensure_curated
            from .sr28_seed import ensure_sr28

            ensure_curated(db)
            ensure_sr28(db, progress)
    except OperationalError as error:
        raise StorageError(
            N_("Cannot open the database ({error})."), error=str(error.orig).strip()
        ) from error
    except SQLAlchemyError as error:
        raise StorageError(N_("Cannot open the database ({error})."), error=str(error)) from error
    return db
