"""week and trend: per-day sums from SQL against the day-by-day assessment, averages over
logged days, days on target and the symptom trends, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mgcoach.contract.trend import trend_json
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services import journal_log as log
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.trend import naive_trend, trend, week_range
from mgcoach.storage.database import Database

START = date(2024, 3, 4)  # a Monday
PUMPKIN_SEEDS = "usda:12014"  # 592 mg magnesium per 100 g (SR28)


@pytest.fixture
def fortnight(db: Database, kb: KnowledgeBase) -> Database:
    """Two weeks of a 45-year-old man (US target 420 mg): the first week 30 g of pumpkin seeds
    a day and cramps every night, the second week 60 g and 200 mg citrate-magnesium on weekdays
    with fewer cramps; day 3 and day 10 nothing eaten is logged."""
    set_profile(db, kb, "p", ProfileChanges(age=45, sex="male"), START)
    for offset in range(14):
        day = START + timedelta(days=offset)
        second = offset >= 7
        if offset not in (3, 10):
            grams = "60 g" if second else "30 g"
            log.log_food(db, log.When("p", day, 8 * 60), PUMPKIN_SEEDS, grams)
        if second and day.weekday() < 5:
            log.log_supplement(db, kb, log.When("p", day, 21 * 60), None, None,
                               "Magnesium (as citrate) 200 mg")  # fmt: skip
        cramps = 1 if second and offset % 2 else (0 if second else 3)
        if cramps:
            log.log_symptom(db, kb, log.When("p", day, 3 * 60), "cramp", count=cramps,
                            severity=5.0, location=None, night=True)  # fmt: skip
        log.log_sleep(db, log.When("p", day), 6.0 if not second else 7.5)
    return db


def test_trend_agrees_with_every_single_day(fortnight: Database, kb: KnowledgeBase) -> None:
    end = START + timedelta(days=13)
    summed = [d.magnesium_mg for d in trend(fortnight, kb, "p", START, end).days]
    one_by_one = naive_trend(fortnight, kb, "p", START, end)
    # A day with no food logged is "not logged" in a trend (None); the day view says 0 mg food.
    logged = [i for i, v in enumerate(summed) if v is not None]
    assert logged == [0, 1, 2, 4, 5, 6, 7, 8, 9, 11, 12, 13]
    assert [summed[i] for i in logged] == pytest.approx([one_by_one[i] for i in logged], abs=1e-9)


def test_trend_numbers(fortnight: Database, kb: KnowledgeBase) -> None:
    data = trend_json(kb, trend(fortnight, kb, "p", START, START + timedelta(days=13)))
    seeds_30, seeds_60 = 0.3 * 592.0, 0.6 * 592.0
    assert data["days"] == 14 and data["days_logged"] == 12
    # weekdays of week 2 (Mon 11th .. Fri 15th, minus the unlogged 14th) reach 420 mg
    assert data["days_on_target"] == 4
    first = data["daily"][0]
    assert first["magnesium_mg"] == pytest.approx(seeds_30, abs=0.05)
    assert first["target_mg"] == 420.0 and first["cramps"] == 3 and first["cramp_nights"] == 1
    monday2 = data["daily"][7]
    assert monday2["magnesium_mg"] == pytest.approx(seeds_60 + 200, abs=0.05)
    assert monday2["on_target"] is True
    assert data["daily"][3]["logged"] is False and data["daily"][3]["magnesium_mg"] is None
    logged = [seeds_30] * 6 + [seeds_60 + 200] * 4 + [seeds_60] * 2
    assert data["averages"]["magnesium_mg"] == pytest.approx(sum(logged) / 12, abs=0.05)
    assert data["cramps"] == 7 * 3 + 4  # week 2: 1 cramp on the 11th, 13th, 15th and 17th
    trends = {t["measure"]: t for t in data["symptom_trends"]}
    assert trends["cramps"]["direction"] == "down"
    assert trends["cramps"]["first_half"] == 3.0
    assert trends["sleep_hours"]["direction"] == "up"
    assert trends["cramps"]["evidence"]["claim"] == "cramps_idiopathic"
    assert [w["week_of"] for w in data["weeks"]] == ["2024-03-04", "2024-03-11"]
    assert data["weeks"][0]["days_on_target"] == 0 and data["weeks"][1]["days_on_target"] == 4
    # on target: the 11th, 12th, 13th and 15th, with 1, 0, 1 and 1 cramps
    assert data["association"]["cramps_per_day_on_target"] == pytest.approx(0.75)


def test_week_runs_monday_to_sunday_and_not_past_today() -> None:
    assert week_range(date(2024, 3, 7), date(2024, 6, 1)) == (date(2024, 3, 4), date(2024, 3, 10))
    assert week_range(date(2024, 3, 7), date(2024, 3, 8)) == (date(2024, 3, 4), date(2024, 3, 8))
