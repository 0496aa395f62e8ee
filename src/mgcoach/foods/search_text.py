"""How food names become search terms, the same way on every database.

Names are folded (lower case, accents and apostrophes removed), split into words, and each
word is reduced to a simple stem that strips English and Dutch plural endings ("almonds" ->
"almond", "amandelen" -> "amandel", "berries" -> "berry"). The database indexes the stems; a
query is stemmed the same way and matched by prefix, so "alm", "almond" and "Almonds" all find
almonds. Typo tolerance compares stems by trigram similarity and edit distance (RapidFuzz).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..knowledge.normalize import normalize_name

_NON_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = str.maketrans("", "", "'’`´")


def fold(text: str) -> str:
    """Lower case, no accents, no apostrophes ("Pinda's" -> "pindas", "Café" -> "cafe")."""
    return normalize_name(text.translate(_APOSTROPHES))


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A crude, deterministic plural stem for English and Dutch food words."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("oes", "ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("eren") and len(word) > 6:  # eieren -> eier
        return word[:-2]
    if word.endswith("en") and len(word) > 6:  # amandelen -> amandel, walnoten -> walnot
        return word[:-2]
    if word.endswith("'s") or (word.endswith("s") and not word.endswith(("ss", "us", "is"))):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return [w for w in _NON_WORD.split(fold(text)) if w]


def terms(text: str) -> list[str]:
    """The stems of a text's words, in order (what the database indexes)."""
    return [stem(w) for w in words(text)]


def index_text(parts: Iterable[str]) -> str:
    """The space-separated stems of several texts, each stem once, in first-seen order."""
    seen: dict[str, None] = {}
    for part in parts:
        for term in terms(part):
            seen.setdefault(term, None)
    return " ".join(seen)


def trigrams(term: str) -> set[str]:
    """The trigrams of a term, padded as PostgreSQL's pg_trgm pads a word ("  ab", " ab ")."""
    padded = f"  {term} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity: shared trigrams over all trigrams of the two terms."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta or tb else 0.0


def edit_distance(a: str, b: str, limit: int) -> int:
    """The optimal string alignment distance (Damerau-Levenshtein where a swap of adjacent
    letters counts once, and a swapped pair is not edited again), or limit + 1 when above it.

    RapidFuzz's C++ computes it; its module is imported at the first typo, not with the
    search (tests/foods/test_search_text.py holds the pure-Python oracle it must equal).
    """
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b, score_cutoff=limit)


def allowed_typos(term: str) -> int:
    """How many edits a query term may be away from a known term: none for very short terms."""
    if len(term) <= 3:
        return 0
    return 1 if len(term) <= 6 else 2


def close_terms(term: str, candidates: Iterable[str]) -> list[tuple[str, int]]:
    """The candidate terms within the allowed edit distance of ``term``, closest first.

    A candidate may also be a longer word that starts with a near-miss of ``term`` (typing
    "almo" of "almonds" with a typo: "amlo" -> "almond"). RapidFuzz compares the term with
    all candidates in one call (its own loop, in C++), then the longer ones it missed by
    their start: each distance is edit_distance's.
    """
    limit = allowed_typos(term)
    if limit == 0:
        return []
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extract

    pool = [c for c in dict.fromkeys(candidates) if c != term]
    found = {
        candidate: int(distance)
        for candidate, distance, _ in extract(
            term, pool, scorer=OSA.distance, score_cutoff=limit, limit=None
        )
    }
    longer = [c for c in pool if len(c) > len(term) and c not in found]
    heads = [c[: len(term)] for c in longer]
    for _, distance, at in extract(
        term, heads, scorer=OSA.distance, score_cutoff=limit, limit=None
    ):
        found[longer[at]] = int(distance)
    return sorted(found.items(), key=lambda item: (item[1], len(item[0]), item[0]))
