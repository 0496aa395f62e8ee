"""The daily loop through the API: meals, quick adds, recent foods and copies are the same
use cases as the CLI's (services/journal_daily.py), with the day's totals right after each."""

from __future__ import annotations

from fastapi.testclient import TestClient

API = "/api/v1"
DAY, NEXT = "2025-01-14", "2025-01-15"


def _profile(client: TestClient) -> None:
    made = client.put(f"{API}/profiles/default", json={"age": 52, "sex": "female"})
    assert made.status_code == 200, made.text


def _mg(client: TestClient, day: str) -> float:
    return float(client.get(f"{API}/day/{day}").json()["magnesium"]["total_mg"])


def test_the_daily_loop(local_client: TestClient) -> None:
    _profile(local_client)
    food = {"kind": "food", "food": "usda:12061", "amount": "30 g", "meal": "ontbijt"}
    made = local_client.post(f"{API}/entries", json={**food, "date": DAY, "time": "08:00"})
    assert made.status_code == 201, made.text
    assert made.json()["detail"]["meal"] == "breakfast"
    quick = {"kind": "quick", "label": "Lunch out", "magnesium_mg": 120, "energy_kcal": 600}
    made = local_client.post(f"{API}/entries", json={**quick, "date": DAY, "meal": "lunch"})
    assert made.status_code == 201, made.text
    assert made.json()["detail"]["magnesium_mg"] == 120
    assert _mg(local_client, DAY) == 81 + 120

    found = local_client.get(f"{API}/foods/recent", params={"date": NEXT}).json()
    assert [item["food_id"] for item in found["recent"]] == ["usda:12061"]
    assert found["recent"][0]["amount"] == "30 g"
    assert found["frequent"] == []

    copied = local_client.post(f"{API}/entries/copy", json={"from": DAY, "date": NEXT})
    assert copied.status_code == 201, copied.text
    assert len(copied.json()) == 2
    assert _mg(local_client, NEXT) == _mg(local_client, DAY)
    one_meal = local_client.post(
        f"{API}/entries/copy", json={"from": DAY, "date": NEXT, "meal": "breakfast"}
    )
    assert [entry["detail"]["meal"] for entry in one_meal.json()] == ["breakfast"]


def test_bad_daily_input_is_a_4xx_and_stores_nothing(local_client: TestClient) -> None:
    _profile(local_client)
    for body in (
        {"kind": "quick", "label": "x", "date": DAY},
        {"kind": "quick", "label": "x", "magnesium_mg": -1, "date": DAY},
        {"kind": "quick", "label": "x", "magnesium_mg": 1e12, "date": DAY},
        {"kind": "food", "food": "almonds", "amount": "30 g", "meal": "x" * 65},
    ):
        assert local_client.post(f"{API}/entries", json=body).status_code == 422, body
    assert local_client.post(f"{API}/entries/copy", json={"from": "2020-01-01"}).status_code == 422
    assert local_client.post(f"{API}/entries/copy", json={"from": "soon"}).status_code == 422
    assert local_client.get(f"{API}/foods/recent", params={"date": "x"}).status_code == 422
    assert local_client.get(f"{API}/entries", params={"date": DAY}).json() == []
