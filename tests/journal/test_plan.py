"""The plan for a journal day (services/plan.py) on SQLite and on PostgreSQL: it is `mgcoach
advise` fed by the day (food magnesium, supplements as taken, symptoms, the medicines' times,
the serum), with the foods that close the day's gap; and the day's clock (engine/day_plan.py)."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import TypeAdapter

from mgcoach.contract.advice import advice_json
from mgcoach.contract.gap import gap_plan_json
from mgcoach.contract.plan import PlanAnswer, plan_json
from mgcoach.engine.advice import advise
from mgcoach.engine.day_plan import TimelineRow, day_concerns, day_timeline
from mgcoach.engine.interactions import MagnesiumDose, medications
from mgcoach.engine.names import find_concern
from mgcoach.engine.profile import build_profile
from mgcoach.knowledge import KnowledgeBase
from mgcoach.knowledge.advice import Concern
from mgcoach.knowledge.vocabulary import System
from mgcoach.services.day import day_report
from mgcoach.services.food_suggest import plan_gap
from mgcoach.services.journal import ProfileChanges, UnknownProfileError, set_profile
from mgcoach.services.journal_log import When, log_food, log_lab, log_supplement, log_symptom
from mgcoach.services.plan import day_plan
from mgcoach.storage.database import Database

DAY = date(2024, 3, 1)
NO_SYMPTOM = {"count": None, "severity": None, "location": None, "night": None}


def when(hhmm: str, day: date = DAY) -> When:
    hours, minutes = hhmm.split(":")
    return When(profile="default", day=day, time=int(hours) * 60 + int(minutes))


@pytest.fixture
def levo(db: Database, kb: KnowledgeBase) -> Database:
    """A 45-year-old man on levothyroxine at 07:00."""
    changes = ProfileChanges(age=45, sex="male", meds=["levothyroxine@07:00"])
    set_profile(db, kb, "default", changes, DAY)
    return db


def test_the_plan_is_advise_fed_by_the_day(levo: Database, kb: KnowledgeBase) -> None:
    log_food(levo, when("08:00"), "almonds", "30 g")
    pill = log_supplement(levo, kb, when("13:00"), "citrate", 500.0, None, basis="compound")
    log_symptom(levo, kb, when("03:00"), "cramp", **NO_SYMPTOM)
    result = day_plan(levo, kb, "default", DAY)
    report = day_report(levo, kb, "default", DAY)
    magnesium = report.nutrient("magnesium")
    assert result.report == report and result.magnesium == magnesium
    assert (result.profile, result.day) == ("default", DAY)
    cramp = find_concern(kb, "cramp")
    assert isinstance(cramp, Concern)
    by_hand = advise(
        kb,
        System.US,
        build_profile(sex="male", age_years=45, pregnant=False, lactating=False),
        food_mg=magnesium.food,
        concerns=(cramp,),
        medications=medications(kb, ["levothyroxine@07:00"]),
        taken=(MagnesiumDose(mg=pill.fields()["elemental_mg"], times=(13 * 60,)),),
    )
    assert advice_json(kb, result.plan) == advice_json(kb, by_hand)
    assert result.plan.status == "supplement" and result.plan.taken_mg > 0
    # the gap foods close what food and the logged supplement leave open
    assert magnesium.gap is not None and magnesium.gap > 0
    assert result.foods is not None
    assert gap_plan_json(result.foods) == gap_plan_json(plan_gap(levo, magnesium.gap))
    data = plan_json(kb, result)
    plan_day = TypeAdapter(PlanAnswer).validate_python(data)["day"]
    assert plan_day["gap_mg"] == pytest.approx(magnesium.gap, abs=0.05)
    assert {k: data[k] for k in advice_json(kb, by_hand)} == advice_json(kb, by_hand)
    assert data["date"] == "2024-03-01" and data["profile"] == "default"
    assert data["gap_foods"] == gap_plan_json(result.foods)
    assert [row["kind"] for row in data["timeline"]][:1] == ["medicine"]
    taken = [row for row in data["timeline"] if row["kind"] == "taken"]
    assert [row["time"] for row in taken] == ["13:00"]
    assert taken[0]["mg"] == pytest.approx(pill.fields()["elemental_mg"])


def test_prescribed_is_advise_prescribed(levo: Database, kb: KnowledgeBase) -> None:
    log_supplement(levo, kb, when("21:00"), "glycinate", 500.0, None, basis="elemental")
    plain = day_plan(levo, kb, "default", DAY)
    prescribed = day_plan(levo, kb, "default", DAY, prescribed=True)
    assert plain.plan.status == "lower_dose" and not plain.plan.gate.prescribed
    assert prescribed.plan.gate.prescribed and prescribed.plan.status != "lower_dose"


def test_a_high_serum_pauses_the_gap_foods(levo: Database, kb: KnowledgeBase) -> None:
    log_food(levo, when("08:00"), "almonds", "30 g")
    log_lab(levo, kb, when("09:00"), 1.3, "mmol/L")
    result = day_plan(levo, kb, "default", DAY)
    assert result.plan.status == "stop_supplements"
    assert result.magnesium.gap is not None and result.magnesium.gap > 0
    assert result.foods is None
    data = plan_json(kb, result)
    assert data["supplement"] is None and data["gap_foods"] is None
    assert [row["kind"] for row in data["timeline"]] == ["medicine"]


def test_no_gap_no_foods(levo: Database, kb: KnowledgeBase) -> None:
    log_food(levo, when("08:00"), "almonds", "200 g")
    result = day_plan(levo, kb, "default", DAY)
    assert result.magnesium.gap == 0 and result.foods is None
    assert result.plan.status == "not_needed"


def test_only_the_owners_profile(levo: Database, kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownProfileError):
        day_plan(levo, kb, "other", DAY)
    with pytest.raises(UnknownProfileError):
        day_plan(levo, kb, "default", DAY, owner="someone-else")


# --- the pure parts ----------------------------------------------------------------------------


def test_day_concerns_reads_complaints_and_signs(levo: Database, kb: KnowledgeBase) -> None:
    log_symptom(levo, kb, when("03:00"), "cramp", **NO_SYMPTOM)
    log_symptom(levo, kb, when("09:00"), "chest pain", **NO_SYMPTOM)
    entries = day_report(levo, kb, "default", DAY).entries
    concerns, signs = day_concerns(kb, entries)
    assert [c.slug for c in concerns] == [find_concern(kb, "cramp").slug]  # type: ignore[union-attr]
    assert [s.slug for s in signs] == [find_concern(kb, "chest pain")]


def test_the_clock_orders_medicines_taken_and_planned_doses(kb: KnowledgeBase) -> None:
    dosing = kb.advice.dosing
    lunch = dosing.meal_times.minutes[1]
    plan = advise(
        kb,
        System.US,
        build_profile(sex="male", age_years=45, pregnant=False, lactating=False),
        food_mg=100.0,
        medications=medications(kb, [f"levothyroxine@{lunch // 60:02d}:{lunch % 60:02d}"]),
        taken=(MagnesiumDose(mg=50.0, times=(lunch,)), MagnesiumDose(mg=20.0)),
    )
    rows = day_timeline(kb, plan, magnesium=True)
    assert [row.time for row in rows] == sorted(row.time for row in rows)
    first = [row for row in rows if row.time == lunch]
    assert first[0] == TimelineRow(time=lunch, kind="medicine", name="levothyroxine")
    assert TimelineRow(time=lunch, kind="taken", mg=50.0) in first  # the untimed 20 mg: no row
    planned = [row for row in rows if row.kind == "magnesium"]
    assert [(r.time, r.mg) for r in planned] == list(
        zip(plan.schedule.times, plan.schedule.doses_mg, strict=True)
    )
    for row in planned:
        near = any(abs(row.time - meal) <= dosing.meal_window_minutes.value for meal in
                   dosing.meal_times.minutes)  # fmt: skip
        assert row.with_meal == near and row.evening == (row.time >= dosing.evening_from.minutes)
    only_medicines = day_timeline(kb, plan, magnesium=False)
    assert [row.kind for row in only_medicines] == ["medicine"]


# --- why the person came -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reasons", "concerns"),
    [
        ([], []),
        (["cramps"], ["cramps"]),
        (["soreness"], ["soreness"]),
        (["poor_sleep"], ["poor_sleep"]),
        (["check_intake"], []),
        (["sleep", "intake", "cramps"], ["cramps", "poor_sleep"]),
    ],
)
def test_the_reasons_are_concerns_on_a_day_without_symptoms(
    levo: Database, kb: KnowledgeBase, reasons: list[str], concerns: list[str]
) -> None:
    set_profile(levo, kb, "default", ProfileChanges(reasons=reasons), DAY)
    log_food(levo, when("08:00"), "almonds", "30 g")
    result = day_plan(levo, kb, "default", DAY)
    assert [c.slug for c in result.plan.concerns] == concerns
    data = plan_json(kb, result)
    assert [c["concern"] for c in data["concerns"]] == concerns
    assert data["reasons"] == list(result.reasons) and len(data["reasons"]) == len(reasons)
    for concern in data["concerns"]:
        claims = {e["claim"] for e in concern["evidence"]}
        assert claims and claims <= set(kb.advice.concerns[concern["concern"]].claims)
    # a reason named at onboarding is not a sign logged on the day: the risk screen and the
    # gate count the day's signs only, as Today does; no concern here implies a form need
    plain = advise(
        kb,
        System.US,
        build_profile(sex="male", age_years=45, pregnant=False, lactating=False),
        food_mg=result.magnesium.food,
        medications=medications(kb, ["levothyroxine@07:00"]),
    )
    assert result.plan.risk == plain.risk == result.report.risk
    assert result.plan.gate == plain.gate and result.plan.form == plain.form


def test_a_reason_logged_on_the_day_is_one_concern_with_its_sign(
    levo: Database, kb: KnowledgeBase
) -> None:
    set_profile(levo, kb, "default", ProfileChanges(reasons=["poor_sleep", "cramps"]), DAY)
    log_food(levo, when("08:00"), "almonds", "30 g")
    log_symptom(levo, kb, when("03:00"), "cramp", **NO_SYMPTOM)
    result = day_plan(levo, kb, "default", DAY)
    assert [c.slug for c in result.plan.concerns] == ["cramps", "poor_sleep"]
    cramp = find_concern(kb, "cramp")
    assert isinstance(cramp, Concern)
    logged_only = advise(
        kb,
        System.US,
        build_profile(sex="male", age_years=45, pregnant=False, lactating=False),
        food_mg=result.magnesium.food,
        concerns=(cramp,),
        medications=medications(kb, ["levothyroxine@07:00"]),
    )
    assert result.plan.concerns[0] == cramp  # with its sign: the cramp is logged
    assert result.plan.risk == logged_only.risk
