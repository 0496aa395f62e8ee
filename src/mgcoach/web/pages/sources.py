"""Sources: every source the knowledge base cites, with its full citation (sources.toml) and an
anchor per source id, so that a page's numbered citation (``/sources#IOM97``) jumps to it; what
Mg Coach's own rules, its calculations and the "not yet checked" mark mean; and the terms the
pages use (RDA, AI, UL ...) and how to read the numbers of a study. Open to everyone: it holds
no personal data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from fastapi import Request
from fastapi.responses import Response

from ...i18n import translate
from ...knowledge.sources import Source
from ..context import state_of
from ..routing import IndexedRouter
from ..templating import render
from .citations import citation_parts
from .glossary import (
    CERTAINTY_HELP,
    DERIVED,
    GLOSSARY_ORDER,
    MORE_WORDS,
    NOT_CITATIONS,
    OWN_RULE,
    OWN_WORDS,
    RANGE_HELP,
    RISK_RATIO_HELP,
    TERMS,
    UNVERIFIED,
)

router = IndexedRouter(include_in_schema=False)


class Entry(NamedTuple):
    """One entry of the page: its anchor id, its words and what they mean."""

    anchor: str
    words: str
    text: str
    name: str | None = None  # a term's full name, as the reference defines it
    abbreviation: str | None = None  # a term's abbreviation (RDA, UL ...)


def term_entries() -> list[Entry]:
    """The abbreviations, then the other words, in the page's language."""
    entries = []
    for key in GLOSSARY_ORDER:
        words = TERMS[key]
        entries.append(
            Entry(
                f"term-{key}",
                translate(words.plain),
                translate(words.long),
                translate(words.name),
                key,
            )
        )
    entries += [
        Entry(anchor, translate(word), translate(text)) for anchor, word, text in MORE_WORDS
    ]
    return entries


def own_entries() -> list[Entry]:
    """Mg Coach's own rule, its calculations and the "not yet checked" mark, in words; the
    anchors are their ids, as a page's links name them."""
    return [
        Entry(key, translate(OWN_WORDS[key][0]), translate(OWN_WORDS[key][1]))
        for key in (OWN_RULE, DERIVED, UNVERIFIED)
    ]


def cited_sources(
    sources: Mapping[str, Source],
) -> list[tuple[Source, list[tuple[str, str | None]]]]:
    """Every source that is a citation, with its citation in parts (citation_parts), in the
    order of their citations."""
    found = [source for key, source in sources.items() if key not in NOT_CITATIONS]
    found.sort(key=lambda source: (source.citation.casefold(), source.id))
    return [(source, citation_parts(source.citation, sources)) for source in found]


@router.get("/sources")
def sources_page(request: Request) -> Response:
    kb = state_of(request).kb
    return render(
        request,
        "sources.html",
        active="sources",
        terms=term_entries(),
        reading=[translate(text) for text in (RISK_RATIO_HELP, RANGE_HELP, CERTAINTY_HELP)],
        own=own_entries(),
        sources=cited_sources(kb.sources),
    )
