"""A food search of an up-to-date SQLite database runs on the sqlite3 driver alone (issue 19):
``mgcoach foods search`` imports neither SQLAlchemy nor Alembic and answers what the search on
SQLAlchemy's connection answers. A database that is behind still takes the long way
(storage.database.open_database: upgrade and seeds). SQLite only: PostgreSQL's search is
SQLAlchemy's, as it was."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, select, text

from mgcoach.contract.foods import food_json
from mgcoach.foods.model import Portion
from mgcoach.services.food_search import search_foods
from mgcoach.services.foods import add_food
from mgcoach.settings import DATABASE_FILE, Settings
from mgcoach.storage import database as storage_database
from mgcoach.storage.database import (
    HEAD,
    Database,
    StorageError,
    downgrade,
    open_database,
    stored_revision,
)
from mgcoach.storage.food_search import search
from mgcoach.storage.food_search_sqlite import SqliteSearch, has_owner, last_used
from mgcoach.storage.foods import find_by_column, get_foods, has_owner_column, record_use
from mgcoach.storage.journal import user_id
from mgcoach.storage.seed_stamps import CURATED_SEED_KEY, SR28_SEED_KEY
from mgcoach.storage.tables import food_usage
from tests.support.fresh_cli import SQL, run_fresh

COLA = "5449000000996"  # EAN-13
QUERIES = ["almonds", "almnds", "amandelen", "spinach raw", "milk", "quibbleberry", COLA]


def _cli(args: list[str], data: Path, cache: Path) -> tuple[str, list[str]]:
    """The output of the command run in a fresh process, and the SQL modules it imported."""
    run = run_fresh(args, data=data, cache=cache)
    return run.stdout, run.loaded(SQL)


def _settings(folder: Path) -> Settings:
    return Settings(folder, f"sqlite:///{folder / DATABASE_FILE}")


def _with_foods(folder: Path) -> int:
    """A logged food, a shared product with a barcode and an account's own food: what the
    search reads beyond the shipped table (usage times, barcodes, owners). The account's id."""
    db = open_database(_settings(folder))
    try:
        with db.begin() as connection:
            account = user_id(connection, "ann", create=True)
            record_use(connection, "usda:12061")
            record_use(connection, "usda:11457")
        assert account is not None
        add_food(db, "Quibbleberry cola", {"magnesium_mg": 1.0}, barcode=COLA,
                 portions=(Portion(1, "can", 330.0),))  # fmt: skip
        add_food(db, "Quibbleberry bar", {"magnesium_mg": 90.0}, owner=account)
        return account
    finally:
        db.dispose()


@pytest.fixture
def seeded(data_dir: Path) -> tuple[Path, int]:
    return data_dir, _with_foods(data_dir)


def _engine_json(folder: Path, query: str) -> list[dict[str, Any]]:
    """The search's JSON through SQLAlchemy's connection (the engine made first)."""
    db = open_database(_settings(folder))
    try:
        db.engine.connect().close()
        result = search_foods(db, query)
        return json.loads(json.dumps([food_json(item) for item in result.foods]))
    finally:
        db.dispose()


@pytest.mark.parametrize("query", QUERIES)
def test_the_command_searches_without_sqlalchemy(
    seeded: tuple[Path, int], tmp_path: Path, query: str
) -> None:
    folder, _account = seeded
    output, sql = _cli(["foods", "search", query, "--json"], folder, tmp_path / "cache")
    assert sql == []
    found = json.loads(output)
    assert found, "the query finds foods"
    assert found == _engine_json(folder, query)


def test_the_table_is_shown_without_sqlalchemy(seeded: tuple[Path, int], tmp_path: Path) -> None:
    output, sql = _cli(["foods", "search", "almnds"], seeded[0], tmp_path / "cache")
    assert sql == [] and "usda:12061" in output


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("reader", [None, "account"])
def test_sqlite3_and_sqlalchemy_connections_find_the_same(
    seeded: tuple[Path, int], query: str, reader: str | None
) -> None:
    folder, account = seeded
    visible_to = account if reader else None
    db = open_database(_settings(folder))
    try:
        with db.sqlite() as raw:
            bare = search(raw, query, 20, visible_to=visible_to)
        with db.connect() as connection:
            through = search(connection, query, 20, visible_to=visible_to)
            stored = get_foods(connection, [item.id for item in bare.foods], visible_to)
    finally:
        db.dispose()
    assert bare == through
    assert bare.foods == stored  # the rows read as SQLAlchemy reads them
    owned = [item.id for item in bare.foods if item.owner is not None]
    assert bool(owned) == (reader is not None and query == "quibbleberry")


def test_usage_times_and_barcodes_read_as_sqlalchemy_reads_them(
    seeded: tuple[Path, int],
) -> None:
    folder, account = seeded
    db = open_database(_settings(folder))
    try:
        with db.connect() as connection:
            usage = select(food_usage.c.food_id, food_usage.c.last_used)
            times = {food_id: when for food_id, when in connection.execute(usage)}
            owners = has_owner_column(connection)
            by_column = [find_by_column(connection, "barcode", COLA, v) for v in (None, account)]
            stored = connection.execute(text("SELECT food_id, last_used FROM food_usage"))
            convert = DateTime(timezone=True).dialect_impl(connection.dialect)
            processor = convert.result_processor(connection.dialect, None)
            assert processor is not None
            assert {food_id: last_used(when) for food_id, when in stored} == times
        with db.sqlite() as raw:
            bare = SqliteSearch(raw)
            used = {c.food_id: c.last_used for c in bare.used(None)}
            barcoded = [bare.by_barcode(COLA, v) for v in (None, account)]
            assert has_owner(raw) is owners is True
    finally:
        db.dispose()
    assert used == times and len(times) == 2
    assert barcoded == by_column and barcoded[0] is not None
    for value in ("2024-05-01 08:30:00.000000", "2024-05-01 08:30:00", None):
        assert last_used(value) == processor(value)


def test_an_up_to_date_database_opens_without_sqlalchemy(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy(monkeypatch)
    db = open_database(_settings(data_dir))
    try:
        assert calls == [] and db.dialect == "sqlite"
        assert search_foods(db, "almonds").foods[0].id == "usda:12061"
    finally:
        db.dispose()


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The long way's runs (open_database's upgrade and seeds), counted."""
    calls: list[bool] = []
    long_way = storage_database._bring_up_to_date

    def counted(db: Database, seed: bool, progress: Any) -> None:
        calls.append(seed)
        long_way(db, seed, progress)

    monkeypatch.setattr(storage_database, "_bring_up_to_date", counted)
    return calls


def _stamp_gone(key: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        with sqlite3.connect(path) as raw:
            raw.execute("DELETE FROM meta WHERE key = ?", (key,))
        raw.close()

    return change


def _one_revision_behind(path: Path) -> None:
    db = Database(f"sqlite:///{path}")
    try:
        downgrade(db, f"{int(HEAD) - 1:04d}")
        assert stored_revision(db) != HEAD
    finally:
        db.dispose()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(_stamp_gone(CURATED_SEED_KEY), id="no-curated-stamp"),
        pytest.param(_stamp_gone(SR28_SEED_KEY), id="no-sr28-stamp"),
        pytest.param(_one_revision_behind, id="one-revision-behind"),
    ],
)
def test_a_database_behind_is_brought_up_to_date(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None]
) -> None:
    change(data_dir / DATABASE_FILE)
    calls = _spy(monkeypatch)
    open_database(_settings(data_dir)).dispose()
    assert calls == [True], "the long way was taken"
    db = open_database(_settings(data_dir))
    try:
        assert calls == [True], "and then it was not needed"
        assert stored_revision(db) == HEAD
        with db.connect() as connection:
            keys = connection.execute(text("SELECT key FROM meta")).scalars()
            assert {CURATED_SEED_KEY, SR28_SEED_KEY} <= set(keys)
    finally:
        db.dispose()


def _folder(path: Path) -> None:
    path.mkdir()


def _garbage(path: Path) -> None:
    path.write_bytes(b"not a database, " * 512)


@pytest.mark.parametrize("make", [_folder, _garbage], ids=["a-folder", "not-a-database"])
def test_a_bad_file_is_reported_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[Path], None]
) -> None:
    """The check through sqlite3 says what SQLAlchemy's way says, word for word."""
    folder = tmp_path / "data"
    folder.mkdir()
    make(folder / DATABASE_FILE)
    with pytest.raises(StorageError) as quick:
        open_database(_settings(folder))
    monkeypatch.setattr(storage_database, "_sqlite_up_to_date", lambda _db, _seed: False)
    with pytest.raises(StorageError) as long_way:
        open_database(_settings(folder))
    assert str(quick.value) == str(long_way.value)
    assert quick.value.params == long_way.value.params and quick.value.params["error"]


def test_a_food_table_without_owners_is_seen() -> None:
    raw = sqlite3.connect(":memory:")
    try:
        raw.execute("CREATE TABLE food (pk INTEGER PRIMARY KEY, id TEXT)")
        assert not has_owner(raw)
        raw.execute("ALTER TABLE food ADD COLUMN owner INTEGER")
        assert has_owner(raw)
    finally:
        raw.close()
