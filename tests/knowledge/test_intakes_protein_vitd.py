"""Protein and vitamin D reference intakes and vitamin D upper limits, checked row by row.

Expected values are typed from shared/reference/related-nutrients-facts.md (§5, §6, §8).
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest

from mgcoach.knowledge import load_knowledge
from mgcoach.knowledge.intakes import IntakeRow, LimitRow

NUTRIENTS = ("protein", "vitamin_d")
SYSTEMS = ("us", "efsa", "nl", "uk", "dach")


def y(years: float) -> int:
    """Age in completed months."""
    return round(years * 12)


def intake_rows(
    nutrient: str,
    system: str,
    age_months: int,
    sex: str,
    state: str = "none",
    trimester: int | None = None,
    postpartum_months: int | None = None,
) -> list[IntakeRow]:
    """Every row that applies; a row without a trimester or post-partum band applies to all."""
    return [
        row
        for row in load_knowledge().intakes
        if row.nutrient == nutrient
        and row.system == system
        and row.state == state
        and row.sex in (sex, "any")
        and row.age.contains(age_months)
        and (trimester is None or row.trimester in (None, trimester))
        and (
            postpartum_months is None
            or row.postpartum is None
            or row.postpartum.contains(postpartum_months)
        )
    ]


def only(rows: list[Any]) -> Any:
    assert len(rows) == 1, rows
    return rows[0]


def test_knowledge_loads_with_protein_and_vitamin_d() -> None:
    kb = load_knowledge()
    for nutrient in NUTRIENTS:
        assert kb.intakes_for(nutrient)
        assert {row.system for row in kb.intakes_for(nutrient)} == set(SYSTEMS)
    assert any(row.nutrient == "vitamin_d" for row in kb.limits)
    assert not any(row.nutrient == "protein" for row in kb.limits)


# (nutrient, system, age months, sex, state, trimester, postpartum months) -> expected fields.
# A missing key is not checked; "verify" lists fields that must be marked (others may be too).
Case = tuple[str, str, int, str, str, int | None, int | None, dict[str, Any]]

# fmt: off
INTAKE_CASES: dict[str, Case] = {
    # --- protein, us (§5.1)
    "protein-us-any-3m": (
        "protein", "us", 3, "female", "none", None, None,
        {"kind": "AI", "per_kg": 1.52, "value": 9.1, "verify": {"per_kg"}},
    ),
    "protein-us-any-9m": (
        "protein", "us", 9, "male", "none", None, None,
        {"kind": "RDA", "per_kg": 1.2, "ear_per_kg": 1.0, "value": 11.0, "verify": {"per_kg"}},
    ),
    "protein-us-any-2y": (
        "protein", "us", y(2), "male", "none", None, None,
        {"kind": "RDA", "per_kg": 1.05, "ear_per_kg": 0.87, "value": 13},
    ),
    "protein-us-any-6y": (
        "protein", "us", y(6), "female", "none", None, None,
        {"kind": "RDA", "per_kg": 0.95, "ear_per_kg": 0.76, "value": 19},
    ),
    "protein-us-any-13y": (
        "protein", "us", y(13.5), "male", "none", None, None,
        {"kind": "RDA", "per_kg": 0.95, "ear_per_kg": 0.76, "value": 34},
    ),
    "protein-us-male-16y": (
        "protein", "us", y(16), "male", "none", None, None,
        {"kind": "RDA", "per_kg": 0.85, "ear_per_kg": 0.73, "value": 52},
    ),
    "protein-us-female-16y": (
        "protein", "us", y(16), "female", "none", None, None,
        {"kind": "RDA", "per_kg": 0.85, "ear_per_kg": 0.71, "value": 46},
    ),
    "protein-us-male-45y": (
        "protein", "us", y(45), "male", "none", None, None,
        {"kind": "RDA", "per_kg": 0.80, "ear_per_kg": 0.66, "value": 56, "verify": set()},
    ),
    "protein-us-female-80y": (
        "protein", "us", y(80), "female", "none", None, None,
        {"kind": "RDA", "per_kg": 0.80, "ear_per_kg": 0.66, "value": 46},
    ),
    "protein-us-pregnant-17y": (
        "protein", "us", y(17), "female", "pregnant", 2, None,
        {"kind": "RDA", "per_kg": 1.1, "ear_per_kg": 0.88, "value": 71, "verify": {"per_kg"}},
    ),
    "protein-us-pregnant-30y": (
        "protein", "us", y(30), "female", "pregnant", 3, None,
        {"kind": "RDA", "per_kg": 1.1, "value": 71, "increment": None},
    ),
    "protein-us-lactating-35y": (
        "protein", "us", y(35), "female", "lactating", None, 3,
        {"kind": "RDA", "per_kg": 1.3, "ear_per_kg": 1.05, "value": 71, "verify": {"per_kg"}},
    ),
    # --- protein, efsa (§5.2)
    "protein-efsa-any-3m": (
        "protein", "efsa", 3, "male", "none", None, None,
        {"kind": None, "value": None, "per_kg": None, "published": False},
    ),
    "protein-efsa-any-8m": (
        "protein", "efsa", 8, "female", "none", None, None, {"kind": "PRI", "per_kg": 1.31},
    ),
    "protein-efsa-any-14m": (
        "protein", "efsa", 14, "male", "none", None, None, {"kind": "PRI", "per_kg": 1.14},
    ),
    "protein-efsa-any-20m": (
        "protein", "efsa", 20, "male", "none", None, None, {"kind": "PRI", "per_kg": 1.03},
    ),
    "protein-efsa-any-2y": (
        "protein", "efsa", y(2.5), "female", "none", None, None, {"kind": "PRI", "per_kg": 0.97},
    ),
    "protein-efsa-any-5y": (
        "protein", "efsa", y(5), "male", "none", None, None, {"kind": "PRI", "per_kg": 0.85},
    ),
    "protein-efsa-any-8y": (
        "protein", "efsa", y(8), "male", "none", None, None, {"kind": "PRI", "per_kg": 0.92},
    ),
    "protein-efsa-any-9y": (
        "protein", "efsa", y(9), "female", "none", None, None,
        {"kind": "PRI", "per_kg": 0.91, "verify": {"per_kg"}},
    ),
    "protein-efsa-male-11y": (
        "protein", "efsa", y(11), "male", "none", None, None, {"kind": "PRI", "per_kg": 0.91},
    ),
    "protein-efsa-female-13y": (
        "protein", "efsa", y(13), "female", "none", None, None, {"kind": "PRI", "per_kg": 0.88},
    ),
    "protein-efsa-male-17y": (
        "protein", "efsa", y(17.9), "male", "none", None, None, {"kind": "PRI", "per_kg": 0.86},
    ),
    "protein-efsa-female-17y": (
        "protein", "efsa", y(17), "female", "none", None, None, {"kind": "PRI", "per_kg": 0.83},
    ),
    "protein-efsa-male-18y": (
        "protein", "efsa", y(18), "male", "none", None, None,
        {"kind": "PRI", "per_kg": 0.83, "ear_per_kg": 0.66},
    ),
    "protein-efsa-female-85y": (
        "protein", "efsa", y(85), "female", "none", None, None,
        {"kind": "PRI", "per_kg": 0.83, "ear_per_kg": 0.66},
    ),
    "protein-efsa-pregnant-t1-30y": (
        "protein", "efsa", y(30), "female", "pregnant", 1, None,
        {"kind": "PRI", "increment": 1, "value": None, "per_kg": None},
    ),
    "protein-efsa-pregnant-t2-30y": (
        "protein", "efsa", y(30), "female", "pregnant", 2, None, {"increment": 9},
    ),
    "protein-efsa-pregnant-t3-30y": (
        "protein", "efsa", y(30), "female", "pregnant", 3, None, {"increment": 28},
    ),
    "protein-efsa-lactating-0to6m-30y": (
        "protein", "efsa", y(30), "female", "lactating", None, 5, {"increment": 19},
    ),
    "protein-efsa-lactating-after6m-30y": (
        "protein", "efsa", y(30), "female", "lactating", None, 6, {"increment": 13},
    ),
    # --- protein, nl (§5.3)
    "protein-nl-any-2m": (
        "protein", "nl", 2, "female", "none", None, None, {"kind": None, "published": False},
    ),
    "protein-nl-any-7y": (
        "protein", "nl", y(7), "male", "none", None, None,
        {"kind": "recommended", "per_kg": 0.91, "fallback": None, "verify": {"per_kg"}},
    ),
    "protein-nl-female-15y": (
        "protein", "nl", y(15), "female", "none", None, None,
        {"kind": "recommended", "per_kg": 0.85, "verify": {"per_kg"}},
    ),
    "protein-nl-male-40y": (
        "protein", "nl", y(40), "male", "none", None, None,
        {"kind": "recommended", "per_kg": 0.83, "ear_per_kg": 0.66, "verify": {"ear_per_kg"}},
    ),
    "protein-nl-female-75y": (
        "protein", "nl", y(75), "female", "none", None, None,
        {"kind": "recommended", "per_kg": 0.83},
    ),
    "protein-nl-pregnant-t3-25y": (
        "protein", "nl", y(25), "female", "pregnant", 3, None,
        {"kind": "recommended", "increment": 28, "fallback": None, "verify": {"increment"}},
    ),
    "protein-nl-lactating-after6m-25y": (
        "protein", "nl", y(25), "female", "lactating", None, 9,
        {"increment": 13, "verify": {"increment"}},
    ),
    # --- protein, uk (§5.4)
    "protein-uk-any-2m": (
        "protein", "uk", 2, "male", "none", None, None,
        {"kind": "RNI", "value": 12.5, "per_kg": None},
    ),
    "protein-uk-any-11m": (
        "protein", "uk", 11, "female", "none", None, None, {"kind": "RNI", "value": 14.9},
    ),
    "protein-uk-any-8y": (
        "protein", "uk", y(8), "male", "none", None, None, {"kind": "RNI", "value": 28.3},
    ),
    "protein-uk-male-12y": (
        "protein", "uk", y(12), "male", "none", None, None,
        {"kind": "RNI", "value": 42.1, "per_kg": None},
    ),
    "protein-uk-female-16y": (
        "protein", "uk", y(16), "female", "none", None, None, {"kind": "RNI", "value": 45.4},
    ),
    "protein-uk-male-30y": (
        "protein", "uk", y(30), "male", "none", None, None,
        {
            "kind": "RNI",
            "per_kg": 0.75,
            "ear_per_kg": 0.6,
            "value": 55.5,
            "reference_weight_kg": 74,
            "verify": {"ear_per_kg"},
        },
    ),
    "protein-uk-female-65y": (
        "protein", "uk", y(65), "female", "none", None, None,
        {"kind": "RNI", "per_kg": 0.75, "value": 46.5, "reference_weight_kg": 62},
    ),
    "protein-uk-pregnant-28y": (
        "protein", "uk", y(28), "female", "pregnant", 2, None,
        {"kind": "RNI", "increment": 6, "value": None},
    ),
    "protein-uk-lactating-early-28y": (
        "protein", "uk", y(28), "female", "lactating", None, 2,
        {"increment": 11, "verify": {"postpartum"}},
    ),
    "protein-uk-lactating-later-28y": (
        "protein", "uk", y(28), "female", "lactating", None, 8,
        {"increment": 8, "verify": {"postpartum"}},
    ),
    # --- protein, dach (§5.5)
    "protein-dach-any-0m": (
        "protein", "dach", 0, "male", "none", None, None,
        {"kind": "estimated", "per_kg": 2.5, "value": 8},
    ),
    "protein-dach-any-3m": (
        "protein", "dach", 3, "female", "none", None, None,
        {"kind": "estimated", "per_kg": 1.4, "value": 8},
    ),
    "protein-dach-any-6m": (
        "protein", "dach", 6, "female", "none", None, None,
        {"kind": "recommended", "per_kg": 1.3, "value": 11},
    ),
    "protein-dach-male-16y": (
        "protein", "dach", y(16), "male", "none", None, None,
        {"kind": "recommended", "per_kg": 0.9, "value": 62},
    ),
    "protein-dach-female-16y": (
        "protein", "dach", y(16), "female", "none", None, None,
        {"kind": "recommended", "per_kg": 0.8, "value": 48},
    ),
    "protein-dach-male-55y": (
        "protein", "dach", y(55), "male", "none", None, None,
        {"kind": "recommended", "per_kg": 0.8, "value": 55},
    ),
    "protein-dach-female-70y": (
        "protein", "dach", y(70), "female", "none", None, None,
        {"kind": "estimated", "per_kg": 1.0, "value": 57},
    ),
    "protein-dach-male-65y": (
        "protein", "dach", y(65), "male", "none", None, None,
        {"kind": "estimated", "per_kg": 1.0, "value": 67},
    ),
    "protein-dach-pregnant-t1-30y": (
        "protein", "dach", y(30), "female", "pregnant", 1, None,
        {"kind": "recommended", "per_kg": 0.8, "increment": None},
    ),
    "protein-dach-pregnant-t2-30y": (
        "protein", "dach", y(30), "female", "pregnant", 2, None,
        {"kind": "recommended", "per_kg": 0.9, "increment": None},
    ),
    "protein-dach-pregnant-t3-30y": (
        "protein", "dach", y(30), "female", "pregnant", 3, None,
        {"kind": "recommended", "per_kg": 1.0},
    ),
    "protein-dach-lactating-30y": (
        "protein", "dach", y(30), "female", "lactating", None, 4,
        {"kind": "recommended", "per_kg": 1.2},
    ),
    # --- vitamin D (§6.1)
    "vitamin_d-us-any-2m": (
        "vitamin_d", "us", 2, "male", "none", None, None, {"kind": "AI", "value": 10},
    ),
    "vitamin_d-us-any-5y": (
        "vitamin_d", "us", y(5), "female", "none", None, None,
        {"kind": "RDA", "value": 15, "ear": 10},
    ),
    "vitamin_d-us-male-70y": (
        "vitamin_d", "us", y(70), "male", "none", None, None,
        {"kind": "RDA", "value": 15, "ear": 10},
    ),
    "vitamin_d-us-female-75y": (
        "vitamin_d", "us", y(75), "female", "none", None, None,
        {"kind": "RDA", "value": 20, "ear": 10},
    ),
    "vitamin_d-us-pregnant-25y": (
        "vitamin_d", "us", y(25), "female", "pregnant", 1, None, {"kind": "RDA", "value": 15},
    ),
    "vitamin_d-us-lactating-16y": (
        "vitamin_d", "us", y(16), "female", "lactating", None, 2, {"kind": "RDA", "value": 15},
    ),
    "vitamin_d-efsa-any-3m": (
        "vitamin_d", "efsa", 3, "female", "none", None, None,
        {"kind": None, "value": None, "published": False},
    ),
    "vitamin_d-efsa-any-9m": (
        "vitamin_d", "efsa", 9, "male", "none", None, None, {"kind": "AI", "value": 10},
    ),
    "vitamin_d-efsa-any-12y": (
        "vitamin_d", "efsa", y(12), "male", "none", None, None, {"kind": "AI", "value": 15},
    ),
    "vitamin_d-efsa-any-80y": (
        "vitamin_d", "efsa", y(80), "female", "none", None, None, {"kind": "AI", "value": 15},
    ),
    "vitamin_d-efsa-pregnant-30y": (
        "vitamin_d", "efsa", y(30), "female", "pregnant", 2, None,
        {"kind": "AI", "value": 15, "fallback": None},
    ),
    "vitamin_d-nl-any-3m": (
        "vitamin_d", "nl", 3, "male", "none", None, None,
        {"kind": None, "value": None, "fallback": None, "published": False},
    ),
    "vitamin_d-nl-any-10m": (
        "vitamin_d", "nl", 10, "female", "none", None, None, {"kind": "AI", "value": 10},
    ),
    "vitamin_d-nl-any-2y": (
        "vitamin_d", "nl", y(2), "male", "none", None, None, {"kind": "AI", "value": 10},
    ),
    "vitamin_d-nl-any-69y": (
        "vitamin_d", "nl", y(69.5), "female", "none", None, None,
        {"kind": "AI", "value": 10, "ear": None},
    ),
    "vitamin_d-nl-any-70y": (
        "vitamin_d", "nl", y(70), "male", "none", None, None,
        {"kind": "recommended", "value": 20, "ear": 10},
    ),
    "vitamin_d-nl-pregnant-30y": (
        "vitamin_d", "nl", y(30), "female", "pregnant", 3, None,
        {"kind": "AI", "value": 15, "fallback": "efsa"},
    ),
    "vitamin_d-nl-lactating-30y": (
        "vitamin_d", "nl", y(30), "female", "lactating", None, 1,
        {"kind": "AI", "value": 15, "fallback": "efsa"},
    ),
    "vitamin_d-uk-any-6m": (
        "vitamin_d", "uk", 6, "male", "none", None, None,
        {"kind": "safe_intake", "value": 8.5},
    ),
    "vitamin_d-uk-any-3y": (
        "vitamin_d", "uk", y(3), "female", "none", None, None,
        {"kind": "safe_intake", "value": 10},
    ),
    "vitamin_d-uk-any-4y": (
        "vitamin_d", "uk", y(4), "male", "none", None, None, {"kind": "RNI", "value": 10},
    ),
    "vitamin_d-uk-any-90y": (
        "vitamin_d", "uk", y(90), "female", "none", None, None, {"kind": "RNI", "value": 10},
    ),
    "vitamin_d-uk-pregnant-30y": (
        "vitamin_d", "uk", y(30), "female", "pregnant", 1, None, {"kind": "RNI", "value": 10},
    ),
    "vitamin_d-dach-any-1m": (
        "vitamin_d", "dach", 1, "female", "none", None, None,
        {"kind": "estimated", "value": 10},
    ),
    "vitamin_d-dach-any-8m": (
        "vitamin_d", "dach", 8, "male", "none", None, None, {"kind": "estimated", "value": 10},
    ),
    "vitamin_d-dach-any-2y": (
        "vitamin_d", "dach", y(2), "male", "none", None, None,
        {"kind": "estimated", "value": 20},
    ),
    "vitamin_d-dach-any-75y": (
        "vitamin_d", "dach", y(75), "female", "none", None, None,
        {"kind": "estimated", "value": 20},
    ),
    "vitamin_d-dach-lactating-30y": (
        "vitamin_d", "dach", y(30), "female", "lactating", None, 2,
        {"kind": "estimated", "value": 20},
    ),
}
# fmt: on


@pytest.mark.parametrize("case", INTAKE_CASES.values(), ids=INTAKE_CASES.keys())
def test_intake_row_matches_reference(case: Case) -> None:
    nutrient, system, age, sex, state, trimester, postpartum, expected = case
    row = only(intake_rows(nutrient, system, age, sex, state, trimester, postpartum))
    for field, wanted in expected.items():
        if field == "verify":
            assert wanted <= set(row.verify), (row.line, row.verify)
            if not wanted:
                assert row.verify == (), (row.line, row.verify)
        elif field == "published":
            assert row.published is wanted, row.line
        elif isinstance(wanted, float):
            assert getattr(row, field) == pytest.approx(wanted), (row.line, field)
        else:
            assert getattr(row, field) == wanted, (row.line, field)
    assert row.sources, row.line


def sweep_ages() -> list[int]:
    """Every month to 24 months, then each birthday and half-birthday to 120 years."""
    ages = list(range(25))
    for years in range(2, 121):
        ages.append(years * 12)
        if years < 120:
            ages.append(years * 12 + 6)
    return sorted(set(ages))


@pytest.mark.parametrize("nutrient", NUTRIENTS)
@pytest.mark.parametrize("system", SYSTEMS)
@pytest.mark.parametrize("sex", ["male", "female"])
def test_exactly_one_row_for_every_age(nutrient: str, system: str, sex: str) -> None:
    for age in sweep_ages():
        rows = intake_rows(nutrient, system, age, sex)
        assert len(rows) == 1, (nutrient, system, sex, age, [r.line for r in rows])


def _overlap(a_from: int, a_to: int | None, b_from: int, b_to: int | None) -> bool:
    return (b_to is None or a_from < b_to) and (a_to is None or b_from < a_to)


@pytest.mark.parametrize("nutrient", NUTRIENTS)
def test_no_overlapping_pregnancy_or_lactation_rows(nutrient: str) -> None:
    rows = [r for r in load_knowledge().intakes_for(nutrient) if r.state != "none"]
    assert rows
    for a, b in combinations(rows, 2):
        if (a.system, a.state) != (b.system, b.state):
            continue
        if not _overlap(a.age.from_months, a.age.to_months, b.age.from_months, b.age.to_months):
            continue
        same_trimester = a.trimester is None or b.trimester is None or a.trimester == b.trimester
        same_postpartum = (
            a.postpartum is None
            or b.postpartum is None
            or _overlap(
                a.postpartum.from_months,
                a.postpartum.to_months,
                b.postpartum.from_months,
                b.postpartum.to_months,
            )
        )
        assert not (same_trimester and same_postpartum), (nutrient, a.line, b.line)


@pytest.mark.parametrize("nutrient", NUTRIENTS)
@pytest.mark.parametrize("system", SYSTEMS)
def test_pregnancy_and_lactation_covered_19_to_50(nutrient: str, system: str) -> None:
    first = 14 if system == "us" else 19
    for years in range(first, 51):
        for trimester in (1, 2, 3):
            row = only(intake_rows(nutrient, system, y(years), "female", "pregnant", trimester))
            assert row.published, row.line
        for months in (0, 3, 5, 6, 9, 12, 24):
            rows = intake_rows(nutrient, system, y(years), "female", "lactating", None, months)
            assert only(rows).published


def test_us_has_no_pregnancy_row_outside_14_to_50() -> None:
    for nutrient in NUTRIENTS:
        assert intake_rows(nutrient, "us", y(13), "female", "pregnant", 1) == []
        assert intake_rows(nutrient, "us", y(51), "female", "lactating", None, 2) == []


def test_increments_only_where_a_base_target_exists() -> None:
    """An increment is added to the same system's non-pregnant female target at that age."""
    for row in load_knowledge().intakes:
        if row.nutrient not in NUTRIENTS or row.increment is None:
            continue
        end = row.age.to_months or y(120)
        for age in range(row.age.from_months, end, 6):
            base = only(intake_rows(row.nutrient, row.system, age, "female"))
            assert base.published, (row.line, age)


def test_protein_targets_are_per_kg_or_absolute() -> None:
    for row in load_knowledge().intakes_for("protein"):
        if row.state == "none" and row.published:
            assert row.per_kg is not None or row.value is not None, row.line
        if row.reference_weight_kg is not None:
            assert row.per_kg is not None and row.value is not None, row.line
            assert row.per_kg * row.reference_weight_kg == pytest.approx(row.value, abs=0.05)


# --- vitamin D upper limits (§6.2): (system, measure, age months) -> (kind, value, fallback)
LimitCase = tuple[str, str, int, str, float, str | None]

LIMIT_CASES: dict[str, LimitCase] = {
    "us-0m": ("us", "ul", 0, "UL", 25, None),
    "us-7m": ("us", "ul", 7, "UL", 38, None),
    "us-3y": ("us", "ul", y(3), "UL", 63, None),
    "us-8y": ("us", "ul", y(8), "UL", 75, None),
    "us-9y": ("us", "ul", y(9), "UL", 100, None),
    "us-70y": ("us", "ul", y(70), "UL", 100, None),
    "efsa-5m": ("efsa", "ul", 5, "UL", 25, None),
    "efsa-6m": ("efsa", "ul", 6, "UL", 35, None),
    "efsa-1y": ("efsa", "ul", y(1), "UL", 50, None),
    "efsa-10y": ("efsa", "ul", y(10), "UL", 50, None),
    "efsa-11y": ("efsa", "ul", y(11), "UL", 100, None),
    "efsa-17y": ("efsa", "ul", y(17), "UL", 100, None),
    "efsa-40y": ("efsa", "ul", y(40), "UL", 100, None),
    "nl-3m": ("nl", "ul", 3, "UL", 25, "efsa"),
    "nl-9m": ("nl", "ul", 9, "UL", 35, "efsa"),
    "nl-6y": ("nl", "ul", y(6), "UL", 50, "efsa"),
    "nl-15y": ("nl", "ul", y(15), "UL", 100, "efsa"),
    "nl-60y": ("nl", "ul", y(60), "UL", 100, "efsa"),
    "dach-0m": ("dach", "ul", 0, "UL", 25, None),
    "dach-11m": ("dach", "ul", 11, "UL", 25, None),
    "dach-10y": ("dach", "ul", y(10), "UL", 50, None),
    "dach-11y": ("dach", "ul", y(11), "UL", 100, None),
    "dach-80y": ("dach", "ul", y(80), "UL", 100, None),
    "uk-40y": ("uk", "supplemental_ul", y(40), "guidance_level", 25, None),
}


def limit_rows(system: str, measure: str, age_months: int) -> list[LimitRow]:
    return [
        row
        for row in load_knowledge().limits
        if row.nutrient == "vitamin_d"
        and row.system == system
        and row.measure == measure
        and row.age.contains(age_months)
    ]


@pytest.mark.parametrize("case", LIMIT_CASES.values(), ids=LIMIT_CASES.keys())
def test_vitamin_d_limit_matches_reference(case: LimitCase) -> None:
    system, measure, age, kind, value, fallback = case
    row = only(limit_rows(system, measure, age))
    assert (row.kind, row.value, row.fallback) == (kind, value, fallback), row.line
    assert row.state == "any"


def test_vitamin_d_uk_guidance_level_is_marked_for_verification() -> None:
    row = only(limit_rows("uk", "supplemental_ul", y(30)))
    assert {"value", "kind"} <= set(row.verify)
    assert limit_rows("uk", "ul", y(30)) == []


@pytest.mark.parametrize("system", ["us", "efsa", "nl", "dach"])
def test_vitamin_d_total_intake_ul_covers_every_age(system: str) -> None:
    for age in sweep_ages():
        assert len(limit_rows(system, "ul", age)) == 1, (system, age)
