"""``GET /api/v1/plan/{date}`` answers exactly what ``mgcoach plan DATE --json`` prints on the same
database (a logged supplement, a red flag, a high serum lab, ``--prescribed``, in Dutch too);
the answer has the keys of ``mgcoach advise --json`` and OpenAPI documents its schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from mgcoach.contract.plan import PlanAnswer
from mgcoach.knowledge import KnowledgeBase
from mgcoach.settings import Settings
from tests.cli.running import run_error, run_json
from tests.web.conftest import make_app

API = "/api/v1"
# One day each; the lab comes last, because a serum value counts for the days after it too.
SUPPLEMENT, RED_FLAG, EMPTY, PRESCRIBED, SERUM = (
    "2025-01-13", "2025-01-14", "2025-01-15", "2025-01-16", "2025-01-17",
)  # fmt: skip
LOGGED: list[list[str]] = [
    ["food", "almonds", "30 g", "--date", SUPPLEMENT, "--time", "08:00"],
    ["supplement", "citrate", "500", "--as", "compound", "--date", SUPPLEMENT, "--time", "13:00"],
    ["symptom", "cramp", "--count", "2", "--night", "--date", SUPPLEMENT, "--time", "03:00"],
    ["med", "levothyroxine", "--date", SUPPLEMENT, "--time", "06:30"],
    ["food", "almonds", "30 g", "--date", RED_FLAG, "--time", "08:00"],
    ["symptom", "chest pain", "--date", RED_FLAG, "--time", "09:00"],
    ["supplement", "glycinate", "500", "--elemental", "--date", PRESCRIBED, "--time", "21:00"],
    ["food", "almonds", "30 g", "--date", SERUM, "--time", "08:00"],
    ["lab", "1.3", "mmol/L", "--date", SERUM, "--time", "09:00"],
]


@pytest.fixture
def client(
    data_dir: Path,
    kb: KnowledgeBase,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[TestClient]:
    """The local app on the CLI's own database, with a profile and the days of LOGGED."""
    monkeypatch.delenv("MGCOACH_PROFILE", raising=False)
    run_json(capsys, "profile", "set", "--age", "45", "--sex", "male", "--med",
             "levothyroxine@07:00")  # fmt: skip
    for args in LOGGED:
        run_json(capsys, "log", *args)
    app, db = make_app(Settings.from_env(), kb)
    with TestClient(app) as test_client:
        yield test_client
    db.dispose()


def api_plan(client: TestClient, day: str, **params: Any) -> dict[str, Any]:
    response = client.get(f"{API}/plan/{day}", params=params)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


CASES = [
    pytest.param(SUPPLEMENT, (), {}, "supplement", id="supplement"),
    pytest.param(RED_FLAG, (), {}, "emergency", id="red-flag"),
    pytest.param(EMPTY, (), {}, "supplement", id="nothing-logged"),
    pytest.param(PRESCRIBED, (), {}, "lower_dose", id="above-the-limit"),
    pytest.param(PRESCRIBED, ("--prescribed",), {"prescribed": "true"}, None, id="prescribed"),
    pytest.param(SERUM, (), {}, "stop_supplements", id="serum-high"),
]


@pytest.mark.parametrize(("day", "cli", "query", "verdict"), CASES)
def test_the_api_answers_what_the_cli_prints(
    client: TestClient,
    capsys: pytest.CaptureFixture[str],
    day: str,
    cli: tuple[str, ...],
    query: dict[str, str],
    verdict: str | None,
) -> None:
    printed = run_json(capsys, "plan", day, *cli)
    answered = api_plan(client, day, **query)
    assert answered == printed
    assert TypeAdapter(PlanAnswer).validate_python(answered)["date"] == day
    if verdict is not None:
        assert answered["status"] == answered["gate"]["verdict"] == verdict
    advise_keys = set(run_json(capsys, "advise", "--age", "45", "--sex", "male"))
    assert advise_keys | {"date", "profile", "reasons", "day", "gap_foods", "timeline"} == set(
        answered
    )


def test_what_each_day_holds(client: TestClient) -> None:
    supplement = api_plan(client, SUPPLEMENT)
    assert supplement["intake"]["taken_supplements_mg"] > 0
    assert [c["name"] for c in supplement["concerns"]]  # the logged cramp
    kinds = [row["kind"] for row in supplement["timeline"]]
    assert kinds[0] == "medicine" and "taken" in kinds and "magnesium" in kinds
    medicine = supplement["timeline"][0]
    assert medicine["time"] == "06:30"  # the logged time, not the profile's 07:00
    assert supplement["day"]["gap_mg"] > 0 and supplement["gap_foods"]["items"]
    for day in (RED_FLAG, SERUM):
        paused = api_plan(client, day)
        assert paused["supplement"] is None and paused["gap_foods"] is None
        assert {row["kind"] for row in paused["timeline"]} == {"medicine"}
    empty = api_plan(client, EMPTY)
    assert empty["day"]["food_entries"] == 0 and empty["intake"]["food_mg"] is None
    prescribed = api_plan(client, PRESCRIBED, prescribed="true")
    assert prescribed["gate"]["prescribed"] is True
    assert api_plan(client, PRESCRIBED)["gate"]["prescribed"] is False


def test_in_dutch_too(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    printed = run_json(capsys, "plan", SUPPLEMENT, "--lang", "nl")
    response = client.get(f"{API}/plan/{SUPPLEMENT}", headers={"Accept-Language": "nl"})
    assert response.json() == printed
    assert printed["gate"]["headline"] != api_plan(client, SUPPLEMENT)["gate"]["headline"]


def test_refusals_as_the_cli(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    unknown = client.get(f"{API}/plan/{SUPPLEMENT}", params={"profile": "nobody"})
    assert unknown.status_code == 404
    code, message = run_error(capsys, "plan", SUPPLEMENT, "--profile", "nobody")
    # The same words; the command line adds how to make the profile (cli/hints.py).
    assert code == 2 and message.startswith(f"Error: {unknown.json()['error']['message']}")
    assert "mgcoach profile set" in message and "mgcoach" not in unknown.text
    future = client.get(f"{API}/plan/2999-01-01")
    assert future.status_code == 422
    code, message = run_error(capsys, "plan", "2999-01-01")
    assert code == 2 and message.startswith(f"Error: {future.json()['error']['message']}")


def test_openapi_documents_the_answer(local_client: TestClient) -> None:
    document = local_client.get(f"{API}/openapi.json").json()
    operation = document["paths"][f"{API}/plan/{{date}}"]["get"]
    assert operation["summary"]
    assert {p["name"] for p in operation["parameters"]} == {"date", "profile", "prescribed"}
    assert all(p.get("description") for p in operation["parameters"])
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    answer = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    assert PlanAnswer.__required_keys__ | PlanAnswer.__optional_keys__ <= set(answer["properties"])
    assert {"gate", "supplement", "day", "gap_foods", "timeline"} <= set(answer["required"])


def test_the_table_shows_the_advice_then_the_foods(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    from mgcoach.cli.main import main

    assert main(["plan", SUPPLEMENT]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"{SUPPLEMENT} — default (us)")
    assert shown.index("Build-up") < shown.index("Closing a gap of")
    assert main(["plan", SERUM]) == 0
    paused = capsys.readouterr().out
    assert "No foods are suggested to add magnesium" in paused and "Build-up" not in paused
