"""The CLDR values the package writes numbers and dates with, for English and Dutch only.

They are data (``cldr.json``, each row with its source: Unicode CLDR as Babel ships it),
written by ``tools/cldr_extract.py`` and read here into one frozen ``Locale`` per language;
a missing, unknown or malformed row stops the load. This is not a CLDR engine: the number
patterns (``cldr_numbers``) and date patterns (``cldr_dates``) hold exactly the fields the
package uses, and refuse the rest when the data is loaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from . import LANGUAGES

DATA_FILE = "cldr.json"
DATE_FORMS = ("short", "medium", "long", "full")
TIME_FORMS = ("medium",)
SKELETONS = ("MMMd",)
# The one plural rule the compact numbers need ("one": the integer 1), as CLDR writes it.
PLURAL_ONE = "i in 1 and v in 0"
_TEXTS = (
    "number.decimal", "number.group", "number.infinity", "number.decimal_pattern",
    "number.percent_pattern", "plural.one",
    *(f"date.{form}" for form in DATE_FORMS),
    *(f"time.{form}" for form in TIME_FORMS),
    *(f"datetime.{form}" for form in TIME_FORMS),
    *(f"skeleton.{name}" for name in SKELETONS),
)  # fmt: skip
_LISTS = {
    "months.format.abbreviated": 12,
    "months.format.wide": 12,
    "days.format.wide": 7,
    "periods.format.abbreviated": 2,
}
_COMPACT = "compact.short."


class CldrDataError(ValueError):
    """The CLDR data file is missing a row, has an unknown or malformed one."""


@dataclass(frozen=True, slots=True)
class Locale:
    """One language's symbols, patterns and names (months and weekdays from Monday)."""

    lang: str
    source: str
    decimal: str
    group: str
    infinity: str
    decimal_pattern: str
    percent_pattern: str
    months_abbreviated: tuple[str, ...]
    months_wide: tuple[str, ...]
    days_wide: tuple[str, ...]
    periods: tuple[str, str]  # am, pm
    dates: MappingProxyType[str, str]  # form -> pattern
    times: MappingProxyType[str, str]
    datetimes: MappingProxyType[str, str]  # form -> "{1}, {0}" (1: the date, 0: the time)
    skeletons: MappingProxyType[str, str]
    # plural form ("one", "other") -> magnitude -> pattern, the short compact numbers
    compact: MappingProxyType[str, MappingProxyType[int, str]]


@cache
def locale(lang: str) -> Locale:
    """The CLDR values of ``lang`` (one of ``LANGUAGES``); CldrDataError when the data is bad."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    return _locales()[lang]


@cache
def _locales() -> dict[str, Locale]:
    return parse(json.loads(resources.files(__package__).joinpath(DATA_FILE).read_text("utf-8")))


def parse(raw: object) -> dict[str, Locale]:
    """Every language's ``Locale`` from the data file's JSON; CldrDataError when it is bad."""
    if not isinstance(raw, dict):
        raise CldrDataError(f"{DATA_FILE}: not an object")
    sources = raw.get("sources")
    if not isinstance(sources, dict) or not isinstance(raw.get("rows"), list):
        raise CldrDataError(f"{DATA_FILE}: 'sources' and 'rows' are required")
    rows: dict[str, dict[str, Any]] = {lang: {} for lang in LANGUAGES}
    cited: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for row in raw["rows"]:
        lang, key, value, source = _row(row, sources)
        if key in rows[lang]:
            raise CldrDataError(f"{DATA_FILE}: {lang} {key} twice")
        rows[lang][key] = value
        cited[lang].add(sources[source])
    return {lang: _locale(lang, rows[lang], "; ".join(sorted(cited[lang]))) for lang in LANGUAGES}


def _row(row: object, sources: dict[str, object]) -> tuple[str, str, object, str]:
    if not isinstance(row, dict) or set(row) != {"lang", "key", "value", "source"}:
        raise CldrDataError(f"{DATA_FILE}: a row needs lang, key, value and source: {row!r}")
    lang, key, source = row["lang"], row["key"], row["source"]
    if lang not in LANGUAGES:
        raise CldrDataError(f"{DATA_FILE}: unknown language in {row!r}")
    if source not in sources or not isinstance(sources[source], str):
        raise CldrDataError(f"{DATA_FILE}: unknown source in {row!r}")
    if not isinstance(key, str):
        raise CldrDataError(f"{DATA_FILE}: bad key in {row!r}")
    return lang, key, row["value"], source


def _text(lang: str, rows: dict[str, Any], key: str) -> str:
    value = rows.pop(key, None)
    if not isinstance(value, str) or not value:
        raise CldrDataError(f"{DATA_FILE}: {lang} {key} is missing or not a text")
    return value


def _names(lang: str, rows: dict[str, Any], key: str) -> tuple[str, ...]:
    value = rows.pop(key, None)
    size = _LISTS[key]
    if not isinstance(value, list) or len(value) != size:
        raise CldrDataError(f"{DATA_FILE}: {lang} {key} needs {size} names")
    if not all(isinstance(name, str) and name for name in value):
        raise CldrDataError(f"{DATA_FILE}: {lang} {key} has an empty name")
    return tuple(value)


def _compact(lang: str, rows: dict[str, Any]) -> MappingProxyType[str, MappingProxyType[int, str]]:
    forms: dict[str, dict[int, str]] = {}
    for key in [key for key in rows if key.startswith(_COMPACT)]:
        form, _dot, magnitude = key.removeprefix(_COMPACT).partition(".")
        if form not in ("one", "other") or not magnitude.isdigit():
            raise CldrDataError(f"{DATA_FILE}: {lang} {key} is not a compact pattern's key")
        forms.setdefault(form, {})[int(magnitude)] = _text(lang, rows, key)
    if not forms.get("other"):
        raise CldrDataError(f"{DATA_FILE}: {lang} has no compact patterns")
    return MappingProxyType({form: MappingProxyType(found) for form, found in forms.items()})


def _locale(lang: str, found: dict[str, Any], source: str) -> Locale:
    rows = dict(found)
    texts = {key: _text(lang, rows, key) for key in _TEXTS}
    names = {key: _names(lang, rows, key) for key in _LISTS}
    compact = _compact(lang, rows)
    if rows:
        raise CldrDataError(f"{DATA_FILE}: {lang} has unknown rows {sorted(rows)}")
    if texts["plural.one"] != PLURAL_ONE:
        raise CldrDataError(f"{DATA_FILE}: {lang}'s plural rule is not {PLURAL_ONE!r}")
    am, pm = names["periods.format.abbreviated"]
    return Locale(
        lang=lang,
        source=source,
        decimal=texts["number.decimal"],
        group=texts["number.group"],
        infinity=texts["number.infinity"],
        decimal_pattern=texts["number.decimal_pattern"],
        percent_pattern=texts["number.percent_pattern"],
        months_abbreviated=names["months.format.abbreviated"],
        months_wide=names["months.format.wide"],
        days_wide=names["days.format.wide"],
        periods=(am, pm),
        dates=_forms(texts, "date", DATE_FORMS),
        times=_forms(texts, "time", TIME_FORMS),
        datetimes=_forms(texts, "datetime", TIME_FORMS),
        skeletons=_forms(texts, "skeleton", SKELETONS),
        compact=compact,
    )


def _forms(texts: dict[str, str], kind: str, names: tuple[str, ...]) -> MappingProxyType[str, str]:
    return MappingProxyType({name: texts[f"{kind}.{name}"] for name in names})
