"""The journal through the API, end to end: profiles, entries of every kind, the day, the week,
the trend and the export are the JSON of the matching CLI commands on the same database; bad
bodies are 422 with the field in ``loc``; an unknown profile or entry is 404; refusals come in
the viewer's language; a journal call needs a signed-in viewer and works on that viewer's data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.knowledge import KnowledgeBase
from mgcoach.settings import Settings
from mgcoach.web.auth import CSRF_HEADER
from tests.cli.running import run_error, run_json
from tests.web.conftest import LOCAL_API_HEADERS, make_app

DAY = "2025-01-15"
API = "/api/v1"
PERSON = {
    "age": 45, "sex": "male", "weight_kg": 80, "height_cm": 180, "activity": "moderate",
    "meds": ["levothyroxine@07:00", "ciprofloxacin@08:00,20:00"],
}  # fmt: skip

# One entry of every kind: the API body, and the same entry as `mgcoach log` arguments.
ENTRIES: list[tuple[dict[str, Any], list[str]]] = [
    ({"kind": "food", "food": "usda:12061", "amount": "30 g", "time": "08:00", "note": "snack"},
     ["food", "usda:12061", "30 g", "--time", "08:00", "--note", "snack"]),
    ({"kind": "supplement", "compound": "citrate", "dose_mg": 500, "as": "compound",
      "time": "21:00"},
     ["supplement", "citrate", "500", "--as", "compound", "--time", "21:00"]),
    ({"kind": "supplement", "label": "Magnesium (as bisglycinate) 200 mg", "time": "22:00"},
     ["supplement", "--label", "Magnesium (as bisglycinate) 200 mg", "--time", "22:00"]),
    ({"kind": "supplement", "compound": "glycinate", "dose_mg": 100, "elemental": True,
      "time": "12:00"},
     ["supplement", "glycinate", "100", "--elemental", "--time", "12:00"]),
    ({"kind": "medication", "name": "levothyroxine", "time": "07:00"},
     ["med", "levothyroxine", "--time", "07:00"]),
    ({"kind": "symptom", "name": "cramp", "count": 2, "severity": 6, "where": "calf",
      "night": True, "time": "03:00"},
     ["symptom", "cramp", "--count", "2", "--severity", "6", "--where", "calf", "--night",
      "--time", "03:00"]),
    ({"kind": "sleep", "hours": 6.5, "quality": 5}, ["sleep", "6.5", "--quality", "5"]),
    ({"kind": "training", "activity": "running", "minutes": 45, "rpe": 7, "time": "18:00"},
     ["training", "running", "45", "--rpe", "7", "--time", "18:00"]),
    ({"kind": "lab", "value": 0.72, "unit": "mmol/L"}, ["lab", "0.72", "mmol/L"]),
    ({"kind": "weight", "kg": 72.5, "time": "07:00"}, ["weight", "72.5", "--time", "07:00"]),
    ({"kind": "note", "text": "Long day."}, ["note", "Long day."]),
]  # fmt: skip
SAME = ("kind", "date", "time", "note", "label", "detail")  # what does not depend on who wrote


@pytest.fixture
def client(
    data_dir: Path, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """The local app on the CLI's own database (the data_dir fixture's SQLite copy)."""
    monkeypatch.delenv("MGCOACH_PROFILE", raising=False)
    app, db = make_app(Settings.from_env(), kb)
    with TestClient(app, headers=LOCAL_API_HEADERS) as test_client:
        yield test_client
    db.dispose()


def _put_person(client: TestClient, name: str = "default", **changes: Any) -> dict[str, Any]:
    response = client.put(f"{API}/profiles/{name}", json={**PERSON, **changes})
    assert response.status_code == 200, response.text
    return dict(response.json())


def _post(client: TestClient, body: dict[str, Any], **params: str) -> dict[str, Any]:
    response = client.post(f"{API}/entries", json={"date": DAY, **body}, params=params)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _same(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: entry[key] for key in SAME}


def test_profiles_as_the_cli_sees_them(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    made = _put_person(client)
    assert made["medications"] == [
        {"name": "levothyroxine", "times": ["07:00"], "frequency": "daily"},
        {"name": "ciprofloxacin", "times": ["08:00", "20:00"], "frequency": "daily"},
    ]
    assert (made["weight_kg"], made["height_cm"], made["activity"]) == (80, 180, "moderate")
    assert made == run_json(capsys, "profile", "show")
    assert client.get(f"{API}/profiles/default").json() == made
    changed = client.put(f"{API}/profiles/default", json={"weight_kg": 78, "meds": []}).json()
    assert (changed["weight_kg"], changed["height_cm"], changed["medications"]) == (78, 180, [])
    assert changed["age_years"] == 45  # what was not given is kept
    _put_person(client, "anna", sex="female", age=32, meds=None)
    listed = client.get(f"{API}/profiles").json()
    assert listed == run_json(capsys, "profile", "list")
    assert [p["name"] for p in listed] == ["default", "anna"]


def test_every_kind_end_to_end(
    client: TestClient, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _put_person(client)
    run_json(capsys, "profile", "set", "--profile", "cli", "--age", "45", "--sex", "male")
    posted = []
    for body, cli in ENTRIES:
        entry = _post(client, body)
        assert entry["origin"] == "web"
        logged = run_json(capsys, "log", *cli, "--date", DAY, "--profile", "cli")
        assert _same(entry) == _same(logged), body["kind"]
        assert client.get(f"{API}/entries/{entry['id']}").json() == entry
        posted.append(entry)

    listed = client.get(f"{API}/entries", params={"date": DAY}).json()
    assert listed == run_json(capsys, "entries", "--date", DAY)
    assert sorted(e["id"] for e in listed) == sorted(e["id"] for e in posted)
    some = client.get(
        f"{API}/entries", params=[("date", DAY), ("kind", "sleep"), ("kind", "med")]
    ).json()
    assert some == run_json(capsys, "entries", "--date", DAY, "--kind", "sleep", "--kind", "med")
    assert {e["kind"] for e in some} == {"sleep", "medication"}
    span = {"from": "2025-01-10", "to": "2025-01-20"}
    assert client.get(f"{API}/entries", params=span).json() == run_json(
        capsys, "entries", "--from", "2025-01-10", "--to", "2025-01-20"
    )

    day = client.get(f"{API}/day/{DAY}").json()
    assert day == run_json(capsys, "day", DAY)
    almonds = client.get(
        f"{API}/foods/amount", params={"food": "usda:12061", "amount": "30 g"}
    ).json()
    supplements = sum(e["detail"]["elemental_mg"] for e in posted if e["kind"] == "supplement")
    assert day["magnesium"]["food_mg"] == pytest.approx(almonds["nutrients"]["magnesium_mg"], 0.01)
    assert day["magnesium"]["supplement_mg"] == pytest.approx(supplements, 0.01)
    assert client.get(f"{API}/week/{DAY}").json() == run_json(capsys, "week", DAY)
    trend = client.get(f"{API}/trend", params={"days": 7, "end": DAY}).json()
    assert trend == run_json(capsys, "trend", "--days", "7", "--end", DAY)
    assert (trend["from"], trend["to"], trend["days_logged"]) == ("2025-01-09", DAY, 1)

    exported = client.get(f"{API}/export").json()
    run_json(capsys, "export", str(tmp_path / "journal.json"))
    written = json.loads((tmp_path / "journal.json").read_text())
    assert exported.pop("exported_at") and written.pop("exported_at")
    assert exported == written
    assert {p["name"] for p in exported["profiles"]} == {"default", "cli"}


def test_change_and_delete(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    _put_person(client)
    run_json(capsys, "profile", "set", "--profile", "cli", "--age", "45", "--sex", "male")
    food = _post(client, ENTRIES[0][0])
    twin = run_json(capsys, "log", *ENTRIES[0][1], "--date", DAY, "--profile", "cli")
    changed = client.patch(
        f"{API}/entries/{food['id']}", json={"amount": "60 g", "no_time": True}
    ).json()
    edited = run_json(
        capsys, "edit", str(twin["id"]), "--amount", "60 g", "--no-time", "--profile", "cli"
    )
    assert _same(changed) == _same(edited)
    assert (changed["time"], changed["detail"]["grams"]) == (None, 60)
    assert changed["detail"]["magnesium_mg"] == pytest.approx(
        2 * food["detail"]["magnesium_mg"], 0.01
    )

    supplement = _post(client, ENTRIES[1][0])
    half = client.patch(f"{API}/entries/{supplement['id']}", json={"dose_mg": 250}).json()
    assert half["detail"]["elemental_mg"] == pytest.approx(
        supplement["detail"]["elemental_mg"] / 2, 0.01
    )
    moved = client.patch(
        f"{API}/entries/{supplement['id']}", json={"date": "2025-01-14", "note": "late"}
    ).json()
    assert (moved["date"], moved["note"]) == ("2025-01-14", "late")

    gone = client.delete(f"{API}/entries/{food['id']}")
    assert gone.status_code == 200
    assert gone.json() == {"deleted": 1, "ids": [food["id"]]}
    assert [e["id"] for e in client.get(f"{API}/entries", params={"date": DAY}).json()] == []
    for method in ("GET", "PATCH", "DELETE"):
        again = client.request(
            method, f"{API}/entries/{food['id']}", json={"note": "x"} if method == "PATCH" else None
        )
        assert again.status_code == 404, method
        assert again.json()["error"]["code"] == "unknown_entry"

    removed = client.delete(f"{API}/profiles/default")
    assert removed.json() == {"profiles": 1, "entries": 1}
    assert client.get(f"{API}/profiles/default").status_code == 404
    assert [p["name"] for p in client.get(f"{API}/profiles").json()] == ["cli"]


def test_a_posted_weight_moves_the_days_protein_target(client: TestClient) -> None:
    """Issue 17: {"kind": "weight", "kg": ...} logs a body weight; the day's protein target is
    g/kg times the latest weight on or before the day, the profile's weight before one."""
    _put_person(client)  # 80 kg
    before = client.get(f"{API}/day/{DAY}").json()
    assert before["protein_g"]["target_mg"] == pytest.approx(0.8 * 80)
    weight = _post(client, {"kind": "weight", "kg": 72.5, "time": "07:00"})
    assert (weight["kind"], weight["detail"], weight["label"]) == (
        "weight", {"kg": 72.5}, "Weight 72.5 kg",
    )  # fmt: skip
    after = client.get(f"{API}/day/{DAY}").json()
    assert after["protein_g"]["target_mg"] == pytest.approx(0.8 * 72.5)
    assert after["energy_kcal"]["target_mg"] < before["energy_kcal"]["target_mg"]
    earlier = client.get(f"{API}/day/2025-01-14").json()
    assert earlier["protein_g"]["target_mg"] == pytest.approx(0.8 * 80)
    changed = client.patch(f"{API}/entries/{weight['id']}", json={"kg": 90}).json()
    assert changed["detail"] == {"kg": 90}
    assert client.get(f"{API}/day/{DAY}").json()["protein_g"]["target_mg"] == pytest.approx(72)
    refused = client.patch(f"{API}/entries/{weight['id']}", json={"kg": 0.1})
    assert refused.status_code == 422 and refused.json()["error"]["loc"] == ["body", "kg"]
    unfit = client.patch(f"{API}/entries/{weight['id']}", json={"hours": 7})
    assert unfit.status_code == 422 and unfit.json()["error"]["code"] == "unfit_change"
    assert client.get(f"{API}/profiles/default").json()["weight_kg"] == 80
    assert client.delete(f"{API}/entries/{weight['id']}").status_code == 200
    again = client.get(f"{API}/day/{DAY}").json()
    assert again["protein_g"]["target_mg"] == pytest.approx(0.8 * 80)


def test_another_profile_name_is_404(client: TestClient) -> None:
    _put_person(client)
    entry = _post(client, ENTRIES[0][0])
    nobody = {"profile": "nobody"}
    for method, url, body in (
        ("GET", f"{API}/profiles/nobody", None),
        ("DELETE", f"{API}/profiles/nobody", None),
        ("GET", f"{API}/entries?date={DAY}", None),
        ("POST", f"{API}/entries", {"kind": "note", "text": "x", "date": DAY}),
        ("GET", f"{API}/entries/{entry['id']}", None),
        ("PATCH", f"{API}/entries/{entry['id']}", {"note": "x"}),
        ("DELETE", f"{API}/entries/{entry['id']}", None),
        ("GET", f"{API}/day/{DAY}", None),
        ("GET", f"{API}/week/{DAY}", None),
        ("GET", f"{API}/trend", None),
    ):
        params = None if "/profiles/" in url else nobody
        response = client.request(method, url, json=body, params=params)
        assert response.status_code == 404, (method, url, response.text)
        assert response.json()["error"]["code"] == "unknown_profile"
    # the entry is untouched
    assert client.get(f"{API}/entries/{entry['id']}").json() == entry


@pytest.mark.parametrize(
    ("method", "url", "body", "loc", "kind"),
    [
        ("POST", "/entries", {"kind": "sleep", "hours": "x"}, ["body", "sleep", "hours"],
         "float_parsing"),
        ("POST", "/entries", {"kind": "sleep", "hours": 7, "bogus": 1},
         ["body", "sleep", "bogus"], "extra_forbidden"),
        ("POST", "/entries", {"kind": "food", "food": "almonds"}, ["body", "food", "amount"],
         "missing"),
        ("POST", "/entries", {"kind": "note", "text": "x", "note": "y"},
         ["body", "note", "note"], "extra_forbidden"),
        ("POST", "/entries", {"kind": "teleport"}, ["body"], "union_tag_invalid"),
        ("POST", "/entries", {"hours": 7}, ["body"], "union_tag_not_found"),
        ("POST", "/entries", {"kind": "symptom", "name": "cramp", "count": 1.5},
         ["body", "symptom", "count"], "int_from_float"),
        ("PUT", "/profiles/default", {"age": 45, "sex": "male", "height": 180},
         ["body", "height"], "extra_forbidden"),
        ("PUT", "/profiles/default", {"meds": ["metoprolol@08:00"] * 31}, ["body", "meds"],
         "too_long"),
        ("PATCH", "/entries/1", {"grams": 5}, ["body", "grams"], "extra_forbidden"),
        ("PATCH", "/entries/0", {"note": "x"}, ["path", "entry_id"], "greater_than_equal"),
        ("GET", f"/day/{'9' * 21}", None, ["path", "date"], "string_too_long"),
        ("GET", "/trend?days=0", None, ["query", "days"], "greater_than_equal"),
    ],
)  # fmt: skip
def test_bad_requests_name_the_field(
    local_client: TestClient,
    method: str,
    url: str,
    body: dict[str, Any] | None,
    loc: list[str],
    kind: str,
) -> None:
    response = local_client.request(method, f"{API}{url}", json=body)
    assert response.status_code == 422, response.text
    found = {(tuple(item["loc"]), item["type"]) for item in response.json()["detail"]}
    assert (tuple(loc), kind) in found


def test_not_a_number_in_a_body(local_client: TestClient) -> None:
    response = local_client.post(
        f"{API}/entries",
        content='{"kind": "lab", "value": NaN, "unit": "mmol/L", "date": "2025-01-15"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "lab", "value"]


# (API body, the same entry for `mgcoach log`, error code)
REFUSED: list[tuple[dict[str, Any], list[str], str]] = [
    ({"kind": "sleep", "hours": 30}, ["sleep", "30"], "invalid_input"),
    ({"kind": "symptom", "name": "cramp", "severity": 11}, ["symptom", "cramp", "--severity", "11"],
     "invalid_input"),
    ({"kind": "medication", "name": "levothyroxine"}, ["med", "levothyroxine"], "invalid_input"),
    ({"kind": "medication", "name": "unknownium", "time": "08:00"},
     ["med", "unknownium", "--time", "08:00"], "unknown_name"),
    ({"kind": "food", "food": "almonds", "amount": "3 buckets"}, ["food", "almonds", "3 buckets"],
     "unknown_portion"),
    ({"kind": "supplement", "compound": "citrate"}, ["supplement", "citrate"], "invalid_input"),
    ({"kind": "lab", "value": 0.7, "unit": "g/L"}, ["lab", "0.7", "g/L"], "invalid_input"),
    ({"kind": "weight", "kg": 4000}, ["weight", "4000"], "invalid_input"),
    ({"kind": "note", "text": "x", "time": "25:00"}, ["note", "x", "--time", "25:00"],
     "invalid_input"),
]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize(("body", "cli", "code"), REFUSED, ids=[r[1][0] for r in REFUSED])
def test_refusals_in_the_viewer_language(
    client: TestClient,
    capsys: pytest.CaptureFixture[str],
    language: str,
    body: dict[str, Any],
    cli: list[str],
    code: str,
) -> None:
    _put_person(client)
    response = client.post(
        f"{API}/entries", json={"date": DAY, **body}, headers={"Accept-Language": language}
    )
    assert response.status_code in (404, 422), response.text
    error = response.json()["error"]
    assert error["code"] == code
    _exit, line = run_error(capsys, "log", *cli, "--date", DAY, "--lang", language)
    # The same words; the command line may add its own options after them (cli/hints.py).
    assert line.startswith(("Fout: " if language == "nl" else "Error: ") + error["message"])
    assert "--" not in error["message"]
    assert client.get(f"{API}/entries", params={"date": DAY}).json() == []


def test_future_days_and_impossible_people(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = client.put(f"{API}/profiles/default", json={"weight_kg": 70})
    assert fresh.status_code == 422
    assert fresh.json()["error"]["code"] == "invalid_profile"
    dutch = client.put(
        f"{API}/profiles/default",
        json={"age": 40, "sex": "male", "pregnant": True},
        headers={"Accept-Language": "nl"},
    )
    assert dutch.status_code == 422
    cli = ["profile", "set", "--age", "40", "--sex", "male", "--pregnant", "--lang", "nl"]
    _exit, line = run_error(capsys, *cli)
    assert line.startswith("Fout: " + dutch.json()["error"]["message"])
    assert "mannelijk" in line
    _put_person(client)
    ahead = client.post(f"{API}/entries", json={"kind": "note", "text": "x", "date": "2999-01-01"})
    assert ahead.status_code == 422
    assert client.get(f"{API}/day/2999-01-01").status_code == 422
    both = client.get(f"{API}/entries", params={"date": DAY, "from": "2025-01-01"})
    assert both.status_code == 422


# --- who may call -----------------------------------------------------------------------------

JOURNAL_CALLS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/profiles", None),
    ("GET", "/profiles/default", None),
    ("PUT", "/profiles/default", {"age": 45, "sex": "male"}),
    ("DELETE", "/profiles/default", None),
    ("GET", f"/entries?date={DAY}", None),
    ("POST", "/entries", {"kind": "note", "text": "x", "date": DAY}),
    ("GET", "/entries/1", None),
    ("PATCH", "/entries/1", {"note": "x"}),
    ("DELETE", "/entries/1", None),
    ("GET", f"/day/{DAY}", None),
    ("GET", f"/week/{DAY}", None),
    ("GET", "/trend", None),
    ("GET", "/export", None),
]


def test_every_journal_call_needs_a_signed_in_viewer(multi_app: FastAPI) -> None:
    with TestClient(multi_app) as anonymous:
        for method, url, body in JOURNAL_CALLS:
            response = anonymous.request(method, f"{API}{url}", json=body)
            assert response.status_code == 401, (method, url)
            assert response.json()["error"]["code"] == "not_signed_in"
        assert anonymous.get(f"{API}/targets", params={"age": 40, "sex": "male"}).status_code == 200


def test_session_changes_need_the_csrf_header(
    multi_app: FastAPI, signed_up: Callable[[TestClient, str], str]
) -> None:
    with TestClient(multi_app) as browser:
        token = signed_up(browser, "ann")
        body = {"age": 45, "sex": "female"}
        refused = browser.put(f"{API}/profiles/default", json=body)
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "csrf_failed"
        made = browser.put(f"{API}/profiles/default", json=body, headers={CSRF_HEADER: token})
        assert made.status_code == 200
        assert browser.get(f"{API}/profiles").json() == [made.json()]


def test_the_owner_comes_from_the_viewer(
    multi_app: FastAPI, signed_up: Callable[[TestClient, str], str]
) -> None:
    with TestClient(multi_app) as ann, TestClient(multi_app) as bob:
        ann_csrf = {CSRF_HEADER: signed_up(ann, "ann")}
        bob_csrf = {CSRF_HEADER: signed_up(bob, "bob")}
        ann.put(f"{API}/profiles/default", json=PERSON, headers=ann_csrf)
        entry = ann.post(
            f"{API}/entries", json={"date": DAY, **ENTRIES[0][0]}, headers=ann_csrf
        ).json()
        assert bob.get(f"{API}/profiles").json() == []
        assert bob.get(f"{API}/day/{DAY}").status_code == 404
        assert bob.get(f"{API}/entries/{entry['id']}").status_code == 404
        assert bob.get(f"{API}/export").json()["profiles"] == []
        # bob's own profile of the same name holds none of ann's entries
        bob.put(f"{API}/profiles/default", json=PERSON, headers=bob_csrf)
        assert bob.get(f"{API}/entries", params={"date": DAY}).json() == []
        assert bob.delete(f"{API}/entries/{entry['id']}", headers=bob_csrf).status_code == 404
        assert ann.get(f"{API}/entries/{entry['id']}").json() == entry


# --- both databases ---------------------------------------------------------------------------


def test_journal_on_both_databases(web_db: Settings, kb: KnowledgeBase) -> None:
    app, db = make_app(web_db, kb)
    try:
        with TestClient(app, headers=LOCAL_API_HEADERS) as client:
            _put_person(client)
            entries = [_post(client, body) for body, _cli in ENTRIES]
            day = client.get(f"{API}/day/{DAY}").json()
            almonds = client.get(
                f"{API}/foods/amount", params={"food": "usda:12061", "amount": "30 g"}
            ).json()
            assert day["magnesium"]["food_mg"] == pytest.approx(
                almonds["nutrients"]["magnesium_mg"], 0.01
            )
            food = entries[0]
            changed = client.patch(f"{API}/entries/{food['id']}", json={"amount": "60 g"}).json()
            assert changed["detail"]["grams"] == 60
            after = client.get(f"{API}/day/{DAY}").json()
            assert after["magnesium"]["food_mg"] == pytest.approx(
                2 * day["magnesium"]["food_mg"], 0.01
            )
            assert client.delete(f"{API}/entries/{food['id']}").status_code == 200
            left = client.get(f"{API}/entries", params={"date": DAY}).json()
            assert len(left) == len(ENTRIES) - 1
            exported = client.get(f"{API}/export").json()
            assert len(exported["profiles"][0]["entries"]) == len(ENTRIES) - 1
            too_big = client.get(f"{API}/entries/{2**31}")
            assert too_big.status_code == 422  # beyond a 32-bit id, never a database error
    finally:
        db.dispose()


def test_the_kept_day_answer_follows_every_write(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """The day's JSON is kept while nothing it rests on changed (web/page_cache.kept_json):
    asked again it is the same bytes; after an entry is logged, changed or deleted, by the
    API or by the CLI on the same database, it is the new day (the CLI's own answer)."""
    _put_person(client)
    first = client.get(f"{API}/day/{DAY}")
    assert first.status_code == 200 and client.get(f"{API}/day/{DAY}").content == first.content
    logged = _post(client, {"kind": "food", "food": "usda:12061", "amount": "30 g"})
    after_post = client.get(f"{API}/day/{DAY}").json()
    assert after_post != first.json()
    assert after_post == run_json(capsys, "day", DAY)
    run_json(capsys, "log", "food", "usda:12061", "60 g", "--date", DAY)  # another writer
    assert client.get(f"{API}/day/{DAY}").json() == run_json(capsys, "day", DAY)
    assert client.delete(f"{API}/entries/{logged['id']}").status_code in (200, 204)
    assert client.get(f"{API}/day/{DAY}").json() == run_json(capsys, "day", DAY)
    english = client.get(f"{API}/day/{DAY}")
    dutch = client.get(f"{API}/day/{DAY}", headers={"accept-language": "nl"})
    assert dutch.status_code == 200 and dutch.content != english.content  # kept per language
    assert dutch.json() == run_json(capsys, "--lang", "nl", "day", DAY)
