"""Favourite foods: saved with the amount and meal they are logged with, logged again in one
tap on the Log page, listed, changed and removed through the API and the CLI's service, each
profile's own (on a multi-user server no account sees or saves through another's)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.favourites import add_favourite, favourite_foods
from mgcoach.services.foods import add_food, food_owner
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import When, log_food
from mgcoach.settings import Settings
from mgcoach.storage.favourites import LIMIT
from mgcoach.storage.journal import LOCAL_USER
from tests.web.conftest import local_csrf, make_app
from tests.web.test_pages_log import TODAY, entries
from tests.web.test_pages_onboarding import db_of

API = "/api/v1"
YESTERDAY = TODAY - timedelta(days=1)
SignUp = Callable[[TestClient, str], str]


@pytest.fixture
def client(local_client: TestClient, kb: KnowledgeBase) -> TestClient:
    set_profile(
        db_of(local_client), kb, "default", ProfileChanges(age=40, sex="female"), TODAY, LOCAL_USER
    )
    return local_client


def _forms(page: str, action: str) -> list[dict[str, str]]:
    found = re.findall(rf'<form method="post" action="{action}">(.*?)</form>', page, re.S)
    return [dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', form)) for form in found]


def _text(page: str) -> str:
    """The page as read: entities decoded, no-break spaces as spaces."""
    return re.sub(r"[\u00a0\u202f]", " ", html.unescape(page))


def _post(client: TestClient, action: str, fields: dict[str, str]) -> str:
    fields = {**fields, "csrf_token": local_csrf(client)}
    posted = client.post(action, data=fields, follow_redirects=False)
    assert posted.status_code == 303, posted.text
    return str(posted.headers["location"])


def test_star_a_recent_food_then_log_it_in_one_tap_and_remove_it(client: TestClient) -> None:
    db = db_of(client)
    log_food(db, When("default", YESTERDAY, 480, origin="web"), "usda:12061", "1 handful", "snacks")
    page = client.get("/log").text
    (star,) = _forms(page, "/log/favourite")
    assert (star["food_id"], star["amount"], star["meal"]) == ("usda:12061", "1 handful", "snacks")
    assert "Save Almonds, 1 handful, as a favourite" in _text(page)
    location = _post(client, "/log/favourite", star)
    assert "favourite=saved" in location and location.endswith("#h-again")
    page = client.get(location).text
    assert "Saved as a favourite: one tap logs it." in page
    assert _forms(page, "/log/favourite") == []  # starred: no second star
    fav = _forms(page, "/log/again")[0]  # the favourites come first, with their own meal
    assert fav["meal"] == "snacks"
    assert "★" in page and "Almonds · 1 handful · 68 mg" in _text(page)  # 25 g
    _post(client, "/log/again", fav)
    (entry,) = entries(client)
    assert (entry.food_id, entry.amount_text, entry.meal) == ("usda:12061", "1 handful", "snacks")
    assert entry.magnesium_mg == pytest.approx(67.5)  # 25 g × 270 mg/100 g
    (remove,) = _forms(page, "/log/unfavourite")
    assert "favourite=removed" in _post(client, "/log/unfavourite", remove)
    assert favourite_foods(db, "default", LOCAL_USER) == []
    failed = _post(client, "/log/unfavourite", remove)  # gone already: said, not a 500
    assert "failed=unfavourite" in failed
    assert "That favourite could not be removed" in client.get(failed).text


def test_the_dutch_log_page_names_favourites_in_dutch(client: TestClient) -> None:
    add_favourite(db_of(client), "default", LOCAL_USER, "havermout", "40 g", "ontbijt")
    page = _text(client.get("/log", headers={"Accept-Language": "nl"}).text)
    assert "Favorieten" in page and "Havermout, droog · 40 g · 55 mg" in page


def test_the_api_lists_saves_changes_and_removes(client: TestClient) -> None:
    assert client.get(f"{API}/favourites").json() == []
    made = client.post(f"{API}/favourites", json={"food": "almonds", "amount": "30 g"})
    assert made.status_code == 201, made.text
    assert made.json() == {
        "food_id": "usda:12061", "name": "Almonds", "amount": "30 g", "grams": 30.0,
        "magnesium_mg": 81.0, "meal": None,
    }  # fmt: skip
    again = {"food": "usda:12061", "amount": "1 handje", "meal": "tussendoor"}
    changed = client.post(f"{API}/favourites", json=again)
    assert changed.status_code == 201
    assert (changed.json()["amount"], changed.json()["meal"]) == ("1 handje", "snacks")
    client.post(f"{API}/favourites", json={"food": "havermout", "amount": "40 g"})
    listed = client.get(f"{API}/favourites").json()
    assert [(f["food_id"], f["magnesium_mg"]) for f in listed] == [
        ("usda:12061", 67.5), ("usda:08120", 55.2),
    ]  # fmt: skip
    gone = client.delete(f"{API}/favourites/usda:12061")
    assert gone.status_code == 204
    missing = client.delete(f"{API}/favourites/usda:12061")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "unknown_favourite"
    assert [f["food_id"] for f in client.get(f"{API}/favourites").json()] == ["usda:08120"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"food": "zzqxv", "amount": "30 g"}, "food"),
        ({"food": "almonds", "amount": "3 bushels"}, "amount"),
        ({"food": "almonds", "amount": "-30 g"}, "amount"),
        ({"food": "almonds"}, "amount"),
        ({"food": "almonds", "amount": "30 g", "extra": 1}, "extra"),
    ],
)
def test_bad_favourites_are_refused_on_their_field(
    client: TestClient, body: dict[str, object], field: str
) -> None:
    answer = client.post(f"{API}/favourites", json=body)
    assert 400 <= answer.status_code < 500, answer.text
    assert field in answer.text
    assert client.get(f"{API}/favourites").json() == []


def test_the_list_is_bounded(client: TestClient) -> None:
    db = db_of(client)
    foods = [f"usda:{n}" for n in ("12061", "08120", "01211", "09040", "11457", "20445")]
    for food in foods:
        add_favourite(db, "default", LOCAL_USER, food, "10 g")
    for n in range(LIMIT - len(foods)):
        add_favourite(
            db, "default", LOCAL_USER, add_food(db, f"Bar {n}", {"magnesium_mg": 5}).id, "1 g"
        )
    full = client.post(f"{API}/favourites", json={"food": "pumpkin seeds", "amount": "30 g"})
    assert full.status_code == 422 and "remove one" in full.json()["error"]["message"]
    kept = client.post(f"{API}/favourites", json={"food": "almonds", "amount": "15 g"})
    assert kept.status_code == 201  # a saved food changes; the list stays as long
    assert len(favourite_foods(db, "default", LOCAL_USER)) == LIMIT


@pytest.fixture
def two(web_db: Settings, kb: KnowledgeBase, signed_up: SignUp) -> Iterator[tuple[FastAPI, ...]]:
    app, db = make_app(web_db, kb, multi_user=True)
    with TestClient(app) as anna, TestClient(app) as bram:
        tokens = {"anna": signed_up(anna, "anna"), "bram": signed_up(bram, "bram")}
        for owner in tokens:
            changes = ProfileChanges(age=40, sex="female")
            set_profile(db, kb, "default", changes, date.today(), owner=owner)
        own = add_food(
            db, "Zorblax seed bar", {"magnesium_mg": 300.0}, owner=food_owner(db, "anna")
        )
        anna.headers["X-CSRF-Token"] = tokens["anna"]
        bram.headers["X-CSRF-Token"] = tokens["bram"]
        made = anna.post(f"{API}/favourites", json={"food": own.id, "amount": "50 g"})
        assert made.status_code == 201, made.text
        yield app, anna, bram, own.id  # type: ignore[misc]
    db.dispose()


def test_each_account_has_its_own_favourites(two: tuple[object, ...]) -> None:
    _app, anna, bram, own = two
    assert isinstance(anna, TestClient) and isinstance(bram, TestClient)
    assert [f["magnesium_mg"] for f in anna.get(f"{API}/favourites").json()] == [150.0]
    assert bram.get(f"{API}/favourites").json() == []
    assert "Zorblax" not in bram.get("/log").text
    refused = bram.post(f"{API}/favourites", json={"food": own, "amount": "50 g"})
    assert refused.status_code == 404 and bram.get(f"{API}/favourites").json() == []
    assert bram.delete(f"{API}/favourites/{own}").status_code == 404
    assert len(anna.get(f"{API}/favourites").json()) == 1
