"""Portion labels with their grams where a person sees them (issue 17): the API's portion objects
(the Log page's chips), the Foods page's usual portions and ``mgcoach foods show``; a chip's
text posted as the Log form's amount weighs what the chip says."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.cli.main import main
from mgcoach.foods.curated import curated_foods
from mgcoach.foods.portions import portion_label
from mgcoach.knowledge import KnowledgeBase
from mgcoach.storage.database import Database
from tests.cli.running import run_json
from tests.web.test_pages_log import client as log_client  # noqa: F401 - a fixture
from tests.web.test_pages_log import log, only_entry
from tests.web.test_pages_today import db_of, make_profile, parse

BANANA = "usda:09040"
KEYS = {"amount", "unit", "grams", "label", "label_en", "label_nl"}
DUTCH_FORBIDDEN = re.compile(r"\b(nlea|oz|fl|lb)\b|\"", re.IGNORECASE)
GRAMS_AT_END = re.compile(r"\d+(?:[.,]\d+)? g\)$|^\d+(?:[.,]\d+)? g$")


def _portions(client: TestClient, lang: str, food: str = BANANA) -> list[dict[str, object]]:
    response = client.get(
        "/api/v1/foods/show", params={"food": food}, headers={"Accept-Language": lang}
    )
    assert response.status_code == 200, response.text
    portions: list[dict[str, object]] = response.json()["portions"]
    return portions


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_api_portions_say_their_grams(local_client: TestClient, lang: str) -> None:
    portions = _portions(local_client, lang)
    assert portions
    for portion in portions:
        assert set(portion) == KEYS  # the keys of before stay, two are added
        assert portion["label"] == portion[f"label_{lang}"]
        for key in ("label_en", "label_nl"):
            assert GRAMS_AT_END.search(str(portion[key])), portion
        assert not DUTCH_FORBIDDEN.search(str(portion["label_nl"])), portion
        assert "NLEA" not in str(portion["label_en"])
    medium = next(p for p in portions if str(p["unit"]).startswith("medium"))
    assert (medium["label_en"], medium["label_nl"]) == (
        '1 medium (7" to 7-7/8" long, 118 g)',
        "1 middelgrote (118 g)",
    )
    nlea = next(p for p in portions if p["unit"] == "NLEA serving")
    assert (nlea["label_en"], nlea["label_nl"]) == ("1 serving (126 g)", "1 portie (126 g)")


def test_api_fl_oz_is_ml_in_dutch(local_client: TestClient) -> None:
    tea = {p["unit"]: p for p in _portions(local_client, "nl", "usda:14355")}
    assert tea["fl oz"]["label_nl"] == "177 ml (178 g)"
    assert tea["fl oz"]["label_en"] == "6 fl oz (178 g)"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_chip_read_back_by_the_api_weighs_its_portion(
    local_client: TestClient, lang: str
) -> None:
    for food in ("usda:09040", "usda:12061", "usda:01077", "usda:14355"):
        for portion in _portions(local_client, lang, food):
            text = str(portion["label"])
            answer = local_client.get("/api/v1/foods/amount", params={"food": food, "amount": text})
            assert answer.status_code == 200, (text, answer.text)
            grams = float(str(portion["grams"]))
            tolerance = 0.5 if text.endswith(" g") else 1e-6  # "28 g": an ounce in Dutch
            assert answer.json()["grams"] == pytest.approx(grams, abs=tolerance), text
            for other in answer.json()["alternatives"]:
                assert set(other) == KEYS


def test_a_dutch_chip_posted_on_the_log_page_weighs_what_it_says(
    log_client: TestClient,  # noqa: F811 - the fixture of test_pages_log
) -> None:
    banana = next(f for f in curated_foods() if f.id == BANANA)
    medium = next(p for p in banana.portions if p.unit.startswith("medium"))
    chip = portion_label(medium, "nl")
    assert chip == "1 middelgrote (118 g)"
    data = {"food": "banaan", "food_id": BANANA, "amount": chip}
    entry = only_entry(log_client, log(log_client, "food", data, **{"Accept-Language": "nl"}))
    assert entry.fields()["grams"] == 118.0


@pytest.fixture
def db(local_app: FastAPI, kb: KnowledgeBase) -> Database:
    database = db_of(local_app)
    make_profile(database, kb)
    return database


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", '1 medium (7" to 7-7/8" long, 118 g)'), ("nl", "1 middelgrote (118 g)")],
)
def test_foods_page_portion_says_its_grams(
    local_client: TestClient, db: Database, lang: str, expected: str
) -> None:
    page = parse(local_client.get("/foods?q=banana", headers={"Accept-Language": lang}).text)
    table = page.by_id("search-results")
    row = next(tr for tr in table.all("tr") if tr.attrs.get("data-food-id") == BANANA)
    cells = [cell.text for cell in row.children if not isinstance(cell, str)]
    assert cells[2] == expected


@pytest.mark.usefixtures("data_dir")
def test_cli_show_lists_portions_with_grams(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "foods", "show", BANANA)
    assert {p["label_nl"] for p in data["portions"]} >= {"1 middelgrote (118 g)"}
    for lang, expected in (("en", "1 serving (126 g)"), ("nl", "1 portie (126 g)")):
        assert main(["foods", "show", BANANA, "--lang", lang]) == 0
        out = capsys.readouterr().out
        assert expected in out
        if lang == "nl":
            assert "NLEA" not in out and "fl oz" not in out
