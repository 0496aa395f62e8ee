"""Opening the database: engine settings per dialect, schema upgrades, the curated foods.

``open_database()`` is all a caller needs: it creates the data directory, upgrades the schema
to the newest Alembic revision (only loading Alembic when the stored revision is behind) and
makes sure the curated foods and the full USDA SR28 table shipped with this version are in the
table (storage.curated_seed, storage.sr28_seed).

On a SQLite file, whether all that is already done is asked through sqlite3 itself, and the
SQLAlchemy engine is made on first use: a food search of an up-to-date database (the usual run
of ``mgcoach foods search``) imports neither SQLAlchemy nor Alembic (storage.food_search).
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import MgCoachError
from ..i18n import N_
from ..settings import Settings

if TYPE_CHECKING:
    from sqlalchemy import Connection as Connection  # the handle of one transaction, for callers
    from sqlalchemy import Engine

    from .generation import Tracker

# The newest revision in migrations/versions (a test keeps the two in step).
HEAD = "0015"
# PostgreSQL's driver is an extra (pyproject.toml): the default install runs on SQLite alone.
POSTGRES_INSTALL = "pip install 'mgcoach[postgres]'"
# Every SQLite connection's settings, the engine's and Database.sqlite's alike.
SQLITE_PRAGMAS = ("PRAGMA foreign_keys=ON", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL")
# The account of a single-person install: the CLI's, and the web app's without accounts (the
# app_user row of storage.journal_tables; here, so that naming it loads no SQLAlchemy).
LOCAL_USER = "local"
_REVISION = "SELECT version_num FROM alembic_version"


def __getattr__(name: str) -> Any:
    """SQLAlchemy's ``Connection`` for the modules that import it from here as they load:
    only they load SQLAlchemy then."""
    if name == "Connection":
        from sqlalchemy import Connection

        return Connection
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class StorageError(MgCoachError):
    """The database cannot be opened or written."""

    code = "storage_failed"
    exit_code = 74
    http_status = 503


class Database:
    """One SQLAlchemy engine with the settings its dialect needs. Every transaction that writes
    bumps the write generation of what it wrote as it commits (storage.generation).

    On a SQLite file the engine is made on first use, and ``sqlite()`` hands out the driver's
    own connections meanwhile; another database's engine is made at once (a missing driver or
    a bad URL is said then, as it always was)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sqlite_path = _sqlite_file(url)
        self._engine: Engine | None = None
        self._tracker: Tracker | None = None
        self._making = threading.Lock()
        self._readers = threading.local()
        self._open_readers: weakref.WeakSet[_Reader] = weakref.WeakSet()
        if self.sqlite_path is None:
            self._make_engine()

    @property
    def engine(self) -> Engine:
        return self._engine or self._make_engine()

    @property
    def tracker(self) -> Tracker:
        if self._tracker is None:
            self._make_engine()
        assert self._tracker is not None
        return self._tracker

    def _make_engine(self) -> Engine:
        from .generation import Tracker

        with self._making:  # two threads' first use make one engine
            if self._engine is None:
                engine = _engine(self.url)
                tracker = Tracker()
                tracker.install(engine)
                self._tracker = tracker
                self._engine = engine
            return self._engine

    @property
    def dialect(self) -> str:
        return "sqlite" if self.sqlite_path is not None else self.engine.dialect.name

    def begin(self) -> Any:
        """A connection in a transaction: committed on success, rolled back on any error."""
        return self.engine.begin()

    def connect(self) -> Any:
        return self.engine.connect()

    @contextmanager
    def sqlite(self) -> Iterator[sqlite3.Connection]:
        """A new sqlite3 connection to this SQLite file, with the engine's settings, closed
        afterwards. Only for reads: the write generation (storage.generation) counts the
        engine's writes alone."""
        assert self.sqlite_path is not None, "not a SQLite file"
        raw = sqlite3.connect(self.sqlite_path, timeout=30)
        try:
            sqlite_pragmas(raw)
            yield raw
        finally:
            raw.close()

    @contextmanager
    def reader(self) -> Iterator[Connection | sqlite3.Connection]:
        """A connection for a read that storage.plain_sql or storage.food_search makes on
        either kind: on a SQLite file, this thread's own sqlite3 connection (``_thread_reader``),
        on another database one of the engine's pool."""
        if self.sqlite_path is not None:
            yield self._thread_reader()
        else:
            with self.connect() as connection:
                yield connection

    def _thread_reader(self) -> sqlite3.Connection:
        """This thread's sqlite3 connection for reads, opened on its first read and kept: a
        server's request pays a statement, not a connection or SQLAlchemy's execution (about
        a third of a Today page's time under load was its two stamp queries through the engine).
        Python's sqlite3 begins no transaction for a SELECT, so each read sees what was
        committed before it. A thread's connection is closed when the thread ends or by
        ``dispose``."""
        raw: _Reader | None = getattr(self._readers, "connection", None)
        if raw is None:
            assert self.sqlite_path is not None, "not a SQLite file"
            raw = sqlite3.connect(
                self.sqlite_path, timeout=30, check_same_thread=False, factory=_Reader
            )
            sqlite_pragmas(raw)
            self._readers.connection = raw
            self._open_readers.add(raw)
        return raw

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        readers, self._open_readers = list(self._open_readers), weakref.WeakSet()
        self._readers = threading.local()
        for raw in readers:
            raw.close()


class _Reader(sqlite3.Connection):
    """A sqlite3 connection that ``Database.dispose`` can find (the driver's own class takes
    no weak reference)."""


def sqlite_pragmas(dbapi_connection: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///`` URL; None for another database, an in-memory one or
    a URL with options or escapes (SQLAlchemy alone reads those)."""
    prefix = "sqlite:///"
    path = url[len(prefix) :] if url.startswith(prefix) else ""
    if not path or path == ":memory:" or path.startswith("file:") or any(c in path for c in "?%"):
        return None
    return Path(path)


def _engine(url: str) -> Engine:
    from sqlalchemy import create_engine, event

    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            sqlite_pragmas(dbapi_connection)

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
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return url  # create_engine says what is wrong with it
    if parsed.drivername != "postgresql":
        return url
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def stored_revision(db: Database) -> str | None:
    from sqlalchemy import inspect, text

    with db.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revision = connection.execute(text(_REVISION)).scalar()
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
    if db.sqlite_path is None or not _sqlite_up_to_date(db, seed):
        _bring_up_to_date(db, seed, progress)
    return db


def _sqlite_up_to_date(db: Database, seed: bool) -> bool:
    """Whether the SQLite file is at HEAD with this version's foods in it (storage.seed_stamps),
    asked through sqlite3. Anything else (a new file, an older one, one that is not a database)
    is the long way's to do or to report."""
    from .seed_stamps import STAMP, stamps_current

    try:
        with db.sqlite() as raw:
            if _sqlite_revision(raw) != HEAD:
                return False
            return not seed or stamps_current(lambda key: _first(raw.execute(STAMP, {"key": key})))
    except sqlite3.OperationalError as error:  # as SQLAlchemy's OperationalError below
        raise StorageError(
            N_("Cannot open the database ({error})."), error=str(error).strip()
        ) from error
    except sqlite3.Error:
        return False


def _sqlite_revision(raw: sqlite3.Connection) -> str | None:
    """stored_revision, through sqlite3."""
    found = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    if raw.execute(found).fetchone() is None:
        return None
    return _first(raw.execute(_REVISION))


def _first(cursor: sqlite3.Cursor) -> str | None:
    row = cursor.fetchone()
    return None if row is None or row[0] is None else str(row[0])


def _bring_up_to_date(db: Database, seed: bool, progress: Callable[[int], None] | None) -> None:
    from sqlalchemy.exc import OperationalError, SQLAlchemyError

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
