"""The throwaway PostgreSQL server: starts fast, serves, clones, stops and leaves nothing."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import postgres
from tests.support.postgres import (
    ENV_URL,
    MISSING_BINARIES,
    PostgresServer,
    PostgresUnavailableError,
    default_base_dir,
    find_bindir,
    free_port,
    postgres_server,
    start_postgres,
)

ROOT = Path(__file__).resolve().parents[2]
SERVER_TOOLS = ("initdb", "pg_ctl", "postgres")
BUILT_IN_DATABASES = {"postgres", "template0", "template1"}


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    # These tests are about the server started here, not one named by the env var.
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(ENV_URL, raising=False)
        with postgres_server() as running:
            yield running


@pytest.fixture
def base_dir() -> Iterator[Path]:
    """An empty dir the postgres system user may enter (pytest's tmp_path is root-only)."""
    path = Path(tempfile.mkdtemp(prefix="mgcoach-pg-test-", dir=default_base_dir()))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path)


@pytest.fixture
def own_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_URL, raising=False)


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _scalar(server: PostgresServer, database: str, query: str) -> object:
    with psycopg.connect(server.dsn(database)) as conn:
        row = conn.execute(query).fetchone()
    assert row is not None
    return row[0]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        pytest.param("fsync", "off", id="no-fsync"),
        pytest.param("synchronous_commit", "off", id="async-commit"),
        pytest.param("full_page_writes", "off", id="no-full-pages"),
        pytest.param("server_encoding", "UTF8", id="utf8"),
        pytest.param("lc_collate", "C", id="locale-c"),
        pytest.param("listen_addresses", "127.0.0.1", id="loopback-only"),
    ],
)
def test_server_settings(server: PostgresServer, setting: str, expected: str) -> None:
    assert _scalar(server, "postgres", f"SHOW {setting}") == expected


def test_unix_socket_lives_in_the_temp_dir(server: PostgresServer) -> None:
    assert server.data_dir is not None
    socket_dir = server.data_dir.parent / "socket"
    assert _scalar(server, "postgres", "SHOW unix_socket_directories") == str(socket_dir)
    with psycopg.connect(host=str(socket_dir), port=server.port, user="postgres") as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_url_names_driver_user_host_and_port(server: PostgresServer) -> None:
    assert server.url("foods") == f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/foods"


def test_pg_trgm_in_a_new_database(server: PostgresServer) -> None:
    server.create_database("mgcoach_trgm")
    try:
        with psycopg.connect(server.dsn("mgcoach_trgm"), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION pg_trgm")
            row = conn.execute(
                "SELECT similarity('magnesium', 'magnesum'), 'magnesium' % 'magnesum'"
            ).fetchone()
    finally:
        server.drop_database("mgcoach_trgm")
    # 7 shared trigrams out of 12 distinct ones.
    assert row is not None
    assert row[0] == pytest.approx(7 / 12, abs=1e-6)
    assert row[1] is True


def test_create_and_drop_a_database(server: PostgresServer) -> None:
    url = server.create_database("mgcoach_scratch")
    engine = sqlalchemy.create_engine(url, poolclass=sqlalchemy.NullPool)
    with engine.connect() as conn:
        name = conn.execute(sqlalchemy.text("SELECT current_database()")).scalar_one()
    assert name == "mgcoach_scratch"
    with psycopg.connect(server.dsn("mgcoach_scratch")) as held:
        # An open connection must not block the drop: it is closed by the server.
        server.drop_database("mgcoach_scratch")
        with pytest.raises(psycopg.OperationalError):
            held.execute("SELECT 1")
    query = "SELECT count(*) FROM pg_database WHERE datname = 'mgcoach_scratch'"
    assert _scalar(server, "postgres", query) == 0
    server.drop_database("mgcoach_scratch")  # absent: no error


def test_clone_from_a_template(server: PostgresServer) -> None:
    server.create_database("mgcoach_template")
    with psycopg.connect(server.dsn("mgcoach_template")) as conn:
        conn.execute("CREATE TABLE food (slug text PRIMARY KEY, magnesium_mg real)")
        conn.execute("INSERT INTO food VALUES ('almonds', 270), ('spinach', 79)")
    server.create_database("mgcoach_clone", template="mgcoach_template")
    with psycopg.connect(server.dsn("mgcoach_clone")) as conn:
        rows = conn.execute("SELECT slug, magnesium_mg FROM food ORDER BY slug").fetchall()
        conn.execute("DELETE FROM food")
    try:
        assert rows == [("almonds", 270.0), ("spinach", 79.0)]
        assert _scalar(server, "mgcoach_template", "SELECT count(*) FROM food") == 2
    finally:
        server.drop_database("mgcoach_clone")
        server.drop_database("mgcoach_template")


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), min_size=1)
    # 63 bytes is PostgreSQL's identifier limit; never touch the built-in databases.
    .filter(lambda name: len(name.encode()) <= 63 and name not in BUILT_IN_DATABASES)
)
def test_any_database_name_is_quoted(server: PostgresServer, name: str) -> None:
    url = server.create_database(name)
    try:
        assert _scalar(server, name, "SELECT current_database()") == name
        engine = sqlalchemy.create_engine(url, poolclass=sqlalchemy.NullPool)
        with engine.connect() as conn:
            assert conn.execute(sqlalchemy.text("SELECT current_database()")).scalar() == name
    finally:
        server.drop_database(name)


def test_a_taken_port_is_retried_and_stop_cleans_up(
    own_env: None, base_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        ports = iter([taken, free_port()])
        monkeypatch.setattr(postgres, "free_port", lambda: next(ports))
        with postgres_server(base_dir) as running:
            assert running.port != taken
            assert running.data_dir is not None
            assert running.data_dir.parent.parent == base_dir
            assert running.log_file is not None
            assert "could not bind" in running.log_file.read_text()
            assert _port_open(running.port)
    assert not _port_open(running.port)
    assert list(base_dir.iterdir()) == []
    running.stop()  # a second stop is harmless


def test_an_aborted_run_cleans_up_at_exit(own_env: None, base_dir: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from tests.support.postgres import start_postgres\n"
        "server = start_postgres(Path(sys.argv[1]))\n"
        "print(server.port, server.data_dir)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(base_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    port, data_dir = result.stdout.split()
    assert Path(data_dir).parent.parent == base_dir
    assert not _port_open(int(port))
    assert list(base_dir.iterdir()) == []


def test_a_failed_start_reports_the_log_tail(
    own_env: None, base_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(postgres.SETTINGS, "shared_buffers", "'lots'")
    with pytest.raises(PostgresUnavailableError) as caught:
        start_postgres(base_dir)
    assert 'invalid value for parameter "shared_buffers": "lots"' in str(caught.value)
    assert list(base_dir.iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="only root hands the dir to the postgres user")
def test_a_base_dir_the_postgres_user_cannot_enter(own_env: None, tmp_path: Path) -> None:
    locked = tmp_path / "l"
    locked.mkdir(mode=0o700)
    with pytest.raises(PostgresUnavailableError, match="'postgres' user cannot reach"):
        start_postgres(locked)
    assert list(locked.iterdir()) == []


@pytest.mark.parametrize(
    ("exists", "min_free", "chosen"),
    [
        pytest.param(True, 1, True, id="roomy-shm"),
        pytest.param(True, 1 << 62, False, id="small-shm"),
        pytest.param(False, 1, False, id="no-shm"),
    ],
)
def test_default_base_dir_prefers_roomy_shared_memory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, exists: bool, min_free: int, chosen: bool
) -> None:
    shm = tmp_path / "shm"
    if exists:
        shm.mkdir()
    monkeypatch.setattr(postgres, "SHARED_MEMORY_DIR", shm)
    monkeypatch.setattr(postgres, "SHARED_MEMORY_MIN_FREE", min_free)
    assert default_base_dir() == (shm if chosen else None)


def _fake_bindir(path: Path, tools: tuple[str, ...] = SERVER_TOOLS) -> Path:
    path.mkdir(parents=True)
    for tool in tools:
        (path / tool).write_text("#!/bin/sh\n")
        (path / tool).chmod(0o755)
    return path


@pytest.fixture
def no_system_postgres(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Hide the real binaries: an empty PATH and an empty Debian root; returns that root."""
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    debian = tmp_path / "usr-lib-postgresql"
    debian.mkdir()
    monkeypatch.setattr(postgres, "DEBIAN_ROOT", debian)
    return debian


@pytest.mark.parametrize(
    ("versions", "expected"),
    [
        pytest.param({"9.6": True, "15": True}, "15", id="numeric-not-lexical"),
        pytest.param({"15": True, "16": False}, "15", id="skips-client-only-version"),
        pytest.param({"15": True, "old": True}, "15", id="ignores-odd-names"),
        pytest.param({"15.2": True, "15.10": True}, "15.10", id="minor-versions"),
    ],
)
def test_highest_debian_version_wins(
    no_system_postgres: Path, versions: dict[str, bool], expected: str
) -> None:
    for version, has_server in versions.items():
        _fake_bindir(
            no_system_postgres / version / "bin", SERVER_TOOLS if has_server else ("psql",)
        )
    assert find_bindir() == no_system_postgres / expected / "bin"


@pytest.mark.parametrize(
    ("pg_config_has_server", "expected"),
    [
        pytest.param(True, "pg-config", id="pg-config-first"),
        pytest.param(False, "debian", id="pg-config-without-server"),
    ],
)
def test_pg_config_bindir_comes_first(
    no_system_postgres: Path, tmp_path: Path, pg_config_has_server: bool, expected: str
) -> None:
    debian = _fake_bindir(no_system_postgres / "15" / "bin")
    named = tmp_path / "pg-config-bin"
    _fake_bindir(named, SERVER_TOOLS if pg_config_has_server else ())
    pg_config = Path(os.environ["PATH"]) / "pg_config"
    pg_config.write_text(f"#!/bin/sh\necho {named}\n")
    pg_config.chmod(0o755)
    assert find_bindir() == {"pg-config": named, "debian": debian}[expected]


def test_missing_binaries_are_an_error_not_a_skip(no_system_postgres: Path, own_env: None) -> None:
    with pytest.raises(PostgresUnavailableError) as caught:
        start_postgres()
    assert str(caught.value) == MISSING_BINARIES
    assert "install Debian's postgresql package" in MISSING_BINARIES


@pytest.mark.parametrize(
    "scheme",
    [
        pytest.param("postgresql+psycopg", id="sqlalchemy-url"),
        pytest.param("postgresql", id="libpq-url"),
    ],
)
def test_env_var_server_is_used_and_left_running(
    server: PostgresServer, monkeypatch: pytest.MonkeyPatch, scheme: str
) -> None:
    monkeypatch.setenv(ENV_URL, f"{scheme}://postgres@127.0.0.1:{server.port}/postgres")
    external = start_postgres()
    assert (external.port, external.data_dir) == (server.port, None)
    url = external.create_database("mgcoach_external")
    assert url == server.url("mgcoach_external")
    assert _scalar(server, "mgcoach_external", "SELECT current_database()") == "mgcoach_external"
    external.stop()
    assert _port_open(server.port)
    query = "SELECT count(*) FROM pg_database WHERE datname = 'mgcoach_external'"
    assert _scalar(server, "postgres", query) == 0


@pytest.mark.parametrize(
    ("url", "message"),
    [
        pytest.param(
            "postgresql://postgres@127.0.0.1:{port}/postgres", "cannot connect", id="nobody-home"
        ),
        pytest.param("sqlite:///mgcoach.db", "not a PostgreSQL URL", id="not-postgres"),
    ],
)
def test_env_var_errors(monkeypatch: pytest.MonkeyPatch, url: str, message: str) -> None:
    monkeypatch.setenv(ENV_URL, url.format(port=free_port()))
    with pytest.raises(PostgresUnavailableError, match=message):
        start_postgres()
