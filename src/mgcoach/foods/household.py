"""Household measures that USDA's portion table does not give (``data/household.toml``): a
glass of milk, a handful of almonds, a slice of Gouda, which portion is "one" egg or banana.

Each measure carries its source: a USDA SR28 row, or a Mg Coach convention with a note. The
loader checks every entry once; ``foods.portions`` applies them to a food.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources

from ..errors import KnowledgeError
from ..frozen import frozen
from ..i18n import N_
from .amount_text import UnitKind, portion_words, tokens
from .model import Food

HOUSEHOLD_FILE = "data/household.toml"
SOURCES = frozenset({"USDA-SR28", "MGCOACH"})
_FITS_KEYS = frozenset({"ids", "tags", "groups", "fluid", "except_ids", "except_words"})
_FLUID_UNITS = frozenset({"fl oz", "ml", "cl", "dl", "l"})


@frozen
class Fits:
    """Which foods an entry is for: any of ids, tags, groups or "fluid", minus the exceptions."""

    ids: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    fluid: bool = False
    except_ids: frozenset[str] = frozenset()
    except_words: frozenset[str] = frozenset()

    @property
    def everything(self) -> bool:
        return not (self.ids or self.tags or self.groups or self.fluid)

    def __call__(self, food: Food, fluid: bool) -> bool:
        if food.id in self.except_ids or self.except_words & set(tokens(food.name.lower())):
            return False
        return (
            self.everything
            or food.id in self.ids
            or bool(self.tags & food.tags)
            or (food.group is not None and food.group in self.groups)
            or (self.fluid and fluid)
        )


@frozen
class Measure:
    """One household measure: ``unit`` is ``ml`` of the food, ``grams``, or its own USDA
    ``portion``, for the foods it ``fits``."""

    unit: str
    fits: Fits
    source: str
    note: str
    ml: float | None = None
    grams: float | None = None
    portion: str | None = None


@frozen
class Item:
    """Which of the food's own portions counts as one item (an egg, a banana, "1 stuk")."""

    portions: tuple[str, ...]
    fits: Fits
    source: str
    note: str


@frozen
class Household:
    measures: tuple[Measure, ...]
    items: tuple[Item, ...]

    def measure(self, unit: str, food: Food, fluid: bool) -> Measure | None:
        """The first measure named ``unit`` that fits ``food``."""
        return next((m for m in self.measures if m.unit == unit and m.fits(food, fluid)), None)

    def fitting(self, food: Food, fluid: bool) -> list[Measure]:
        """Every measure that fits ``food``, one per unit (the first), in file order."""
        found: dict[str, Measure] = {}
        for item in self.measures:
            if item.unit not in found and item.fits(food, fluid):
                found[item.unit] = item
        return list(found.values())

    def item(self, food: Food, fluid: bool) -> Item | None:
        return next((i for i in self.items if i.fits(food, fluid)), None)


def is_fluid(units: set[str]) -> bool:
    """Whether a food's own portion units (canonical words) name a fluid measure."""
    return bool(units & _FLUID_UNITS)


@cache
def household() -> Household:
    """The entries of ``data/household.toml``, checked once."""
    text = resources.files(__package__).joinpath(HOUSEHOLD_FILE).read_text("utf-8")
    return load_household(text)


def load_household(text: str) -> Household:
    """Household measures from TOML text; a bad entry is a KnowledgeError naming it."""
    try:
        data = tomllib.loads(text)
        measures = tuple(_measure(_table("measure", row)) for row in _list(data, "measure"))
        items = tuple(_item(_table("item", row)) for row in _list(data, "item"))
    except (KeyError, TypeError, ValueError) as error:
        raise _bad("-", f"{type(error).__name__}: {error}") from error
    return Household(measures, items)


def _measure(row: Mapping[str, object]) -> Measure:
    unit = str(row["unit"])
    word = portion_words().unit(unit)
    if word is None or word.kind is not UnitKind.PORTION:
        raise _bad(unit, "unit is not a portion word of portion_words.toml")
    sizes = [key for key in ("ml", "grams", "portion") if key in row]
    if len(sizes) != 1:
        raise _bad(unit, "give exactly one of ml, grams, portion")
    source, note = _sourced(unit, row)
    if "portion" in row and source != "USDA-SR28":
        raise _bad(unit, "a USDA portion has the source USDA-SR28")
    number = _number(unit, row, sizes[0]) if sizes[0] != "portion" else None
    if number is not None and not 0 < number <= 5000:
        raise _bad(unit, f"{sizes[0]} {number} is not a household size")
    return Measure(
        unit=unit,
        fits=_fits(unit, _table(unit, row.get("fits", {}))),
        source=source,
        note=note,
        ml=number if sizes[0] == "ml" else None,
        grams=number if sizes[0] == "grams" else None,
        portion=None if "portion" not in row else str(row["portion"]),
    )


def _item(row: Mapping[str, object]) -> Item:
    portions = tuple(str(p) for p in _list(row, "portions", required=True))
    if not portions:
        raise _bad("item", "portions is empty")
    source, note = _sourced("item", row)
    return Item(portions, _fits("item", _table("item", row.get("fits", {}))), source, note)


def _sourced(entry: str, row: Mapping[str, object]) -> tuple[str, str]:
    source = row.get("source")
    if source not in SOURCES:
        raise _bad(entry, f"unknown source {source!r}")
    note = str(row.get("note", "")).strip()
    if not note:
        raise _bad(entry, "a note says what the size stands for")
    return str(source), note


def _fits(entry: str, raw: Mapping[str, object]) -> Fits:
    unknown = set(raw) - _FITS_KEYS
    if unknown:
        raise _bad(entry, f"unknown fits keys {sorted(unknown)}")
    return Fits(
        ids=_words(entry, raw, "ids"),
        tags=_words(entry, raw, "tags"),
        groups=_words(entry, raw, "groups"),
        fluid=bool(raw.get("fluid", False)),
        except_ids=_words(entry, raw, "except_ids"),
        except_words=_words(entry, raw, "except_words"),
    )


def _table(entry: str, value: object) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise _bad(entry, f"{value!r} is not a table")
    return value


def _list(raw: Mapping[str, object], key: str, required: bool = False) -> list[object]:
    """The array ``key`` of ``raw`` (empty when absent, unless ``required``)."""
    value = raw[key] if required else raw.get(key, [])
    if not isinstance(value, list):
        raise _bad(key, f"{value!r} is not an array")
    return value


def _words(entry: str, raw: Mapping[str, object], key: str) -> frozenset[str]:
    words = _list(raw, key)
    if not all(isinstance(word, str) for word in words):
        raise _bad(entry, f"{key} is not an array of text")
    return frozenset(str(word) for word in words)


def _number(entry: str, row: Mapping[str, object], key: str) -> float:
    value = row[key]
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _bad(entry, f"{key} {value!r} is not a number")
    return float(value)


def _bad(entry: str, error: str) -> KnowledgeError:
    return KnowledgeError(
        N_("Bad entry {entry} in {path}: {error}."), entry=entry, path=HOUSEHOLD_FILE, error=error
    )
