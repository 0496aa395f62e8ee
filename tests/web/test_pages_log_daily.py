"""The Log page's daily loop, as a long-time Cronometer user does it: the food form first
with the day's magnesium against its target in view, a meal kept from one food to the next,
a recent food logged again in one tap, a quick add, a copied day or meal, and undo."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import When, log_food
from mgcoach.storage.journal import LOCAL_USER
from tests.web.conftest import local_csrf
from tests.web.test_pages_log import TODAY, entries, log
from tests.web.test_pages_onboarding import db_of

YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture
def client(local_client: TestClient, kb: KnowledgeBase) -> TestClient:
    """The local site with a profile (as test_pages_log.py's)."""
    set_profile(
        db_of(local_client), kb, "default", ProfileChanges(age=40, sex="female"), TODAY, LOCAL_USER
    )
    return local_client


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_food_form_comes_first_and_keeps_the_meal(client: TestClient) -> None:
    page = client.get("/log").text
    assert page.index('id="log-food"') < page.index('id="entries"')
    assert page.index('id="log-food"') < page.index('id="log-supplement"')
    posted = log(client, "food", {"food": "almonds", "amount": "30 g", "meal": "lunch"})
    target = urlsplit(posted.headers["location"])
    assert parse_qs(target.query)["meal"] == ["lunch"]
    after = client.get(posted.headers["location"]).text
    assert re.search(r'<input id="food-food"[^>]*autofocus', after)
    assert re.search(r'<option value="lunch" selected>', after)
    (entry,) = entries(client)
    assert entry.meal == "lunch"
    progress = re.search(r"<div class=\"day-progress\".*?</div>", after, re.S)
    assert progress is not None, after[:3000]
    assert "81 mg of 320 mg magnesium · 239 mg to go" in _text(progress.group(0)), progress.group(0)


def test_a_recent_food_is_logged_again_in_one_tap(client: TestClient) -> None:
    db = db_of(client)
    log_food(db, When("default", YESTERDAY, 480, origin="web"), "usda:12061", "1 handful", "snacks")
    page = client.get("/log").text
    chip = re.search(r'<form method="post" action="/log/again">.*?</form>', page, re.S)
    assert chip is not None and "1 handful" in chip.group(0)
    fields = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', chip.group(0)))
    again = client.post("/log/again", data=fields, follow_redirects=False)
    assert again.status_code == 303
    (entry,) = entries(client)
    assert (entry.food_id, entry.amount_text) == ("usda:12061", "1 handful")
    assert entry.magnesium_mg is not None and entry.magnesium_mg > 0


def test_quick_add_and_its_errors(client: TestClient) -> None:
    bad = log(client, "quick", {"label": "Lunch out", "magnesium_mg": "", "energy_kcal": ""})
    assert bad.status_code == 422 and entries(client) == []
    assert "Give the magnesium (mg) or the energy (kcal), or both." in _text(bad.text)
    good = log(client, "quick", {"label": "Lunch out", "magnesium_mg": "120,5", "meal": "lunch"})
    assert good.status_code == 303
    (entry,) = entries(client)
    assert (entry.name, entry.magnesium_mg, entry.meal) == ("Lunch out", 120.5, "lunch")
    assert "quick add" in _text(client.get("/log").text)


def test_copy_yesterday_or_one_meal(client: TestClient) -> None:
    db = db_of(client)
    log_food(db, When("default", YESTERDAY, 480, origin="web"), "almonds", "30 g", "breakfast")
    log_food(db, When("default", YESTERDAY, 720, origin="web"), "spinach", "100 g", "lunch")

    def copy(meal: str) -> str:
        data = {"csrf_token": local_csrf(client), "date": TODAY.isoformat(),
                "from": YESTERDAY.isoformat(), "meal": meal}  # fmt: skip
        response = client.post("/log/copy", data=data, follow_redirects=False)
        assert response.status_code == 303
        return _text(client.get(response.headers["location"]).text)

    assert "Copied 1 entry to this day." in copy("lunch")
    assert [e.meal for e in entries(client)] == ["lunch"]
    assert "Copied 2 entries to this day." in copy("")
    assert len(entries(client)) == 3
    client.post("/log/copy", data={"csrf_token": local_csrf(client), "from": "2001-01-01"})
    assert len(entries(client)) == 3


def test_log_this_from_another_page_chooses_the_food(client: TestClient) -> None:
    page = client.get("/log", params={"food": "usda:12061"}).text
    assert re.search(r'id="food-food"[^>]*value="Almonds"', page.replace("\n", " "))
    assert 'name="food_id" value="usda:12061"' in page
    dutch = client.get("/log", params={"food": "usda:12061"}, headers={"Accept-Language": "nl"})
    assert re.search(r'id="food-food"[^>]*value="Amandelen', dutch.text.replace("\n", " "))
    unknown = client.get("/log", params={"food": "nothing-like-it"})
    assert unknown.status_code == 200


def test_foods_and_the_plan_link_to_log_this(client: TestClient) -> None:
    page = client.get("/foods", params={"q": "almonds"}).text
    assert 'href="/log?food=usda%3A12061"' in page
    log(client, "food", {"food": "almonds", "amount": "10 g"})
    plan = client.get("/plan").text
    found = re.findall(r'href="/log\?food=([^"]+)"', plan)
    assert found, "the gap foods link to the Log page"
    assert client.get(f"/log?food={found[0]}").status_code == 200
