"""Dutch everyday foods (issue 18): found by their Dutch names, the recipe estimates' values
recomputed from the USDA SR28 files, and their recipe in the food's JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from mgcoach.cli.main import main
from mgcoach.foods.curated import curated_foods
from mgcoach.foods.estimates import dutch_everyday, estimates, stored_values
from mgcoach.foods.nutrients import food_nutrients
from mgcoach.services.foods import search_foods
from mgcoach.storage.database import Database
from tests.foods.test_curated import usda

TAP = ("usda:14411", "usda:14429")
# (query, the foods any of which must be among the first three): Dutch, English and typos.
SEARCHES: list[tuple[str, tuple[str, ...]]] = [
    ("hutspot", ("nl:hutspot",)),
    ("boerenkoolstamppot", ("nl:boerenkoolstamppot",)),
    ("stamppot boerenkool", ("nl:boerenkoolstamppot",)),
    ("zuurkoolstamppot", ("nl:zuurkoolstamppot",)),
    ("andijviestamppot", ("nl:andijviestamppot",)),
    ("stamppot", ("nl:boerenkoolstamppot",)),
    ("erwtensoep", ("nl:erwtensoep", "usda:06050")),
    ("snert", ("nl:erwtensoep",)),
    ("stroopwafel", ("nl:stroopwafel",)),
    ("stroopwafels", ("nl:stroopwafel",)),
    ("ontbijtkoek", ("nl:ontbijtkoek",)),
    ("ontbijkoek", ("nl:ontbijtkoek",)),
    ("drop", ("nl:drop",)),
    ("zoute drop", ("nl:drop",)),
    ("pindasaus", ("nl:pindasaus",)),
    ("satésaus", ("nl:pindasaus",)),
    ("poffertjes", ("nl:poffertjes",)),
    ("pindakaas", ("usda:16098",)),
    ("pindakas", ("usda:16098",)),
    ("hagelslag", ("usda:19080",)),
    ("hagelsag", ("usda:19080",)),
    ("beschuit", ("usda:18224",)),
    ("karnemelk", ("usda:01088",)),
    ("kwark", ("usda:01256",)),
    ("vla", ("usda:19207",)),
    ("boerenkool", ("usda:11233", "usda:11234")),
    ("boerenkol", ("usda:11233", "usda:11234")),
    ("zuurkool", ("usda:11439",)),
    ("volkorenbrood", ("usda:18075",)),
    ("roggebrood", ("usda:18044",)),
    ("krentenbol", ("usda:18047",)),
    ("jong belegen kaas", ("usda:01022",)),
    ("rookworst", ("usda:07074",)),
    ("cornflakes", ("usda:08020",)),
    ("nasi", ("usda:36602",)),
    ("bami", ("usda:36625",)),
    ("kraanwater", TAP),
    ("leidingwater", TAP),
    ("water", TAP),
    ("mineraalwater", ("usda:14555",)),
    ("havermout", ("usda:08120",)),
    ("appelmoes", ("usda:09020",)),
    ("tap water", TAP),
    ("municipal water", ("usda:14429",)),
    ("drinking water", ("usda:14411",)),
    ("buttermilk", ("usda:01088",)),
    ("peanut butter", ("usda:16098",)),
    ("split pea soup", ("usda:06050", "nl:erwtensoep")),
    ("liquorice", ("nl:drop",)),
    ("licorice", ("nl:drop",)),
    ("syrup waffle", ("nl:stroopwafel",)),
    ("peanut sauce", ("nl:pindasaus",)),
    ("kale stamppot", ("nl:boerenkoolstamppot",)),
    ("sauerkraut", ("usda:11439",)),
    ("almonds", ("usda:12061",)),
    ("spinach", ("usda:11457", "usda:11458")),
    ("banana", ("usda:09040",)),
    ("oat bran", ("usda:20033",)),
    ("corn flakes", ("usda:08020",)),
    ("fried rice", ("usda:36602",)),
]


def _misses(db: Database, table: Sequence[tuple[str, tuple[str, ...]]]) -> list[str]:
    misses = []
    for query, wanted in table:
        top = [f.id for f in search_foods(db, query, 3).foods]
        if not set(wanted) & set(top):
            misses.append(f"{query!r}: {top}, wanted one of {wanted}")
    return misses


def test_the_table_has_60_searches_mostly_dutch() -> None:
    assert len(SEARCHES) == 60 and len({q for q, _ in SEARCHES}) == 60
    dutch = set(dutch_everyday())
    assert sum(1 for q, _ in SEARCHES if q in dutch) >= 30


def test_60_searches_find_the_food_in_the_top_3(db: Database) -> None:
    assert _misses(db, SEARCHES) == []


def test_every_dutch_everyday_name_finds_its_food(db: Database) -> None:
    names = dutch_everyday()
    assert len(names) >= 150
    table = [(name, (food_id,) if food_id not in TAP else TAP) for name, food_id in names.items()]
    assert _misses(db, table) == []


def test_every_everyday_food_is_shipped_with_a_source() -> None:
    shipped = {f.id: f for f in curated_foods()}
    assert set(dutch_everyday().values()) <= set(shipped)
    assert set(estimates()) <= set(dutch_everyday().values())
    for item in estimates().values():
        assert item.source == "USDA-SR28" and item.basis, item.id
        assert stored_values()[item.id]["source"] == "USDA-SR28", item.id


@pytest.mark.parametrize("food_id", list(estimates()))
def test_every_estimate_equals_its_recipe_recomputed_from_usda(food_id: str) -> None:
    foods, values, _weights = usda()
    item = estimates()[food_id]
    assert [foods[i.food_id[5:]][2] for i in item.ingredients] == [i.name for i in item.ingredients]
    stored = next(f for f in curated_foods() if f.id == food_id)
    for nutrient in food_nutrients():
        parts = [values.get((i.food_id[5:], nutrient.usda_sr)) for i in item.ingredients]
        known = [p for p in parts if p is not None]
        if len(known) < len(parts):
            assert stored.per_100g[nutrient.key] is None, nutrient.key
            continue
        grams = [i.grams for i in item.ingredients]
        whole = sum(v * g / 100 for v, g in zip(known, grams, strict=True))
        expected = whole / sum(grams) * 100
        assert stored.per_100g[nutrient.key] == pytest.approx(expected, rel=1e-5, abs=1e-4)


def _show(capsys: pytest.CaptureFixture[str], food: str) -> dict[str, object]:
    assert main(["foods", "show", food, "--json"]) == 0
    return dict(json.loads(capsys.readouterr().out))


OLD_KEYS = {"id", "name", "name_nl", "usda_ndb", "source", "display_name", "synonyms",
            "synonyms_nl", "group", "group_name", "tags", "brand", "barcode", "fdc_id",
            "serving", "per_100g", "unknown", "sources", "portions"}  # fmt: skip


def test_an_estimate_shows_its_recipe_and_basis(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _show(capsys, "nl:hutspot")
    assert set(data) >= OLD_KEYS
    assert data["estimate"] is True and data["estimate_basis"] and data["estimate_basis_nl"]
    recipe = data["estimate_recipe"]
    assert isinstance(recipe, list) and recipe[0]["food_id"] == "usda:11367"
    assert {"food_id", "name", "name_nl", "grams"} <= set(recipe[0])
    assert data["sources"] == ["USDA-SR28"] and data["group"] == "meals"
    plain = _show(capsys, "usda:14429")
    assert set(plain) >= OLD_KEYS
    assert (plain["estimate"], plain["estimate_recipe"], plain["estimate_basis_nl"]) == (
        False,
        [],
        None,
    )


def test_an_estimate_in_the_cli_text_says_it_is_one(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["foods", "show", "hutspot"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Estimate" in out and "Potatoes, boiled" in out and "4 : 2 : 1" in out
    assert main(["foods", "show", "nl:hutspot", "--lang", "nl"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Schatting uit een recept" in out and "Aardappelen, gekookt" in out
