"""Exports opened in Excel and saved again (en-US, en-GB, nl-NL, de-DE; CSV, CSV UTF-8 and
Unicode text) are read to the same values as the export itself; and the property that the
values do not depend on the encoding, separator, decimal mark or line ends a file is written in.
"""

from __future__ import annotations

import codecs
import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcoach.journal.importers import DateOrder, ExternalImport, read_export

from . import samples
from .samples import MAR_13
from .spreadsheets import resave

# MyFitnessPal's sample days (5 and 6 March) alone could be read both ways: one on the 13th.
MFP_MEALS = (*samples.MFP_MEALS, samples.MealRow(MAR_13, "Dinner", {"Calories": 810, "Iron": 4}))
EXPORTS = {
    "servings": lambda: samples.servings_csv(),
    "dailysummary": lambda: samples.daily_csv(),
    "nutrition-summary": lambda: samples.mfp_csv(MFP_MEALS),
}
ORDERS = {
    "en-US": DateOrder.MONTH_FIRST,
    "en-GB": DateOrder.DAY_FIRST,
    "nl-NL": DateOrder.DAY_FIRST,
    "de-DE": DateOrder.DAY_FIRST,
}


def _read(tmp_path: Path, data: bytes, name: str = "export.csv") -> ExternalImport:
    path = tmp_path / name
    path.write_bytes(data)
    return read_export([path])


def values(result: ExternalImport) -> list[tuple[object, ...]]:
    """What a person's journal gets from an import, without where it came from."""
    foods = [
        (f.day, f.time, f.name, f.amount_text, f.kind, f.counted, f.meal, f.category, f.note,
         sorted(f.nutrients.items()), sorted(f.extra.items()))
        for f in result.foods
    ]  # fmt: skip
    supplements = [
        (s.day, s.time, s.name, s.amount_text, s.magnesium_mg, s.compound)
        for s in result.supplements
    ]
    return [*foods, *supplements]


@pytest.mark.parametrize("export", sorted(EXPORTS))
@pytest.mark.parametrize("locale", sorted(ORDERS))
@pytest.mark.parametrize("save_as", ["csv", "csv-utf8", "unicode"])
def test_an_excel_resave_reads_the_same_values(
    tmp_path: Path, export: str, locale: str, save_as: str
) -> None:
    original = EXPORTS[export]()
    resaved = resave(original, locale, save_as=save_as)
    expected = _read(tmp_path, original, "original.csv")
    result = _read(tmp_path, resaved)
    assert values(result) == values(expected)
    report = result.report.files[0]
    assert report.date_order is ORDERS[locale]
    assert report.read == report.used + report.ignored + report.skipped_total
    assert report.skipped_total == 0
    # plain "CSV" is cp1252: the µ of "Selenium (µg)" is no UTF-8, an ASCII-only file reads as it
    encodings = {"csv": {"utf-8", "cp1252"}, "csv-utf8": {"utf-8-sig"}, "unicode": {"utf-16"}}
    assert report.encoding in encodings[save_as]


def test_what_excel_writes_is_what_is_read(tmp_path: Path) -> None:
    data = resave(samples.servings_csv(), "de-DE")
    text = data.decode("cp1252")
    assert text.startswith("Day;Time;Group;Food Name;Amount;Energy (kcal);")
    assert "\r\n05.03.2024;08:05;Breakfast;Oats, rolled;1.00 cup - 81g;307,8;" in text
    assert "Vitamin D (IU);" in text and "Selenium (µg)".encode("cp1252") in data
    result = _read(tmp_path, data)
    oats = result.foods[0]
    assert (oats.day, oats.time, oats.nutrients["energy_kcal"]) == (samples.MAR_5, 485, 307.8)
    assert result.report.files[0].encoding == "cp1252"


def test_nl_resave_with_quoted_headers_and_trailing_spaces(tmp_path: Path) -> None:
    data = resave(samples.servings_csv(), "nl-NL", header_noise=True)
    assert b'"""Time ";' in data  # the header cell as Excel quotes it
    result = _read(tmp_path, data)
    assert values(result) == values(_read(tmp_path, samples.servings_csv(), "original.csv"))


@pytest.mark.parametrize(
    ("line", "energy"),
    [
        pytest.param('2024-03-05,"1,234.5",1', 1234.5, id="en-US-thousands-quoted"),
        pytest.param("05.03.2024;1.234,5;1", 1234.5, id="de-DE-thousands"),
        pytest.param("05.03.2024;1 234,5;1", 1234.5, id="fr-FR-space-thousands"),
        pytest.param("5-3-2024;2345,25;0,5", 2345.25, id="nl-NL"),
        pytest.param("5-3-2024;1.234;0,5", 1234.0, id="nl-NL-points-group-thousands"),
    ],
)
def test_thousands_separators(tmp_path: Path, line: str, energy: float) -> None:
    separator = ";" if ";" in line else ","
    header = separator.join(["Date", "Energy (kcal)", "Magnesium (mg)"])
    data = f"{header}\r\n{line}\r\n13.03.2024{separator}1{separator}1\r\n".encode()
    if separator == ",":
        data = data.replace(b"13.03.2024", b"2024-03-13")
    result = _read(tmp_path, data, "dailysummary.csv")
    assert result.foods[0].day == samples.MAR_5
    assert result.foods[0].nutrients["energy_kcal"] == energy


def test_excel_sep_line_names_the_separator(tmp_path: Path) -> None:
    data = b"sep=;\r\nDate;Energy (kcal);Magnesium (mg)\r\n2024-03-05;1850,5;250\r\n"
    result = _read(tmp_path, data, "dailysummary.csv")
    assert result.foods[0].nutrients["energy_kcal"] == 1850.5
    assert result.foods[0].line == 3


def test_utf16_without_bom(tmp_path: Path) -> None:
    text = "Date\tEnergy (kcal)\tMagnesium (mg)\r\n2024-03-05\t1850.5\t250\r\n"
    result = _read(tmp_path, text.encode("utf-16-le"), "dailysummary.txt")
    assert result.report.files[0].encoding == "utf-16-le"
    assert result.foods[0].nutrients["energy_kcal"] == 1850.5


# --- the property: the same values whatever the file is written in ---------------------------

STYLES = {
    # name: (encoding, separator, decimal mark, BOM)
    "utf8-comma": ("utf-8", ",", ".", b""),
    "utf8-bom-comma": ("utf-8", ",", ".", codecs.BOM_UTF8),
    "cp1252-comma": ("cp1252", ",", ".", b""),
    "cp1252-semicolon-comma-decimal": ("cp1252", ";", ",", b""),
    "utf8-semicolon-point-decimal": ("utf-8", ";", ".", b""),
    "utf16-tab-point": ("utf-16-le", "\t", ".", codecs.BOM_UTF16_LE),
    "utf16-tab-comma-decimal": ("utf-16-le", "\t", ",", codecs.BOM_UTF16_LE),
}
_VALUE = st.integers(min_value=0, max_value=2_999_999).map(lambda c: c / 100)  # < 30,000
_SERVING = st.builds(
    samples.Serving,
    day=st.dates(min_value=date(2015, 1, 1), max_value=date(2025, 12, 31)),
    time=st.one_of(st.none(), st.integers(0, 24 * 60 - 1)),
    group=st.sampled_from(["Breakfast", "Lunch", "Uncategorized"]),
    name=st.sampled_from(["Oats, rolled", "Almonds", 'Yoghurt "Greek"', "Crème fraîche"]),
    amount=st.sampled_from(["1.00 cup - 81g", "30.00 g", "2.00 tablet"]),
    category=st.sampled_from(["Nuts and Seeds", "Dairy and Egg Products"]),
    values=st.fixed_dictionaries(
        {"energy_kcal": _VALUE, "magnesium_mg": _VALUE.map(lambda v: min(v, 19_999.0))}
    ),
)


def _restyle(data: bytes, style: str, crlf: bool, thousands: bool) -> bytes:
    encoding, separator, decimal, bom = STYLES[style]
    rows = list(csv.reader(io.StringIO(data.decode(), newline="")))
    numeric = {i for i, name in enumerate(rows[0]) if "(" in name}
    for row in rows[1:]:
        for index in numeric & set(range(len(row))):
            if row[index]:
                number = float(row[index])
                if thousands and decimal == ".":
                    row[index] = f"{number:,.2f}"
                elif thousands:
                    row[index] = f"{number:,.2f}".replace(",", " ").replace(".", ",")
                elif decimal == ",":
                    row[index] = row[index].replace(".", ",")
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    return bom + buffer.getvalue().encode(encoding)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    servings=st.lists(_SERVING, min_size=1, max_size=6),
    style=st.sampled_from(sorted(STYLES)),
    crlf=st.booleans(),
    thousands=st.booleans(),
)
def test_values_do_not_depend_on_how_the_file_is_written(
    tmp_path: Path, servings: list[samples.Serving], style: str, crlf: bool, thousands: bool
) -> None:
    plain = samples.servings_csv(servings)
    styled = _restyle(plain, style, crlf, thousands)
    assert values(_read(tmp_path, styled, "styled.csv")) == values(
        _read(tmp_path, plain, "plain.csv")
    )
