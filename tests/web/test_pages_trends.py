"""The Trends page: server-drawn SVG charts with one bar group per logged day and gaps for
the days not logged, their data tables, the weekly summary from ``trend_json``, Dutch dates,
the choice of period, and the rule for which days count (issue 14): the page, the API and the
CLI show the same numbers and the same directions, in words."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.cli.main import main
from mgcoach.cli.trend_views import change_line
from mgcoach.contract.trend import trend_json
from mgcoach.i18n import set_language
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal_log import log_food, log_sleep, log_supplement, log_symptom
from mgcoach.services.trend import trend
from mgcoach.settings import Settings
from mgcoach.storage.database import Database
from mgcoach.web.charts import short_date
from mgcoach.web.templating import num
from tests.cli.running import run_json
from tests.journal.test_trend import CODES, log_cramp_history
from tests.web.conftest import make_app
from tests.web.test_pages_today import NO_SYMPTOM, OWNER, Node, db_of, make_profile, parse, when

TODAY = date.today()
SVG = "{http://www.w3.org/2000/svg}"
FOOD_DAYS = (TODAY, TODAY - timedelta(days=2), TODAY - timedelta(days=10))


def log_weeks(db: Database, kb: KnowledgeBase) -> None:
    """Three days with food (one with a supplement), cramps on one of them and on a day
    without food, sleep on two days."""
    make_profile(db, kb)
    for index, day in enumerate(FOOD_DAYS):
        log_food(db, when(day, "08:00"), "almonds", f"{30 * (index + 1)} g")
    log_supplement(db, kb, when(FOOD_DAYS[1], "13:00"), "citrate", 500.0, None, basis="compound")
    log_symptom(db, kb, when(FOOD_DAYS[1], "03:00"), "cramp", **(NO_SYMPTOM | {"count": 2}))
    log_symptom(db, kb, when(TODAY - timedelta(days=5), "03:00"), "cramp", **NO_SYMPTOM)
    log_sleep(db, when(TODAY - timedelta(days=1)), 7.5, 6)
    log_sleep(db, when(TODAY - timedelta(days=2)), 6.0, None)


def svgs(html: str) -> dict[str, ET.Element]:
    """Each inline chart, read as XML (it must be well formed)."""
    found = {}
    rest = html
    while "<svg" in rest:
        start = rest.index("<svg")
        end = rest.index("</svg>", start) + len("</svg>")
        element = ET.fromstring(rest[start:end])
        found[element.attrib["id"]] = element
        rest = rest[end:]
    return found


def day_groups(chart: ET.Element) -> list[str]:
    return [g.attrib["data-date"] for g in chart.iter(f"{SVG}g") if g.attrib.get("class") == "day"]


@pytest.fixture
def logged(local_app: FastAPI, kb: KnowledgeBase) -> Database:
    db = db_of(local_app)
    log_weeks(db, kb)
    return db


def test_one_bar_group_per_logged_day(local_client: TestClient, logged: Database) -> None:
    response = local_client.get("/trends")
    assert response.status_code == 200
    page = parse(response.text)
    assert page.all("h1")[0].text == "Trends"
    charts = svgs(response.text)
    assert set(charts) == {"chart-magnesium", "chart-cramps", "chart-sleep"}
    for chart in charts.values():
        assert chart.attrib["class"] == "chart" and chart.attrib["role"] == "img"
        title, desc = chart.attrib["aria-labelledby"].split()
        assert chart.find(f"{SVG}title").attrib["id"] == title  # type: ignore[union-attr]
        assert chart.find(f"{SVG}desc").attrib["id"] == desc  # type: ignore[union-attr]
    logged_days = sorted(day.isoformat() for day in FOOD_DAYS)
    assert day_groups(charts["chart-magnesium"]) == logged_days
    # the supplement day has a food part and a supplement part; the others food only
    parts = {
        g.attrib["data-date"]: [r.attrib["class"] for r in g.iter(f"{SVG}rect")]
        for g in charts["chart-magnesium"].iter(f"{SVG}g")
        if g.attrib.get("class") == "day"
    }
    assert parts[FOOD_DAYS[1].isoformat()] == ["food", "supplement"]
    assert parts[TODAY.isoformat()] == ["food"]
    # cramps: every day with anything logged (food, the cramp without food, the sleep-only day)
    only_other = (TODAY - timedelta(days=n) for n in (1, 5))
    cramp_days = sorted([*logged_days, *(day.isoformat() for day in only_other)])
    assert day_groups(charts["chart-cramps"]) == cramp_days
    assert day_groups(charts["chart-sleep"]) == sorted(
        (TODAY - timedelta(days=n)).isoformat() for n in (1, 2)
    )


def test_data_tables_and_gaps(
    local_client: TestClient, logged: Database, kb: KnowledgeBase
) -> None:
    page = parse(local_client.get("/trends?weeks=4").text)
    data = trend_json(kb, trend(logged, kb, "default", TODAY - timedelta(days=27), TODAY, OWNER))
    rows = page.by_id("table-magnesium").rows()
    assert len(rows) == 28 == len(data["daily"])
    not_logged = [row for row in rows if row[1] == "not logged"]
    assert len(not_logged) == 28 - 3
    by_day = {row["date"]: row for row in data["daily"]}
    supplement_day = by_day[FOOD_DAYS[1].isoformat()]
    (row,) = [r for r in rows if r[1] == " ".join(num(supplement_day["food_mg"], 0, "mg").split())]
    assert row[3] == " ".join(num(supplement_day["magnesium_mg"], 0, "mg").split())
    weeks = page.by_id("weeks").rows()
    assert [w[1] for w in weeks] == [f"{w['days_logged']} / {w['days']}" for w in data["weeks"]]
    assert page.by_id("avg-magnesium").text == " ".join(
        num(data["averages"]["magnesium_mg"], 0, "mg").split()
    )
    notes = page.by_id("main").text
    assert data["association"]["note"] in notes and "not proof" in notes
    measures = [li.attrs["data-measure"] for li in page.by_id("symptom-trends").all("li")]
    assert measures == [item["measure"] for item in data["symptom_trends"]]


def test_dutch_dates_on_the_axes(local_client: TestClient, logged: Database) -> None:
    html = local_client.get("/trends", headers={"Accept-Language": "nl"}).text
    start = TODAY - timedelta(days=55)
    labels = [t.text for t in svgs(html)["chart-magnesium"].iter(f"{SVG}text")]
    assert short_date(start, "nl") in labels and short_date(start, "en") not in labels
    set_language("nl")
    try:
        assert any(label == num(500) or label == num(1000) for label in labels)
    finally:
        set_language("en")
    page: Node = parse(html)
    assert page.all("html")[0].attrs["lang"] == "nl"


@pytest.mark.parametrize(("weeks", "days"), [("4", 28), ("12", 84), ("26", 182)])
def test_periods(local_client: TestClient, logged: Database, weeks: str, days: int) -> None:
    page = parse(local_client.get(f"/trends?weeks={weeks}").text)
    assert len(page.by_id("table-sleep").rows()) == days
    current = [a for a in page.all("a") if a.attrs.get("aria-current") == "page"]
    assert current[-1].attrs["href"] == f"/trends?weeks={weeks}"


def test_an_unknown_period_is_refused(local_client: TestClient, logged: Database) -> None:
    response = local_client.get("/trends?weeks=5")
    assert response.status_code == 422 and "4, 8, 12 or 26 weeks" in response.text


def test_nothing_logged_yet(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    make_profile(db_of(local_app), kb)
    charts = svgs(local_client.get("/trends").text)
    for chart in charts.values():
        assert not day_groups(chart)
        texts = [t.text for t in chart.iter(f"{SVG}text")]
        assert texts == ["Nothing logged in these weeks yet."]


def test_without_a_profile_trends_go_to_onboarding(local_client: TestClient) -> None:
    response = local_client.get("/trends", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/onboarding"


def test_trends_on_both_databases(web_db: Settings, kb: KnowledgeBase) -> None:
    """The per-day sums come from SQL: the same bars on SQLite and PostgreSQL."""
    app, db = make_app(web_db, kb)
    try:
        log_weeks(db, kb)
        with TestClient(app) as client:
            chart = svgs(client.get("/trends").text)["chart-magnesium"]
        assert day_groups(chart) == sorted(day.isoformat() for day in FOOD_DAYS)
    finally:
        db.dispose()


# -- issue 14: which days count, the same numbers everywhere -----------------------------------


@pytest.fixture
def shared(
    data_dir: Path, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """The web app on the CLI's own database, with the issue's twelve weeks of cramps."""
    monkeypatch.delenv("MGCOACH_PROFILE", raising=False)
    app, db = make_app(Settings.from_env(), kb)
    make_profile(db, kb)
    log_cramp_history(db, kb, "default", TODAY, OWNER)
    with TestClient(app) as client:
        yield client
    db.dispose()


def _notes(html: str) -> dict[str, Node]:
    return {li.attrs["data-measure"]: li for li in parse(html).by_id("symptom-trends").all("li")}


@pytest.mark.parametrize("weeks", [4, 8, 12])
def test_cli_api_and_page_show_the_same_trend(
    shared: TestClient, capsys: pytest.CaptureFixture[str], weeks: int
) -> None:
    days = str(7 * weeks)
    api = shared.get("/api/v1/trend", params={"days": days}).json()
    assert api == run_json(capsys, "trend", "--days", days)
    (cramps,) = [c for c in api["symptom_trends"] if c["measure"] == "cramps"]
    assert cramps["direction"] == "down"  # the 4-, 8- and 12-week views agree
    line = change_line(cramps)
    assert line.startswith("Cramps per day: went down (")
    assert main(["trend", "--days", days]) == 0
    table = capsys.readouterr().out
    assert line in table and api["rule"]["days"].split(":")[0] in table
    note = _notes(shared.get(f"/trends?weeks={weeks}").text)["cramps"]
    assert note.attrs["data-direction"] == "down"
    first, second = (num(cramps[k], cramps["digits"]) for k in ("first_half", "second_half"))
    assert " ".join(note.text.split()).startswith(f"Cramps per day: went down ({first} → {second})")


def test_the_rule_is_on_the_page_in_both_languages(shared: TestClient) -> None:
    page = parse(shared.get("/trends?weeks=4").text)
    assert "anything logged" in page.by_id("trend-rule").text
    assert "at least 7 days" in page.by_id("change-rule").text
    html = shared.get("/trends?weeks=4", headers={"Accept-Language": "nl"}).text
    dutch = parse(html)
    assert "als 0 telt" in dutch.by_id("trend-rule").text
    assert "minstens 7 dagen" in dutch.by_id("change-rule").text
    text = dutch.by_id("main").text
    for english in ("went down", "not enough data yet", "no change", "Which days count",
                    "evidence of no meaningful benefit", "Cramps per day"):  # fmt: skip
        assert english not in text, english
    assert not any(code in text.split() for code in CODES)
    assert "gedaald" in _notes(html)["cramps"].text


def test_a_short_history_says_not_enough_data(
    local_client: TestClient, local_app: FastAPI, kb: KnowledgeBase
) -> None:
    db = db_of(local_app)
    make_profile(db, kb)
    for offset in range(5):
        log_symptom(db, kb, when(TODAY - timedelta(days=offset), "03:00"), "cramp", **NO_SYMPTOM)
    notes = _notes(local_client.get("/trends?weeks=4").text)
    cramps = " ".join(notes["cramps"].text.split())
    assert notes["cramps"].attrs["data-direction"] == "not_enough_data"
    assert cramps.startswith("Cramps per day: not enough data yet (2 and 3 days with data")
    assert "→" not in cramps and "went up" not in cramps


def test_a_weight_chart_when_weights_are_logged(
    local_client: TestClient, logged: Database, kb: KnowledgeBase
) -> None:
    """Issue 17: the body weights logged in the period as dots on an axis around them (not from
    0), in both drawings, with a data table of the days weighed; none logged, no chart."""
    from mgcoach.services.journal_log import log_weight

    assert "chart-weight" not in svgs(local_client.get("/trends").text)
    weighed = {TODAY - timedelta(days=9): 81.0, TODAY - timedelta(days=2): 79.5, TODAY: 78.25}
    for day, kg in weighed.items():
        log_weight(logged, when(day, "07:00"), kg)
    html = local_client.get("/trends?weeks=4").text
    chart = svgs(html)["chart-weight"]
    assert [u.attrib["class"] for u in chart.iter(f"{SVG}use")] == ["chart-wide", "chart-narrow"]
    wide = next(s for s in chart.iter(f"{SVG}symbol") if s.attrib["id"] == "chart-weight-wide")
    assert len(list(wide.iter(f"{SVG}circle"))) == 3
    ticks = [t.text or "" for t in wide.find(f"{SVG}g[@class='axis']").iter(f"{SVG}text")]  # type: ignore[union-attr]
    assert "0" not in ticks and "80" in ticks  # the axis spans the weights, not from 0
    desc = chart.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert "3 days" in desc and "78.2" in desc
    rows = parse(html).by_id("table-weight").rows()
    assert [row[1] for row in rows] == [
        " ".join(num(kg, 1, "kg").split()) for _day, kg in sorted(weighed.items())
    ]
    assert set(svgs(html)) >= {"chart-magnesium", "chart-cramps", "chart-sleep"}
