"""Finding the medicine, complaint or condition a person names, in English or Dutch.

Unknown names raise ``UnknownNameError`` with the closest known names (brand names are
recognised but never suggested).
"""

from __future__ import annotations

import difflib

from ..errors import UnknownNameError
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.advice import Concern
from ..knowledge.safety import Condition, Drug, RiskFactor, normalize_name

MAX_SUGGESTIONS = 5


def _closest(text: str, names: set[str]) -> str:
    close = difflib.get_close_matches(normalize_name(text), sorted(names), MAX_SUGGESTIONS, 0.6)
    return ", ".join(close)


MESSAGES = {
    "medicine": (
        N_("Unknown medicine {name}. Did you mean: {matches}?"),
        N_("Unknown medicine {name}; 'mgcoach names' lists the names Mg Coach knows."),
    ),
    "symptom": (
        N_("Unknown symptom {name}. Did you mean: {matches}?"),
        N_("Unknown symptom {name}; 'mgcoach names' lists the names Mg Coach knows."),
    ),
    "condition": (
        N_("Unknown condition {name}. Did you mean: {matches}?"),
        N_("Unknown condition {name}; 'mgcoach names' lists the names Mg Coach knows."),
    ),
}


def _unknown(kind: str, text: str, names: set[str]) -> UnknownNameError:
    close = _closest(text, names)
    similar, none = MESSAGES[kind]
    if close:
        return UnknownNameError(similar, name=text, matches=close)
    return UnknownNameError(none, name=text)


def find_drug(kb: KnowledgeBase, text: str) -> Drug:
    """The medicine ``text`` names (English, Dutch or brand name; any case or accents)."""
    drug = kb.safety.drug_by_name(text)
    if drug is not None:
        return drug
    names = {normalize_name(n) for d in kb.safety.drugs.values() for n in d.names_en + d.names_nl}
    raise _unknown("medicine", text, names)


def _concern_index(kb: KnowledgeBase) -> dict[str, Concern | str]:
    """Normalised name -> a concern, or the slug of a symptom named directly."""
    index: dict[str, Concern | str] = {}
    for symptom in kb.safety.symptoms.values():
        for name in (symptom.slug.replace("_", " "), symptom.name.en, symptom.name.nl):
            index[normalize_name(name)] = symptom.slug
    for concern in kb.advice.concerns.values():
        for name in (concern.slug.replace("_", " "), concern.name.en, concern.name.nl):
            index[normalize_name(name)] = concern
        for alias in concern.aliases:
            index[normalize_name(alias)] = concern
    return index


def find_concern(kb: KnowledgeBase, text: str) -> Concern | str:
    """A complaint or goal (a ``Concern``), or the slug of a sign named directly."""
    index = _concern_index(kb)
    found = index.get(normalize_name(text).replace("-", " ")) or index.get(normalize_name(text))
    if found is None:
        raise _unknown("symptom", text, set(index))
    return found


def _condition_index(kb: KnowledgeBase) -> dict[str, Condition | RiskFactor]:
    safety = kb.safety
    records: dict[str, Condition | RiskFactor] = {**safety.conditions, **safety.risk_factors}
    index: dict[str, Condition | RiskFactor] = {}
    for record in records.values():
        for name in (record.slug.replace("_", " "), record.name.en, record.name.nl):
            index[normalize_name(name)] = record
    for entry in kb.advice.condition_names:
        for alias in entry.aliases:
            index[normalize_name(alias)] = records[entry.condition]
    return index


def find_condition(kb: KnowledgeBase, text: str) -> Condition | RiskFactor:
    """A condition that limits magnesium, or a group at risk of low magnesium."""
    index = _condition_index(kb)
    found = index.get(normalize_name(text).replace("-", " ")) or index.get(normalize_name(text))
    if found is None:
        raise _unknown("condition", text, set(index))
    return found


def known_names(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Every name a user may type, by kind (for `mgcoach names`)."""
    drugs = sorted({n for d in kb.safety.drugs.values() for n in d.names_en + d.names_nl})
    return {
        "medicines": drugs,
        "symptoms": sorted(_concern_index(kb)),
        "conditions": sorted(_condition_index(kb)),
    }
