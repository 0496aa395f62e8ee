"""Foods have owners on a multi-user server (issue 16): a food an account added is that
account's alone — through the API, the Foods page and the journal, by name and by id, on SQLite
and PostgreSQL — while shared foods (curated, imported, added without an account) are seen by
every account and by anonymous callers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from mgcoach.errors import UnknownFoodError
from mgcoach.foods.model import Portion
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.database import Database
from mgcoach.services.food_recipes import add_recipe
from mgcoach.services.foods import add_food, food_owner, search_foods, show_food, top_foods
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import When, log_food
from mgcoach.settings import Settings
from mgcoach.storage.journal import delete_user
from mgcoach.storage.tables import food
from tests.web.conftest import make_app

DAY = date.today() - timedelta(days=1)
SignUp = Callable[[TestClient, str], str]
# Far richer in magnesium than any real food: first in every top list that may show it.
RICH = {"magnesium_mg": 90_000.0, "energy_kcal": 400.0}


@dataclass
class Foods:
    app: FastAPI
    db: Database
    anna: TestClient
    bram: TestClient
    anonymous: TestClient
    anna_id: int
    own: str  # anna's food
    recipe: str  # anna's recipe of her own food
    shared: str  # a food added without an account


@pytest.fixture
def foods(web_db: Settings, kb: KnowledgeBase, signed_up: SignUp) -> Iterator[Foods]:
    app, db = make_app(web_db, kb, multi_user=True)
    with TestClient(app) as anna, TestClient(app) as bram, TestClient(app) as anonymous:
        signed_up(anna, "anna")
        signed_up(bram, "bram")
        for owner in ("anna", "bram"):
            changes = ProfileChanges(age=40, sex="female")
            set_profile(db, kb, "default", changes, date.today(), owner=owner)
        anna_id = food_owner(db, "anna")
        own = add_food(db, "Zorblax seed bar", RICH, owner=anna_id, serving="1 bar",
                       portions=[Portion(1, "bar", 40.0)], tags=["vegan"])  # fmt: skip
        recipe = add_recipe(db, "Zorblax porridge", [(own.id, "100 g")], owner=anna_id)
        shared = add_food(db, "Quuxle crisp", {"magnesium_mg": 321.0})
        yield Foods(app, db, anna, bram, anonymous, anna_id, own.id, recipe.food.id, shared.id)
    db.dispose()


def _search(client: TestClient, query: str) -> list[str]:
    response = client.get("/api/v1/foods/search", params={"query": query})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()]


def _top(client: TestClient, **params: str) -> list[str]:
    response = client.get("/api/v1/foods/top", params={"nutrient": "magnesium", **params})
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()["foods"]]


def test_the_owner_finds_her_food_by_name_id_amount_and_rank(foods: Foods) -> None:
    assert foods.own in _search(foods.anna, "zorblax")
    assert foods.recipe in _search(foods.anna, "zorblax porridge")
    assert foods.anna.get("/api/v1/foods/show", params={"food": foods.own}).status_code == 200
    amount = foods.anna.get("/api/v1/foods/amount", params={"food": foods.own, "amount": "10 g"})
    assert amount.status_code == 200, amount.text
    assert foods.own in _top(foods.anna)[:2]  # beside her recipe made of it
    assert foods.own in _top(foods.anna, all="true")
    page = foods.anna.get("/foods", params={"q": "zorblax"})
    assert page.status_code == 200 and "Zorblax seed bar" in page.text


@pytest.mark.parametrize("who", ["bram", "anonymous"])
def test_no_one_else_sees_it(foods: Foods, who: str) -> None:
    client: TestClient = getattr(foods, who)
    assert _search(client, "zorblax") == []
    for food_id in (foods.own, foods.recipe):
        for path, extra in (("show", {}), ("amount", {"amount": "10 g"})):
            response = client.get(f"/api/v1/foods/{path}", params={"food": food_id, **extra})
            assert response.status_code == 404, (path, food_id, response.text)
            assert "Zorblax" not in response.text
    assert foods.own not in _top(client)
    assert foods.own not in _top(client, all="true")
    suggest = client.get("/api/v1/foods/suggest", params={"gap_mg": "150"})
    assert suggest.status_code == 200 and "Zorblax" not in suggest.text


def test_the_foods_page_of_another_account_leaves_it_out(foods: Foods) -> None:
    page = foods.bram.get("/foods", params={"q": "zorblax"})
    assert page.status_code == 200 and "Zorblax" not in page.text
    assert "Zorblax" not in foods.bram.get("/foods").text
    assert "Zorblax seed bar" in foods.anna.get("/foods").text  # first on the top list


@pytest.mark.parametrize("who", ["anna", "bram", "anonymous"])
def test_shared_foods_are_seen_by_everyone(foods: Foods, who: str) -> None:
    client: TestClient = getattr(foods, who)
    assert foods.shared in _search(client, "quuxle")
    assert client.get("/api/v1/foods/show", params={"food": foods.shared}).status_code == 200
    assert _search(client, "almonds")


def test_only_the_owner_can_log_it(foods: Foods) -> None:
    logged = log_food(foods.db, When("default", DAY, 480, owner="anna"), foods.own, "10 g")
    assert logged.id is not None
    with pytest.raises(UnknownFoodError):
        log_food(foods.db, When("default", DAY, 480, owner="bram"), foods.own, "10 g")
    with pytest.raises(UnknownFoodError):
        log_food(foods.db, When("default", DAY, 480, owner="bram"), "zorblax", "10 g")


def test_services_default_to_the_shared_foods(foods: Foods) -> None:
    """A caller that names no reader (the CLI without --user) sees the shared foods only."""
    assert search_foods(foods.db, "zorblax").foods == []
    with pytest.raises(UnknownFoodError):
        show_food(foods.db, foods.own)
    assert foods.own not in [r.food.id for r in top_foods(foods.db, "magnesium_mg")]
    assert show_food(foods.db, foods.own, visible_to=foods.anna_id).owner == foods.anna_id


def test_another_accounts_recipe_cannot_use_it(foods: Foods) -> None:
    bram = food_owner(foods.db, "bram")
    with pytest.raises(UnknownFoodError):
        add_recipe(foods.db, "Borrowed", [(foods.own, "10 g")], owner=bram)


def test_deleting_the_account_deletes_its_foods(foods: Foods) -> None:
    """An account id the database hands out again must not inherit anyone's foods."""
    with foods.db.begin() as connection:
        delete_user(connection, foods.anna_id)
    with foods.db.connect() as connection:
        left = connection.execute(select(food.c.id).where(food.c.owner.is_not(None))).all()
    assert left == []
    assert show_food(foods.db, foods.shared).id == foods.shared
