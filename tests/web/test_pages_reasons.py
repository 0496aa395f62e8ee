"""Why the person came (the profile's reasons, issue 17) shapes Today and Plan: on Plan the
reasons are concerns even on a day with no symptom logged, so the evidence about their own
complaint follows the answer; on Today one short line under the answer says what to log for it,
never beside a stop or an emergency; the plan's JSON (the API and ``mgcoach plan --json``)
holds the same concerns and the reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.contract.plan import plan_json
from mgcoach.i18n import set_language, translations
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal_log import log_food, log_lab, log_symptom
from mgcoach.services.plan import day_plan
from mgcoach.web.pages.today import REASON_LINES
from tests.cli.running import run_json
from tests.web.test_pages_today import NO_SYMPTOM, OWNER, Node, db_of, make_profile, parse, when

TODAY = date.today()
LANGS = ("en", "nl")


@dataclass(frozen=True)
class Reasons:
    """The reasons given at onboarding, the plan's concerns they make, the claims about them
    (a 45-year-old man: no pregnancy or athletes' cramp claims) and the Today lines."""

    reasons: tuple[str, ...]
    concerns: tuple[str, ...]
    claims: tuple[str, ...]
    lines: tuple[str, ...]


REASONS = [
    pytest.param(Reasons((), (), (), ()), id="none"),
    pytest.param(
        Reasons(("cramps",), ("cramps",), ("cramps_idiopathic",), ("cramps",)), id="cramps"
    ),
    pytest.param(
        Reasons(("soreness",), ("soreness",), ("recovery_doms", "performance"), ("soreness",)),
        id="soreness",
    ),
    pytest.param(
        Reasons(("poor_sleep",), ("poor_sleep",), ("sleep",), ("poor_sleep",)), id="poor-sleep"
    ),
    pytest.param(Reasons(("check_intake",), (), (), ()), id="check-intake"),
    pytest.param(
        Reasons(
            ("cramps", "poor_sleep", "check_intake"),
            ("cramps", "poor_sleep"),
            ("cramps_idiopathic", "sleep"),
            ("cramps", "poor_sleep"),
        ),
        id="several",
    ),
]
# Days the safety answer decides alone: a red flag logged, a high serum value.
NO_REASON_DAYS = [
    pytest.param({"symptom": "chest pain"}, "emergency", id="chest-pain"),
    pytest.param({"lab": 1.3}, "stop_supplements", id="serum-high"),
]


def person(app: FastAPI, kb: KnowledgeBase, reasons: tuple[str, ...]) -> None:
    """The levothyroxine profile with these reasons; 30 g almonds today, no symptom."""
    db = db_of(app)
    make_profile(db, kb, reasons=list(reasons))
    log_food(db, when(TODAY, "08:00"), "almonds", "30 g")


def get(client: TestClient, path: str, lang: str) -> Node:
    response = client.get(path, headers={"Accept-Language": lang})
    assert response.status_code == 200
    page = parse(response.text)
    assert page.all("html")[0].attrs["lang"] == lang
    return page


def reason_lines(page: Node) -> list[Node]:
    return page.by_id("reason-lines").all("p", "reason-line") if page.has_id("reason-lines") else []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", REASONS)
def test_the_plan_shows_the_evidence_about_the_reasons(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase, case: Reasons, lang: str
) -> None:
    person(local_app, kb, case.reasons)
    page = get(local_client, "/plan", lang)
    if not case.concerns:
        assert not page.has_id("complaint-evidence")
        return
    section = page.by_id("complaint-evidence")
    heads = section.all("h3")
    assert [h.attrs["data-concern"] for h in heads] == list(case.concerns)
    assert [h.text for h in heads] == [kb.advice.concerns[c].name.get(lang) for c in case.concerns]
    items = section.all("li")
    assert [li.attrs["data-claim"] for li in items] == list(case.claims)
    for li in items:
        claim = kb.safety.claims[li.attrs["data-claim"]]
        assert li.attrs["data-strength"] == claim.strength
        assert claim.claim.get(lang) in li.text
    if "cramps" in case.concerns:  # trials found no meaningful benefit for idiopathic cramps
        assert items[0].attrs["data-strength"] == "no_meaningful_benefit"
    # right after the answer, before the plan's details; not said as logged on the day
    html = local_client.get("/plan", headers={"Accept-Language": lang}).text
    assert html.index('id="verdict"') < html.index('id="complaint-evidence"')
    assert html.index('id="complaint-evidence"') < html.index('id="plan-details"')
    assert "Complaints logged on this day" not in page.by_id("plan-details").text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", REASONS)
def test_today_says_what_to_log_for_each_reason(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase, case: Reasons, lang: str
) -> None:
    person(local_app, kb, case.reasons)
    page = get(local_client, "/today", lang)
    assert page.by_id("verdict").attrs["data-level"] == "info"
    lines = reason_lines(page)
    assert [line.attrs["data-reason"] for line in lines] == list(case.lines)
    catalog = translations(lang)
    for line, reason in zip(lines, case.lines, strict=True):
        text, link_text, form = REASON_LINES[reason]
        (link,) = line.all("a")
        assert line.text == f"{catalog.gettext(text)} {catalog.gettext(link_text)}"
        assert link.attrs["href"] == f"/log?date={TODAY.isoformat()}#{form}"
        assert link.text == catalog.gettext(link_text)
    # only checking the intake: no line, the day's magnesium against the target is the figure
    assert page.has_id("mg-total") and page.has_id("mg-target")


def test_the_cramps_line_in_english(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    person(local_app, kb, ("cramps",))
    (line,) = reason_lines(get(local_client, "/today", "en"))
    assert line.text == (
        "You came about cramps: log cramps when they happen (Log → symptom) to see whether "
        "anything changes. Log symptom"
    )


@pytest.mark.parametrize(("logged", "verdict"), NO_REASON_DAYS)
def test_no_reason_line_when_the_safety_answer_decides(
    local_client: TestClient,
    local_app: FastAPI,
    kb: KnowledgeBase,
    logged: dict[str, object],
    verdict: str,
) -> None:
    db = db_of(local_app)
    person(local_app, kb, ("cramps", "soreness", "poor_sleep"))
    if "symptom" in logged:
        log_symptom(db, kb, when(TODAY, "09:00"), str(logged["symptom"]), **NO_SYMPTOM)
    else:
        log_lab(db, kb, when(TODAY, "09:00"), float(str(logged["lab"])), "mmol/L")
    for lang in LANGS:
        page = get(local_client, "/today", lang)
        assert page.by_id("verdict").attrs["data-verdict"] == verdict
        assert not page.has_id("reason-lines") and not reason_lines(page)
    # no complaint is logged (chest pain is a sign): none is said to be logged on the day
    plan_page = get(local_client, "/plan", "en")
    assert "Complaints logged on this day" not in plan_page.by_id("plan-details").text
    # the plan still holds the reasons as concerns, for the record
    data = local_client.get(f"/api/v1/plan/{TODAY.isoformat()}").json()
    assert data["status"] == verdict
    assert [c["concern"] for c in data["concerns"]] == ["cramps", "soreness", "poor_sleep"]


@pytest.mark.parametrize("case", REASONS)
def test_the_apis_plan_holds_the_reasons_as_concerns(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase, case: Reasons
) -> None:
    person(local_app, kb, case.reasons)
    data = local_client.get(f"/api/v1/plan/{TODAY.isoformat()}").json()
    assert data["reasons"] == list(case.reasons)
    assert [c["concern"] for c in data["concerns"]] == list(case.concerns)
    about = [e["claim"] for e in data["evidence"] if e["about"] in case.concerns]
    assert about == list(case.claims)
    set_language("en")
    expected = plan_json(kb, day_plan(db_of(local_app), kb, "default", TODAY, owner=OWNER))
    assert data == expected


def test_mgcoach_plan_json_holds_the_reasons(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MGCOACH_PROFILE", raising=False)
    run_json(capsys, "profile", "set", "--age", "45", "--sex", "male",
             "--reason", "cramps", "--reason", "sleep")  # fmt: skip
    data = run_json(capsys, "plan", "2025-01-13")
    assert data["reasons"] == ["cramps", "poor_sleep"]
    assert [c["concern"] for c in data["concerns"]] == ["cramps", "poor_sleep"]
    evidence = {(e["about"], e["claim"]) for e in data["evidence"]}
    assert {("cramps", "cramps_idiopathic"), ("poor_sleep", "sleep")} <= evidence
