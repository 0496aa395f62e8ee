"""The journal's symptom words (data/symptoms.toml), loaded and checked once.

A name resolves to one of the journal's own symptoms (cramp, soreness, ...) or to a sign of
the knowledge base's symptoms.toml, so that a logged "chest pain" reaches the red-flag screen.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from ..errors import KnowledgeError
from ..frozen import frozen
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.safety import normalize_name

MEASURES = frozenset({"count", "severity", "location", "night"})


@frozen
class SymptomKind:
    slug: str
    name_en: str
    name_nl: str
    words: tuple[str, ...]
    screen: str | None  # knowledge-base symptom slug the risk screen counts
    measures: frozenset[str]

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en


@cache
def symptom_kinds() -> dict[str, SymptomKind]:
    text = resources.files(__package__).joinpath("data/symptoms.toml").read_text("utf-8")
    kinds: dict[str, SymptomKind] = {}
    for row in tomllib.loads(text)["symptom"]:
        measures = frozenset(row["measure"])
        if not measures <= MEASURES:
            raise KnowledgeError(N_("Unknown measure in journal symptoms: {row}."), row=row["slug"])
        kinds[row["slug"]] = SymptomKind(
            slug=row["slug"],
            name_en=row["name"]["en"],
            name_nl=row["name"]["nl"],
            words=tuple(row["words"]),
            screen=row["screen"] or None,
            measures=measures,
        )
    return kinds


@cache
def symptom_words() -> dict[str, str]:
    """Each normalised name, Dutch name and word of a journal symptom -> its slug."""
    index: dict[str, str] = {}
    for kind in symptom_kinds().values():
        for word in (kind.slug, kind.name_en, kind.name_nl, *kind.words):
            index[normalize_name(word)] = kind.slug
    return index


def symptom_name(kb: KnowledgeBase, slug: str, lang: str) -> str:
    kind = symptom_kinds().get(slug)
    if kind is not None:
        return kind.name(lang)
    sign = kb.safety.symptoms.get(slug)
    return sign.name.get(lang) if sign is not None else slug
