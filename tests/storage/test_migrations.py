"""The Alembic revisions as a user's database meets them, on SQLite and PostgreSQL: a database
made by the first release (foods only) is upgraded with its data in it, the journal works on
it, a downgrade takes the journal away and keeps the foods, and every step down restores the
schema exactly. Plus the shape of the chain: one line from the first revision to HEAD.

(test_food_store.py checks that HEAD is Alembic's head and that base <-> head works on a seeded
database; this module covers the steps in between.)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.config import Config
from alembic.script import Script, ScriptDirectory
from sqlalchemy import func, insert, inspect, select

from mgcoach.foods.model import Food, FoodSource, Portion
from mgcoach.foods.nutrients import nutrient_keys
from mgcoach.journal.frequency import DAILY, parse_frequency
from mgcoach.journal.model import (
    FoodEntry,
    Medicine,
    NoteEntry,
    PersonProfile,
    SupplementEntry,
    WeightEntry,
)
from mgcoach.storage import database
from mgcoach.storage import journal as store
from mgcoach.storage.database import Database, downgrade, stored_revision, upgrade
from mgcoach.storage.food_search import search
from mgcoach.storage.foods import get_foods, record_use, write_foods
from mgcoach.storage.journal_tables import (
    app_user,
    entry,
    food_item,
    profile,
    profile_medication,
    supplement_intake,
)
from mgcoach.storage.tables import food_usage
from tests.databases import BACKENDS
from tests.support.postgres import PostgresServer

FIRST = "0001"
FOOD_TABLES = {"meta", "food", "food_portion", "food_term", "food_usage", "recipe_ingredient"}
JOURNAL_TABLES = {
    "app_user",
    "profile",
    "profile_medication",
    "entry",
    "food_item",
    "supplement_intake",
    "medication_dose",
    "symptom",
    "sleep",
    "training",
    "lab_result",
    "body_weight",
}
DAY = date(2024, 3, 1)
USED = datetime(2024, 2, 20, 7, 30, tzinfo=UTC)
_names = itertools.count()


def _food(food_id: str, name: str, magnesium_mg: float, portion: Portion) -> Food:
    values: dict[str, float | None] = dict.fromkeys(nutrient_keys())
    values["magnesium_mg"] = magnesium_mg
    return Food(
        id=food_id,
        name=name,
        source=FoodSource.USER,
        per_100g=values,
        portions=(portion,),
    )


FOODS = [
    _food("user:1", "Roasted pumpkin seeds", 550.0, Portion(1, "handful", 30.0)),
    _food("user:2", "Dark chocolate 85 percent", 228.0, Portion(1, "square", 10.0)),
]


@pytest.fixture(params=BACKENDS)
def empty(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    postgres_server: Callable[[], PostgresServer],
) -> Iterator[Database]:
    """A database with no tables at all, as a first install finds it."""
    if request.param == "sqlite":
        folder = tmp_path / "empty"
        folder.mkdir()
        db = Database(f"sqlite:///{folder / 'mgcoach.sqlite3'}")
        yield db
        db.dispose()
        return
    server = postgres_server()
    name = f"mgcoach_migrate_{next(_names)}"
    db = Database(server.create_database(name))
    yield db
    db.dispose()
    server.drop_database(name)


def _tables(db: Database) -> set[str]:
    with db.connect() as connection:
        return set(inspect(connection).get_table_names())


def _count(db: Database, table: Any) -> int:
    with db.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def _utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes (stored as UTC), PostgreSQL aware ones.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _foods_are_intact(db: Database) -> None:
    with db.connect() as connection:
        assert get_foods(connection, [f.id for f in FOODS]) == FOODS
        usage = connection.execute(select(food_usage)).all()
        found = search(connection, "pumpkin seeds").foods
    assert [(row.food_id, row.uses, _utc(row.last_used)) for row in usage] == [("user:1", 2, USED)]
    assert [f.id for f in found][:1] == ["user:1"]


def _log_one(db: Database) -> int:
    """A profile with one food entry, written by the storage functions; returns the entry id."""
    person = PersonProfile(name="default", sex="female", age_years=34, age_on=DAY)
    with db.begin() as connection:
        owner = store.user_id(connection)
        assert owner is not None
        profile_id = store.save_profile(connection, owner, person)
        detail = {
            "food_id": "user:1",
            "name": "Roasted pumpkin seeds",
            "amount_text": "1 handful",
            "grams": 30.0,
            "item_kind": "food",
            "counted": True,
            "magnesium_mg": 165.0,
        }
        entry_id = store.add_entry(
            connection, profile_id, FoodEntry.from_fields(detail, day=DAY, time=8 * 60)
        )
    # Read back column by column: the storage functions read the newest schema, and this runs
    # on older revisions too.
    with db.connect() as connection:
        (logged,) = connection.execute(
            select(
                entry.c.id, entry.c.kind, entry.c.day, entry.c.time, food_item.c.food_id,
                food_item.c.grams, food_item.c.magnesium_mg, food_item.c.calcium_mg,
            ).join(food_item, food_item.c.entry_id == entry.c.id)
        ).all()  # fmt: skip
    assert tuple(logged[:4]) == (entry_id, "food", DAY, 480)
    assert (logged.food_id, logged.grams) == ("user:1", 30.0)
    assert logged.magnesium_mg == 165.0
    assert logged.calcium_mg is None
    return entry_id


def test_first_schema_to_latest_with_data(empty: Database) -> None:
    upgrade(empty, FIRST)
    assert stored_revision(empty) == FIRST
    assert _tables(empty) >= FOOD_TABLES
    assert not JOURNAL_TABLES & _tables(empty)
    with empty.begin() as connection:
        assert write_foods(connection, FOODS).inserted == 2
        record_use(connection, "user:1", USED)
        record_use(connection, "user:1", USED)

    upgrade(empty, "head")
    assert stored_revision(empty) == database.HEAD
    assert _tables(empty) >= FOOD_TABLES | JOURNAL_TABLES
    _foods_are_intact(empty)
    _log_one(empty)

    downgrade(empty, FIRST)
    assert stored_revision(empty) == FIRST
    assert not JOURNAL_TABLES & _tables(empty)
    _foods_are_intact(empty)

    upgrade(empty, "head")
    assert stored_revision(empty) == database.HEAD
    assert (_count(empty, profile), _count(empty, entry)) == (0, 0)
    _log_one(empty)
    _foods_are_intact(empty)


# -- the chain ---------------------------------------------------------------------------------


def _script() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(database.migrations_dir()))
    return ScriptDirectory.from_config(config)


def _chain() -> list[Script]:
    """The revisions from the first to the newest."""
    return list(reversed(list(_script().walk_revisions())))


def test_revision_chain_is_one_line_ending_at_head() -> None:
    chain = _chain()
    script = _script()
    assert chain[0].down_revision is None
    for previous, current in itertools.pairwise(chain):
        assert current.down_revision == previous.revision, current.path
    assert [r.revision for r in chain] == [f"{n:04d}" for n in range(1, len(chain) + 1)]
    assert chain[-1].revision == database.HEAD
    assert (tuple(script.get_bases()), tuple(script.get_heads())) == (
        (FIRST,),
        (database.HEAD,),
    )
    assert all(not r.branch_labels and not r.dependencies for r in chain)
    files = sorted(p.name for p in (database.migrations_dir() / "versions").glob("[0-9]*.py"))
    assert files == [Path(r.path).name for r in chain]


@pytest.mark.parametrize("revision", [r.revision for r in _chain()])
def test_revision_header_matches_its_variables(revision: str) -> None:
    """The docstring's "Revision ID" and "Revises" lines are what a reader goes by."""
    script = _script().get_revision(revision)
    assert script is not None
    source = Path(script.path).read_text(encoding="utf-8")
    assert Path(script.path).name.startswith(f"{revision}_")
    header = re.search(r"^Revision ID: (\S+)\nRevises:[ \t]*(\S*)$", source, re.M)
    assert header is not None
    assert (header[1], header[2] or None) == (revision, script.down_revision)


def _schema(db: Database) -> dict[str, Any]:
    """Tables with their columns, indexes and unique constraints; on SQLite also the triggers
    and virtual tables' shadow tables (sqlite_master) that keep the search index."""
    with db.connect() as connection:
        found = inspect(connection)
        schema: dict[str, Any] = {
            name: (
                [(c["name"], str(c["type"]), c["nullable"]) for c in found.get_columns(name)],
                sorted((i["name"], tuple(i["column_names"])) for i in found.get_indexes(name)),
                sorted(str(u["column_names"]) for u in found.get_unique_constraints(name)),
            )
            for name in found.get_table_names()
            if name != "alembic_version"
        }
        if db.dialect == "sqlite":
            rows = connection.exec_driver_sql(
                "SELECT type, name, sql FROM sqlite_master WHERE tbl_name != 'alembic_version'"
            )
            schema["sqlite_master"] = sorted(tuple(row) for row in rows)
    return schema


def test_each_step_down_restores_the_schema(empty: Database) -> None:
    chain = _chain()
    before = _schema(empty)  # nothing yet
    for previous, current in zip([None, *chain[:-1]], chain, strict=True):
        upgrade(empty, current.revision)
        assert _schema(empty) != before, current.revision
        downgrade(empty, previous.revision if previous else "base")
        assert _schema(empty) == before, current.revision
        upgrade(empty, current.revision)
        before = _schema(empty)
    assert stored_revision(empty) == database.HEAD


def test_accounts_revision_keeps_the_journal_users(empty: Database) -> None:
    """0002 -> 0003 adds the account columns and tables around existing users; going back
    removes them and keeps the users and their journal."""
    upgrade(empty, "0002")
    entry_id = _log_one(empty)
    upgrade(empty, "0003")
    assert {"web_session", "api_token"} <= _tables(empty)
    with empty.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("app_user")}
        assert {"password_hash", "language", "units"} <= columns
        local = connection.execute(
            select(app_user.c.name, app_user.c.password_hash, app_user.c.language)
        ).all()
    assert [tuple(row) for row in local] == [(store.LOCAL_USER, None, None)]
    downgrade(empty, "0002")
    assert not {"web_session", "api_token"} & _tables(empty)
    with empty.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("app_user")}
        ids = connection.execute(select(entry.c.id)).scalars().all()
    assert "password_hash" not in columns and ids == [entry_id]


# (detail as an older version stored it, the basis revision 0004 gives it)
STORED_SUPPLEMENTS = [
    pytest.param(
        {"name": "Magnesium citrate", "compound": "trimagnesium_dicitrate_anhydrous",
         "label": None, "dose_mg": 500.0, "elemental_mg": 80.8, "given_as": "compound"},
        "compound", id="compound-dose",
    ),
    pytest.param(
        {"name": "Magnesium oxide", "compound": "magnesium_oxide", "label": None,
         "dose_mg": 663.3, "elemental_mg": 400.0, "given_as": "elemental"},
        "elemental", id="elemental-dose",
    ),
    pytest.param(
        {"name": "Magnesium (as oxide) 250 mg", "compound": "magnesium_oxide",
         "label": "Magnesium (as oxide) 250 mg", "dose_mg": 414.6, "elemental_mg": 250.0,
         "given_as": "label"},
        "elemental", id="label-stating-magnesium",
    ),
    pytest.param(
        {"name": "Magnesium glycinate 500 mg", "compound": "magnesium_bisglycinate",
         "label": "Magnesium glycinate 500 mg", "dose_mg": 500.0, "elemental_mg": 70.48,
         "given_as": "label"},
        "compound", id="label-read-as-compound",
    ),
    pytest.param(
        {"name": "Magnesium 4 mmol", "compound": None, "label": "Magnesium 4 mmol",
         "dose_mg": None, "elemental_mg": 97.22, "given_as": "label"},
        "elemental", id="label-in-mmol",
    ),
    pytest.param(
        {"name": "Magnesium", "compound": None, "label": "2 tablets", "dose_mg": None,
         "elemental_mg": 120.0, "given_as": "import"},
        "elemental", id="import",
    ),
]  # fmt: skip


def _supplement_at_0003(db: Database, detail: dict[str, Any]) -> int:
    """A supplement entry as revision 0003 stored it: the storage functions write only the
    columns given, and ``detail`` has no basis."""
    person = PersonProfile(name="default", sex="female", age_years=34, age_on=DAY)
    with db.begin() as connection:
        owner = store.user_id(connection)
        assert owner is not None
        profile_id = store.save_profile(connection, owner, person)
        return store.add_entry(connection, profile_id, SupplementEntry.from_fields(detail, day=DAY))


@pytest.mark.parametrize(("detail", "basis"), STORED_SUPPLEMENTS)
def test_supplement_basis_revision_gives_stored_entries_their_reading(
    empty: Database, detail: dict[str, Any], basis: str
) -> None:
    """0003 -> 0004 adds supplement_intake.basis with the reading each entry was stored with;
    going back removes it and keeps the entries as they were."""
    upgrade(empty, "0003")
    entry_id = _supplement_at_0003(empty, detail)
    upgrade(empty, "0004")
    with empty.connect() as connection:
        row = connection.execute(
            select(supplement_intake).where(supplement_intake.c.entry_id == entry_id)
        ).one()
    assert row.basis == basis
    assert {key: getattr(row, key) for key in detail} == detail
    downgrade(empty, "0003")
    with empty.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("supplement_intake")}
        kept = connection.execute(
            select(supplement_intake.c.elemental_mg).where(supplement_intake.c.entry_id == entry_id)
        ).scalar_one()
    assert "basis" not in columns and kept == detail["elemental_mg"]


def test_medicine_frequency_revision_keeps_medicines_daily(empty: Database) -> None:
    """0004 -> 0005 adds profile_medication.frequency: medicines stored before read as daily,
    a weekly one is kept; going back removes the column and keeps the medicines."""
    upgrade(empty, "0004")
    person = PersonProfile(name="default", sex="female", age_years=70, age_on=DAY)
    with empty.begin() as connection:
        owner = store.user_id(connection)
        assert owner is not None
        profile_id = store.save_profile(connection, owner, person)
        connection.execute(  # as revision 0004 stored it: no frequency column
            insert(profile_medication).values(
                profile_id=profile_id, seq=0, name="levothyroxine", times="420"
            )
        )
    upgrade(empty, "0005")
    with empty.connect() as connection:
        (stored,) = store.profiles(connection, owner)
    assert stored.medicines == (Medicine("levothyroxine", (420,), DAILY),)
    weekly = Medicine("alendronate", (420,), parse_frequency("weekly:mon"))
    with empty.begin() as connection:
        store.save_profile(connection, owner, replace(stored, medicines=(weekly,)))
    with empty.connect() as connection:
        assert store.profiles(connection, owner)[0].medicines == (weekly,)
    downgrade(empty, "0004")
    with empty.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("profile_medication")}
        kept = connection.execute(select(profile_medication.c.name)).scalars().all()
    assert "frequency" not in columns and kept == ["alendronate"]


def test_profile_reasons_revision_keeps_profiles(empty: Database) -> None:
    """0008 -> 0009 adds profile.reasons: a profile stored before has none; reasons stored
    after read back in their order; going back removes the column and keeps the profile. The
    storage functions read and write a profile on either revision."""
    upgrade(empty, "0008")
    person = PersonProfile(name="default", sex="female", age_years=50, age_on=DAY)
    with empty.begin() as connection:
        owner = store.user_id(connection)
        assert owner is not None
        store.save_profile(connection, owner, replace(person, reasons=("cramps",)))
        (before,) = store.profiles(connection, owner)
    assert before.reasons == ()  # revision 0008 has nowhere to keep them
    upgrade(empty, "0009")
    with empty.connect() as connection:
        (stored,) = store.profiles(connection, owner)
    assert (stored.name, stored.reasons) == ("default", ())
    with empty.begin() as connection:
        store.save_profile(connection, owner, replace(stored, reasons=("cramps", "poor_sleep")))
    with empty.connect() as connection:
        found = store.find_profile(connection, owner, "default")
        raw = connection.execute(select(profile.c.reasons)).scalar_one()
    assert found is not None and found.reasons == ("cramps", "poor_sleep")
    assert raw == "cramps,poor_sleep"
    with empty.begin() as connection:
        store.save_profile(connection, owner, replace(found, reasons=()))
        assert connection.execute(select(profile.c.reasons)).scalar_one() is None
    downgrade(empty, "0008")
    with empty.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("profile")}
        (kept,) = store.profiles(connection, owner)
    assert "reasons" not in columns and kept.age_years == 50


def test_body_weight_revision_keeps_the_newest_weight_going_back(empty: Database) -> None:
    """0009 -> 0010 adds the body_weight table; weight entries are stored and read back with
    the other kinds. Going back, each profile keeps its newest logged weight as its weight_kg
    (a profile without one keeps its own), the weight entries go, the others stay."""
    upgrade(empty, "0009")
    with empty.begin() as connection:
        owner = store.user_id(connection)
        assert owner is not None
        person = PersonProfile(name="default", sex="female", age_years=50, age_on=DAY)
        weighed = store.save_profile(connection, owner, replace(person, weight_kg=70.0))
        store.save_profile(connection, owner, replace(person, name="b", weight_kg=60.0))
        note = store.add_entry(connection, weighed, NoteEntry(day=DAY, note="kept"))
    assert "body_weight" not in _tables(empty)
    upgrade(empty, "0010")
    weights = [
        WeightEntry(day=DAY, time=None, kg=71.0),
        WeightEntry(day=DAY, time=8 * 60, kg=72.5),  # the newest: the last timed of the day
        WeightEntry(day=date(2024, 2, 1), time=9 * 60, kg=69.0),
    ]
    with empty.begin() as connection:
        ids = [store.add_entry(connection, weighed, w) for w in weights]
    with empty.connect() as connection:
        found = store.entries(connection, weighed)
    # By day and time, an entry without a time after the timed ones (storage.journal.entries).
    assert [(e.kind, e.id) for e in found] == [
        ("weight", ids[2]), ("weight", ids[1]), ("note", note), ("weight", ids[0]),
    ]  # fmt: skip
    assert {e.id: getattr(e, "kg", None) for e in found} == {
        ids[0]: 71.0, ids[1]: 72.5, ids[2]: 69.0, note: None,
    }  # fmt: skip
    downgrade(empty, "0009")
    assert "body_weight" not in _tables(empty)
    with empty.connect() as connection:
        kinds = connection.execute(select(entry.c.kind, entry.c.note)).all()
        kept = {p.name: p.weight_kg for p in store.profiles(connection, owner)}
    assert [tuple(row) for row in kinds] == [("note", "kept")]
    assert kept == {"default": 72.5, "b": 60.0}


def test_favourites_revision_adds_and_drops_the_list(empty: Database) -> None:
    """0010 -> 0011 adds the favourite table: one row per food and profile (saving a food
    again changes it), gone with its profile; going back, the list goes and the journal stays."""
    from mgcoach.storage import favourites

    upgrade(empty, "0010")
    assert "favourite" not in _tables(empty)
    upgrade(empty, "0011")
    with empty.begin() as connection:
        owner = store.user_id(connection)
        assert owner is not None
        person = PersonProfile(name="default", sex="female", age_years=50, age_on=DAY)
        kept = store.save_profile(connection, owner, person)
        gone = store.save_profile(connection, owner, replace(person, name="b"))
        almonds = favourites.StoredFavourite("usda:12061", "30 g", None)
        assert favourites.save(connection, kept, almonds)
        assert not favourites.save(connection, kept, replace(almonds, meal="snacks"))
        favourites.save(connection, gone, almonds)
        note = store.add_entry(connection, kept, NoteEntry(day=DAY, note="kept"))
        store.delete_profile(connection, gone)
    with empty.connect() as connection:
        assert favourites.favourites(connection, kept) == [replace(almonds, meal="snacks")]
        assert favourites.favourites(connection, gone) == []
    downgrade(empty, "0010")
    assert "favourite" not in _tables(empty)
    with empty.connect() as connection:
        assert [e.id for e in store.entries(connection, kept)] == [note]


def test_sharing_revision_adds_and_drops_the_shares(empty: Database) -> None:
    """0012 -> 0013 adds journal_share: one row per (person, dietitian), answered, revoked and
    invited again in place, gone with either account; going back, the shares go and the
    journal stays."""
    from mgcoach.storage import sharing
    from mgcoach.storage.share_tables import journal_share

    upgrade(empty, "0012")
    assert "journal_share" not in _tables(empty)
    entry_id = _log_one(empty)
    upgrade(empty, "0013")
    with empty.begin() as connection:
        person, dietitian, other = (store.user_id(connection, n) for n in ("ann", "dee", "eve"))
        assert person is not None and dietitian is not None and other is not None
        assert sharing.invite(connection, person, dietitian, USED)
        assert sharing.invite(connection, person, dietitian, USED)  # still open: the same row
        (share,) = sharing.shares_of_person(connection, person)
        assert sharing.client_of(connection, dietitian, share.id) is None  # not accepted yet
        assert sharing.answer(connection, person, share.id, "accepted", USED)
        assert sharing.revoke(connection, person, share.id, USED)
        assert sharing.client_of(connection, dietitian, share.id) is None
        assert sharing.invite(connection, person, dietitian, USED)  # invited again
        assert sharing.client_of(connection, dietitian, share.id) is None
        assert sharing.answer(connection, person, share.id, "accepted", USED)
        found = sharing.client_of(connection, dietitian, share.id)
        assert found is not None and (found.name, found.account_id) == ("ann", person)
        assert sharing.invite(connection, other, dietitian, USED)
    assert _count(empty, journal_share) == 2
    with empty.begin() as connection:
        store.delete_user(connection, other)  # the account goes, and its share with it
    assert _count(empty, journal_share) == 1
    downgrade(empty, "0012")
    assert "journal_share" not in _tables(empty)
    with empty.connect() as connection:
        assert [e.id for e in store.entries(connection, 1)] == [entry_id]


def test_experiments_revision_adds_one_running_experiment_per_profile(empty: Database) -> None:
    """0011 -> 0012 adds the experiment and check-in tables: a second running experiment of a
    profile is refused (partial unique index), a stopped one is not; check-ins are one per
    day and go with their experiment's profile; going back, both go and the journal stays."""
    from mgcoach.storage import experiments as trials
    from mgcoach.storage.experiment_tables import experiment, experiment_checkin

    upgrade(empty, "0011")
    assert "experiment" not in _tables(empty)
    entry_id = _log_one(empty)
    upgrade(empty, "0012")
    design = {"start": DAY.isoformat(), "pairs": 6}
    with empty.begin() as connection:
        owner = store.user_id(connection)
        assert owner is not None
        person = PersonProfile(name="b", sex="female", age_years=50, age_on=DAY)
        other = store.save_profile(connection, owner, person)
        first = trials.start(connection, 1, "night_cramps", design, DAY)
        with pytest.raises(trials.AlreadyRunningError):
            trials.start(connection, 1, "soreness", design, DAY)
        trials.start(connection, 1, "soreness", design, DAY, status="stopped", stop_reason="x")
        found = trials.running(connection, 1)
        assert found is not None and found.id == first and found.design == design
        trials.save_checkin(connection, found, trials.StoredCheckin(DAY, 2.0, True))
        trials.save_checkin(connection, found, trials.StoredCheckin(DAY, 1.0, False))
        gone = trials.start(connection, other, "soreness", design, DAY)
        gone_row = trials.running(connection, other)
        assert gone_row is not None and gone_row.id == gone
        trials.save_checkin(connection, gone_row, trials.StoredCheckin(DAY, 5.0, None))
        store.delete_profile(connection, other)
    with empty.connect() as connection:
        assert trials.checkins(connection, first) == [trials.StoredCheckin(DAY, 1.0, False)]
        assert [e.outcome for e in trials.every(connection, 1)] == ["night_cramps", "soreness"]
    assert (_count(empty, experiment), _count(empty, experiment_checkin)) == (2, 1)
    downgrade(empty, "0011")
    assert not {"experiment", "experiment_checkin"} & _tables(empty)
    with empty.connect() as connection:
        assert [e.id for e in store.entries(connection, 1)] == [entry_id]


def test_calendar_revision_adds_and_drops_the_links(empty: Database) -> None:
    """0013 -> 0014 adds calendar_token: one link per account (a new one replaces the old),
    each token hash once, gone with its account; going back, the links go and the journal
    stays."""
    from sqlalchemy.exc import IntegrityError

    from mgcoach.storage import calendar_links as links
    from mgcoach.storage.calendar_tables import calendar_token

    upgrade(empty, "0013")
    assert "calendar_token" not in _tables(empty)
    entry_id = _log_one(empty)
    upgrade(empty, "0014")
    with empty.begin() as connection:
        ann, eve = (store.user_id(connection, name) for name in ("ann", "eve"))
        assert ann is not None and eve is not None
        links.replace_link(connection, ann, "a" * 64, "Europe/Amsterdam", USED)
        links.replace_link(connection, ann, "b" * 64, "America/New_York", USED)
        links.replace_link(connection, eve, "e" * 64, "UTC", USED)
        assert links.link_account(connection, "a" * 64) is None  # replaced
        found = links.link_account(connection, "b" * 64)
        assert found is not None and (found[0].name, found[1]) == ("ann", "America/New_York")
        made = links.link_of(connection, ann)
        assert made is not None and _utc(made.created_at) == USED
    with pytest.raises(IntegrityError), empty.begin() as connection:  # a hash is one link's
        links.replace_link(connection, eve, "b" * 64, "UTC", USED)
    assert _count(empty, calendar_token) == 2
    with empty.begin() as connection:
        store.delete_user(connection, eve)  # the account goes, and its link with it
        assert links.remove_link(connection, ann) and not links.remove_link(connection, ann)
    assert _count(empty, calendar_token) == 0
    with empty.begin() as connection:
        links.replace_link(connection, ann, "c" * 64, "UTC", USED)
    downgrade(empty, "0013")
    assert "calendar_token" not in _tables(empty)
    with empty.connect() as connection:
        assert [e.id for e in store.entries(connection, 1)] == [entry_id]


def test_day_summary_revision_marks_the_stored_days_and_goes_back(empty: Database) -> None:
    """0014 -> 0015 adds day_summary with its stale days: every day stored before it with a
    food, supplement, symptom or lab is stale (a note is not), so the first summary counts
    it; the triggers mark what is written after; going back, the tables and the triggers go
    and the journal is written as before."""
    from mgcoach.storage.day_summary import refresh
    from mgcoach.storage.day_summary_tables import day_summary, day_summary_stale

    upgrade(empty, "0014")
    entry_id = _log_one(empty)  # a food on DAY
    with empty.begin() as connection:
        store.add_entry(connection, 1, NoteEntry(day=DAY.replace(day=2), note="rest day"))
    upgrade(empty, "0015")
    with empty.connect() as connection:
        stale = connection.execute(select(day_summary_stale.c.profile_id, day_summary_stale.c.day))
        assert stale.all() == [(1, DAY)]
    with empty.begin() as connection:
        assert refresh(connection, [1], DAY, DAY, ["chest_pain"]) == 1
        store.delete_entry(connection, 1, entry_id)  # marked again by the trigger
    assert _count(empty, day_summary) == 1 and _count(empty, day_summary_stale) == 1
    downgrade(empty, "0014")
    assert not {"day_summary", "day_summary_stale", "day_summary_rule"} & _tables(empty)
    _log_one(empty)  # no trigger is left writing to a table that is gone
