"""Citations and terms as one page says them (issue 17, "Plain words").

A page that passes ``citations=Citations(kb.sources)`` to its template shows each source as a
small number ("[1]") linking to the source's entry on the Sources page (``/sources#ID``),
numbered in the order the page first uses it, the same number each time; Mg Coach's own rules
and calculations and the "not yet checked" mark in words instead of an id; and an abbreviation
(RDA, AI, UL ...) with its explanation the first time the page uses it. A page without it
keeps the source ids in brackets (``_sources.html``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from ...i18n import translate
from ...knowledge.sources import Source
from .glossary import DERIVED, NOT_CITATIONS, OWN_RULE, OWN_WORDS, TERMS, UNVERIFIED

# A source named inside another's citation: "(read via [NUTRI-TX])".
_NAMED = re.compile(r"\[([A-Za-z0-9][A-Za-z0-9_.-]*)\]")


def citation_parts(citation: str, known: Iterable[str]) -> list[tuple[str, str | None]]:
    """A citation as text and the sources it names in brackets: (text, None) and (id, id)
    parts, so that a page shows a named source as a link to it, never as a bracketed id."""
    ids = set(known)
    parts: list[tuple[str, str | None]] = []
    start = 0
    for found in _NAMED.finditer(citation):
        if found.group(1) not in ids:
            continue
        parts.append((citation[start : found.start()], None))
        parts.append((found.group(1), found.group(1)))
        start = found.end()
    parts.append((citation[start:], None))
    return [(text, key) for text, key in parts if text]


class Listed(NamedTuple):
    """A source in a page's list: its number, the source, its citation in parts."""

    number: int
    source: Source
    parts: list[tuple[str, str | None]]


@dataclass(frozen=True, slots=True)
class Cite:
    """One source as the page numbers it."""

    number: int
    id: str
    citation: str


@dataclass(frozen=True, slots=True)
class CiteGroup:
    """The sources of one statement: its numbered citations, then what is said in words
    (anchor id on the Sources page, words): Mg Coach's own rule, its calculation, and
    "not yet checked against the source"."""

    cites: tuple[Cite, ...]
    words: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Term:
    """An abbreviation as the page shows it; ``first``: the page's first use, which gets the
    short explanation in the text."""

    key: str
    name: str
    plain: str
    short: str
    first: bool


class Citations:
    """What one page has said so far: the number of each source, in order of first use, and
    the terms it has explained."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self._sources = sources
        self._numbers: dict[str, int] = {}
        self._explained: set[str] = set()

    def number(self, source: str) -> int:
        """The page's number for a source: a new one the first time, the same one after."""
        return self._numbers.setdefault(source, len(self._numbers) + 1)

    def group(self, ids: Iterable[str] | None, unverified: bool = False) -> CiteGroup:
        """The citations of one statement, lowest number first; ``unverified``: the statement
        still needs checking against its sources (said once, in words)."""
        given = list(dict.fromkeys(ids or ()))
        cites = sorted(
            (
                Cite(self.number(source), source, self.citation(source))
                for source in given
                if source not in NOT_CITATIONS
            ),
            key=lambda cite: cite.number,
        )
        words = [(key, translate(OWN_WORDS[key][0])) for key in (OWN_RULE, DERIVED) if key in given]
        if unverified or UNVERIFIED in given:
            words.append((UNVERIFIED, translate(OWN_WORDS[UNVERIFIED][0])))
        return CiteGroup(tuple(cites), tuple(words))

    def citation(self, source: str) -> str:
        found = self._sources.get(source)
        return found.citation if found is not None else source

    def listed(self) -> list[Listed]:
        """The sources the page has cited, by number (for its list of sources)."""
        return [
            Listed(number, found, citation_parts(found.citation, self._sources))
            for source, number in self._numbers.items()
            if (found := self._sources.get(source)) is not None
        ]

    def term(self, key: str) -> Term | None:
        """An abbreviation's words (None for one the glossary does not know); the first call
        for a key on the page is its first use."""
        words = TERMS.get(key)
        if words is None:
            return None
        first = key not in self._explained
        self._explained.add(key)
        return Term(
            key=key,
            name=translate(words.name),
            plain=translate(words.plain),
            short=translate(words.short),
            first=first,
        )
