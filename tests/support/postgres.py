"""A throwaway PostgreSQL server for the storage tests and the benchmarks.

``start_postgres()`` runs initdb in a fresh temp dir, starts the server on a free port of
127.0.0.1 (unix socket inside the temp dir, trust auth, UTF8, locale C, no fsync) and waits
until it accepts connections; ``stop()`` kills it and removes the dir, and is also registered
with atexit so an aborted run leaves nothing behind. When ``MGCOACH_TEST_POSTGRES_URL`` is set,
that server is used instead and only the databases made here are dropped again.

initdb refuses to run as root, so under root (CI) the server runs as the ``postgres`` system user
that Debian's ``postgresql`` package creates. The binaries come from ``pg_config --bindir``, the
highest ``/usr/lib/postgresql/*/bin`` or PATH; none of them is a hard error, never a skip.

This is test infrastructure, so its errors are plain English ``RuntimeError``s, not gettext
``MgCoachError``s: nobody but a developer ever reads them.
"""

from __future__ import annotations

import atexit
import contextlib
import getpass
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo
from sqlalchemy.engine import URL, make_url

ENV_URL = "MGCOACH_TEST_POSTGRES_URL"
DEBIAN_ROOT = Path("/usr/lib/postgresql")
SYSTEM_USER = "postgres"
SUPERUSER = "postgres"
HOST = "127.0.0.1"
DRIVER = "postgresql+psycopg"
START_TIMEOUT_S = 30
PORT_ATTEMPTS = 5
LOG_TAIL_LINES = 25
# sun_path is 108 bytes on Linux, including the trailing NUL.
MAX_SOCKET_PATH = 107
# RAM-backed, when there is room: on a busy disk CREATE DATABASE is ten times faster there.
SHARED_MEMORY_DIR = Path("/dev/shm")
SHARED_MEMORY_MIN_FREE = 1 << 30
MISSING_BINARIES = (
    "PostgreSQL server binaries not found: install Debian's postgresql package (.ci/run does this)"
)

# A throwaway server: durability costs time and buys nothing here.
SETTINGS = {
    "listen_addresses": f"'{HOST}'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    # Minimal WAL lets COPY into a fresh table skip WAL, which speeds up food imports.
    "wal_level": "minimal",
    "max_wal_senders": "0",
}


class PostgresUnavailableError(RuntimeError):
    """The throwaway server cannot be found, started or reached."""


@dataclass(eq=False)
class PostgresServer:
    """A running PostgreSQL server: one started here, or the one named by the env var."""

    host: str
    port: int
    user: str
    data_dir: Path | None  # None for a server from MGCOACH_TEST_POSTGRES_URL: not ours to stop
    password: str | None = None
    admin_database: str = "postgres"
    bindir: Path | None = field(default=None, repr=False)
    _created: list[str] = field(default_factory=list, init=False, repr=False)
    _stopped: bool = field(default=False, init=False, repr=False)

    @property
    def log_file(self) -> Path | None:
        """The server log of a server started here."""
        return None if self.data_dir is None else self.data_dir.parent / "postgres.log"

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL, e.g. ``postgresql+psycopg://postgres@127.0.0.1:PORT/DB``."""
        url = URL.create(DRIVER, self.user, self.password, self.host, self.port, database)
        return url.render_as_string(hide_password=False)

    def dsn(self, database: str = "postgres") -> str:
        """libpq connection string for ``psycopg.connect``."""
        params: dict[str, Any] = {"host": self.host, "port": self.port, "user": self.user}
        if self.password is not None:
            params["password"] = self.password
        return make_conninfo(dbname=database, **params)

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create database ``name`` (a copy of ``template`` if given) and return its URL.

        PostgreSQL refuses to copy a template that has open connections, so dispose of any
        engine on the template before cloning it.
        """
        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            query = query + sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        self._admin(query)
        self._created.append(name)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop database ``name`` if it exists, closing its open connections first."""
        query = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        self._admin(query)
        if name in self._created:
            self._created.remove(name)

    def stop(self) -> None:
        """Kill a server started here and remove its temp dir; on an external server, drop
        the databases made through this object. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        atexit.unregister(self.stop)
        if self.data_dir is None:
            # Best effort: at exit the external server may already be gone.
            for name in list(self._created):
                with contextlib.suppress(psycopg.Error):
                    self.drop_database(name)
            return
        assert self.bindir is not None
        _kill(self.bindir, self.data_dir)
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)

    def _admin(self, query: sql.Composed) -> None:
        # CREATE/DROP DATABASE cannot run inside a transaction.
        with psycopg.connect(self.dsn(self.admin_database), autocommit=True) as conn:
            conn.execute(query)


@contextlib.contextmanager
def postgres_server(base_dir: Path | None = None) -> Iterator[PostgresServer]:
    """A server for the duration of a ``with`` block (or a pytest fixture)."""
    server = start_postgres(base_dir)
    try:
        yield server
    finally:
        server.stop()


def start_postgres(base_dir: Path | None = None) -> PostgresServer:
    """Start a throwaway server in a new temp dir under ``base_dir`` (default:
    ``default_base_dir()``), or return the server named by ``MGCOACH_TEST_POSTGRES_URL``."""
    url = os.environ.get(ENV_URL)
    if url:
        return external_server(url)
    bindir = find_bindir()
    root = Path(tempfile.mkdtemp(prefix="mgcoach-pg-", dir=base_dir or default_base_dir()))
    data_dir = root / "data"
    try:
        _prepare(root)
        _run(bindir, "initdb", *_initdb_args(data_dir), cwd=root)
        _write_settings(data_dir, root / "socket")
        port = _start(bindir, data_dir)
    except BaseException:
        if (data_dir / "postmaster.pid").exists():
            _kill(bindir, data_dir)
        shutil.rmtree(root, ignore_errors=True)
        raise
    server = PostgresServer(HOST, port, SUPERUSER, data_dir, bindir=bindir)
    atexit.register(server.stop)
    return server


def external_server(url: str) -> PostgresServer:
    """The server behind a URL (``postgresql://`` or ``postgresql+psycopg://``), checked to
    accept connections. Databases are created and dropped through its URL's database."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("postgres"):
        raise PostgresUnavailableError(f"{ENV_URL} is not a PostgreSQL URL: {parsed!r}")
    server = PostgresServer(
        host=parsed.host or "localhost",
        port=parsed.port or 5432,
        user=parsed.username or getpass.getuser(),
        data_dir=None,
        password=parsed.password,
        admin_database=parsed.database or "postgres",
    )
    try:
        psycopg.connect(server.dsn(server.admin_database), connect_timeout=5).close()
    except psycopg.OperationalError as error:
        raise PostgresUnavailableError(f"cannot connect to {ENV_URL}: {error}") from error
    atexit.register(server.stop)
    return server


def find_bindir() -> Path:
    """The directory holding initdb and pg_ctl: ``pg_config --bindir``, else the highest
    ``/usr/lib/postgresql/<version>/bin``, else PATH."""
    for candidate in (_pg_config_bindir(), _highest_debian_bindir()):
        if candidate is not None and _has_server(candidate):
            return candidate
    initdb = shutil.which("initdb")
    if initdb is not None and _has_server(Path(initdb).parent):
        return Path(initdb).parent
    raise PostgresUnavailableError(MISSING_BINARIES)


def default_base_dir() -> Path | None:
    """/dev/shm when it is writable with 1 GiB free, else None (the system temp dir)."""
    try:
        roomy = shutil.disk_usage(SHARED_MEMORY_DIR).free >= SHARED_MEMORY_MIN_FREE
    except OSError:
        return None
    return SHARED_MEMORY_DIR if roomy and os.access(SHARED_MEMORY_DIR, os.W_OK) else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (it may be taken later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _pg_config_bindir() -> Path | None:
    # On Debian /usr/bin/pg_config may come from libpq-dev and name a version whose server
    # is not installed; _has_server() catches that.
    pg_config = shutil.which("pg_config")
    if pg_config is None:
        return None
    result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
    return Path(result.stdout.strip()) if result.returncode == 0 else None


def _highest_debian_bindir() -> Path | None:
    found = [path for path in DEBIAN_ROOT.glob("*/bin") if _has_server(path)]
    return max(found, key=lambda path: _version_key(path.parent.name), default=None)


def _version_key(name: str) -> tuple[int, ...]:
    # "9.6" < "15" < "16": compare numerically, and rank unparseable names lowest.
    try:
        return tuple(int(part) for part in name.split("."))
    except ValueError:
        return (-1,)


def _has_server(bindir: Path) -> bool:
    return all(os.access(bindir / tool, os.X_OK) for tool in ("initdb", "pg_ctl", "postgres"))


def _as_server_user(command: Sequence[str]) -> list[str]:
    if os.geteuid() != 0:
        return list(command)
    return ["runuser", "-u", SYSTEM_USER, "--", *command]


def _prepare(root: Path) -> None:
    """Make the socket dir and, under root, hand the temp dir to the postgres user."""
    (root / "socket").mkdir()
    if os.geteuid() != 0:
        return
    try:
        for path in (root, root / "socket"):
            shutil.chown(path, SYSTEM_USER, SYSTEM_USER)
    except LookupError as error:
        raise PostgresUnavailableError(
            f"no '{SYSTEM_USER}' system user to run PostgreSQL as root: {MISSING_BINARIES}"
        ) from error
    reachable = subprocess.run(_as_server_user(["test", "-w", str(root)]), check=False)
    if reachable.returncode != 0:
        raise PostgresUnavailableError(
            f"the '{SYSTEM_USER}' user cannot reach {root}: choose a base_dir whose parents "
            "it may enter (e.g. under /tmp, not pytest's tmp_path)"
        )


def _initdb_args(data_dir: Path) -> list[str]:
    return [
        f"--pgdata={data_dir}",
        "--auth=trust",
        f"--username={SUPERUSER}",
        "--encoding=UTF8",
        "--locale=C",
        "--no-sync",
    ]


def _write_settings(data_dir: Path, socket_dir: Path) -> None:
    lines = [f"{name} = {value}" for name, value in SETTINGS.items()]
    # Everything connects over TCP; a temp dir too deep for a socket path just goes without.
    fits = len(str(socket_dir / ".s.PGSQL.65535")) <= MAX_SOCKET_PATH
    lines.append(f"unix_socket_directories = '{socket_dir if fits else ''}'")
    with (data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write("\n# Mg Coach throwaway server\n" + "\n".join(lines) + "\n")


def _start(bindir: Path, data_dir: Path) -> int:
    """Start the server on a free port, retrying when another process took the port first."""
    log = data_dir.parent / "postgres.log"
    for _ in range(PORT_ATTEMPTS):
        port = free_port()
        offset = log.stat().st_size if log.exists() else 0
        result = _run(
            bindir,
            "pg_ctl",
            "start",
            f"--pgdata={data_dir}",
            f"--log={log}",
            "--wait",
            f"--timeout={START_TIMEOUT_S}",
            f"--options=-p {port}",
            cwd=data_dir.parent,
            check=False,
        )
        if result.returncode == 0:
            _wait_ready(port, log)
            return port
        if "could not bind" not in _read_from(log, offset):
            raise PostgresUnavailableError(
                f"PostgreSQL did not start:\n{result.stdout}{result.stderr}\n{_tail(log)}"
            )
    raise PostgresUnavailableError(
        f"PostgreSQL found no free port in {PORT_ATTEMPTS} tries:\n{_tail(log)}"
    )


def _wait_ready(port: int, log: Path) -> None:
    dsn = make_conninfo(host=HOST, port=port, user=SUPERUSER, dbname="postgres")
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            psycopg.connect(dsn, connect_timeout=2).close()
            return
        except psycopg.OperationalError as error:
            if time.monotonic() > deadline:
                raise PostgresUnavailableError(
                    f"PostgreSQL does not accept connections on port {port}: {error}\n{_tail(log)}"
                ) from error
            time.sleep(0.05)


def _kill(bindir: Path, data_dir: Path) -> None:
    # Immediate: no checkpoint, the data is thrown away anyway. Fails harmlessly if the
    # server is already gone.
    _run(
        bindir,
        "pg_ctl",
        "stop",
        f"--pgdata={data_dir}",
        "--mode=immediate",
        "--wait",
        cwd=data_dir.parent,
        check=False,
    )


def _run(
    bindir: Path, tool: str, *args: str, cwd: Path, check: bool = True
) -> subprocess.CompletedProcess[str]:
    # C locale: English messages, which _start() reads to tell a port clash from a failure.
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    command = _as_server_user([str(bindir / tool), *args])
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=120
    )
    if check and result.returncode != 0:
        raise PostgresUnavailableError(
            f"{tool} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return result


def _read_from(log: Path, offset: int) -> str:
    try:
        with log.open("rb") as handle:
            handle.seek(offset)
            return handle.read().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def _tail(log: Path) -> str:
    lines = _read_from(log, 0).splitlines()[-LOG_TAIL_LINES:]
    return f"--- last lines of {log} ---\n" + "\n".join(lines)
