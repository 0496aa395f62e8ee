"""The entries API asks, as `mgcoach log supplement` does, whether a supplement's number is the
whole tablet or the magnesium itself: a 422 on the ``as`` field naming both readings, nothing
stored; ``as`` (or ``basis``) stores that reading; PATCH corrects it."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.cli.running import run_error, run_json
from tests.web.test_api_journal import API, DAY, _post, _put_person, client  # noqa: F401

AMBIGUOUS = [
    pytest.param({"compound": "glycinate", "dose_mg": 200}, (28, 200), id="bare-dose"),
    pytest.param({"label": "Magnesium glycinate 500 mg"}, (70, 500), id="compound-label"),
    pytest.param({"label": "500 mg magnesium oxide"}, (302, 500), id="dose-first-label"),
]


@pytest.mark.parametrize(("body", "readings"), AMBIGUOUS)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_an_ambiguous_dose_is_a_422_naming_as_and_nothing_is_stored(
    client: TestClient,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    body: dict[str, Any],
    readings: tuple[int, int],
    language: str,
) -> None:
    _put_person(client)
    response = client.post(
        f"{API}/entries",
        json={"kind": "supplement", "date": DAY, **body},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 422, response.text
    answer = response.json()
    assert answer["detail"][0]["loc"] == ["body", "as"]
    error = answer["error"]
    assert error["code"] == "ambiguous_dose"
    assert (error["params"]["as_compound"], error["params"]["as_elemental"]) == readings
    assert '"as"' in error["message"] and "--as" not in error["message"]
    assert client.get(f"{API}/entries", params={"date": DAY}).json() == []
    cli = ["--label", body["label"]] if "label" in body else [body["compound"], "200"]
    code, line = run_error(capsys, "log", "supplement", *cli, "--date", DAY, "--lang", language)
    assert code == 2 and "--as elemental" in line and "--as compound" in line
    assert f"{readings[0]} mg" in line


@pytest.mark.parametrize("field", ["as", "basis"])
@pytest.mark.parametrize(("basis", "elemental_mg"), [("elemental", 200), ("compound", 28.19)])
def test_as_or_basis_stores_that_reading(
    client: TestClient,  # noqa: F811
    field: str,
    basis: str,
    elemental_mg: float,
) -> None:
    _put_person(client)
    body = {"kind": "supplement", "compound": "glycinate", "dose_mg": 200, field: basis}
    entry = _post(client, body)
    assert entry["detail"]["elemental_mg"] == pytest.approx(elemental_mg, abs=0.01)
    assert entry["detail"]["basis"] == basis


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"compound": "glycinate", "dose_mg": 200, "as": "tablet"}, 422),
        ({"compound": "glycinate", "dose_mg": 200, "as": "compound", "elemental": True}, 422),
        ({"label": "Magnesium (as citrate) 200 mg", "as": "compound"}, 422),
    ],
)
def test_a_wrong_or_contradicting_basis_is_refused(
    client: TestClient,  # noqa: F811
    body: dict[str, Any],
    code: int,
) -> None:
    _put_person(client)
    response = client.post(f"{API}/entries", json={"kind": "supplement", "date": DAY, **body})
    assert response.status_code == code, response.text
    assert client.get(f"{API}/entries", params={"date": DAY}).json() == []


def test_a_clear_label_needs_no_as(client: TestClient) -> None:  # noqa: F811
    _put_person(client)
    line = "Magnesium citrate 1000 mg, of which magnesium 160 mg"
    entry = _post(client, {"kind": "supplement", "label": line})
    assert (entry["detail"]["elemental_mg"], entry["detail"]["basis"]) == (160, "elemental")


def test_patch_corrects_the_basis(client: TestClient) -> None:  # noqa: F811
    _put_person(client)
    entry = _post(
        client, {"kind": "supplement", "label": "Magnesium glycinate 500 mg", "as": "compound"}
    )
    assert entry["detail"]["elemental_mg"] == pytest.approx(70.48, abs=0.01)
    fixed = client.patch(f"{API}/entries/{entry['id']}", json={"as": "elemental"})
    assert fixed.status_code == 200, fixed.text
    detail = fixed.json()["detail"]
    assert (detail["elemental_mg"], detail["basis"], detail["given_as"]) == (
        500,
        "elemental",
        "label",
    )


@pytest.mark.parametrize(
    ("label", "ambiguous"),
    [("Magnesium glycinate 500 mg", True), ("Magnesium (as citrate) 200 mg", False)],
)
def test_the_elemental_endpoint_is_the_cli_json(
    client: TestClient,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    label: str,
    ambiguous: bool,
) -> None:
    answer = client.get(f"{API}/elemental", params={"label": label})
    assert answer.status_code == 200
    data = answer.json()
    assert data == run_json(capsys, "elemental", "--label", label)
    assert data["label_ambiguous"] is ambiguous
    assert len(data["readings"]) == (2 if ambiguous else 1)
