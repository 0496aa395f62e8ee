"""The wording rules of portion labels (``data/portion_labels.toml``): which measures a language
shows in another unit (fl oz as ml in Dutch), what happens to USDA's size notes in
parentheses, and the English and Dutch names of USDA measure words the parser's list lacks.

Every row cites known sources (``knowledge/data/sources.toml``) and says its basis; a bad row is
a KnowledgeError naming it, raised once at first use. This module knows no other module of
``foods``: the parser (``amount_text``) reads the names from here, and ``portion_labels`` applies
the rules.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from enum import StrEnum
from functools import cache
from importlib import resources

from ..errors import KnowledgeError
from ..frozen import frozen
from ..i18n import N_

LABELS_FILE = "data/portion_labels.toml"
LANGS = ("en", "nl")
_CONVERT_TO = frozenset({"ml", "g"})


class SizeKind(StrEnum):
    """What a size note in parentheses says."""

    NLEA = "nlea"
    FLUID = "fluid"
    WEIGHT = "weight"
    METRIC = "metric"
    INCHES = "inches"
    OTHER = "other"


class SizeAction(StrEnum):
    """What a label in one language does with a kind of size note."""

    KEEP = "keep"
    DROP = "drop"
    ML = "ml"


@frozen
class MeasureName:
    """A USDA measure word with its names: ``en`` and ``nl`` are [one, more than one]."""

    unit: str
    en: tuple[str, str]
    nl: tuple[str, str]
    words: tuple[str, ...]
    sources: tuple[str, ...]
    basis: str


@frozen
class LabelRules:
    """Everything ``portion_labels.toml`` holds, indexed."""

    converts: Mapping[tuple[str, str], str]  # (unit, lang) -> the unit it is shown in
    sizes: Mapping[tuple[SizeKind, str], SizeAction]  # (kind, lang) -> what is done
    names: tuple[MeasureName, ...]
    fallback_nl: tuple[str, str]

    def convert(self, unit: str, lang: str) -> str | None:
        return self.converts.get((unit, lang))

    def size(self, kind: SizeKind, lang: str) -> SizeAction:
        return self.sizes[(kind, lang)]


@cache
def label_rules() -> LabelRules:
    """The rules of ``data/portion_labels.toml``, checked once."""
    text = resources.files(__package__).joinpath(LABELS_FILE).read_text("utf-8")
    return load_label_rules(text)


def load_label_rules(text: str) -> LabelRules:
    """Label rules from TOML text; a bad row is a KnowledgeError naming it."""
    try:
        data = tomllib.loads(text)
        known = _source_ids()
        converts = dict(_convert(row, known) for row in _rows(data, "convert"))
        sizes: dict[tuple[SizeKind, str], SizeAction] = {}
        for row in _rows(data, "size"):
            sizes.update(_size(row, known))
        names = tuple(_name(row, known) for row in _rows(data, "name"))
        fallback = _table("fallback", data["fallback"])
        _sourced("fallback", fallback, known)
        fallback_nl = _pair("fallback", fallback, "nl")
    except (KeyError, TypeError, ValueError) as error:  # TOMLDecodeError is a ValueError
        raise _bad("-", f"{type(error).__name__}: {error}") from error
    missing = [f"{k}/{lang}" for k in SizeKind for lang in LANGS if (k, lang) not in sizes]
    if missing:
        raise _bad("size", f"no rule for {', '.join(missing)}")
    units = [name.unit for name in names]
    if len(set(units)) != len(units):
        raise _bad("name", "a unit is named twice")
    return LabelRules(converts, sizes, names, fallback_nl)


def _convert(row: Mapping[str, object], known: frozenset[str]) -> tuple[tuple[str, str], str]:
    unit = _text("convert", row, "unit")
    _sourced(unit, row, known)
    lang, to = _text(unit, row, "lang"), _text(unit, row, "to")
    if lang not in LANGS or to not in _CONVERT_TO:
        raise _bad(unit, f"lang {lang!r} or to {to!r} is unknown")
    return (unit, lang), to


def _size(
    row: Mapping[str, object], known: frozenset[str]
) -> dict[tuple[SizeKind, str], SizeAction]:
    name = _text("size", row, "kind")
    _sourced(name, row, known)
    try:
        kind = SizeKind(name)
        actions = {(kind, lang): SizeAction(_text(name, row, lang)) for lang in LANGS}
    except ValueError as error:
        raise _bad(name, str(error)) from error
    if any(a is SizeAction.ML for a in actions.values()) and kind is not SizeKind.FLUID:
        raise _bad(name, "only a fluid size is shown in ml")
    return actions


def _name(row: Mapping[str, object], known: frozenset[str]) -> MeasureName:
    unit = _text("name", row, "unit")
    sources, basis = _sourced(unit, row, known)
    words = row["words"]
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise _bad(unit, "words is not an array of text")
    if any(w != " ".join(w.lower().split()) for w in (unit, *words)):
        raise _bad(unit, "unit and words are lower case with single spaces")
    en, nl = _pair(unit, row, "en"), _pair(unit, row, "nl")
    return MeasureName(unit, en, nl, tuple(words), sources, basis)


def _pair(entry: str, row: Mapping[str, object], key: str) -> tuple[str, str]:
    value = row[key]
    pair = value if isinstance(value, list) and len(value) == 2 else []
    if not pair or not all(isinstance(v, str) and v.strip() for v in pair):
        raise _bad(entry, f"{key} needs [one, more than one]")
    return str(pair[0]), str(pair[1])


def _sourced(
    entry: str, row: Mapping[str, object], known: frozenset[str]
) -> tuple[tuple[str, ...], str]:
    given = row.get("sources")
    sources = tuple(str(s) for s in given) if isinstance(given, list) else ()
    unknown = [s for s in sources if s not in known]
    basis = str(row.get("basis", "")).strip()
    if not sources or unknown or not basis:
        raise _bad(entry, f"needs known sources (unknown: {unknown}) and a basis")
    return sources, basis


def _source_ids() -> frozenset[str]:
    text = resources.files("mgcoach.knowledge").joinpath("data/sources.toml").read_text("utf-8")
    return frozenset(str(row["id"]) for row in tomllib.loads(text)["source"])


def _rows(data: Mapping[str, object], key: str) -> list[Mapping[str, object]]:
    rows = data[key]
    if not isinstance(rows, list):
        raise _bad(key, "not an array of tables")
    return [_table(key, row) for row in rows]


def _table(entry: str, value: object) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise _bad(entry, f"{value!r} is not a table")
    return value


def _text(entry: str, row: Mapping[str, object], key: str) -> str:
    value = row[key]
    if not isinstance(value, str) or not value.strip():
        raise _bad(entry, f"{key} {value!r} is not text")
    return value


def _bad(entry: str, error: str) -> KnowledgeError:
    return KnowledgeError(
        N_("Bad entry {entry} in {path}: {error}."), entry=entry, path=LABELS_FILE, error=error
    )
