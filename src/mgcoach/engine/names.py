"""Finding the medicine, complaint or condition a person names, in English or Dutch.

Unknown names raise ``UnknownNameError`` with the closest known names (brand names are
recognised but never suggested). A medicine is only suggested when it is spelled almost the
same and starts with the same letters; a name close to a brand suggests that brand's generic
only, never a medicine of another class.
"""

from __future__ import annotations

import difflib

from ..errors import UnknownNameError
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.advice import Concern
from ..knowledge.safety import Condition, Drug, RiskFactor, normalize_name

MAX_SUGGESTIONS = 5
# Medicines: difflib similarity at least this, and the same first letters. At 0.6 and without a
# shared start, "Vibramycin" suggested tobramycin and "Lanoxin" delafloxacin.
DRUG_CUTOFF = 0.8
DRUG_PREFIX = 2


def _closest(text: str, names: set[str]) -> list[str]:
    return difflib.get_close_matches(normalize_name(text), sorted(names), MAX_SUGGESTIONS, 0.6)


def _close_drug_names(typed: str, names: set[str]) -> list[str]:
    same_start = sorted(name for name in names if name[:DRUG_PREFIX] == typed[:DRUG_PREFIX])
    return difflib.get_close_matches(typed, same_start, MAX_SUGGESTIONS, DRUG_CUTOFF)


def drug_suggestions(kb: KnowledgeBase, text: str) -> list[str]:
    """Generic names close in spelling to ``text``. When ``text`` is close to a brand, only the
    generics (English, then Dutch) of the closest brand's class: never a brand, never another
    class ("Renie" is closer to Rennie than to Renitec, an enalapril brand)."""
    typed = normalize_name(text)
    drugs = kb.safety.drugs.values()
    brands = {normalize_name(b): drug for drug in drugs for b in drug.brand_names}
    branded = [brands[name] for name in _close_drug_names(typed, set(brands))]
    if branded:
        branded = [drug for drug in branded if drug.drug_class == branded[0].drug_class]
        found = (normalize_name(n) for d in branded for n in (d.names_en[0], d.names_nl[0]))
        return list(dict.fromkeys(found))[:MAX_SUGGESTIONS]
    generics = {normalize_name(n) for d in drugs for n in d.names_en + d.names_nl}
    return _close_drug_names(typed, generics)


MESSAGES = {
    "medicine": (
        N_("Unknown medicine {name}. Did you mean: {matches}?"),
        N_(
            "Mg Coach does not know the medicine {name}: check the spelling, or use its "
            "generic name."
        ),
    ),
    "symptom": (
        N_("Unknown symptom {name}. Did you mean: {matches}?"),
        N_(
            "Mg Coach does not know the symptom {name}: check the spelling, or choose a "
            "similar one."
        ),
    ),
    "condition": (
        N_("Unknown condition {name}. Did you mean: {matches}?"),
        N_(
            "Mg Coach does not know the condition {name}: check the spelling, or choose a "
            "similar one."
        ),
    ),
}


def _unknown(kind: str, text: str, close: list[str]) -> UnknownNameError:
    similar, none = MESSAGES[kind]
    if close:
        return UnknownNameError(similar, field=kind, name=text, matches=", ".join(close))
    return UnknownNameError(none, field=kind, name=text)


def find_drug(kb: KnowledgeBase, text: str) -> Drug:
    """The medicine ``text`` names (English, Dutch or brand name; any case or accents)."""
    drug = kb.safety.drug_by_name(text)
    if drug is not None:
        return drug
    raise _unknown("medicine", text, drug_suggestions(kb, text))


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
        raise _unknown("symptom", text, _closest(text, set(index)))
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
        raise _unknown("condition", text, _closest(text, set(index)))
    return found


def known_names(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Every name a user may type, by kind (for `mgcoach names`)."""
    drugs = sorted({n for d in kb.safety.drugs.values() for n in d.names_en + d.names_nl})
    return {
        "medicines": drugs,
        "symptoms": sorted(_concern_index(kb)),
        "conditions": sorted(_condition_index(kb)),
    }
