"""Each user sees only their own data: through the site and through the API, user B can neither
read nor change user A's profile, entries, days or export — whatever ids B tries."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import When, list_entries, log_food, log_supplement
from mgcoach.settings import Settings
from tests.web.conftest import make_app

DAY = date.today() - timedelta(days=1)
SignUp = Callable[[TestClient, str], str]


@dataclass
class Pair:
    app: FastAPI
    a: TestClient
    b: TestClient
    a_csrf: str
    b_csrf: str
    a_entry: int
    b_entry: int


@pytest.fixture
def pair(web_db: Settings, kb: KnowledgeBase, signed_up: SignUp) -> Iterator[Pair]:
    app, db = make_app(web_db, kb, multi_user=True)
    with TestClient(app) as a, TestClient(app) as b:
        a_csrf, b_csrf = signed_up(a, "anna"), signed_up(b, "bram")
        for owner, age in (("anna", 41), ("bram", 52)):
            changes = ProfileChanges(age=age, sex="female" if owner == "anna" else "male")
            set_profile(db, kb, "default", changes, date.today(), owner=owner)
        a_food = log_food(db, When("default", DAY, 8 * 60, owner="anna"), "pumpkin seeds", "30 g")
        log_supplement(
            db,
            kb,
            When("default", DAY, 21 * 60, owner="anna"),
            "magnesium citrate",
            500,
            None,
            basis="compound",
        )
        b_food = log_food(db, When("default", DAY, 9 * 60, owner="bram"), "banana", "1 medium")
        assert a_food.id is not None and b_food.id is not None
        yield Pair(app, a, b, a_csrf, b_csrf, a_food.id, b_food.id)
    db.dispose()


def _a_entries(pair: Pair) -> list[int]:
    db = pair.app.state.web.db
    _person, found = list_entries(db, "default", DAY, DAY, owner="anna")
    return [e.id for e in found if e.id is not None]


def _entries_table(html: str) -> str:
    start = html.find('<table id="entries"')
    return html[start : html.find("</table>", start)] if start >= 0 else ""


def test_the_site_shows_each_user_only_their_own_day(pair: Pair) -> None:
    a_log = pair.a.get(f"/log?date={DAY}")
    b_log = pair.b.get(f"/log?date={DAY}")
    assert a_log.status_code == b_log.status_code == 200
    assert f'data-entry-id="{pair.a_entry}"' in a_log.text and "umpkin" in a_log.text
    assert f'data-entry-id="{pair.a_entry}"' not in b_log.text
    b_table = _entries_table(b_log.text)
    assert "umpkin" not in b_log.text and "itrate" not in b_table and "anana" in b_table
    assert f'data-entry-id="{pair.b_entry}"' in b_log.text
    b_today = pair.b.get(f"/today?date={DAY}").text
    assert "umpkin" not in b_today and "citrate" not in b_today


def test_the_site_will_not_edit_or_delete_another_users_entry(pair: Pair) -> None:
    assert pair.b.get(f"/log/entry/{pair.a_entry}/edit").status_code == 404
    edit = pair.b.post(
        f"/log/entry/{pair.a_entry}/edit",
        data={"csrf_token": pair.b_csrf, "amount": "300 g", "date": DAY.isoformat()},
    )
    assert edit.status_code == 404
    gone = pair.b.post(f"/log/entry/{pair.a_entry}/delete", data={"csrf_token": pair.b_csrf})
    assert gone.status_code == 404
    # B's own CSRF token is no key to A's forms either.
    forged = pair.a.post(f"/log/entry/{pair.a_entry}/delete", data={"csrf_token": pair.b_csrf})
    assert forged.status_code == 403
    assert pair.a_entry in _a_entries(pair)


def test_the_api_shows_each_user_only_their_own_data(pair: Pair) -> None:
    a_day = pair.a.get(f"/api/v1/day/{DAY}").json()
    b_day = pair.b.get(f"/api/v1/day/{DAY}").json()
    assert a_day["magnesium"] != b_day["magnesium"]
    b_entries = pair.b.get("/api/v1/entries", params={"date": DAY.isoformat()}).json()
    assert [e["id"] for e in b_entries] == [pair.b_entry]
    assert [p["name"] for p in pair.b.get("/api/v1/profiles").json()] == ["default"]
    assert pair.b.get("/api/v1/profiles/default").json()["sex"] == "male"
    export = pair.b.get("/api/v1/export").json()
    uids = [e["uid"] for p in export["profiles"] for e in p["entries"]]
    assert len(uids) == 1 and export["food_usage"] == [] and export["foods"] == []
    assert pair.b.get(f"/api/v1/entries/{pair.a_entry}").status_code == 404


def test_the_plan_is_each_users_own(pair: Pair) -> None:
    """A's plan counts A's citrate at 21:00; B's plan for the same day, through the API and
    the page, knows nothing of it, and B cannot name another profile to reach A's."""
    a_plan = pair.a.get(f"/api/v1/plan/{DAY}").json()
    b_plan = pair.b.get(f"/api/v1/plan/{DAY}").json()
    assert a_plan["intake"]["taken_supplements_mg"] > 0
    assert [row["time"] for row in a_plan["timeline"] if row["kind"] == "taken"] == ["21:00"]
    assert b_plan["intake"]["taken_supplements_mg"] == 0 and b_plan["day"]["supplement_mg"] == 0
    assert all(row["kind"] != "taken" for row in b_plan["timeline"])
    assert a_plan["day"]["food_mg"] != b_plan["day"]["food_mg"]
    assert pair.b.get(f"/api/v1/plan/{DAY}", params={"profile": "anna"}).status_code == 404
    b_page = pair.b.get(f"/plan?date={DAY}")
    assert b_page.status_code == 200 and "already taken" not in b_page.text
    assert "already taken" in pair.a.get(f"/plan?date={DAY}").text


def test_the_api_will_not_change_another_users_entry(pair: Pair) -> None:
    headers = {"X-CSRF-Token": pair.b_csrf}
    target = f"/api/v1/entries/{pair.a_entry}"
    patch = pair.b.patch(target, json={"note": "b was here"}, headers=headers)
    delete = pair.b.delete(f"/api/v1/entries/{pair.a_entry}", headers=headers)
    assert patch.status_code == delete.status_code == 404
    assert pair.a_entry in _a_entries(pair)
    a_entry = pair.a.get(f"/api/v1/entries/{pair.a_entry}").json()
    assert a_entry["note"] is None


def test_signed_out_callers_get_nothing(pair: Pair) -> None:
    with TestClient(pair.app) as stranger:
        paths = [f"/api/v1/day/{DAY}", f"/api/v1/plan/{DAY}", "/api/v1/entries"]
        paths += ["/api/v1/profiles"]
        paths += [f"/api/v1/entries/{pair.a_entry}", "/api/v1/export", "/api/v1/me"]
        for path in paths:
            assert stranger.get(path).status_code == 401, path
        page = stranger.get(f"/log?date={DAY}", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login")
