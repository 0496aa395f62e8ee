"""Grams of an amount of food, from the food's own portion weights, never a guessed density.

Mass units convert with pint. Everything else is read against the food's portions, whose
words go through the same reader as the typed text (``amount_text.read_measure``):

1. the portion the words name exactly ("1 oz (23 whole kernels)", "0.5 cup");
2. a portion of the same measure ("1 cup" of almonds: whole, sliced, slivered, ground), picked
   by the detail words when they fit ("1 cup, sliced"), else USDA's first, the rest as
   alternatives;
3. a volume the food has no portion for, converted from the food's own volume portion
   ("1 tbsp" of oat bran = its cup / 16); drinking water without one counts 1 g per ml.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache, lru_cache

from ..errors import PortionError
from ..i18n import N_
from ..units import ureg
from .amount_text import (
    MAX_GRAMS,
    AmountText,
    PortionWords,
    UnitKind,
    UnitWord,
    measure_words,
    normalise,
    parse_amount,
    portion_words,
    read_measure,
    tokens,
    too_large,
)
from .model import Food, Portion

_MAX_CHOICES = 10
_THIRDS_TOLERANCE = 0.004  # USDA writes a third as .33 or .333, two thirds as .67


class Basis(StrEnum):
    """Where the grams came from."""

    MASS = "mass"
    PORTION = "portion"
    VOLUME = "volume"
    SERVING = "serving"
    WATER = "water"


@dataclass(frozen=True, slots=True)
class PortionMatch:
    """An amount of one food in grams, with the portion the grams came from."""

    grams: float
    quantity: float
    unit: str | None
    portion: Portion | None
    basis: Basis
    label: str
    alternatives: tuple[Portion, ...]


@dataclass(frozen=True, slots=True)
class _Read:
    """A portion of the food, its words read like a typed amount."""

    portion: Portion
    unit: str
    detail: str
    raw: str
    words: frozenset[str]


def portion_grams(food: Food, text: str) -> PortionMatch:
    """Grams of ``text`` ("1/2 cup", "2 sneetjes", "30 g", "2") of ``food``."""
    return resolve(parse_amount(text), food)


def resolve(amount: AmountText, food: Food) -> PortionMatch:
    """Grams of a read amount of ``food``; a measure the food has no weight for is an error."""
    if amount.unit is None:
        return _serving(amount, food)
    raw = measure_words(amount.text)
    if raw is None:
        raw = f"{amount.unit} {amount.detail}".strip()
    return _checked(_resolve(amount, raw, food), amount.text)


def portion_label(portion: Portion, lang: str) -> str:
    """A portion for display: "1 cup, chopped"; in Dutch "1 kopje, gehakt"."""
    words = _shown(portion.unit, portion.amount, lang, portion.unit_nl)
    return f"{format_quantity(portion.amount, lang)} {words}"


def format_quantity(value: float, lang: str = "en") -> str:
    """0.5 -> "1/2", 1.5 -> "1 1/2", 0.333 -> "1/3", else up to two decimals (comma in Dutch)."""
    whole = int(value)
    part = value - whole
    for denominator in (2, 3, 4, 8):
        numerator = round(part * denominator)
        tolerance = _THIRDS_TOLERANCE if denominator == 3 else 1e-6
        if 0 < numerator < denominator and abs(part - numerator / denominator) <= tolerance:
            fraction = f"{numerator}/{denominator}"
            return f"{whole} {fraction}" if whole else fraction
    text = f"{value:.2f}" if value >= 0.01 else f"{value:.2g}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


def _resolve(amount: AmountText, raw: str, food: Food) -> PortionMatch:
    table = portion_words()
    unit = table.unit(amount.unit or "")
    kind = unit.kind if unit is not None else UnitKind.PORTION
    if unit is not None and kind is UnitKind.MASS and not amount.detail:
        return _mass(amount, unit)
    known = _readings(food)
    names = unit.matches if unit is not None else (amount.unit or "",)
    named = [item for item in known if item.unit in names]
    exact = _exact(amount, raw, named)
    if exact:
        others = exact[1:] if amount.detail else [i for i in named if i is not exact[0]]
        return _portion(amount, exact[0], others)
    if unit is not None and kind is UnitKind.MASS:
        return _mass(amount, unit)
    if named:
        fitting = _fitting(amount.detail, named, table)
        return _portion(amount, fitting[0], fitting[1:])
    if unit is not None and kind is UnitKind.VOLUME:
        return _volume(amount, unit, food, known, table)
    raise _missing(N_("{food} has no {unit}. Use grams, or one of: {choices}."), food, amount)


def _exact(amount: AmountText, raw: str, named: list[_Read]) -> list[_Read]:
    """The portions the words name exactly; same words first, then the same amount."""
    wanted = tokens(amount.detail)
    exact = [item for item in named if tokens(item.detail) == wanted]
    return sorted(
        exact,
        key=lambda i: (i.raw != raw, abs(i.portion.amount - amount.quantity) > 1e-9),
    )


def _fitting(detail: str, candidates: list[_Read], table: PortionWords) -> list[_Read]:
    """The candidates the detail words fit ("sliced" in "cup, sliced"), else all of them."""
    if detail:
        wanted = _detail_options(detail, table)
        fitting = [c for c in candidates if all(options & c.words for options in wanted)]
        if fitting:
            return fitting
    return candidates


def _mass(amount: AmountText, unit: UnitWord) -> PortionMatch:
    grams = amount.quantity * _factor(unit.pint or "", "gram")
    label = f"{format_quantity(amount.quantity)} {unit.shown('en', amount.quantity)}"
    return PortionMatch(grams, amount.quantity, amount.unit, None, Basis.MASS, label, ())


def _portion(amount: AmountText, chosen: _Read, others: list[_Read]) -> PortionMatch:
    portion = chosen.portion
    words = _shown(portion.unit, amount.quantity, "en", None)
    return PortionMatch(
        grams=amount.quantity * portion.grams_each,
        quantity=amount.quantity,
        unit=amount.unit,
        portion=portion,
        basis=Basis.PORTION,
        label=f"{format_quantity(amount.quantity)} {words}",
        alternatives=tuple(item.portion for item in others),
    )


def _volume(
    amount: AmountText, unit: UnitWord, food: Food, known: list[_Read], table: PortionWords
) -> PortionMatch:
    """A volume the food has no portion for, scaled from its volume portion whose unit is
    nearest in size (a spoon from a spoon, a litre from a quart), where packing differs least.
    The unit, not the amount, decides, so grams stay proportional to the amount."""
    volumes = [i for i in known if _kind(i.unit, table) is UnitKind.VOLUME]
    label = f"{format_quantity(amount.quantity)} {unit.shown('en', amount.quantity)}"
    unit_ml = _factor(unit.pint or "", "milliliter")
    if volumes:
        fitting = _fitting(amount.detail, volumes, table)
        chosen = min(fitting, key=lambda item: abs(math.log(_unit_ml(item, table) / unit_ml)))
        factor = _factor(unit.pint or "", table.units[chosen.unit].pint or "")
        return PortionMatch(
            grams=amount.quantity * factor * chosen.portion.grams_each,
            quantity=amount.quantity,
            unit=amount.unit,
            portion=chosen.portion,
            basis=Basis.VOLUME,
            label=label,
            alternatives=tuple(item.portion for item in fitting if item is not chosen),
        )
    if "water" in food.tags:
        grams = amount.quantity * unit_ml * table.water_g_per_ml
        return PortionMatch(grams, amount.quantity, amount.unit, None, Basis.WATER, label, ())
    raise _missing(
        N_(
            "{food} has no volume measure, so {unit} cannot be weighed. Use grams, or one of: "
            "{choices}."
        ),
        food,
        amount,
    )


def _serving(amount: AmountText, food: Food) -> PortionMatch:
    """A bare number: that many of the food's usual serving."""
    serving = parse_amount(food.serving) if food.serving else None
    if serving is None or serving.unit is None:
        if not _readings(food):
            raise _no_portions(food)
        raise PortionError(
            N_(
                "{food} has no usual serving, so a number alone is not enough. Use grams, or "
                "one of: {choices}."
            ),
            food=food.name,
            choices=_choices(food),
        )
    # Scale the serving's own weight: "2" of "0.5 cup" is twice that half cup, even where USDA
    # also lists a whole cup.
    one = _resolve(serving, measure_words(serving.text) or "", food)
    quantity = one.quantity * amount.quantity
    if one.basis is Basis.PORTION and one.portion is not None:
        words = _shown(one.portion.unit, quantity, "en", None)
    else:
        words = portion_words().units[serving.unit].shown("en", quantity)
    return _checked(
        replace(
            one,
            grams=one.grams * amount.quantity,
            quantity=quantity,
            basis=Basis.SERVING,
            label=f"{format_quantity(quantity)} {words}",
        ),
        amount.text,
    )


def _checked(match: PortionMatch, text: str) -> PortionMatch:
    if match.grams > MAX_GRAMS:
        raise too_large(text)
    return match


def _missing(message: str, food: Food, amount: AmountText) -> PortionError:
    if not _readings(food):
        return _no_portions(food)
    return PortionError(message, food=food.name, unit=amount.unit, choices=_choices(food))


def _no_portions(food: Food) -> PortionError:
    return PortionError(
        N_("{food} has no household measures. Use grams, for example 30 g."), food=food.name
    )


def _choices(food: Food) -> str:
    """The food's portions as "cup, whole (143 g); oz (28.35 g)" for an error message."""
    shown = []
    for item in _readings(food)[:_MAX_CHOICES]:
        portion = item.portion
        words = portion.unit if portion.amount == 1 else portion_label(portion, "en")
        shown.append(f"{words} ({format_quantity(portion.grams)} g)")
    more = len(_readings(food)) > _MAX_CHOICES
    return "; ".join(shown) + ("; …" if more else "")


def _readings(food: Food) -> list[_Read]:
    """The food's usable portions (a weight above zero), in the food's own order."""
    return [_read(p) for p in food.portions if p.amount > 0 and p.grams > 0]


@lru_cache(maxsize=8192)
def _read(portion: Portion) -> _Read:
    raw = normalise(portion.unit)
    unit, detail = read_measure(raw)
    return _Read(portion, unit, detail, raw, frozenset(tokens(detail)))


def _unit_ml(item: _Read, table: PortionWords) -> float:
    return _factor(table.units[item.unit].pint or "", "milliliter")


def _kind(unit: str, table: PortionWords) -> UnitKind | None:
    word = table.unit(unit)
    return word.kind if word is not None else None


@lru_cache(maxsize=256)
def _factor(source: str, target: str) -> float:
    """How many ``target`` units one ``source`` unit is (pint, US customary volumes)."""
    return float(ureg.Quantity(1, source).to(target).magnitude)


def _detail_options(detail: str, table: PortionWords) -> list[frozenset[str]]:
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


def _shown(words: str, quantity: float, lang: str, words_nl: str | None) -> str:
    """A portion's words for display: plural above one, Dutch words for ``lang`` "nl"."""
    if lang == "nl" and words_nl:
        return words_nl
    table = portion_words()
    found = table.unit_pattern.match(words)
    head, tail = "", words
    if found is not None:
        unit = table.units[table.typed[" ".join(found.group(0).lower().split())]]
        keep = lang != "nl" and quantity <= 1
        head = found.group(0) if keep else unit.shown(lang, quantity)
        tail = words[found.end() :]
    if lang != "nl":
        return head + tail
    pattern, dutch = _english_to_dutch(table)
    return head + pattern.sub(lambda m: dutch[" ".join(m.group(0).lower().split())], tail)


@cache
def _english_to_dutch(table: PortionWords) -> tuple[re.Pattern[str], dict[str, str]]:
    """Detail and measure words in English -> Dutch, and a pattern finding them in a text."""
    dutch: dict[str, str] = {}
    for detail in table.details:
        dutch.setdefault(detail.en, detail.nl)
    for unit in table.units.values():
        for english, shown in zip(unit.en, unit.nl, strict=True):
            if english.lower() != shown.lower():
                dutch.setdefault(english.lower(), shown)
    ordered = sorted(dutch, key=len, reverse=True)
    choices = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
    pattern = re.compile(rf"(?<![\w-])(?:{choices})(?![\w-])", re.IGNORECASE)
    return pattern, dutch
