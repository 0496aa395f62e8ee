"""Finding a supplement compound from what a person types, in English or Dutch.

"citrate" and "magnesiumcitraat" name a family and get its stated default form; explicit
forms ("magnesium chloride hexahydrate", "magnesium lactate anhydrous") get that form.
"""

from __future__ import annotations

import difflib
import re

from ..errors import UnknownCompoundError
from ..frozen import frozen
from ..i18n import N_
from . import KnowledgeBase
from .compounds import Compound, CompoundFamily

HYDRATE_WORDS = {
    "anhydrous": "anhydrous", "anhydrate": "anhydrous", "watervrij": "anhydrous",
    "monohydrate": "monohydrate", "monohydraat": "monohydrate",
    "dihydrate": "dihydrate", "dihydraat": "dihydrate",
    "trihydrate": "trihydrate", "trihydraat": "trihydrate",
    "tetrahydrate": "tetrahydrate", "tetrahydraat": "tetrahydrate",
    "pentahydrate": "pentahydrate", "pentahydraat": "pentahydrate",
    "hexahydrate": "hexahydrate", "hexahydraat": "hexahydrate",
    "heptahydrate": "heptahydrate", "heptahydraat": "heptahydrate",
    "nonahydrate": "nonahydrate", "nonahydraat": "nonahydrate",
    "basic": "basic", "basisch": "basic",
}  # fmt: skip
_PREFIX = re.compile(r"^(?:elemental\s+)?magnesium(?:\s+|-|(?=[a-z]))")
MAX_SUGGESTIONS = 5


@frozen(kw_only=True)
class CompoundMatch:
    compound: Compound
    family: CompoundFamily
    form_assumed: bool


def normalise(text: str) -> str:
    """Lower case, hyphens and underscores as spaces, and no leading word "magnesium"."""
    cleaned = re.sub(r"[\s_\-,]+", " ", text.strip().lower()).strip()
    cleaned = cleaned.replace("(", " ").replace(")", " ")
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    stripped = _PREFIX.sub("", cleaned).strip()
    return stripped or cleaned


def _index(kb: KnowledgeBase) -> dict[str, tuple[str, bool]]:
    """Normalised name -> (compound slug, form assumed)."""
    index: dict[str, tuple[str, bool]] = {}
    for family in kb.compound_families.values():
        for name in (family.slug, family.name.en, family.name.nl, *family.aliases):
            index.setdefault(normalise(name), (family.default_form, True))
    for compound in kb.compounds.values():
        names = (compound.slug, compound.name.en, compound.name.nl, *compound.aliases)
        for name in names:
            index[normalise(name)] = (compound.slug, False)
    return index


def _by_family_and_hydrate(kb: KnowledgeBase, query: str) -> Compound | None:
    words = query.split()
    hydrates = [HYDRATE_WORDS[w] for w in words if w in HYDRATE_WORDS]
    if len(hydrates) != 1:
        return None
    rest = " ".join(w for w in words if w not in HYDRATE_WORDS)
    index = _index(kb)
    if rest not in index:
        return None
    family = kb.compounds[index[rest][0]].family
    return next(
        (c for c in kb.compounds.values() if c.family == family and c.hydrate == hydrates[0]),
        None,
    )


def suggestions(kb: KnowledgeBase, text: str) -> list[str]:
    """The closest known names, for an error message."""
    names = sorted(_index(kb))
    return difflib.get_close_matches(normalise(text), names, n=MAX_SUGGESTIONS, cutoff=0.5)


def find_compound(kb: KnowledgeBase, text: str) -> CompoundMatch:
    """The compound ``text`` names, or UnknownCompoundError listing the closest names."""
    query = normalise(text)
    index = _index(kb)
    found = index.get(query) or index.get(query.replace(" ", ""))
    if found is not None:
        compound = kb.compounds[found[0]]
        return CompoundMatch(
            compound=compound,
            family=kb.compound_families[compound.family],
            form_assumed=found[1],
        )
    explicit = _by_family_and_hydrate(kb, query)
    if explicit is not None:
        return CompoundMatch(
            compound=explicit, family=kb.compound_families[explicit.family], form_assumed=False
        )
    close = suggestions(kb, text)
    if close:
        raise UnknownCompoundError(
            N_("Unknown compound {name}. Did you mean: {matches}?"),
            field="compound",
            name=text,
            matches=", ".join(close),
        )
    raise UnknownCompoundError(
        N_("Unknown compound {name}. Known forms: {matches}."),
        field="compound",
        name=text,
        matches=", ".join(sorted(kb.compound_families)),
    )
