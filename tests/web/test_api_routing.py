"""The routers tell a request at once that it is not theirs (web/routing.py IndexedRouter: a
path outside /api/v1 for the API's, a first segment none of their routes has), and that changes
no answer: pages, API routes, unknown paths under and beside the API, a wrong method, and an
app mounted under a proxy's root_path."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Match
from starlette.types import Scope

from mgcoach.web import api
from mgcoach.web.api.answers import AnswerRouter
from mgcoach.web.app import API_PREFIX
from mgcoach.web.routing import IndexedRouter


def scope(path: str, root_path: str = "") -> Scope:
    return {"type": "http", "method": "GET", "path": path, "root_path": root_path}


PAGES = ("/today", "/log", "/api", "/api/v10/day", "/api/v1x")


@pytest.mark.usefixtures("local_app")  # the app sets only_under on every API router
@pytest.mark.parametrize("path", PAGES)
def test_a_page_is_no_api_routers_business(path: str) -> None:
    for router in api.routers():
        assert router.only_under == API_PREFIX
        assert router.matches(scope(path)) == (Match.NONE, {})
        assert router.matches(scope(f"/proxy{path}", "/proxy")) == (Match.NONE, {})


def test_a_page_request_tries_none_of_the_api_routes(
    local_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the guard is for: FastAPI asks every route in turn, so without it /today tried
    each of the API's routes first (this test then fails with about 80 of them)."""
    api_routes = {id(route) for router in api.routers() for route in router.routes}
    tried: list[str] = []
    matches = APIRoute.matches

    def counted(self: APIRoute, scope: Scope) -> tuple[Match, Scope]:
        if id(self) in api_routes:
            tried.append(self.path)
        return matches(self, scope)

    monkeypatch.setattr(APIRoute, "matches", counted)
    assert local_client.get("/today", follow_redirects=False).status_code in (200, 303)
    assert tried == []
    assert local_client.get(f"{API_PREFIX}/targets?age=45&sex=female").status_code == 200
    assert tried  # an API request still goes through the API's routes


@pytest.mark.parametrize(
    ("path", "segment"),
    [("/log", "log"), ("/today", "today"), ("/settings", "settings"), ("/day/{day}", "day")],
)
def test_only_routes_of_the_same_first_segment_are_tried(
    local_client: TestClient, monkeypatch: pytest.MonkeyPatch, path: str, segment: str
) -> None:
    """Each router skips a request whose first segment none of its routes has: /log tries
    /log/... routes only (before: every page router's routes ahead of it, about 30)."""
    tried: list[str] = []
    matches = APIRoute.matches

    def counted(self: APIRoute, scope: Scope) -> tuple[Match, Scope]:
        tried.append(self.path)
        return matches(self, scope)

    monkeypatch.setattr(APIRoute, "matches", counted)
    api_call = path.startswith("/day")
    url = f"{API_PREFIX}{path.format(day=date.today().isoformat())}" if api_call else path
    answer = local_client.get(url, follow_redirects=False)
    assert answer.status_code in (200, 303, 404)
    assert tried
    assert {p.lstrip("/").split("/")[0] for p in tried} == {segment}


def test_a_router_with_a_parameter_first_tries_its_routes() -> None:
    router = IndexedRouter()

    @router.get("/{anything}")
    def echo(anything: str) -> dict[str, str]:
        return {"got": anything}

    app = FastAPI()
    app.include_router(router)
    with TestClient(app) as client:
        assert client.get("/whatever").json() == {"got": "whatever"}
        assert client.post("/whatever").status_code == 405


def test_an_unguarded_router_matches_as_fastapi_does() -> None:
    router = AnswerRouter()

    @router.get("/hello")
    def hello() -> dict[str, str]:
        return {"hello": "world"}

    app = FastAPI()
    app.include_router(router)  # no only_under: every path is asked as before
    with TestClient(app) as client:
        assert client.get("/hello").json() == {"hello": "world"}


def test_pages_api_and_unknown_paths_answer_as_before(local_client: TestClient) -> None:
    today = date.today().isoformat()
    assert local_client.get("/today", follow_redirects=False).status_code in (200, 303)
    assert local_client.get(f"{API_PREFIX}/targets?age=45&sex=female").status_code == 200
    # Under the API an unknown path is the API's JSON 404; beside it, the site's page.
    unknown = local_client.get(f"{API_PREFIX}/no-such-thing")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("application/json")
    assert local_client.get("/api-no-such-page").status_code == 404
    # A known API path with the wrong method is still 405, not a page's 404.
    assert local_client.delete(f"{API_PREFIX}/targets").status_code == 405
    assert local_client.get(f"{API_PREFIX}/day/{today}").status_code in (200, 404)


def test_an_app_behind_a_proxy_prefix_still_routes_the_api(local_app: FastAPI) -> None:
    with TestClient(local_app, root_path="/proxy") as client:
        answer = client.get(f"/proxy{API_PREFIX}/targets?age=45&sex=female")
        assert answer.status_code == 200
        assert answer.json()["life_stage"] == "female_31_50"


def test_every_router_of_the_site_is_indexed() -> None:
    """A plain APIRouter among them would be asked about every request again."""
    from mgcoach.web import pages

    assert all(isinstance(router, IndexedRouter) for router in [*api.routers(), *pages.routers()])
