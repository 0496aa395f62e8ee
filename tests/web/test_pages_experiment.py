"""The Experiment page (/experiment): the start form and its refusals on their fields, the
one-tap check-in, the schedule as dates, stopping early with the reason escaped, in English
and Dutch; and the Plan page's link to it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services import experiments
from mgcoach.web.templating import day_text
from tests.web.conftest import local_csrf
from tests.web.test_pages_today import OWNER, db_of, make_profile

PAGE = "/experiment"


@pytest.fixture
def client(local_app: FastAPI, kb: KnowledgeBase) -> Iterator[TestClient]:
    make_profile(db_of(local_app), kb, egfr=90, meds=[])
    with TestClient(local_app) as test_client:
        yield test_client


def post(client: TestClient, path: str, **data: str) -> Response:
    response: Response = client.post(
        path, data={"csrf_token": local_csrf(client), **data}, follow_redirects=False
    )
    return response


def test_start_check_in_and_stop(client: TestClient, local_app: FastAPI, kb: KnowledgeBase) -> None:
    first = client.get(PAGE)
    assert first.status_code == 200 and 'id="start-form"' in first.text
    started = post(client, PAGE, outcome="sleep_quality", period_days="7", pairs="6")
    assert started.status_code == 303
    page = client.get(PAGE).text
    design = experiments.view(db_of(local_app), kb, "default", today=date.today(), owner=OWNER)
    assert 'id="start-form"' not in page and 'id="checkin-form"' in page
    assert page.count('name="value"') == 11  # one button per answer, 0 to 10
    last = design.design.periods()[-1]
    assert f"{day_text(last.start, 'short')} – {day_text(last.end, 'short')}" in page
    assert post(client, f"{PAGE}/checkin", value="7", taken="1").status_code == 303
    page = client.get(PAGE).text
    assert 'aria-pressed="true">7</button>' in page and 'id="checked-in"' in page
    stopped = post(client, f"{PAGE}/stop", reason="<b>moving</b>")
    assert stopped.status_code == 303
    page = client.get(PAGE).text
    assert "&lt;b&gt;moving&lt;/b&gt;" in page and "<b>moving" not in page
    assert 'id="start-form"' in page and "stopped early" in page


@pytest.mark.parametrize(
    ("data", "field", "said"),
    [
        ({"outcome": "sleep_quality", "pairs": "4"}, "pairs", "6 to 10 pairs"),
        ({"outcome": "sleep_quality", "period_days": "3"}, "period_days", "7 to 28 days"),
        ({"outcome": "sleep_quality", "pairs": "six"}, "pairs", "six"),
        ({"outcome": "sleep_quality", "start": "1 jan"}, "start", "YYYY-MM-DD"),
        ({"outcome": "flu"}, "outcome", "Unknown outcome"),
    ],
)
def test_bad_starts_show_on_their_field(
    client: TestClient, data: dict[str, str], field: str, said: str
) -> None:
    response = post(client, PAGE, **data)
    assert response.status_code == 422
    text = response.text
    assert f'id="e-{field}"' in text and said in text
    assert 'id="checkin-form"' not in client.get(PAGE).text  # nothing stored


def test_bad_checkins_show_on_the_answer(client: TestClient) -> None:
    post(client, PAGE, outcome="sleep_latency")
    page = client.get(PAGE).text
    assert '<input id="f-value" name="value" type="text"' in page  # minutes: typed, no buttons
    for typed, said in (("400", "from 0 to 300"), ("abc", "abc"), ("", "as a number")):
        response = post(client, f"{PAGE}/checkin", value=typed, taken="1")
        assert response.status_code == 422, typed
        assert 'id="e-value"' in response.text and said in response.text
    assert post(client, f"{PAGE}/checkin", value="45").status_code == 303
    assert "Checked in today: 45" in client.get(PAGE).text


def test_night_cramps_have_buttons_and_a_field(client: TestClient) -> None:
    """0 to 20 cramps: a button each for 0 to 10, and a field for more; a typed number wins
    (Enter in the field sends the first button too)."""
    post(client, PAGE, outcome="night_cramps")
    page = client.get(PAGE).text
    assert page.count('name="value"') == 11 and 'name="typed"' in page
    assert post(client, f"{PAGE}/checkin", typed="14", value="0").status_code == 303
    assert "Checked in today: 14" in client.get(PAGE).text


def test_a_start_the_gate_refuses(local_app: FastAPI, kb: KnowledgeBase) -> None:
    make_profile(db_of(local_app), kb, egfr=20)
    with TestClient(local_app) as client:
        response = post(client, PAGE, outcome="soreness")
        assert response.status_code == 409
        assert "No experiment can start" in response.text


def test_in_dutch(client: TestClient) -> None:
    post(client, PAGE, outcome="night_cramps")
    page = client.get(PAGE, headers={"Accept-Language": "nl"}).text
    assert "Hoeveel spierkrampen had u afgelopen nacht?" in page
    assert 'lang="nl"' in page
    tomorrow = date.today() + timedelta(days=1)
    assert tomorrow.isoformat() not in page  # dates as the language writes them


def test_the_plan_links_to_it(client: TestClient) -> None:
    assert 'href="/experiment"' in client.get("/plan").text
