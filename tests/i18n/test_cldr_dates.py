"""Our dates (mgcoach.i18n.cldr_dates) are Babel's, character for character: every form the
package writes a date or a moment in, and the chart's "MMMd", in English and Dutch, for days
from 1900 to 2100 (Babel is a development dependency: the oracle here)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from babel.dates import format_date, format_datetime, format_skeleton
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcoach.i18n import cldr_dates
from mgcoach.i18n.cldr import DATE_FORMS, TIME_FORMS

LANGS = ("en", "nl")
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
ZONES = st.sampled_from([None, UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=13))])

TABLE = [
    ("en", "short", date(2026, 3, 1), "3/1/26"),
    ("nl", "short", date(2026, 3, 1), "01-03-2026"),
    ("en", "medium", date(2026, 3, 1), "Mar 1, 2026"),
    ("nl", "medium", date(2026, 3, 1), "1 mrt 2026"),
    ("en", "long", date(1999, 12, 31), "December 31, 1999"),
    ("nl", "long", date(1999, 12, 31), "31 december 1999"),
    ("en", "full", date(2100, 2, 28), "Sunday, February 28, 2100"),
    ("nl", "full", date(1900, 1, 1), "maandag 1 januari 1900"),
]


@pytest.mark.parametrize(("lang", "form", "day", "text"), TABLE)
def test_a_table_of_dates(lang: str, form: str, day: date, text: str) -> None:
    assert cldr_dates.format_date(day, form, lang) == text
    assert format_date(day, format=form, locale=lang) == text


def test_a_moment_and_an_axis_day() -> None:
    moment = datetime(2026, 12, 7, 0, 5, 9)
    assert cldr_dates.format_datetime(moment, "medium", "en") == "Dec 7, 2026, 12:05:09\u202fAM"
    assert cldr_dates.format_datetime(moment, "medium", "nl") == "7 dec 2026, 00:05:09"
    assert cldr_dates.format_skeleton("MMMd", date(2026, 3, 1), "en") == "Mar 1"
    assert cldr_dates.format_skeleton("MMMd", date(2026, 3, 1), "nl") == "1 mrt"


@settings(max_examples=400, deadline=None)
@given(day=DAYS, lang=st.sampled_from(LANGS), form=st.sampled_from(DATE_FORMS))
def test_any_day_reads_as_babel_writes_it(day: date, lang: str, form: str) -> None:
    assert cldr_dates.format_date(day, form, lang) == format_date(day, format=form, locale=lang)
    theirs = format_skeleton("MMMd", day, locale=lang)
    assert cldr_dates.format_skeleton("MMMd", day, lang) == theirs


@settings(max_examples=400, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)),
    zone=ZONES,
    lang=st.sampled_from(LANGS),
    form=st.sampled_from(TIME_FORMS),
)
def test_any_moment_reads_as_babel_writes_it(
    moment: datetime, zone: timezone | None, lang: str, form: str
) -> None:
    moment = moment.replace(tzinfo=zone)  # the wall clock it carries, in any zone
    ours = cldr_dates.format_datetime(moment, form, lang)
    assert ours == format_datetime(moment, format=form, locale=lang)
    assert cldr_dates.format_date(moment, "medium", lang) == format_date(moment, locale=lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_pattern_in_the_data_compiles(lang: str) -> None:
    cldr_dates.check(lang)


@pytest.mark.parametrize(
    ("pattern", "text"), [("d 'de' MMMM", "1 de March"), ("h 'o''clock' a", "1 o'clock PM")]
)
def test_quoted_text_is_literal(pattern: str, text: str) -> None:
    assert cldr_dates.apply(pattern, datetime(2026, 3, 1, 13), "en") == text


@pytest.mark.parametrize("pattern", ["QQQ y", "zzzz", "MMMMM", "d 'open"])
def test_a_field_it_cannot_write_is_refused(pattern: str) -> None:
    with pytest.raises(ValueError, match="date pattern"):
        cldr_dates.compiled(pattern)
