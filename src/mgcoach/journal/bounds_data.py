"""The bounds of data/bounds.toml: its records, loaded once and checked as a file (every bound
with known sources and a basis, every range a range, every nutrient bounded).

The checks that use them at run time are journal/bounds.py, which also exports these names.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from datetime import date
from functools import cache
from importlib import resources

from ..errors import KnowledgeError
from ..foods.nutrients import nutrient_keys
from ..frozen import frozen
from ..i18n import N_


@frozen
class NumberBound:
    """The range of one stored number: ``low`` (excluded when ``low_open``) to ``high``."""

    key: str
    low: float
    high: float
    low_open: bool
    unit: str
    sources: tuple[str, ...]
    basis: str
    above_is_emergency: bool = False  # a value above ``high``, if true, needs help at once

    def admits(self, value: float) -> bool:
        if not math.isfinite(value):
            return False
        above = self.low < value if self.low_open else self.low <= value
        return above and value <= self.high


@frozen
class TextBound:
    key: str
    max: int
    sources: tuple[str, ...]
    basis: str


@frozen
class Bounds:
    earliest: date
    latest: date
    max_id: int
    numbers: Mapping[str, NumberBound]
    texts: Mapping[str, TextBound]


def _source_ids() -> frozenset[str]:
    text = resources.files("mgcoach.knowledge").joinpath("data/sources.toml").read_text("utf-8")
    return frozenset(row["id"] for row in tomllib.loads(text)["source"])


def _sources(row: Mapping[str, object], known: frozenset[str]) -> tuple[str, ...]:
    given = row.get("sources", ())
    sources = tuple(str(s) for s in given) if isinstance(given, list | tuple) else ()
    unknown = [s for s in sources if s not in known]
    if not sources or unknown or not str(row.get("basis", "")).strip():
        raise KnowledgeError(
            N_("Bound {key} in journal bounds needs known sources and a basis."),
            key=row.get("key", "?"),
        )
    return sources


@cache
def bounds() -> Bounds:
    """The bounds of data/bounds.toml, loaded and checked once."""
    text = resources.files(__package__).joinpath("data/bounds.toml").read_text("utf-8")
    data = tomllib.loads(text)
    known = _source_ids()
    dates, ids = data["dates"], data["ids"]
    _sources(dates | {"key": "dates"}, known)
    _sources(ids | {"key": "ids"}, known)
    numbers: dict[str, NumberBound] = {}
    for row in data["number"]:
        low, high = float(row["low"]), float(row["high"])
        if not low < high or row["key"] in numbers:
            raise KnowledgeError(
                N_("Bound {key} in journal bounds is not a range."), key=row["key"]
            )
        numbers[row["key"]] = NumberBound(
            row["key"], low, high, bool(row.get("low_open", False)), row["unit"],
            _sources(row, known), row["basis"], bool(row.get("above_is_emergency", False)),
        )  # fmt: skip
    texts = {
        row["key"]: TextBound(row["key"], int(row["max"]), _sources(row, known), row["basis"])
        for row in data["text"]
    }
    missing = set(nutrient_keys()) - set(numbers)
    if missing:
        raise KnowledgeError(
            N_("Journal bounds lack nutrients: {keys}."), keys=", ".join(sorted(missing))
        )
    return Bounds(dates["earliest"], dates["latest"], int(ids["high"]), numbers, texts)


def number(key: str) -> NumberBound:
    return bounds().numbers[key]


def text_max(key: str) -> int:
    return bounds().texts[key].max
