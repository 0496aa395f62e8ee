"""Every API answer has a real schema in OpenAPI, and the schemas are true: the JSON of real
calls validates against the contract type its operation declares, key for key.

The types are the ``TypedDict``s the contract builders return (contract/*.py); validating with
pydantic and getting back exactly what went in proves no key is undeclared and no value has
another type than the one documented.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from mgcoach.contract.advice import AdviceAnswer
from mgcoach.contract.check import CheckAnswer
from mgcoach.contract.day import DayAnswer
from mgcoach.contract.elemental import AmountAnswer, ElementalAnswer
from mgcoach.contract.energy import EnergyAnswer
from mgcoach.contract.foods import (
    FoodAmountAnswer,
    FoodDetailJson,
    FoodJson,
    NutrientValues,
    TopFoodsAnswer,
)
from mgcoach.contract.gap import GapPlanAnswer
from mgcoach.contract.journal import EntryAnswer, ProfileAnswer
from mgcoach.contract.plan import PlanAnswer
from mgcoach.contract.serum import SerumAnswer
from mgcoach.contract.targets import TargetsAnswer
from mgcoach.contract.trend import TrendAnswer
from mgcoach.foods.nutrients import nutrient_keys
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal_export import ExportDocument
from mgcoach.web.api.calculators import NamesAnswer
from tests.databases import Templates
from tests.web.conftest import LOCAL_API_HEADERS, make_app

API = "/api/v1"
DAY = "2025-01-15"
PERSON = {"age": 45, "sex": "male", "weight_kg": 80, "height_cm": 180, "activity": "moderate",
          "meds": ["levothyroxine@07:00", "doxycycline@08:00"]}  # fmt: skip
ENTRIES: list[dict[str, Any]] = [
    {"kind": "food", "food": "almonds", "amount": "30 g", "time": "08:00"},
    {"kind": "supplement", "compound": "citrate", "dose_mg": 500, "as": "compound",
     "time": "21:00"},
    {"kind": "medication", "name": "levothyroxine", "time": "07:00"},
    {"kind": "symptom", "name": "cramp", "count": 2, "night": True, "time": "03:00"},
    {"kind": "sleep", "hours": 7, "quality": 6},
    {"kind": "training", "activity": "running", "minutes": 45, "rpe": 7},
    {"kind": "lab", "value": 0.72, "unit": "mmol/L"},
    {"kind": "note", "text": "Long day."},
]  # fmt: skip


@pytest.fixture(scope="module")
def client(
    db_templates: Templates, tmp_path_factory: pytest.TempPathFactory, kb: KnowledgeBase
) -> Iterator[TestClient]:
    """The local app with a profile and a day of every kind of entry (read-only afterwards)."""
    settings = db_templates.fresh("sqlite", tmp_path_factory.mktemp("schemas") / "data")
    app, db = make_app(settings, kb)
    with TestClient(app, headers=LOCAL_API_HEADERS) as test_client:
        assert test_client.put(f"{API}/profiles/default", json=PERSON).status_code == 200
        for body in ENTRIES:
            response = test_client.post(f"{API}/entries", json={**body, "date": DAY})
            assert response.status_code == 201, response.text
        yield test_client
    db.dispose()


CHECK = {"age": 45, "sex": "female", "med": ["levothyroxine@07:00", "furosemide@08:00"],
         "take": ["400@21:00"], "egfr": 40, "condition": ["diabetes"],
         "compound": "citrate"}  # fmt: skip
ADVICE = {"age": 45, "sex": "male", "symptom": ["cramps"], "med": ["levothyroxine@07:00"],
          "food_mg": 200, "serum": "0.6 mmol/L"}  # fmt: skip
CALLS = [
    pytest.param("/targets", {"sex": "female", "age": 32, "pregnant": True}, TargetsAnswer,
                 id="targets-pregnant-candidates"),
    pytest.param("/targets", {"sex": "male", "age": 30, "system": "efsa", "weight_kg": 80},
                 TargetsAnswer, id="targets-efsa-weight"),
    pytest.param("/elemental", {"label": "Magnesium glycinate 500 mg"}, ElementalAnswer,
                 id="elemental-ambiguous-label"),
    pytest.param("/amount", {"value": 4, "unit": "mmol"}, AmountAnswer, id="amount"),
    pytest.param("/serum", {"value": 0.68, "unit": "mmol/L"}, SerumAnswer, id="serum"),
    pytest.param("/energy", {"age": 35, "sex": "male", "weight_kg": 70, "height_cm": 175,
                             "activity": "moderate"}, EnergyAnswer, id="energy"),
    pytest.param("/check", CHECK, CheckAnswer, id="check-kidney-medicines"),
    pytest.param("/advice", ADVICE, AdviceAnswer, id="advise-supplement"),
    pytest.param("/advice", {"age": 45, "sex": "male", "symptom": ["chest pain"]}, AdviceAnswer,
                 id="advise-red-flag"),
    pytest.param("/names", {}, NamesAnswer, id="names"),
    pytest.param("/foods/search", {"query": "almonds"}, list[FoodJson], id="foods-search"),
    pytest.param("/foods/show", {"food": "almonds"}, FoodDetailJson, id="foods-show"),
    pytest.param("/foods/amount", {"food": "almonds", "amount": "1/4 cup"}, FoodAmountAnswer,
                 id="foods-amount"),
    pytest.param("/foods/top", {"nutrient": "magnesium", "per": "portion"}, TopFoodsAnswer,
                 id="foods-top"),
    pytest.param("/foods/suggest", {"gap_mg": 150}, GapPlanAnswer, id="foods-suggest"),
    pytest.param("/profiles", {}, list[ProfileAnswer], id="profiles"),
    pytest.param("/entries", {"date": DAY}, list[EntryAnswer], id="entries"),
    pytest.param(f"/day/{DAY}", {}, DayAnswer, id="day"),
    pytest.param(f"/week/{DAY}", {}, TrendAnswer, id="week"),
    pytest.param("/trend", {"days": 20, "end": "2025-01-20"}, TrendAnswer, id="trend"),
    pytest.param(f"/plan/{DAY}", {}, PlanAnswer, id="plan"),
    pytest.param("/export", {}, ExportDocument, id="export"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "params", "shape"), CALLS)
def test_the_json_is_what_its_type_says(
    client: TestClient, path: str, params: dict[str, Any], shape: Any
) -> None:
    response = client.get(API + path, params=params)
    assert response.status_code == 200, response.text
    data = response.json()
    # validating keeps only declared keys and checks every value: equal means exactly typed
    assert TypeAdapter(shape).validate_python(data, strict=False) == data


def test_the_food_nutrients_type_has_every_nutrient() -> None:
    """``NutrientValues`` lists the keys of foods/data/nutrients.csv, in the same order."""
    assert list(NutrientValues.__annotations__) == list(nutrient_keys())


def test_every_answer_has_a_schema(client: TestClient) -> None:
    document = client.get(f"{API}/openapi.json").json()
    answers = 0
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if not status.startswith("2") or schema is None:
                    continue
                answers += 1
                assert "$ref" in schema or schema.get("items"), (method, path, schema)
                if "items" in schema:
                    assert "$ref" in schema["items"], (method, path, schema)
    assert answers >= 30


@pytest.mark.parametrize(
    ("operation", "keys"),
    [
        pytest.param(("get", "/check"), {"gate", "upper_limit", "schedule", "source_list"},
                     id="check"),
        pytest.param(("get", "/advice"), {"status", "gate", "supplement", "safety", "risk"},
                     id="advice"),
        pytest.param(("get", "/plan/{date}"), {"gate", "day", "gap_foods", "timeline"}, id="plan"),
        pytest.param(("get", "/day/{date}"), {"magnesium", "ratios", "risk", "gate"}, id="day"),
        pytest.param(("get", "/targets"), {"magnesium", "protein", "vitamin_d", "profile"},
                     id="targets"),
        pytest.param(("get", "/trend"), {"averages", "symptom_trends", "daily", "weeks"},
                     id="trend"),
    ],
)  # fmt: skip
def test_key_answers_document_their_keys(
    client: TestClient, operation: tuple[str, str], keys: set[str]
) -> None:
    document = client.get(f"{API}/openapi.json").json()
    method, path = operation
    schema = document["paths"][API + path][method]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    component = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    assert keys <= set(component["required"])
    assert component["description"]
    assert all(component["properties"][key].get("description") for key in keys)
