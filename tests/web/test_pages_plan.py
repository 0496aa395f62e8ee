"""The Plan page against the engine's own plan (as `mgcoach advise` makes it) and the foods
that close the day's gap against ``plan_gap``: real numbers from the knowledge base and the
food database."""

from __future__ import annotations

from datetime import date

from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.contract.advice import advice_json
from mgcoach.contract.foods import gap_plan_json
from mgcoach.engine.advice import advise
from mgcoach.engine.interactions import medications
from mgcoach.engine.profile import build_profile
from mgcoach.knowledge import KnowledgeBase
from mgcoach.knowledge.vocabulary import System
from mgcoach.services.day import day_report
from mgcoach.services.food_suggest import plan_gap
from mgcoach.services.journal_log import log_food, log_supplement, log_symptom
from mgcoach.web.templating import num
from tests.web.test_pages_today import NO_SYMPTOM, OWNER, Node, db_of, make_profile, parse, when

TODAY = date.today()


def cli_plan(kb: KnowledgeBase, food_mg: float | None, symptoms: tuple[str, ...] = ()) -> dict:
    """`mgcoach advise --age 45 --sex male --med levothyroxine@07:00 --food-mg ...`"""
    profile = build_profile(sex="male", age_years=45, pregnant=False, lactating=False)
    plan = advise(
        kb,
        System.US,
        profile,
        food_mg=food_mg,
        concerns=tuple(kb.advice.concerns[s] for s in symptoms),
        medications=medications(kb, ["levothyroxine@07:00"]),
    )
    return advice_json(kb, plan)


def shown(text: str) -> str:
    return " ".join(text.split())


def test_dose_titration_and_schedule_are_the_advice(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(TODAY, "08:00"), "almonds", "30 g")  # 81 mg
    advice = cli_plan(kb, 81.0)
    supplement = advice["supplement"]
    assert supplement["daily_mg"] == 350  # 420 - 81 = 339, rounded up to 25s, at the UL
    page = parse(local_client.get("/plan").text)
    assert page.all("h1")
    assert page.by_id("plan-status").attrs["data-status"] == advice["status"] == "supplement"
    assert page.by_id("plan-dose").text == shown(num(supplement["daily_mg"], 0, "mg"))
    assert shown(num(advice["intake"]["supplemental_ul_mg"], 0, "mg")) in page.by_id("plan-ul").text
    assert supplement["form"]["name"] in page.by_id("plan-form").text
    titration = page.by_id("titration").rows()
    assert [row[1] for row in titration] == [
        shown(num(step["daily_mg"], 0, "mg")) for step in supplement["titration"]
    ]
    assert [row[2] for row in titration] == [
        ", ".join(shown(f"{d['time']} · {num(d['mg'], 0, 'mg')}") for d in step["doses"])
        for step in supplement["titration"]
    ]
    schedule = [li.text for li in page.by_id("schedule").all("li")]
    doses = supplement["schedule"]["doses"]
    assert len(doses) == 3 and schedule[0] == "07:00 levothyroxine"
    dosing = kb.advice.dosing

    def when_taken(clock: str) -> str:
        minutes = int(clock[:2]) * 60 + int(clock[3:])
        window = dosing.meal_window_minutes.value
        if any(abs(minutes - meal) <= window for meal in dosing.meal_times.minutes):
            return " · with a meal"
        return " · evening" if minutes >= dosing.evening_from.minutes else ""

    assert schedule[1:] == [
        shown(f"{d['time']} magnesium {num(d['mg'], 0, 'mg')}") + when_taken(d["time"])
        for d in doses
    ]
    assert "with a meal" in schedule[1]
    assert all(d["time"] >= "11:00" for d in doses)  # 4 h after the 07:00 levothyroxine
    safety = page.by_id("plan-safety").text
    assert "levothyroxine" in safety and "at least 4 h" in safety
    evidence = [li.attrs["data-claim"] for li in page.by_id("evidence").all("li")]
    assert evidence == [item["claim"] for item in advice["evidence"]]


def test_gap_foods_when_below_target(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(TODAY, "08:00"), "almonds", "30 g")
    log_supplement(db, kb, when(TODAY, "13:00"), "citrate", 500.0, None)
    magnesium = day_report(db, kb, "default", TODAY, OWNER).nutrient("magnesium")
    gap = 420 - magnesium.total  # type: ignore[operator]
    assert magnesium.gap == gap and 250 < gap < 260
    foods = gap_plan_json(plan_gap(db, gap))
    assert foods["items"]
    page = parse(local_client.get(f"/plan?date={TODAY.isoformat()}").text)
    table = page.by_id("gap-foods")
    rows = table.rows()
    assert [row[0] for row in rows] == [item["display_name"] for item in foods["items"]]
    assert [row[3] for row in rows] == [
        shown(num(item["magnesium_mg"], 0, "mg")) for item in foods["items"]
    ]
    ids = [tr.attrs["data-food-id"] for tr in table.all("tr") if "data-food-id" in tr.attrs]
    assert ids == [item["food"]["id"] for item in foods["items"]]
    assert not page.has_id("gap-met")


def test_no_gap_foods_when_the_target_is_met(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(TODAY, "08:00"), "almonds", "200 g")  # 540 mg
    page = parse(local_client.get("/plan").text)
    assert not page.has_id("gap-foods") and page.has_id("gap-met")
    assert page.by_id("plan-status").attrs["data-status"] == "not_needed"
    assert not page.has_id("plan-dose")


def test_logged_cramps_bring_their_evidence(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(TODAY, "08:00"), "almonds", "30 g")
    log_symptom(db, kb, when(TODAY, "06:00"), "cramp", **(NO_SYMPTOM | {"count": 2}))
    advice = cli_plan(kb, 81.0, ("cramps",))
    page = parse(local_client.get("/plan").text)
    claims = [li.attrs["data-claim"] for li in page.by_id("evidence").all("li")]
    assert claims == [item["claim"] for item in advice["evidence"]]
    assert "cramps_idiopathic" in claims
    assert "Muscle cramps" in page.by_id("main").text


def test_nothing_logged_starts_low(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    make_profile(db_of(local_app), kb)
    advice = cli_plan(kb, None)
    page = parse(local_client.get("/plan").text)
    assert page.by_id("plan-dose").text == shown(num(advice["supplement"]["daily_mg"], 0, "mg"))
    assert "No food is logged for this day" in page.by_id("plan-intake").text
    assert "--food-mg" not in page.by_id("main").text


def test_dutch_plan(local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase) -> None:
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(TODAY, "08:00"), "almonds", "30 g")
    page: Node = parse(local_client.get("/plan", headers={"Accept-Language": "nl"}).text)
    assert page.all("html")[0].attrs["lang"] == "nl"
    names = [row[0] for row in page.by_id("gap-foods").rows()]
    foods = plan_gap(db, 339.0).suggestion.items
    assert names == [item.food.display_name("nl") for item in foods]


def test_without_a_profile_plan_goes_to_onboarding(local_client: TestClient) -> None:
    response = local_client.get("/plan", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/onboarding"
