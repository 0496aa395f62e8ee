"""`mgcoach serve --workers N`: several processes, one login rate limit.

Real servers in subprocesses on one SQLite file: `--workers 2` (two uvicorn worker processes
sharing one socket) and, beside it, a plain `mgcoach serve` on another port, so failed sign-ins
are certainly spread over different processes (which worker takes a connection is the
kernel's choice). Each attempt comes on a new connection, as a password-guessing script's
would. The limit must hold over all of them: the attempts are counted in the database.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from mgcoach.web import auth
from mgcoach.web.workers import in_memory
from tests.web.conftest import PASSWORD, csrf_of

NAME = "worker-test"


WORKERS_REFUSED = r"number of server processes is a number from 1 to 64, not 0.*--workers"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(n) for n in (task / "children").read_text().split()]
    return found


@contextmanager
def _serving(data: Path, *extra: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = _free_port()
    env = {**os.environ, "MGCOACH_DATA_DIR": str(data), "MGCOACH_LANG": "en"}
    env.pop("MGCOACH_DATABASE_URL", None)
    env.pop("MGCOACH_SECRET", None)
    command = [sys.executable, "-m", "mgcoach", "serve", "--multi-user", "--port", str(port)]
    server = subprocess.Popen([*command, *extra], env=env, stdout=subprocess.DEVNULL)
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, "the server stopped"
            try:
                if httpx.get(f"{address}/healthz", timeout=5).text == "ok":
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not answer"
            time.sleep(0.2)
        yield address, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def _attempt(address: str, path: str, **fields: str) -> httpx.Response:
    """One form post on a new connection, as a signed-out script sends it."""
    with httpx.Client(base_url=address, timeout=30) as client:
        token = csrf_of(client.get(path).text)
        return client.post(path, data={**fields, "csrf_token": token})


def test_failed_sign_ins_count_together_across_workers_and_processes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with _serving(data, "--workers", "2") as (workers, parent):
        deadline = time.monotonic() + 30
        while len(_children(parent.pid)) < 2:  # the two workers (and uvicorn's helpers)
            assert time.monotonic() < deadline, "no worker processes"
            time.sleep(0.2)
        made = _attempt(workers, "/signup", name=NAME, password=PASSWORD, password2=PASSWORD)
        assert made.status_code == 303, made.text
        with _serving(data) as (single, _process):
            servers = [workers, single]
            for n in range(auth.ACCOUNT_FAILURES.limit):
                wrong = _attempt(servers[n % 2], "/login", name=NAME, password="wrong" * 3)
                assert wrong.status_code not in (303, 429), wrong.status_code
            # The next try waits, even with the right password, on whichever process.
            for address in servers:
                refused = _attempt(address, "/login", name=NAME, password=PASSWORD)
                assert refused.status_code == 429, refused.text
                assert int(refused.headers["retry-after"]) > 0


@pytest.mark.parametrize(
    ("url", "memory"),
    [
        ("sqlite://", True),
        ("sqlite:///:memory:", True),
        ("sqlite:///file:db?mode=memory&cache=shared&uri=true", True),
        ("sqlite:////tmp/x/mgcoach.sqlite3", False),
        ("postgresql+psycopg://u@h/db", False),
    ],
)
def test_in_memory_databases_are_known(url: str, memory: bool) -> None:
    assert in_memory(url) is memory


def test_several_workers_on_an_in_memory_database_are_refused(tmp_path: Path) -> None:
    env = {**os.environ, "MGCOACH_DATA_DIR": str(tmp_path), "MGCOACH_LANG": "en"}
    env["MGCOACH_DATABASE_URL"] = "sqlite://"
    command = [sys.executable, "-m", "mgcoach", "serve", "--workers", "2", "--port", "1"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "in-memory database" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    zero = subprocess.run([*command[:5], "0"], env=env, capture_output=True, text=True, timeout=60)
    assert zero.returncode != 0 and re.search(WORKERS_REFUSED, zero.stdout + zero.stderr)


def test_a_server_process_freezes_what_it_built_before_its_first_request() -> None:
    """``settle_memory`` puts every object alive now out of the collector's walks, and leaves
    collection itself on (what requests create is still collected)."""
    import gc

    from mgcoach.web.workers import settle_memory

    before = gc.get_freeze_count()
    kept = [object() for _ in range(1000)]
    try:
        settle_memory()
        assert gc.get_freeze_count() >= before + 1000
        assert gc.isenabled()
        assert gc.get_threshold()[0] > 0
    finally:
        gc.unfreeze()
    del kept
