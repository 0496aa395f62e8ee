"""Web fixtures: the app on a fresh database, in local or multi-user mode, with a test client.

``local_client`` is the single-user app (no login). ``multi_app`` is the multi-user app;
``signed_up(client, name)`` makes an account and signs the client in. Both run on SQLite by
default; ``web_db`` runs a test on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.knowledge import KnowledgeBase
from mgcoach.settings import Settings
from mgcoach.storage.database import Database, open_database
from mgcoach.web.app import create_app
from mgcoach.web.config import WebConfig
from tests.databases import BACKENDS, Templates

SECRET = "s" * 40
TEST_HOSTS = ("testserver", "127.0.0.1", "localhost")
PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
# What a script sends with an API change in local mode (no login, so no token): a header a
# page of another site cannot send (web/middleware.py WriteGuard).
LOCAL_API_HEADERS = {"X-Requested-With": "mgcoach-tests"}


def make_app(
    settings: Settings, kb: KnowledgeBase, *, multi_user: bool = False, **options: object
) -> tuple[FastAPI, Database]:
    db = open_database(settings)
    config = WebConfig(
        multi_user=multi_user,
        secret=SECRET,
        allowed_hosts=TEST_HOSTS,
        settings=settings,
        **options,  # type: ignore[arg-type]
    )
    return create_app(config, db=db, kb=kb), db


@pytest.fixture
def web_settings(db_templates: Templates, tmp_path: Path) -> Settings:
    return db_templates.fresh("sqlite", tmp_path / "web-data")


@pytest.fixture
def local_app(web_settings: Settings, kb: KnowledgeBase) -> Iterator[FastAPI]:
    app, db = make_app(web_settings, kb)
    yield app
    db.dispose()


@pytest.fixture
def local_client(local_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(local_app, headers=LOCAL_API_HEADERS) as client:
        yield client


@pytest.fixture(params=BACKENDS)
def web_db(request: pytest.FixtureRequest, db_templates: Templates, tmp_path: Path) -> Settings:
    """Settings of a fresh database, on SQLite and on PostgreSQL."""
    return db_templates.fresh(request.param, tmp_path / "web-data")


@pytest.fixture
def multi_app(web_settings: Settings, kb: KnowledgeBase) -> Iterator[FastAPI]:
    app, db = make_app(web_settings, kb, multi_user=True)
    yield app
    db.dispose()


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def local_csrf(client: TestClient) -> str:
    """The CSRF token of a local-mode client (the cookie is set on the first page)."""
    return csrf_of(client.get("/settings").text)


@pytest.fixture
def signed_up() -> Callable[[TestClient, str], str]:
    def sign_up(client: TestClient, name: str) -> str:
        page = client.get("/signup")
        response = client.post(
            "/signup",
            data={
                "name": name,
                "password": PASSWORD,
                "password2": PASSWORD,
                "csrf_token": csrf_of(page.text),
            },
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        return csrf_of(client.get("/settings").text)

    return sign_up
