"""Grams of an amount of food, from the food's own portion weights, never a guessed density.

Mass units convert with the unit table (``units.UNITS``). Everything else is read against the
food's portions, whose words go through the same reader as the typed text
(``amount_text.read_measure``):

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

from dataclasses import replace

from ..errors import PortionError
from ..i18n import N_
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
    singular,
    tokens,
    too_large,
)
from .household import Measure, household, is_fluid
from .localised import Localised
from .model import Food, Portion
from .portion_labels import format_quantity, portion_label, shown_words
from .portion_match import Basis, PortionMatch, amount_label, labelled
from .portion_readings import (
    Reading,
    density,
    factor,
    fitting_detail,
    largest,
    named_exactly,
    reading_ml,
    readings,
    unit_kind,
)

# Also imported from here: the display helpers and the density live beside this module.
__all__ = [
    "Basis",
    "PortionMatch",
    "amount_label",
    "density",
    "format_quantity",
    "portion_grams",
    "portion_label",
    "resolve",
]

_MAX_CHOICES = 10


def portion_grams(food: Food, text: str) -> PortionMatch:
    """Grams of ``text`` ("1/2 cup", "2 sneetjes", "30 g", "2") of ``food``."""
    return resolve(parse_amount(text), food)


def resolve(amount: AmountText, food: Food) -> PortionMatch:
    """Grams of a read amount of ``food``; a measure the food has no weight for is an error.
    A portion label typed back ("1 kopje (240 g)") is that very portion."""
    found = labelled(amount, food)
    if found is not None:
        return _checked(found, amount.text)
    if amount.unit is None:
        return _serving(amount, food)
    raw = measure_words(amount.text)
    if raw is None:
        raw = f"{amount.unit} {amount.detail}".strip()
    return _checked(_resolve(amount, raw, food), amount.text)


def _resolve(amount: AmountText, raw: str, food: Food) -> PortionMatch:
    table = portion_words()
    unit = table.unit(amount.unit or "")
    kind = unit.kind if unit is not None else UnitKind.PORTION
    if unit is not None and kind is UnitKind.MASS and not amount.detail:
        return _mass(amount, unit)
    known = readings(food)
    names = unit.matches if unit is not None else (amount.unit or "",)
    named = [item for item in known if item.unit in names]
    exact = named_exactly(amount, raw, named)
    if exact:
        others = exact[1:] if amount.detail else [i for i in named if i is not exact[0]]
        return _portion(amount, exact[0], others)
    if unit is not None and kind is UnitKind.MASS:
        return _mass(amount, unit)
    if named:
        fitting = fitting_detail(amount.detail, named, table)
        return _portion(amount, fitting[0], fitting[1:])
    if unit is not None and kind is UnitKind.VOLUME:
        return _volume(amount, unit, food, known, table)
    found = _household(amount, food, known)
    if found is not None:
        return found
    raise _missing(N_("{food} has no {unit}. Use grams, or one of: {choices}."), food, amount)


def _household(amount: AmountText, food: Food, known: list[Reading]) -> PortionMatch | None:
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


def _item(amount: AmountText, food: Food, known: list[Reading], fluid: bool) -> PortionMatch | None:
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


def _measure_grams(measure: Measure, food: Food, known: list[Reading]) -> float | None:
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


def _mass(amount: AmountText, unit: UnitWord) -> PortionMatch:
    grams = amount.quantity * factor(unit.pint or "", "gram")
    label = f"{format_quantity(amount.quantity)} {unit.shown('en', amount.quantity)}"
    return PortionMatch(grams, amount.quantity, amount.unit, None, Basis.MASS, label, ())


def _portion(amount: AmountText, chosen: Reading, others: list[Reading]) -> PortionMatch:
    portion = chosen.portion
    words = shown_words(portion.unit, amount.quantity, "en", None)
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
    amount: AmountText, unit: UnitWord, food: Food, known: list[Reading], table: PortionWords
) -> PortionMatch:
    """A volume the food has no portion for, weighed with the food's one density (its largest
    plain volume portion, or the largest the detail words fit: "1 tbsp ground"), so every
    volume unit agrees and grams stay proportional to the amount."""
    volumes = [i for i in known if unit_kind(i.unit, table) is UnitKind.VOLUME]
    label = f"{format_quantity(amount.quantity)} {unit.shown('en', amount.quantity)}"
    unit_ml = factor(unit.pint or "", "milliliter")
    if volumes:
        if amount.detail:
            fitting = fitting_detail(amount.detail, volumes, table)
        else:
            fitting = [i for i in volumes if not i.detail] or volumes
        chosen = largest(fitting, table)
        grams_per_ml = chosen.portion.grams_each / reading_ml(chosen, table)
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
            field="amount",
            food=_name(food),
            choices=_choices(food),
        )
    # Scale the serving's own weight: "2" of "0.5 cup" is twice that half cup, even where USDA
    # also lists a whole cup.
    one = _resolve(serving, measure_words(serving.text) or "", food)
    quantity = one.quantity * amount.quantity
    if one.basis is Basis.PORTION and one.portion is not None:
        words = shown_words(one.portion.unit, quantity, "en", None)
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
        message,
        field="amount",
        food=_name(food),
        unit=_unit_word(amount.unit or ""),
        choices=_choices(food),
    )


def _no_portions(food: Food) -> PortionError:
    return PortionError(
        N_("{food} has no household measures. Use grams, for example 30 g."),
        field="amount",
        food=_name(food),
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
    shown = [portion_label(portion, lang) for portion in _measures(food)[:_MAX_CHOICES]]
    more = len(_measures(food)) > _MAX_CHOICES
    return "; ".join(shown) + ("; …" if more else "")


def _measures(food: Food) -> list[Portion]:
    """The food's own portions, then the household measures that fit it and can be weighed."""
    known = readings(food)
    found = [item.portion for item in known]
    fluid = is_fluid({item.unit for item in known})
    for measure in household().fitting(food, fluid):
        each = _measure_grams(measure, food, known)
        shown = None if each is None else _measured(_ONE, measure, each).portion
        if shown is not None:
            found.append(shown)
    return found


_ONE = AmountText("1", 1.0, None, "")
