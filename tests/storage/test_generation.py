"""The write generation (storage.generation), on SQLite and PostgreSQL: every write path bumps
the scopes of what it wrote and no other; a rolled-back write bumps nothing; journal writes
that know their profile bump that profile only; and every table has a scope."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from mgcoach.foods.curated import curated_foods
from mgcoach.journal.model import NoteEntry
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services import journal_log as log
from mgcoach.services.accounts import create_account, set_preferences
from mgcoach.services.food_recipes import add_recipe
from mgcoach.services.foods import add_food, food_amount
from mgcoach.services.journal import ProfileChanges, forget, set_profile
from mgcoach.services.journal_export import export_document
from mgcoach.services.journal_external import import_external
from mgcoach.services.journal_transfer import import_document
from mgcoach.storage import curated_seed, generation  # generation registers every table
from mgcoach.storage import journal as store
from mgcoach.storage.database import Database
from mgcoach.storage.foods import write_foods
from mgcoach.storage.tables import meta, metadata
from tests.journal.importers import samples

DAY = date(2024, 3, 5)
TODAY = date(2024, 12, 31)


@dataclass(frozen=True)
class Journal:
    """Two profiles of the local user, each with one food logged on DAY."""

    db: Database
    kb: KnowledgeBase
    folder: Path
    ids: dict[str, int]  # profile name -> its id
    entries: dict[str, int]  # profile name -> its entry

    def scopes(self) -> dict[str, str]:
        """The scopes watched, by a readable name."""
        return {
            "foods": generation.FOODS,
            "food_usage": generation.FOOD_USAGE,
            "accounts": generation.ACCOUNTS,
            "journal": generation.JOURNAL,
            "default": generation.profile_scope(self.ids["default"]),
            "other": generation.profile_scope(self.ids["other"]),
        }

    def generations(self) -> dict[str, int]:
        scopes = self.scopes()
        with self.db.connect() as connection:
            values = generation.read(connection, list(scopes.values()))
        return dict(zip(scopes, values, strict=True))


@pytest.fixture
def journal(db: Database, kb: KnowledgeBase, tmp_path: Path) -> Journal:
    ids, entries = {}, {}
    for name in ("default", "other"):
        person = set_profile(db, kb, name, ProfileChanges(age=45, sex="female"), DAY)
        assert person.id is not None
        ids[name] = person.id
        entry = log.log_food(db, log.When(name, DAY, 8 * 60), "almonds", "30 g")
        assert entry.id is not None
        entries[name] = entry.id
    return Journal(db, kb, tmp_path, ids, entries)


# -- the write paths ---------------------------------------------------------------------------


def _log(j: Journal) -> None:
    log.log_supplement(j.db, j.kb, log.When("default", DAY, 9 * 60), "citrate", 500.0, None,
                       basis="compound")  # fmt: skip


def _log_food(j: Journal) -> None:
    log.log_food(j.db, log.When("default", DAY, 9 * 60), "banana", "1 medium")


def _edit(j: Journal) -> None:
    log.edit_entry(j.db, j.kb, "default", j.entries["default"], log.EntryChanges(amount="60 g"))


def _delete(j: Journal) -> None:
    log.delete_entries(j.db, "default", [j.entries["default"]])


def _bulk_import(j: Journal) -> None:
    path = j.folder / "servings.csv"
    path.write_bytes(samples.servings_csv(samples.SERVINGS))
    import_external(j.db, "default", [path], today=TODAY)


def _bulk_reimport_edited(j: Journal) -> None:
    """Deletes, re-marks and adds in bulk: the second import of an edited export."""
    first, second = j.folder / "first.csv", j.folder / "second.csv"
    first.write_bytes(samples.servings_csv(samples.SERVINGS))
    second.write_bytes(samples.servings_csv(samples.SERVINGS[1:]))
    import_external(j.db, "default", [first], today=TODAY)
    before = j.generations()
    import_external(j.db, "default", [second], today=TODAY)
    assert j.generations()["default"] > before["default"]


def _profile_change(j: Journal) -> None:
    set_profile(j.db, j.kb, "default", ProfileChanges(weight_kg=61.0), DAY)


def _profile_new(j: Journal) -> None:
    set_profile(j.db, j.kb, "third", ProfileChanges(age=30, sex="male"), DAY)


def _forget_profile(j: Journal) -> None:
    forget(j.db, "other")  # the delete, then the vacuum (storage.maintenance)


def _forget_everything(j: Journal) -> None:
    forget(j.db, None)


def _food_add(j: Journal) -> None:
    add_food(j.db, "Own seeds", {"magnesium_mg": 500.0}, serving="30 g")


def _recipe_add(j: Journal) -> None:
    add_recipe(j.db, "Porridge", [("oats", "50 g"), ("milk", "200 ml")])


def _food_import(j: Journal) -> None:
    (first,) = curated_foods()[:1]
    with j.db.begin() as connection:
        write_foods(connection, [first], overwrite_protected=True)


def _curated_seed(j: Journal) -> None:
    with j.db.begin() as connection:
        connection.execute(meta.update().values(value="older"))
    curated_seed.ensure_curated(j.db)


def _food_amount(j: Journal) -> None:
    food_amount(j.db, "almonds", "30 g")


def _transfer_import(j: Journal) -> None:
    document = export_document(j.db)
    (person,) = [p for p in document["profiles"] if p["name"] == "default"]
    person["name"] = "copy"
    for item in person["entries"]:
        item["uid"] = uuid.uuid4().hex
    import_document(j.db, {**document, "profiles": [person]})


def _account(j: Journal) -> None:
    create_account(j.db, "ann", "hash", None)


def _preferences(j: Journal) -> None:
    with j.db.connect() as connection:
        owner = store.user_id(connection, store.LOCAL_USER, create=False)
    assert owner is not None
    set_preferences(j.db, owner, "nl", "metric")


# (what to do, the watched scopes it bumps: every other watched scope stays)
WRITES = [
    pytest.param(_log, {"default"}, id="log"),
    pytest.param(_log_food, {"default", "food_usage"}, id="log-food"),
    pytest.param(_edit, {"default", "food_usage"}, id="edit-food-amount"),
    pytest.param(_delete, {"default"}, id="delete"),
    pytest.param(_bulk_import, {"default"}, id="bulk-import"),
    pytest.param(_bulk_reimport_edited, {"default"}, id="bulk-reimport-edited"),
    pytest.param(_profile_change, {"default"}, id="profile-change"),
    pytest.param(_profile_new, {"journal"}, id="profile-new"),
    pytest.param(_forget_profile, {"other"}, id="maintenance-forget-profile"),
    pytest.param(_forget_everything, {"default", "other", "accounts"}, id="maintenance-forget-all"),
    pytest.param(_food_add, {"foods"}, id="food-add"),
    pytest.param(_recipe_add, {"foods"}, id="recipe-add"),
    pytest.param(_food_import, {"foods"}, id="food-import"),
    pytest.param(_curated_seed, {"foods"}, id="curated-seed"),
    pytest.param(_food_amount, {"food_usage"}, id="food-amount"),
    pytest.param(_transfer_import, {"journal"}, id="transfer-import"),
    pytest.param(_account, {"accounts"}, id="account-new"),
    pytest.param(_preferences, {"accounts"}, id="account-preferences"),
]


@pytest.mark.parametrize(("write", "bumped"), WRITES)
def test_every_write_path_bumps_its_scopes(
    journal: Journal, write: Callable[[Journal], None], bumped: set[str]
) -> None:
    before = journal.generations()
    write(journal)
    after = journal.generations()
    assert {name for name in before if after[name] != before[name]} == bumped
    assert all(after[name] > before[name] for name in bumped)


def test_a_rolled_back_write_bumps_nothing(journal: Journal) -> None:
    before = journal.generations()
    with pytest.raises(log.UnknownEntryError):  # the first id exists, the second does not
        log.delete_entries(journal.db, "default", [journal.entries["default"], 10**9])
    with pytest.raises(RuntimeError), journal.db.begin() as connection:
        write_foods(connection, curated_foods()[:1], overwrite_protected=True)
        raise RuntimeError("rolled back")
    assert journal.generations() == before


def test_one_transaction_bumps_a_scope_once(journal: Journal) -> None:
    before = journal.generations()
    with journal.db.begin() as connection:
        for _ in range(3):
            store.add_entry(connection, journal.ids["default"], NoteEntry(day=DAY))
    assert journal.generations()["default"] == before["default"] + 1


def test_a_journal_write_without_its_profile_bumps_the_whole_journal(journal: Journal) -> None:
    """A statement no storage function attributed (here: SQL of its own) is safe: every
    profile's cache reads the journal's scope too."""
    before = journal.generations()
    with journal.db.begin() as connection:
        connection.exec_driver_sql("UPDATE entry SET note = 'x'")
    after = journal.generations()
    assert after["journal"] == before["journal"] + 1
    assert (after["default"], after["other"]) == (before["default"], before["other"])


def test_a_write_to_an_unknown_table_bumps_every_scope(journal: Journal) -> None:
    before = journal.generations()
    with journal.db.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE scratch (x INTEGER)")
        connection.exec_driver_sql("INSERT INTO scratch (x) VALUES (1)")
    after = journal.generations()
    coarse = {"foods", "food_usage", "accounts", "journal"}
    assert {name for name in before if after[name] != before[name]} == coarse


# -- the rule's coverage -------------------------------------------------------------------------


def test_every_table_has_a_scope() -> None:
    tables = {table.name for table in metadata.sorted_tables} - {"generation"}
    assert set(generation.TABLE_SCOPES) == tables


@pytest.fixture
def two_handles(db: Database) -> Iterator[tuple[Database, Database]]:
    """Two Database objects on one database, as two processes have."""
    other = Database(db.url)
    yield db, other
    other.dispose()


def test_a_write_through_another_handle_is_seen_at_once(
    two_handles: tuple[Database, Database],
) -> None:
    mine, theirs = two_handles
    with mine.connect() as connection:
        (before,) = generation.read(connection, [generation.FOODS])
    add_food(theirs, "Their seeds", {"magnesium_mg": 500.0})
    with mine.connect() as connection:
        assert generation.read(connection, [generation.FOODS]) == (before + 1,)
