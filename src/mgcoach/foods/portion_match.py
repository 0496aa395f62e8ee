"""An amount of a food in grams (``PortionMatch``), the portion a label typed back names ("1
kopje (240 g)", the chip text of the Log page), and a resolved amount as a label with its grams.

``portions.resolve`` tries ``labelled`` first: a portion label filled in as an amount weighs
exactly its portion, in English and in Dutch, even where the Dutch words of two portions are
the same ("1 stuk (52 g)", "1 stuk (69 g)").
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

from ..frozen import frozen
from .amount_text import AmountText, normalise, parse_amount, portion_words, tokens
from .household import Measure
from .model import Food, Portion
from .portion_labels import grams_step, label, portion_label
from .portion_names import LANGS
from .portion_readings import readings


class Basis(StrEnum):
    """Where the grams came from."""

    MASS = "mass"
    PORTION = "portion"
    VOLUME = "volume"
    SERVING = "serving"
    WATER = "water"
    HOUSEHOLD = "household"


@frozen
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


def labelled(amount: AmountText, food: Food) -> PortionMatch | None:
    """The food's own portion whose label the amount is ("1 middelgrote (118 g)"), scaled to
    its number ("2 middelgrote (118 g)" is two); None when it is no label of the food."""
    if amount.grams is None or amount.unit is None:
        return None
    wanted, typed = tokens(amount.detail), normalise(amount.text)
    found: list[tuple[int, Portion, float]] = []
    for item in readings(food):
        for lang in LANGS:
            shown = _label_read(item.portion, lang)
            if shown is None:
                continue
            read, text = shown
            if read.unit != amount.unit or tokens(read.detail) != wanted:
                continue
            scale = amount.quantity / read.quantity
            # The very label first (another portion's label in the other language may read
            # the same), then the label's own weight, then the weight of the number typed
            # ("2 kopjes (480 g)"), which a smaller portion of the same words may also reach.
            if _near(amount.grams, item.portion.grams):
                found.append((0 if text == typed else 1 if scale == 1 else 2, item.portion, scale))
            elif _near(amount.grams, item.portion.grams * scale):
                found.append((3, item.portion, scale))
    if not found:
        return None
    _, portion, scale = min(found, key=lambda entry: entry[0])
    return PortionMatch(
        grams=portion.grams * scale,
        quantity=amount.quantity,
        unit=amount.unit,
        portion=portion,
        basis=Basis.PORTION,
        label=label(portion, "en", portion.amount * scale).measure,
        alternatives=(),
    )


def _near(given: float, grams: float) -> bool:
    """Whether a label's weight is ``grams`` as labels round it."""
    return abs(given - grams) <= grams_step(grams) + 1e-9


@lru_cache(maxsize=8192)
def _label_read(portion: Portion, lang: str) -> tuple[AmountText, str] | None:
    """A portion's label in ``lang`` read as a typed amount, and its normalised text; None for
    a label that is a weight ("28 g")."""
    shown = label(portion, lang)
    return None if shown.grams is None else (parse_amount(shown.text), normalise(shown.text))


def amount_label(match: PortionMatch, lang: str) -> str:
    """A resolved amount as shown, with its grams: its portion's label scaled to the amount
    ("2 slices (64 g)"), else its measure and grams ("1 eetlepel (15 g)", "30 g")."""
    portion = match.portion
    if portion is not None and match.basis in (Basis.PORTION, Basis.SERVING, Basis.HOUSEHOLD):
        return portion_label(portion, lang, match.grams / portion.grams_each)
    word = portion_words().unit(match.unit or "")
    words = word.en[0] if word is not None else (match.unit or "g")
    return portion_label(Portion(match.quantity, words, match.grams), lang)
