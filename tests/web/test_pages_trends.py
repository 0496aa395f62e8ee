"""The Trends page: server-drawn SVG charts with one bar group per logged day and gaps for
the days not logged, their data tables, the weekly summary from ``trend_json``, Dutch dates,
and the choice of period."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mgcoach.contract.trend import trend_json
from mgcoach.i18n import set_language
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal_log import log_food, log_sleep, log_supplement, log_symptom
from mgcoach.services.trend import trend
from mgcoach.settings import Settings
from mgcoach.storage.database import Database
from mgcoach.web.charts import short_date
from mgcoach.web.templating import num
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
    # cramps: the logged days plus the day with a cramp and no food
    cramp_days = sorted([*logged_days, (TODAY - timedelta(days=5)).isoformat()])
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
