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
from typing import cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.contract.day import DayAnswer, day_json
from mgcoach.i18n import set_language, translations
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
from mgcoach.web.pages.answer import MagnesiumTimes, next_step
from mgcoach.web.pages.today import day_items
from mgcoach.web.templating import environment, num

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


def cited(node: Node) -> list[str]:
    """The source ids a part of a page cites, in its order: the Sources page anchors its
    citation links name (the numbered ones, and Mg Coach's own rule and marks in words)."""
    hrefs = [a.attrs.get("href", "") for a in node.all("a")]
    return [href.removeprefix("/sources#") for href in hrefs if href.startswith("/sources#")]


def links(node: Node) -> list[str]:
    """The links of a part of a page other than its citations."""
    hrefs = [a.attrs.get("href", "") for a in node.all("a")]
    return [href for href in hrefs if not href.startswith("/sources#")]


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
    assert len(conflict) == 1 and "level-caution" in conflict[0].classes
    text = conflict[0].text
    assert "levothyroxine" in text and "07:00" in text and "07:30" in text
    assert "at least 4 h" in text and cited(conflict[0]) == ["Labels", "FDB-MONO"]
    # top sources: the day_json order (oat bran 110 mg, almonds 1,080 mg, citrate 81 mg); the
    # supplement by its form, its chemical name in a details element
    top = data["top_sources"]
    assert isinstance(top, list)
    rows = page.by_id("top-sources").all("tbody")[0].all("tr")
    shown = [row.all("th")[0] for row in rows]
    assert [th.text for th in shown[:2]] == [source["name"] for source in top[:2]]
    assert shown[0].text == "Almonds" and len(shown) == 3
    assert top[2]["name"] == "Magnesium citrate (trimagnesium dicitrate), anhydrous"
    (chemical,) = shown[2].all("details", "chem")
    assert chemical.all("summary")[0].text == "Chemical name"
    assert shown[2].text == f"Magnesium citrate Chemical name {top[2]['name']}"
    assert "dicitrate" not in "".join(c for c in shown[2].children if isinstance(c, str))
    # every nutrient row carries its unit
    assert nutrient_row(page, "energy_kcal")[3].endswith("kcal")
    assert nutrient_row(page, "protein_g")[3].endswith(" g")
    zinc = data["zinc"]
    assert isinstance(zinc, dict)
    assert nutrient_row(page, "zinc")[1] == " ".join(num(zinc["food_mg"], 1, "mg").split())
    # the ratio lines: a value with its context and sources
    ratios = page.by_id("ratios").text
    assert "Calcium to magnesium" in ratios and "Costello21" in cited(page.by_id("ratios"))


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


def notes_of(page: Node, ident: str = "flags") -> list[Node]:
    """The notes of a list (Today's "To know about this day", Plan's Safety); none when the
    page shows no such list."""
    if not page.has_id(ident):
        return []
    return page.by_id(ident).all("li", "flag")


def test_chest_pain_is_an_emergency_said_once(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """The emergency verdict comes first, in its own box with the emergency numbers; the red
    flag is its reason and is not repeated below, nor is the chance of low magnesium shown
    beside it (its reasons would call chest pain a sign of low magnesium)."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_symptom(db, kb, when(YESTERDAY, "09:00"), "chest pain", **NO_SYMPTOM)
    gate = expected(db, kb, YESTERDAY, "en")["gate"]
    assert isinstance(gate, dict) and gate["verdict"] == "emergency"
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    box = first_after_h1(page)
    assert box.attrs["id"] == "verdict" and box.attrs["data-verdict"] == "emergency"
    assert "answer-emergency" in box.classes and box.attrs["role"] == "alert"
    assert page.by_id("verdict-headline").text == gate["headline"]
    assert "112" in gate["headline"] and page.has_id("emergency-numbers")
    (reason,) = page.by_id("verdict-reasons").all("li")
    assert reason.attrs["data-code"] == "red_flag_chest_pain"
    assert cited(reason) == ["FDA-PPI11", "NIH-ODS", "MGCOACH"]
    assert reason.text.endswith("[1][2] (Mg Coach's own rule)")
    assert not [li for li in notes_of(page) if li.attrs["data-kind"] == "red_flag"]
    assert not page.has_id("risk") and "can be a sign of low magnesium" not in page.text
    assert "No dose time is suggested" not in page.text
    assert not [a for a in page.all("a") if a.text == "Foods that close the gap"]


def day_answer(**changes: object) -> DayAnswer:
    """A day's JSON with only what day_items reads: no gate reasons, a plan allowed."""
    data: dict[str, object] = {
        "date": YESTERDAY.isoformat(),
        "entries": 2,
        "magnesium": {"food_entries": 1},
        "gate": {"verdict": "supplement", "plan": True, "reasons": []},
        "risk": {"red_flags": [], "see_doctor": False, "grade": "low", "points": 0},
        "interactions": [],
        "issues": [],
    }
    return cast(DayAnswer, data | changes)


def test_a_red_flag_outside_the_verdict_keeps_its_own_note() -> None:
    """A red flag the gate did not give as a reason has its own note at its level; once the
    answer gives it, it is not repeated."""
    flag = {"code": "red_flag_x", "level": "see_doctor_now", "message": "X.", "sources": []}
    risk = {"red_flags": [flag], "see_doctor": True, "grade": "low", "points": 0}
    found = day_items(day_answer(risk=risk), MagnesiumTimes((), untimed=False))
    assert [(f["kind"], f["level"], f["text"]) for f in found] == [("red_flag", "stop", "X.")]
    gate = {"verdict": "see_doctor_now", "plan": False, "reasons": [{"code": "red_flag_x"}]}
    assert day_items(day_answer(risk=risk, gate=gate), MagnesiumTimes((), untimed=False)) == []


def test_notes_are_grouped_by_level_and_said_once() -> None:
    """Four levels, most serious first; the same issue twice is one note; an engine severity
    maps to its level (avoid is "stop")."""
    issue = {
        "code": "x",
        "kind": "condition",
        "message": "Same words.",
        "sources": [],
        "needs_verification": False,
    }
    flags = [
        {"code": "red_flag_a", "level": "see_doctor_now", "message": "A.", "sources": []},
        {"code": "red_flag_b", "level": "emergency", "message": "B.", "sources": []},
    ]
    data = day_answer(
        risk={"red_flags": flags, "see_doctor": True, "grade": "low", "points": 0},
        issues=[
            issue | {"severity": "info", "message": "Info words."},
            issue | {"severity": "caution"},
            issue | {"severity": "caution"},
            issue | {"severity": "avoid", "message": "Avoid words."},
        ],
    )
    found = day_items(data, MagnesiumTimes((), untimed=False))
    assert [(f["level"], f["text"]) for f in found] == [
        ("emergency", "B."),
        ("stop", "A."),
        ("stop", "Avoid words."),
        ("caution", "Same words."),
        ("info", "Info words."),
    ]


def interaction(drug: str, kind: str, **changes: object) -> dict[str, object]:
    """An interaction's JSON with what interaction_item reads."""
    entry: dict[str, object] = {
        "drug": drug,
        "drug_given": drug,
        "drug_class_name": "",
        "kind": kind,
        "severity": "caution",
        "hours_before": 4.0 if kind == "timing" else None,
        "hours_after": 4.0 if kind == "timing" else None,
        "drug_times": ["07:00"],
        "conflict": False,
        "message": f"{drug} message.",
        "mechanism": "",
        "details": [],
        "sources": [],
        "needs_verification": False,
    }
    return entry | changes


def test_a_clash_leads_its_level() -> None:
    """Among the cautions, the timing clash (something to do today) comes first."""
    data = day_answer(
        interactions=[
            interaction("omeprazole", "depletion"),
            interaction("doxycycline", "timing", conflict=True, details=["At 07:30."]),
        ]
    )
    found = day_items(data, MagnesiumTimes(("07:30",), untimed=False))
    assert [(f["level"], f["kind"]) for f in found] == [
        ("caution", "timing_clash"),
        ("caution", "interaction"),
    ]


@pytest.mark.parametrize(
    ("value", "verdict", "level"),
    [
        pytest.param(1.3, "stop_supplements", "stop", id="high"),
        pytest.param(2.5, "emergency", "emergency", id="very-high"),
    ],
)
def test_a_logged_high_serum_leads_the_day(
    local_client: TestClient,
    local_app: FastAPI,
    kb: KnowledgeBase,
    value: float,
    verdict: str,
    level: str,
) -> None:
    """Food alone reaches the target, but a high lab value decides: no "target reached" cheer
    and no gap to close, the day's figures only for the record."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(YESTERDAY, "08:00"), "almonds", "400 g")  # target reached by food
    log_lab(db, kb, when(YESTERDAY, "09:00"), value, "mmol/L")
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    box = first_after_h1(page)
    assert box.attrs["data-verdict"] == verdict and f"answer-{level}" in box.classes
    assert page.has_id("emergency-numbers") == (verdict == "emergency")
    main = page.by_id("main").text
    assert "Target reached." not in main and "to go." not in main
    assert page.has_id("records-note")
    assert main.index(page.by_id("verdict-headline").text) < main.index(
        page.by_id("records-note").text
    )
    reason = page.by_id("verdict-reasons").all("li")[0]  # the deciding reason first
    assert reason.attrs["data-code"] == ("serum_high" if value < 2 else "serum_very_high")
    assert not [li for li in notes_of(page) if li.attrs["data-kind"] == "red_flag"]
    assert "No dose time is suggested" not in page.text


def test_over_the_upper_limit_is_said_once(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """500 mg logged: the amber "lower your supplements" verdict, with what to do next, and
    no separate note that repeats it (nor one saying no dose time is suggested)."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_supplement(db, kb, when(YESTERDAY, "21:00"), "glycinate", 500.0, None, basis="elemental")
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    box = first_after_h1(page)
    assert box.attrs["data-verdict"] == "lower_dose" and "answer-caution" in box.classes
    assert "role" not in box.attrs
    assert page.by_id("verdict-next").text == next_step("lower_dose")
    codes = [li.attrs["data-code"] for li in page.by_id("verdict-reasons").all("li")]
    assert codes[0] == "above_upper_limit"
    assert [li.attrs["data-kind"] for li in notes_of(page)] == ["log"]  # no food logged
    assert "No dose time is suggested" not in page.text
    assert "Target reached." not in page.text and page.has_id("records-note")


def test_a_plain_day_leads_with_a_calm_verdict(
    local_client: TestClient, logged_day: Database, kb: KnowledgeBase
) -> None:
    """Target reached: the info headline (its reason is the headline, not said twice), the
    link to the plan, and "Target reached." in the magnesium card."""
    gate = expected(logged_day, kb, YESTERDAY, "en")["gate"]
    assert isinstance(gate, dict)
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    box = first_after_h1(page)
    assert box.attrs["data-verdict"] == gate["verdict"] == "not_needed"
    assert "answer-info" in box.classes and "role" not in box.attrs
    assert page.by_id("verdict-headline").text == gate["headline"]
    assert not page.has_id("verdict-reasons") and not page.has_id("verdict-next")
    assert links(box) == [f"/plan?date={YESTERDAY.isoformat()}"]
    assert "Target reached." in page.by_id("mg-status").text
    assert not page.has_id("records-note")


def test_an_empty_day_has_one_calm_line_inviting_to_log(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """A first, empty day with levothyroxine in the profile: one info line inviting to log,
    no caution anywhere (no spacing rule with no magnesium to space, no "no food" issue, the
    chance of low magnesium in the magnesium card, not among the notes)."""
    make_profile(db_of(local_app), kb)
    response = local_client.get("/today")
    assert response.status_code == 200
    page = parse(response.text)
    assert page.by_id("mg-total").text == "0 mg"
    assert page.by_id("mg-target").text == "420 mg"
    (line,) = notes_of(page)
    assert (line.attrs["data-level"], line.attrs["data-kind"]) == ("info", "log")
    assert line.text == (
        "Good to know Nothing is logged for this day yet. Log what you ate, took and felt to "
        "see your magnesium against your target."
    )
    assert [a.attrs["href"] for a in line.all("a")] == [f"/log?date={date.today().isoformat()}"]
    assert not [n for n in page.walk() if n.attrs.get("data-level") in ("caution", "stop")]
    assert not [n for n in page.walk() if "level-tag-caution" in n.classes]
    assert "Spacing needed" not in page.text and "Caution" not in page.text
    assert "answer-info" in first_after_h1(page).classes
    # the headline says the gap is unknown; its reason, in other words, is not listed again
    assert not page.has_id("verdict-reasons")
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


# -- one clear answer (issue 17): the gate's verdict as the headline, per profile ----------------

TODAY = date.today()
LEVEL_WORDS = {
    "emergency": "Emergency",
    "stop": "Stop",
    "caution": "Caution",
    "info": "Good to know",
}


@dataclass(frozen=True)
class Case:
    """A person's day and the answer it must get: the gate's verdict and its level."""

    verdict: str
    level: str
    profile: dict[str, object] = field(default_factory=dict)
    food: str | None = "30 g"  # almonds
    supplement_mg: float | None = None  # glycinate at 21:00
    lab: float | None = None  # serum mmol/L
    symptom: str | None = None

    def log(self, db: Database, kb: KnowledgeBase, day: date) -> None:
        make_profile(db, kb, **self.profile)
        if self.food:
            log_food(db, when(day, "08:00"), "almonds", self.food)
        if self.supplement_mg:
            mg = self.supplement_mg
            log_supplement(db, kb, when(day, "21:00"), "glycinate", mg, None, basis="elemental")
        if self.lab is not None:
            log_lab(db, kb, when(day, "09:00"), self.lab, "mmol/L")
        if self.symptom:
            log_symptom(db, kb, when(day, "09:00"), self.symptom, **NO_SYMPTOM)


CASES = [
    pytest.param(Case("supplement", "info", food=None), id="empty-day"),
    pytest.param(Case("not_needed", "info", food="200 g"), id="target-reached"),
    pytest.param(Case("supplement_after_doctor", "caution", {"egfr": 40}), id="kidney-reduced"),
    pytest.param(Case("lower_dose", "caution", supplement_mg=500.0), id="over-the-limit"),
    pytest.param(Case("stop_supplements", "stop", food="400 g", lab=1.3), id="serum-high"),
    pytest.param(Case("emergency", "emergency", food="400 g", lab=2.5), id="serum-very-high"),
    pytest.param(Case("doctor_only", "stop", {"egfr": 12}), id="kidney-failure"),
    pytest.param(Case("see_doctor_now", "stop", food="400 g", symptom="tremor"), id="tremor"),
    pytest.param(
        Case("emergency", "emergency", food="400 g", supplement_mg=200.0, symptom="chest pain"),
        id="chest-pain",
    ),
]
NO_PLAN_LEVELS = ("emergency", "stop")


def check_answer(page: Node, case: Case, gate: dict[str, object], *, on_plan: bool = False) -> Node:
    """The answer is the first thing under the title: the gate's verdict and headline, its
    level as a class, a word and an icon, what to do next, and an alert when it is urgent."""
    box = first_after_h1(page)
    assert box.attrs["id"] == "verdict"
    assert (box.attrs["data-verdict"], box.attrs["data-level"]) == (case.verdict, case.level)
    assert gate["verdict"] == case.verdict
    assert f"answer-{case.level}" in box.classes
    (tag,) = box.all("span", "level-tag")
    assert f"level-tag-{case.level}" in tag.classes and tag.all("svg")
    assert tag.all("span", "level-word")[0].text == LEVEL_WORDS[case.level]
    assert page.by_id("verdict-headline").text.startswith(str(gate["headline"]))
    step = next_step(case.verdict, on_plan=on_plan)
    assert (page.by_id("verdict-next").text if page.has_id("verdict-next") else None) == step
    assert (box.attrs.get("role") == "alert") == (case.level in NO_PLAN_LEVELS)
    assert page.has_id("emergency-numbers") == (case.level == "emergency")
    return box


@pytest.mark.parametrize("case", CASES)
def test_todays_headline_is_the_gates_verdict(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase, case: Case
) -> None:
    db = db_of(local_app)
    case.log(db, kb, TODAY)
    data = expected(db, kb, TODAY, "en")
    gate = data["gate"]
    assert isinstance(gate, dict)
    page = parse(local_client.get("/today").text)
    box = check_answer(page, case, gate)
    main = page.by_id("main").text
    if gate["plan"]:
        assert not page.has_id("records-note")
        assert links(box) == [f"/plan?date={TODAY.isoformat()}"]
        return
    # No plan: no "target reached" cheer and no gap to close, above or beside the answer;
    # the day's figures are there for the record, said so.
    assert "Target reached." not in main and "to go." not in main
    assert "Foods that close the gap" not in main
    assert page.by_id("records-note").text == (
        "For your records: these figures do not change the answer at the top."
    )
    assert main.index(box.text) < main.index(page.by_id("records-note").text)
    assert not [li for li in notes_of(page) if li.attrs["data-kind"] == "times_fine"]
    if case.level in NO_PLAN_LEVELS:
        assert not [a for a in box.all("a") if a.attrs["href"].startswith("/plan")]


# -- timing: a clash with its times, or "your times are fine" ------------------------------------


def timing_notes(page: Node) -> list[Node]:
    kinds = ("timing_clash", "times_fine", "times_unchecked", "spacing")
    return [li for li in notes_of(page) if li.attrs["data-kind"] in kinds]


def test_a_timing_clash_is_its_own_caution_with_both_times(
    local_client: TestClient, logged_day: Database
) -> None:
    """Citrate at 07:30, levothyroxine at 07:00 (its rule: 4 h): a caution of its own, with both
    clock times and the rule, and nowhere "your times are fine"."""
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    (clash,) = timing_notes(page)
    assert clash.attrs["data-kind"] == "timing_clash" and clash.attrs["data-level"] == "caution"
    assert "conflict" in clash.classes and "level-caution" in clash.classes
    assert clash.all("span", "level-word")[0].text == "Caution"
    assert clash.all("p", "note-title")[0].text.startswith(
        "Timing clash: levothyroxine and magnesium are too close together"
    )
    assert clash.all("p", "note-line")[0].text == (
        "Magnesium at 07:30 is too close to levothyroxine at 07:00: take levothyroxine at least "
        "4 h before magnesium, or at least 4 h after it."
    )
    assert "Your times are fine" not in page.text and "Spacing needed" not in page.text


def test_times_that_keep_the_spacing_are_fine(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """Glycinate at 21:00, levothyroxine at 07:00: "Your times are fine", with the spacing
    kept, as information; not "spacing needed"."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(YESTERDAY, "08:00"), "almonds", "30 g")
    log_supplement(db, kb, when(YESTERDAY, "21:00"), "glycinate", 100.0, None, basis="elemental")
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    (fine,) = timing_notes(page)
    assert (fine.attrs["data-kind"], fine.attrs["data-level"]) == ("times_fine", "info")
    assert "conflict" not in fine.classes
    assert fine.all("p", "note-text")[0].text == (
        "Your times are fine: levothyroxine at 07:00, magnesium at 21:00. [1][2]"
    )
    assert cited(fine.all("p", "note-text")[0]) == ["Labels", "FDB-MONO"]
    assert fine.all("p", "note-line")[0].text == (
        "That keeps the spacing: levothyroxine at least 4 h before magnesium, or at least 4 h "
        "after it."
    )
    assert "Spacing needed" not in page.text and not page.all("li", "conflict")


def test_a_dose_without_a_time_asks_for_it(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(YESTERDAY, "08:00"), "almonds", "30 g")
    log_supplement(db, kb, when(YESTERDAY), "glycinate", 100.0, None, basis="elemental")
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    (ask,) = timing_notes(page)
    assert (ask.attrs["data-kind"], ask.attrs["data-level"]) == ("times_unchecked", "info")
    assert "Log the time you took magnesium" in ask.text and "levothyroxine" in ask.text
    assert "Your times are fine" not in page.text


def test_no_magnesium_taken_no_timing_note(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """Food only: there is no magnesium to space from the medicine, so Today says nothing about
    it (the Plan keeps the spacing for the doses it plans)."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(YESTERDAY, "08:00"), "almonds", "30 g")
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    assert timing_notes(page) == []
    assert not [li for li in notes_of(page) if "levothyroxine" in li.text]


# -- the chance of low magnesium: what it counts, beside "target reached" ------------------------


def test_the_chance_says_it_counts_food_only_beside_target_reached(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """243 mg from food and 200 mg from a supplement reach the 420 mg target, while food alone
    is below the average requirement: the chance (moderate) says it counts food only and why
    that does not contradict "Target reached.", right after it."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(YESTERDAY, "08:00"), "almonds", "90 g")  # 243 mg
    log_supplement(db, kb, when(YESTERDAY, "21:00"), "glycinate", 200.0, None, basis="elemental")
    risk = expected(db, kb, YESTERDAY, "en")["risk"]
    assert isinstance(risk, dict) and risk["grade"] == "moderate"
    page = parse(local_client.get(f"/today?date={YESTERDAY.isoformat()}").text)
    card = page.by_id("mg-heading")
    assert card  # the magnesium card holds both
    assert page.by_id("risk-title").text == "Chance of low magnesium: moderate (2 points)"
    assert page.by_id("risk-counts").text == (
        "Counted: the magnesium from your food only (supplements are not counted), and the "
        "reasons below."
    )
    assert page.by_id("risk-consistency").text == (
        "With your supplements this day reached its target; this chance looks at your food "
        "alone (243 mg)."
    )
    main = page.by_id("main").text
    assert main.index("Target reached.") < main.index("Chance of low magnesium")
    assert not [li for li in notes_of(page) if "Chance of low magnesium" in li.text]


def test_the_chance_on_an_empty_day_counts_no_food(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    make_profile(db_of(local_app), kb)
    page = parse(local_client.get("/today").text)
    assert page.by_id("risk-title").text == "Chance of low magnesium: low (1 point)"
    assert page.by_id("risk-counts").text == (
        "No food is logged for this day, so only the reasons below are counted."
    )
    assert not page.has_id("risk-consistency")


# -- four levels, four styles --------------------------------------------------------------------


def css_rules(text: str) -> dict[str, str]:
    """Each selector of a stylesheet with its declarations (comments left out)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    rules: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", text):
        for selector in selectors.split(","):
            rules[" ".join(selector.split())] = rules.get(" ".join(selector.split()), "") + body
    return rules


def test_each_level_has_its_own_style_word_and_icon(local_client: TestClient) -> None:
    """answer.css gives the answer and the notes a distinct background and frame per level, and
    the icon of each level a colour of its own; the pages link it."""
    response = local_client.get("/static/answer.css")
    assert response.status_code == 200
    rules = css_rules(response.text)

    def value(selector: str, prop: str) -> str:
        found = re.search(rf"(?:^|;)\s*{prop}\s*:\s*([^;]+)", rules[selector])
        assert found, f"{selector} has no {prop}"
        return found.group(1).strip()

    levels = list(LEVEL_WORDS)
    answers = {value(f".answer-{level}", "background") for level in levels}
    frames = {value(f".answer-{level}", "border-color") for level in levels}
    notes = {value(f".notes .flag.level-{level}", "border-left-color") for level in levels[1:]}
    icons = {value(f".level-tag-{level} .shape", "fill") for level in levels}
    assert len(answers) == len(frames) == len(icons) == 4 and len(notes) == 3
    assert value(".notes .flag.level-emergency", "background") == value(
        ".answer-emergency", "background"
    )
    for name in ("today.html", "plan.html"):
        template = environment().loader.get_source(environment(), name)[0]  # type: ignore[union-attr]
        assert 'href="/static/answer.css"' in template


# -- Dutch ---------------------------------------------------------------------------------------


def test_the_answer_and_notes_in_dutch(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    """Over the limit, a timing that keeps the spacing: the headline, its level word, the next
    step, the records note and "your times are fine" all in Dutch."""
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(YESTERDAY, "08:00"), "almonds", "30 g")
    log_supplement(db, kb, when(YESTERDAY, "21:00"), "glycinate", 500.0, None, basis="elemental")
    gate = expected(db, kb, YESTERDAY, "nl")["gate"]
    assert isinstance(gate, dict) and gate["verdict"] == "lower_dose"
    response = local_client.get(
        f"/today?date={YESTERDAY.isoformat()}", headers={"Accept-Language": "nl"}
    )
    page = parse(response.text)
    nl = translations("nl")
    box = first_after_h1(page)
    assert box.all("span", "level-word")[0].text == nl.gettext("Caution") == "Let op"
    assert page.by_id("verdict-headline").text.startswith(str(gate["headline"]))
    assert str(gate["headline"]).startswith("Verlaag uw magnesiumsupplementen")
    set_language("nl")
    try:
        step = next_step("lower_dose")
    finally:
        set_language("en")
    assert page.by_id("verdict-next").text == step != next_step("lower_dose")
    note = "For your records: these figures do not change the answer at the top."
    assert page.by_id("records-note").text == nl.gettext(note) != note
    # lower_dose allows no plan, so no "times are fine"; a plan day does say it, in Dutch
    assert not [li for li in notes_of(page) if li.attrs["data-kind"] == "times_fine"]


def test_your_times_are_fine_in_dutch(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    db = db_of(local_app)
    make_profile(db, kb)
    log_food(db, when(YESTERDAY, "08:00"), "almonds", "30 g")
    log_supplement(db, kb, when(YESTERDAY, "21:00"), "glycinate", 100.0, None, basis="elemental")
    page = parse(
        local_client.get(
            f"/today?date={YESTERDAY.isoformat()}", headers={"Accept-Language": "nl"}
        ).text
    )
    (fine,) = timing_notes(page)
    assert fine.all("span", "level-word")[0].text == "Goed om te weten"
    assert fine.all("p", "note-text")[0].text == (
        "Uw tijden zijn goed: levothyroxine om 07:00, magnesium om 21:00. [1][2]"
    )
    assert fine.all("p", "note-line")[0].text == (
        "Zo zit er genoeg tijd tussen: levothyroxine minstens 4 uur vóór magnesium, of minstens "
        "4 uur erna."
    )
    assert page.by_id("risk-title").text == "Kans op te weinig magnesium: matig (2 punten)"
