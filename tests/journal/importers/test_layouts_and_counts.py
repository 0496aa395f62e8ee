"""Cronometer's 2011 and current layouts; every row read is used, ignored or skipped (the counts
add up); skip reasons in words; a file none of whose rows can be used is an error; dates in
every written style, and day-first dates that cannot be decided refused, not guessed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcoach.errors import InputError
from mgcoach.i18n import set_language
from mgcoach.journal.importers import DateOrder, ExternalImport, read_export

from . import samples
from .samples import MAR_5, MAR_6, MAR_13
from .test_cronometer import counted_magnesium

# The 2011 layout: no Time, no Category (servings); no Completed (daily summary).
SERVINGS_2011 = (
    "Day,Group,Food Name,Amount,Energy (kcal),Protein (g),Fat (g),Carbs (g),Fiber (g),"
    "Calcium (mg),Iron (mg),Magnesium (mg),Potassium (mg),Sodium (mg),Zinc (mg)\n"
    '2011-06-14,Breakfast,"Oats, rolled",1 cup - 81g,307.80,10.70,5.30,54.80,8.20,42.10,3.40,'
    "112.60,294.00,4.90,2.90\n"
    "2011-06-14,Snacks,Almonds,30 g,173.70,6.40,15.00,6.50,3.80,80.70,1.10,80.40,219.90,0.30,"
    "0.90\n"
)
DAILY_2011 = (
    "Date,Energy (kcal),Protein (g),Fat (g),Carbs (g),Fiber (g),Magnesium (mg)\n"
    "2011-06-14,481.50,17.10,20.30,61.30,12.00,193.00\n"
    "2011-06-15,1813.00,70.00,60.00,230.00,30.00,308.00\n"
)


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_cronometer_2011_layout(tmp_path: Path) -> None:
    paths = [
        _write(tmp_path, "servings.csv", SERVINGS_2011),
        _write(tmp_path, "dailysummary.csv", DAILY_2011),
    ]
    result = read_export(paths)
    assert counted_magnesium(result) == {date(2011, 6, 14): 193.0, date(2011, 6, 15): 308.0}
    oats = result.foods[0]
    assert (oats.time, oats.category, oats.grams, oats.meal) == (None, None, 81.0, "Breakfast")
    assert [(r.read, r.used, r.ignored) for r in result.report.files] == [(2, 2, 0), (2, 1, 1)]


def test_cronometer_current_layout(tmp_path: Path) -> None:
    paths = [
        _write(tmp_path, "servings.csv", samples.servings_csv(crlf=True, bom=True)),
        _write(tmp_path, "dailysummary.csv", samples.daily_csv(crlf=True)),
    ]
    result = read_export(paths)
    assert counted_magnesium(result) == {**samples.DAY_MAGNESIUM, samples.MAR_14: 250.0}


FIXTURES = {
    "servings": lambda: samples.servings_csv(inserts={3: "2024-03-05,oops", 5: "x,y,z"}),
    "daily": lambda: samples.daily_csv(),
    "mfp": lambda: samples.mfp_csv(inserts={2: "Totals,,1961" + ",0" * 17}),
    "servings-2011": lambda: SERVINGS_2011.encode(),
}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chosen=st.sets(st.sampled_from(sorted(FIXTURES)), min_size=1), future=st.booleans())
def test_read_is_used_plus_skipped_plus_ignored(
    tmp_path: Path, chosen: set[str], future: bool
) -> None:
    paths = [_write(tmp_path, f"{name}.csv", FIXTURES[name]()) for name in sorted(chosen)]
    today = MAR_5 if future else None  # later days are skipped as "in the future"
    try:
        result = read_export(paths, today=today)
    except InputError as error:  # a file left with no usable row is refused, with why
        assert "none of its" in str(error) and future
        return
    for report in result.report.files:
        assert report.read == report.used + report.skipped_total + report.ignored
    # each used row is one entry (a food, a supplement or a day total); an ignored one is none
    entries = len(result.foods) + len(result.supplements)
    assert entries == sum(report.used for report in result.report.files)


def test_skip_reasons_are_words_in_english_and_dutch(tmp_path: Path) -> None:
    path = _write(tmp_path, "servings.csv", samples.servings_csv(inserts={3: "2024-03-05,oops"}))
    result: ExternalImport = read_export([path])
    example = result.report.as_dict()["files"][0]["examples"][0]  # type: ignore[index]
    assert example["reason"] == "malformed_row"  # the stable slug, for programs
    assert example["reason_text"] == "wrong number of fields"
    set_language("nl")
    dutch = result.report.as_dict()["files"][0]  # type: ignore[index]
    assert dutch["examples"][0]["reason_text"] == "verkeerd aantal velden"
    assert dutch["skipped_text"] == {"verkeerd aantal velden": 1}


@pytest.mark.parametrize(
    ("data", "reasons"),
    [
        pytest.param("Day,Food Name,Magnesium (mg)\n2099-01-01,Oats,100\n2099-01-02,Oats,90\n",
                     "a day in the future: 2", id="all-in-the-future"),
        pytest.param("Day,Food Name,Magnesium (mg)\n2024-03-05,Oats,lots\n2024-03-06,,1\n",
                     "unreadable nutrient value: 1; no food or meal name: 1", id="all-bad"),
        pytest.param("Date,Magnesium (mg),Completed\n2024-03-05,0,false\n",
                     "a day with nothing logged: 1", id="nothing-logged"),
    ],
)  # fmt: skip
def test_a_file_with_no_usable_row_is_an_error(tmp_path: Path, data: str, reasons: str) -> None:
    path = _write(tmp_path, "export.csv", data)
    with pytest.raises(InputError, match="Nothing was imported") as raised:
        read_export([path], today=date(2025, 1, 1))
    assert raised.value.params["file"] == "export.csv"
    assert raised.value.params["reasons"] == reasons


@pytest.mark.parametrize(
    ("style", "order"),
    [
        pytest.param("{y}-{m:02d}-{d:02d}", DateOrder.ISO, id="yyyy-mm-dd"),
        pytest.param("{m:02d}/{d:02d}/{y}", DateOrder.MONTH_FIRST, id="mm/dd/yyyy"),
        pytest.param("{d:02d}/{m:02d}/{y}", DateOrder.DAY_FIRST, id="dd/mm/yyyy"),
        pytest.param("{d:02d}-{m:02d}-{y}", DateOrder.DAY_FIRST, id="dd-mm-yyyy"),
        pytest.param("{d}.{m}.{y}", DateOrder.DAY_FIRST, id="dd.mm.yyyy"),
    ],
)
def test_date_styles_with_a_deciding_day(tmp_path: Path, style: str, order: DateOrder) -> None:
    rows = "".join(
        f"{style.format(y=d.year, m=d.month, d=d.day)},Oats,{index + 1}\n"
        for index, d in enumerate([MAR_5, MAR_6, MAR_13])
    )
    path = _write(tmp_path, "servings.csv", "Day,Food Name,Magnesium (mg)\n" + rows)
    result = read_export([path])
    assert result.report.files[0].date_order is order
    assert [f.day for f in result.foods] == [MAR_5, MAR_6, MAR_13]


def test_november_day_first_is_refused_then_read_as_told(tmp_path: Path) -> None:
    # 3-9 November 2022 written dd/mm/yyyy: no day above 12, so 03/11 could be 11 March.
    rows = "".join(f"{d:02d}/11/2022,Oats,100\n" for d in range(3, 10))
    path = _write(tmp_path, "servings.csv", "Day,Food Name,Magnesium (mg)\n" + rows)
    with pytest.raises(InputError, match="say the date order") as raised:
        read_export([path])
    assert raised.value.params["example"] == "03/11/2022"
    result = read_export([path], date_order=DateOrder.DAY_FIRST)
    assert [f.day for f in result.foods] == [date(2022, 11, d) for d in range(3, 10)]
    told_month_first = read_export([path], date_order=DateOrder.MONTH_FIRST)
    assert told_month_first.foods[0].day == date(2022, 3, 11)


def test_a_given_order_that_does_not_fit_skips_those_rows(tmp_path: Path) -> None:
    rows = "05/03/2024,Oats,1\n13/03/2024,Oats,2\n"
    path = _write(tmp_path, "servings.csv", "Day,Food Name,Magnesium (mg)\n" + rows)
    result = read_export([path], date_order=DateOrder.MONTH_FIRST)
    assert [f.day for f in result.foods] == [date(2024, 5, 3)]
    assert dict(result.report.files[0].skipped) == {"unreadable_date": 1}


def test_excel_date_with_midnight_time_and_12_hour_times(tmp_path: Path) -> None:
    data = (
        "Day,Time,Food Name,Magnesium (mg)\n"
        "3/5/2024 0:00,12:10 AM,Oats,1\n3/13/2024 0:00,1:30 PM,Oats,2\n3/13/2024,9:05 p.m.,Oats,3\n"
    )
    result = read_export([_write(tmp_path, "servings.csv", data)])
    assert [(f.day, f.time) for f in result.foods] == [
        (MAR_5, 10), (MAR_13, 13 * 60 + 30), (MAR_13, 21 * 60 + 5),
    ]  # fmt: skip
