"""The safety gate (engine/gate/): one verdict decides every plan, in its order of precedence.

Table-driven from the facts: every red flag of symptoms.toml, every serum band of serum.toml,
every kidney category of conditions.toml, child ages under every reference system, multiples
of the upper limit. A property test checks the one rule that matters most: no answer whose
verdict is not a plan contains a dose or a dose time, and no schedule goes above the cap
without a prescription.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcoach.contract.advice import advice_json
from mgcoach.contract.check import check_json
from mgcoach.engine.gate import PLAN_VERDICTS, VERDICT_RANK
from mgcoach.knowledge import load_knowledge
from mgcoach.services.calculators import advice_result, check_result
from mgcoach.services.inputs import AdviceInput, CheckInput

KB = load_knowledge()
GATE = KB.advice.gate
SYSTEMS = ("us", "efsa", "nl", "uk", "dach")
REGRESSIONS = Path(__file__).with_name("gate_regressions.toml")


def advise(**options: Any) -> dict[str, Any]:
    options.setdefault("age", 50)
    options.setdefault("sex", "female")
    return advice_json(KB, advice_result(KB, AdviceInput(**options)))


def check(**options: Any) -> dict[str, Any]:
    options.setdefault("age", 40)
    options.setdefault("sex", "male")
    return check_json(KB, check_result(KB, CheckInput(**options)))


def assert_no_plan(data: dict[str, Any]) -> None:
    """A verdict that is not a plan shows no dose and no time, anywhere in the answer."""
    assert data["supplement"] is None
    assert data["safety"]["suggested_times"] == []
    assert data["safety"]["schedule"]["doses"] == []
    assert data["gate"]["plan"] is False


# --- red flags: every sign of the data ------------------------------------------------------


@pytest.mark.parametrize(
    "slug", sorted(slug for slug, s in KB.safety.symptoms.items() if s.red_flag != "none")
)
def test_every_red_flag_decides_the_answer(slug: str) -> None:
    symptom = KB.safety.symptoms[slug]
    data = advise(food_mg=200, symptom=[slug.replace("_", " ")])
    assert data["status"] == symptom.red_flag
    assert data["gate"]["reasons"][0]["code"] == f"red_flag_{slug}"
    assert data["gate"]["reasons"][0]["sources"]
    assert_no_plan(data)
    if symptom.red_flag == "emergency":
        assert "112" in data["gate"]["headline"] and "911" in data["gate"]["headline"]


@pytest.mark.parametrize("sign", ["chest pain", "seizure", "pijn op de borst", "flauwvallen"])
def test_chest_pain_and_a_seizure_are_emergencies(sign: str) -> None:
    data = advise(food_mg=250, symptom=[sign])
    assert data["status"] == "emergency"
    assert_no_plan(data)


# --- serum: every band ------------------------------------------------------------------------

SERUM_VERDICTS = {
    "severe_low": "see_doctor_now",
    "low": "doctor_only",
    "normal": "supplement",
    "high": "stop_supplements",
    "very_high": "emergency",
}


@pytest.mark.parametrize(
    ("value", "detail"),
    [(0.40, "severe_low"), (0.60, "low"), (0.85, "normal"), (1.50, "high"), (2.20, "very_high")],
)
def test_every_serum_band_decides(value: float, detail: str) -> None:
    data = advise(food_mg=250, serum=(value, "mmol/L"))
    assert data["status"] == SERUM_VERDICTS[detail]
    if detail != "normal":
        assert data["gate"]["reasons"][0]["code"] == f"serum_{detail}"
        assert_no_plan(data)
    else:
        assert data["supplement"]["daily_mg"] == 75


# --- kidney function: every category ------------------------------------------------------------


@pytest.mark.parametrize(
    ("egfr", "dialysis", "verdict"),
    [
        (95, False, "supplement"),
        (60, False, "supplement"),
        (59, False, "supplement_after_doctor"),
        (45, False, "supplement_after_doctor"),
        (35, False, "supplement_after_doctor"),
        (29, False, "doctor_only"),
        (10, False, "doctor_only"),
        (None, True, "doctor_only"),
    ],
)
def test_kidney_categories(egfr: float | None, dialysis: bool, verdict: str) -> None:
    data = advise(food_mg=100, egfr=egfr, dialysis=dialysis)
    assert data["status"] == verdict
    cap = GATE.kidney_caution_cap_mg.value
    if verdict == "supplement_after_doctor":
        # Never the build-up to 275 mg while the text says the doctor sets the limit.
        assert data["supplement"]["daily_mg"] == cap
        assert max(step["daily_mg"] for step in data["supplement"]["titration"]) == cap
    if verdict == "doctor_only":
        assert_no_plan(data)


def test_egfr_45_with_400_mg_is_not_scheduled() -> None:
    data = check(egfr=45, take=["400@08:00"])
    assert data["gate"]["verdict"] == "stop_supplements"
    assert data["suggested_times"] == []
    assert data["upper_limit"]["severity"] == "avoid"


@pytest.mark.parametrize("name", ["kidney disease", "CKD", "nierziekte", "nierinsufficiëntie"])
def test_kidney_disease_without_an_egfr_asks_for_it(name: str) -> None:
    data = advise(food_mg=100, condition=[name])
    assert data["status"] == "supplement_after_doctor"
    codes = [reason["code"] for reason in data["gate"]["reasons"]]
    assert "kidney_unknown_kidney_disease" in codes
    assert data["supplement"]["daily_mg"] <= GATE.kidney_caution_cap_mg.value


@pytest.mark.parametrize(
    ("age", "med", "asked"),
    [
        (80, [], True),
        (74, [], False),
        (60, ["furosemide@08:00"], True),
        (60, ["hydrochlorothiazide@08:00"], True),
        (60, ["omeprazole@08:00"], False),
    ],
)
def test_kidney_function_is_asked_where_it_matters(age: int, med: list[str], asked: bool) -> None:
    data = advise(age=age, food_mg=100, med=med)
    codes = [reason["code"] for reason in data["gate"]["reasons"]]
    assert any(code.startswith("kidney_unknown") for code in codes) is asked
    if asked:
        assert data["status"] == "supplement_after_doctor"
        assert data["supplement"]["daily_mg"] <= GATE.kidney_caution_cap_mg.value
        # Once the eGFR is known and normal, the question goes.
        known = advise(age=age, food_mg=100, med=med, egfr=80)
        assert not any(r["code"].startswith("kidney_unknown") for r in known["gate"]["reasons"])


# --- children: every age band under every system -------------------------------------------------


def lowest_child_limit(age: float) -> float | None:
    values = [
        row.value
        for row in KB.limits
        if row.nutrient == "magnesium"
        and row.measure == "supplemental_ul"
        and row.value is not None
        and row.age.contains(int(age * 12))
    ]
    return min(values) if values else None


@pytest.mark.parametrize("system", SYSTEMS)
@pytest.mark.parametrize("age", [0.5, 2, 3, 5, 8, 10, 13, 16, 17])
def test_children_under_every_system(system: str, age: float) -> None:
    data = advise(age=age, sex="male", system=system, food_mg=50)
    if age < GATE.child_doctor_only_below_years.value:
        assert data["status"] == "doctor_only"
        assert_no_plan(data)
        return
    limit = lowest_child_limit(age)
    assert limit is not None
    assert data["status"] == "supplement_after_doctor"
    assert data["gate"]["child"] is True
    assert "child's doctor" in data["gate"]["headline"]
    assert data["supplement"]["daily_mg"] <= limit
    # No adult text for a child: the dose never passes the lowest limit of any system.
    assert all(step["daily_mg"] <= limit for step in data["supplement"]["titration"])


@pytest.mark.parametrize("system", SYSTEMS)
def test_a_3_year_old_with_100_mg_is_stopped_in_every_system(system: str) -> None:
    data = check(age=3, system=system, take=["100@19:00"])
    assert data["gate"]["verdict"] in ("stop_supplements", "doctor_only")
    assert data["upper_limit"]["severity"] == "avoid"
    assert data["suggested_times"] == []


@pytest.mark.parametrize("system", SYSTEMS)
def test_an_8_year_old_above_the_childs_limit_is_stopped(system: str) -> None:
    data = check(age=8, system=system, take=["150@19:00"])  # US limit at 4–8: 110 mg
    assert data["gate"]["verdict"] == "stop_supplements"
    assert data["suggested_times"] == []


# --- the upper limit: multiples, the fatal dose, a prescription ----------------------------------


@pytest.mark.parametrize(
    ("mg", "severity", "verdict", "scheduled"),
    [
        (300, None, "supplement", True),
        (350, None, "supplement", True),
        (400, "caution", "lower_dose", False),
        (699, "caution", "lower_dose", False),
        (700, "avoid", "stop_supplements", False),
        (800, "avoid", "stop_supplements", False),
        (4999, "avoid", "stop_supplements", False),
        (5000, "emergency", "emergency", False),
        (6000, "emergency", "emergency", False),
    ],
)
def test_upper_limit_multiples(
    mg: int, severity: str | None, verdict: str, scheduled: bool
) -> None:
    data = check(take=[f"{mg}@08:00"])
    assert data["upper_limit"]["severity"] == severity
    assert data["gate"]["verdict"] == verdict
    assert bool(data["suggested_times"]) is scheduled
    if verdict == "emergency":
        [reason] = [r for r in data["gate"]["reasons"] if r["code"] == "fatal_dose"]
        assert "5,000 mg" in reason["message"] and reason["sources"] == ["NIH-ODS"]


def test_a_prescribed_dose_above_the_limit_is_scheduled_and_says_so() -> None:
    data = check(take=["400@08:00"], prescribed=True)
    assert data["gate"]["verdict"] == "supplement"
    assert data["upper_limit"]["severity"] == "info"
    assert data["suggested_times"]
    assert "prescribed_above_limit" in [r["code"] for r in data["gate"]["reasons"]]
    assert check(take=["6000@08:00"], prescribed=True)["gate"]["verdict"] == "emergency"


# --- magnesium already taken ----------------------------------------------------------------------


def test_magnesium_already_taken_closes_the_gap() -> None:
    data = advise(food_mg=250, take=["200@21:00"])  # target 320: 250 + 200 reaches it
    assert data["status"] == "not_needed"
    assert data["intake"]["taken_mg"] == 200
    assert data["supplement"] is None


def test_the_plan_adds_only_what_is_missing_and_never_passes_the_limit() -> None:
    data = advise(food_mg=100, take=["200@21:00"])  # gap 220, 200 taken → 25 more
    assert data["status"] == "supplement"
    assert data["supplement"]["daily_mg"] == 25
    data = advise(sex="male", food_mg=0, take=["300@21:00"])  # gap 420, 300 taken, UL 350
    assert data["supplement"]["daily_mg"] == 50 and data["supplement"]["capped_at_ul"] is True
    assert data["safety"]["upper_limit"]["supplemental_mg"] == 350


# --- precedence ---------------------------------------------------------------------------------


def test_the_deciding_reason_comes_first() -> None:
    data = advise(food_mg=200, egfr=20, symptom=["confusion"], serum=(1.5, "mmol/L"))
    verdicts = [reason["verdict"] for reason in data["gate"]["reasons"]]
    assert data["status"] == "emergency" == verdicts[0]
    assert verdicts == sorted(verdicts, key=lambda v: -VERDICT_RANK[v])  # type: ignore[index]
    assert {"stop_supplements", "doctor_only"} <= set(verdicts)


# --- the property: no dose without a plan, no schedule above the cap ----------------------------

SIGNS = ["cramps", "palpitations", "confusion", "fatigue", "tremor", "diarrhoea"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    age=st.sampled_from([2, 5, 9, 15, 30, 50, 76, 90]),
    sex=st.sampled_from(["female", "male"]),
    system=st.sampled_from(SYSTEMS),
    food=st.one_of(st.none(), st.integers(0, 600)),
    signs=st.lists(st.sampled_from(SIGNS), max_size=2, unique=True),
    serum=st.one_of(st.none(), st.sampled_from([0.4, 0.6, 0.85, 1.2, 2.0])),
    egfr=st.one_of(st.none(), st.sampled_from([10, 25, 40, 55, 90])),
    taken=st.lists(st.integers(25, 900), max_size=2),
    prescribed=st.booleans(),
    med=st.lists(
        st.sampled_from(["furosemide@08:00", "doxycycline@08:00", "nilotinib@09:00"]),
        max_size=1,
    ),
)
def test_no_dose_without_a_plan_and_none_above_the_cap(
    age: int,
    sex: str,
    system: str,
    food: int | None,
    signs: list[str],
    serum: float | None,
    egfr: int | None,
    taken: list[int],
    prescribed: bool,
    med: list[str],
) -> None:
    takes = [f"{mg}@{hour:02d}:00" for mg, hour in zip(taken, (8, 20), strict=False)]
    data = advise(
        age=age, sex=sex, system=system, food_mg=food, symptom=signs, egfr=egfr, med=med,
        serum=None if serum is None else (serum, "mmol/L"), take=takes, prescribed=prescribed,
    )  # fmt: skip
    gate = data["gate"]
    assert data["status"] == gate["verdict"]
    no_dose = gate["verdict"] not in PLAN_VERDICTS or gate["verdict"] == "not_needed"
    if no_dose and not (prescribed and gate["plan"] and gate["taken_mg"] > 0):
        assert data["supplement"] is None
    if not gate["plan"]:
        assert_no_plan(data)
    if data["supplement"] is not None and not prescribed and gate["cap_mg"] is not None:
        total = data["safety"]["upper_limit"]["supplemental_mg"]
        assert total <= max(gate["cap_mg"], gate["taken_mg"]) + 1e-6
        assert data["supplement"]["daily_mg"] <= max(0.0, gate["cap_mg"] - gate["taken_mg"]) + 1e-6
    result = check(
        age=age, sex=sex, system=system, take=takes, egfr=egfr, med=med, prescribed=prescribed
    )
    if result["gate"]["plan"] is False or (
        not prescribed
        and result["gate"]["cap_mg"] is not None
        and result["upper_limit"]["supplemental_mg"] > result["gate"]["cap_mg"] + 1e-6
    ):
        assert result["suggested_times"] == []


# --- the regression file: the cases that were tried as a careful pharmacist would ---------------


def regression_cases() -> list[Any]:
    with REGRESSIONS.open("rb") as handle:
        cases = tomllib.load(handle)["case"]
    return [pytest.param(case, id=case["id"]) for case in cases]


@pytest.mark.parametrize("case", regression_cases())
def test_regressions(case: dict[str, Any]) -> None:
    options = dict(case["options"])
    if "serum" in options:
        options["serum"] = tuple(options["serum"])
    data = (advise if case["command"] == "advise" else check)(**options)
    assert data["gate"]["verdict"] == case["verdict"], data["gate"]["reasons"]
    if case.get("no_times", False):
        times = (
            data["suggested_times"]
            if case["command"] == "check"
            else (data["safety"]["suggested_times"])
        )
        assert times == []
    if case["command"] == "advise" and data["gate"]["verdict"] not in (
        "supplement",
        "supplement_after_doctor",
    ):
        assert data["supplement"] is None
    if "max_daily_mg" in case:
        assert data["supplement"]["daily_mg"] <= case["max_daily_mg"]
