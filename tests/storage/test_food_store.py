"""Writing foods: migrations, the curated seed, idempotent upserts, protected rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import func, select

from mgcoach.foods.curated import curated_foods
from mgcoach.foods.importers.files import Release
from mgcoach.foods.importers.usda_sr28 import read
from mgcoach.foods.model import Food, FoodSource, Portion
from mgcoach.foods.nutrients import nutrient_keys
from mgcoach.storage import database
from mgcoach.storage.database import Database, downgrade, stored_revision, upgrade
from mgcoach.storage.foods import count_by_source, get_foods, write_foods
from mgcoach.storage.tables import food_portion, food_term

from .conftest import SR28


def test_head_constant_is_the_newest_revision() -> None:
    config = Config()
    config.set_main_option("script_location", str(database.migrations_dir()))
    assert ScriptDirectory.from_config(config).get_current_head() == database.HEAD


def test_curated_foods_are_seeded(db: Database) -> None:
    assert stored_revision(db) == database.HEAD
    with db.connect() as connection:
        counts = count_by_source(connection)
        stored = get_foods(connection, [f.id for f in curated_foods()])
    assert counts["curated"] == len(curated_foods())  # beside the full SR28 table (issue 18)
    assert stored == list(curated_foods())


def test_downgrade_and_upgrade_again(db: Database) -> None:
    downgrade(db, "base")
    assert stored_revision(db) is None
    upgrade(db)
    assert stored_revision(db) == database.HEAD
    with db.connect() as connection:
        assert count_by_source(connection) == {}


def _food(food_id: str, mg: float | None, source: FoodSource = FoodSource.USDA_SR28) -> Food:
    values = dict.fromkeys(nutrient_keys())
    values["magnesium_mg"] = mg
    return Food(
        id=food_id,
        name=f"Test food {food_id}",
        source=source,
        per_100g=values,
        portions=(Portion(1, "cup", 100.0), Portion(2, "tbsp", 30.0)),
    )


def test_write_is_idempotent_and_keeps_unknown_as_null(db: Database) -> None:
    foods = [_food("usda:90001", 12.5), _food("usda:90002", None)]
    with db.begin() as connection:
        shipped = connection.execute(select(func.count()).select_from(food_portion)).scalar()
        first = write_foods(connection, foods)
    with db.begin() as connection:
        second = write_foods(connection, foods)
        stored = get_foods(connection, ["usda:90001", "usda:90002"])
        portions = connection.execute(select(func.count()).select_from(food_portion)).scalar()
    assert (first.inserted, first.updated) == (2, 0)
    assert (second.inserted, second.updated) == (0, 2)
    assert stored == foods
    assert stored[1].per_100g["magnesium_mg"] is None
    assert portions == shipped + 4


def test_import_never_overwrites_curated_rows(db: Database) -> None:
    almonds = next(f for f in curated_foods() if f.id == "usda:12061")
    with db.begin() as connection:
        counts = write_foods(connection, [_food("usda:12061", 1.0)])
        stored = get_foods(connection, ["usda:12061"])[0]
    assert (counts.kept, counts.written) == (1, 0)
    assert stored == almonds


def test_terms_feed_the_vocabulary(db: Database) -> None:
    with db.begin() as connection:
        write_foods(connection, [_food("usda:90003", 1.0)])
        terms = set(connection.execute(select(food_term.c.term)).scalars())
    assert {"test", "food", "90003"} <= terms


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_sr28_import_counts(sr28_databases: object, backend: str) -> None:
    db = sr28_databases(backend)  # type: ignore[operator]
    with db.connect() as connection:
        counts = count_by_source(connection)
    curated = len(curated_foods())
    from_sr28 = sum(1 for item in curated_foods() if item.usda_ndb)  # not the nl: estimates
    assert counts == {"curated": curated, "usda_sr28": 8789 - from_sr28}


def test_sr28_reader_reads_the_documented_spot_checks() -> None:
    foods = {f.id: f for f in read(Release(SR28))}
    assert len(foods) == 8789
    almonds, spinach = foods["usda:12061"], foods["usda:11457"]
    assert almonds.per_100g["magnesium_mg"] == 270 and almonds.per_100g["zinc_mg"] == 3.12
    assert spinach.per_100g["calcium_mg"] == 99 and spinach.per_100g["energy_kcal"] == 23
    assert Portion(1, "cup, whole", 143.0) in almonds.portions
    unknown = [f for f in foods.values() if f.per_100g["magnesium_mg"] is None]
    assert len(unknown) == 739  # the README: 739 foods have no magnesium row


def test_damaged_file_is_a_clear_error(tmp_path: Path) -> None:
    import shutil

    from mgcoach.errors import ImportFileError

    for name in ("FOOD_DES", "WEIGHT", "FD_GROUP"):
        shutil.copy(SR28 / f"{name}.txt.gz", tmp_path)
    data = (SR28 / "NUT_DATA.txt.gz").read_bytes()
    (tmp_path / "NUT_DATA.txt.gz").write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFileError, match="damaged or truncated"):
        list(read(Release(tmp_path)))  # the cut falls inside NUT_DATA's gzip stream
