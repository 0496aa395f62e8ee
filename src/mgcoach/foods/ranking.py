"""The search ranking contract, the same on SQLite and PostgreSQL.

The database only finds candidates (every query term matches a stemmed name term, by prefix or
through a typo correction); the order is decided here, in Python, from the candidates' own
terms, so both databases rank alike. Best first:

1. foods the user has logged before (most uses, then most recent);
2. an exact name: the query's terms are exactly a name's, or a synonym's, terms;
3. how well the worst query term matched: a whole word, a prefix, or a typo correction;
4. matched in the English or Dutch name rather than only in a synonym;
5. the first query term is the first word of the name ("Almonds" before "Chocolate, almonds");
6. curated and user foods, then USDA Standard Reference, then other sources;
7. fewer words in the name, a shorter name, then the id (so the order is total).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from .model import FoodSource

EXACT, PREFIX, TYPO = 0, 1, 2

_SOURCE_RANK = {
    FoodSource.CURATED: 0,
    FoodSource.USER: 0,
    FoodSource.RECIPE: 0,
    FoodSource.USDA_SR28: 1,
    FoodSource.USDA_SR_LEGACY: 1,
    FoodSource.USDA_FOUNDATION: 2,
    FoodSource.USDA_FNDDS: 2,
    FoodSource.USDA_BRANDED: 3,
    FoodSource.OFF: 3,
}


def source_rank(source: str) -> int:
    """Curated and the user's own foods first, then USDA Standard Reference, then the rest."""
    return _SOURCE_RANK.get(FoodSource(source), 4)


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One stemmed query term and the known terms a typo may have meant (closest first)."""

    term: str
    corrections: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A food the database found, with the stemmed terms of its name fields."""

    food_id: str
    source: str
    name: str
    search_name: str
    search_nl: str
    search_syn: str
    uses: int = 0
    last_used: datetime | None = None


@dataclass(frozen=True, slots=True)
class Ranked:
    candidate: Candidate
    key: tuple[object, ...]
    corrected: Mapping[str, str]


def _quality(term: QueryTerm, words: Sequence[str]) -> tuple[int, str | None]:
    """How ``term`` matches a field's words: EXACT, PREFIX, TYPO (with the correction found
    in the last word that has one), or TYPO + 1 for no match."""
    wanted = term.term
    if wanted in words:
        return EXACT, None
    for word in words:
        if word.startswith(wanted):
            return PREFIX, None
    best: tuple[int, str | None] = _NO_MATCH
    if term.corrections:
        for word in words:
            for correction in term.corrections:
                if word.startswith(correction):
                    best = (TYPO, correction)
                    break
    return best


_NO_MATCH: tuple[int, str | None] = (TYPO + 1, None)


def _term_quality(
    term: QueryTerm, name_words: Sequence[str], nl_words: Sequence[str], syn_words: Sequence[str]
) -> tuple[int, str | None, bool]:
    """The best match of ``term`` in a candidate (a name wins a tie), and whether it is in a
    synonym only."""
    in_names = _quality(term, name_words)
    if in_names[0] != EXACT:
        in_nl = _quality(term, nl_words)
        if in_nl[0] < in_names[0]:
            in_names = in_nl
    if in_names[0] == EXACT:
        return EXACT, None, False
    in_syn = _quality(term, syn_words)
    if in_names[0] <= in_syn[0]:
        return in_names[0], in_names[1], False
    return in_syn[0], in_syn[1], True


def rank_key(terms: Sequence[QueryTerm], candidate: Candidate) -> Ranked | None:
    """The sort key of one candidate, or None when some query term matches none of its words."""
    name_words = candidate.search_name.split()
    nl_words = candidate.search_nl.split()
    synonyms = [s.split() for s in candidate.search_syn.split("|")]
    syn_words = [w for s in synonyms for w in s]
    worst, total, only_synonym = EXACT, 0, False
    corrected: dict[str, str] = {}
    for term in terms:
        quality, correction, in_synonym = _term_quality(term, name_words, nl_words, syn_words)
        if quality > TYPO:
            return None
        only_synonym = only_synonym or in_synonym
        if correction is not None:
            corrected[term.term] = correction
        worst, total = max(worst, quality), total + quality
    wanted = [t.term for t in terms]
    exact_name = wanted in (name_words, nl_words) or wanted in synonyms
    first = terms[0].term
    leads = any(words[:1] and words[0].startswith(first) for words in (name_words, nl_words))
    key = (
        0 if candidate.uses else 1,
        -candidate.uses,
        -(candidate.last_used.timestamp() if candidate.last_used else 0.0),
        0 if exact_name else 1,
        worst,
        total,
        1 if only_synonym else 0,
        0 if leads else 1,
        source_rank(candidate.source),
        len(name_words),
        len(candidate.name),
        candidate.food_id,
    )
    return Ranked(candidate, key, corrected)


def rank(terms: Sequence[QueryTerm], candidates: Iterable[Candidate]) -> list[Ranked]:
    """The candidates that match every term, best first."""
    ranked = [r for c in candidates if (r := rank_key(terms, c)) is not None]
    ranked.sort(key=lambda r: r.key)
    return ranked
