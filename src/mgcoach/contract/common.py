"""Pieces every contract module uses: notes, age bands and source lists, and ``documented``.

Each builder returns a ``TypedDict`` that describes its JSON exactly (the builders stay dict
literals, so the output is what it always was). The same types are the web API's response
schemas: a class docstring describes the object, a string under a key describes that key.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar, overload

from typing_extensions import TypedDict, is_typeddict

from ..i18n import N_, get_language, translate

if TYPE_CHECKING:  # pydantic models: not imported by a contract that has none (foods search)
    from ..engine.notes import Note
    from ..knowledge import KnowledgeBase
    from ..knowledge.ages import AgeBand

PRECISION = 6
T = TypeVar("T", bound=type)


def documented(cls: T) -> T:
    """Let pydantic read the docstring under each key of a ``TypedDict`` as its description in
    the JSON schema (what ``pydantic.with_config`` does, without importing pydantic here), the
    keys it inherits included."""
    cls.__pydantic_config__ = {  # type: ignore[attr-defined]
        "use_attribute_docstrings": True,
        "json_schema_extra": _inherited_descriptions,
    }
    return cls


def _inherited_descriptions(schema: dict[str, object], cls: type) -> None:
    """Describe the keys ``cls`` inherits: pydantic reads the docstrings of the class itself
    only. Runs when a schema is made, never when JSON is."""
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return
    for base in _typed_dict_bases(cls):
        for key, text in key_docstrings(base).items():
            if isinstance(properties.get(key), dict):
                properties[key].setdefault("description", text)


def _typed_dict_bases(cls: type) -> list[type]:
    found: list[type] = []
    for base in getattr(cls, "__orig_bases__", ()):
        if is_typeddict(base):
            found += [base, *_typed_dict_bases(base)]
    return found


def key_docstrings(cls: type) -> dict[str, str]:
    """The string literal under each key of a class, by key ({} when the source is unknown)."""
    import ast
    import inspect
    import textwrap
    from itertools import pairwise

    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError):  # made at runtime (a functional TypedDict)
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    found: dict[str, str] = {}
    for node, following in pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[node.target.id] = inspect.cleandoc(following.value.value)
    return found


@documented
class NoteJson(TypedDict):
    """A note for the reader, with the sources behind it."""

    code: str
    """A machine-readable code for the note."""
    text: str
    """The note, in the reader's language."""
    sources: list[str]
    """Source ids (see ``source_list``)."""
    unverified: bool
    """True when the fact behind the note still needs checking against its source."""


@documented
class AgeBandJson(TypedDict):
    """An age band, ``[from_months, to_months)``."""

    from_months: int
    """First month of age in the band."""
    to_months: int | None
    """First month of age after the band; null for an open upper end."""
    label: str
    """The band in words, e.g. "31–50 years"."""


@documented
class SourceJson(TypedDict):
    """The full citation of a source."""

    citation: str
    """The citation."""
    url: str | None
    """Where to read it, when it is online."""


SourceList = dict[str, SourceJson]
"""Every source cited, by its id, in first-use order."""


@overload
def number(value: float, digits: int = PRECISION) -> float: ...
@overload
def number(value: float | None, digits: int = PRECISION) -> float | None: ...
def number(value: float | None, digits: int = PRECISION) -> float | None:
    """A float without binary noise (58.099999 -> 58.1); None stays None."""
    return None if value is None else round(value, digits)


def note_text(note: Note) -> str:
    from ..knowledge.records import Text  # loaded with the note

    if note.text is not None:
        return note.text.get(get_language())
    lang = get_language()
    params = {k: v.get(lang) if isinstance(v, Text) else v for k, v in note.params.items()}
    return translate(note.message, params)


def note_json(note: Note) -> NoteJson:
    return {
        "code": note.code,
        "text": note_text(note),
        "sources": list(note.sources),
        "unverified": note.unverified,
    }


def age_band_label(band: AgeBand) -> str:
    from ..knowledge.ages import MONTHS_PER_YEAR  # loaded with the band

    low, high = band.from_months, band.to_months
    if high is None:
        if low % MONTHS_PER_YEAR == 0:
            return translate(N_("{low} years and older"), {"low": low // MONTHS_PER_YEAR})
        return translate(N_("{low} months and older"), {"low": low})
    if low % MONTHS_PER_YEAR == 0 and high % MONTHS_PER_YEAR == 0:
        years = {"low": low // MONTHS_PER_YEAR, "high": high // MONTHS_PER_YEAR - 1}
        if years["low"] == years["high"]:
            return translate(N_("{low} years"), years)
        return translate(N_("{low}–{high} years"), years)
    return translate(N_("{low}–{high} months"), {"low": low, "high": high - 1})


def age_band_json(band: AgeBand | None) -> AgeBandJson | None:
    if band is None:
        return None
    return {
        "from_months": band.from_months,
        "to_months": band.to_months,
        "label": age_band_label(band),
    }


def sources_json(kb: KnowledgeBase, ids: Iterable[str]) -> SourceList:
    """The full citation of each source id, in first-use order."""
    return {
        source_id: {
            "citation": kb.sources[source_id].citation,
            "url": kb.sources[source_id].url,
        }
        for source_id in dict.fromkeys(ids)
    }
