"""The personal plan: the gap and the dose, status, titration, form, the risk screen with its red
flags, and the evidence attached to each complaint (fact reference §2, §3.3, §5, §6, §7)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import pytest

from mgcoach.contract.advice import advice_json
from mgcoach.engine.advice import ROUND_TO_MG, advise
from mgcoach.engine.forms import choose_form
from mgcoach.engine.interactions import medication
from mgcoach.engine.names import find_concern, find_condition
from mgcoach.engine.profile import build_profile
from mgcoach.engine.serum import classify
from mgcoach.knowledge import load_knowledge
from mgcoach.knowledge.compound_names import find_compound
from mgcoach.knowledge.vocabulary import System
from mgcoach.units import parse_serum_unit

KB = load_knowledge()
DOSING = KB.advice.dosing
GI_AVOID = {"oxide", "hydroxide", "sulfate", "carbonate", "chloride", "gluconate"}


def plan(
    *,
    age: float = 45,
    sex: str = "female",
    system: str = "us",
    food: float | None = None,
    symptoms: Sequence[str] = (),
    meds: Sequence[tuple[str, tuple[int, ...]]] = (),
    conditions: Sequence[str] = (),
    egfr: float | None = None,
    dialysis: bool = False,
    serum: tuple[float, str] | None = None,
    needs: Sequence[str] = (),
    compound: str | None = None,
    pregnant: bool = False,
) -> dict[str, Any]:
    found = [find_concern(KB, name) for name in symptoms]
    result = advise(
        KB,
        System(system),
        build_profile(sex=sex, age_years=age, pregnant=pregnant),
        food_mg=food,
        concerns=tuple(c for c in found if not isinstance(c, str)),
        symptoms=tuple(KB.safety.symptoms[c] for c in found if isinstance(c, str)),
        medications=tuple(medication(KB, name, times) for name, times in meds),
        conditions=tuple(find_condition(KB, name) for name in conditions),
        egfr=egfr,
        on_dialysis=dialysis,
        serum=None if serum is None else classify(KB, serum[0], parse_serum_unit(serum[1])),
        needs=set(needs),
        own_compound=find_compound(KB, compound) if compound else None,
    )
    return advice_json(KB, result)


def claims(data: dict[str, Any]) -> dict[str, str]:
    return {item["claim"]: item["strength"] for item in data["evidence"]}


# --- the gap and the daily dose --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sex", "system", "food", "gap", "daily", "capped"),
    [
        ("female", "us", 200, 120, 125, False),  # target 320
        ("female", "us", 220, 100, 100, False),
        ("female", "us", 219, 101, 125, False),
        ("female", "us", 319, 1, 25, False),
        ("female", "us", 0, 320, 325, False),
        ("male", "us", 70, 350, 350, False),  # target 420, UL 350
        ("male", "us", 69, 351, 350, True),
        ("male", "us", 0, 420, 350, True),
        ("male", "efsa", 0, 350, 250, True),  # AI 350, UL 250
        ("male", "efsa", 100, 250, 250, False),
        ("male", "uk", 0, 300, 300, False),  # RNI 300, guidance level 400
    ],
)
def test_gap_rounded_up_to_25_and_capped_at_ul(
    sex: str, system: str, food: float, gap: float, daily: float, capped: bool
) -> None:
    data = plan(sex=sex, system=system, food=food)
    assert data["intake"]["food_mg"] == food
    assert data["intake"]["gap_mg"] == gap
    assert data["supplement"]["daily_mg"] == daily
    assert data["supplement"]["capped_at_ul"] is capped
    assert data["status"] == "supplement"
    assert ("gap_above_upper_limit" in [n["code"] for n in data["notes"]]) is capped


@pytest.mark.parametrize("system", ["us", "efsa", "nl", "uk", "dach"])
@pytest.mark.parametrize("sex", ["female", "male"])
def test_gap_arithmetic_over_food_values(system: str, sex: str) -> None:
    for food in range(0, 520, 37):
        data = plan(sex=sex, system=system, food=food)
        target = data["intake"]["target_mg"]
        ul = data["intake"]["supplemental_ul_mg"]
        gap = target - food
        assert data["intake"]["gap_mg"] == pytest.approx(gap)
        rounded = math.ceil(max(gap, 0) / ROUND_TO_MG) * ROUND_TO_MG
        if gap <= 0:
            assert data["status"] == "not_needed" and data["supplement"] is None
        else:
            daily = data["supplement"]["daily_mg"]
            assert daily == min(rounded, ul)
            assert data["supplement"]["capped_at_ul"] is (rounded > ul)
            assert daily % ROUND_TO_MG == 0 or daily == ul


@pytest.mark.parametrize("food", [320, 321, 400, 1000])
def test_not_needed_when_food_reaches_the_target(food: float) -> None:
    data = plan(food=food)
    assert data["status"] == "not_needed" and data["gate"]["verdict"] == "not_needed"
    assert data["supplement"] is None
    assert data["safety"]["suggested_times"] == []
    assert data["safety"]["upper_limit"]["supplemental_mg"] == 0


def test_without_food_intake_the_plan_starts_low() -> None:
    data = plan()
    assert data["supplement"]["daily_mg"] == DOSING.start_mg.value == 100
    assert data["intake"]["gap_mg"] is None
    assert "no_food_intake" in [n["code"] for n in data["notes"]]


@pytest.mark.parametrize(("sex", "food"), [("male", 300), ("male", 0), ("female", 100)])
def test_food_never_counts_against_the_upper_limit(sex: str, food: float) -> None:
    data = plan(sex=sex, food=food)
    upper = data["safety"]["upper_limit"]
    assert upper["supplemental_mg"] == data["supplement"]["daily_mg"]
    assert upper["supplemental_mg"] <= 350 and upper["exceeds_ul"] is False
    assert data["safety"]["ok"] is True


# --- status ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "status"),
    [
        ({"egfr": 20}, "doctor_only"),
        ({"egfr": 10}, "doctor_only"),
        ({"dialysis": True}, "doctor_only"),
        ({"conditions": ["myasthenia gravis"]}, "doctor_only"),
        ({"conditions": ["anuria"]}, "doctor_only"),
        ({"meds": [("nilotinib", ())]}, "doctor_only"),
        ({"meds": [("raltegravir", (480,))]}, "doctor_only"),
        ({"conditions": ["av block"], "compound": "orotate"}, "doctor_only"),
        ({"egfr": 50}, "supplement_after_doctor"),
        ({"egfr": 30}, "supplement_after_doctor"),
        ({"conditions": ["av block"]}, "supplement_after_doctor"),
        ({"conditions": ["thyroid disorder"]}, "supplement_after_doctor"),
        ({"conditions": ["kidney disease"]}, "supplement_after_doctor"),
        ({"conditions": ["heart failure"]}, "supplement_after_doctor"),
        ({"meds": [("doxycycline", (480,))]}, "supplement_after_doctor"),  # major: ask first
        ({"egfr": 60}, "supplement"),
        ({"conditions": ["diabetes"]}, "supplement"),
        ({"meds": [("levothyroxine", (480,))]}, "supplement"),  # moderate: the times do it
    ],
)
def test_status(options: dict[str, Any], status: str) -> None:
    data = plan(food=200, **options)
    assert data["status"] == status == data["gate"]["verdict"]
    if status == "doctor_only":
        assert data["supplement"] is None
        assert data["safety"]["suggested_times"] == []
        assert data["safety"]["ok"] is False
    elif options.get("egfr", 100) < 60 or options.get("conditions") == ["kidney disease"]:
        # Reduced or unknown kidney function: at most the low start until the doctor decides.
        assert data["supplement"]["daily_mg"] == KB.advice.gate.kidney_caution_cap_mg.value
    else:
        assert data["supplement"]["daily_mg"] == 125


def test_doctor_only_with_egfr_20() -> None:
    data = plan(food=100, egfr=20)
    assert data["status"] == "doctor_only"
    assert data["safety"]["kidney"]["gfr_category"] == "G4"
    assert data["safety"]["kidney"]["supplement_advice"] == "avoid_unless_supervised"
    assert data["supplement"] is None
    assert data["safety"]["upper_limit"]["supplemental_mg"] == 0


# --- titration -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sex", "system", "food", "steps"),
    [
        ("female", "us", 200, [100, 125]),
        ("female", "us", 100, [100, 150, 200, 225]),
        ("male", "us", 0, [100, 150, 200, 250, 300, 350]),
        ("male", "efsa", 0, [100, 150, 200, 250]),
        ("female", "us", 300, [25]),
        ("female", "us", 220, [100]),
    ],
)
def test_titration(sex: str, system: str, food: float, steps: list[float]) -> None:
    data = plan(sex=sex, system=system, food=food)
    titration = data["supplement"]["titration"]
    assert [step["daily_mg"] for step in titration] == steps
    assert [step["week"] for step in titration] == list(range(1, len(steps) + 1))
    assert titration[-1]["daily_mg"] == data["supplement"]["daily_mg"]
    ul = data["intake"]["supplemental_ul_mg"]
    for step in titration:
        assert step["daily_mg"] <= ul
        assert sum(dose["mg"] for dose in step["doses"]) == step["daily_mg"]


def test_titration_starts_at_100_and_steps_50_weekly() -> None:
    assert (DOSING.start_mg.value, DOSING.step_mg.value, DOSING.step_days.value) == (100, 50, 7)
    for food in range(0, 320, 10):
        data = plan(sex="male", food=food)
        daily = data["supplement"]["daily_mg"]
        amounts = [step["daily_mg"] for step in data["supplement"]["titration"]]
        assert amounts[0] == min(100, daily)
        assert amounts[-1] == daily
        assert all(0 < b - a <= 50 for a, b in itertools.pairwise(amounts))
        assert all(b - a == 50 for a, b in itertools.pairwise(amounts[:-1]))


# --- form ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("needs", "family"),
    [
        ((), "citrate"),
        (("general",), "citrate"),
        (("gi_sensitive",), "lactate"),
        (("constipation",), "citrate"),
        (("fewer_tablets",), "citrate"),
        (("gi_sensitive", "constipation"), "citrate"),
        (("gi_sensitive", "fewer_tablets"), "lactate"),
    ],
)
def test_form_for_needs(needs: tuple[str, ...], family: str) -> None:
    data = plan(food=200, needs=needs)
    form = data["supplement"]["form"]
    assert form["family"] == family
    if "gi_sensitive" in needs:
        assert form["family"] not in GI_AVOID
        assert set(form["avoid_families"]) >= GI_AVOID
        assert not {a["family"] for a in form["alternatives"]} & GI_AVOID


@pytest.mark.parametrize(
    ("options", "family", "need"),
    [
        ({"symptoms": ["constipation"]}, "citrate", "constipation"),
        ({"symptoms": ["diarrhoea"]}, "lactate", "gi_sensitive"),
        ({"conditions": ["crohn"]}, "lactate", "gi_sensitive"),
    ],
)
def test_form_from_complaints_and_conditions(
    options: dict[str, Any], family: str, need: str
) -> None:
    form = plan(food=200, **options)["supplement"]["form"]
    assert (form["family"], form["need"]) == (family, need)


@pytest.mark.parametrize(
    "needs",
    [set(c) for n in range(5) for c in itertools.combinations(sorted(KB.advice.form_needs), n)],
)
def test_av_block_never_picks_orotate(needs: set[str]) -> None:
    av_block = KB.safety.conditions["av_block"]
    choice = choose_form(KB, needs, (av_block,))
    assert choice.family.slug != "orotate"
    assert "orotate" in choice.avoid_families
    assert "orotate" not in {family.slug for family in choice.alternatives}


def test_own_orotate_with_av_block_is_flagged() -> None:
    data = plan(food=200, conditions=["av block"], compound="orotate")
    assert data["status"] == "doctor_only" and data["supplement"] is None
    assert "condition_av_block" in [reason["code"] for reason in data["gate"]["reasons"]]


def test_compound_mg_follows_the_elemental_fraction() -> None:
    form = plan(food=200)["supplement"]["form"]
    assert form["compound_mg_per_day"] == pytest.approx(125 / form["elemental_fraction"], abs=0.1)


# --- risk screen -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "points", "grade"),
    [
        ({}, 0, "low"),
        ({"age": 40}, 0, "low"),  # age over 40 counts, 40 itself does not
        ({"age": 41}, 1, "low"),
        ({"conditions": ["diabetes"]}, 1, "low"),
        ({"conditions": ["diabetes", "athlete"]}, 2, "moderate"),
        ({"meds": [("furosemide", ())]}, 2, "moderate"),
        ({"conditions": ["diabetes"], "meds": [("furosemide", ())]}, 3, "moderate"),
        ({"meds": [("furosemide", ()), ("omeprazole", ())]}, 4, "high"),
        ({"symptoms": ["fatigue"]}, 1, "low"),  # early sign
        ({"symptoms": ["cramps"]}, 2, "moderate"),  # progressing sign
        ({"symptoms": ["cramps", "fatigue", "numbness"]}, 5, "high"),
        ({"age": 65, "symptoms": ["cramps"]}, 3, "moderate"),
        ({"age": 65, "conditions": ["older adults"]}, 1, "low"),  # not counted twice
        ({"meds": [("amlodipine", ()), ("spironolactone", ())]}, 0, "low"),  # no depletion
        ({"food": 264}, 1, "low"),  # below the EAR of 265 mg
        ({"food": 265}, 0, "low"),
        ({"food": 100, "conditions": ["alcohol"], "meds": [("furosemide", ())]}, 4, "high"),
    ],
)
def test_risk_grade(options: dict[str, Any], points: float, grade: str) -> None:
    options = {"age": 35, **options}
    risk = plan(**options)["risk"]
    assert risk["points"] == points
    assert sum(reason["points"] for reason in risk["reasons"]) == points
    assert risk["grade"] == grade
    assert (KB.advice.screen.moderate_from.value, KB.advice.screen.high_from.value) == (2, 4)


@pytest.mark.parametrize(
    ("serum", "grade", "red_flag"),
    [
        ((0.40, "mmol/L"), "high", "serum_severe_low"),
        ((0.60, "mmol/L"), "high", None),
        ((0.85, "mmol/L"), "low", None),
        ((1.2, "mg/dL"), "high", None),
        ((2.0, "mmol/L"), "low", "serum_very_high"),
    ],
)
def test_serum_in_the_risk_screen(
    serum: tuple[float, str], grade: str, red_flag: str | None
) -> None:
    risk = plan(age=35, serum=serum)["risk"]
    assert risk["grade"] == grade
    codes = [flag["code"] for flag in risk["red_flags"]]
    if red_flag is None:
        assert codes == [] and risk["urgency"] == "none"
    else:
        assert codes == [red_flag] and risk["urgency"] != "none"


def test_serum_040_is_a_red_flag_and_high() -> None:
    data = plan(age=35, serum=(0.40, "mmol/L"))
    risk = data["risk"]
    assert risk["grade"] == "high"
    assert risk["urgency"] == "see_doctor_now" and risk["see_doctor"] is True
    assert "serum_low" in [reason["code"] for reason in risk["reasons"]]
    assert claims(data)["deficiency_correction"] == "strong"


@pytest.mark.parametrize(
    ("symptoms", "urgency"),
    [
        (["palpitations"], "see_doctor_now"),
        (["fainting"], "emergency"),
        (["palpitations", "fainting"], "emergency"),
        (["chest pain"], "emergency"),
        (["confusion"], "emergency"),
        (["cramps"], "none"),
    ],
)
def test_red_flags(symptoms: list[str], urgency: str) -> None:
    risk = plan(age=35, symptoms=symptoms)["risk"]
    assert risk["urgency"] == urgency
    assert risk["see_doctor"] is (urgency != "none")


def test_red_flags_add_no_points_by_themselves() -> None:
    """Muscle weakness is an excess red flag only (no deficiency stage): urgent, but no points."""
    risk = plan(age=35, symptoms=["muscle weakness"])["risk"]
    assert risk["grade"] == "low" and risk["points"] == 0
    assert [flag["code"] for flag in risk["red_flags"]] == ["red_flag_muscle_weakness"]
    assert risk["red_flags"][0]["level"] == "emergency" and risk["urgency"] == "emergency"


@pytest.mark.parametrize("slug", sorted(KB.safety.symptoms))
def test_every_sign_has_its_red_flag_level(slug: str) -> None:
    symptom = KB.safety.symptoms[slug]
    risk = plan(age=35, symptoms=[slug.replace("_", " ")])["risk"]
    assert risk["urgency"] == symptom.red_flag
    flagged = [flag["code"] for flag in risk["red_flags"]]
    assert flagged == ([] if symptom.red_flag == "none" else [f"red_flag_{slug}"])


# --- evidence --------------------------------------------------------------------------------


def test_cramps_at_65_no_meaningful_benefit() -> None:
    data = plan(age=65, food=250, symptoms=["cramps"])
    assert claims(data)["cramps_idiopathic"] == "no_meaningful_benefit"
    assert "cramps_pregnancy" not in claims(data)
    assert "cramps_exercise" not in claims(data)
    [concern] = data["concerns"]
    assert concern["concern"] == "cramps"
    assert [e["claim"] for e in concern["evidence"]] == ["cramps_idiopathic"]


def test_cramps_in_pregnancy() -> None:
    data = plan(age=30, pregnant=True, food=250, symptoms=["leg cramps"])
    assert claims(data)["cramps_pregnancy"] == "uncertain"


def test_cramps_in_an_athlete() -> None:
    data = plan(age=30, food=250, symptoms=["cramps"], conditions=["athlete"])
    assert claims(data)["cramps_exercise"] == "no_evidence"
    assert "cramps_pregnancy" not in claims(data)


@pytest.mark.parametrize(
    ("concern", "claim", "strength"),
    [
        ("topical", "topical", "not_supported"),
        ("epsom salt", "topical", "not_supported"),
        ("magnesiumolie", "topical", "not_supported"),
        ("poor sleep", "sleep", "weak"),
        ("migraine", "migraine", "moderate"),
        ("soreness", "recovery_doms", "weak"),
        ("constipation", "constipation", "strong"),
        ("fatigue", "eu_health_claims", "regulatory"),
        ("pain", "pain", "insufficient"),
    ],
)
def test_evidence_for_concerns(concern: str, claim: str, strength: str) -> None:
    data = plan(age=35, food=250, symptoms=[concern])
    assert claims(data)[claim] == strength
    assert strength == KB.safety.claims[claim].strength


def test_form_evidence_is_attached() -> None:
    form = plan(food=200)["supplement"]["form"]
    assert [e["claim"] for e in form["evidence"]] == ["bioavailability_by_form"]


def test_pregnancy_plan_comes_after_the_midwife_or_doctor(kb) -> None:
    # §5.2: "Oral Mg up to the UL is acceptable" in pregnancy: a plan up to the limit, shown
    # under "talk to your doctor first" (issue 13: the gate).
    from mgcoach.engine.advice import advise
    from mgcoach.engine.profile import build_profile
    from mgcoach.knowledge.vocabulary import System

    plan = advise(
        kb, System.US, build_profile(sex="female", age_years=30, pregnant=True), food_mg=200
    )
    assert plan.status == "supplement_after_doctor" and plan.daily_mg == 150  # RDA 350 − 200
    [finding] = [f for f in plan.safety.findings if f.code == "condition_pregnancy"]
    assert finding.severity == "info"
