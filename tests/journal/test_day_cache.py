"""The remembered day assessments (services.day) and everyday foods (services.foods) follow the
write generation (storage.generation), on SQLite and PostgreSQL: a write by another Database on
the same database (another process) shows at once; a write to one profile keeps another's
days; the cache is bounded and shared between threads."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from mgcoach.engine.day import DayAssessment
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.cache import Recent
from mgcoach.services.day import day_report
from mgcoach.services.food_everyday import everyday_foods
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import When, log_food, log_supplement
from mgcoach.settings import Settings
from mgcoach.storage.database import Database, open_database

DAY = date(2024, 3, 1)


def magnesium(result: DayAssessment) -> float:
    return result.nutrient("magnesium").total or 0.0


@pytest.fixture
def two(db: Database, kb: KnowledgeBase) -> Database:
    """Profiles "default" and "other", each with almonds logged on DAY."""
    for name in ("default", "other"):
        set_profile(db, kb, name, ProfileChanges(age=45, sex="female"), DAY)
        log_food(db, When(name, DAY, 8 * 60), "almonds", "30 g")
    return db


@pytest.fixture
def second_process(two: Database, tmp_path: Path) -> Iterator[Database]:
    """Another Database on the same file or server database, as a CLI beside the web app."""
    other = open_database(Settings(tmp_path / "second", two.url))
    yield other
    other.dispose()


def test_a_write_by_another_process_shows_at_once(
    two: Database, second_process: Database, kb: KnowledgeBase
) -> None:
    first = day_report(two, kb, "default", DAY)
    assert day_report(two, kb, "default", DAY) is first  # remembered
    log_food(second_process, When("default", DAY, 12 * 60), "almonds", "30 g")
    after = day_report(two, kb, "default", DAY)
    assert magnesium(after) == pytest.approx(2 * magnesium(first))
    assert day_report(two, kb, "default", DAY) is after


def test_a_profile_change_by_another_process_shows_at_once(
    two: Database, second_process: Database, kb: KnowledgeBase
) -> None:
    before = day_report(two, kb, "default", DAY)
    set_profile(second_process, kb, "default", ProfileChanges(pregnant=True), DAY)
    after = day_report(two, kb, "default", DAY)
    assert after.nutrient("magnesium").target != before.nutrient("magnesium").target


def test_a_write_to_one_profile_keeps_the_other_s_days(two: Database, kb: KnowledgeBase) -> None:
    mine, theirs = day_report(two, kb, "default", DAY), day_report(two, kb, "other", DAY)
    log_supplement(two, kb, When("other", DAY, 9 * 60), "citrate", 500.0, None, basis="compound")
    assert day_report(two, kb, "default", DAY) is mine
    assert magnesium(day_report(two, kb, "other", DAY)) > magnesium(theirs)


def test_a_lab_on_an_earlier_day_reaches_a_later_day(two: Database, kb: KnowledgeBase) -> None:
    """The whole profile is one scope: a write on any day refreshes every day of it."""
    from mgcoach.services.journal_log import log_lab

    before = day_report(two, kb, "default", DAY)
    log_lab(two, kb, When("default", date(2024, 2, 20), 9 * 60), 0.60, "mmol/L")
    assert day_report(two, kb, "default", DAY).risk != before.risk


def test_a_new_profile_refreshes_every_profile(two: Database, kb: KnowledgeBase) -> None:
    """Creating a profile is a journal write no single profile owns: every cached day goes."""
    mine = day_report(two, kb, "default", DAY)
    set_profile(two, kb, "third", ProfileChanges(age=30, sex="male"), DAY)
    again = day_report(two, kb, "default", DAY)
    assert again is not mine and again == mine


def test_logging_food_keeps_the_everyday_foods(two: Database) -> None:
    """A food's use count is its own scope: logging does not drop the copy of the foods."""
    copy = everyday_foods(two)
    log_food(two, When("default", DAY, 13 * 60), "almonds", "30 g")
    assert everyday_foods(two) is copy


def test_threads_share_one_assessment(two: Database, kb: KnowledgeBase) -> None:
    results: list[DayAssessment] = []
    start = threading.Barrier(6)

    def work() -> None:
        start.wait()
        results.append(day_report(two, kb, "default", DAY))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 6 and all(r is results[0] for r in results)


# -- the cache itself ------------------------------------------------------------------------


def test_recent_keeps_the_most_recently_used() -> None:
    recent: Recent[str] = Recent(size=2)
    made: list[str] = []

    def make(key: str) -> str:
        made.append(key)
        return key.upper()

    got = [recent.get(key, partial(make, key)) for key in ("a", "b", "a", "c", "a", "b")]
    assert got == ["A", "B", "A", "C", "A", "B"]
    assert made == ["a", "b", "c", "b"]  # "b" was the least recently used when "c" came
    assert len(recent) == 2


def test_recent_makes_a_missing_key_once_for_concurrent_callers() -> None:
    recent: Recent[object] = Recent(size=4)
    calls: list[int] = []
    start, release = threading.Barrier(5), threading.Event()

    def make() -> object:
        calls.append(1)
        release.wait(5)
        return object()

    results: list[object] = []

    def work() -> None:
        start.wait()
        results.append(recent.get("key", make))

    threads = [threading.Thread(target=work) for _ in range(5)]
    for thread in threads:
        thread.start()
    release.set()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and len(results) == 5 and len({id(r) for r in results}) == 1


def test_recent_remembers_nothing_when_make_fails() -> None:
    recent: Recent[int] = Recent(size=4)

    def fail() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        recent.get("key", fail)
    assert recent.get("key", lambda: 7) == 7
