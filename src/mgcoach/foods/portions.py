"""Grams of an amount of food, from the food's own portion weights, never a guessed density.

Mass units convert with pint. Everything else is read against the food's portions, whose
words go through the same reader as the typed text (``amount_text.read_measure``):

1. the portion the words name exactly ("1 oz (23 whole kernels)", "0.5 cup");
2. a portion of the same measure ("1 cup" of almonds: whole, sliced, slivered, ground), picked
   by the detail words when they fit ("1 cup, sliced"), else USDA's first, the rest as
   alternatives;
3. a volume the food has no portion for, converted with the food's one density, taken from
   its largest volume portion ("1 tbsp" of oat bran = its cup / 16), so 1 l and 1000 ml
   always weigh the same; drinking water without one counts 1 g per ml;
4. a household measure USDA does not give (``data/household.toml``: a glass of milk, a
   handful of almonds), or one item of the food ("1 egg", "2 bananas", "1 stuk") read as its
   own single-item portion; "1 portie" without a USDA serving is the food's usual serving.

An unknown measure is a PortionError listing the measures the food has, in the language the
message is shown in.
"""

from __future__ import annotations

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
    singular,
    tokens,
    too_large,
)
from .household import Measure, household, is_fluid
from .localised import Localised
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
    HOUSEHOLD = "household"


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
    measure: Measure | None = None  # the household measure the grams came from


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
    found = _household(amount, food, known)
    if found is not None:
        return found
    raise _missing(N_("{food} has no {unit}. Use grams, or one of: {choices}."), food, amount)


def _household(amount: AmountText, food: Food, known: list[_Read]) -> PortionMatch | None:
    """A household measure, one item of the food, or a portion as its usual serving."""
    name = amount.unit or ""
    fluid = is_fluid({item.unit for item in known})
    measure = household().measure(name, food, fluid)
    if measure is not None:
        each = _measure_grams(measure, food, known)
        if each is not None:
            return _measured(amount, measure, each)
    if name == "serving" and food.serving:
        serving = parse_amount(food.serving)
        if serving.unit not in (None, "serving"):
            return _serving(replace(amount, unit=None, detail=""), food)
    if name in _ITEM_WORDS or _names_food(name, food):
        if name == "egg" and "egg" not in food.tags:
            return None
        return _item(amount, food, known, fluid)
    return None


_ITEM_WORDS = frozenset({"piece", "each", "egg"})


def _item(amount: AmountText, food: Food, known: list[_Read], fluid: bool) -> PortionMatch | None:
    """One item of the food: the first of its own portions the item list names."""
    rule = household().item(food, fluid)
    if rule is None:
        return None
    for wanted in rule.portions:
        named = [item for item in known if item.unit == wanted]
        if named:
            return _portion(amount, named[0], named[1:])
    return None


def _names_food(word: str, food: Food) -> bool:
    """Whether a typed measure word is the food's own name ("2 bananas", "1 appel")."""
    if len(word) < 3:
        return False
    names = {w for w in _food_words(food)}
    return bool(_word_forms(word) & names)


def _food_words(food: Food) -> set[str]:
    table = portion_words()
    skip = {w for detail in table.details for w in tokens(f"{detail.en} {detail.nl}")}
    texts = (food.name, food.name_nl or "", *food.synonyms, *food.synonyms_nl)
    return {w for text in texts for w in tokens(normalise(text)) if w not in skip and len(w) > 2}


def _word_forms(word: str) -> set[str]:
    """A typed word and its singulars, English and Dutch ("bananen" -> "banaan")."""
    forms = {word, singular(word)}
    if word.endswith("s"):
        forms.add(word[:-1])
    if word.endswith("en") and len(word) > 4:
        stem = word[:-2]
        forms.add(stem)
        if stem[-2] in "aeou" and stem[-1] not in "aeiou" and stem[-3] not in "aeiou":
            forms.add(stem[:-1] + stem[-2] + stem[-1])  # banan -> banaan, per -> peer
    return forms


def _measure_grams(measure: Measure, food: Food, known: list[_Read]) -> float | None:
    """The weight of one household measure of ``food``; None when it cannot be weighed."""
    if measure.grams is not None:
        return measure.grams
    if measure.ml is not None:
        grams_per_ml = density(food)
        return None if grams_per_ml is None else measure.ml * grams_per_ml
    wanted = normalise(measure.portion or "")
    found = next((i for i in known if i.raw == wanted), None)
    return None if found is None else found.portion.grams_each


def _measured(amount: AmountText, measure: Measure, each: float) -> PortionMatch:
    word = portion_words().units[measure.unit]
    # A volume says how much it holds ("glass (200 ml)"); a weight is shown as grams anyway.
    size = "" if measure.ml is None else f" ({format_quantity(measure.ml)} ml)"
    portion = Portion(1.0, f"{word.en[0]}{size}", each, unit_nl=f"{word.nl[0]}{size}")
    return PortionMatch(
        grams=amount.quantity * each,
        quantity=amount.quantity,
        unit=amount.unit,
        portion=portion,
        basis=Basis.HOUSEHOLD,
        label=f"{format_quantity(amount.quantity)} {word.shown('en', amount.quantity)}{size}",
        alternatives=(),
        measure=measure,
    )


def density(food: Food) -> float | None:
    """The food's one density in g per ml: from its metric or else largest plain volume
    portion (a cup over a spoon: the fill matters less), 1 g per ml for drinking water; None
    without either."""
    table = portion_words()
    volumes = [i for i in _readings(food) if _kind(i.unit, table) is UnitKind.VOLUME]
    if volumes:
        chosen = _largest([i for i in volumes if not i.detail] or volumes, table)
        return chosen.portion.grams_each / _unit_ml(chosen, table)
    if "water" in food.tags:
        return table.water_g_per_ml
    return None


def _largest(items: list[_Read], table: PortionWords) -> _Read:
    """A metric portion first (weighed per ml or l: no rounding to US measures), else the
    largest volume."""
    return max(
        items,
        key=lambda item: (item.unit in _METRIC, item.portion.amount * _unit_ml(item, table)),
    )


_METRIC = frozenset({"ml", "cl", "dl", "l"})


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
    """A volume the food has no portion for, weighed with the food's one density (its largest
    plain volume portion, or the largest the detail words fit: "1 tbsp ground"), so every
    volume unit agrees and grams stay proportional to the amount."""
    volumes = [i for i in known if _kind(i.unit, table) is UnitKind.VOLUME]
    label = f"{format_quantity(amount.quantity)} {unit.shown('en', amount.quantity)}"
    unit_ml = _factor(unit.pint or "", "milliliter")
    if volumes:
        if amount.detail:
            fitting = _fitting(amount.detail, volumes, table)
        else:
            fitting = [i for i in volumes if not i.detail] or volumes
        chosen = _largest(fitting, table)
        grams_per_ml = chosen.portion.grams_each / _unit_ml(chosen, table)
        return PortionMatch(
            grams=amount.quantity * unit_ml * grams_per_ml,
            quantity=amount.quantity,
            unit=amount.unit,
            portion=chosen.portion,
            basis=Basis.VOLUME,
            label=label,
            alternatives=(),
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
        if not _measures(food):
            raise _no_portions(food)
        raise PortionError(
            N_(
                "{food} has no usual serving, so a number alone is not enough. Use grams, or "
                "one of: {choices}."
            ),
            food=_name(food),
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
    if not _measures(food):
        return _no_portions(food)
    return PortionError(
        message, food=_name(food), unit=_unit_word(amount.unit or ""), choices=_choices(food)
    )


def _no_portions(food: Food) -> PortionError:
    return PortionError(
        N_("{food} has no household measures. Use grams, for example 30 g."), food=_name(food)
    )


def _name(food: Food) -> Localised:
    return Localised(food.display_name)


def _unit_word(name: str) -> Localised | str:
    word = portion_words().unit(name)
    if word is None:
        return name
    return Localised(lambda lang: name if lang == "en" else word.shown(lang, 1))


def _choices(food: Food) -> Localised:
    """The food's measures as "cup, whole (143 g); oz (28.35 g)" for an error message, in
    the language it is shown in; its household measures ("glass (200 ml)") last."""
    return Localised(lambda lang: _choices_text(food, lang))


def _choices_text(food: Food, lang: str) -> str:
    shown = []
    for portion in _measures(food)[:_MAX_CHOICES]:
        if portion.amount == 1:
            words = _shown(portion.unit, 1, lang, portion.unit_nl)
        else:
            words = portion_label(portion, lang)
        shown.append(f"{words} ({format_quantity(portion.grams, lang)} g)")
    more = len(_measures(food)) > _MAX_CHOICES
    return "; ".join(shown) + ("; …" if more else "")


def _measures(food: Food) -> list[Portion]:
    """The food's own portions, then the household measures that fit it and can be weighed."""
    known = _readings(food)
    found = [item.portion for item in known]
    fluid = is_fluid({item.unit for item in known})
    for measure in household().fitting(food, fluid):
        each = _measure_grams(measure, food, known)
        shown = None if each is None else _measured(_ONE, measure, each).portion
        if shown is not None:
            found.append(shown)
    return found


_ONE = AmountText("1", 1.0, None, "")


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
