"""Sharing a journal with a dietitian, on SQLite and PostgreSQL: the dietitian sees a client
only after they accept, never a stranger, an open invitation, a declined or a revoked share
(pages and API: 404), writes nothing to a client's journal, and learns nothing of who exists
from an invitation; a client sees no one else's clients; the person's own pages are unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services import accounts, sharing
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import (
    When,
    list_entries,
    log_food,
    log_lab,
    log_supplement,
    log_symptom,
)
from mgcoach.settings import Settings
from mgcoach.storage.database import Database
from mgcoach.web import pages
from tests.web.conftest import make_app
from tests.web.sharing_support import accepted_client

SignUp = Callable[[TestClient, str], str]
TODAY = date.today()
EARLIER = TODAY - timedelta(days=3)
LATEST = TODAY - timedelta(days=1)


@dataclass
class Practice:
    """Dora (a dietitian) with one client (anna), an open invitation (bram), a declined one
    (cleo) and a revoked one (dirk); olaf (another dietitian) with his client eva."""

    app: FastAPI
    db: Database
    dora: TestClient
    anna: TestClient
    dora_csrf: str
    anna_csrf: str
    shares: dict[str, int]


def _share_id(db: Database, person: str, dietitian: str) -> int:
    found = accounts.find_account(db, person)
    assert found is not None
    (share,) = [s for s in sharing.shares(db, found.id) if s.other == dietitian]
    return share.id


def _account_id(db: Database, name: str) -> int:
    found = accounts.find_account(db, name)
    assert found is not None
    return found.id


def _seed_journals(db: Database, kb: KnowledgeBase) -> None:
    for owner in ("anna", "bram", "cleo", "dirk", "eva"):
        changes = ProfileChanges(age=41, sex="female")
        set_profile(db, kb, "default", changes, TODAY, owner=owner)
    log_food(db, When("default", EARLIER, 8 * 60, owner="anna"), "pumpkin seeds", "30 g")
    log_food(db, When("default", LATEST, 8 * 60, owner="anna"), "pumpkin seeds", "30 g")
    # 400 mg of magnesium itself: above the US supplemental upper limit of 350 mg.
    log_supplement(
        db, kb, When("default", LATEST, 21 * 60, owner="anna"), "citrate", 400, None,
        basis="elemental",
    )  # fmt: skip
    for owner in ("bram", "cleo", "dirk", "eva"):
        log_food(db, When("default", LATEST, 9 * 60, owner=owner), "banana", "1 medium")


@pytest.fixture
def practice(web_db: Settings, kb: KnowledgeBase, signed_up: SignUp) -> Iterator[Practice]:
    app, db = make_app(web_db, kb, multi_user=True)
    with TestClient(app) as dora, TestClient(app) as anna:
        dora_csrf, anna_csrf = signed_up(dora, "dora"), signed_up(anna, "anna")
        for name in ("bram", "cleo", "dirk", "eva", "olaf"):
            accounts.create_account(db, name, "x", None)
        _seed_journals(db, kb)
        dora_id = _account_id(db, "dora")
        shares = {"anna": accepted_client(db, "dora", "anna")}
        for name in ("bram", "cleo", "dirk"):
            sharing.invite(db, dora_id, name)
            shares[name] = _share_id(db, name, "dora")
        sharing.decline(db, _account_id(db, "cleo"), shares["cleo"])
        sharing.accept(db, _account_id(db, "dirk"), shares["dirk"])
        sharing.revoke(db, _account_id(db, "dirk"), shares["dirk"])
        shares["eva"] = accepted_client(db, "olaf", "eva")
        yield Practice(app, db, dora, anna, dora_csrf, anna_csrf, shares)
    db.dispose()


def _pages(share_id: int) -> list[str]:
    return [
        f"/clients/{share_id}/today",
        f"/clients/{share_id}/today?date={LATEST}",
        f"/clients/{share_id}/trends",
        f"/clients/{share_id}/trends?weeks=4",
    ]


def test_the_dietitian_sees_only_accepted_clients(practice: Practice) -> None:
    listed = practice.dora.get("/api/v1/clients")
    assert listed.status_code == 200
    assert [c["name"] for c in listed.json()] == ["anna"]
    assert listed.json()[0]["id"] == practice.shares["anna"]
    page = practice.dora.get("/clients")
    assert page.status_code == 200 and 'id="client-' in page.text
    for stranger in ("bram", "cleo", "dirk", "eva", "olaf"):
        assert stranger not in page.text and stranger not in listed.text


def test_no_one_but_an_accepted_client_is_reachable(practice: Practice) -> None:
    """An open invitation, a declined and a revoked share, another dietitian's client and ids
    that are no share at all: 404 on every client page, whatever the id."""
    for name in ("bram", "cleo", "dirk", "eva"):
        for url in _pages(practice.shares[name]):
            answer = practice.dora.get(url)
            assert answer.status_code == 404, (name, url)
            assert name not in answer.text and "anana" not in answer.text
    for share_id in (0, 999, 2**31, 2**40):
        assert practice.dora.get(f"/clients/{share_id}/today").status_code == 404
    for url in _pages(practice.shares["anna"]):
        assert practice.dora.get(url).status_code == 200, url


def test_a_client_sees_no_other_clients(practice: Practice) -> None:
    assert practice.anna.get("/api/v1/clients").json() == []
    for name in ("anna", "bram", "dirk", "eva"):
        for url in _pages(practice.shares[name]):
            assert practice.anna.get(url).status_code == 404, url


def test_a_revoke_is_effective_at_once(practice: Practice) -> None:
    share = practice.shares["anna"]
    assert practice.dora.get(f"/clients/{share}/today").status_code == 200  # now kept
    revoked = practice.anna.post(
        f"/account/shares/{share}/revoke",
        data={"csrf_token": practice.anna_csrf},
        follow_redirects=False,
    )
    assert revoked.status_code == 303
    for url in _pages(share):
        assert practice.dora.get(url).status_code == 404, url
    assert practice.dora.get("/api/v1/clients").json() == []
    # Invited again: still nothing until anna accepts once more.
    again = practice.dora.post(
        "/api/v1/shares", json={"name": "anna"}, headers={"X-CSRF-Token": practice.dora_csrf}
    )
    assert again.status_code == 202
    assert practice.dora.get(f"/clients/{share}/today").status_code == 404
    accepted = practice.anna.post(
        f"/api/v1/shares/{share}/accept", headers={"X-CSRF-Token": practice.anna_csrf}
    )
    assert accepted.status_code == 204
    assert practice.dora.get(f"/clients/{share}/today").status_code == 200


def test_an_invitation_says_nothing_of_who_exists(practice: Practice) -> None:
    headers = {"X-CSRF-Token": practice.dora_csrf}
    answers = [
        practice.dora.post("/api/v1/shares", json={"name": name}, headers=headers)
        for name in ("eva", "no-such-person", "dora", "anna")
    ]
    assert {(a.status_code, a.content) for a in answers} == {(202, b"")}
    pages = [
        practice.dora.post(
            "/clients/invite",
            data={"name": name, "csrf_token": practice.dora_csrf},
            follow_redirects=False,
        )
        for name in ("eva", "no-such-person")
    ]
    assert {(p.status_code, p.headers["location"]) for p in pages} == {
        (303, "/clients?done=invited")
    }
    # eva now has an invitation to answer; the dietitian still sees only anna.
    assert [s.other for s in sharing.shares(practice.db, _account_id(practice.db, "eva"))] == [
        "olaf",
        "dora",
    ]
    assert [c["name"] for c in practice.dora.get("/api/v1/clients").json()] == ["anna"]


def test_an_empty_invitation_is_refused_on_its_field(practice: Practice) -> None:
    page = practice.dora.post(
        "/clients/invite", data={"name": " ", "csrf_token": practice.dora_csrf}
    )
    assert page.status_code == 422
    assert 'id="e-name"' in page.text
    api = practice.dora.post(
        "/api/v1/shares", json={"name": ""}, headers={"X-CSRF-Token": practice.dora_csrf}
    )
    assert api.status_code == 422


def _anna_entries(db: Database) -> list[int]:
    _person, found = list_entries(db, "default", EARLIER, TODAY, owner="anna")
    return sorted(e.id for e in found if e.id is not None)


def test_the_dietitian_cannot_write_to_a_client(practice: Practice) -> None:
    """The only write under /clients/{id} ends the dietitian's own share; every other method
    on a client's pages is refused, and nothing the dietitian sends reaches anna's journal."""
    writes = {
        (route.path, method)
        for router in pages.routers()
        for route in router.routes
        if isinstance(route, APIRoute) and route.path.startswith("/clients/{")
        for method in route.methods
        if method not in ("GET", "HEAD")
    }
    assert writes == {("/clients/{share_id}/end", "POST")}
    before = _anna_entries(practice.db)
    share = practice.shares["anna"]
    headers = {"X-CSRF-Token": practice.dora_csrf}
    for url in _pages(share):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            assert practice.dora.request(method, url, headers=headers).status_code == 405
    for entry_id in before:  # anna's entry ids, through dora's API: dora's journal only
        assert practice.dora.delete(f"/api/v1/entries/{entry_id}", headers=headers).status_code in (
            404,
            422,
        )
    note = {"kind": "note", "text": "from dora", "date": str(LATEST)}
    practice.dora.post("/api/v1/entries", json=note, headers=headers)
    assert _anna_entries(practice.db) == before
    # Dora cannot answer or revoke anna's share for her; anna's share is still accepted.
    for action in ("accept", "decline"):
        assert (
            practice.dora.post(f"/api/v1/shares/{share}/{action}", headers=headers).status_code
            == 404
        )
    assert practice.dora.get(f"/clients/{share}/today").status_code == 200


def test_the_read_only_today_shows_the_clients_own_figures(practice: Practice) -> None:
    share = practice.shares["anna"]
    own = practice.anna.get(f"/today?date={LATEST}").text
    seen = practice.dora.get(f"/clients/{share}/today?date={LATEST}").text
    total = re.compile(r'id="mg-total"[^>]*>([^<]+)<')
    assert total.search(own) and total.search(seen)
    assert total.search(own).group(1) == total.search(seen).group(1)  # type: ignore[union-attr]
    assert 'id="client-banner"' in seen and "anna" in seen
    assert "/log?date=" in own and "/log?date=" not in seen and "/plan?date=" not in seen
    # The only form on the read-only page is the header's sign-out.
    assert re.findall(r'<form[^>]*action="([^"]+)"', seen) == ["/logout"]
    assert f'href="/clients/{share}/today?date=' in seen
    trends = practice.dora.get(f"/clients/{share}/trends?weeks=4").text
    period = re.compile(r'<p id="trend-period">([^<]+)</p>')
    mine = practice.anna.get("/trends?weeks=4").text
    assert period.search(trends).group(1) == period.search(mine).group(1)  # type: ignore[union-attr]
    assert re.findall(r'<form[^>]*action="([^"]+)"', trends) == ["/logout"]


def test_the_glance_counts_the_last_four_weeks(practice: Practice) -> None:
    """anna: pumpkin seeds on two days, 400 mg of supplement magnesium on the later one (US:
    EAR 265 mg, supplemental UL 350 mg, target 320 mg for a woman of 41)."""
    food = practice.anna.get(f"/api/v1/day/{LATEST}").json()["magnesium"]["food_mg"]
    assert 100 < food < 265  # 30 g of pumpkin seeds
    (glance,) = practice.dora.get("/api/v1/clients").json()
    assert glance["days"] == 28 and glance["end"] == TODAY.isoformat()
    assert (glance["days_logged"], glance["days_with_food"]) == (2, 2)
    assert glance["average_mg"] == round((food + food + 400) / 2)
    assert (glance["target_mg"], glance["ear_mg"], glance["ear_system"]) == (320, 265, "us")
    assert glance["days_below_ear"] == 1  # the day without the supplement
    assert (glance["supplemental_ul_mg"], glance["days_above_ul"]) == (350, 1)
    assert glance["highest_supplement_mg"] == 400
    assert glance["flag_day"] == LATEST.isoformat()
    assert glance["verdict"] == "lower_dose" and glance["flagged"] is True
    page = practice.dora.get("/clients").text
    assert 'data-flagged="true"' in page
    assert re.search(r'data-figure="adherence">2 of 28<', page)


def test_the_person_answers_on_the_account_page(practice: Practice) -> None:
    eva = _account_id(practice.db, "eva")
    sharing.invite(practice.db, _account_id(practice.db, "dora"), "anna")  # already a client
    page = practice.anna.get("/account").text
    assert f'data-share-id="{practice.shares["anna"]}" data-status="accepted"' in page
    assert "dora" in page and "olaf" not in page
    # Another person's share id is no share of anna's: refused, and unchanged.
    other = practice.anna.post(
        f"/account/shares/{practice.shares['eva']}/revoke",
        data={"csrf_token": practice.anna_csrf},
    )
    assert other.status_code == 404
    assert [s.status for s in sharing.shares(practice.db, eva)] == ["accepted"]
    own = practice.anna.get("/today").text
    assert 'id="client-banner"' not in own and "/log?date=" in own


def test_local_mode_has_no_sharing(local_client: TestClient) -> None:
    for url in ("/clients", "/clients/1/today", "/clients/1/trends", "/api/v1/clients"):
        assert local_client.get(url).status_code == 404, url
    assert local_client.get("/api/v1/shares").status_code == 404


def test_the_population_summary_counts_the_clients_in_sql(
    practice: Practice, kb: KnowledgeBase
) -> None:
    """anna: above the UL, not below the EAR on average; fay: a banana a day (below the EAR),
    chest pain (a red flag) and a low serum magnesium; the declined, revoked and other
    dietitian's people are not counted."""
    db = practice.db
    accounts.create_account(db, "fay", "x", None)
    set_profile(db, kb, "default", ProfileChanges(age=30, sex="male"), TODAY, owner="fay")
    for day in (EARLIER, LATEST):
        log_food(db, When("default", day, 9 * 60, owner="fay"), "banana", "1 medium")
    log_symptom(db, kb, When("default", LATEST, 10 * 60, owner="fay"), "chest pain")
    log_lab(db, kb, When("default", EARLIER, owner="fay"), 0.61, "mmol/L")
    log_lab(db, kb, When("default", LATEST, owner="anna"), 0.85, "mmol/L")  # in range
    accepted_client(db, "dora", "fay")
    found = practice.dora.get("/api/v1/clients/summary")
    assert found.status_code == 200
    summary = found.json()
    assert (summary["start"], summary["end"]) == (
        (TODAY - timedelta(days=27)).isoformat(),
        TODAY.isoformat(),
    )
    counts = {k: summary[k] for k in ("clients", "with_food", "with_ear", "below_ear")}
    assert counts == {"clients": 2, "with_food": 2, "with_ear": 2, "below_ear": 1}
    assert (summary["above_ul"], summary["red_flag_symptoms"]) == (1, 1)
    assert (summary["labs_out_of_range"], summary["flagged"]) == (1, 2)
    assert (summary["share_below_ear"], summary["share_above_ul"]) == (0.5, 0.5)
    assert summary["share_flagged"] == 1.0 and summary["us_ear"] == 0
    # The per-client glance agrees with the SQL on who is below the EAR and above the UL.
    glances = {g["name"]: g for g in practice.dora.get("/api/v1/clients").json()}
    below = [n for n, g in glances.items() if g["average_mg"] < g["ear_mg"]]
    above = [n for n, g in glances.items() if g["days_above_ul"] > 0]
    assert (below, above) == (["fay"], ["anna"])
    assert glances["fay"]["flagged"] is True  # chest pain: the gate's red flag too
    page = practice.dora.get("/clients").text
    assert re.search(r'data-figure="share-below-ear">\s*50\s?%', page), page[:200]
    # A person with no clients gets zeros, not an error.
    empty = practice.anna.get("/api/v1/clients/summary").json()
    assert (empty["clients"], empty["share_flagged"]) == (0, None)


def test_a_calm_day_after_does_not_hide_an_alarm(practice: Practice, kb: KnowledgeBase) -> None:
    """Chest pain three days ago, food only since: the glance still flags that day."""
    db = practice.db
    log_symptom(db, kb, When("default", EARLIER, 12 * 60, owner="anna"), "chest pain")
    log_food(db, When("default", TODAY, 8 * 60, owner="anna"), "banana", "1 medium")
    (glance,) = practice.dora.get("/api/v1/clients").json()
    assert glance["flagged"] is True and glance["flag_day"] == LATEST.isoformat()
    days = {(flag["code"], flag["day"]) for flag in glance["flags"]}
    assert ("red_flag_chest_pain", EARLIER.isoformat()) in days
    assert any(day == LATEST.isoformat() for _code, day in days)  # above the UL that day


def test_invitations_are_rate_limited_for_any_name(practice: Practice) -> None:
    """30 an hour, counted alike for names with and without an account (no enumeration)."""
    headers = {"X-CSRF-Token": practice.dora_csrf}
    for n in range(30):
        name = "eva" if n % 2 else f"nobody-{n}"
        assert (
            practice.dora.post("/api/v1/shares", json={"name": name}, headers=headers).status_code
            == 202
        )
    refused = practice.dora.post("/api/v1/shares", json={"name": "fay"}, headers=headers)
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    page = practice.dora.post(
        "/clients/invite", data={"name": "x-y-z", "csrf_token": practice.dora_csrf}
    )
    assert page.status_code == 429 and 'id="e-name"' in page.text


def test_many_clients_come_a_page_at_a_time(practice: Practice) -> None:
    """22 clients: 20 on the first page by name, 2 on the second; a page past the end is the
    last; a page that is no number is refused on its field; the API gives all of them, or a
    page with the total in a header."""
    db = practice.db
    names = [f"client{n:02d}" for n in range(1, 22)]
    for name in names:
        accounts.create_account(db, name, "x", None)
        accepted_client(db, "dora", name)
    first = practice.dora.get("/clients").text
    assert re.search(r"Clients 1–20 of 22", first) and 'rel="next"' in first
    assert 'rel="prev"' not in first
    assert first.count('class="card client-card"') == 20
    second = practice.dora.get("/clients?page=2").text
    assert second.count('class="card client-card"') == 2 and 'rel="prev"' in second
    assert "Clients 21–22 of 22" in second and 'rel="next"' not in second
    assert practice.dora.get("/clients?page=99").text.count('class="card client-card"') == 2
    refused = practice.dora.get("/clients?page=zero")
    assert refused.status_code == 422 and "is not a page number" in refused.text
    assert len(practice.dora.get("/api/v1/clients").json()) == 22
    paged = practice.dora.get("/api/v1/clients?page=2")
    assert paged.headers["X-Total-Count"] == "22"
    assert sorted(row["name"] for row in paged.json()) == names[-2:]
    assert practice.dora.get("/api/v1/clients?page=-1").status_code == 422
