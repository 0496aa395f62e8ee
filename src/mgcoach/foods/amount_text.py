"""Reading what a user types for an amount of food ("1/2 cup", "1,5 l", "2 sneetjes", "een
halve kop") into a number, a canonical measure word and the words after it.

The words live in ``data/portion_words.toml`` (English and Dutch). This module knows no
weights: ``foods.portions`` turns an AmountText into grams with the food's own portions.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from ..errors import KnowledgeError, PortionError
from ..frozen import frozen
from ..i18n import N_
from ..units import Dimension, is_unit
from .portion_names import MeasureName, label_rules

WORDS_FILE = "data/portion_words.toml"
MAX_QUANTITY = 100_000  # of one measure; more is a typing slip, not food
MAX_GRAMS = 50_000
_SOURCES = frozenset({"MGCOACH"})
_DIMENSIONS = {"mass": Dimension.MASS, "volume": Dimension.VOLUME}

# "1 1/2", "1-1/2", "1/2", "1.5", "1,5", ".5", "30"; the decimal comma is Dutch.
_NUMBER = re.compile(
    r"(?:(?P<whole>\d+)(?:\s+|\s*-\s*)(?P<num>\d+)\s*/\s*(?P<den>\d+)"
    r"|(?P<fnum>\d+)\s*/\s*(?P<fden>\d+)"
    r"|(?P<dec>\d*[.,]\d+|\d+))"
)
# A word a user may type that is in no list: letters, with inner ' or - ("kid's").
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_TOKEN = re.compile(r"[^\W_]+")
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
# The weight a portion label ends with, alone or after its size: "(118 g)", "(12 fl oz, 368 g)".
_LABEL_GRAMS = re.compile(r"\s*\((?:(?P<size>[^()]*?),\s+)?(?P<grams>\d+(?:[.,]\d+)?)\s*g\)$")


class UnitKind(StrEnum):
    MASS = "mass"
    VOLUME = "volume"
    PORTION = "portion"


@frozen
class UnitWord:
    """One measure or portion word of ``portion_words.toml``."""

    name: str
    kind: UnitKind
    pint: str | None
    matches: tuple[str, ...]
    en: tuple[str, str]
    nl: tuple[str, str]
    words: tuple[str, ...]

    def shown(self, lang: str, quantity: float) -> str:
        """The word as displayed in ``lang``, plural above one."""
        forms = self.nl if lang == "nl" else self.en
        return forms[1] if quantity > 1 else forms[0]


@frozen
class DetailWord:
    """A preparation word and its Dutch form ("chopped" / "gehakt")."""

    en: str
    nl: str
    typed_nl: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class PortionWords:
    """Everything ``portion_words.toml`` holds, indexed for reading."""

    units: dict[str, UnitWord]
    typed: dict[str, str]
    numbers: dict[str, float]
    details: tuple[DetailWord, ...]
    fillers: frozenset[str]
    water_g_per_ml: float
    unit_pattern: re.Pattern[str]
    number_pattern: re.Pattern[str]

    def unit(self, name: str) -> UnitWord | None:
        return self.units.get(name)


@frozen
class AmountText:
    """What the user typed, read: ``quantity`` × ``unit``, then ``detail`` words.

    ``unit`` is the canonical measure or portion word ("g", "cup", "medium", "slice"), a word
    of the food's own portions when it is in no list ("drumstick"), or None for a bare number.
    ``grams`` is the weight a portion label ends with ("1 cup (240 g)"), None when not given.
    """

    text: str
    quantity: float
    unit: str | None
    detail: str
    grams: float | None = None


def parse_amount(text: str) -> AmountText:
    """Read "1/2 cup", "1,5l", "2 sneetjes", "half a cup", "2"; anything else is a PortionError."""
    clean, grams = label_grams(normalise(text))
    if not clean:
        raise PortionError(N_("Type an amount, for example 30 g or 1/2 cup."), field="amount")
    if clean[0] in "-−":
        raise PortionError(
            N_("The amount {text} must be more than zero."), field="amount", text=text
        )
    number = _read_number(clean)
    if number is None:
        raise _unreadable(text)
    quantity, rest = number
    check_quantity(quantity, text)
    if not rest:
        return AmountText(text, quantity, None, "", grams)
    if not rest[0].isalpha():
        raise _unreadable(text)
    unit, detail = read_measure(rest)
    return AmountText(text, quantity, unit, detail, grams)


def read_measure(words: str) -> tuple[str, str]:
    """The canonical measure word at the start of ``words`` and the detail after it.

    Used for typed amounts and for the food's own portion words alike, so both read the same:
    "cup, chopped" -> ("cup", "chopped"), "slices" -> ("slice", ""), "drumsticks" ->
    ("drumstick", ""). ``words`` must be normalised (see ``normalise``).
    """
    table = portion_words()
    found = table.unit_pattern.match(words)
    if found is not None:
        unit = table.typed[" ".join(found.group(0).split())]
    else:
        found = _WORD.match(words)
        if found is None:
            return "", _clean_detail(words, table)
        unit = singular(found.group(0))
    return unit, _clean_detail(words[found.end() :], table)


def measure_words(text: str) -> str | None:
    """The normalised words after the number of a typed amount ("1 Cup,  whole" -> "cup,
    whole"); None when the text does not start with a number."""
    number = _read_number(label_grams(normalise(text))[0])
    return None if number is None else number[1]


def label_grams(clean: str) -> tuple[str, float | None]:
    """A normalised text without the weight a portion label ends with, and that weight:
    "1 can (12 fl oz, 368 g)" -> ("1 can (12 fl oz)", 368.0); (clean, None) without one."""
    found = _LABEL_GRAMS.search(clean)
    if found is None:
        return clean, None
    size = f" ({found['size']})" if found["size"] else ""
    return clean[: found.start()] + size, float(found["grams"].replace(",", "."))


def normalise(text: str) -> str:
    """Lower case, one space between words, "½" as " 1/2", compatibility forms folded."""
    spelled = "".join(_spell_fraction(char) for char in text)
    folded = unicodedata.normalize("NFKC", spelled).replace("⁄", "/").replace("’", "'")
    return " ".join(folded.lower().split())


def tokens(text: str) -> list[str]:
    """The words and numbers of a detail, without punctuation."""
    return _TOKEN.findall(text)


def singular(word: str) -> str:
    """A plain English singular for a word in no list, so "drumsticks" finds "drumstick".

    Typed words and portion words go through the same rule, so a wrong singular on both
    sides still matches.
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    return word


def check_quantity(quantity: float, text: str) -> None:
    """Zero and absurd amounts are refused before any food is looked at."""
    if quantity <= 0:
        raise PortionError(
            N_("The amount {text} must be more than zero."), field="amount", text=text
        )
    if quantity > MAX_QUANTITY:
        raise too_large(text)


def too_large(text: str) -> PortionError:
    return PortionError(
        N_("{text} is too much: Mg Coach accepts at most {limit} of a measure and {kg} kg."),
        field="amount",
        text=text,
        limit=MAX_QUANTITY,
        kg=MAX_GRAMS // 1000,
    )


def _unreadable(text: str) -> PortionError:
    return PortionError(
        N_("{text} is not an amount. Start with a number, for example 30 g or 1/2 cup."),
        field="amount",
        text=text,
    )


def _spell_fraction(char: str) -> str:
    if len(char) == 1 and "VULGAR FRACTION" in unicodedata.name(char, ""):
        # NFKC writes "½" as "1⁄2"; the spaces keep "1½" apart as "1 1/2".
        return " " + unicodedata.normalize("NFKC", char) + " "
    return char


def _read_number(clean: str) -> tuple[float, str] | None:
    """The number at the start of a normalised text and the words after it."""
    found = _NUMBER.match(clean)
    if found is not None:
        if found["whole"] is not None:
            value = _fraction(found["num"], found["den"])
            value = None if value is None else int(found["whole"]) + value
        elif found["fnum"] is not None:
            value = _fraction(found["fnum"], found["fden"])
        else:
            value = float(found["dec"].replace(",", "."))
        return None if value is None else (value, clean[found.end() :].strip())
    table = portion_words()
    word = table.number_pattern.match(clean)
    if word is None:
        return None
    return table.numbers[" ".join(word.group(0).split())], clean[word.end() :].strip()


def _fraction(numerator: str, denominator: str) -> float | None:
    return int(numerator) / int(denominator) if int(denominator) else None


def _clean_detail(rest: str, table: PortionWords) -> str:
    detail = rest.lstrip(" ,;:.")
    first, _, after = detail.partition(" ")
    if first in table.fillers:
        detail = after
    return " ".join(detail.split())


@cache
def portion_words() -> PortionWords:
    """The word lists of ``data/portion_words.toml`` with the measure names of
    ``data/portion_labels.toml`` (so a label's Dutch words read back), validated once."""
    text = resources.files(__package__).joinpath(WORDS_FILE).read_text("utf-8")
    return load_portion_words(text, label_rules().names)


def load_portion_words(text: str, names: Iterable[MeasureName] = ()) -> PortionWords:
    """Word lists from TOML text, and more portion words; a bad entry is a KnowledgeError."""
    try:
        return _indexed(tomllib.loads(text), tuple(names))
    except (KeyError, TypeError, ValueError) as error:  # TOMLDecodeError is a ValueError
        raise _bad("-", f"{type(error).__name__}: {error}") from error


def _indexed(data: Mapping[str, object], names: tuple[MeasureName, ...]) -> PortionWords:
    units = [_unit(row) for row in _tables(data, "unit")] + [_named(name) for name in names]
    typed: dict[str, str] = {}
    for unit in units:
        for word in unit.words:
            if typed.setdefault(word, unit.name) != unit.name:
                raise _bad(unit.name, f"the word {word!r} also belongs to {typed[word]!r}")
    numbers = {
        _text(_sourced(row, "word"), "word"): _number(row, "value")
        for row in _tables(data, "number")
    }
    details = tuple(
        DetailWord(_text(row, "en"), _text(row, "nl"), _texts(row, "typed_nl"))
        for row in (_sourced(row, "en") for row in _tables(data, "detail"))
    )
    return PortionWords(
        units={unit.name: unit for unit in units},
        typed=typed,
        numbers=numbers,
        details=details,
        fillers=frozenset(_texts(_sourced(_table(data["filler"]), "words"), "words")),
        water_g_per_ml=_number(_sourced(_table(data["water"]), "grams_per_ml"), "grams_per_ml"),
        unit_pattern=_words_pattern(typed),
        number_pattern=_words_pattern(numbers),
    )


def _words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Any of ``words`` at the start, longest first, ending before a letter."""
    ordered = sorted(words, key=len, reverse=True)
    choices = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
    return re.compile(f"(?:{choices}){_NOT_LETTER_AFTER}", re.IGNORECASE)


def _unit(row: Mapping[str, object]) -> UnitWord:
    name = _text(_sourced(row, "name"), "name")
    try:
        kind = UnitKind(str(row["kind"]))
    except ValueError as error:
        raise _bad(name, f"unknown kind {row['kind']!r}") from error
    pint_name = row.get("pint")
    if kind is UnitKind.PORTION:
        if pint_name is not None:
            raise _bad(name, "a portion word has no pint unit")
    elif not _is_pint_unit(pint_name, kind):
        raise _bad(name, f"pint unit {pint_name!r} is not a {kind}")
    en, nl = _texts(row, "en"), _texts(row, "nl")
    if len(en) != 2 or len(nl) != 2:
        raise _bad(name, "en and nl need [one, more than one]")
    words = _texts(row, "words")
    if any(word != " ".join(word.lower().split()) for word in words):
        raise _bad(name, "typed words are lower case with single spaces")
    return UnitWord(
        name=name,
        kind=kind,
        pint=pint_name if isinstance(pint_name, str) else None,
        matches=_texts(row, "matches") if "matches" in row else (name,),
        en=(en[0], en[1]),
        nl=(nl[0], nl[1]),
        words=words,
    )


def _named(name: MeasureName) -> UnitWord:
    """A measure word of portion_labels.toml: a portion word, typed as named or in English."""
    typed = tuple(dict.fromkeys((name.unit, name.en[0].lower(), name.en[1].lower(), *name.words)))
    return UnitWord(name.unit, UnitKind.PORTION, None, (name.unit,), name.en, name.nl, typed)


def _is_pint_unit(name: object, kind: UnitKind) -> bool:
    return is_unit(name, _DIMENSIONS[kind])


def _sourced(row: Mapping[str, object], key: str) -> Mapping[str, object]:
    if row.get("source") not in _SOURCES:
        raise _bad(str(row.get(key)), f"unknown source {row.get('source')!r}")
    return row


def _table(value: object) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise _bad("-", f"{value!r} is not a table")
    return value


def _tables(data: Mapping[str, object], key: str) -> list[Mapping[str, object]]:
    rows = data[key]
    if not isinstance(rows, list):
        raise _bad(key, "not an array of tables")
    return [_table(row) for row in rows]


def _text(row: Mapping[str, object], key: str) -> str:
    value = row[key]
    if not isinstance(value, str):
        raise _bad(str(row.get("name", key)), f"{key} {value!r} is not text")
    return value


def _texts(row: Mapping[str, object], key: str) -> tuple[str, ...]:
    values = row[key]
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise _bad(str(row.get("name", key)), f"{key} {values!r} is not an array of text")
    return tuple(values)


def _number(row: Mapping[str, object], key: str) -> float:
    value = row[key]
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _bad(key, f"{value!r} is not a number")
    return float(value)


def _bad(entry: str, error: str) -> KnowledgeError:
    return KnowledgeError(
        N_("Bad entry {entry} in {path}: {error}."), entry=entry, path=WORDS_FILE, error=error
    )
