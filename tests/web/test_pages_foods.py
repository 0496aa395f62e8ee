"""The Foods page: the top foods in the order ``top_foods`` gives them, per portion, per
100 g and per 100 kcal, with the diet and exclusion filters; the search; Dutch names."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.i18n import set_language
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.foods import Per, search_foods, top_foods
from mgcoach.storage.database import Database
from mgcoach.web.pages.foods import TOP
from mgcoach.web.templating import num
from tests.web.test_pages_today import Node, db_of, make_profile, parse


@pytest.fixture
def db(local_app: FastAPI, kb: KnowledgeBase) -> Database:
    database = db_of(local_app)
    make_profile(database, kb)
    return database


def ids(table: Node) -> list[str]:
    return [tr.attrs["data-food-id"] for tr in table.all("tr") if "data-food-id" in tr.attrs]


def test_top_magnesium_per_portion(local_client: TestClient, db: Database) -> None:
    rows = top_foods(db, "magnesium_mg", Per.PORTION, limit=TOP)
    response = local_client.get("/foods?nutrient=magnesium&per=portion")
    assert response.status_code == 200
    page = parse(response.text)
    assert page.all("h1")[0].text == "Foods rich in magnesium"
    table = page.by_id("top-foods")
    assert ids(table) == [row.food.id for row in rows] and len(rows) == TOP
    first = table.rows()[0]
    assert first[1] == rows[0].food.name
    assert first[2] == " ".join(num(rows[0].value, 0, "mg").split())
    assert rows[0].grams == 30 and first[3] == "3 tbsp (30 g)"
    assert first[5] == "[1]"  # a numbered link to /sources#USDA-SR28
    assert 'href="/sources#USDA-SR28"' in response.text
    # the default basis is the usual portion
    assert ids(parse(local_client.get("/foods").text).by_id("top-foods")) == ids(table)


@pytest.mark.parametrize("per", [Per.GRAMS_100, Per.KCAL_100])
def test_other_bases(local_client: TestClient, db: Database, per: Per) -> None:
    rows = top_foods(db, "magnesium_mg", per, limit=TOP)
    page = parse(local_client.get(f"/foods?per={per.value}").text)
    table = page.by_id("top-foods")
    assert ids(table) == [row.food.id for row in rows]
    assert [r[2] for r in table.rows()] == [" ".join(num(r.value, 0, "mg").split()) for r in rows]
    links = {a.text: a.attrs["href"] for a in page.all("nav", "choices")[0].all("a")}
    assert links["per usual portion"] == "/foods?nutrient=magnesium&per=portion"


def test_filters(local_client: TestClient, db: Database) -> None:
    rows = top_foods(db, "zinc_mg", Per.GRAMS_100, vegan=True, exclude=["nuts", "seeds"], limit=TOP)
    assert rows and all(
        "vegan" in r.food.tags and not {"nuts", "seeds"} & r.food.tags for r in rows
    )
    page = parse(
        local_client.get("/foods?nutrient=zinc&per=100g&vegan=1&exclude=nuts&exclude=seeds").text
    )
    table = page.by_id("top-foods")
    assert ids(table) == [row.food.id for row in rows]
    assert table.rows()[0][2] == " ".join(num(rows[0].value, 1, "mg").split())
    form = page.by_id("food-filters")
    checked = {i.attrs["value"] for i in form.all("input") if "checked" in i.attrs}
    assert checked == {"1", "nuts", "seeds"}  # vegan=1 and the two groups
    assert all(label.attrs.get("for") for label in form.all("label"))


def test_dutch_names(local_client: TestClient, db: Database) -> None:
    rows = top_foods(db, "magnesium_mg", Per.PORTION, limit=TOP)
    page = parse(local_client.get("/foods", headers={"Accept-Language": "nl"}).text)
    names = [row[1] for row in page.by_id("top-foods").rows()]
    assert names == [row.food.name_nl or row.food.name for row in rows]
    assert names[0] == "Hennepzaad, gepeld"
    set_language("nl")
    try:
        portion = page.by_id("top-foods").rows()[0][3]
        assert portion.startswith("3 eetlepels")  # "3 tbsp" in Dutch
    finally:
        set_language("en")


def test_search(local_client: TestClient, db: Database) -> None:
    found = search_foods(db, "amandel", 20).foods
    page = parse(local_client.get("/foods?q=amandel").text)
    table = page.by_id("search-results")
    assert ids(table) == [item.id for item in found]
    assert ids(table)[0] == "usda:12061"  # almonds
    assert table.rows()[0][1] == "270 mg"
    assert page.has_id("top-foods")
    empty = parse(local_client.get("/foods?q=xqzvw").text)
    assert not empty.has_id("search-results") and "No food matches" in empty.by_id("main").text


def test_unknown_choices_are_refused(local_client: TestClient, db: Database) -> None:
    assert local_client.get("/foods?nutrient=energy").status_code == 422
    assert local_client.get("/foods?per=cup").status_code == 422
    response = local_client.get("/foods?exclude=rocks")
    assert response.status_code == 422 and "Unknown food group rocks" in response.text


def test_without_a_profile_foods_go_to_onboarding(local_client: TestClient) -> None:
    response = local_client.get("/foods", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/onboarding"


def test_an_estimate_shows_its_recipe(local_client: TestClient, db: Database) -> None:
    """A recipe estimate (foods.estimates) says so on the Foods page, with its recipe."""
    text = local_client.get("/foods?q=hutspot").text
    assert 'class="estimate"' in text and "Potatoes, boiled" in text and "4 : 2 : 1" in text
