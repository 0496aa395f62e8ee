"""week and trend: per-day sums from SQL against the day-by-day assessment, averages over
logged days, days on target and the symptom trends, on SQLite and PostgreSQL.

Which days count (issue 14): magnesium over the days with food logged; cramps, soreness and
training over the days with anything logged (no cramp entry there is 0 cramps); a day with
nothing logged never counts. A change needs 7 days with data in each half, else "not enough
data yet"; equal halves are "no change"."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcoach.contract.evidence import STRENGTH_WORDS, strength_text
from mgcoach.contract.trend import trend_json
from mgcoach.i18n import set_language
from mgcoach.knowledge import KnowledgeBase
from mgcoach.knowledge.safety import Strength
from mgcoach.knowledge.vocabulary import System
from mgcoach.services import journal_log as log
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.trend import Trend, TrendDay, naive_trend, trend, week_range
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


# -- issue 14: cramps logged going down, many days with nothing logged ------------------------

END = date(2024, 6, 30)  # a Sunday; the history is the 84 days (12 weeks) up to it
CODES = ("no_meaningful_benefit", "not_enough_data", "steady", "unknown", "?")


def log_cramp_history(db: Database, kb: KnowledgeBase, profile: str, end: date,
                      owner: str = "local") -> None:  # fmt: skip
    """Twelve weeks of cramps, fewer per logged day as time goes on, with most of the first
    eight weeks not logged at all: weeks 1-4 eight days of food and 3 cramps; weeks 5-8 eight
    days with 2 cramps (nothing else logged); weeks 9-12 every day: 1 cramp a day for two
    weeks, then 1 cramp every other day and only sleep logged on the days between.

    Counting the days with nothing logged as 0 cramps, the 8-week view read 16/28 = 0.57 a day
    against 21/28 = 0.75: "went up", while every logged day had fewer cramps than before."""
    start = end - timedelta(days=83)

    def at(offset: int, minutes: int = 8 * 60) -> log.When:
        return log.When(profile, start + timedelta(days=offset), minutes, owner=owner)

    def cramps(offset: int, count: int) -> None:
        log.log_symptom(db, kb, at(offset, 3 * 60), "cramp", count=count, severity=5.0,
                        location=None, night=True)  # fmt: skip

    for offset in (0, 3, 7, 10, 14, 17, 21, 24):
        log.log_food(db, at(offset), PUMPKIN_SEEDS, "30 g")
        cramps(offset, 3)
    for offset in (28, 31, 35, 38, 42, 45, 49, 52):
        cramps(offset, 2)
    for offset in range(56, 84):
        if offset < 70 or offset % 2 == 0:
            cramps(offset, 1)
        else:
            log.log_sleep(db, at(offset), 7.0)


@pytest.fixture
def cramp_history(db: Database, kb: KnowledgeBase) -> Database:
    set_profile(db, kb, "p", ProfileChanges(age=45, sex="male"), END - timedelta(days=90))
    log_cramp_history(db, kb, "p", END)
    return db


def _view(db: Database, kb: KnowledgeBase, weeks: int) -> dict[str, Any]:
    return trend_json(kb, trend(db, kb, "p", END - timedelta(days=7 * weeks - 1), END))


def _change(data: dict[str, Any], measure: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [c for c in data["symptom_trends"] if c["measure"] == measure]
    return found[0]


@pytest.mark.parametrize(
    ("weeks", "first", "second", "days"),
    [
        pytest.param(4, 1.0, 0.5, 14, id="4-weeks"),
        pytest.param(8, 1.44, 0.61, 18, id="8-weeks"),  # (8*2 + 10*1)/18, (4*1 + 7)/18
        pytest.param(12, 2.09, 0.68, 22, id="12-weeks"),  # (8*3 + 8*2 + 6)/22, (8 + 7)/22
    ],
)
def test_cramps_logged_going_down_read_as_down_in_every_view(
    cramp_history: Database, kb: KnowledgeBase, weeks: int, first: float, second: float,
    days: int,
) -> None:  # fmt: skip
    data = _view(cramp_history, kb, weeks)
    cramps = _change(data, "cramps")
    assert (cramps["first_half"], cramps["second_half"]) == (first, second)
    assert (cramps["days_first_half"], cramps["days_second_half"]) == (days, days)
    assert (cramps["direction"], cramps["direction_text"]) == ("down", "went down")
    # the days with nothing logged are not cramp-free days: they are left out
    counted = [row["cramps"] for row in data["daily"] if row["cramps"] is not None]
    assert data["days_with_entries"] == len(counted) == 2 * days
    assert data["averages"]["cramps_per_day"] == pytest.approx(
        sum(counted) / len(counted), abs=0.005
    )
    assert all(row["has_entries"] for row in data["daily"] if row["cramps"] is not None)


def test_the_issue_data_by_calendar_days_would_have_gone_up(
    cramp_history: Database, kb: KnowledgeBase
) -> None:
    """The regression's premise: averaged over calendar days, the 8-week halves go up."""
    rows = _view(cramp_history, kb, 8)["daily"]
    first, second = rows[:28], rows[28:]
    assert sum(r["cramps"] or 0 for r in first) / 28 < sum(r["cramps"] or 0 for r in second) / 28


def test_too_few_days_in_a_half_is_not_enough_data(
    cramp_history: Database, kb: KnowledgeBase
) -> None:
    # 13 days of the last two weeks: 6 and 7 days with data, one short of 7 in the first half
    short = trend_json(kb, trend(cramp_history, kb, "p", END - timedelta(days=12), END))
    cramps = _change(short, "cramps")
    assert cramps["direction"] == "not_enough_data"
    assert (cramps["first_half"], cramps["second_half"]) == (None, None)
    assert (cramps["days_first_half"], cramps["days_second_half"]) == (6, 7)
    assert cramps["direction_text"] == "not enough data yet"
    assert cramps["too_few_days"] == "6 and 7 days with data so far; at least 7 needed in each half"
    # a week never has 7 days in each half; the magnesium of 8 food days neither
    week = trend_json(kb, trend(cramp_history, kb, "p", *week_range(END, END)))
    assert {c["direction"] for c in week["symptom_trends"]} == {"not_enough_data"}
    magnesium = _change(_view(cramp_history, kb, 12), "magnesium_mg")
    assert (magnesium["direction"], magnesium["days_first_half"]) == ("not_enough_data", 4)
    assert _view(cramp_history, kb, 12)["association"]["too_few_days"].startswith(
        "Cramps on days on target against days below it: not enough data yet (0 days on target"
    )


def test_equal_halves_are_no_change(db: Database, kb: KnowledgeBase) -> None:
    """One cramp a day for two weeks, and two weeks of sleep only (0 cramps on each day)."""
    set_profile(db, kb, "p", ProfileChanges(age=45, sex="male"), END - timedelta(days=40))
    for offset in range(28):
        day = END - timedelta(days=offset)
        if offset < 14:
            log.log_symptom(db, kb, log.When("p", day, 180), "cramp", count=None, severity=None,
                            location=None, night=None)  # fmt: skip
        else:
            log.log_note(db, log.When("p", day, None, note="Rest day."))
    data = trend_json(kb, trend(db, kb, "p", END - timedelta(days=13), END))
    cramps = _change(data, "cramps")
    assert (cramps["first_half"], cramps["second_half"], cramps["direction"]) == (1.0, 1.0, "same")
    assert cramps["direction_text"] == "no change"
    soreness = _change(data, "soreness")  # no soreness entry on a logged day: none (0)
    assert (soreness["first_half"], soreness["second_half"], soreness["direction"]) == (
        0.0, 0.0, "same",
    )  # fmt: skip
    notes_only = trend_json(
        kb, trend(db, kb, "p", END - timedelta(days=27), END - timedelta(days=14))
    )
    zero = _change(notes_only, "cramps")
    assert (zero["first_half"], zero["second_half"], zero["direction"]) == (0.0, 0.0, "same")


def test_the_rule_is_stated_in_words(cramp_history: Database, kb: KnowledgeBase) -> None:
    result = trend(cramp_history, kb, "p", END - timedelta(days=27), END)
    rule = trend_json(kb, result)["rule"]
    assert (
        "anything logged" in rule["days"]
        and "cramp, soreness or training entry counts as 0" in rule["days"]
    )
    assert "left out, never counted as zero" in rule["days"]
    assert "at least 7 days" in rule["change"]
    assert rule["min_days_per_half"] == 7 and rule["sources"] == ["MGCOACH"]
    set_language("nl")
    try:
        dutch = trend_json(kb, result)
    finally:
        set_language("en")
    assert "als 0 telt" in dutch["rule"]["days"] and "minstens 7 dagen" in dutch["rule"]["change"]
    readable = [dutch["rule"]["days"], dutch["rule"]["change"], dutch["rule"]["basis"]]
    for change in dutch["symptom_trends"]:
        readable += [change["name"], change["direction_text"], change["too_few_days"] or ""]
        if change["evidence"]:
            readable.append(change["evidence"]["strength_text"])
    readable += [dutch["association"]["note"], dutch["association"]["too_few_days"] or ""]
    english = trend_json(kb, result)
    for text in readable:
        assert not any(code in text.split() for code in CODES), text
    assert _change(dutch, "cramps")["direction_text"] == "gedaald"
    for en, nl in zip(english["symptom_trends"], dutch["symptom_trends"], strict=True):
        assert en["direction_text"] != nl["direction_text"] and en["name"] != nl["name"]


def test_every_strength_has_words_in_both_languages(kb: KnowledgeBase) -> None:
    assert set(STRENGTH_WORDS) == set(get_args(Strength))
    assert strength_text("no_meaningful_benefit") == "evidence of no meaningful benefit"
    set_language("nl")
    try:
        dutch = {key: strength_text(key) for key in STRENGTH_WORDS}
    finally:
        set_language("en")
    for key, text in dutch.items():
        assert text != STRENGTH_WORDS[key] and "_" not in text, key


def test_the_threshold_is_a_cited_product_rule(kb: KnowledgeBase) -> None:
    rules = kb.advice.trend
    assert rules.min_days_per_half.value == 7 and rules.min_days_per_half.sources == ("MGCOACH",)
    assert "7" in rules.min_days_per_half.basis.en and "7" in rules.min_days_per_half.basis.nl
    assert rules.steady_share.sources == ("MGCOACH",)


# -- property: days with nothing logged change nothing -----------------------------------------

DAY_SPEC = st.one_of(
    st.none(),  # nothing logged
    st.fixed_dictionaries(
        {
            "food_mg": st.one_of(st.none(), st.floats(0, 900, allow_nan=False)),
            "cramps": st.integers(0, 4),
            "soreness": st.one_of(st.none(), st.floats(0, 10, allow_nan=False)),
            "sleep": st.one_of(st.none(), st.floats(3, 11, allow_nan=False)),
            "training": st.floats(0, 120, allow_nan=False),
        }
    ),
)


def _trend_of(specs: list[dict[str, Any] | None]) -> Trend:
    days = []
    for offset, spec in enumerate(specs):
        day = TrendDay(START + timedelta(days=offset), target_mg=420.0)
        if spec is not None:
            day.entries = 1
            if spec["food_mg"] is not None:
                day.food_entries = 1
                day.food = {"magnesium_mg": spec["food_mg"]}
            day.cramps, day.soreness = spec["cramps"], spec["soreness"]
            day.sleep_hours, day.training_minutes = spec["sleep"], spec["training"]
        days.append(day)
    return Trend("p", System.US, START, START + timedelta(days=len(specs) - 1), tuple(days))


def _readings(data: dict[str, Any]) -> dict[str, Any]:
    keys = ("days_logged", "days_with_entries", "averages", "cramps", "days_with_cramps",
            "symptom_trends", "association")  # fmt: skip
    return {key: data[key] for key in keys}


@settings(max_examples=150, deadline=None)
@given(
    specs=st.lists(DAY_SPEC, min_size=1, max_size=60),
    gaps=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=5),
)
def test_days_with_nothing_logged_never_change_an_average_or_a_direction(
    kb: KnowledgeBase, specs: list[dict[str, Any] | None], gaps: list[tuple[int, int]]
) -> None:
    padded = list(specs)
    for where, count in gaps:
        at = min(where, len(padded))
        padded[at:at] = [None] * count
    plain, longer = trend_json(kb, _trend_of(specs)), trend_json(kb, _trend_of(padded))
    assert _readings(plain) == _readings(longer)
    for change in longer["symptom_trends"]:
        first, second, direction = change["first_half"], change["second_half"], change["direction"]
        if direction == "up":
            assert second > first
        elif direction == "down":
            assert second < first
        elif direction == "same":
            assert first == second
        if first is not None and first == second:
            assert direction == "same" and change["direction_text"] == "no change"
