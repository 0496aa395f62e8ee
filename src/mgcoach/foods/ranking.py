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

from bisect import insort
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from operator import itemgetter
from typing import NamedTuple

from ..frozen import frozen
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


_BY_VALUE = {source.value: rank for source, rank in _SOURCE_RANK.items()}
_FIRST = itemgetter(0)


def source_rank(source: str) -> int:
    """Curated and the user's own foods first, then USDA Standard Reference, then the rest."""
    found = _BY_VALUE.get(source)
    return found if found is not None else _SOURCE_RANK.get(FoodSource(source), 4)


@frozen
class QueryTerm:
    """One stemmed query term and the known terms a typo may have meant (closest first)."""

    term: str
    corrections: tuple[str, ...] = ()


class Candidate(NamedTuple):
    """A food the database found, with the stemmed terms of its name fields (a named tuple:
    hundreds are made for a broad word)."""

    food_id: str
    source: str
    name: str
    search_name: str
    search_nl: str
    search_syn: str
    uses: int = 0
    last_used: datetime | None = None


class Ranked(NamedTuple):
    """A candidate with its sort key and the typo corrections it matched through."""

    candidate: Candidate
    key: tuple[object, ...]
    corrected: Mapping[str, str]


def _quality(term: str, corrections: Sequence[str], words: Sequence[str]) -> tuple[int, str | None]:
    """How ``term`` matches a field's words: EXACT, PREFIX, TYPO (with the correction found
    in the last word that has one), or TYPO + 1 for no match."""
    if term in words:
        return EXACT, None
    for word in words:
        if word.startswith(term):
            return PREFIX, None
    if corrections:
        tried = tuple(corrections)
        for word in reversed(words):  # the last word with a correction tells which
            if word.startswith(tried):
                return TYPO, next(c for c in tried if word.startswith(c))
    return _NO_MATCH


_NO_MATCH: tuple[int, str | None] = (TYPO + 1, None)
_EXACT_IN_NAME: tuple[int, str | None, bool] = (EXACT, None, False)
_EXACT_IN_SYNONYM: tuple[int, str | None, bool] = (EXACT, None, True)
_PREFIX_IN_NAME: tuple[int, str | None, bool] = (PREFIX, None, False)


def _term_quality(
    term: QueryTerm, name_words: Sequence[str], nl_words: Sequence[str], syn_words: Sequence[str]
) -> tuple[int, str | None, bool]:
    """The best match of ``term`` in a candidate (a name wins a tie), and whether it is in a
    synonym only. (The common cases first: this runs for every term of every candidate.)"""
    wanted, corrections = term.term, term.corrections
    if wanted in name_words or wanted in nl_words:
        return _EXACT_IN_NAME
    for words in (name_words, nl_words):
        for word in words:
            if word.startswith(wanted):  # a prefix in a name: only a whole synonym is better
                return _EXACT_IN_SYNONYM if wanted in syn_words else _PREFIX_IN_NAME
    in_names = _quality(wanted, corrections, name_words)
    in_nl = _quality(wanted, corrections, nl_words)
    if in_nl[0] < in_names[0]:
        in_names = in_nl
    in_syn = _quality(wanted, corrections, syn_words)
    if in_names[0] <= in_syn[0]:
        return in_names[0], in_names[1], False
    return in_syn[0], in_syn[1], True


@frozen
class _Query:
    """What the ranking needs of the query, worked out once for all its candidates."""

    terms: Sequence[QueryTerm]
    wanted: list[str]


# A candidate's name words and Dutch name words.
_Frame = tuple[list[str], list[str]]
# A sort key (see the module's docstring), or a bound on one (see _outline).
_Key = tuple[object, ...]


def _outline(query: _Query, candidate: Candidate) -> tuple[_Key, _Frame]:
    """The candidate's key as if every term were a whole word of its name (worst and total
    EXACT, not only in a synonym): no key is before it. Cheap: no term is matched."""
    name_words = candidate.search_name.split()
    nl_words = candidate.search_nl.split()
    wanted, synonyms = query.wanted, candidate.search_syn
    exact_name = wanted in (name_words, nl_words) or (
        bool(synonyms) and wanted in [s.split() for s in synonyms.split("|")]
    )
    first = wanted[0]
    leads = (name_words and name_words[0].startswith(first)) or (
        nl_words and nl_words[0].startswith(first)
    )
    uses, last_used = candidate.uses, candidate.last_used
    source = _BY_VALUE.get(candidate.source)
    bound = (
        0 if uses else 1,
        -uses,
        -(last_used.timestamp() if last_used else 0.0),
        0 if exact_name else 1,
        EXACT,  # worst
        0,  # total
        0,  # only in a synonym
        0 if leads else 1,
        source if source is not None else source_rank(candidate.source),
        len(name_words),
        len(candidate.name),
        candidate.food_id,
    )
    return bound, (name_words, nl_words)


def _matched(bound: _Key, worst: int, total: int, only_synonym: bool) -> _Key:
    """The key of a candidate whose outline is ``bound``, with how its terms matched."""
    return (*bound[:4], worst, total, 1 if only_synonym else 0, *bound[7:])


def _synonym_words(candidate: Candidate) -> list[str]:
    """The words of all synonyms (separated by "|": their words are between "|" and spaces)."""
    synonyms = candidate.search_syn
    return synonyms.replace("|", " ").split() if synonyms else []


def _least(query: _Query, frame: _Frame, syn_words: list[str]) -> tuple[int, int, bool]:
    """The least (worst, total, only in a synonym) a candidate can have, from whole words
    alone: a term that is no whole word is at least a PREFIX, or a TYPO when it has
    corrections and starts no word; when every term is a whole word, it is exact, and in a
    synonym only when it is no word of the names."""
    name_words, nl_words = frame
    worst, total, only_synonym = EXACT, 0, False
    every_word = ""
    for term in query.terms:
        wanted = term.term
        if wanted in name_words or wanted in nl_words:
            continue
        if wanted in syn_words:
            only_synonym = True
            continue
        least = PREFIX
        if term.corrections:
            every_word = every_word or " " + " ".join([*name_words, *nl_words, *syn_words])
            if " " + wanted not in every_word:  # a term has no space: it starts no word
                least = TYPO
        worst, total = max(worst, least), total + least
    if total:
        return worst, total, False
    return EXACT, 0, only_synonym


def rank_key(terms: Sequence[QueryTerm], candidate: Candidate) -> Ranked | None:
    """The sort key of one candidate, or None when some query term matches none of its words."""
    query = _Query(terms, [t.term for t in terms])
    return _rank_key(query, candidate, *_outline(query, candidate))


def _rank_key(query: _Query, candidate: Candidate, bound: _Key, frame: _Frame) -> Ranked | None:
    name_words, nl_words = frame
    syn_words = _synonym_words(candidate)
    worst, total, only_synonym = EXACT, 0, False
    corrected: dict[str, str] = {}
    for term in query.terms:
        quality, correction, in_synonym = _term_quality(term, name_words, nl_words, syn_words)
        if quality > TYPO:
            return None
        only_synonym = only_synonym or in_synonym
        if correction is not None:
            corrected[term.term] = correction
        worst, total = max(worst, quality), total + quality
    return Ranked(candidate, _matched(bound, worst, total, only_synonym), corrected)


def _by_key(ranked: Ranked) -> _Key:
    return ranked.key


def rank(
    terms: Sequence[QueryTerm], candidates: Iterable[Candidate], best: int | None = None
) -> list[Ranked]:
    """The candidates that match every term, best first; only the first ``best`` if given."""
    if not terms:
        return []
    query = _Query(terms, [t.term for t in terms])
    if best is not None:
        return _best(query, candidates, best)
    ranked = [r for c in candidates if (r := _rank_key(query, c, *_outline(query, c))) is not None]
    ranked.sort(key=_by_key)
    return ranked


def _best(query: _Query, candidates: Iterable[Candidate], best: int) -> list[Ranked]:
    """The first ``best`` of the ranking, without matching every term against every candidate.

    Each candidate's key is bounded from below cheaply (``_outline``). In the order of those
    bounds, a candidate is bounded again from which terms are whole words (``_least``), and
    only then matched term by term; from the first bound after the last of the best found on,
    no candidate can enter. A broad word ("milk") has hundreds of candidates and about ten are
    matched.
    """
    if best <= 0:
        return []
    outlined = [(*_outline(query, c), c) for c in candidates]
    outlined.sort(key=_FIRST)
    found: list[Ranked] = []
    for bound, frame, candidate in outlined:
        if len(found) == best:
            if bound > found[-1].key:
                break
            least = _least(query, frame, _synonym_words(candidate))
            if _matched(bound, *least) > found[-1].key:
                continue
        ranked = _rank_key(query, candidate, bound, frame)
        if ranked is not None:
            insort(found, ranked, key=_by_key)
            del found[best:]
    return found
