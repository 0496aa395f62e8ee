"""The CLDR data file (src/mgcoach/i18n/cldr.json) is what tools/cldr_extract.py writes from the
installed Babel, every row cites a source, and a bad file stops the load."""

from __future__ import annotations

import copy
import importlib.util
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from mgcoach.i18n import cldr
from mgcoach.i18n.cldr import CldrDataError

TOOL = Path(__file__).resolve().parents[2] / "tools" / "cldr_extract.py"


def raw() -> dict[str, Any]:
    text = resources.files("mgcoach.i18n").joinpath(cldr.DATA_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def test_the_data_file_is_the_tools_output() -> None:
    spec = importlib.util.spec_from_file_location("cldr_extract", TOOL)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    shipped = resources.files("mgcoach.i18n").joinpath(cldr.DATA_FILE).read_text("utf-8")
    assert shipped == tool.text(), "rerun tools/cldr_extract.py (Babel was upgraded?)"


def test_each_language_is_read_with_its_source() -> None:
    english, dutch = cldr.locale("en"), cldr.locale("nl")
    assert (english.decimal, english.group, dutch.decimal, dutch.group) == (".", ",", ",", ".")
    assert english.source.startswith("Unicode CLDR ") and ", via Babel " in english.source
    assert dutch.months_abbreviated[2] == "mrt" and dutch.days_wide[0] == "maandag"
    assert english.compact["other"][1_000_000] == "0M"
    assert all(row["source"] in raw()["sources"] for row in raw()["rows"])
    with pytest.raises(ValueError, match="unsupported language"):
        cldr.locale("de")


def _without(key: str) -> dict[str, Any]:
    data = raw()
    data["rows"] = [row for row in data["rows"] if (row["lang"], row["key"]) != ("nl", key)]
    return data


def _changed(name: str, **change: object) -> dict[str, Any]:
    data = copy.deepcopy(raw())
    row = next(row for row in data["rows"] if (row["lang"], row["key"]) == ("en", name))
    row.update(change)
    return data


def _added(name: str) -> dict[str, Any]:
    data = raw()
    data["rows"].append({"lang": "en", "key": name, "value": ",", "source": "cldr"})
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_without("number.group"), "nl number.group is missing"),
        (_without("date.medium"), "nl date.medium is missing"),
        (_changed("number.decimal", source="nowhere"), "unknown source"),
        (_changed("number.decimal", lang="de"), "unknown language"),
        (_changed("months.format.wide", value=["January"]), "needs 12 names"),
        (_changed("number.decimal", value=""), "en number.decimal is missing"),
        (_added("number.comma"), "unknown rows"),
        (_changed("plural.one", value="n = 1"), "plural rule"),
        (_changed("compact.short.other.1000", key="compact.short.few.1000"), "compact"),
        ({"sources": {}}, "'sources' and 'rows' are required"),
    ],
)
def test_a_bad_data_file_stops_the_load(data: dict[str, Any], message: str) -> None:
    with pytest.raises(CldrDataError, match=message):
        cldr.parse(data)


def test_a_row_twice_stops_the_load() -> None:
    data = raw()
    data["rows"].append(dict(data["rows"][0]))
    with pytest.raises(CldrDataError, match="twice"):
        cldr.parse(data)
