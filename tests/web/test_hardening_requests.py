"""The web request layer under attack (issue 16): every test is an attack that worked before.

- Bodies: a body over the limit (256 KiB) is refused with 413 before it is read, whether it
  says its length or comes in chunks, signed in or not.
- Cross-site: local mode has no login, so a page of another site must not write through it:
  not with a body without Content-Type (FastAPI before 0.132 parsed it as JSON), not with
  text/plain, not from another Origin or a cross-site fetch.
- The sign-in CSRF token is signed: a planted cookie with a field equal to it is refused.
- GETs never write (every GET route, run with realistic parameters).
- Security headers on pages, API answers, errors and static files; no inline script or style
  in the templates, so the CSP needs no 'unsafe-inline'.
- Heavy reads answer within the time budget or with 503.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Any, cast

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.foods import add_food
from mgcoach.settings import Settings
from mgcoach.storage.database import Database
from mgcoach.storage.tables import generation
from mgcoach.web import api, pages
from mgcoach.web.config import MAX_BODY_BYTES
from tests.support import loop
from tests.web.conftest import LOCAL_API_HEADERS, csrf_of, local_csrf, make_app
from tests.web.sharing_support import accepted_client

DAY = "2025-01-15"
LIMIT = MAX_BODY_BYTES
NOTE = {"kind": "note", "text": "from elsewhere", "date": DAY}
JSON_NOTE = b'{"kind": "note", "text": "from elsewhere", "date": "2025-01-15"}'
EVIL = "https://evil.example"
PERSON = {"age": 45, "sex": "female", "weight_kg": 70, "height_cm": 170}


# --- a raw ASGI call: how many body bytes the app read ----------------------------------


class Sent:
    """A request sent straight to the ASGI app, its body in chunks, counting what was read."""

    def __init__(self, body_size: int, chunk: int = 64 * 1024) -> None:
        self.left = body_size
        self.chunk = chunk
        self.read = 0
        self.messages: list[dict[str, Any]] = []

    async def receive(self) -> dict[str, Any]:
        size = min(self.chunk, self.left)
        self.left -= size
        self.read += size
        return {"type": "http.request", "body": b"x" * size, "more_body": self.left > 0}

    async def send(self, message: dict[str, Any]) -> None:
        self.messages.append(message)

    @property
    def status(self) -> int:
        return int(next(m["status"] for m in self.messages if m["type"] == "http.response.start"))

    @property
    def body(self) -> bytes:
        return b"".join(
            m.get("body", b"") for m in self.messages if m["type"] == "http.response.body"
        )


def send_raw(
    app: FastAPI,
    path: str,
    size: int,
    *,
    length: bool,
    content_type: str = "application/json",
    extra: tuple[tuple[bytes, bytes], ...] = (),
) -> Sent:
    headers = [(b"host", b"testserver"), (b"content-type", content_type.encode()), *extra]
    headers.append(
        (b"content-length", str(size).encode()) if length else (b"transfer-encoding", b"chunked")
    )
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    sent = Sent(size)
    loop.run(app(scope, sent.receive, sent.send))
    return sent


SIZES = [pytest.param(300 * 1024, id="300KB"), pytest.param(5 * 1024 * 1024, id="5MB")]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("length", [True, False], ids=["content-length", "chunked"])
@pytest.mark.parametrize("path", ["/api/v1/entries", "/log/note"])
def test_a_large_body_is_refused_unread(
    local_app: FastAPI, size: int, length: bool, path: str
) -> None:
    local_token = (b"x-requested-with", b"test")
    kind = "application/json" if path.startswith("/api/") else "application/x-www-form-urlencoded"
    sent = send_raw(local_app, path, size, length=length, content_type=kind, extra=(local_token,))
    assert sent.status == 413
    if length:
        assert sent.read == 0  # refused by its Content-Length, before a byte is read
    else:
        assert sent.read <= LIMIT + 64 * 1024  # counted: no more than one chunk past the limit
    if path.startswith("/api/"):
        assert b'"body_too_large"' in sent.body
    else:
        assert b"<html" in sent.body and b"256 KiB" in sent.body


@pytest.mark.parametrize("length", [True, False], ids=["content-length", "chunked"])
def test_an_anonymous_write_is_refused_before_its_body(multi_app: FastAPI, length: bool) -> None:
    """Multi-user: an API write without a sign-in is 401 before its body is read."""
    sent = send_raw(multi_app, "/api/v1/entries", 200 * 1024, length=length)
    assert sent.status == 401
    assert sent.read == 0


def test_the_limit_over_http(local_client: TestClient) -> None:
    headers = {"X-Requested-With": "test", "Content-Type": "application/json"}
    big = b'{"kind": "note", "text": "' + b"x" * (300 * 1024) + b'"}'
    refused = local_client.post("/api/v1/entries", content=big, headers=headers)
    assert refused.status_code == 413
    assert refused.json()["error"]["code"] == "body_too_large"
    dutch = local_client.post(
        "/log/note", content=b"a=" + b"x" * (300 * 1024),
        headers={"Accept-Language": "nl", "Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    assert dutch.status_code == 413 and 'lang="nl"' in dutch.text
    # A body under the limit goes through.
    small = local_client.post("/api/v1/entries", json=NOTE, headers=headers)
    assert small.status_code == 201, small.text


# --- cross-site writes in local mode -----------------------------------------------------


@pytest.fixture
def local_client(local_app: FastAPI) -> Iterator[TestClient]:
    """The local app as a browser sees it (no header of its own), with the profile "default"
    made (the journal's writes need it)."""
    with TestClient(local_app) as client:
        made = client.put("/api/v1/profiles/default", json=PERSON, headers=LOCAL_API_HEADERS)
        assert made.status_code == 200, made.text
        yield client


def _entries(client: TestClient) -> list[Any]:
    found = client.get("/api/v1/entries", params={"date": DAY})
    assert found.status_code == 200, found.text
    answer = found.json()
    return list(answer["entries"] if isinstance(answer, dict) else answer)


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-content-type"),  # fetch(..., {mode: "no-cors"}) with a string
        pytest.param({"Content-Type": "text/plain"}, id="text-plain"),
        pytest.param({"Content-Type": "application/x-www-form-urlencoded"}, id="form-type"),
        pytest.param({"Content-Type": "application/json"}, id="json-without-header"),
    ],
)
def test_a_cross_site_api_write_in_local_mode_is_refused(
    local_client: TestClient, headers: dict[str, str]
) -> None:
    before = _entries(local_client)
    refused = local_client.post("/api/v1/entries", content=JSON_NOTE, headers=headers)
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["code"] == "csrf_failed"
    assert _entries(local_client) == before


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"Origin": EVIL}, id="other-origin"),
        pytest.param({"Origin": "null"}, id="null-origin"),
        pytest.param({"Origin": "http://testserver.evil.example"}, id="look-alike"),
        pytest.param({"Sec-Fetch-Site": "cross-site"}, id="sec-fetch-site"),
        pytest.param({"Sec-Fetch-Site": "same-site"}, id="sibling-site"),
    ],
)
def test_a_write_from_another_origin_is_refused(
    local_client: TestClient, headers: dict[str, str]
) -> None:
    token = local_csrf(local_client)
    before = _entries(local_client)
    api_write = local_client.post(
        "/api/v1/entries", json=NOTE, headers={"X-CSRF-Token": token, **headers}
    )
    assert api_write.status_code == 403
    assert api_write.json()["error"]["code"] == "cross_site"
    form = local_client.post(
        "/log/note", data={"csrf_token": token, "text": "x", "date": DAY}, headers=headers
    )
    assert form.status_code == 403
    assert _entries(local_client) == before


def test_the_own_origin_and_the_proofs_are_accepted(local_client: TestClient) -> None:
    token = local_csrf(local_client)
    own = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    for proof in ({"X-CSRF-Token": token}, {"X-Requested-With": "XMLHttpRequest"}):
        made = local_client.post("/api/v1/entries", json=NOTE, headers={**own, **proof})
        assert made.status_code == 201, made.text
    posted = local_client.post(
        "/log/note",
        data={"csrf_token": token, "note": "by form", "date": DAY},
        headers=own,
        follow_redirects=False,
    )
    assert posted.status_code == 303, posted.text
    wrong = local_client.post("/api/v1/entries", json=NOTE, headers={"X-CSRF-Token": "x" * 64})
    assert wrong.status_code == 403


def test_a_non_json_body_is_415_with_the_header(local_client: TestClient) -> None:
    sent = local_client.post(
        "/api/v1/entries",
        content=JSON_NOTE,
        headers={"X-Requested-With": "test", "Content-Type": "text/plain"},
    )
    assert sent.status_code == 415
    assert sent.json()["error"]["code"] == "unsupported_media_type"


def test_every_write_route_is_guarded(local_app: FastAPI) -> None:
    """No write route of the API or the pages is left out: each is refused from elsewhere."""
    with TestClient(local_app) as client:
        for path, method in _routes(write=True):
            url = re.sub(r"\{[^}]+\}", "1", path)
            answer = client.request(method, url, headers={"Origin": EVIL})
            assert answer.status_code == 403, (method, path)


# --- the sign-in CSRF token is signed ----------------------------------------------------


def test_a_forged_pre_session_cookie_is_refused(multi_app: FastAPI) -> None:
    with TestClient(multi_app) as client:
        client.get("/login")
        forged = "A" * 40
        client.cookies.set("mgcoach_csrf", forged)
        for path in ("/login", "/signup"):
            form = {"csrf_token": forged, "name": "mallory", "password": "x" * 12}
            answer = client.post(path, data={**form, "password2": "x" * 12})
            assert answer.status_code == 403, path
            assert "did not come from this site" in answer.text


def test_the_signed_token_works_and_is_bound_to_its_cookie(multi_app: FastAPI) -> None:
    with TestClient(multi_app) as ann, TestClient(multi_app) as bob:
        ann_token = csrf_of(ann.get("/signup").text)
        bob.get("/signup")
        assert ann_token != ann.cookies.get("mgcoach_csrf")  # the field is not the cookie
        form = {"name": "bobby", "password": "y" * 12, "password2": "y" * 12}
        stolen = bob.post("/signup", data={**form, "csrf_token": ann_token})
        assert stolen.status_code == 403
        made = ann.post("/signup", data={**form, "csrf_token": ann_token}, follow_redirects=False)
        assert made.status_code == 303


def test_a_forged_local_cookie_is_refused(local_client: TestClient) -> None:
    forged = "B" * 40
    local_client.cookies.set("mgcoach_csrf", forged)
    answer = local_client.post("/log/note", data={"csrf_token": forged, "text": "x", "date": DAY})
    assert answer.status_code == 403
    api_write = local_client.post("/api/v1/entries", json=NOTE, headers={"X-CSRF-Token": forged})
    assert api_write.status_code == 403


# --- security headers -------------------------------------------------------------------

EXPECTED = {
    "content-security-policy": "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}


def _secured(response: Any, *, personal: bool = True) -> None:
    for name, part in EXPECTED.items():
        assert part in response.headers.get(name, ""), (response.url, name)
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    if personal:
        assert response.headers.get("cache-control") == "no-store", response.url
    else:
        assert "no-store" not in response.headers.get("cache-control", "")


def test_headers_on_pages_api_and_errors(local_client: TestClient, multi_app: FastAPI) -> None:
    for path in ("/today", "/log", "/settings", "/api/v1/me", "/api/v1/openapi.json"):
        _secured(local_client.get(path))
    _secured(local_client.get("/no-such-page"))
    _secured(local_client.get("/api/v1/no-such-call"))
    _secured(local_client.get("/api/v1/targets", params={"age": "abc"}))  # 422
    _secured(local_client.post("/api/v1/entries", json=NOTE))  # 403
    _secured(local_client.get("/today", headers={"Host": "evil.example"}))  # 400, bad host
    _secured(local_client.get("/static/app.css"), personal=False)
    _secured(local_client.get("/healthz"))
    with TestClient(multi_app) as anonymous:
        _secured(anonymous.get("/login"))
        _secured(anonymous.get("/api/v1/me"))  # 401


def test_templates_need_no_unsafe_inline() -> None:
    """Nothing the CSP would block: no inline script, style element, style attribute or
    event handler attribute in any template."""
    folder = resources.files("mgcoach.web").joinpath("templates")
    inline = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=", re.I)
    for template in folder.iterdir():
        if template.name.endswith(".html"):
            found = inline.search(template.read_text(encoding="utf-8"))
            assert found is None, f"{template.name}: {found.group(0) if found else ''}"


# --- GETs never write -------------------------------------------------------------------


def _routes(*, write: bool) -> Iterator[tuple[str, str]]:
    """(path, method) of every route of the API and the pages, GETs or writes."""
    if not write:
        yield "/healthz", "GET"  # answered by a middleware (web/health.py), not a router
    for prefix, routers in (("/api/v1", api.routers()), ("", pages.routers())):
        for router in routers:
            for route in router.routes:
                assert isinstance(route, APIRoute)
                for method in sorted(route.methods):
                    if (method in ("GET", "HEAD")) != write:
                        yield prefix + route.path, method


def _generations(db: Database) -> dict[str, int]:
    with db.begin() as connection:
        rows = connection.execute(select(generation.c.scope, generation.c.value))
        return {str(scope): int(value) for scope, value in rows}


# Realistic query parameters of every GET route; a new GET route fails the test until added.
BARCODE = "8710398500045"  # a valid EAN-13 (its check digit 5)
SHARE_ID = 1  # the first share of a fresh database (sharing_support.accepted_client)
GET_PARAMS: dict[str, dict[str, Any]] = {
    "/api/v1/targets": {"age": 32, "sex": "female"},
    "/api/v1/elemental": {"compound": "magnesium citrate", "dose_mg": 500},
    "/api/v1/amount": {"value": 4, "unit": "mmol"},
    "/api/v1/serum": {"value": 0.68, "unit": "mmol/L"},
    "/api/v1/energy": {
        "age": 35,
        "sex": "female",
        "activity": "moderate",
        "weight_kg": 70,
        "height_cm": 175,
    },
    "/api/v1/check": {"age": 45, "sex": "female", "take": "200@21:00", "compound": "citrate"},
    "/api/v1/advice": {"age": 45, "sex": "female"},
    "/api/v1/names": {},
    "/api/v1/foods/search": {"query": "almonds"},
    "/api/v1/foods/amount": {"food": "almonds", "amount": "30 g"},
    "/api/v1/foods/show": {"food": "almonds"},
    "/api/v1/foods/top": {"nutrient": "magnesium"},
    "/api/v1/foods/suggest": {"gap_mg": 150},
    "/api/v1/foods/recent": {"date": DAY},
    "/api/v1/foods/lookup/{barcode}": {"online": "false"},
    "/api/v1/favourites": {},
    "/api/v1/profiles": {},
    "/api/v1/profiles/{name}": {},
    "/api/v1/entries": {"date": DAY},
    "/api/v1/entries/{entry_id}": {},
    "/api/v1/day/{date}": {},
    "/api/v1/week/{date}": {},
    "/api/v1/trend": {},
    "/api/v1/export": {},
    "/api/v1/plan/{date}": {},
    "/api/v1/report": {"from": DAY, "to": DAY},
    "/api/v1/report.pdf": {"from": DAY, "to": DAY},
    "/api/v1/experiments/status": {},
    "/api/v1/experiments/result": {},
    "/api/v1/schedule.ics": {"tz": "Europe/Amsterdam"},
    "/api/v1/me": {},
    "/api/v1/tokens": {},
    "/api/v1/shares": {},
    "/api/v1/clients": {},
    "/api/v1/clients/summary": {},
    "/": {},
    "/login": {},
    "/signup": {},
    "/account": {},
    "/onboarding": {},
    "/today": {"date": DAY},
    "/log": {"date": DAY},
    "/log/entry/{entry_id}/edit": {},
    "/plan": {"date": DAY},
    "/experiment": {},
    "/trends": {},
    "/report": {"from": DAY, "to": DAY},
    "/report.pdf": {"from": DAY, "to": DAY},
    "/foods": {"q": "almonds"},
    "/settings": {},
    "/settings/export.json": {},
    "/settings/calendar": {},
    "/data": {},
    "/data/export-csv.zip": {},
    "/sources": {},
    "/foods/own": {},
    "/clients": {},
    "/clients/{share_id}/today": {"date": DAY},
    "/clients/{share_id}/trends": {},
    "/clients/{share_id}/report": {"from": DAY, "to": DAY},
    "/clients/{share_id}/report.pdf": {"from": DAY, "to": DAY},
    "/healthz": {},
}


def _run_every_get(client: TestClient, entry_id: int, headers: dict[str, str]) -> list[str]:
    """Every GET route once; the ones that did not answer 2xx or 3xx."""
    failed = []
    for path, method in _routes(write=False):
        if method != "GET":
            continue
        assert path in GET_PARAMS, f"give {path} realistic parameters in GET_PARAMS"
        url = path.format(
            name="default", entry_id=entry_id, date=DAY, barcode=BARCODE, share_id=SHARE_ID
        )
        answer = client.get(url, params=GET_PARAMS[path], headers=headers, follow_redirects=False)
        if answer.status_code >= 400:
            failed.append(f"{path}: {answer.status_code} {answer.text[:200]}")
    return failed


def _seed(client: TestClient, headers: dict[str, str]) -> int:
    made = client.put("/api/v1/profiles/default", json=PERSON, headers=headers)
    assert made.status_code == 200, made.text
    app = cast(FastAPI, client.app)  # a product with a barcode, for the barcode look-up
    add_food(app.state.web.db, "Mineral water", {"magnesium_mg": 10.0}, barcode=BARCODE)
    started = client.post("/api/v1/experiments", json={"outcome": "soreness"}, headers=headers)
    assert started.status_code == 201, started.text
    favourite = {"food": "almonds", "amount": "30 g"}
    assert client.post("/api/v1/favourites", json=favourite, headers=headers).status_code == 201
    entry = {"kind": "food", "food": "almonds", "amount": "30 g", "date": DAY, "time": "08:00"}
    logged = client.post("/api/v1/entries", json=entry, headers=headers)
    assert logged.status_code == 201, logged.text
    supplement = {"kind": "supplement", "compound": "citrate", "dose_mg": 500, "as": "compound"}
    more = client.post("/api/v1/entries", json={**supplement, "date": DAY}, headers=headers)
    assert more.status_code == 201, more.text
    return int(logged.json()["id"])


def test_no_get_writes_in_local_mode(web_settings: Settings, kb: KnowledgeBase) -> None:
    app, db = make_app(web_settings, kb)
    try:
        with TestClient(app) as client:
            headers = {"X-Requested-With": "test"}
            entry_id = _seed(client, headers)
            _run_every_get(client, entry_id, {})  # first visits may set up (the local user)
            before = _generations(db)
            failed = _run_every_get(client, entry_id, {})
            assert _generations(db) == before
            # Accounts, tokens and sign-up are multi-user mode's: refused in local mode.
            local_only = ("/api/v1/tokens", "/account", "/signup")
            local_only += ("/api/v1/shares", "/api/v1/clients", "/clients")  # sharing
            assert all(path.startswith(local_only) for path in failed), failed
    finally:
        db.dispose()


def test_no_get_writes_when_signed_in(
    web_settings: Settings, kb: KnowledgeBase, signed_up: Callable[[TestClient, str], str]
) -> None:
    app, db = make_app(web_settings, kb, multi_user=True)
    try:
        with TestClient(app) as client:
            token = signed_up(client, "ann")
            assert accepted_client(db, "ann", "bea") == SHARE_ID  # ann's client
            entry_id = _seed(client, {"X-CSRF-Token": token})
            _run_every_get(client, entry_id, {})
            before = _generations(db)
            failed = _run_every_get(client, entry_id, {})
            assert _generations(db) == before
            assert all(path.startswith(("/signup", "/login")) for path in failed), failed
    finally:
        db.dispose()


def test_logging_a_food_counts_for_search(local_client: TestClient, local_app: FastAPI) -> None:
    """Where the use count belongs: a food logged (not a food looked up)."""
    db: Database = local_app.state.web.db
    before = _generations(db).get("food_usage", 0)
    local_client.get("/api/v1/foods/amount", params={"food": "almonds", "amount": "30 g"})
    assert _generations(db).get("food_usage", 0) == before
    entry = {"kind": "food", "food": "almonds", "amount": "30 g", "date": DAY}
    logged = local_client.post("/api/v1/entries", json=entry, headers={"X-Requested-With": "t"})
    assert logged.status_code == 201, logged.text
    assert _generations(db).get("food_usage", 0) == before + 1


# --- the time budget --------------------------------------------------------------------


def test_a_heavy_read_past_its_budget_is_503(
    web_settings: Settings, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mgcoach.web.api.foods as foods_api

    real = foods_api.plan_gap

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.6)
        return real(*args, **kwargs)

    monkeypatch.setattr(foods_api, "plan_gap", slow)
    app, db = make_app(web_settings, kb, time_budget_s=0.1)
    try:
        with TestClient(app) as client:
            started = time.monotonic()
            answer = client.get("/api/v1/foods/suggest", params={"gap_mg": 150})
            assert time.monotonic() - started < 0.5
            assert answer.status_code == 503
            assert answer.json()["error"]["code"] == "too_slow"
            assert answer.headers["cache-control"] == "no-store"
            time.sleep(0.7)  # the late work finishes; its answer is dropped
            fast = client.get("/api/v1/foods/search", params={"query": "almonds"})
            assert fast.status_code == 200
    finally:
        db.dispose()
