"""Reference intakes and upper limits of calcium, potassium, sodium and zinc.

Expected values are typed from shared/reference/related-nutrients-facts.md (§1-§4, §8), so a
data file that drifts from the reference fails here.
"""

from __future__ import annotations

import shutil
from itertools import combinations
from pathlib import Path

import pytest

from mgcoach.errors import KnowledgeError
from mgcoach.knowledge import load_knowledge, load_knowledge_from
from mgcoach.knowledge.ages import AgeBand
from mgcoach.knowledge.base import DATA_DIR
from mgcoach.knowledge.intakes import IntakeRow, LimitRow

NUTRIENTS = ("calcium", "potassium", "sodium", "zinc")
SYSTEMS = ("us", "efsa", "nl", "uk", "dach")
F, M, P, L = "female", "male", "pregnant", "lactating"

# Every month to 2 y, then every birthday and half-birthday to 120 y: hits every band boundary.
SWEEP_AGES = [*range(25), *(m for years in range(2, 121) for m in (12 * years, 12 * years + 6))]


def y(years: int) -> int:
    return 12 * years


def intakes(
    nutrient: str,
    system: str,
    age: int,
    sex: str,
    state: str = "none",
    *,
    tri: int | None = None,
    pp: int | None = None,
    phy: int | None = None,
) -> list[IntakeRow]:
    """The rows that apply to one person (a row with sex=any applies to both sexes)."""
    return [
        row
        for row in load_knowledge().intakes
        if row.nutrient == nutrient
        and row.system == system
        and row.age.contains(age)
        and row.sex in (sex, "any")
        and row.state == state
        and row.trimester == tri
        and row.phytate_mg == phy
        and (row.postpartum is None if pp is None else row.postpartum.contains(pp))
    ]


def c(case_id: str, age: int, sex: str, kind: str | None, value: float | None = None, **kw: object):
    """One expected row; nutrient and system are the first two parts of the id."""
    nutrient, system = case_id.split("-")[:2]
    query = {k: kw.pop(k) for k in ("state", "tri", "pp", "phy") if k in kw}
    want = {"kind": kind, "value": value, "increment": None, "ear": None, "lrni": None}
    want |= {"fallback": None} | {
        {"inc": "increment", "fb": "fallback"}.get(k, k): v for k, v in kw.items()
    }
    return pytest.param(nutrient, system, age, sex, query, want, id=case_id)


CASES = [
    c("calcium-us-infant-3m", 3, F, "AI", 200),
    c("calcium-us-male-10y", y(10), M, "RDA", 1300, ear=1100),
    c("calcium-us-female-55y", y(55), F, "RDA", 1200, ear=1000),
    c("calcium-us-male-55y", y(55), M, "RDA", 1000, ear=800),
    c("calcium-us-male-75y", y(75), M, "RDA", 1200, ear=1000),
    c("calcium-us-pregnant-16y", y(16), F, "RDA", 1300, ear=1000, state=P),
    c("calcium-us-lactating-35y", y(35), F, "RDA", 1000, ear=800, state=L),
    c("calcium-efsa-infant-3m", 3, F, None),
    c("calcium-efsa-infant-9m", 9, M, "AI", 280),
    c("calcium-efsa-male-20y", y(20), M, "PRI", 1000, ear=860),
    c("calcium-efsa-female-60y", y(60), F, "PRI", 950, ear=750),
    c("calcium-efsa-pregnant-30y", y(30), F, "PRI", inc=0, state=P),
    c("calcium-efsa-lactating-16y", y(16), F, "PRI", inc=0, state=L),
    c("calcium-nl-infant-3m", 3, M, None),
    c("calcium-nl-infant-9m", 9, F, "AI", 315),
    c("calcium-nl-female-45y", y(45), F, "recommended", 950, ear=750),
    c("calcium-nl-female-55y", y(55), F, "AI", 1100),
    c("calcium-nl-male-55y", y(55), M, "recommended", 950, ear=750),
    c("calcium-nl-male-75y", y(75), M, "AI", 1200),
    c("calcium-nl-pregnant-16y", y(16), F, "PRI", 1150, ear=960, fb="efsa", state=P),
    c("calcium-nl-pregnant-30y", y(30), F, "PRI", 950, ear=750, fb="efsa", state=P),
    c("calcium-nl-lactating-20y", y(20), F, "PRI", 1000, ear=860, fb="efsa", state=L),
    c("calcium-uk-infant-6m", 6, F, "RNI", 525, ear=400, lrni=240),
    c("calcium-uk-male-12y", y(12), M, "RNI", 1000, ear=750, lrni=480),
    c("calcium-uk-female-16y", y(16), F, "RNI", 800, ear=625, lrni=450),
    c("calcium-uk-female-60y", y(60), F, "RNI", 700, ear=525, lrni=400),
    c("calcium-uk-pregnant-30y", y(30), F, "RNI", inc=0, state=P),
    c("calcium-uk-lactating-30y", y(30), F, "RNI", inc=550, state=L),
    c("calcium-dach-infant-2m", 2, F, "estimated", 220),
    c("calcium-dach-infant-6m", 6, M, "estimated", 330),
    c("calcium-dach-male-14y", y(14), M, "recommended", 1200),
    c("calcium-dach-female-70y", y(70), F, "recommended", 1000),
    c("calcium-dach-pregnant-17y", y(17), F, "recommended", 1200, state=P),
    c("calcium-dach-pregnant-30y", y(30), F, "recommended", 1000, state=P),
    c("potassium-us-infant-3m", 3, M, "AI", 400),
    c("potassium-us-male-12y", y(12), M, "AI", 2500),
    c("potassium-us-female-12y", y(12), F, "AI", 2300),
    c("potassium-us-female-40y", y(40), F, "AI", 2600),
    c("potassium-us-male-80y", y(80), M, "AI", 3400),
    c("potassium-us-pregnant-17y", y(17), F, "AI", 2600, state=P),
    c("potassium-us-pregnant-25y", y(25), F, "AI", 2900, state=P),
    c("potassium-us-lactating-16y", y(16), F, "AI", 2500, state=L),
    c("potassium-us-lactating-40y", y(40), F, "AI", 2800, state=L),
    c("potassium-efsa-infant-3m", 3, F, None),
    c("potassium-efsa-infant-8m", 8, F, "AI", 750),
    c("potassium-efsa-female-12y", y(12), F, "AI", 2700),
    c("potassium-efsa-male-70y", y(70), M, "AI", 3500),
    c("potassium-efsa-pregnant-30y", y(30), F, "AI", 3500, state=P),
    c("potassium-efsa-lactating-30y", y(30), F, "AI", 4000, state=L),
    c("potassium-nl-infant-3m", 3, F, None),
    c("potassium-nl-infant-8m", 8, M, "AI", 700),
    c("potassium-nl-child-8y", y(8), F, "AI", 1600),
    c("potassium-nl-female-70y", y(70), F, "AI", 3500),
    c("potassium-nl-pregnant-30y", y(30), F, "AI", 3500, fb="efsa", state=P),
    c("potassium-nl-lactating-30y", y(30), F, "AI", 4000, fb="efsa", state=L),
    c("potassium-uk-infant-2m", 2, F, "RNI", 800, lrni=400),
    c("potassium-uk-infant-4m", 4, M, "RNI", 850, lrni=400),
    c("potassium-uk-infant-10m", 10, F, "RNI", 700, lrni=450),
    c("potassium-uk-child-8y", y(8), M, "RNI", 2000, lrni=950),
    c("potassium-uk-male-50y", y(50), M, "RNI", 3500, lrni=2000),
    c("potassium-uk-pregnant-30y", y(30), F, "RNI", inc=0, state=P),
    c("potassium-dach-infant-2m", 2, M, "estimated", 400),
    c("potassium-dach-child-11y", y(11), F, "estimated", 2900),
    c("potassium-dach-female-14y", y(14), F, "estimated", 3600),
    c("potassium-dach-male-65y", y(65), M, "estimated", 4000),
    c("potassium-dach-pregnant-30y", y(30), F, "estimated", 4000, state=P),
    c("potassium-dach-lactating-30y", y(30), F, "estimated", 4400, state=L),
    c("sodium-us-infant-3m", 3, F, "AI", 110),
    c("sodium-us-infant-9m", 9, M, "AI", 370),
    c("sodium-us-male-16y", y(16), M, "AI", 1500),
    c("sodium-us-female-75y", y(75), F, "AI", 1500),
    c("sodium-us-pregnant-20y", y(20), F, "AI", 1500, state=P),
    c("sodium-efsa-infant-3m", 3, M, None),
    c("sodium-efsa-infant-9m", 9, F, "AI", 200),
    c("sodium-efsa-child-2y", y(2), M, "safe_adequate", 1100),
    c("sodium-efsa-child-9y", y(9), F, "safe_adequate", 1700),
    c("sodium-efsa-female-30y", y(30), F, "safe_adequate", 2000),
    c("sodium-efsa-pregnant-30y", y(30), F, "safe_adequate", 2000, state=P),
    c("sodium-nl-infant-3m", 3, F, None),
    c("sodium-nl-male-40y", y(40), M, None),
    c("sodium-nl-pregnant-30y", y(30), F, None, state=P),
    c("sodium-nl-lactating-30y", y(30), F, None, state=L),
    c("sodium-uk-infant-1m", 1, F, "RNI", 210, lrni=140),
    c("sodium-uk-infant-5m", 5, M, "RNI", 280, lrni=140),
    c("sodium-uk-infant-11m", 11, M, "RNI", 350, lrni=200),
    c("sodium-uk-child-12y", y(12), F, "RNI", 1600, lrni=460),
    c("sodium-uk-male-60y", y(60), M, "RNI", 1600, lrni=575),
    c("sodium-uk-pregnant-30y", y(30), F, "RNI", inc=0, state=P),
    c("sodium-dach-infant-2m", 2, F, "estimated", 130),
    c("sodium-dach-infant-6m", 6, M, "estimated", 200),
    c("sodium-dach-child-12y", y(12), M, "estimated", 1100),
    c("sodium-dach-male-14y", y(14), M, "estimated", 1400),
    c("sodium-dach-female-50y", y(50), F, "estimated", 1500),
    c("sodium-dach-pregnant-30y", y(30), F, "estimated", 1500, state=P),
    c("zinc-us-infant-3m", 3, M, "AI", 2),
    c("zinc-us-infant-9m", 9, F, "RDA", 3, ear=2.5),
    c("zinc-us-female-16y", y(16), F, "RDA", 9, ear=7.3),
    c("zinc-us-male-16y", y(16), M, "RDA", 11, ear=8.5),
    c("zinc-us-male-40y", y(40), M, "RDA", 11, ear=9.4),
    c("zinc-us-pregnant-17y", y(17), F, "RDA", 12, ear=10.5, state=P),
    c("zinc-us-pregnant-30y", y(30), F, "RDA", 11, ear=9.5, state=P),
    c("zinc-us-lactating-16y", y(16), F, "RDA", 13, ear=10.9, state=L),
    c("zinc-us-lactating-30y", y(30), F, "RDA", 12, ear=10.4, state=L),
    c("zinc-efsa-infant-3m", 3, F, None),
    c("zinc-efsa-infant-9m", 9, M, "PRI", 2.9, ear=2.4),
    c("zinc-efsa-child-12y", y(12), F, "PRI", 10.7, ear=8.9),
    c("zinc-efsa-male-16y", y(16), M, "PRI", 14.2, ear=11.8),
    c("zinc-efsa-female-16y", y(16), F, "PRI", 11.9, ear=9.9),
    c("zinc-efsa-male-40y-lpi600", y(40), M, "PRI", 11.7, ear=9.3, phy=600),
    c("zinc-efsa-male-70y-lpi300", y(70), M, "PRI", 9.4, ear=7.5, phy=300),
    c("zinc-efsa-female-30y-lpi1200", y(30), F, "PRI", 12.7, ear=10.2, phy=1200),
    c("zinc-efsa-pregnant-30y-lpi600", y(30), F, "PRI", inc=1.6, state=P, phy=600),
    c("zinc-efsa-lactating-30y-lpi300", y(30), F, "PRI", inc=2.9, state=L, phy=300),
    c("zinc-efsa-pregnant-16y", y(16), F, "PRI", inc=1.6, state=P),
    c("zinc-efsa-lactating-17y", y(17), F, "PRI", inc=2.9, state=L),
    c("zinc-efsa-pregnant-13y", y(13), F, "PRI", 13.5, state=P),
    c("zinc-nl-infant-3m", 3, M, None),
    c("zinc-nl-infant-9m", 9, F, "recommended", 3.0, ear=2.5),
    c("zinc-nl-male-12y", y(12), M, "recommended", 10.4, ear=8.7),
    c("zinc-nl-female-16y", y(16), F, "recommended", 11.8, ear=9.8),
    c("zinc-nl-male-40y", y(40), M, "recommended", 9, ear=6.4),
    c("zinc-nl-female-40y", y(40), F, "recommended", 7, ear=5.7),
    c("zinc-nl-pregnant-30y-lpi600", y(30), F, "PRI", 10.9, fb="efsa", state=P, phy=600),
    c("zinc-nl-lactating-30y-lpi600", y(30), F, "PRI", 12.2, fb="efsa", state=L, phy=600),
    c("zinc-nl-lactating-16y", y(16), F, "PRI", 14.8, fb="efsa", state=L),
    c("zinc-uk-infant-2m", 2, F, "RNI", 4.0, ear=3.3, lrni=2.6),
    c("zinc-uk-infant-10m", 10, M, "RNI", 5.0, ear=3.8, lrni=3.0),
    c("zinc-uk-male-16y", y(16), M, "RNI", 9.5, ear=7.3, lrni=5.5),
    c("zinc-uk-female-60y", y(60), F, "RNI", 7.0, ear=5.5, lrni=4.0),
    c("zinc-uk-pregnant-30y", y(30), F, "RNI", inc=0, state=P),
    c("zinc-uk-lactating-30y-pp2m", y(30), F, "RNI", inc=6.0, state=L, pp=2),
    c("zinc-uk-lactating-30y-pp6m", y(30), F, "RNI", inc=2.5, state=L, pp=6),
    c("zinc-dach-infant-2m", 2, F, "estimated", 1.5),
    c("zinc-dach-infant-6m", 6, M, "recommended", 2.5),
    c("zinc-dach-female-14y", y(14), F, "recommended", 10),
    c("zinc-dach-male-17y", y(17), M, "recommended", 14),
    c("zinc-dach-male-40y-p660", y(40), M, "recommended", 14, phy=660),
    c("zinc-dach-female-40y-p330", y(40), F, "recommended", 7, phy=330),
    c("zinc-dach-pregnant-t1-p660", y(30), F, "recommended", 9, state=P, tri=1, phy=660),
    c("zinc-dach-pregnant-t2-p330", y(30), F, "recommended", 9, state=P, tri=2, phy=330),
    c("zinc-dach-pregnant-t3-p990", y(30), F, "recommended", 13, state=P, tri=3, phy=990),
    c("zinc-dach-lactating-p660", y(30), F, "recommended", 13, state=L, phy=660),
]


def test_loads_with_rows_for_every_system() -> None:
    kb = load_knowledge()
    for nutrient in NUTRIENTS:
        systems = {row.system for row in kb.intakes if row.nutrient == nutrient}
        assert systems == set(SYSTEMS), nutrient
        assert any(row.nutrient == nutrient for row in kb.limits), nutrient


def test_unknown_source_id_fails_the_load(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "intakes" / "zinc.csv").open("a", encoding="utf-8") as handle:
        handle.write("us,0m,6m,any,none,,,,,AI,2,,,,,NO-SUCH-SOURCE,,primary,\n")
    with pytest.raises(KnowledgeError, match="NO-SUCH-SOURCE"):
        load_knowledge_from(data)


@pytest.mark.parametrize(("nutrient", "system", "age", "sex", "query", "want"), CASES)
def test_published_values(
    nutrient: str, system: str, age: int, sex: str, query: dict, want: dict
) -> None:
    rows = intakes(nutrient, system, age, sex, **query)
    assert len(rows) == 1, [row.line for row in rows]
    row = rows[0]
    got = {key: getattr(row, key) for key in want}
    assert got == want
    assert row.sources, row.line


@pytest.mark.parametrize("system", SYSTEMS)
@pytest.mark.parametrize("nutrient", NUTRIENTS)
def test_one_row_per_age_and_sex(nutrient: str, system: str) -> None:
    levels = {s.system: set(s.levels_mg) for s in load_knowledge().phytate}
    candidates = [
        row
        for row in load_knowledge().intakes
        if row.nutrient == nutrient and row.system == system and row.state == "none"
    ]
    for sex in (F, M):
        for age in SWEEP_AGES:
            rows = [r for r in candidates if r.age.contains(age) and r.sex in (sex, "any")]
            by_level: dict[int | None, int] = {}
            for row in rows:
                by_level[row.phytate_mg] = by_level.get(row.phytate_mg, 0) + 1
            assert by_level, (sex, age)
            assert set(by_level.values()) == {1}, (sex, age, by_level)
            if set(by_level) != {None}:
                assert set(by_level) == levels[system], (sex, age, set(by_level))


def _overlap(a: AgeBand | None, b: AgeBand | None) -> bool:
    if a is None or b is None:
        return True
    a_end = a.to_months if a.to_months is not None else 10**6
    b_end = b.to_months if b.to_months is not None else 10**6
    return a.from_months < b_end and b.from_months < a_end


def _group(row: IntakeRow) -> tuple[object, ...]:
    return (row.system, row.state, row.trimester, row.phytate_mg)


@pytest.mark.parametrize("nutrient", NUTRIENTS)
def test_no_overlapping_rows_in_any_state(nutrient: str) -> None:
    rows = load_knowledge().intakes_for(nutrient)
    for a, b in combinations(rows, 2):
        same_group = _group(a) == _group(b)
        sexes_meet = a.sex == b.sex or "any" in (a.sex, b.sex)
        clash = same_group and sexes_meet and _overlap(a.postpartum, b.postpartum)
        assert not (clash and _overlap(a.age, b.age)), (a.line, b.line)


@pytest.mark.parametrize("state", [P, L])
@pytest.mark.parametrize("nutrient", NUTRIENTS)
def test_pregnancy_and_lactation_rows_19_to_50(nutrient: str, state: str) -> None:
    rows = [r for r in load_knowledge().intakes_for(nutrient) if r.state == state]
    for system in SYSTEMS:
        for years in range(19, 51):
            assert any(r.system == system and r.age.contains(y(years)) for r in rows), (
                system,
                years,
            )
    us = [r for r in rows if r.system == "us"]
    assert min(r.age.from_months for r in us) == y(14)
    assert max(r.age.to_months or 10**6 for r in us) == y(51)


@pytest.mark.parametrize("nutrient", NUTRIENTS)
def test_every_increment_has_a_base_row(nutrient: str) -> None:
    rows = load_knowledge().intakes_for(nutrient)
    for row in (r for r in rows if r.increment is not None):
        for age in range(row.age.from_months, (row.age.to_months or y(121)), 6):
            base = intakes(nutrient, row.system, age, F, phy=row.phytate_mg)
            assert len(base) == 1 and base[0].value is not None, (row.line, age)


def test_fallback_rows() -> None:
    kb = load_knowledge()
    mine = [r for r in (*kb.intakes, *kb.limits) if r.nutrient in NUTRIENTS]
    for row in mine:
        assert row.fallback is None or row.fallback != row.system, (row.nutrient, row.line)
    nl_pregnancy = [
        r
        for r in kb.intakes
        if r.nutrient in ("calcium", "potassium", "zinc") and r.system == "nl" and r.state != "none"
    ]
    assert len(nl_pregnancy) >= 6
    for row in nl_pregnancy:
        assert row.fallback == "efsa", (row.nutrient, row.line)
        assert any(s.startswith("EFSA") for s in row.sources), (row.nutrient, row.line)
    assert not any(r.published for r in kb.intakes_for("sodium") if r.system == "nl")


@pytest.mark.parametrize(
    ("case_id", "age", "sex", "state", "verify"),
    [
        ("calcium-uk", y(8), F, "none", {"ear", "lrni"}),
        ("calcium-uk", y(30), M, "none", {"ear"}),
        ("potassium-uk", y(30), M, "none", set()),
        ("potassium-nl", y(8), M, "none", {"value"}),
        ("sodium-uk", y(30), F, "none", {"lrni"}),
        ("zinc-uk", 2, M, "none", {"ear", "lrni"}),
        ("zinc-efsa", y(16), F, P, {"increment"}),
        ("calcium-us", y(30), F, "none", set()),
    ],
)
def test_verify_marks(case_id: str, age: int, sex: str, state: str, verify: set[str]) -> None:
    (row,) = intakes(*case_id.split("-"), age, sex, state)
    assert set(row.verify) == verify


def limits(nutrient: str, system: str, measure: str, age: int, state: str) -> list[LimitRow]:
    return [
        row
        for row in load_knowledge().limits
        if (row.nutrient, row.system, row.measure) == (nutrient, system, measure)
        and row.age.contains(age)
        and row.state in (state, "any")
    ]


def lim(case_id: str, measure: str, age: int, kind: str, value: float | None = None, **kw: str):
    nutrient, system = case_id.split("-")[:2]
    state, fallback = kw.get("state", "none"), kw.get("fb")
    return pytest.param(nutrient, system, measure, age, state, (kind, value, fallback), id=case_id)


UL, SUP, LIM, NE = "ul", "supplemental_ul", "limit", "not_established"
LIMIT_CASES = [
    lim("calcium-us-infant-3m", UL, 3, "UL", 1000),
    lim("calcium-us-infant-9m", UL, 9, "UL", 1500),
    lim("calcium-us-child-5y", UL, y(5), "UL", 2500),
    lim("calcium-us-pregnant-16y", UL, y(16), "UL", 3000, state=P),
    lim("calcium-us-adult-30y", UL, y(30), "UL", 2500),
    lim("calcium-us-adult-60y", UL, y(60), "UL", 2000),
    lim("calcium-efsa-child-10y", UL, y(10), NE),
    lim("calcium-efsa-lactating-30y", UL, y(30), "UL", 2500, state=L),
    lim("calcium-nl-child-10y", UL, y(10), NE, fb="efsa"),
    lim("calcium-nl-adult-40y", UL, y(40), "UL", 2500, fb="efsa"),
    lim("calcium-dach-adult-40y", UL, y(40), "UL", 2500, fb="efsa"),
    lim("calcium-uk-adult-40y", SUP, y(40), "guidance_level", 1500),
    lim("potassium-us-adult-40y", UL, y(40), NE),
    lim("potassium-efsa-infant-3m", UL, 3, NE),
    lim("potassium-efsa-adult-40y", UL, y(40), NE),
    lim("sodium-us-infant-6m", LIM, 6, NE),
    lim("sodium-us-child-2y", LIM, y(2), "CDRR", 1200),
    lim("sodium-us-child-6y", LIM, y(6), "CDRR", 1500),
    lim("sodium-us-child-10y", LIM, y(10), "CDRR", 1800),
    lim("sodium-us-teen-15y", LIM, y(15), "CDRR", 2300),
    lim("sodium-us-pregnant-30y", LIM, y(30), "CDRR", 2300, state=P),
    lim("sodium-efsa-child-2y", LIM, y(2), "safe_adequate", 1100),
    lim("sodium-efsa-child-5y", LIM, y(5), "safe_adequate", 1300),
    lim("sodium-efsa-child-8y", LIM, y(8), "safe_adequate", 1700),
    lim("sodium-efsa-adult-30y", LIM, y(30), "safe_adequate", 2000),
    lim("sodium-nl-child-8y", LIM, y(8), NE),
    lim("sodium-nl-adult-40y", LIM, y(40), "guideline_max", 2400),
    lim("sodium-uk-infant-3m", LIM, 3, "guideline_max", 400),
    lim("sodium-uk-child-2y", LIM, y(2), "guideline_max", 800),
    lim("sodium-uk-child-5y", LIM, y(5), "guideline_max", 1200),
    lim("sodium-uk-child-8y", LIM, y(8), "guideline_max", 2000),
    lim("sodium-uk-child-12y", LIM, y(12), "guideline_max", 2400),
    lim("sodium-uk-adult-30y", LIM, y(30), "guideline_max", 2400),
    lim("sodium-dach-adult-30y", LIM, y(30), "guideline_max", 2400),
    lim("zinc-us-infant-3m", UL, 3, "UL", 4),
    lim("zinc-us-infant-9m", UL, 9, "UL", 5),
    lim("zinc-us-child-6y", UL, y(6), "UL", 12),
    lim("zinc-us-child-10y", UL, y(10), "UL", 23),
    lim("zinc-us-lactating-16y", UL, y(16), "UL", 34, state=L),
    lim("zinc-us-adult-40y", UL, y(40), "UL", 40),
    lim("zinc-efsa-child-2y", UL, y(2), "UL", 7),
    lim("zinc-efsa-child-8y", UL, y(8), "UL", 13),
    lim("zinc-efsa-teen-16y", UL, y(16), "UL", 22),
    lim("zinc-efsa-adult-40y", UL, y(40), "UL", 25),
    lim("zinc-nl-adult-40y", UL, y(40), "UL", 25, fb="efsa"),
    lim("zinc-dach-adult-40y", UL, y(40), "UL", 25, fb="efsa"),
    lim("zinc-uk-adult-40y", SUP, y(40), "guidance_level", 25),
]


@pytest.mark.parametrize(("nutrient", "system", "measure", "age", "state", "want"), LIMIT_CASES)
def test_upper_limits(
    nutrient: str, system: str, measure: str, age: int, state: str, want: tuple
) -> None:
    rows = limits(nutrient, system, measure, age, state)
    assert len(rows) == 1, [row.line for row in rows]
    assert (rows[0].kind, rows[0].value, rows[0].fallback) == want


def test_limit_rows_do_not_overlap() -> None:
    rows = [r for r in load_knowledge().limits if r.nutrient in NUTRIENTS]
    for a, b in combinations(rows, 2):
        same = (a.nutrient, a.system, a.measure) == (b.nutrient, b.system, b.measure)
        states_meet = a.state == b.state or "any" in (a.state, b.state)
        assert not (same and states_meet and _overlap(a.age, b.age)), (a.line, b.line)


def test_efsa_sodium_ceiling_equals_its_target() -> None:
    for age in (a for a in SWEEP_AGES if a >= 12):
        (target,) = intakes("sodium", "efsa", age, F)
        (ceiling,) = limits("sodium", "efsa", "limit", age, "none")
        assert (ceiling.kind, ceiling.value) == (target.kind, target.value), age
