"""How a portion is shown to a reader, always with its weight: "1 medium (118 g)", "1 middelgrote
(118 g)", "1 can (12 fl oz, 368 g)", "1 blik (355 ml, 368 g)"; in Dutch an ounce is grams
("28 g"). The one place the API, the CLI and the pages name a portion.

The rules are data (``data/portion_labels.toml`` via ``portion_names``; the measure and detail
words of ``data/portion_words.toml``). A label typed back as an amount weighs what it says:
``amount_text`` reads its "(… g)" and ``portion_match`` finds the portion it names.
"""

from __future__ import annotations

import math
import re

from ..frozen import frozen
from .amount_text import PortionWords, UnitKind, normalise, portion_words, read_measure
from .model import Portion
from .portion_dutch import dutch_details
from .portion_names import SizeAction, SizeKind, label_rules
from .portion_readings import factor

_THIRDS_TOLERANCE = 0.004  # USDA writes a third as .33 or .333, two thirds as .67
_GROUP = re.compile(r"\(([^()]*)\)")
_FLUID = re.compile(r"(\d+(?:\.\d+)?|\.\d+)?\s*\bfl\.?\s*oz\b", re.IGNORECASE)
_WEIGHT = re.compile(r"\b(?:oz|ounces?|lbs?|pounds?)\b", re.IGNORECASE)
_METRIC = re.compile(r"^(?:approx\.?\s*)?[\d.,]+\s*(?:ml|cl|dl|l|g|kg)$", re.IGNORECASE)
_INCHES = re.compile(r"\"|\binch(?:es)?\b|\bdia\b", re.IGNORECASE)
_METRIC_WORDS = frozenset({"g", "ml"})


@frozen
class Label:
    """A portion as shown: ``quantity`` ``words`` (``sizes``, ``grams`` g); ``grams`` None when
    the label is itself a weight ("28 g")."""

    quantity: float
    words: str
    sizes: tuple[str, ...]
    grams: float | None
    lang: str

    @property
    def amount(self) -> str:
        """The quantity and words: "1 can", "1/2 kopje", "177 ml" (grams and ml as decimals)."""
        if self.words in _METRIC_WORDS:
            return f"{format_grams(self.quantity, self.lang)} {self.words}"
        return f"{format_quantity(self.quantity, self.lang)} {self.words}"

    @property
    def measure(self) -> str:
        """The label without its weight: "1 can (12 fl oz)", "1 kopje"."""
        return f"{self.amount} ({', '.join(self.sizes)})" if self.sizes else self.amount

    @property
    def text(self) -> str:
        """The label with its weight: "1 can (12 fl oz, 368 g)", "28 g"."""
        if self.grams is None:
            return self.measure
        weight = f"{format_grams(self.grams, self.lang)} g"
        return f"{self.amount} ({', '.join((*self.sizes, weight))})"


def portion_label(portion: Portion, lang: str, quantity: float | None = None) -> str:
    """``quantity`` (default: the portion's own amount) of a portion, with its grams:
    "1 cup, chopped (128 g)"; in Dutch "1 kopje, gehakt (128 g)"."""
    return label(portion, lang, quantity).text


def label(portion: Portion, lang: str, quantity: float | None = None) -> Label:
    """The parts of a portion's label in ``lang`` ("en" or "nl")."""
    amount = portion.amount if quantity is None else quantity
    # A portion of no amount (a bad source row) keeps its grams as they are.
    grams = portion.grams * amount / portion.amount if portion.amount else portion.grams
    own_dutch = lang == "nl" and bool(portion.unit_nl)
    head, notes = split_sizes(portion.unit_nl if own_dutch and portion.unit_nl else portion.unit)
    table = portion_words()
    unit, _ = read_measure(normalise(head))
    word = table.unit(unit)
    to = label_rules().convert(unit, lang)
    if word is not None and word.kind is UnitKind.MASS and (to == "g" or unit == "g"):
        return Label(grams, "g", (), None, lang)
    if word is not None and word.kind is UnitKind.VOLUME and to == "ml":
        ml = amount * factor(word.pint or "", "milliliter")
        return Label(ml, "ml", (), grams, lang)
    sizes = tuple(shown for note in notes if (shown := _size(note, lang)))
    if own_dutch:
        return Label(amount, head, sizes, grams, lang)
    return Label(amount, _words(head, amount, lang, table), sizes, grams, lang)


def split_sizes(words: str) -> tuple[str, list[str]]:
    """USDA's words without their notes in parentheses, and the notes: 'medium (7" to 7-7/8"
    long)' -> ("medium", ['7" to 7-7/8" long']); a stray parenthesis is dropped."""
    notes: list[str] = []
    while (found := _GROUP.search(words)) is not None:
        notes.append(" ".join(found.group(1).split()))
        words = words[: found.start()] + " " + words[found.end() :]
    words = " ".join(words.replace("(", " ").replace(")", " ").split())
    return words.replace(" ,", ",").strip(" ,;"), [note for note in notes if note]


def size_kind(note: str) -> SizeKind:
    """What a size note in parentheses says ("12 fl oz": fluid)."""
    if "nlea" in note.lower():
        return SizeKind.NLEA
    if _FLUID.search(note):
        return SizeKind.FLUID
    if _WEIGHT.search(note):
        return SizeKind.WEIGHT
    if _METRIC.match(note):
        return SizeKind.METRIC
    if _INCHES.search(note):
        return SizeKind.INCHES
    return SizeKind.OTHER


def _size(note: str, lang: str) -> str | None:
    """A size note as ``lang`` shows it, None when left out."""
    action = label_rules().size(size_kind(note), lang)
    if action is SizeAction.KEEP:
        return note
    if action is SizeAction.ML:
        found = _FLUID.search(note)
        if found is None or found.group(1) is None:
            return None
        ml = float(found.group(1)) * factor("fluid_ounce", "milliliter")
        return f"{format_grams(ml, lang)} ml"
    return None


def _words(head: str, quantity: float, lang: str, table: PortionWords) -> str:
    """A portion's words without notes, in ``lang``: the measure (plural above one), then its
    details; Dutch leaves out details it cannot say."""
    found = table.unit_pattern.match(head)
    if found is not None:
        word = table.units[table.typed[" ".join(found.group(0).lower().split())]]
        shown, tail = word.shown(lang, quantity), head[found.end() :]
    else:
        first = re.match(r"\S+", head)
        end = first.end() if first else len(head)
        shown, tail = head[:end], head[end:]
        if lang == "nl":
            names = label_rules().fallback_nl
            shown = names[1] if quantity > 1 else names[0]
    if lang != "nl":
        return f"{shown}{tail}".strip()
    details = dutch_details(tail)
    return f"{shown}, {details}" if details else shown


def shown_words(words: str, quantity: float, lang: str, words_nl: str | None) -> str:
    """A portion's words without a weight (the amount a match was read as): plural above
    one, the USDA words kept in English ('1 1/2 medium (7" to 7-7/8" long)')."""
    if lang == "nl" and words_nl:
        return words_nl
    table = portion_words()
    found = table.unit_pattern.match(words)
    if found is None:
        return words if lang != "nl" else _words(words, quantity, lang, table)
    unit = table.units[table.typed[" ".join(found.group(0).lower().split())]]
    if lang == "nl":
        return _words(split_sizes(words)[0], quantity, lang, table)
    head = found.group(0) if quantity <= 1 else unit.shown(lang, quantity)
    return head + words[found.end() :]


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


def format_grams(grams: float, lang: str = "en") -> str:
    """A label's weight or volume: whole from 10, else one decimal ("4.8", in Dutch "4,8"),
    two below 1."""
    value = _rounded(grams) if grams >= 1 else math.floor(grams * 100 + 0.5) / 100
    text = f"{value:.2f}".rstrip("0").rstrip(".") or "0"
    return text.replace(".", ",") if lang == "nl" else text


def grams_step(grams: float) -> float:
    """How far a label's weight may be from the real one: half its last digit."""
    return 0.5 if grams >= 10 else 0.05 if grams >= 1 else 0.005


def _rounded(value: float) -> float:
    """Whole from 10, else one decimal; halves round up."""
    scale = 1 if value >= 10 else 10
    return math.floor(value * scale + 0.5) / scale
