"""The typo distance: RapidFuzz's optimal string alignment equals the pure-Python function the
search used before it, kept here as the oracle."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mgcoach.foods.search_text import close_terms, edit_distance


def oracle(a: str, b: str, limit: int) -> int:
    """The former edit_distance: Damerau-Levenshtein with adjacent swaps counting once (the
    optimal string alignment), or limit + 1 when above the limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1] if previous[-1] <= limit else limit + 1


# A small alphabet makes repeats, swaps and near-misses common.
WORDS = st.text(alphabet="abcde", max_size=12)


@settings(max_examples=2000)
@given(WORDS, WORDS, st.integers(min_value=0, max_value=4))
def test_equals_the_oracle(a: str, b: str, limit: int) -> None:
    assert edit_distance(a, b, limit) == oracle(a, b, limit)


@given(st.text(max_size=10), st.text(max_size=10), st.integers(min_value=0, max_value=3))
def test_equals_the_oracle_on_any_text(a: str, b: str, limit: int) -> None:
    assert edit_distance(a, b, limit) == oracle(a, b, limit)


def test_a_swap_is_one_edit_and_not_edited_again() -> None:
    assert edit_distance("almonsd", "almonds", 2) == 1
    assert edit_distance("ca", "abc", 5) == 3  # true Damerau-Levenshtein says 2
    assert edit_distance("almond", "walnut", 2) == 3


def test_close_terms() -> None:
    assert close_terms("almod", ["almond", "salmon", "almod"]) == [("almond", 1)]
    assert close_terms("amlo", ["almond"]) == [("almond", 1)]


def one_by_one(term: str, candidates: list[str]) -> list[tuple[str, int]]:
    """close_terms as it was, one edit_distance call per candidate: the batch must equal it."""
    limit = 0 if len(term) <= 3 else 1 if len(term) <= 6 else 2
    found: dict[str, int] = {}
    for candidate in candidates:
        if candidate == term or limit == 0:
            continue
        distance = oracle(term, candidate, limit)
        if distance > limit and len(candidate) > len(term):
            distance = oracle(term, candidate[: len(term)], limit)
        if distance <= limit:
            found[candidate] = distance
    return sorted(found.items(), key=lambda item: (item[1], len(item[0]), item[0]))


@settings(max_examples=500)
@given(WORDS, st.lists(WORDS, max_size=40))
def test_close_terms_equal_one_comparison_each(term: str, candidates: list[str]) -> None:
    assert close_terms(term, candidates) == one_by_one(term, candidates)
    assert close_terms(term, iter(candidates)) == one_by_one(term, candidates)
