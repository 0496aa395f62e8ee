"""Household portions from FoodData Central's food_portion.csv (and measure_unit.csv).

The data types word a portion differently:

* SR Legacy: ``amount`` with the measure words in ``modifier`` ("cup, whole", "oz (23 whole
  kernels)") and measure unit 9999 "undetermined", exactly SR28's WEIGHT rows.
* Foundation: ``amount`` × a measure unit ("cup", "tablespoon") with an optional ``modifier``
  ("slices", "large").
* FNDDS (survey): no ``amount``; the household words carry it in ``portion_description``
  ("1 cup", "1/2 cup, cooked"), and ``modifier`` holds a numeric portion code. The
  "Quantity not specified" row is a default amount, not a measure, so it is left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..model import Portion
from .fdc_table import Progress, open_table
from .files import Release

UNDETERMINED = "9999"
NOT_SPECIFIED = "quantity not specified"

# "1", "2.5", ".5", "1/2" or "1 1/2" at the start, then the measure words.
_HOUSEHOLD = re.compile(
    r"^\s*(?:(?P<whole>\d+)\s+(?P<num>\d+)/(?P<den>\d+)"
    r"|(?P<fnum>\d+)/(?P<fden>\d+)"
    r"|(?P<dec>\d+(?:\.\d+)?|\.\d+))\s*(?P<words>.*?)\s*$"
)


def parse_household(text: str) -> tuple[float, str] | None:
    """ "1 cup" -> (1.0, "cup"), "1 1/2 cups" -> (1.5, "cups"); None when it names no measure.

    Words without a leading number ("leaf") count as one of them.
    """
    text = " ".join(text.split())
    if not text or text.lower() == NOT_SPECIFIED:
        return None
    match = _HOUSEHOLD.match(text)
    if match is None:
        return 1.0, text
    if match["whole"] is not None:
        amount = int(match["whole"]) + _fraction(match["num"], match["den"])
    elif match["fnum"] is not None:
        amount = _fraction(match["fnum"], match["fden"])
    else:
        amount = float(match["dec"])
    words = match["words"]
    if amount <= 0 or not words:
        return None
    return amount, words


def _fraction(numerator: str, denominator: str) -> float:
    den = int(denominator)
    return int(numerator) / den if den else 0.0


def measure_units(release: Release) -> dict[str, str]:
    """measure_unit.csv: id -> name ("1000" -> "cup"); empty when the release lacks it."""
    if not release.has("measure_unit.csv"):
        return {}
    with open_table(release, "measure_unit.csv", ("id", "name")) as table:
        key, name = table.index("id", "name")
        return {row[key].strip(): row[name].strip() for row in table.rows()}


def _words(unit: str | None, modifier: str) -> str:
    """The measure words from a unit name and a modifier (a numeric portion code is no word)."""
    modifier = " ".join(modifier.split())
    if modifier.isdigit():
        modifier = ""
    return ", ".join(part for part in (unit, modifier) if part)


def read_portions(
    release: Release, wanted: Mapping[str, object], progress: Progress | None = None
) -> dict[str, tuple[Portion, ...]]:
    """fdc_id -> its portions in ``seq_num`` order, for the foods in ``wanted`` only."""
    if not release.has("food_portion.csv"):
        return {}
    units = measure_units(release)
    found: dict[str, list[tuple[float, int, Portion]]] = {}
    required = ("fdc_id", "seq_num", "amount", "measure_unit_id", "modifier", "gram_weight")
    with open_table(release, "food_portion.csv", (*required, "portion_description"), progress) as t:
        fdc, seq, amount, unit, modifier, grams = t.index(*required)
        description = t.columns["portion_description"]
        for row in t.rows():
            if row[fdc] not in wanted:
                continue
            weight = t.number(row, grams)
            unit_name = None if row[unit] == UNDETERMINED else units.get(row[unit])
            if unit_name == "undetermined":
                unit_name = None
            words = _words(unit_name, row[modifier])
            count = t.number(row, amount)
            if words and count:
                measure: tuple[float, str] | None = (count, words)
            else:
                # FNDDS (and the odd Foundation row): the description carries amount and words.
                measure = parse_household(row[description])
            if measure is None or not weight:
                continue
            order = t.number(row, seq)
            key = (order if order is not None else float("inf"), t.line)
            found.setdefault(row[fdc], []).append((*key, Portion(measure[0], measure[1], weight)))
    return {
        food: tuple(item[2] for item in sorted(items, key=lambda i: (i[0], i[1])))
        for food, items in found.items()
    }
