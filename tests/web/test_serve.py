"""`mgcoach serve` (what `make run` starts): the unsafe combinations are refused before a socket
opens, and the real command serves the site at the address it prints."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from mgcoach.settings import Settings
from mgcoach.web.config import MIN_SECRET, ServeError, WebConfig, is_loopback
from tests.cli.running import run_error

SECRET = "x" * MIN_SECRET


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True),
     ("[::1]", True), ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False),
     ("::", False)],
)  # fmt: skip
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("options", "refused"),
    [
        ({}, None),
        ({"host": "0.0.0.0"}, "Local mode has no login"),
        ({"host": "192.168.1.5", "multi_user": True}, "needs a secret"),
        ({"host": "0.0.0.0", "multi_user": True, "secret": "short"}, "at least 32"),
        ({"host": "0.0.0.0", "multi_user": True, "secret": SECRET}, None),
        ({"host": "127.0.0.1", "multi_user": True}, None),
        ({"port": 0}, "A port is a number"),
        ({"port": 70000}, "A port is a number"),
    ],
)
def test_unsafe_serving_is_refused(
    options: dict[str, object], refused: str | None, tmp_path: Path
) -> None:
    config = WebConfig(settings=Settings(tmp_path, "sqlite://"), **options)  # type: ignore[arg-type]
    if refused is None:
        config.check()
        return
    with pytest.raises(ServeError) as raised:
        config.check()
    assert refused in str(raised.value)


def test_secure_cookies_and_hosts_follow_the_address(tmp_path: Path) -> None:
    settings = Settings(tmp_path, "sqlite://")
    local = WebConfig(settings=settings)
    public = WebConfig(host="0.0.0.0", multi_user=True, secret=SECRET, settings=settings)
    assert not local.cookies_secure and "127.0.0.1" in local.hosts and "*" not in local.hosts
    assert public.cookies_secure and public.hosts == ["*"]


def test_the_cli_refuses_with_a_message_in_the_users_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MGCOACH_SECRET", raising=False)
    code, message = run_error(capsys, "serve", "--host", "0.0.0.0", "--multi-user")
    assert code == 2 and "MGCOACH_SECRET" in message
    code, message = run_error(capsys, "serve", "--host", "0.0.0.0", "--lang", "nl")
    assert code == 2 and message.startswith("Fout:") and "127.0.0.1" in message


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_mgcoach_serve_prints_its_address_and_serves_the_site(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "MGCOACH_DATA_DIR": str(tmp_path / "data"), "MGCOACH_LANG": "en"}
    env.pop("MGCOACH_DATABASE_URL", None)
    command = [sys.executable, "-m", "mgcoach", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert server.stdout is not None
        line = server.stdout.readline().decode()
        address = f"http://127.0.0.1:{port}"
        assert address in line and "local" in line
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{address}/static/app.css", timeout=5) as answer:
                    assert answer.status == 200
                    break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.1)
        with urllib.request.urlopen(f"{address}/api/v1/openapi.json", timeout=5) as answer:
            assert b'"/api/v1/me"' in answer.read()
        # A Host header other than loopback is refused (DNS rebinding).
        request = urllib.request.Request(f"{address}/", headers={"Host": "evil.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        assert refused.value.code == 400
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_server_parses_http_in_c() -> None:
    """httptools is a dependency (pyproject.toml) because uvicorn's pure-Python parser, h11,
    about doubled a page's server time under load: `mgcoach serve` must pick it up."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    from mgcoach.cli.serve import server_config

    async def app(scope: object, receive: object, send: object) -> None:
        return None

    config = server_config(app, "127.0.0.1", 8000, "")
    config.load()
    assert config.http_protocol_class is HttpToolsProtocol
