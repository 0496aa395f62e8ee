"""Which symptom a person names, and which sign of the risk screen a logged symptom counts as.

A name resolves to one of the journal's own symptoms (journal/data/symptoms.toml: cramp,
soreness, ...) or to a sign of the knowledge base's symptoms.toml, so that a logged "chest
pain" reaches the red-flag screen.
"""

from __future__ import annotations

from ..errors import InputError
from ..i18n import N_
from ..journal.vocabulary import symptom_kinds, symptom_words
from ..knowledge import KnowledgeBase
from ..knowledge.safety import normalize_name
from .names import find_concern


def find_symptom(kb: KnowledgeBase, text: str) -> str:
    """The stored slug for a symptom name: a journal symptom or a knowledge-base sign."""
    wanted = normalize_name(text)
    if not wanted:
        raise InputError(
            N_("Name the symptom, e.g. cramp, soreness, twitch, fatigue, headache."),
            field="symptom",
        )
    if wanted in symptom_words():
        return symptom_words()[wanted]
    found = find_concern(kb, text)  # raises UnknownNameError with the closest names
    if isinstance(found, str):
        return found
    if found.symptom is not None:
        return found.symptom
    raise InputError(
        N_(
            "{name} is a goal or complaint, not a symptom to log: log cramp, soreness, twitch, "
            "fatigue, headache or a sign such as chest pain."
        ),
        field="symptom",
        name=text,
    )


def screen_slug(kb: KnowledgeBase, slug: str) -> str | None:
    """The knowledge-base sign a stored symptom counts as in the risk screen."""
    kind = symptom_kinds().get(slug)
    if kind is not None:
        return kind.screen
    return slug if slug in kb.safety.symptoms else None
