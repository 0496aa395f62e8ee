"""The food endpoints answer exactly what `mgcoach foods ... --json` prints, on the same
database (the CLI's data folder is the app's); unknown foods are 404 in the viewer's language;
no lookup counts for search ranking (a GET never writes)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal_export import export_document
from mgcoach.settings import Settings
from mgcoach.storage.database import Database
from tests.cli.running import run_error, run_json
from tests.web.conftest import make_app

Params = list[tuple[str, str]]


@pytest.fixture
def app_db(data_dir: Path, kb: KnowledgeBase) -> Iterator[tuple[TestClient, Database]]:
    """The app on the CLI's own database (the data_dir fixture's SQLite copy)."""
    app, db = make_app(Settings.from_env(), kb)
    with TestClient(app) as client:
        yield client, db
    db.dispose()


@pytest.fixture
def client(app_db: tuple[TestClient, Database]) -> TestClient:
    return app_db[0]


CASES: list[tuple[list[str], str, Params]] = [
    (["search", "almonds", "--limit", "3"], "/search", [("query", "almonds"), ("limit", "3")]),
    (["search", "amandel"], "/search", [("query", "amandel")]),
    (["search", "pompoenpitten", "--limit", "5"], "/search",
     [("query", "pompoenpitten"), ("limit", "5")]),
    (["search", "spinach cooked"], "/search", [("query", "spinach cooked")]),
    (["search", "xqzvw"], "/search", [("query", "xqzvw")]),
    (["amount", "almonds", "30 g"], "/amount", [("food", "almonds"), ("amount", "30 g")]),
    (["amount", "usda:12061", "1/4 cup"], "/amount",
     [("food", "usda:12061"), ("amount", "1/4 cup")]),
    (["amount", "amandelen", "1 oz"], "/amount", [("food", "amandelen"), ("amount", "1 oz")]),
    (["amount", "spinach", "100g"], "/amount", [("food", "spinach"), ("amount", "100g")]),
    (["show", "usda:12061"], "/show", [("food", "usda:12061")]),
    (["show", "pumpkin seeds"], "/show", [("food", "pumpkin seeds")]),
    (["top", "magnesium", "--per", "portion", "--limit", "10"], "/top",
     [("nutrient", "magnesium"), ("per", "portion"), ("limit", "10")]),
    (["top", "magnesium", "--per", "100kcal", "--vegan"], "/top",
     [("nutrient", "magnesium"), ("per", "100kcal"), ("vegan", "true")]),
    (["top", "potassium", "--exclude", "nuts", "--exclude", "dairy"], "/top",
     [("nutrient", "potassium"), ("exclude", "nuts"), ("exclude", "dairy")]),
    (["top", "magnesium", "--all", "--limit", "5"], "/top",
     [("nutrient", "magnesium"), ("all", "true"), ("limit", "5")]),
    (["suggest", "--gap-mg", "150"], "/suggest", [("gap_mg", "150")]),
    (["suggest", "--gap-mg", "200", "--max-kcal", "300", "--vegan", "--exclude", "nuts"],
     "/suggest",
     [("gap_mg", "200"), ("max_kcal", "300"), ("vegan", "true"), ("exclude", "nuts")]),
    (["suggest", "--gap-mg", "120", "--max-sodium-mg", "100"], "/suggest",
     [("gap_mg", "120"), ("max_sodium_mg", "100")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("cli", "path", "params"), CASES, ids=[f"{c[0][0]}-{i}" for i, c in enumerate(CASES)]
)
def test_same_json_as_the_cli(
    client: TestClient,
    capsys: pytest.CaptureFixture[str],
    cli: list[str],
    path: str,
    params: Params,
) -> None:
    response = client.get(f"/api/v1/foods{path}", params=params)
    assert response.status_code == 200, response.text
    assert response.json() == run_json(capsys, "foods", *cli)


def test_almonds_in_real_numbers(client: TestClient) -> None:
    shown = client.get("/api/v1/foods/show", params={"food": "usda:12061"}).json()
    per_100g = shown["per_100g"]["magnesium_mg"]
    assert per_100g == 270  # USDA SR28 12061, almonds: 270 mg magnesium per 100 g
    cup = next(p for p in shown["portions"] if p["unit"] == "cup, whole")
    amount = client.get(
        "/api/v1/foods/amount", params={"food": "usda:12061", "amount": "1/2 cup, whole"}
    ).json()
    assert amount["grams"] == pytest.approx(cup["grams"] / 2)
    assert amount["nutrients"]["magnesium_mg"] == pytest.approx(per_100g * cup["grams"] / 200)


def test_unknown_food_is_404_in_the_viewer_language(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    for language, prefix in (("en", "Error: "), ("nl", "Fout: ")):
        response = client.get(
            "/api/v1/foods/show",
            params={"food": "usda:99999"},
            headers={"Accept-Language": language},
        )
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "unknown_food"
        _code, line = run_error(capsys, "foods", "show", "usda:99999", "--lang", language)
        assert line == prefix + response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("path", "params", "code"),
    [
        ("/top", [("nutrient", "kryptonite")], "invalid_input"),
        ("/top", [("nutrient", "magnesium"), ("per", "cup")], "invalid_input"),
        ("/top", [("nutrient", "magnesium"), ("exclude", "rocks")], "invalid_input"),
        ("/amount", [("food", "almonds"), ("amount", "3 buckets")], "unknown_portion"),
        ("/search", [("query", "   ")], "invalid_input"),
        ("/suggest", [("gap_mg", "5000")], "invalid_input"),
    ],
)
def test_refused_values(client: TestClient, path: str, params: Params, code: str) -> None:
    response = client.get(f"/api/v1/foods{path}", params=params)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == code


def test_bounds_name_the_field(client: TestClient) -> None:
    for path, params, field in (
        ("/search", [("query", "almonds"), ("limit", "0")], "limit"),
        ("/search", [("query", "almonds"), ("limit", "201")], "limit"),
        ("/suggest", [("gap_mg", "nan")], "gap_mg"),
        ("/show", [("food", "x" * 201)], "food"),
    ):
        response = client.get(f"/api/v1/foods{path}", params=params)
        assert response.status_code == 422
        assert ["query", field] in [item["loc"] for item in response.json()["detail"]]


def _uses(db: Database, food_id: str) -> int:
    usage = export_document(db)["food_usage"]
    return next((row["uses"] for row in usage if row["food_id"] == food_id), 0)


def test_a_lookup_does_not_count_for_search(app_db: tuple[TestClient, Database]) -> None:
    """A GET never writes: a page of another site could re-rank search with image tags.
    Logging the food counts (tests/web/test_hardening_requests.py)."""
    client, db = app_db
    before = _uses(db, "usda:12061")
    found = client.get("/api/v1/foods/amount", params={"food": "usda:12061", "amount": "30 g"})
    assert found.status_code == 200
    assert _uses(db, "usda:12061") == before


def test_another_user_does_not_shape_search(
    web_settings: Settings,
    kb: KnowledgeBase,
    signed_up: Callable[[TestClient, str], str],
) -> None:
    app, db = make_app(web_settings, kb, multi_user=True)
    try:
        with TestClient(app) as client:
            signed_up(client, "ann")
            before = _uses(db, "usda:12061")
            found = client.get(
                "/api/v1/foods/amount", params={"food": "usda:12061", "amount": "30 g"}
            )
            assert found.status_code == 200
            assert found.json()["grams"] == 30
            assert _uses(db, "usda:12061") == before
    finally:
        db.dispose()
