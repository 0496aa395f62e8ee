"""The full USDA SR28 table shipped with Mg Coach (foods/sr28_table.py, tools/build_sr28.py):
up to date with the tool and the USDA files, and its values equal to the original release.

The 50 foods below are spread over the 25 SR28 food groups (two of each, plus tap water,
almonds, spinach and bananas); their values are read from the raw USDA files here with the
documented format (data/README.md), not with Mg Coach's parser.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from mgcoach.foods.model import Food
from mgcoach.foods.sr28_table import (
    FOODS_FILE,
    SR28_DIR,
    SR28_FOODS,
    read_text,
    sr28_foods,
    table_hash,
    write_table,
)
from mgcoach.storage.database import Database
from mgcoach.storage.foods import get_foods
from tests.shared_data import SR28

ROOT = Path(__file__).resolve().parents[2]
# NDB_No -> the key Mg Coach gives the USDA nutrient (SR28 Nutr_No).
NUTRIENTS = {
    "304": "magnesium_mg",
    "301": "calcium_mg",
    "306": "potassium_mg",
    "307": "sodium_mg",
    "309": "zinc_mg",
    "208": "energy_kcal",
    "203": "protein_g",
}
FIFTY = [
    "01106",
    "01221",
    "02022",
    "02044",
    "03174",
    "03853",
    "04554",
    "04662",
    "05129",
    "05359",
    "06248",
    "06558",
    "07067",
    "07934",
    "08218",
    "08574",
    "09131",
    "09040",
    "10118",
    "10875",
    "11365",
    "11457",
    "12097",
    "12061",
    "13917",
    "23297",
    "14166",
    "14429",
    "15089",
    "15181",
    "16133",
    "16386",
    "17154",
    "17310",
    "18370",
    "28104",
    "19188",
    "19365",
    "20069",
    "20143",
    "21247",
    "21399",
    "22949",
    "22994",
    "19411",
    "25015",
    "35072",
    "35168",
    "36036",
    "36412",
]


def _raw(name: str) -> list[list[str]]:
    with gzip.open(SR28 / f"{name}.txt.gz", "rt", encoding="cp1252", newline="") as handle:
        return list(csv.reader(handle, delimiter="^", quotechar="~"))


@cache
def usda_values() -> dict[str, dict[str, float]]:
    """The seven nutrients of the 50 foods, straight from NUT_DATA (absent: not determined)."""
    wanted = set(FIFTY)
    found: dict[str, dict[str, float]] = {ndb: {} for ndb in FIFTY}
    for row in _raw("NUT_DATA"):
        if row[0] in wanted and row[1] in NUTRIENTS:
            found[row[0]][NUTRIENTS[row[1]]] = float(row[2])
    return found


@cache
def shipped() -> dict[str, Food]:
    return {item.id: item for item in sr28_foods()}


def expected(ndb: str) -> dict[str, float | None]:
    found = usda_values()[ndb]
    return {key: found.get(key) for key in NUTRIENTS.values()}


def test_fifty_foods_cover_every_group() -> None:
    assert len(set(FIFTY)) == 50
    groups = {row[1] for row in _raw("FOOD_DES") if row[0] in FIFTY}
    assert len(groups) == 25


@pytest.mark.parametrize("ndb", FIFTY)
def test_shipped_values_equal_the_usda_files(ndb: str) -> None:
    item = shipped()[f"usda:{ndb}"]
    assert {key: item.per_100g[key] for key in NUTRIENTS.values()} == expected(ndb)


def test_every_food_its_portions_and_group() -> None:
    foods = shipped()
    assert len(foods) == SR28_FOODS
    assert sum(len(item.portions) for item in foods.values()) == 15_438  # every WEIGHT row
    assert all(item.group for item in foods.values())
    weights = [row for row in _raw("WEIGHT") if row[0] == "12061"]
    almonds = foods["usda:12061"].portions
    assert [(p.amount, p.unit, p.grams) for p in almonds] == [
        (float(row[2]), row[3], float(row[4])) for row in weights
    ]
    water = foods["usda:14429"]
    assert water.name == "Beverages, water, tap, municipal"
    assert water.group == "beverages"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_sr28", ROOT / "tools" / "build_sr28.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_table_is_up_to_date(tmp_path: Path) -> None:
    """Run tools/build_sr28.py: the same content, and gzipped twice the same bytes."""
    content = _tool().build(SR28)
    for name, data in content.items():
        assert read_text(name).encode("utf-8") == data, f"run tools/build_sr28.py ({name})"
    write_table(tmp_path / "a", content)
    write_table(tmp_path / "b", content)
    assert table_hash(tmp_path / "a") == table_hash(tmp_path / "b")


def test_header_cites_usda_and_the_source_files() -> None:
    header = [line for line in read_text(FOODS_FILE).splitlines() if line.startswith("#")]
    text = "\n".join(header)
    assert "Standard Reference, Release 28" in text and "September 2015" in text
    readme = (ROOT / "data" / "README.md").read_text("utf-8")
    for line in header:
        if line.startswith("# sha256 of "):
            assert line.rsplit(" ", 1)[1] in readme
    assert (SR28_DIR / "README.md").is_file()


def test_database_values_equal_the_usda_files(db: Database) -> None:
    """A new database holds all 50 with the USDA values (the curated ones copy them too)."""
    with db.connect() as connection:
        foods = {item.id: item for item in get_foods(connection, [f"usda:{n}" for n in FIFTY])}
    wrong = {
        ndb: values
        for ndb in FIFTY
        if (values := {k: foods[f"usda:{ndb}"].per_100g[k] for k in NUTRIENTS.values()})
        != expected(ndb)
    }
    assert len(foods) == 50 and wrong == {}
