"""GET /api/v1/foods/lookup/{barcode}: the JSON of `mgcoach foods lookup --json`, with 404
not_found, 422 bad_barcode and 503 offline; Open Food Facts is asked only when the server opted
in (MGCOACH_ONLINE=1), here a stand-in on 127.0.0.1 (tests/foods/off_server.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mgcoach.knowledge import KnowledgeBase
from mgcoach.settings import Settings
from tests.cli.running import run_json
from tests.foods import off_server as off
from tests.foods.off_server import OffServer
from tests.web.conftest import make_app

API = "/api/v1/foods/lookup"


@pytest.fixture
def server() -> Iterator[OffServer]:
    with off.off_server() as running:
        yield running


def _client(settings: Settings, kb: KnowledgeBase) -> Iterator[TestClient]:
    app, db = make_app(settings, kb)
    with TestClient(app) as client:
        yield client
    db.dispose()


@pytest.fixture
def online(
    data_dir: Path, kb: KnowledgeBase, server: OffServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """The app on the CLI's database, allowed to ask the stand-in."""
    settings = replace(Settings.from_env(), online=True, off_url=server.url, off_timeout_s=0.5)
    yield from _client(settings, kb)


@pytest.fixture
def offline(data_dir: Path, kb: KnowledgeBase, server: OffServer) -> Iterator[TestClient]:
    """The app on the CLI's database, not allowed to go online (the default)."""
    settings = replace(Settings.from_env(), online=False, off_url=server.url)
    yield from _client(settings, kb)


def test_the_api_answers_what_the_cli_prints(
    online: TestClient, server: OffServer, capsys: pytest.CaptureFixture[str]
) -> None:
    response = online.get(f"{API}/{off.PUMPKIN_SEEDS}")
    assert response.status_code == 200, response.text
    data = response.json()
    assert (data["origin"], data["kind"], data["barcode"]) == ("online", "food", off.PUMPKIN_SEEDS)
    assert server.requests[0]["headers"]["User-Agent"].startswith("MgCoach/")
    printed = run_json(capsys, "foods", "lookup", off.PUMPKIN_SEEDS)
    assert printed == {**data, "origin": "cache"}
    assert online.get(f"{API}/{off.PUMPKIN_SEEDS}").json()["origin"] == "cache"
    assert len(server.requests) == 1


def test_a_supplement_answers_its_magnesium_per_unit(online: TestClient) -> None:
    data = online.get(f"{API}/{off.MAGNESIUM_CITRATE}").json()
    assert data["kind"] == "supplement"
    assert data["supplement"]["magnesium_mg_per_unit"] == pytest.approx(200)
    assert data["supplement"]["basis"] == "unknown"


@pytest.mark.parametrize(
    ("code", "status", "error"),
    [
        pytest.param(off.NOT_FOUND_404, 404, "not_found", id="404"),
        pytest.param(off.NOT_FOUND_STATUS_0, 404, "not_found", id="status-0"),
        pytest.param("5449000000997", 422, "bad_barcode", id="check-digit"),
        pytest.param(off.MALFORMED, 503, "offline", id="malformed"),
    ],
)
def test_errors_have_their_codes(online: TestClient, code: str, status: int, error: str) -> None:
    response = online.get(f"{API}/{code}")
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == error


def test_a_refused_connection_is_503_offline(data_dir: Path, kb: KnowledgeBase) -> None:
    settings = replace(Settings.from_env(), online=True, off_url=off.refused_url())
    for client in _client(settings, kb):
        response = client.get(f"{API}/{off.COLA}")
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "offline"


def test_online_false_keeps_it_local(online: TestClient, server: OffServer) -> None:
    response = online.get(f"{API}/{off.PUMPKIN_SEEDS}", params={"online": "false"})
    assert response.status_code == 404
    assert response.json()["error"]["loc"] == ["query", "online"]
    assert server.requests == []


def test_a_server_that_did_not_opt_in_never_asks(offline: TestClient, server: OffServer) -> None:
    response = offline.get(f"{API}/{off.PUMPKIN_SEEDS}", params={"online": "true"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert server.requests == []


def test_the_operation_is_documented(offline: TestClient) -> None:
    document = offline.get("/api/v1/openapi.json").json()
    operation = document["paths"][API + "/{barcode}"]["get"]
    assert {"200", "404", "422", "503"} <= set(operation["responses"])
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    component = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    assert {"kind", "barcode", "brand", "data_quality", "supplement"} <= set(component["required"])
