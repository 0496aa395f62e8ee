"""The Today page with real numbers: a day logged through the services, the page's numbers
against ``day_json`` of the same day (English and Dutch formats), the interaction flag with
both clock times, the top sources in order, an empty day, a future day and no profile.

Also the small HTML reader the page tests share (``parse``, ``Node``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.contract.day import day_json
from mgcoach.i18n import set_language
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.day import day_report
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import (
    When,
    log_food,
    log_lab,
    log_medication,
    log_supplement,
    log_symptom,
)
from mgcoach.storage.database import Database
from mgcoach.web.pages.today import day_flags
from mgcoach.web.templating import num

OWNER = "local"
VOID = frozenset(
    {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
NO_SYMPTOM = {"count": None, "severity": None, "location": None, "night": None}


# -- a small HTML reader ----------------------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return " ".join("".join(parts).split())

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self) -> list[Node]:
        found = [self]
        for child in self.children:
            if isinstance(child, Node):
                found += child.walk()
        return found

    def all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.walk() if n.tag == tag and (cls is None or cls in n.classes)]

    def by_id(self, ident: str) -> Node:
        found = [n for n in self.walk() if n.attrs.get("id") == ident]
        assert len(found) == 1, f"{len(found)} elements with id {ident}"
        return found[0]

    def has_id(self, ident: str) -> bool:
        return any(n.attrs.get("id") == ident for n in self.walk())

    def rows(self) -> list[list[str]]:
        """The text of each cell of each row of a table's tbody."""
        body = self.all("tbody")[0]
        return [[c.text for c in tr.children if isinstance(c, Node)] for tr in body.all("tr")]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


# -- fixtures ---------------------------------------------------------------------------------


def db_of(app: FastAPI) -> Database:
    database: Database = app.state.web.db
    return database


def make_profile(db: Database, kb: KnowledgeBase, **changes: object) -> None:
    values: dict[str, object] = {"age": 45, "sex": "male", "meds": ["levothyroxine@07:00"]}
    set_profile(db, kb, "default", ProfileChanges(**(values | changes)), date.today(), OWNER)  # type: ignore[arg-type]


def at(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def when(day: date, hhmm: str | None = None) -> When:
    return When("default", day, None if hhmm is None else at(hhmm), owner=OWNER, origin="web")


def expected(db: Database, kb: KnowledgeBase, day: date, lang: str) -> dict[str, object]:
    set_language(lang)
    try:
        return day_json(kb, day_report(db, kb, "default", day, OWNER), "default")
    finally:
        set_language("en")


YESTERDAY = date.today() - timedelta(days=1)


@pytest.fixture
def logged_day(local_app: FastAPI, kb: KnowledgeBase) -> Database:
    """Yesterday: 400 g almonds, oat bran, a citrate supplement at 07:30 and levothyroxine
    taken at 07:00 (its 4-hour rule is broken)."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(YESTERDAY, "08:00"), "almonds", "400 g")
    log_food(db, when(YESTERDAY, "12:00"), "oat bran", "1/2 cup")
    log_supplement(db, kb, when(YESTERDAY, "07:30"), "citrate", 500.0, None, basis="compound")
    log_medication(db, kb, when(YESTERDAY, "07:00"), "levothyroxine")
    return db


# -- tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "grouped"), [("en", r"^\d,\d{3}\u00a0mg$"), ("nl", r"^\d\.\d{3}\u00a0mg$")]
)
def test_the_days_numbers_are_the_day_json_values(
    local_client: TestClient, logged_day: Database, kb: KnowledgeBase, lang: str, grouped: str
) -> None:
    data = expected(logged_day, kb, YESTERDAY, lang)
    mg = data["magnesium"]
    assert isinstance(mg, dict) and mg["food_mg"] > 1000  # 400 g almonds: 1,080 mg
    response = local_client.get(
        f"/today?date={YESTERDAY.isoformat()}", headers={"Accept-Language": lang}
    )
    assert response.status_code == 200
    page = parse(response.text)
    assert page.all("html")[0].attrs["lang"] == lang
    set_language(lang)
    try:
        for ident, key in (
            ("mg-total", "total_mg"),
            ("mg-food", "food_mg"),
            ("mg-supplement", "supplement_mg"),
            ("mg-target", "target_mg"),
        ):
            assert raw_text(page, ident) == num(mg[key], 0, "mg")
        calcium = data["calcium"]
        assert isinstance(calcium, dict)
        row = nutrient_row(page, "calcium")
        assert row[1] == " ".join(num(calcium["food_mg"], 0, "mg").split())
    finally:
        set_language("en")
    assert re.match(grouped, raw_text(page, "mg-total"))
    assert re.match(grouped, raw_text(page, "mg-food"))


def nutrient_row(page: Node, key: str) -> list[str]:
    (row,) = [tr for tr in page.by_id("minerals").all("tr") if tr.attrs.get("data-nutrient") == key]
    return [cell.text for cell in row.children if isinstance(cell, Node)]


def raw_text(page: Node, ident: str) -> str:
    """An element's own text as the page has it (no-break spaces kept)."""
    node = page.by_id(ident)
    return "".join(c for c in node.children if isinstance(c, str)).strip()


def test_interaction_flag_top_sources_and_minerals(
    local_client: TestClient, logged_day: Database, kb: KnowledgeBase
) -> None:
    data = expected(logged_day, kb, YESTERDAY, "en")
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    flags = page.by_id("flags")
    assert flags.tag == "ul"
    conflict = [li for li in flags.all("li", "flag") if "conflict" in li.classes]
    assert len(conflict) == 1 and "caution" in conflict[0].classes
    text = conflict[0].text
    assert "levothyroxine" in text and "07:00" in text and "07:30" in text
    assert "at least 4 h" in text and "[Labels; FDB-MONO]" in text
    # top sources: the day_json order (oat bran 110 mg, almonds 1,080 mg, citrate 81 mg)
    top = data["top_sources"]
    assert isinstance(top, list)
    shown = [row[0] for row in page.by_id("top-sources").rows()]
    assert shown == [source["name"] for source in top]
    assert shown[0] == "Almonds" and len(shown) == 3
    # every nutrient row carries its unit
    assert nutrient_row(page, "energy_kcal")[3].endswith("kcal")
    assert nutrient_row(page, "protein_g")[3].endswith(" g")
    zinc = data["zinc"]
    assert isinstance(zinc, dict)
    assert nutrient_row(page, "zinc")[1] == " ".join(num(zinc["food_mg"], 1, "mg").split())
    # the ratio lines: a value with its context and sources
    ratios = page.by_id("ratios").text
    assert "Calcium to magnesium" in ratios and "Costello21" in ratios


def test_dutch_day_uses_dutch_names(
    local_client: TestClient, logged_day: Database, kb: KnowledgeBase
) -> None:
    data = expected(logged_day, kb, YESTERDAY, "nl")
    page = parse(
        local_client.get(
            f"/today?date={YESTERDAY.isoformat()}", headers={"Accept-Language": "nl"}
        ).text
    )
    top = data["top_sources"]
    assert isinstance(top, list)
    shown = [row[0] for row in page.by_id("top-sources").rows()]
    assert shown[:2] == ["Amandelen", "Haverzemelen, rauw"] == [s["name_nl"] for s in top[:2]]


def first_after_h1(page: Node) -> Node:
    elements = [c for c in page.by_id("main").children if isinstance(c, Node)]
    assert elements[0].tag == "h1"
    return elements[1]


def test_chest_pain_is_an_emergency_said_once(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """The emergency verdict comes first, in its own box with the emergency numbers; the red
    flag is its reason and is not repeated below (nor the risk screen's "See a doctor.")."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_symptom(db, kb, when(YESTERDAY, "09:00"), "chest pain", **NO_SYMPTOM)
    gate = expected(db, kb, YESTERDAY, "en")["gate"]
    assert isinstance(gate, dict) and gate["verdict"] == "emergency"
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    box = first_after_h1(page)
    assert box.attrs["id"] == "verdict" and box.attrs["data-verdict"] == "emergency"
    assert "verdict-emergency" in box.classes and box.attrs["role"] == "alert"
    assert page.by_id("verdict-headline").text == gate["headline"]
    assert "112" in gate["headline"] and page.has_id("emergency-numbers")
    (reason,) = page.by_id("verdict-reasons").all("li")
    assert reason.attrs["data-code"] == "red_flag_chest_pain"
    assert "[FDA-PPI11; NIH-ODS; MGCOACH]" in reason.text
    flags = page.by_id("flags").all("li", "flag")
    assert not [li for li in flags if "flag-red-flag" in li.classes]
    risk = [li for li in flags if "flag-risk" in li.classes]
    assert "See a doctor." not in risk[0].text
    assert "No dose time is suggested" not in page.by_id("flags").text
    assert not [a for a in page.all("a") if a.text == "Foods that close the gap"]


def test_a_red_flag_outside_the_verdict_keeps_its_box() -> None:
    """A red flag the gate did not give as a reason still has its own box, and "See a doctor."."""
    data = {
        "gate": {"verdict": "supplement", "plan": True, "reasons": []},
        "risk": {
            "red_flags": [
                {"code": "red_flag_x", "level": "see_doctor_now", "message": "X.", "sources": []}
            ],
            "see_doctor": True,
            "grade": "low",
            "points": 0,
            "reasons": [],
            "notes": [],
        },
        "interactions": [],
        "issues": [],
    }
    flags = day_flags(data)
    assert [f["kind"] for f in flags] == ["red_flag", "risk"]
    assert flags[1]["see_doctor"] is True
    data["gate"]["reasons"] = [{"code": "red_flag_x"}]
    assert [(f["kind"], f["see_doctor"]) for f in day_flags(data)] == [("risk", False)]


@pytest.mark.parametrize(
    ("value", "verdict", "tone"),
    [
        pytest.param(1.3, "stop_supplements", "verdict-stop", id="high"),
        pytest.param(2.5, "emergency", "verdict-emergency", id="very-high"),
    ],
)
def test_a_logged_high_serum_leads_the_day(
    local_client: TestClient,
    local_app: FastAPI,
    kb: KnowledgeBase,
    value: float,
    verdict: str,
    tone: str,
) -> None:
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(YESTERDAY, "08:00"), "almonds", "400 g")  # target reached by food
    log_lab(db, kb, when(YESTERDAY, "09:00"), value, "mmol/L")
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    box = first_after_h1(page)
    assert box.attrs["data-verdict"] == verdict and tone in box.classes
    assert page.has_id("emergency-numbers") == (verdict == "emergency")
    # above "Target reached." and every other box
    main = page.by_id("main").text
    assert main.index(page.by_id("verdict-headline").text) < main.index("Target reached.")
    reason = page.by_id("verdict-reasons").all("li")[0]  # the deciding reason first
    assert reason.attrs["data-code"] == ("serum_high" if value < 2 else "serum_very_high")
    flags = page.by_id("flags")
    assert not flags.all("li", "flag-red-flag")
    assert "No dose time is suggested" not in flags.text


def test_over_the_upper_limit_is_said_once(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """500 mg logged: the amber "lower your supplements" verdict, and no separate caution
    box that repeats it (nor one saying no dose time is suggested)."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_supplement(db, kb, when(YESTERDAY, "21:00"), "glycinate", 500.0, None, basis="elemental")
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    box = first_after_h1(page)
    assert box.attrs["data-verdict"] == "lower_dose" and "verdict-caution" in box.classes
    assert "role" not in box.attrs
    codes = [li.attrs["data-code"] for li in page.by_id("verdict-reasons").all("li")]
    assert codes[0] == "above_upper_limit"
    flags = page.by_id("flags")
    assert not flags.all("li", "flag-upper-limit")
    assert "No dose time is suggested" not in flags.text


def test_a_plain_day_leads_with_a_neutral_verdict(
    local_client: TestClient, logged_day: Database, kb: KnowledgeBase
) -> None:
    gate = expected(logged_day, kb, YESTERDAY, "en")["gate"]
    assert isinstance(gate, dict)
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    box = first_after_h1(page)
    assert box.attrs["data-verdict"] == gate["verdict"] == "not_needed"
    assert "verdict-neutral" in box.classes and "role" not in box.attrs
    assert page.by_id("verdict-headline").text == gate["headline"]
    links = [a.attrs["href"] for a in box.all("a")]
    assert links == [f"/plan?date={YESTERDAY.isoformat()}"]


def test_an_empty_day_prompts_to_log(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    make_profile(db_of(local_app), kb)
    response = local_client.get("/today")
    assert response.status_code == 200
    page = parse(response.text)
    assert page.by_id("mg-total").text == "0 mg"
    assert page.by_id("mg-target").text == "420 mg"
    assert "Nothing is logged for this day yet." in page.text
    issues = " ".join(li.text for li in page.by_id("flags").all("li", "flag"))
    assert "No food is logged for this day" in issues
    log_link = [a for a in page.all("a") if a.text == "Log this day"]
    assert log_link and log_link[0].attrs["href"] == f"/log?date={date.today().isoformat()}"
    # no "next day" after today
    assert not [a for a in page.all("a") if a.attrs.get("rel") == "next"]


def test_day_links(local_client: TestClient, logged_day: Database) -> None:
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    nav = page.all("nav", "day-nav")[0]
    links = {a.attrs.get("rel"): a.attrs["href"] for a in nav.all("a") if a.attrs.get("rel")}
    before = YESTERDAY - timedelta(days=1)
    assert links == {
        "prev": f"/today?date={before.isoformat()}",
        "next": f"/today?date={date.today().isoformat()}",
    }


def test_a_future_day_is_refused(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    make_profile(db_of(local_app), kb)
    later = date.today() + timedelta(days=2)
    response = local_client.get(f"/today?date={later.isoformat()}")
    assert response.status_code == 422
    assert f"{later.isoformat()} is in the future" in parse(response.text).by_id("main").text
    bad = local_client.get("/today?date=31-02-2024")
    assert bad.status_code == 422 and "is not a date" in bad.text


def test_without_a_profile_today_goes_to_onboarding(local_client: TestClient) -> None:
    response = local_client.get("/today", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/onboarding"


def test_another_users_day_is_not_shown(
    multi_app: FastAPI, kb: KnowledgeBase, signed_up: Callable[[TestClient, str], str]
) -> None:
    db = db_of(multi_app)
    with TestClient(multi_app) as anna, TestClient(multi_app) as ben:
        signed_up(anna, "anna")
        signed_up(ben, "ben")
        set_profile(db, kb, "default", ProfileChanges(age=30, sex="female"), date.today(), "anna")
        log_food(db, When("default", date.today(), owner="anna"), "almonds", "100 g")
        assert parse(anna.get("/today").text).by_id("mg-food").text == "270 mg"
        response = ben.get("/today", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/onboarding"
        set_profile(db, kb, "default", ProfileChanges(age=30, sex="male"), date.today(), "ben")
        assert parse(ben.get("/today").text).by_id("mg-food").text == "0 mg"
