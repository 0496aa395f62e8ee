"""POST /api/v1/foods, /waters and /recipes (issue 17): the JSON of ``mgcoach foods add``,
``add-water`` and ``recipe --json``, with the values stored as given; a refusal names the
body's field and stores nothing; on a multi-user server the food is the caller's alone, on
SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from mgcoach.contract.foods import FoodDetailJson, food_json
from mgcoach.contract.recipes import RecipeAnswer
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.foods import count_foods, food_amount, show_food
from mgcoach.settings import Settings
from mgcoach.storage.database import Database
from tests.web.conftest import LOCAL_API_HEADERS, make_app
from tests.web.test_pages_foods_own import logged_mg
from tests.web.test_pages_today import db_of, make_profile

API = "/api/v1"
SignUp = Callable[[TestClient, str], str]
BAR = {
    "name": "Zorblax seed bar",
    "name_nl": "Zorblax zadenreep",
    "per_100g": {"magnesium_mg": 120.5, "energy_kcal": 450},
    "portions": [{"amount": 1, "unit": "bar", "grams": 40}],
    "serving": "1 bar",
    "tags": ["vegan"],
}


@pytest.fixture
def db(local_client: TestClient, kb: KnowledgeBase) -> Database:
    database = db_of(local_client.app)  # type: ignore[arg-type]
    make_profile(database, kb)
    return database


def test_a_food_answers_as_the_cli(local_client: TestClient, db: Database) -> None:
    response = local_client.post(f"{API}/foods", json=BAR)
    assert response.status_code == 201, response.text
    data = response.json()
    assert TypeAdapter(FoodDetailJson).validate_python(data) == data
    stored = show_food(db, data["id"])
    assert data == food_json(stored, portions=True)  # what `foods add --json` prints
    assert data["per_100g"]["magnesium_mg"] == 120.5 and data["tags"] == ["vegan"]
    assert data["source"] == "user" and stored.owner is None  # local mode: shared, as the CLI
    assert [(p["unit"], p["grams"]) for p in data["portions"]] == [("bar", 40.0)]
    assert logged_mg(local_client, data["id"], "2 bar") == pytest.approx(96.4)


def test_a_water_of_100_mg_per_litre(local_client: TestClient, db: Database) -> None:
    body = {"name": "Quuxle spring", "magnesium_mg_per_l": 100, "sodium_mg_per_l": 12}
    response = local_client.post(f"{API}/waters", json=body)
    assert response.status_code == 201, response.text
    data = response.json()
    assert data["per_100g"]["magnesium_mg"] == pytest.approx(10.0)
    assert data["per_100g"]["sodium_mg"] == pytest.approx(1.2)
    assert data["per_100g"]["calcium_mg"] is None and "water" in data["tags"]
    assert [p["grams"] for p in data["portions"]] == [250.0, 500.0]
    assert logged_mg(local_client, data["id"], "1 glass") == pytest.approx(25.0)


def test_a_recipe_per_serving(local_client: TestClient, db: Database) -> None:
    bar = local_client.post(f"{API}/foods", json=BAR).json()
    almonds = food_amount(db, "almonds", "30 g", remember=False)
    almond_mg = almonds.nutrients["magnesium_mg"]
    assert almond_mg is not None
    body = {
        "name": "Zorblax muesli",
        "servings": 2,
        "ingredients": [
            {"food": bar["id"], "amount": "1 bar"},
            {"food": almonds.food.id, "amount": "30 g"},
        ],
    }
    response = local_client.post(f"{API}/recipes", json=body)
    assert response.status_code == 201, response.text
    data = response.json()
    assert TypeAdapter(RecipeAnswer).validate_python(data) == data
    per_serving = (0.4 * 120.5 + almond_mg) / 2
    assert data["per_serving"]["magnesium_mg"] == pytest.approx(per_serving, abs=1e-3)
    assert data["servings"] == 2 and data["grams"] == 70.0
    assert [line["grams"] for line in data["ingredients"]] == [40.0, 30.0]
    assert logged_mg(local_client, data["id"], "1 serving") == pytest.approx(per_serving)


Case = tuple[str, dict[str, Any], list[Any]]
BAD: list[Case] = [
    ("foods", {**BAR, "name": ""}, ["body", "name"]),
    ("foods", {**BAR, "name": "Bar\x00"}, ["body", "name"]),
    ("foods", {**BAR, "per_100g": {}}, ["body", "per_100g"]),
    ("foods", {**BAR, "per_100g": {"magnesium_mg": -1}}, ["body", "per_100g"]),
    ("foods", {**BAR, "per_100g": {"unobtainium_mg": 5}}, ["body", "per_100g"]),
    ("foods", {**BAR, "serving": "1 slab"}, ["body", "serving"]),
    ("foods", {**BAR, "serving": "1 bar\x00"}, ["body", "serving"]),
    ("foods", {**BAR, "portions": [{"unit": "bar\x00", "grams": 40}]}, ["body", "portions"]),
    ("foods", {**BAR, "tags": ["glitter"]}, ["body", "tags"]),
    ("waters", {"name": "Spa"}, ["body", "magnesium_mg_per_l"]),
    ("waters", {"name": "Spa", "magnesium_mg_per_l": 9000}, ["body", "magnesium_mg_per_l"]),
    ("waters", {"name": "Spa", "magnesium_mg_per_l": 9, "sodium_mg_per_l": -1},
     ["body", "sodium_mg_per_l"]),
    ("recipes", {"name": "Mix", "ingredients": []}, ["body", "ingredients"]),
    ("recipes", {"name": "Mix", "ingredients": [{"food": "zqxjv", "amount": "30 g"}]},
     ["body", "ingredients"]),
    ("recipes", {"name": "Mix", "ingredients": [{"food": "almonds", "amount": "3 parsecs"}]},
     ["body", "ingredients"]),
    ("recipes", {"name": "Mix", "ingredients": [{"food": "almonds", "amount": "30 g\x00"}]},
     ["body", "ingredients"]),
    ("recipes", {"name": "Mix", "name_nl": "\x00",
                 "ingredients": [{"food": "almonds", "amount": "30 g"}]}, ["body", "name_nl"]),
    ("recipes", {"name": "Mix", "servings": 0,
                 "ingredients": [{"food": "almonds", "amount": "30 g"}]}, ["body", "servings"]),
]  # fmt: skip


@pytest.mark.parametrize(("path", "body", "loc"), BAD)
def test_bad_input_names_its_field_and_stores_nothing(
    web_db: Settings, kb: KnowledgeBase, path: str, body: dict[str, Any], loc: list[Any]
) -> None:
    """On SQLite and PostgreSQL (which refuses a NUL byte in any text)."""
    app, db = make_app(web_db, kb)
    with TestClient(app, headers=LOCAL_API_HEADERS) as client:
        before = count_foods(db)
        response = client.post(f"{API}/{path}", json=body)
        after = count_foods(db)
    db.dispose()
    unknown = "zqxjv" in str(body)  # an unknown food is 404, as everywhere in the API
    assert response.status_code == (404 if unknown else 422), response.text
    detail = response.json()["detail"]
    assert detail[0]["loc"][: len(loc)] == loc, detail
    assert "--" not in detail[0]["msg"]  # no CLI flag in an API message
    assert after == before


def test_a_write_needs_proof_it_is_not_a_cross_site_page(
    local_client: TestClient, db: Database
) -> None:
    before = count_foods(db)
    response = local_client.post(f"{API}/foods", json=BAR, headers={"X-Requested-With": ""})
    assert response.status_code == 403 and count_foods(db) == before


@pytest.fixture
def pair(web_db: Settings, kb: KnowledgeBase, signed_up: SignUp) -> Iterator[list[TestClient]]:
    app, database = make_app(web_db, kb, multi_user=True)
    with TestClient(app) as anna, TestClient(app) as bram, TestClient(app) as nobody:
        for client, name in ((anna, "anna"), (bram, "bram")):
            client.headers["X-CSRF-Token"] = signed_up(client, name)
            made = client.put(f"{API}/profiles/default", json={"age": 40, "sex": "female"})
            assert made.status_code == 200, made.text
        yield [anna, bram, nobody]
    database.dispose()


def test_an_accounts_food_is_its_own(pair: list[TestClient]) -> None:
    anna, bram, nobody = pair
    assert nobody.post(f"{API}/foods", json=BAR).status_code == 401
    made = {
        "foods": anna.post(f"{API}/foods", json=BAR),
        "waters": anna.post(f"{API}/waters", json={"name": "Zorblax spring",
                                                   "magnesium_mg_per_l": 100}),
        "recipes": anna.post(f"{API}/recipes", json={"name": "Zorblax mix", "ingredients": [
            {"food": "Zorblax seed bar", "amount": "1 bar"}]}),
    }  # fmt: skip
    for response in made.values():
        assert response.status_code == 201, response.text
    ids = [response.json()["id"] for response in made.values()]
    assert logged_mg(anna, ids[1], "1 glass") == pytest.approx(25.0)
    for food_id in ids:
        assert anna.get(f"{API}/foods/show", params={"food": food_id}).status_code == 200
        assert bram.get(f"{API}/foods/show", params={"food": food_id}).status_code == 404
        refused = bram.post(
            f"{API}/entries", json={"kind": "food", "food": food_id, "amount": "10 g"}
        )
        assert refused.status_code == 404
    borrowed = bram.post(f"{API}/recipes", json={"name": "Borrowed", "ingredients": [
        {"food": ids[0], "amount": "10 g"}]})  # fmt: skip
    assert borrowed.status_code == 404
    assert borrowed.json()["error"]["loc"] == ["body", "ingredients"]


def test_openapi_documents_the_three(local_client: TestClient) -> None:
    paths = local_client.get(f"{API}/openapi.json").json()["paths"]
    for path, answer in (("foods", "FoodDetailJson"), ("waters", "FoodDetailJson"),
                         ("recipes", "RecipeAnswer")):  # fmt: skip
        operation = paths[f"{API}/{path}"]["post"]
        assert operation["summary"] and "requestBody" in operation
        schema = operation["responses"]["201"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": f"#/components/schemas/{answer}"}
