"""``/api/v1/experiments``: start, check in, status, result and stop answer what ``mgcoach
experiment ... --json`` prints on the same database; bad input names its field and stores
nothing; the GETs write nothing; OpenAPI documents the answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mgcoach.contract.experiment import ExperimentAnswer
from mgcoach.knowledge import KnowledgeBase
from mgcoach.settings import Settings
from tests.cli.running import run_json
from tests.web.conftest import LOCAL_API_HEADERS, make_app

API = "/api/v1/experiments"


@pytest.fixture
def client(
    data_dir: Path,
    kb: KnowledgeBase,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[TestClient]:
    """The local app on the CLI's own database, with a profile."""
    monkeypatch.delenv("MGCOACH_PROFILE", raising=False)
    run_json(capsys, "profile", "set", "--age", "40", "--sex", "female", "--egfr", "90")
    app, db = make_app(Settings.from_env(), kb)
    with TestClient(app, headers=LOCAL_API_HEADERS) as test_client:
        yield test_client
    db.dispose()


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    data: dict[str, Any] = response.json()
    return data


def test_the_api_answers_what_the_cli_prints(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    started = ok(client.post(API, json={"outcome": "soreness", "period_days": 10}), 201)
    assert started["design"]["period_days"] == 10 and started["design"]["pairs"] == 6
    assert started == run_json(capsys, "experiment", "status")
    checked = ok(client.post(f"{API}/checkin", json={"value": 4, "taken": True}))
    assert checked["today"]["value"] == 4 and checked["today"]["checked_in"]
    assert ok(client.get(f"{API}/status")) == run_json(capsys, "experiment", "status")
    assert ok(client.get(f"{API}/result")) == run_json(capsys, "experiment", "result")
    dutch = ok(client.get(f"{API}/status", headers={"Accept-Language": "nl"}))
    assert dutch["outcome"]["name"] == "Spierpijn"
    assert dutch == run_json(capsys, "experiment", "status", "--lang", "nl")
    again = client.post(API, json={"outcome": "soreness"})
    assert again.status_code == 409
    stopped = ok(client.post(f"{API}/stop", json={"reason": "flu"}))
    assert (stopped["status"], stopped["stop_reason"]) == ("stopped", "flu")


BAD = [
    ({"outcome": "headache"}, "outcome", 422),
    ({"outcome": "soreness", "pairs": 2}, "pairs", 422),
    ({"outcome": "soreness", "period_days": 100}, "period_days", 422),
    ({"outcome": "soreness", "start": "2001-01-01"}, "start", 422),
    ({"outcome": "soreness", "extra": 1}, "extra", 422),
]


@pytest.mark.parametrize(("body", "field", "status"), BAD)
def test_bad_starts_name_their_field_and_store_nothing(
    client: TestClient, body: dict[str, Any], field: str, status: int
) -> None:
    response = client.post(API, json=body)
    assert response.status_code == status, response.text
    assert field in str(response.json()), response.text
    assert client.get(f"{API}/status").status_code == 404


def test_bad_checkins_name_their_field(client: TestClient) -> None:
    assert client.post(f"{API}/checkin", json={"value": 1, "taken": True}).status_code == 404
    ok(client.post(API, json={"outcome": "night_cramps"}), 201)
    for body, field in [
        ({"value": 25, "taken": True}, "value"),
        ({"value": 1, "taken": True, "date": "2999-01-01"}, "date"),
        ({"value": 1}, "taken"),
    ]:
        response = client.post(f"{API}/checkin", json=body)
        assert response.status_code == 422, response.text
        assert field in str(response.json())
    assert ok(client.get(f"{API}/status"))["adherence"]["checked"] == 0
    bad_stop = client.post(f"{API}/stop", json={"reason": "a\x00b"})
    assert bad_stop.status_code == 422 and "reason" in bad_stop.text
    assert ok(client.get(f"{API}/status"))["status"] == "running"


def test_openapi_documents_the_answer(local_client: TestClient) -> None:
    document = local_client.get("/api/v1/openapi.json").json()
    operation = document["paths"][f"{API}/status"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    answer = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    keys = ExperimentAnswer.__required_keys__ | ExperimentAnswer.__optional_keys__
    assert keys <= set(answer["properties"])
    assert {"post"} <= set(document["paths"][API])
