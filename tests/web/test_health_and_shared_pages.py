"""`/healthz` answers bare (no database, session, cookie or template), and the pages reused
while their day is unchanged (web/page_cache.py) stay right: a write shows at once, each
session gets its own CSRF token, each language its own page, each person their own data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.web.page_cache import CSRF_MARK
from tests.web.conftest import LOCAL_API_HEADERS, csrf_of

PERSON = {"age": 45, "sex": "female", "weight_kg": 70, "height_cm": 170}
DAY = date.today().isoformat()
SignUp = Callable[[TestClient, str], str]


class NoDatabase:
    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"/healthz used the database ({name})")


def test_healthz_is_bare(local_app: FastAPI) -> None:
    local_app.state.web.db = NoDatabase()
    with TestClient(local_app) as client:
        answer = client.get("/healthz")
        assert answer.status_code == 200 and answer.text == "ok"
        assert answer.headers["content-type"].startswith("text/plain")
        assert answer.headers["cache-control"] == "no-store"
        assert "set-cookie" not in answer.headers
        assert "default-src 'self'" in answer.headers["content-security-policy"]
        head = client.head("/healthz")
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-length"] == "2"
        posted = client.post("/healthz", headers=LOCAL_API_HEADERS)
        assert posted.status_code == 405 and posted.headers["allow"] == "GET, HEAD"
        # A load balancer may ask by address: the Host check is for pages with data.
        assert client.get("/healthz", headers={"Host": "10.0.0.7"}).text == "ok"


def test_healthz_is_not_an_api_operation(local_client: TestClient) -> None:
    schema = local_client.get("/api/v1/openapi.json").json()
    assert "/healthz" not in schema["paths"]


def _log_almonds(client: TestClient, csrf: str, amount: str) -> None:
    page = client.post(
        "/log/food",
        data={
            "food": "almonds",
            "amount": amount,
            "date": DAY,
            "time": "08:00",
            "csrf_token": csrf,
        },
        follow_redirects=False,
    )
    assert page.status_code == 303, page.text


def test_a_write_shows_at_once_and_each_language_has_its_page(local_client: TestClient) -> None:
    made = local_client.put("/api/v1/profiles/default", json=PERSON)
    assert made.status_code == 200, made.text
    first = local_client.get("/today", params={"date": DAY}).text
    assert local_client.get("/today", params={"date": DAY}).text == first  # reused
    _log_almonds(local_client, csrf_of(local_client.get("/log").text), "30 g")
    after = local_client.get("/today", params={"date": DAY}).text
    assert after != first and "almond" in after.lower()
    dutch = local_client.get("/today", params={"date": DAY}, headers={"Accept-Language": "nl"})
    assert 'lang="nl"' in dutch.text and 'lang="en"' in after
    assert str(CSRF_MARK) not in after + dutch.text


def test_each_session_gets_its_own_token(multi_app: FastAPI, signed_up: SignUp) -> None:
    with TestClient(multi_app) as one, TestClient(multi_app) as two:
        one_csrf = signed_up(one, "anna")
        made = one.put("/api/v1/profiles/default", json=PERSON, headers={"X-CSRF-Token": one_csrf})
        assert made.status_code == 200, made.text
        login = csrf_of(two.get("/login").text)
        signed = two.post(
            "/login",
            data={"name": "anna", "password": "correct horse battery", "csrf_token": login},
            follow_redirects=False,
        )
        assert signed.status_code == 303
        pages = multi_app.state.web.pages
        page_one = one.get("/log", params={"date": DAY}).text
        kept = len(pages)
        page_two = two.get("/log", params={"date": DAY}).text
        assert len(pages) == kept  # the same page, made once ...
        two_csrf = csrf_of(page_two)
        assert csrf_of(page_one) == one_csrf and two_csrf != one_csrf  # ... each its token
        assert str(CSRF_MARK) not in page_one + page_two
        _log_almonds(two, two_csrf, "20 g")  # the token on the reused page is good
        refused = two.post(
            "/log/food",
            data={"food": "almonds", "amount": "5 g", "date": DAY, "csrf_token": one_csrf},
            follow_redirects=False,
        )
        assert refused.status_code == 403
