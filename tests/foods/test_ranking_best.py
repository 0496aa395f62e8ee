"""The ranking's shortcut: the best N of the candidates, found by bounding each candidate's key
from its words, are exactly the first N of the full ranking (keys and typo corrections)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from mgcoach.foods.model import FoodSource
from mgcoach.foods.ranking import Candidate, QueryTerm, Ranked, rank

# Few words, many shared prefixes: whole words, prefixes and typo corrections all occur.
_WORDS = [
    "milk",
    "milkfat",
    "milkshake",
    "mil",
    "almond",
    "almondmilk",
    "alm",
    "amandel",
    "amandelmelk",
    "spinach",
    "spinazie",
    "spin",
    "bean",
    "beans",
    "bon",
    "bonen",
    "cheese",
    "chees",
    "cheddar",
    "chocolate",
    "choc",
    "dark",
    "darkchoc",
    "seed",
    "seeds",
    "pumpkin",
    "pompoen",
    "raw",
    "cooked",
    "a",
    "ab",
    "abc",
]
_SOURCES = [s.value for s in FoodSource]


def _field(rng: random.Random, most: int) -> str:
    return " ".join(rng.sample(_WORDS, rng.randint(0, most)))


def _candidate(rng: random.Random, number: int) -> Candidate:
    name = _field(rng, 4) or "x"
    synonyms = " | ".join(_field(rng, 2) for _ in range(rng.randint(0, 3)))
    used = rng.random() < 0.1
    return Candidate(
        food_id=f"food:{number:04d}",
        source=rng.choice(_SOURCES),
        name=name.title() + "," * rng.randint(0, 3),
        search_name=name,
        search_nl=_field(rng, 3),
        search_syn=synonyms,
        uses=rng.randint(1, 3) if used else 0,
        last_used=datetime(2026, 1, 1, tzinfo=UTC) - timedelta(hours=rng.randint(0, 5))
        if used
        else None,
    )


def _terms(rng: random.Random) -> list[QueryTerm]:
    found = []
    for _ in range(rng.randint(1, 3)):
        word = rng.choice(_WORDS)
        term = word[: rng.randint(1, len(word))]
        if rng.random() < 0.3:  # a typo: corrections to known words
            term = term + "q"
            corrections = tuple(rng.sample(_WORDS, rng.randint(1, 3)))
            found.append(QueryTerm(term, corrections))
        else:
            found.append(QueryTerm(term))
    return found


def _keys(ranked: list[Ranked]) -> list[tuple[object, ...]]:
    return [(r.key, dict(r.corrected), r.candidate.food_id) for r in ranked]


@pytest.mark.parametrize("seed", range(4))
def test_best_n_is_the_head_of_the_full_ranking(seed: int) -> None:
    rng = random.Random(seed)
    compared = 0
    for _ in range(100):
        candidates = [_candidate(rng, n) for n in range(rng.randint(0, 120))]
        terms = _terms(rng)
        full = _keys(rank(terms, candidates))
        for best in (1, 3, 10, 50):
            assert _keys(rank(terms, candidates, best)) == full[:best], (terms, best)
        compared += len(full)
    assert compared > 500  # the queries do find candidates


def test_best_n_of_nothing() -> None:
    assert rank([QueryTerm("milk")], [], 10) == []
    assert rank([QueryTerm("milk")], [_candidate(random.Random(1), 1)], 0) == []
