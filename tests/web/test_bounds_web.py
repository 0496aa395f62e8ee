"""The attacks of issue 16 through the API and a form: free text with a NUL byte, days and
times out of bounds, ids beyond the id column; a 4xx every time, nothing stored
(tests/journal/test_bounds.py tries the same values through every other way in)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from fastapi.testclient import TestClient

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services import journal_log as log
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.settings import Settings
from mgcoach.storage.journal import LOCAL_USER
from tests.web.conftest import csrf_of, local_csrf, make_app
from tests.web.test_pages_onboarding import db_of

DAY = date(2025, 1, 15)
NUL = "a\x00b"


# -- the API and a form ------------------------------------------------------------------------

API_ATTACKS = [
    {"kind": "note", "text": NUL},
    {"kind": "sleep", "hours": 7, "note": NUL},
    {"kind": "food", "food": "alm\x00onds", "amount": "30 g"},
    {"kind": "symptom", "name": "cramp", "where": NUL},
    {"kind": "training", "activity": NUL, "minutes": 30},
    {"kind": "lab", "value": 0.8, "unit": "mmol\x00/L"},
    {"kind": "sleep", "hours": 7, "date": "0001-01-01"},
    {"kind": "sleep", "hours": 7, "time": "99999"},
]


def test_the_api_and_forms_refuse_with_4xx(local_client: TestClient, kb: KnowledgeBase) -> None:
    db = db_of(local_client)
    set_profile(db, kb, "default", ProfileChanges(age=40, sex="female"), DAY)
    headers = {"X-Requested-With": "mgcoach", "X-CSRF-Token": local_csrf(local_client)}
    for body in API_ATTACKS:
        answer = local_client.post("/api/v1/entries", json=body, headers=headers)
        assert 400 <= answer.status_code < 500, (body, answer.text)
    for path in ("/api/v1/entries/0", f"/api/v1/entries/{2**63}"):
        assert local_client.get(path).status_code == 422
    for form, data in (("note", {"note": NUL}), ("training", {"activity": NUL, "minutes": "30"})):
        page = local_client.post(
            f"/log/{form}",
            data={"csrf_token": local_csrf(local_client), "date": "2025-01-15", **data},
            follow_redirects=False,
        )
        assert page.status_code != 303 and page.status_code < 500
    for path in (f"/log/entry/{2**63}/edit", f"/log/entry/{2**31}/edit"):
        assert local_client.get(path).status_code == 404
    assert log.list_entries(db, "default", date(1900, 1, 1), DAY, owner=LOCAL_USER)[1] == []


def test_nul_bytes_and_big_ids_on_both_databases(
    web_db: Settings, kb: KnowledgeBase, signed_up: Callable[[TestClient, str], str]
) -> None:
    """On PostgreSQL a NUL byte in text, or an id beyond 2^31 - 1, reached the database and
    answered 500: the sign-in, the journal and the token routes."""
    app, db = make_app(web_db, kb, multi_user=True)
    try:
        with TestClient(app) as client:
            login = client.post(
                "/login",
                data={
                    "name": "a\x00b",
                    "password": "x",
                    "csrf_token": csrf_of(client.get("/login").text),
                },
                follow_redirects=False,
            )
            assert 400 <= login.status_code < 500
            token = signed_up(client, "nora")
            headers = {"X-CSRF-Token": token}
            made = client.put(
                "/api/v1/profiles/default", json={"age": 40, "sex": "female"}, headers=headers
            )
            assert made.status_code == 200, made.text
            for body in (
                {"kind": "note", "text": NUL},
                {"kind": "food", "food": NUL, "amount": "1 g"},
            ):
                answer = client.post("/api/v1/entries", json=body, headers=headers)
                assert 400 <= answer.status_code < 500, answer.text
            assert client.put(
                "/api/v1/profiles/default", json={"meds": ["a\x00@07:00"]}, headers=headers
            ).status_code in (400, 404, 422)
            assert client.get("/api/v1/entries", params={"profile": NUL}).status_code < 500
            for big in (2**31, 2**63, 2**70):
                assert client.delete(f"/api/v1/tokens/{big}", headers=headers).status_code == 422
                gone = client.post(
                    f"/account/tokens/{big}/delete",
                    data={"csrf_token": token},
                    follow_redirects=False,
                )
                assert gone.status_code in (303, 404)
                assert client.get(f"/log/entry/{big}/edit").status_code == 404
                assert client.get(f"/api/v1/entries/{big}").status_code == 422
    finally:
        db.dispose()
