"""Rate limits that hold, written as the attacks of issue 16: password spraying from one address
with the attacker's own successful sign-ins in between, failures from many addresses trying to
lock an owner out, a chosen X-Forwarded-For, unlimited current-password checks, sign-ups and
tokens, a token minting tokens, tokens surviving a password change, and a token's every use
writing (and waiting for) the database. The limits live in the database: two app instances on
one database count together. Clocks are injected; nothing sleeps.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from mgcoach.knowledge import KnowledgeBase
from mgcoach.settings import Settings
from mgcoach.storage import generation
from mgcoach.storage.account_tables import api_token
from mgcoach.web import auth
from tests.support import loop
from tests.web.conftest import PASSWORD, csrf_of, make_app

SignUp = Callable[[TestClient, str], str]
T0 = datetime(2030, 5, 1, 12, 0, tzinfo=UTC)

# The numbers the README documents ("Rate limits").
ACCOUNT_FREE = 5  # wrong passwords for one account in an hour before each next try waits
FIRST_DELAY = 15  # seconds, doubling with each further failure
MAX_DELAY = 300
ADDRESS_LIMIT = 10  # wrong passwords from one address in 15 minutes
SIGNUPS_PER_ADDRESS = 5  # an hour
SIGNUPS_IN_ALL = 30  # an hour
TOKENS_PER_HOUR = 10  # per account
MAX_TOKENS = 20  # alive per account


class Clock:
    """The limiter's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def _clocked(app: FastAPI) -> Clock:
    clock = Clock()
    app.state.web.limiter.clock = clock
    return clock


@pytest.fixture
def multi_db_app(web_db: Settings, kb: KnowledgeBase) -> Iterator[FastAPI]:
    """The multi-user app on SQLite and on PostgreSQL."""
    app, db = make_app(web_db, kb, multi_user=True)
    yield app
    db.dispose()


def _client(app: FastAPI, address: str = "198.51.100.1") -> TestClient:
    return TestClient(app, client=(address, 40000))


def _login(client: TestClient, name: str, password: str, **headers: str) -> Any:
    client.cookies.clear()  # signed out, as an attacker's script is
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": token},
        headers=headers,
        follow_redirects=False,
    )


def _sign_up(client: TestClient, name: str) -> Any:
    token = csrf_of(client.get("/signup").text)
    return client.post(
        "/signup",
        data={"name": name, "password": PASSWORD, "password2": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )


def _new_token(client: TestClient, csrf: str, name: str = "script") -> Any:
    return client.post("/api/v1/tokens", json={"name": name}, headers={"X-CSRF-Token": csrf})


def test_the_documented_numbers_are_the_code_s() -> None:
    assert (auth.ACCOUNT_FAILURES.limit, auth.ACCOUNT_FAILURES.window) == (
        ACCOUNT_FREE,
        timedelta(hours=1),
    )
    assert auth.ACCOUNT_FAILURES.delay == timedelta(seconds=FIRST_DELAY)
    assert auth.ACCOUNT_FAILURES.max_delay == timedelta(seconds=MAX_DELAY)
    assert (auth.ADDRESS_FAILURES.limit, auth.ADDRESS_FAILURES.window) == (
        ADDRESS_LIMIT,
        timedelta(minutes=15),
    )
    assert auth.SIGNUPS_PER_ADDRESS.limit == SIGNUPS_PER_ADDRESS
    assert auth.SIGNUPS_IN_ALL.limit == SIGNUPS_IN_ALL
    assert auth.TOKENS_PER_ACCOUNT.limit == TOKENS_PER_HOUR
    assert auth.MAX_TOKENS == MAX_TOKENS
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Rate limits", 1)[1].split("\n## ", 1)[0]
    for text in ("5 in an hour", "15 s", "5 minutes", "10 in 15 minutes", "5 an hour per address",
                 "30 an hour in all", "10 an hour per account", "at most 20 alive"):  # fmt: skip
        assert text in section, text


# -- sign-in ------------------------------------------------------------------------------


def test_spraying_from_one_address_is_stopped_despite_own_successes(
    multi_db_app: FastAPI,
) -> None:
    """The attacker signs in to their own account between failures: on the old code each
    success cleared the address's count (16 failures, no 429)."""
    _clocked(multi_db_app)
    with _client(multi_db_app, "198.51.100.7") as attacker:
        assert _sign_up(attacker, "mallory").status_code == 303
        statuses = []
        for n in range(16):
            statuses.append(_login(attacker, f"victim{n}", "Summer2024!!").status_code)
            if n % 3 == 2 and statuses[-1] != 429:
                assert _login(attacker, "mallory", PASSWORD).status_code == 303
    limit = ADDRESS_LIMIT
    assert statuses[:limit] == [401] * limit
    assert set(statuses[limit:]) == {429}


def test_failures_from_many_addresses_slow_the_owner_only_briefly(
    multi_db_app: FastAPI, signed_up: SignUp
) -> None:
    """Five (or thirty) addresses failing on one account: the owner waits at most the
    documented delay and then signs in with the right password (the old code: 15 minutes)."""
    clock = _clocked(multi_db_app)
    with _client(multi_db_app, "192.0.2.1") as owner:
        signed_up(owner, "olga")
    for n in range(5):
        with _client(multi_db_app, f"203.0.113.{n + 1}") as attacker:
            assert _login(attacker, "olga", "wrong password!").status_code == 401
    with _client(multi_db_app, "192.0.2.1") as owner:
        slowed = _login(owner, "olga", PASSWORD)
        assert slowed.status_code == 429
        wait = int(slowed.headers["retry-after"])
        assert 0 < wait <= FIRST_DELAY
        assert "Too many failed sign-ins" in slowed.text
        clock.advance(wait)
        assert _login(owner, "olga", PASSWORD).status_code == 303
    # However many addresses keep failing, one wait is never longer than the cap.
    for n in range(30):
        with _client(multi_db_app, f"203.0.113.{n + 10}") as attacker:
            response = _login(attacker, "olga", "wrong password!")
            if response.status_code == 429:
                assert int(response.headers["retry-after"]) <= 300
                clock.advance(int(response.headers["retry-after"]))
    with _client(multi_db_app, "192.0.2.1") as owner:
        response = _login(owner, "olga", PASSWORD)
        if response.status_code == 429:
            wait = int(response.headers["retry-after"])
            assert wait <= MAX_DELAY
            clock.advance(wait)
            response = _login(owner, "olga", PASSWORD)
        assert response.status_code == 303


def test_guessing_one_account_slows_down(multi_app: FastAPI, signed_up: SignUp) -> None:
    """Beyond five failures each try waits longer: 15 s, 30 s, 60 s … up to 5 minutes."""
    clock = _clocked(multi_app)
    with _client(multi_app, "192.0.2.1") as owner:
        signed_up(owner, "pim")
    waits = []
    for n in range(12):
        with _client(multi_app, f"203.0.113.{n + 1}") as attacker:
            response = _login(attacker, "pim", "wrong password!")
            if response.status_code == 429:
                waits.append(int(response.headers["retry-after"]))
                clock.advance(waits[-1])
                assert _login(attacker, "pim", "wrong password!").status_code == 401
    assert waits == [15, 30, 60, 120, 240, 300, 300]


def test_x_forwarded_for_does_not_choose_the_address(multi_app: FastAPI) -> None:
    _clocked(multi_app)
    with _client(multi_app) as attacker:
        statuses = [
            _login(attacker, f"victim{n}", "wrong password!", **{
                "X-Forwarded-For": f"203.0.113.{n}"
            }).status_code
            for n in range(ADDRESS_LIMIT + 1)
        ]  # fmt: skip
    assert statuses == [401] * ADDRESS_LIMIT + [429]


def _seen_client(proxies: str, peer: str, forwarded: str) -> Any:
    """The client address the app sees behind uvicorn as ``mgcoach serve`` configures it."""
    from mgcoach.cli.serve import server_config

    seen: dict[str, Any] = {}

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen["client"] = scope.get("client")

    config = server_config(app, "127.0.0.1", 8000, proxies)
    config.load()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/",
        "raw_path": b"/",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"localhost"), (b"x-forwarded-for", forwarded.encode())],
        "client": (peer, 5000),
        "server": ("127.0.0.1", 8000),
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(_message: Any) -> None:
        return None

    loop.run(config.loaded_app(scope, receive, send))
    return seen["client"]


def test_serve_trusts_x_forwarded_for_only_from_configured_proxies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mgcoach.cli.serve import ServeError, trusted_proxies

    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "*")  # uvicorn's own default must not count
    assert _seen_client(trusted_proxies(None), "127.0.0.1", "203.0.113.9")[0] == "127.0.0.1"
    proxies = trusted_proxies("127.0.0.1, 10.0.0.0/8")
    assert _seen_client(proxies, "127.0.0.1", "203.0.113.9")[0] == "203.0.113.9"
    assert _seen_client(proxies, "192.0.2.5", "203.0.113.9")[0] == "192.0.2.5"
    with pytest.raises(ServeError):
        trusted_proxies("my-proxy")


# -- current-password checks ---------------------------------------------------------------


def test_current_password_checks_are_limited(multi_db_app: FastAPI, signed_up: SignUp) -> None:
    """A stolen session cannot guess the password through the password or delete forms."""
    clock = _clocked(multi_db_app)
    with _client(multi_db_app) as thief:
        csrf = signed_up(thief, "quinn")
        for n in range(ACCOUNT_FREE):
            path, field = (
                ("/account/password", "current")
                if n % 2
                else ("/account/delete", "confirm_password")
            )
            data = {field: f"guess number {n}", "password": "x" * 12, "password2": "x" * 12}
            assert thief.post(path, data={**data, "csrf_token": csrf}).status_code == 422
        refused = thief.post(
            "/account/delete", data={"confirm_password": PASSWORD, "csrf_token": csrf}
        )
        assert refused.status_code == 429 and "Too many wrong passwords" in refused.text
        assert thief.get("/api/v1/me").json()["user"] == "quinn"  # not deleted
        # The same count slows sign-ins to the account.
        with _client(multi_db_app, "192.0.2.77") as other:
            assert _login(other, "quinn", PASSWORD).status_code == 429
        clock.advance(15)
        new = "a brand new passphrase"
        done = thief.post(
            "/account/password",
            data={"current": PASSWORD, "password": new, "password2": new, "csrf_token": csrf},
            follow_redirects=False,
        )
        assert done.status_code == 303


# -- sign-ups and tokens -------------------------------------------------------------------


def test_signups_are_limited_per_address_and_in_all(multi_db_app: FastAPI) -> None:
    clock = _clocked(multi_db_app)
    per_address = SIGNUPS_PER_ADDRESS
    with _client(multi_db_app, "198.51.100.20") as bot:
        for n in range(per_address):
            assert _sign_up(bot, f"bot{n}").status_code == 303
            bot.cookies.clear()
        refused = _sign_up(bot, "bot-extra")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        assert "Too many new accounts" in refused.text
    made = per_address
    address = 0
    while made < SIGNUPS_IN_ALL:
        address += 1
        with _client(multi_db_app, f"198.51.100.{100 + address}") as bot:
            for _n in range(min(per_address, SIGNUPS_IN_ALL - made)):
                assert _sign_up(bot, f"bot{made}").status_code == 303
                bot.cookies.clear()
                made += 1
    with _client(multi_db_app, "192.0.2.200") as newcomer:
        assert _sign_up(newcomer, "newcomer").status_code == 429
        clock.advance(3600)
        assert _sign_up(newcomer, "newcomer").status_code == 303


def test_token_creation_is_limited_and_capped(multi_app: FastAPI, signed_up: SignUp) -> None:
    clock = _clocked(multi_app)
    with _client(multi_app) as browser:
        csrf = signed_up(browser, "rosa")
        per_hour = TOKENS_PER_HOUR
        ids = [_new_token(browser, csrf, f"t{n}").json()["id"] for n in range(per_hour)]
        refused = _new_token(browser, csrf)
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "too_many_tokens"
        assert (
            int(refused.headers["retry-after"]) == refused.json()["error"]["params"]["retry_after"]
        )
        page = browser.post("/account/tokens", data={"token_name": "x", "csrf_token": csrf})
        assert page.status_code == 429 and "Too many new API tokens" in page.text
        clock.advance(3600)
        while len(ids) < MAX_TOKENS:
            made = _new_token(browser, csrf, f"t{len(ids)}")
            assert made.status_code == 201, made.text
            ids.append(made.json()["id"])
        clock.advance(3600)
        capped = _new_token(browser, csrf)
        assert capped.status_code == 429 and "at most 20" in capped.json()["error"]["message"]
        assert browser.delete(f"/api/v1/tokens/{ids[0]}", headers={"X-CSRF-Token": csrf})
        assert _new_token(browser, csrf).status_code == 201


def test_a_token_cannot_mint_tokens(multi_db_app: FastAPI, signed_up: SignUp) -> None:
    with _client(multi_db_app) as browser:
        csrf = signed_up(browser, "sven")
        secret = _new_token(browser, csrf).json()["token"]
    with _client(multi_db_app) as script:
        bearer = {"Authorization": f"Bearer {secret}"}
        refused = script.post("/api/v1/tokens", json={"name": "more"}, headers=bearer)
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "session_required"
        assert len(script.get("/api/v1/tokens", headers=bearer).json()) == 1


def test_a_password_change_revokes_every_token(multi_db_app: FastAPI, signed_up: SignUp) -> None:
    with _client(multi_db_app) as browser:
        csrf = signed_up(browser, "tess")
        secrets = [_new_token(browser, csrf, name).json()["token"] for name in ("ci", "phone")]
        new = "another long passphrase"
        done = browser.post(
            "/account/password",
            data={"current": PASSWORD, "password": new, "password2": new, "csrf_token": csrf},
        )
        assert done.status_code == 200 and "every API token is revoked" in done.text
        assert browser.get("/api/v1/me").json()["user"] == "tess"  # this browser stays in
        assert browser.get("/api/v1/tokens").json() == []
    with _client(multi_db_app) as script:
        for secret in secrets:
            bearer = {"Authorization": f"Bearer {secret}"}
            assert script.get("/api/v1/me", headers=bearer).status_code == 401


# -- last_used_at --------------------------------------------------------------------------


def _accounts_generation(app: FastAPI) -> int:
    with app.state.web.db.connect() as connection:
        return generation.read(connection, [generation.ACCOUNTS])[0]


def test_a_token_use_is_written_at_most_once_a_minute(
    multi_db_app: FastAPI, signed_up: SignUp
) -> None:
    with _client(multi_db_app) as browser:
        csrf = signed_up(browser, "ugo")
        secret = _new_token(browser, csrf).json()["token"]
    db = multi_db_app.state.web.db
    bearer = {"Authorization": f"Bearer {secret}"}
    with _client(multi_db_app) as script:
        before = _accounts_generation(multi_db_app)
        assert script.get("/api/v1/me", headers=bearer).status_code == 200  # first use: written
        assert _accounts_generation(multi_db_app) == before + 1
        for _n in range(3):
            assert script.get("/api/v1/me", headers=bearer).status_code == 200
        assert _accounts_generation(multi_db_app) == before + 1  # within the minute: no write
        with db.begin() as connection:
            connection.execute(
                update(api_token).values(last_used_at=datetime.now(UTC) - timedelta(seconds=61))
            )
        written = _accounts_generation(multi_db_app)
        assert script.get("/api/v1/me", headers=bearer).status_code == 200
        assert _accounts_generation(multi_db_app) == written + 1
        with db.connect() as connection:
            used = connection.execute(select(api_token.c.last_used_at)).scalar_one()
        used = used if used.tzinfo else used.replace(tzinfo=UTC)
        assert datetime.now(UTC) - used < timedelta(seconds=30)


def test_a_busy_database_neither_delays_nor_fails_token_reads(
    multi_app: FastAPI, signed_up: SignUp
) -> None:
    """A CLI import holds SQLite's write lock: the old code waited 30 s, then answered 500."""
    with _client(multi_app) as browser:
        csrf = signed_up(browser, "vera")
        secret = _new_token(browser, csrf).json()["token"]
    db = multi_app.state.web.db
    path = db.engine.url.database
    importer = sqlite3.connect(path, isolation_level=None)
    try:
        importer.execute("BEGIN IMMEDIATE")  # the write lock, as a long import holds it
        with _client(multi_app) as script:
            started = time.monotonic()
            me = script.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
            elapsed = time.monotonic() - started
        assert me.status_code == 200 and me.json()["signed_in_with"] == "token"
        assert elapsed < 5
    finally:
        importer.execute("ROLLBACK")
        importer.close()


# -- across processes ----------------------------------------------------------------------


def test_limits_hold_across_two_app_instances(
    web_db: Settings, kb: KnowledgeBase, signed_up: SignUp
) -> None:
    """Two workers on one database count the same failures (the old limit lived in memory)."""
    first, first_db = make_app(web_db, kb, multi_user=True)
    second, second_db = make_app(web_db, kb, multi_user=True)
    try:
        clock = _clocked(first)
        second.state.web.limiter.clock = clock
        with _client(first, "192.0.2.1") as owner:
            signed_up(owner, "wim")
        for n in range(ACCOUNT_FREE):
            app = (first, second)[n % 2]
            with _client(app, f"203.0.113.{n + 1}") as attacker:
                assert _login(attacker, "wim", "wrong password!").status_code == 401
        for app in (first, second):
            with _client(app, "203.0.113.99") as attacker:
                assert _login(attacker, "wim", "wrong password!").status_code == 429
    finally:
        first_db.dispose()
        second_db.dispose()
