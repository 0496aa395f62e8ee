"""Browser fixtures: the real app under uvicorn on 127.0.0.1, driven by Debian's Chromium.

Two live servers per test session, one in local mode and one in multi-user mode, each a
uvicorn server in a background thread on a free loopback port. Each test gets its own site on
one of them: a fresh SQLite copy of the session's seeded template and a new app on it
(``local_site``, ``multi_site``), so the servers start once and no test sees another's data.

``visit(site, locale)`` opens a browser context (its own cookies, the locale's Accept-Language)
and gives a ``Visitor`` with one page. Every request the context makes to anything but the
test server is aborted and recorded, and the test fails at teardown if there was one (no
CDN, nothing fetched from the network) or if a page raised a JavaScript error or broke its
Content-Security-Policy. Screenshots go to ``artifacts/screenshots/<name>.png``.

Chromium is Debian's (/usr/bin/chromium, installed by ``.ci/run``); Playwright never downloads
a browser. Without it the browser tests fail rather than skip: CI must prove these flows.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    Route,
    ViewportSize,
    sync_playwright,
)
from starlette.responses import PlainTextResponse
from starlette.types import Receive, Scope, Send

from mgcoach.knowledge import KnowledgeBase
from mgcoach.settings import Settings
from mgcoach.storage.database import Database
from tests.databases import Templates
from tests.web.conftest import PASSWORD, make_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[3]
SHOTS = ROOT / "artifacts" / "screenshots"
TIMEOUT_MS = 10_000
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}

# Playwright must use Debian's Chromium; it is never to fetch a browser of its own.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")


def require_chromium(path: Path = CHROMIUM) -> Path:
    """The Chromium executable, or a failed test that says how to get it."""
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(
            f"{path} is missing: the browser tests need Debian's Chromium. "
            "`.ci/run` installs it (apt-get install chromium); as root run "
            "`apt-get install chromium fonts-dejavu-core`.",
            pytrace=False,
        )
    return path


# --- live servers ---------------------------------------------------------------------------


class Switch:
    """An ASGI app that passes each request to the current test's app (503 between tests)."""

    def __init__(self) -> None:
        self.app: FastAPI | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        app = self.app
        if app is None:
            await PlainTextResponse("no site", status_code=503)(scope, receive, send)
            return
        await app(scope, receive, send)


class LiveServer:
    """uvicorn on 127.0.0.1 and a free port, in a background thread."""

    def __init__(self) -> None:
        self.switch = Switch()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.socket = sock
        self.port: int = sock.getsockname()[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            self.switch, lifespan="off", log_level="warning", access_log=False, loop="asyncio"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [sock]}, name="live-server", daemon=True
        )

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.socket.close()


@dataclass
class Site:
    """One test's site: the live server's address and the app's own database."""

    origin: str
    settings: Settings
    db: Database
    kb: KnowledgeBase
    multi_user: bool

    def url(self, path: str) -> str:
        return self.origin + path


@pytest.fixture(scope="session")
def local_server() -> Iterator[LiveServer]:
    server = LiveServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def multi_server() -> Iterator[LiveServer]:
    server = LiveServer().start()
    yield server
    server.stop()


def _site(
    server: LiveServer, templates: Templates, kb: KnowledgeBase, folder: Path, multi_user: bool
) -> Iterator[Site]:
    settings = templates.fresh("sqlite", folder)
    app, db = make_app(settings, kb, multi_user=multi_user)
    server.switch.app = app
    try:
        yield Site(server.origin, settings, db, kb, multi_user)
    finally:
        server.switch.app = None
        db.dispose()


@pytest.fixture
def local_site(
    local_server: LiveServer, db_templates: Templates, kb: KnowledgeBase, tmp_path: Path
) -> Iterator[Site]:
    """The local-mode (single user, no login) app on a fresh database."""
    yield from _site(local_server, db_templates, kb, tmp_path / "local-site", False)


@pytest.fixture
def multi_site(
    multi_server: LiveServer, db_templates: Templates, kb: KnowledgeBase, tmp_path: Path
) -> Iterator[Site]:
    """The multi-user (accounts) app on a fresh database."""
    yield from _site(multi_server, db_templates, kb, tmp_path / "multi-site", True)


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    require_chromium()
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    chromium = playwright_driver.chromium.launch(
        executable_path=str(require_chromium()), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


class Visitor:
    """One person at one browser: a context (cookies, locale) and its page."""

    def __init__(self, browser: Browser, site: Site, locale: str, shots: Path) -> None:
        self.site = site
        self.shots = shots
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(locale=locale, base_url=site.origin, viewport=VIEWPORT)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        """A Content-Security-Policy violation is an error too (Chromium only logs it)."""
        if "Content Security Policy" in message.text:
            self.errors.append(message.text)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url == self.site.origin or url.startswith(self.site.origin + "/"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def goto(self, path: str) -> int:
        """Open a path of the site; the response's status."""
        response = self.page.goto(path)
        assert response is not None, path
        return response.status

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def path(self) -> str:
        """The page's path and query, e.g. /log?date=2024-03-01."""
        url = self.page.url
        return url[len(self.site.origin) :] if url.startswith(self.site.origin) else url

    def api(self, path: str) -> Any:
        """GET an API path with this visitor's cookies; the JSON of a 200 answer."""
        response = self.context.request.get(self.site.url(path))
        assert response.status == 200, f"{path}: {response.status} {response.text()[:300]}"
        return response.json()

    # --- what people do, through the pages ---

    def sign_up(self, name: str, password: str = PASSWORD) -> None:
        self.goto("/signup")
        self.page.fill("[name=name]", name)
        self.page.fill("[name=password]", password)
        self.page.fill("[name=password2]", password)
        with self.page.expect_navigation():
            self.page.locator("main form button[type=submit]").first.click()
        assert not self.path().startswith("/signup"), f"sign-up failed, still on {self.path()}"

    def onboard(self, fields: dict[str, str]) -> int:
        """Fill the onboarding form (text fields, selects by value) and submit it; the status
        of the answer that ends the post (200 after the redirect, 422 on errors)."""
        if not self.path().startswith("/onboarding"):
            self.goto("/onboarding")
        form = self.page.locator("form#onboarding-form")
        fill(form, fields)
        with self.page.expect_navigation() as navigation:
            form.locator("button#save-profile").click()
        response = navigation.value
        assert response is not None
        return response.status

    def entry_ids(self) -> list[int]:
        rows = self.page.locator("table#entries tr[data-entry-id]")
        return [int(rows.nth(i).get_attribute("data-entry-id") or 0) for i in range(rows.count())]


def fill(form: Any, fields: dict[str, str]) -> None:
    """Fill named fields of a form locator: selects by option value, the rest by typing."""
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


@pytest.fixture
def visit(browser: Browser, screenshots: Path) -> Iterator[Callable[..., Visitor]]:
    """``visit(site, locale="en-GB")``: a new browser context on the site. At teardown the
    test fails if any context tried to reach another host or a page raised a script error."""
    made: list[Visitor] = []

    def open_visitor(site: Site, locale: str = "en-GB") -> Visitor:
        visitor = Visitor(browser, site, locale, screenshots)
        made.append(visitor)
        return visitor

    yield open_visitor
    for visitor in made:
        visitor.context.close()
    blocked = [url for visitor in made for url in visitor.blocked]
    errors = [error for visitor in made for error in visitor.errors]
    assert not blocked, f"the pages tried to reach other hosts (no CDN allowed): {blocked}"
    assert not errors, f"script errors in the pages: {errors}"
