"""How often a medicine is taken: the ``--med NAME@HH:MM/FREQUENCY`` syntax (English and Dutch
weekdays, every N days, the errors) and ``Frequency.applies_on`` against the calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcoach.engine.clock import parse_med
from mgcoach.errors import InputError
from mgcoach.journal.frequency import DAILY, WEEKDAY_NAMES, Frequency, parse_frequency

MONDAY = date(2026, 11, 30)


def weekly(*days: int) -> Frequency:
    return Frequency(kind="weekly", weekdays=days)


def every(days: int, start: date) -> Frequency:
    return Frequency(kind="every", every_days=days, start=start)


@pytest.mark.parametrize(
    ("text", "expected", "spec"),
    [
        pytest.param("", DAILY, "daily", id="empty-is-daily"),
        pytest.param("daily", DAILY, "daily", id="daily"),
        pytest.param("Dagelijks", DAILY, "daily", id="dagelijks"),
        pytest.param("weekly:mon", weekly(0), "weekly:mon", id="weekly-mon"),
        pytest.param("weekly:mon,thu", weekly(0, 3), "weekly:mon,thu", id="weekly-mon-thu"),
        pytest.param("weekly:thu,mon,mon", weekly(0, 3), "weekly:mon,thu", id="sorted-once"),
        pytest.param("weekly:Sunday", weekly(6), "weekly:sun", id="full-english-name"),
        pytest.param("weekly:ma", weekly(0), "weekly:mon", id="nl-ma"),
        pytest.param("weekly:di,wo", weekly(1, 2), "weekly:tue,wed", id="nl-di-wo"),
        pytest.param("wekelijks:do,vr", weekly(3, 4), "weekly:thu,fri", id="nl-wekelijks"),
        pytest.param("weekly:za, zo", weekly(5, 6), "weekly:sat,sun", id="nl-za-zo-space"),
        pytest.param("weekly:zaterdag", weekly(5), "weekly:sat", id="nl-full-name"),
        pytest.param("weekly:ma,di,wo,do,vr,za,zo", DAILY, "daily", id="all-seven-days-is-daily"),
        pytest.param(
            "every:3d:2026-12-01",
            every(3, date(2026, 12, 1)),
            "every:3d:2026-12-01",
            id="every-3-days",
        ),
        pytest.param(
            "elke:14:2026-01-05",
            every(14, date(2026, 1, 5)),
            "every:14d:2026-01-05",
            id="elke-14-without-d",
        ),
        pytest.param("every:1d:2026-12-01", DAILY, "daily", id="every-day-is-daily"),
    ],
)
def test_parse_frequency(text: str, expected: Frequency, spec: str) -> None:
    parsed = parse_frequency(text)
    assert parsed == expected
    assert parsed.spec == spec
    assert parse_frequency(parsed.spec) == parsed  # the stored text reads back the same


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("monthly", id="unknown-keyword"),
        pytest.param("weekly", id="weekly-without-days"),
        pytest.param("weekly:", id="weekly-empty-days"),
        pytest.param("weekly:xyz", id="unknown-weekday"),
        pytest.param("weekly:mon,", id="empty-weekday"),
        pytest.param("every:3d", id="every-without-start"),
        pytest.param("every:3d:2026-13-01", id="impossible-start"),
        pytest.param("every:xd:2026-12-01", id="every-not-a-number"),
        pytest.param("every:0d:2026-12-01", id="every-0-days"),
        pytest.param("every:400d:2026-12-01", id="every-400-days"),
        pytest.param("daily:mon", id="daily-with-days"),
    ],
)
def test_parse_frequency_rejects(text: str) -> None:
    with pytest.raises(InputError) as error:
        parse_frequency(text)
    assert error.value.exit_code == 2


def test_the_error_names_the_accepted_forms() -> None:
    with pytest.raises(InputError) as error:
        parse_frequency("weekly:someday")
    text = str(error.value)
    assert "weekly:someday" in text
    for form in ("daily", "weekly:DAY", "ma … zo", "every:Nd:YYYY-MM-DD"):
        assert form in text


@pytest.mark.parametrize(
    ("spec", "name", "times", "frequency"),
    [
        pytest.param("alendronate@07:00/weekly:mon", "alendronate", (420,), weekly(0), id="en"),
        pytest.param("x@08:00/weekly:mon,thu", "x", (480,), weekly(0, 3), id="two-days"),
        pytest.param("alendroninezuur@07:00/weekly:ma", "alendroninezuur", (420,), weekly(0)),
        pytest.param(
            "y@08:00,20:00/every:3d:2026-12-01",
            "y",
            (480, 1200),
            every(3, date(2026, 12, 1)),
            id="every-3-days-two-times",
        ),
        pytest.param("alendronate/weekly:zo", "alendronate", (), weekly(6), id="no-times"),
        pytest.param(
            "dolutegravir/rilpivirine@08:00",
            "dolutegravir/rilpivirine",
            (480,),
            DAILY,
            id="slash-in-name",
        ),
        pytest.param(
            "dolutegravir/rilpivirine", "dolutegravir/rilpivirine", (), DAILY, id="slash-no-at"
        ),
        pytest.param("levothyroxine@07:00/daily", "levothyroxine", (420,), DAILY, id="daily"),
    ],
)
def test_parse_med_with_a_frequency(
    spec: str, name: str, times: tuple[int, ...], frequency: Frequency
) -> None:
    assert parse_med(spec) == (name, times, frequency)


@pytest.mark.parametrize(
    "spec",
    [
        pytest.param("alendronate@07:00/", id="empty-frequency"),
        pytest.param("alendronate@07:00/weekly:xx", id="bad-weekday"),
        pytest.param("alendronate@07:00/monday", id="weekday-without-keyword"),
        pytest.param("alendronate@25:00/weekly:mon", id="bad-time"),
        pytest.param("@07:00/weekly:mon", id="no-name"),
        pytest.param("/weekly:mon", id="only-a-frequency"),
    ],
)
def test_parse_med_rejects_a_bad_frequency(spec: str) -> None:
    with pytest.raises(InputError):
        parse_med(spec)


def test_words_for_the_days() -> None:
    assert weekly(0).label.en == "on Mondays"
    assert weekly(0, 3).label.nl == "op maandag en donderdag"
    assert weekly(0, 2, 4).label.en == "on Mondays, Wednesdays and Fridays"
    assert every(3, date(2026, 12, 1)).label.nl == "om de 3 dagen vanaf 2026-12-01"
    assert DAILY.daily and not weekly(0).daily


DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
WEEKDAYS = st.sets(st.integers(0, 6), min_size=1, max_size=6).map(lambda s: tuple(sorted(s)))


@given(days=WEEKDAYS, day=DAYS)
def test_weekly_applies_on_its_weekdays(days: tuple[int, ...], day: date) -> None:
    frequency = parse_frequency("weekly:" + ",".join(WEEKDAY_NAMES[d][2] for d in days))
    assert frequency.applies_on(day) is (day.weekday() in days)


@given(count=st.integers(2, 365), start=DAYS, day=DAYS)
def test_every_n_days_applies_on_multiples_from_the_start(
    count: int, start: date, day: date
) -> None:
    frequency = parse_frequency(f"every:{count}d:{start.isoformat()}")
    assert frequency.applies_on(day) is ((day - start).days % count == 0)
    assert frequency.applies_on(start + timedelta(days=count * 3))


@given(day=DAYS)
def test_daily_applies_every_day(day: date) -> None:
    assert DAILY.applies_on(day)


def test_an_inconsistent_frequency_cannot_be_made() -> None:
    with pytest.raises(ValueError):
        Frequency(kind="weekly")
    with pytest.raises(ValueError):
        Frequency(kind="every", every_days=3)
    with pytest.raises(ValueError):
        Frequency(kind="daily", weekdays=(0,))
    assert MONDAY.weekday() == 0
