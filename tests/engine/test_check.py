"""The safety check, table-driven from the data: every drug class in interactions.toml, every
kidney category and condition in conditions.toml, and the supplemental upper limits (§2)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from mgcoach.contract.check import check_json
from mgcoach.engine.check import check, validate_egfr
from mgcoach.engine.interactions import MagnesiumDose, medication
from mgcoach.engine.names import find_drug
from mgcoach.engine.profile import Profile, build_profile
from mgcoach.errors import InputError
from mgcoach.knowledge import load_knowledge
from mgcoach.knowledge.compound_names import find_compound
from mgcoach.knowledge.safety import RiskFactor
from mgcoach.knowledge.vocabulary import System

KB = load_knowledge()
CLASSES = KB.safety.drug_classes
ADULT = build_profile(sex="female", age_years=45)
MAN = build_profile(sex="male", age_years=45)
DRUG_AT = 8 * 60
AWAKE = (7 * 60, 22 * 60 + 30)

# One drug per class (the first one drugs.toml lists for it), and the name a user types for it.
ONE_DRUG: dict[str, str] = {}
for _drug in KB.safety.drugs.values():
    ONE_DRUG.setdefault(_drug.drug_class, _drug.slug)
NAME = {slug: KB.safety.drugs[drug].names_en[0] for slug, drug in ONE_DRUG.items()}

TIMED = sorted(slug for slug, c in CLASSES.items() if c.timed)
AVOID = sorted(slug for slug, c in CLASSES.items() if c.avoid)
UNTIMED = sorted(slug for slug, c in CLASSES.items() if not c.timed and not c.avoid)
CONTRACT_LEVEL = {"major": "caution", "moderate": "caution", "minor": "info", None: "info"}
KIDNEY_ADVICE = {
    "standard": ("ok", "info"),
    "caution": ("caution", "caution"),
    "avoid_unless_supervised": ("avoid_unless_supervised", "avoid"),
}
INTERACTION_KEYS = {
    "drug", "drug_class", "kind", "severity", "hours_before", "hours_after", "conflict",
    "message", "source",
}  # fmt: skip
ISSUE_KEYS = {"code", "kind", "severity", "message"}


def fmt(minutes: int) -> str:
    minutes %= 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def violates(drug_at: int, mg_at: int, hours_before: float, hours_after: float) -> bool:
    """Fact reference §4.1, independent of the engine."""
    return (drug_at - mg_at) % 1440 < hours_after * 60 or (mg_at - drug_at) % 1440 < (
        hours_before * 60
    )


def run(
    meds: Sequence[tuple[str, tuple[int, ...]]] = (),
    doses: Sequence[tuple[float, tuple[int, ...]]] = (),
    *,
    system: str = "us",
    profile: Profile = ADULT,
    **options: Any,
) -> dict[str, Any]:
    result = check(
        KB,
        System(system),
        profile,
        tuple(medication(KB, name, times) for name, times in meds),
        tuple(MagnesiumDose(mg=mg, times=times) for mg, times in doses),
        **options,
    )
    return check_json(KB, result)


def issue_codes(data: dict[str, Any]) -> list[str]:
    return [issue["code"] for issue in data["issues"]]


# --- every drug class ------------------------------------------------------------------------


def test_every_drug_class_has_a_drug() -> None:
    assert set(ONE_DRUG) == set(CLASSES)
    assert AVOID == ["nilotinib", "raltegravir"]
    assert len(TIMED) >= 20 and len(UNTIMED) >= 10


@pytest.mark.parametrize("slug", sorted(CLASSES))
def test_interaction_kind_hours_and_severity(slug: str) -> None:
    drug_class = CLASSES[slug]
    drug = ONE_DRUG[slug]
    data = run([(NAME[slug], (DRUG_AT,))])
    [item] = data["interactions"]
    assert set(item) >= INTERACTION_KEYS
    assert (item["drug"], item["drug_class"]) == (drug, slug)
    if drug_class.effect == "none":
        assert item["message"] == (
            f"Mg Coach's data lists no interaction with magnesium for {NAME[slug]}; ask your "
            "pharmacist if you are unsure."
        )
    else:
        assert item["message"] == drug_class.action.en
    assert item["source"] == drug_class.sources[0]
    if drug_class.avoid:
        assert (item["kind"], item["severity"]) == ("avoid", "avoid")
        assert item["hours_before"] is None and item["hours_after"] is None
        assert data["ok"] is False
        assert data["suggested_times"] == []
        assert "no_time_avoid" in issue_codes(data)
    elif drug_class.timed:
        assert item["kind"] == "timing"
        assert item["hours_before"] == drug_class.hours_before
        assert item["hours_after"] == drug_class.hours_after
        assert item["severity"] == CONTRACT_LEVEL[drug_class.severity]
        assert item["conflict"] is False and data["ok"] is True
    else:
        assert item["kind"] in ("depletion", "retention", "contains_magnesium", "additive", "none")
        assert item["hours_before"] is None and item["hours_after"] is None
        assert item["severity"] == CONTRACT_LEVEL[drug_class.severity]
        assert item["conflict"] is False and data["ok"] is True
    for issue in data["issues"]:
        assert set(issue) >= ISSUE_KEYS
        assert issue["severity"] in ("info", "caution", "avoid")
    assert f"interaction_{slug}" in issue_codes(data)


def timing_cases() -> list[Any]:
    cases = []
    for slug in TIMED:
        before = round(CLASSES[slug].hours_before * 60)
        after = round(CLASSES[slug].hours_after * 60)
        cases += [
            pytest.param(slug, DRUG_AT + before, False, id=f"{slug}-exactly-after-drug"),
            pytest.param(slug, DRUG_AT + before - 15, True, id=f"{slug}-15min-too-soon-after"),
            pytest.param(slug, DRUG_AT - after, False, id=f"{slug}-exactly-before-drug"),
            pytest.param(slug, DRUG_AT - after + 15, True, id=f"{slug}-15min-too-close-before"),
        ]
    return cases


@pytest.mark.parametrize(("slug", "mg_at", "conflict"), timing_cases())
def test_timing_rule_edges(slug: str, mg_at: int, conflict: bool) -> None:
    mg_at %= 1440
    data = run([(NAME[slug], (DRUG_AT,))], [(100, (mg_at,))])
    [item] = data["interactions"]
    assert item["conflict"] is conflict
    assert data["ok"] is (not conflict)
    if conflict:
        assert item["conflicts"] == [{"drug_time": "08:00", "magnesium_time": fmt(mg_at)}]
        assert "timing_conflict" in issue_codes(data)
    else:
        assert item["conflicts"] == []
        assert "timing_conflict" not in issue_codes(data)


@pytest.mark.parametrize("slug", TIMED)
@pytest.mark.parametrize(
    ("drug_times", "take"),
    [
        ((hm("08:00"),), [(200, (hm("09:00"),))]),
        ((hm("08:00"), hm("20:00")), [(100, (hm("12:00"),))]),
        ((hm("07:00"), hm("15:00"), hm("23:00")), [(250, ())]),
    ],
)
def test_suggested_times_never_conflict(
    slug: str, drug_times: tuple[int, ...], take: list[tuple[float, tuple[int, ...]]]
) -> None:
    drug_class = CLASSES[slug]
    data = run([(NAME[slug], drug_times)], take)
    suggested = [hm(t) for t in data["suggested_times"]]
    for minute in suggested:
        assert AWAKE[0] <= minute <= AWAKE[1]
        for drug_at in drug_times:
            assert not violates(drug_at, minute, drug_class.hours_before, drug_class.hours_after), (
                slug,
                fmt(drug_at),
                fmt(minute),
            )
    if not suggested:
        assert "no_time_fits" in issue_codes(data)


def test_suggested_times_keep_the_rules_of_several_medicines() -> None:
    meds = [
        ("doxycycline", (hm("08:00"),)),
        ("levothyroxine", (hm("06:30"),)),
        ("alendronate", (hm("07:00"),)),
        ("ciprofloxacin", (hm("08:00"), hm("20:00"))),
    ]
    data = run(meds, [(300, ())])
    assert data["suggested_times"]
    for minute in map(hm, data["suggested_times"]):
        for name, times in meds:
            drug_class = KB.safety.drug_class_of(find_drug(KB, name))
            for drug_at in times:
                assert not violates(
                    drug_at, minute, drug_class.hours_before, drug_class.hours_after
                )


def test_timing_drug_without_times_asks_for_them() -> None:
    data = run([("doxycycline", ())], [(200, (hm("08:30"),))])
    [item] = data["interactions"]
    assert item["kind"] == "timing" and item["conflict"] is False
    assert "drug_time_unknown" in issue_codes(data)


def test_dose_without_time_is_counted_but_not_spaced() -> None:
    data = run([("doxycycline", (hm("08:00"),))], [(200, ())])
    assert data["upper_limit"]["supplemental_mg"] == 200
    assert data["interactions"][0]["conflict"] is False
    assert "dose_time_unknown" in issue_codes(data)


def test_conflict_on_each_drug_time() -> None:
    data = run([("ciprofloxacin", (hm("08:00"), hm("20:00")))], [(100, (hm("19:00"), hm("21:00")))])
    [item] = data["interactions"]
    assert item["conflicts"] == [
        {"drug_time": "20:00", "magnesium_time": "19:00"},
        {"drug_time": "20:00", "magnesium_time": "21:00"},
    ]
    assert data["ok"] is False


@pytest.mark.parametrize(
    ("egfr", "dialysis", "severity"),
    [
        (None, False, "info"),
        (90, False, "info"),
        (60, False, "info"),
        (59.9, False, "caution"),
        (20, False, "caution"),
        # On dialysis the kidneys have failed (G5): chronic kidney disease whatever the eGFR.
        (None, True, "caution"),
        (70, True, "caution"),
    ],
)
def test_potassium_sparing_diuretic_is_moderate_in_kidney_disease(
    egfr: float | None, dialysis: bool, severity: str
) -> None:
    """§4.3: potassium-sparing diuretics are minor, moderate in chronic kidney disease."""
    data = run([("spironolactone", ())], egfr=egfr, on_dialysis=dialysis)
    [item] = data["interactions"]
    assert item["drug_class"] == "potassium_sparing_diuretics" and item["kind"] == "retention"
    assert item["severity"] == severity


@pytest.mark.parametrize(
    "drug",
    sorted({d.slug for d in KB.safety.drugs.values()}),
)
def test_every_english_and_dutch_name_resolves(drug: str) -> None:
    record = KB.safety.drugs[drug]
    for name in (*record.names_en, *record.names_nl, *record.brand_names):
        assert find_drug(KB, name).slug == drug
        assert find_drug(KB, name.upper()).slug == drug


# --- kidney function -------------------------------------------------------------------------


def kidney_cases() -> list[Any]:
    cases = []
    for category in KB.safety.kidney_categories:
        low = category.egfr_min
        high = category.egfr_max if category.egfr_max is not None else 200.0
        values = {low, (low + high) / 2}
        if category.egfr_max is not None:
            values.add(category.egfr_max - 0.1)
        cases += [
            pytest.param(category.slug, value, id=f"{category.slug}-{value}") for value in values
        ]
    return cases


def test_kidney_categories_are_the_kdigo_ones() -> None:
    table = {c.slug: (c.egfr_min, c.egfr_max, c.rule) for c in KB.safety.kidney_categories}
    assert table == {
        "G1": (90, None, "standard"),
        "G2": (60, 90, "standard"),
        "G3a": (45, 60, "caution"),
        "G3b": (30, 45, "caution"),
        "G4": (15, 30, "avoid_unless_supervised"),
        "G5": (0, 15, "avoid_unless_supervised"),
    }


@pytest.mark.parametrize(("slug", "egfr"), kidney_cases())
def test_kidney_category(slug: str, egfr: float) -> None:
    category = next(c for c in KB.safety.kidney_categories if c.slug == slug)
    advice, severity = KIDNEY_ADVICE[category.rule]
    data = run(egfr=egfr)
    kidney = data["kidney"]
    assert kidney["gfr_category"] == slug
    assert kidney["supplement_advice"] == advice
    assert kidney["severity"] == severity
    assert data["ok"] is (advice != "avoid_unless_supervised")
    assert f"kidney_{slug}" in issue_codes(data)


@pytest.mark.parametrize(
    ("egfr", "slug"), [(90, "G1"), (60, "G2"), (45, "G3a"), (30, "G3b"), (15, "G4"), (0, "G5")]
)
def test_kidney_lower_bound_is_inclusive(egfr: float, slug: str) -> None:
    assert run(egfr=egfr)["kidney"]["gfr_category"] == slug


@pytest.mark.parametrize("egfr", [None, 5, 14.9, 50, 95, 200])
def test_dialysis_is_g5(egfr: float | None) -> None:
    data = run(egfr=egfr, on_dialysis=True)
    assert data["kidney"]["gfr_category"] == "G5"
    assert data["kidney"]["supplement_advice"] == "avoid_unless_supervised"
    assert data["kidney"]["on_dialysis"] is True
    assert data["ok"] is False


def test_no_egfr_no_kidney() -> None:
    assert run()["kidney"] is None


@pytest.mark.parametrize("egfr", [-1, -0.1, 200.1, 500, float("nan"), float("inf")])
def test_impossible_egfr(egfr: float) -> None:
    with pytest.raises(InputError):
        validate_egfr(egfr)


@pytest.mark.parametrize("egfr", [0, 14.9, 59.9, 200])
def test_possible_egfr(egfr: float) -> None:
    assert validate_egfr(egfr) == egfr


# --- upper limit -----------------------------------------------------------------------------

ADULT_UL = [("us", 350), ("efsa", 250), ("nl", 250), ("uk", 400), ("dach", 250)]


@pytest.mark.parametrize(("system", "ul"), ADULT_UL)
def test_upper_limit_at_and_above(system: str, ul: float) -> None:
    at = run(doses=[(ul, (hm("12:30"),))], system=system, profile=MAN)
    assert at["upper_limit"] == at["upper_limit"] | {
        "supplemental_mg": ul,
        "supplemental_ul_mg": ul,
        "exceeds_ul": False,
    }
    assert at["upper_limit"]["excess_mg"] in (0, None)
    assert at["ok"] is True and "above_upper_limit" not in issue_codes(at)
    above = run(doses=[(ul + 1, (hm("12:30"),))], system=system, profile=MAN)
    assert above["upper_limit"]["exceeds_ul"] is True
    assert above["upper_limit"]["excess_mg"] == 1
    assert above["ok"] is False and "above_upper_limit" in issue_codes(above)


def test_us_351_mg_exceeds_by_1() -> None:
    data = run(doses=[(351, (hm("08:00"),))])
    assert data["upper_limit"] == data["upper_limit"] | {
        "supplemental_mg": 351,
        "supplemental_ul_mg": 350,
        "exceeds_ul": True,
        "excess_mg": 1,
    }
    assert data["ok"] is False


@pytest.mark.parametrize(
    ("doses", "total"),
    [
        ([(200, (hm("08:00"), hm("20:00")))], 400),  # per dose, at each time
        ([(200, (hm("08:00"),)), (151, (hm("20:00"),))], 351),
        ([(200, ())], 200),  # a dose without a time is still counted once
        ([(175, (hm("08:00"), hm("18:00")))], 350),
    ],
)
def test_supplemental_total(doses: list[tuple[float, tuple[int, ...]]], total: float) -> None:
    data = run(doses=doses)
    assert data["upper_limit"]["supplemental_mg"] == total
    assert data["upper_limit"]["exceeds_ul"] is (total > 350)


@pytest.mark.parametrize(
    ("age", "system", "ul"),
    [(2, "us", 65), (6, "us", 110), (10, "us", 350), (30, "efsa", 250)],
)
def test_upper_limit_by_age(age: float, system: str, ul: float) -> None:
    data = run(system=system, profile=build_profile(sex="male", age_years=age))
    assert data["upper_limit"]["supplemental_ul_mg"] == ul


@pytest.mark.parametrize("state", ["pregnant", "lactating"])
def test_upper_limit_applies_in_pregnancy_and_lactation(state: str) -> None:
    profile = build_profile(sex="female", age_years=30, **{state: True})
    assert run(profile=profile)["upper_limit"]["supplemental_ul_mg"] == 350
    assert run(profile=profile, system="efsa")["upper_limit"]["supplemental_ul_mg"] == 250


# --- conditions ------------------------------------------------------------------------------

CONDITIONS = sorted(KB.safety.conditions)


def test_contraindicated_conditions_are_the_reference_ones() -> None:
    contraindicated = {s for s, c in KB.safety.conditions.items() if c.rule == "contraindicated"}
    assert contraindicated == {"anuria", "dehydration", "myasthenia_gravis", "struvite_stones"}


@pytest.mark.parametrize("slug", CONDITIONS)
def test_condition(slug: str) -> None:
    condition = KB.safety.conditions[slug]
    data = run(doses=[(100, (hm("12:30"),))], conditions=(condition,))
    [issue] = [i for i in data["issues"] if i["code"] == f"condition_{slug}"]
    assert issue["kind"] == "condition"
    assert issue["message"] == condition.advice.en
    expected = {"contraindicated": "avoid", "caution": "caution", "consult": "caution"}
    assert issue["severity"] == expected.get(condition.rule, "info")
    assert data["ok"] is (condition.rule != "contraindicated")
    assert {"slug": slug, "name": condition.name.en, "rule": condition.rule} in data["conditions"]


def test_myasthenia_gravis_is_not_ok() -> None:
    condition = KB.safety.conditions["myasthenia_gravis"]
    assert run(conditions=(condition,))["ok"] is False


@pytest.mark.parametrize(
    ("compound", "severity", "ok"),
    [
        ("orotate", "avoid", False),
        ("magnesium orotate", "avoid", False),
        ("citrate", "caution", True),
    ],
)
def test_av_block_with_orotate_is_avoid(compound: str, severity: str, ok: bool) -> None:
    av_block = KB.safety.conditions["av_block"]
    data = run(
        doses=[(100, (hm("12:30"),))], conditions=(av_block,), compound=find_compound(KB, compound)
    )
    [issue] = [i for i in data["issues"] if i["code"] == "condition_av_block"]
    assert issue["severity"] == severity
    assert data["ok"] is ok


@pytest.mark.parametrize("slug", sorted(KB.safety.risk_factors))
def test_risk_factor_is_no_safety_issue(slug: str) -> None:
    factor: RiskFactor = KB.safety.risk_factors[slug]
    data = run(doses=[(100, (hm("12:30"),))], conditions=(factor,))
    assert data["ok"] is True
    assert not any(i["kind"] == "condition" for i in data["issues"])
    assert {"slug": slug, "name": factor.name.en, "rule": "risk_factor"} in data["conditions"]


@pytest.mark.parametrize(
    ("profile", "slug"),
    [
        (build_profile(sex="female", age_years=30, pregnant=True), "pregnancy"),
        (build_profile(sex="male", age_years=3), "child_under_4"),
    ],
)
def test_profile_brings_its_own_condition(profile: Profile, slug: str) -> None:
    data = run(profile=profile)
    assert slug in [c["slug"] for c in data["conditions"]]
    assert f"condition_{slug}" in issue_codes(data)


def test_issues_most_serious_first() -> None:
    data = run(
        [("nilotinib", ()), ("furosemide", ()), ("amlodipine", ())],
        [(400, (hm("12:30"),))],
        egfr=50,
        conditions=(KB.safety.conditions["pregnancy"],),
    )
    order = {"avoid": 0, "caution": 1, "info": 2}
    levels = [order[issue["severity"]] for issue in data["issues"]]
    assert levels == sorted(levels)
    assert data["ok"] is False
