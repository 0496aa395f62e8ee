"""The Plan page against the engine's own plan (as `mgcoach advise` makes it) and the foods
that close the day's gap against ``plan_gap``: real numbers from the knowledge base and the
food database."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.contract.advice import advice_json
from mgcoach.contract.gap import gap_plan_json
from mgcoach.contract.plan import plan_json
from mgcoach.engine.advice import advise
from mgcoach.engine.interactions import MagnesiumDose, medications
from mgcoach.engine.profile import build_profile
from mgcoach.knowledge import KnowledgeBase
from mgcoach.knowledge.vocabulary import System
from mgcoach.services.day import day_report
from mgcoach.services.food_suggest import plan_gap
from mgcoach.services.journal_log import log_food, log_lab, log_supplement, log_symptom
from mgcoach.services.plan import day_plan
from mgcoach.web.templating import num
from tests.web.test_pages_today import (
    CASES,
    NO_PLAN_LEVELS,
    NO_SYMPTOM,
    OWNER,
    Case,
    Node,
    at,
    check_answer,
    cited,
    db_of,
    make_profile,
    notes_of,
    parse,
    when,
)

TODAY = date.today()


def cli_plan(
    kb: KnowledgeBase,
    food_mg: float | None,
    symptoms: tuple[str, ...] = (),
    *,
    take: tuple[tuple[float, str], ...] = (),
    prescribed: bool = False,
) -> dict:
    """`mgcoach advise --age 45 --sex male --med levothyroxine@07:00 --food-mg ... --take
    MG@HH:MM ... [--prescribed]`"""
    profile = build_profile(sex="male", age_years=45, pregnant=False, lactating=False)
    plan = advise(
        kb,
        System.US,
        profile,
        food_mg=food_mg,
        concerns=tuple(kb.advice.concerns[s] for s in symptoms),
        medications=medications(kb, ["levothyroxine@07:00"]),
        taken=tuple(MagnesiumDose(mg=mg, times=(at(clock),)) for mg, clock in take),
        prescribed=prescribed,
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
    verdict = page.by_id("verdict")
    assert verdict.attrs["data-verdict"] == advice["status"] == "supplement"
    assert page.by_id("verdict-headline").text == advice["gate"]["headline"]
    assert not page.has_id("plan-taken") and not page.has_id("prescribed-form")
    assert page.by_id("plan-dose").text == shown(num(supplement["daily_mg"], 0, "mg"))
    assert shown(num(advice["intake"]["supplemental_ul_mg"], 0, "mg")) in page.by_id("plan-ul").text
    assert page.by_id("plan-form").text.startswith(
        f"Take it as {supplement['form']['name'].lower()}."
    )
    # the chemical name only in a details element
    assert supplement["form"]["compound_name"] not in page.by_id("plan-form").text
    assert supplement["form"]["compound_name"] in page.by_id("plan-compound").text
    assert page.by_id("plan-compound").tag == "details"
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
    log_supplement(db, kb, when(TODAY, "13:00"), "citrate", 500.0, None, basis="compound")
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
    assert page.by_id("verdict").attrs["data-verdict"] == "not_needed"
    assert not page.has_id("plan-dose") and not page.has_id("titration")


def test_logged_cramps_bring_their_evidence_right_after_the_answer(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """Night cramps logged: the answer first, then what the trials found for unexplained cramps
    (no meaningful benefit on average, from evidence.toml), then the details; the rest of the
    evidence stays in its own section further down."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(TODAY, "08:00"), "almonds", "30 g")
    log_symptom(db, kb, when(TODAY, "06:00"), "cramp", **(NO_SYMPTOM | {"count": 2}))
    advice = cli_plan(kb, 81.0, ("cramps",))
    page = parse(local_client.get("/plan").text)
    order = [c.attrs.get("id") for c in page.by_id("main").children if isinstance(c, Node)]
    assert order[:5] == [None, "verdict", None, "complaint-evidence", "plan-details"]  # h1, nav
    section = page.by_id("complaint-evidence")
    assert section.all("h2")[0].text == "Your complaint: what the evidence says"
    assert [h.text for h in section.all("h3")] == ["Muscle cramps"]
    claims = section.all("li")
    assert [li.attrs["data-claim"] for li in claims] == ["cramps_idiopathic"]
    claim = kb.safety.claims["cramps_idiopathic"]
    (li,) = claims
    assert li.attrs["data-strength"] == claim.strength == "no_meaningful_benefit"
    assert li.all("p", "claim-tested")[0].text == f"Tested: “{claim.claim.get('en')}”"
    lead = li.all("p", "claim-lead")[0].text
    assert lead.startswith("Trials found no meaningful benefit on average.")
    assert claim.strength_note is not None and claim.strength_note.get("en") in lead
    (details,) = li.all("details", "claim-finding")
    assert claim.finding.get("en") in details.text and cited(details) == ["Garrison20"]
    # the numbers only in the details, with how to read them; the lead says it in words
    assert "risk ratio" not in li.all("p", "claim-lead")[0].text
    help_lines = [p.text for p in details.all("p", "reading-help")]
    assert help_lines[0].startswith("A risk ratio compares how often something happened")
    assert "the trials found no clear difference" in help_lines[1]
    assert page.by_id("dose-not-treatment").text.startswith("The dose further down is sized")
    rest = [li.attrs["data-claim"] for li in page.by_id("evidence").all("li")]
    assert rest == [e["claim"] for e in advice["evidence"] if e["about"] != "cramps"]
    assert "cramps_idiopathic" not in rest
    main = page.by_id("main").text
    assert main.index("Trials found no meaningful benefit") < main.index("In short")
    assert main.index("In short") < main.index("Dose and form")


def test_cramps_evidence_in_dutch(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(TODAY, "08:00"), "almonds", "30 g")
    log_symptom(db, kb, when(TODAY, "06:00"), "cramp", **(NO_SYMPTOM | {"count": 2}))
    page = parse(local_client.get("/plan", headers={"Accept-Language": "nl"}).text)
    section = page.by_id("complaint-evidence")
    assert section.all("h2")[0].text == "Uw klacht: wat het bewijs zegt"
    assert [h.text for h in section.all("h3")] == ["Spierkrampen"]
    claim = kb.safety.claims["cramps_idiopathic"]
    (li,) = section.all("li")
    assert li.all("p", "claim-tested")[0].text == f"Onderzocht: “{claim.claim.get('nl')}”"
    assert li.all("p", "claim-lead")[0].text.startswith(
        "Onderzoek vond gemiddeld geen betekenisvol effect."
    )
    assert claim.finding.get("nl") in li.text
    answer = page.by_id("verdict")
    assert answer.all("span", "level-word")[0].text == "Goed om te weten"


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


def planned_doses(page: Node) -> list[str]:
    """The planned magnesium doses on the page's clock (none when the page shows no plan)."""
    if not page.has_id("schedule"):
        return []
    return [li.text for li in page.by_id("schedule").all("li", "mg-dose")]


def first_after_h1(page: Node) -> Node:
    elements = [c for c in page.by_id("main").children if isinstance(c, Node)]
    assert elements[0].tag == "h1"
    return elements[1]


def test_a_logged_supplement_counts_against_the_gap(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """200 mg glycinate logged: the Plan adds only what is still missing (150 mg, not the
    350 mg it proposed as if nothing were taken), and Today and the Plan agree on the gap."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(TODAY, "08:00"), "almonds", "30 g")  # 81 mg
    log_supplement(db, kb, when(TODAY, "21:00"), "glycinate", 200.0, None, basis="elemental")
    advice = cli_plan(kb, 81.0, take=((200.0, "21:00"),))
    supplement = advice["supplement"]
    assert advice["intake"]["taken_mg"] == 200
    assert supplement["daily_mg"] == 150  # 420 - 81 - 200 = 139, rounded up to 25s
    assert cli_plan(kb, 81.0)["supplement"]["daily_mg"] == 350  # what the page showed before
    page = parse(local_client.get("/plan").text)
    assert page.by_id("plan-dose").text == shown(num(150, 0, "mg"))
    gap = day_report(db, kb, "default", TODAY, OWNER).nutrient("magnesium").gap
    assert gap == 139
    taken = page.by_id("plan-taken").text
    assert "Already taken on this day: 200 mg" in taken
    assert "Still to go after that: 139 mg." in taken
    assert "139 mg to go." in parse(local_client.get("/today").text).by_id("main").text
    assert "on top of the 200 mg you already take: 350 mg a day in all" in (
        page.by_id("plan-on-top").text
    )
    schedule = [li.text for li in page.by_id("schedule").all("li")]
    assert "21:00 magnesium 200 mg · already taken" in schedule
    doses = supplement["schedule"]["doses"]
    assert len(planned_doses(page)) == len(doses)
    assert sum(d["mg"] for d in doses) + 200 <= advice["intake"]["supplemental_ul_mg"]


def test_no_extra_dose_when_food_and_the_supplement_reach_the_target(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """Today says "target reached"; the Plan used to propose 200 mg more on the same day."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(TODAY, "08:00"), "almonds", "90 g")  # 243 mg
    log_supplement(db, kb, when(TODAY, "21:00"), "glycinate", 200.0, None, basis="elemental")
    assert cli_plan(kb, 243.0)["supplement"]["daily_mg"] == 200  # the old, blind answer
    advice = cli_plan(kb, 243.0, take=((200.0, "21:00"),))
    assert advice["status"] == "not_needed" and advice["supplement"] is None
    today = parse(local_client.get("/today").text)
    assert today.by_id("verdict").attrs["data-verdict"] == "not_needed"
    assert "Target reached." in today.by_id("main").text
    page = parse(local_client.get("/plan").text)
    assert page.by_id("verdict").attrs["data-verdict"] == "not_needed"
    assert page.by_id("verdict-headline").text == advice["gate"]["headline"]
    assert not page.has_id("plan-dose") and planned_doses(page) == []
    assert page.has_id("no-dose") and page.has_id("gap-met")


NO_PLAN = [
    pytest.param("symptom", "chest pain", "emergency", id="chest-pain"),
    pytest.param("lab", 1.3, "stop_supplements", id="serum-high"),
    pytest.param("lab", 2.5, "emergency", id="serum-very-high"),
]


@pytest.mark.parametrize(("kind", "value", "verdict"), NO_PLAN)
def test_a_red_flag_or_a_high_serum_leads_and_leaves_no_plan(
    local_client: TestClient,
    local_app: FastAPI,
    kb: KnowledgeBase,
    kind: str,
    value: str | float,
    verdict: str,
) -> None:
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(TODAY, "08:00"), "almonds", "30 g")
    log_supplement(db, kb, when(TODAY, "21:00"), "glycinate", 200.0, None, basis="elemental")
    if kind == "symptom":
        log_symptom(db, kb, when(TODAY, "09:00"), str(value), **NO_SYMPTOM)
    else:
        log_lab(db, kb, when(TODAY, "09:00"), float(value), "mmol/L")
    gate = day_report(db, kb, "default", TODAY, OWNER).safety.gate
    assert gate.verdict == verdict
    for path in ("/today", "/plan"):
        page = parse(local_client.get(path).text)
        box = first_after_h1(page)
        assert box.attrs["id"] == "verdict" and box.attrs["data-verdict"] == verdict, path
        assert box.attrs["role"] == "alert"
        level = "emergency" if verdict == "emergency" else "stop"
        assert f"answer-{level}" in box.classes and box.attrs["data-level"] == level
        assert page.has_id("emergency-numbers") == (verdict == "emergency")
        if verdict == "emergency":
            numbers = page.by_id("emergency-numbers").all("a")
            assert [a.attrs["href"] for a in numbers] == ["tel:112", "tel:911", "tel:999"]
        reasons = page.by_id("verdict-reasons").all("li")
        assert reasons[0].attrs["data-code"] == gate.reasons[0].code
        assert set(gate.reasons[0].message.sources) <= set(cited(reasons[0]))
        # no dose, no build-up, no dose time, no food to add magnesium
        assert not page.has_id("plan-dose") and not page.has_id("titration")
        assert planned_doses(page) == []
        assert "already taken" not in page.by_id("main").text
    plan = parse(local_client.get("/plan").text)
    assert plan.has_id("gap-paused") and not plan.has_id("gap-foods")
    assert plan.has_id("prescribed-form") == (verdict != "emergency")
    assert not plan.has_id("other-flags")  # the answer says it
    # the details follow under a label that says they do not apply now, without a gap to close
    main = plan.by_id("main").text
    assert plan.by_id("not-now").all("h2")[0].text == "The details below do not apply now"
    assert main.index(plan.by_id("verdict").text) < main.index("The details below do not apply")
    assert main.index("The details below do not apply") < main.index("In short")
    assert "details-not-now" in plan.by_id("plan-details").classes
    assert "Still to go" not in main and "gap 339" not in main
    today = parse(local_client.get("/today").text)
    assert "Target reached." not in today.text and today.has_id("records-note")


def test_the_prescribed_checkbox(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """500 mg a day logged is above the 350 mg upper limit: lower it, or tick that a doctor
    prescribed it (``advise --prescribed``)."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_supplement(db, kb, when(TODAY, "21:00"), "glycinate", 500.0, None, basis="elemental")
    page = parse(local_client.get("/plan").text)
    assert page.by_id("verdict").attrs["data-verdict"] == "lower_dose"
    assert "answer-caution" in page.by_id("verdict").classes
    assert not page.has_id("plan-dose") and planned_doses(page) == []
    form = page.by_id("prescribed-form")
    assert form.attrs["method"] == "get" and form.attrs["action"] == "/plan"
    box = page.by_id("f-prescribed")
    assert box.attrs["name"] == "prescribed" and "checked" not in box.attrs
    label = [node for node in form.all("label") if node.attrs.get("for") == "f-prescribed"]
    assert label[0].text == "A doctor prescribed the magnesium I take"
    assert [i.attrs["value"] for i in form.all("input") if i.attrs["name"] == "date"] == [
        TODAY.isoformat()
    ]
    advice = cli_plan(kb, None, take=((500.0, "21:00"),), prescribed=True)
    ticked = parse(local_client.get(f"/plan?date={TODAY.isoformat()}&prescribed=1").text)
    assert "checked" in ticked.by_id("f-prescribed").attrs
    assert ticked.by_id("verdict").attrs["data-verdict"] == advice["status"] != "lower_dose"
    assert ticked.by_id("verdict-headline").text == advice["gate"]["headline"]
    assert advice["gate"]["prescribed"] is True


def test_nothing_taken_asks_nothing_about_a_prescription(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    make_profile(db_of(local_app), kb)
    page = parse(local_client.get("/plan").text)
    assert not page.has_id("prescribed-form") and not page.has_id("plan-taken")


def test_reduced_kidney_function_caps_the_plan_under_talk_to_your_doctor(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    db = db_of(local_app)
    make_profile(db, kb, egfr=40)
    log_food(db, when(TODAY, "08:00"), "almonds", "30 g")
    page = parse(local_client.get("/plan").text)
    box = first_after_h1(page)
    assert box.attrs["data-verdict"] == "supplement_after_doctor"
    assert "answer-caution" in box.classes
    assert page.by_id("verdict-headline").text.startswith("Talk to your doctor first")
    cap = kb.advice.gate.kidney_caution_cap_mg.value
    assert page.by_id("plan-dose").text == shown(num(cap, 0, "mg"))
    # the cap is Mg Coach's, below the upper limit: not "the plan stops at this limit"
    assert "The plan stops at this limit" not in page.by_id("plan-ul").text


def test_without_a_profile_plan_goes_to_onboarding(local_client: TestClient) -> None:
    response = local_client.get("/plan", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/onboarding"


# -- one clear answer (issue 17) -----------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_the_plans_headline_is_the_gates_verdict(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase, case: Case
) -> None:
    """The same answer as Today, first on the Plan; under a verdict that allows no plan there is
    no dose, no build-up and no dose time, and under a stop or an emergency the details come
    after a label saying they do not apply now."""
    db = db_of(local_app)
    case.log(db, kb, TODAY)
    gate = plan_json(kb, day_plan(db, kb, "default", TODAY, owner=OWNER))["gate"]
    assert gate["verdict"] == day_report(db, kb, "default", TODAY, OWNER).safety.gate.verdict
    page = parse(local_client.get("/plan").text)
    check_answer(page, case, dict(gate), on_plan=True)
    urgent = case.level in NO_PLAN_LEVELS
    assert page.has_id("not-now") == urgent
    assert ("details-not-now" in page.by_id("plan-details").classes) == urgent
    if gate["plan"]:
        return
    assert not page.has_id("plan-dose") and not page.has_id("titration")
    assert planned_doses(page) == []
    safety = notes_of(page, "plan-safety")
    assert not [li for li in safety if li.attrs["data-kind"] in ("times_fine", "spacing")]


def test_planned_times_are_fine_and_say_so(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """The plan places its doses around levothyroxine at 07:00: the Safety list says the times
    are fine, naming them, with the spacing kept; never "spacing needed"."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(TODAY, "08:00"), "almonds", "30 g")
    advice = cli_plan(kb, 81.0)
    times = [d["time"] for d in advice["supplement"]["schedule"]["doses"]]
    page = parse(local_client.get("/plan").text)
    (fine,) = [li for li in notes_of(page, "plan-safety") if "levothyroxine" in li.text]
    assert (fine.attrs["data-kind"], fine.attrs["data-level"]) == ("times_fine", "info")
    assert fine.all("p", "note-text")[0].text.startswith(
        f"Your times are fine: levothyroxine at 07:00, magnesium at {', '.join(times)}."
    )
    assert "at least 4 h" in fine.text and "Spacing needed" not in page.text
    (medicine,) = advice["safety"]["interactions"]
    assert fine.all("p", "note-why")[0].text == medicine["mechanism"]  # why, in small print


def test_a_taken_dose_too_close_is_a_clash_on_the_plan(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(TODAY, "08:00"), "almonds", "30 g")
    log_supplement(db, kb, when(TODAY, "07:30"), "glycinate", 100.0, None, basis="elemental")
    page = parse(local_client.get("/plan").text)
    (clash,) = [li for li in notes_of(page, "plan-safety") if "conflict" in li.classes]
    assert (clash.attrs["data-kind"], clash.attrs["data-level"]) == ("timing_clash", "caution")
    assert "07:00" in clash.text and "07:30" in clash.text
    assert "Your times are fine" not in page.text


def test_nothing_taken_and_no_plan_keeps_the_medicine_as_a_fact(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """Kidney failure: no plan, so nothing on when to take magnesium, but the medicine's rule is
    still listed (calmly) rather than "no interactions are known"."""
    db = db_of(local_app)
    make_profile(db, kb, egfr=12)
    log_food(db, when(TODAY, "08:00"), "almonds", "30 g")
    page = parse(local_client.get("/plan").text)
    (medicine,) = notes_of(page, "plan-safety")
    assert (medicine.attrs["data-kind"], medicine.attrs["data-level"]) == ("interaction", "info")
    assert "levothyroxine" in medicine.text
    assert "No interactions with your medicines" not in page.text
    # the kidney advice is the answer's reason, not repeated in the Safety list
    assert [r.attrs["data-code"] for r in page.by_id("verdict-reasons").all("li")] == [
        "kidney_severe"
    ]
