"""The cell readers every export shares: encodings, line ends, header names, numbers, dates and
12-hour clock times."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcoach.errors import InputError
from mgcoach.journal.importers.csv_text import (
    date_order,
    decode,
    normalise_header,
    parse_date,
    parse_number,
    parse_time,
    read_table,
)
from mgcoach.journal.importers.records import DateOrder

from .samples import format_day, format_time


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param("Día,µg\n".encode(), "Día,µg\n", "utf-8", id="utf8"),
        pytest.param(b"\xef\xbb\xbf" + "Día\n".encode(), "Día\n", "utf-8-sig", id="utf8-bom"),
        pytest.param("Café\n".encode("cp1252"), "Café\n", "cp1252", id="cp1252-fallback"),
        pytest.param("Café µ\n".encode("utf-16"), "Café µ\n", "utf-16", id="utf16-bom"),
        pytest.param(b"\xef\xbb\xbf\xef\xbb\xbfDay\n", "Day\n", "utf-8-sig", id="double-bom"),
    ],
)
def test_decode(data: bytes, text: str, encoding: str) -> None:
    assert decode(data, "x.csv") == (text, encoding)


def test_decode_prefers_utf8_when_it_works() -> None:
    # "Ã©" is what cp1252 would make of UTF-8 "é": UTF-8 must be tried first.
    assert decode("Crème brûlée".encode(), "x.csv")[0] == "Crème brûlée"


def test_binary_file_is_refused() -> None:
    with pytest.raises(InputError, match=r"book\.xlsx is not a CSV text file"):
        decode(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "book.xlsx")


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        pytest.param("Selenium (µg)", "selenium (ug)", id="micro-sign"),
        pytest.param("Selenium (μg)", "selenium (ug)", id="greek-mu"),
        pytest.param("Selenium (mcg)", "selenium (ug)", id="mcg"),
        pytest.param("  Food   Name ", "food name", id="spaces"),
        pytest.param("ENERGY (KCAL)", "energy (kcal)", id="case"),
        pytest.param("Vitamin D (IU)", "vitamin d (iu)", id="iu"),
    ],
)
def test_normalise_header(written: str, normalised: str) -> None:
    assert normalise_header(written) == normalised


@pytest.mark.parametrize(
    ("text", "number"),
    [
        pytest.param("112.60", 112.6, id="decimal"),
        pytest.param("1,234.5", 1234.5, id="thousands"),
        pytest.param("12,345,678", 12345678.0, id="millions"),
        pytest.param(" 30 ", 30.0, id="spaces"),
        pytest.param(".5", 0.5, id="leading-point"),
        pytest.param("-3.2", -3.2, id="negative-read-as-such"),
        pytest.param("0", 0.0, id="zero-is-zero"),
        pytest.param("", None, id="empty-unknown"),
        pytest.param("-", None, id="dash-unknown"),
        pytest.param("N/A", None, id="na-unknown"),
        pytest.param("n/a", None, id="na-lower-unknown"),
    ],
)
def test_parse_number(text: str, number: float | None) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["abc", "1,5", "12,34.5", "1.2.3", "nan", "inf", "1e400", "5 mg"])
def test_unreadable_number(text: str) -> None:
    with pytest.raises(ValueError, match="not a"):
        parse_number(text)


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False).map(lambda x: round(x, 2)))
def test_number_round_trips_with_thousands_separators(value: float) -> None:
    for text in (f"{value:,.2f}", f"{value:.2f}", f"{value}"):
        parsed = parse_number(text)
        assert parsed is not None
        assert math.isclose(parsed, value, rel_tol=1e-12, abs_tol=1e-9)


@pytest.mark.parametrize(
    ("cells", "order"),
    [
        pytest.param(["2024-03-05", "2024-03-13"], DateOrder.ISO, id="iso"),
        pytest.param(["03/05/2024", "03/13/2024"], DateOrder.MONTH_FIRST, id="us"),
        pytest.param(["3/5/2024", "12/31/2024"], DateOrder.MONTH_FIRST, id="us-short"),
        pytest.param(["05/03/2024", "13/03/2024"], DateOrder.DAY_FIRST, id="day-first-anywhere"),
        pytest.param(["5-3-2024", "13-3-2024"], DateOrder.DAY_FIRST, id="nl-dashes"),
        pytest.param(["05.03.2024", "06.03.2024"], DateOrder.DAY_FIRST, id="de-points"),
        pytest.param(["3/5/2024 0:00", "3/13/2024 0:00"], DateOrder.MONTH_FIRST,
                     id="excel-date-time"),
        pytest.param(["2024/03/05", "05/03/2024", "13/03/2024"], DateOrder.DAY_FIRST,
                     id="year-first-cells-say-nothing"),
        pytest.param(["", "Totals"], DateOrder.ISO, id="no-dates"),
    ],
)  # fmt: skip
def test_date_order(cells: list[str], order: DateOrder) -> None:
    assert date_order(cells) is order


@pytest.mark.parametrize(
    "cells",
    [
        pytest.param(["05/03/2024", "06/03/2024"], id="slashes"),
        pytest.param(["3-11-2022", "9-11-2022"], id="dashes"),
        pytest.param(["05.03.2024", "05/03/2024"], id="points-do-not-decide-slashes"),
    ],
)
def test_undecidable_date_order_is_refused(cells: list[str]) -> None:
    with pytest.raises(InputError, match=r"date order: dmy \(day first\), mdy") as raised:
        date_order(cells, "export.csv")
    assert raised.value.params["file"] == "export.csv"


def test_given_date_order_wins() -> None:
    assert date_order(["05/03/2024"], "x.csv", DateOrder.DAY_FIRST) is DateOrder.DAY_FIRST
    assert date_order(["13/03/2024"], "x.csv", DateOrder.MONTH_FIRST) is DateOrder.MONTH_FIRST


def test_dates_both_ways_are_refused() -> None:
    with pytest.raises(InputError, match="some dates day-first") as raised:
        date_order(["13/03/2024", "03/14/2024"], "x.csv")
    assert raised.value.params == {
        "file": "x.csv",
        "day_first": "13/03/2024",
        "month_first": "03/14/2024",
    }


@pytest.mark.parametrize(
    ("text", "order", "day"),
    [
        pytest.param("2024-03-05", DateOrder.ISO, date(2024, 3, 5), id="iso"),
        pytest.param("2024-3-5", DateOrder.ISO, date(2024, 3, 5), id="iso-short"),
        pytest.param("03/05/2024", DateOrder.MONTH_FIRST, date(2024, 3, 5), id="us"),
        pytest.param("3/5/2024", DateOrder.MONTH_FIRST, date(2024, 3, 5), id="us-short"),
        pytest.param("3/5/24", DateOrder.MONTH_FIRST, date(2024, 3, 5), id="us-2-digit-year"),
        pytest.param("05/03/2024", DateOrder.DAY_FIRST, date(2024, 3, 5), id="day-first"),
        pytest.param("2024-03-05", DateOrder.DAY_FIRST, date(2024, 3, 5), id="iso-in-any-file"),
    ],
)
def test_parse_date(text: str, order: DateOrder, day: date) -> None:
    assert parse_date(text, order) == day


@pytest.mark.parametrize(
    ("text", "order"),
    [
        pytest.param("2024-02-30", DateOrder.ISO, id="no-such-day"),
        pytest.param("13/05/2024", DateOrder.MONTH_FIRST, id="month-13"),
        pytest.param("05/03/2024", DateOrder.ISO, id="slash-in-iso-file"),
        pytest.param("March 5, 2024", DateOrder.MONTH_FIRST, id="words"),
        pytest.param("", DateOrder.ISO, id="empty"),
    ],
)
def test_unreadable_date(text: str, order: DateOrder) -> None:
    with pytest.raises(ValueError):
        parse_date(text, order)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_date_round_trips_in_every_style(day: date) -> None:
    for style in ("iso", "us", "us_short", "day_first"):
        text = format_day(day, style)
        order = {"iso": DateOrder.ISO, "day_first": DateOrder.DAY_FIRST}.get(
            style, DateOrder.MONTH_FIRST
        )
        assert parse_date(text, order) == day


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        pytest.param("8:05 AM", 485, id="morning"),
        pytest.param("08:05 am", 485, id="lower-case"),
        pytest.param("8:05AM", 485, id="no-space"),
        pytest.param("8:05 a.m.", 485, id="dotted"),
        pytest.param("12:30 PM", 750, id="noon-half-past"),
        pytest.param("12:10 AM", 10, id="ten-past-midnight"),
        pytest.param("12:00 AM", 0, id="midnight"),
        pytest.param("11:59 PM", 1439, id="last-minute"),
        pytest.param("1:00 PM", 780, id="one-pm"),
        pytest.param("20:15", 1215, id="24-hour"),
        pytest.param("00:00", 0, id="24-hour-midnight"),
        pytest.param("07:30:45", 450, id="seconds-dropped"),
        pytest.param("", None, id="empty"),
    ],
)
def test_parse_time(text: str, minutes: int | None) -> None:
    assert parse_time(text) == minutes


@pytest.mark.parametrize("text", ["13:00 PM", "0:30 AM", "24:00", "8:60", "8 AM", "noon", "8.05"])
def test_unreadable_time(text: str) -> None:
    with pytest.raises(ValueError, match="time"):
        parse_time(text)


@given(st.integers(min_value=0, max_value=24 * 60 - 1))
def test_any_minute_round_trips_as_12_and_24_hour_text(minutes: int) -> None:
    assert parse_time(format_time(minutes, twelve_hour=True)) == minutes
    assert parse_time(format_time(minutes, twelve_hour=False)) == minutes


@pytest.mark.parametrize(
    "end",
    [pytest.param("\n", id="lf"), pytest.param("\r\n", id="crlf"), pytest.param("\r", id="cr")],
)
def test_rows_keep_their_physical_line(end: str) -> None:
    text = end.join(
        ["Day,Food Name", "2024-03-05,Oats", "", '2024-03-05,"Two', 'lines"', ",", "x,y"]
    )
    table = read_table(text.encode(), "s.csv")
    assert table.header == ("Day", "Food Name")
    # The blank line 3 and the all-empty line 6 are no rows; the quoted field spans 4-5.
    assert [(row.line, row.cells) for row in table.rows] == [
        (2, ("2024-03-05", "Oats")),
        (4, ("2024-03-05", "Two" + end + "lines")),
        (7, ("x", "y")),
    ]


def test_header_lookup_is_normalised() -> None:
    table = read_table("Day, Food  Name ,Selenium (μg)\n1,2,3\n".encode(), "s.csv")
    assert table.column("food name") == 1
    assert table.column("Selenium (µg)") == 2  # micro sign asked, Greek mu written
    assert table.column("Selenium (mcg)") == 2
    assert table.column("Magnesium (mg)") is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "is empty", id="empty"),
        pytest.param(b"\xef\xbb\xbf\r\n\r\n", "is empty", id="bom-and-blank-lines"),
        pytest.param(b"Day,Food Name\r\n", "has a header but no rows", id="header-only"),
    ],
)
def test_file_without_rows_is_an_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        read_table(data, "servings.csv")
    assert raised.value.params["file"] == "servings.csv"
