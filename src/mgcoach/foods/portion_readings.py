"""A food's own portions read like typed amounts (unit, detail words), and the choices among
them: the portions the words name exactly, those the detail words fit, the largest volume and
the food's one density; with the factors between units (``units.UNITS``)."""

from __future__ import annotations

from functools import cache, lru_cache

from ..frozen import frozen
from ..units import convert
from .amount_text import (
    AmountText,
    PortionWords,
    UnitKind,
    normalise,
    portion_words,
    read_measure,
    tokens,
)
from .model import Food, Portion

_METRIC = frozenset({"ml", "cl", "dl", "l"})


@frozen
class Reading:
    """A portion of the food, its words read like a typed amount."""

    portion: Portion
    unit: str
    detail: str
    raw: str
    words: frozenset[str]


def readings(food: Food) -> list[Reading]:
    """The food's usable portions (a weight above zero), in the food's own order."""
    return [reading(p) for p in food.portions if p.amount > 0 and p.grams > 0]


@lru_cache(maxsize=8192)
def reading(portion: Portion) -> Reading:
    raw = normalise(portion.unit)
    unit, detail = read_measure(raw)
    return Reading(portion, unit, detail, raw, frozenset(tokens(detail)))


def reading_ml(item: Reading, table: PortionWords) -> float:
    return factor(table.units[item.unit].pint or "", "milliliter")


def unit_kind(unit: str, table: PortionWords) -> UnitKind | None:
    word = table.unit(unit)
    return word.kind if word is not None else None


@lru_cache(maxsize=256)
def factor(source: str, target: str) -> float:
    """How many ``target`` units one ``source`` unit is (US customary volumes)."""
    return convert(1.0, source, target)


def detail_options(detail: str, table: PortionWords) -> list[frozenset[str]]:
    """For each typed detail word, the portion words it may stand for (Dutch read as English)."""
    dutch = _dutch_to_english(table)
    words = [word for word in tokens(detail) if word not in table.fillers]
    options: list[frozenset[str]] = []
    start = 0
    while start < len(words):
        for size in (3, 2, 1):
            phrase = " ".join(words[start : start + size])
            if phrase in dutch or size == 1:
                options.append(frozenset({phrase}) | dutch.get(phrase, frozenset()))
                start += size
                break
    return options


@cache
def _dutch_to_english(table: PortionWords) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for detail in table.details:
        for dutch in (detail.nl, *detail.typed_nl):
            found.setdefault(" ".join(tokens(dutch)), set()).update(tokens(detail.en))
    return {key: frozenset(value) for key, value in found.items()}


def named_exactly(amount: AmountText, raw: str, named: list[Reading]) -> list[Reading]:
    """The portions the words name exactly; same words first, then the same amount."""
    wanted = tokens(amount.detail)
    exact = [item for item in named if tokens(item.detail) == wanted]
    return sorted(
        exact,
        key=lambda i: (i.raw != raw, abs(i.portion.amount - amount.quantity) > 1e-9),
    )


def fitting_detail(detail: str, candidates: list[Reading], table: PortionWords) -> list[Reading]:
    """The candidates the detail words fit ("sliced" in "cup, sliced"), else all of them."""
    if detail:
        wanted = detail_options(detail, table)
        fitting = [c for c in candidates if all(options & c.words for options in wanted)]
        if fitting:
            return fitting
    return candidates


def density(food: Food) -> float | None:
    """The food's one density in g per ml: from its metric or else largest plain volume
    portion (a cup over a spoon: the fill matters less), 1 g per ml for drinking water; None
    without either."""
    table = portion_words()
    volumes = [i for i in readings(food) if unit_kind(i.unit, table) is UnitKind.VOLUME]
    if volumes:
        chosen = largest([i for i in volumes if not i.detail] or volumes, table)
        return chosen.portion.grams_each / reading_ml(chosen, table)
    if "water" in food.tags:
        return table.water_g_per_ml
    return None


def largest(items: list[Reading], table: PortionWords) -> Reading:
    """A metric portion first (weighed per ml or l: no rounding to US measures), else the
    largest volume."""
    return max(
        items,
        key=lambda item: (item.unit in _METRIC, item.portion.amount * reading_ml(item, table)),
    )
