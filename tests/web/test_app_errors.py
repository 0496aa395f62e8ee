"""The app's edges: errors in the user's language with no traceback, 404s, odd numbers that must
not become 500s, every page in both languages, and nothing loaded from another site."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.i18n import translations
from mgcoach.services.journal import ProfileChanges, set_profile

PAGES = ("/today", "/log", "/plan", "/trends", "/foods", "/settings", "/onboarding", "/sources")
NL = {"Accept-Language": "nl-NL,nl;q=0.9"}


@pytest.fixture
def with_profile(local_app: FastAPI) -> FastAPI:
    state = local_app.state.web
    changes = ProfileChanges(age=45, sex="female", weight_kg=68, height_cm=168)
    set_profile(state.db, state.kb, "default", changes, date.today())
    return local_app


@pytest.mark.parametrize(("headers", "lang"), [({}, "en"), (NL, "nl")])
def test_every_page_answers_in_the_browsers_language(
    with_profile: FastAPI, headers: dict[str, str], lang: str
) -> None:
    with TestClient(with_profile) as client:
        for path in PAGES:
            page = client.get(path, headers=headers)
            assert page.status_code == 200, path
            assert f'<html lang="{lang}">' in page.text, path
            assert '<main id="main"' in page.text and "<h1" in page.text, path


def test_unknown_pages_and_api_paths_are_404_in_the_users_language(
    local_client: TestClient,
) -> None:
    page = local_client.get("/no-such-page", headers=NL)
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert translations("nl").gettext("This page does not exist.") in page.text
    answer = local_client.get("/api/v1/no-such-thing")
    assert answer.status_code == 404 and answer.json() == {"detail": "Not found."}


def test_a_bug_is_a_calm_500_without_a_traceback(local_app: FastAPI) -> None:
    @local_app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    @local_app.get("/boom")
    def boom_page() -> None:
        raise RuntimeError("secret internals")

    with TestClient(local_app, raise_server_exceptions=False) as client:
        api = client.get("/api/v1/boom")
        page = client.get("/boom")
    assert api.status_code == page.status_code == 500
    assert "RuntimeError" in api.json()["detail"] and "secret internals" not in api.text
    assert "Traceback" not in page.text and "secret internals" not in page.text


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/elemental", {"label": "Magnesium oxide 99999999999999999999999999999 mg"}),
        ("/api/v1/energy", {"age": 40, "sex": "male", "activity": "nan", "weight_kg": 70,
                            "height_cm": 170}),
        ("/api/v1/energy", {"age": 40, "sex": "male", "activity": "1e308", "weight_kg": 70,
                            "height_cm": 170}),
        ("/api/v1/advice", {"age": 40, "sex": "male", "serum": "1e30 mmol/L"}),
        ("/api/v1/targets", {"age": "abc", "sex": "female"}),
    ],
)  # fmt: skip
def test_odd_numbers_are_refused_not_crashed_on(
    local_client: TestClient, url: str, params: dict[str, object]
) -> None:
    answer = local_client.get(url, params=params)  # type: ignore[arg-type]
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["msg"]


def test_shape_errors_are_reworded_in_the_users_language(local_client: TestClient) -> None:
    english = local_client.get("/api/v1/targets", params={"age": "abc", "sex": "female"})
    dutch = local_client.get("/api/v1/targets", params={"age": "abc", "sex": "female"}, headers=NL)
    (en_item,), (nl_item,) = english.json()["detail"], dutch.json()["detail"]
    assert en_item == {"loc": ["query", "age"], "msg": "Give a number.", "type": "float_parsing"}
    assert nl_item["msg"] == translations("nl").gettext("Give a number.") != "Give a number."
    limit = local_client.get("/api/v1/foods/search", params={"query": "x", "limit": 100000})
    assert limit.json()["detail"][0]["msg"] == "Give at most 200."


def test_nothing_is_loaded_from_another_site() -> None:
    """Templates, styles and scripts name no other host: no CDN, no web fonts, no analytics."""
    package = resources.files("mgcoach.web")
    external = re.compile(
        r"""(?:src|href)\s*=\s*["'](?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import"""
    )
    checked = 0
    for item in _text_files([package.joinpath("templates"), package.joinpath("static")]):
        text = item.read_text(encoding="utf-8")
        assert not external.search(text), item.name
        assert "fetch('http" not in text and 'fetch("http' not in text, item.name
        checked += 1
    assert checked >= 15


TEXT_SUFFIXES = (".html", ".css", ".js", ".mjs", ".svg")


def _text_files(folders: list[Traversable]) -> list[Traversable]:
    """Every page, style and script under ``folders`` (vendored ones too), not binaries such
    as a .wasm or the licences."""
    found: list[Traversable] = []
    while folders:
        item = folders.pop()
        if item.is_dir():
            folders.extend(item.iterdir())
        elif item.name.endswith(TEXT_SUFFIXES):
            found.append(item)
    return found


def test_static_files_are_served_from_the_package(local_client: TestClient) -> None:
    for name in ("app.css", "app.js", "log.js", "icon.svg"):
        answer = local_client.get(f"/static/{name}")
        assert answer.status_code == 200 and answer.content, name
