"""Every magnesium value of magnesium-facts.md §1 and §2, through the targets engine."""

from __future__ import annotations

import pytest

from mgcoach.engine.profile import build_profile
from mgcoach.engine.targets import nutrient_target
from mgcoach.knowledge import KnowledgeBase
from mgcoach.knowledge.vocabulary import System


def _mg(kb: KnowledgeBase, system: str, sex: str, age: float | None = None, months=None, **kw):
    profile = build_profile(sex=sex, age_years=age, age_months=months, **kw)
    return nutrient_target(kb, "magnesium", System(system), profile)


# (system, sex, age years, age months, state, target, kind, ear, lrni)
ROWS = [
    # §1.1 United States, IOM 1997
    ("us", "female", None, 3, None, 30, "AI", None, None),
    ("us", "male", None, 9, None, 75, "AI", None, None),
    ("us", "male", 2, None, None, 80, "RDA", 65, None),
    ("us", "female", 6, None, None, 130, "RDA", 110, None),
    ("us", "male", 11, None, None, 240, "RDA", 200, None),
    ("us", "male", 16, None, None, 410, "RDA", 340, None),
    ("us", "female", 16, None, None, 360, "RDA", 300, None),
    ("us", "male", 25, None, None, 400, "RDA", 330, None),
    ("us", "female", 25, None, None, 310, "RDA", 255, None),
    ("us", "male", 45, None, None, 420, "RDA", 350, None),
    ("us", "female", 45, None, None, 320, "RDA", 265, None),
    ("us", "male", 65, None, None, 420, "RDA", 350, None),
    ("us", "female", 65, None, None, 320, "RDA", 265, None),
    ("us", "male", 80, None, None, 420, "RDA", 350, None),
    ("us", "female", 80, None, None, 320, "RDA", 265, None),
    ("us", "female", 17, None, "pregnant", 400, "RDA", 335, None),
    ("us", "female", 25, None, "pregnant", 350, "RDA", 290, None),
    ("us", "female", 32, None, "pregnant", 360, "RDA", 300, None),
    ("us", "female", 17, None, "lactating", 360, "RDA", 300, None),
    ("us", "female", 25, None, "lactating", 310, "RDA", 255, None),
    ("us", "female", 40, None, "lactating", 320, "RDA", 265, None),
    # §1.2 EFSA 2015 (AI only, no AR)
    ("efsa", "female", None, 8, None, 80, "AI", None, None),
    ("efsa", "male", 2, None, None, 170, "AI", None, None),
    ("efsa", "female", 7, None, None, 230, "AI", None, None),
    ("efsa", "male", 14, None, None, 300, "AI", None, None),
    ("efsa", "female", 14, None, None, 250, "AI", None, None),
    ("efsa", "male", 40, None, None, 350, "AI", None, None),
    ("efsa", "female", 70, None, None, 300, "AI", None, None),
    ("efsa", "female", 30, None, "pregnant", 300, "AI", None, None),
    ("efsa", "female", 30, None, "lactating", 300, "AI", None, None),
    # one pregnancy/lactation value at every age, teenagers too (not the 10-17 y AI of 250)
    ("efsa", "female", 16, None, "pregnant", 300, "AI", None, None),
    ("efsa", "female", 16, None, "lactating", 300, "AI", None, None),
    # §1.3 Netherlands, GR18 adults and GR25 children (= EFSA)
    ("nl", "male", 40, None, None, 350, "AI", None, None),
    ("nl", "female", 75, None, None, 300, "AI", None, None),
    ("nl", "female", 30, None, "pregnant", 300, "AI", None, None),
    ("nl", "female", 30, None, "lactating", 300, "AI", None, None),
    ("nl", "female", 16, None, "pregnant", 300, "AI", None, None),
    ("nl", "female", 16, None, "lactating", 300, "AI", None, None),
    ("nl", "male", None, 10, None, 80, "AI", None, None),
    ("nl", "female", 2, None, None, 170, "AI", None, None),
    ("nl", "male", 5, None, None, 230, "AI", None, None),
    ("nl", "male", 15, None, None, 300, "AI", None, None),
    ("nl", "female", 15, None, None, 250, "AI", None, None),
    # §1.4 United Kingdom, COMA 1991
    ("uk", "female", None, 1, None, 55, "RNI", 40, 30),
    ("uk", "male", None, 5, None, 60, "RNI", 50, 40),
    ("uk", "male", None, 7, None, 75, "RNI", 60, 45),
    ("uk", "female", None, 11, None, 80, "RNI", 60, 45),
    ("uk", "male", 2, None, None, 85, "RNI", 65, 50),
    ("uk", "female", 5, None, None, 120, "RNI", 90, 70),
    ("uk", "male", 9, None, None, 200, "RNI", 150, 115),
    ("uk", "female", 12, None, None, 280, "RNI", 230, 180),
    ("uk", "female", 16, None, None, 300, "RNI", 250, 190),
    ("uk", "male", 35, None, None, 300, "RNI", 250, 190),
    ("uk", "male", 60, None, None, 300, "RNI", 250, 190),
    ("uk", "female", 35, None, None, 270, "RNI", 200, 150),
    ("uk", "female", 30, None, "pregnant", 270, "RNI", None, None),
    ("uk", "female", 30, None, "lactating", 320, "RNI", None, None),
    ("uk", "female", 17, None, "lactating", 350, "RNI", None, None),
    ("uk", "female", 16, None, "pregnant", 300, "RNI", None, None),
    # §1.5 D-A-CH 2021 (Schätzwerte)
    ("dach", "female", None, 2, None, 24, "estimated", None, None),
    ("dach", "male", None, 6, None, 80, "estimated", None, None),
    ("dach", "male", 2, None, None, 170, "estimated", None, None),
    ("dach", "female", 5, None, None, 190, "estimated", None, None),
    ("dach", "male", 8, None, None, 240, "estimated", None, None),
    ("dach", "male", 11, None, None, 260, "estimated", None, None),
    ("dach", "female", 11, None, None, 230, "estimated", None, None),
    ("dach", "male", 14, None, None, 280, "estimated", None, None),
    ("dach", "female", 14, None, None, 240, "estimated", None, None),
    ("dach", "male", 17, None, None, 330, "estimated", None, None),
    ("dach", "female", 17, None, None, 260, "estimated", None, None),
    ("dach", "male", 50, None, None, 350, "estimated", None, None),
    ("dach", "female", 70, None, None, 300, "estimated", None, None),
    ("dach", "female", 30, None, "pregnant", 300, "estimated", None, None),
    ("dach", "female", 30, None, "lactating", 300, "estimated", None, None),
    # one value at every age (not the 15-18 y value of 260)
    ("dach", "female", 16, None, "pregnant", 300, "estimated", None, None),
    ("dach", "female", 16, None, "lactating", 300, "estimated", None, None),
]


def _id(row: tuple) -> str:
    system, sex, age, months, state, *_ = row
    when = f"{age}y" if age is not None else f"{months}m"
    return "-".join(part for part in (system, sex, when, state) if part)


@pytest.mark.parametrize("row", [pytest.param(r, id=_id(r)) for r in ROWS])
def test_magnesium_target(kb: KnowledgeBase, row: tuple) -> None:
    system, sex, age, months, state, target, kind, ear, lrni = row
    flags = {"pregnant": state == "pregnant", "lactating": state == "lactating"}
    result = _mg(kb, system, sex, age, months, **flags)
    assert (result.target, result.kind, result.ear, result.lrni) == (target, kind, ear, lrni)
    assert result.sources, "every value names its source"


@pytest.mark.parametrize(
    ("system", "sex", "age", "months", "state"),
    [
        pytest.param("efsa", "male", None, 3, None, id="efsa-0-6-months-not-set"),
        pytest.param("nl", "female", None, 2, None, id="nl-0-6-months-not-covered"),
        pytest.param("us", "female", 52, None, "pregnant", id="us-pregnant-52-no-row"),
        pytest.param("us", "female", 12, None, "lactating", id="us-lactating-12-no-row"),
    ],
)
def test_no_value_published_is_null_with_reason(kb, system, sex, age, months, state) -> None:
    flags = {"pregnant": state == "pregnant", "lactating": state == "lactating"}
    result = _mg(kb, system, sex, age, months, **flags)
    assert result.target is None
    assert result.reason is not None and result.reason.code in {"no_value", "not_covered"}


# §2 upper limits for supplemental magnesium: (system, age, months, value, kind, fallback)
LIMITS = [
    ("us", None, 6, None, "not_established", None),
    ("us", 2, None, 65, "UL", None),
    ("us", 6, None, 110, "UL", None),
    ("us", 10, None, 350, "UL", None),
    ("us", 45, None, 350, "UL", None),
    ("efsa", 2, None, None, "not_established", None),
    ("efsa", 4, None, 250, "UL", None),
    ("efsa", 45, None, 250, "UL", None),
    ("nl", 45, None, 250, "UL", System.EFSA),
    ("dach", 45, None, 250, "UL", System.EFSA),
    ("uk", 45, None, 400, "guidance_level", None),
]


@pytest.mark.parametrize(
    "row",
    [pytest.param(r, id=f"{r[0]}-{r[1] if r[1] is not None else str(r[2]) + 'm'}") for r in LIMITS],
)
def test_supplemental_upper_limit(kb: KnowledgeBase, row: tuple) -> None:
    system, age, months, value, kind, fallback = row
    result = _mg(kb, system, "female", age, months)
    assert result.supplemental_ul is not None
    assert (result.supplemental_ul.value, result.supplemental_ul.kind) == (value, kind)
    assert result.supplemental_ul.fallback == fallback
    assert result.ul is None, "magnesium has no upper level for total intake"


def test_uk_children_have_no_supplemental_guidance(kb: KnowledgeBase) -> None:
    assert _mg(kb, "uk", "male", 10).supplemental_ul is None


def test_us_pregnancy_keeps_supplemental_ul(kb: KnowledgeBase) -> None:
    result = _mg(kb, "us", "female", 32, pregnant=True)
    assert result.supplemental_ul is not None and result.supplemental_ul.value == 350


def test_unverified_uk_values_carry_the_mark(kb: KnowledgeBase) -> None:
    assert "lrni" in _mg(kb, "uk", "female", 35).verify
    assert "value" in _mg(kb, "uk", "male", None, 5).verify
