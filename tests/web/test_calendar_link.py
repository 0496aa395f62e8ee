"""The calendar subscription (web/api/schedule.py, web/pages/calendar.py) on SQLite and
PostgreSQL: a link made on /settings/calendar is shown once and answers text/calendar with no
session; a new link stops the old one, a removed or unknown one is the same 404; one account's
link never reaches another's plan; the signed-in download and the bad inputs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from icalendar import Calendar

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.calendar import profile_key
from mgcoach.settings import Settings
from tests.web.conftest import LOCAL_API_HEADERS, PASSWORD, csrf_of, make_app

FEED = "/api/v1/schedule.ics"
PAGE = "/settings/calendar"
PERSON = {"age": 45, "sex": "female", "weight_kg": 70, "height_cm": 170}
URL = re.compile(r'id="calendar-url" type="text" readonly value="([^"]+)"')


@pytest.fixture
def multi(web_db: Settings, kb: KnowledgeBase) -> Iterator[FastAPI]:
    app, db = make_app(web_db, kb, multi_user=True)
    yield app
    db.dispose()


def _person(app: FastAPI, name: str, signed_up: object) -> tuple[TestClient, str]:
    client = TestClient(app)
    token = signed_up(client, name)  # type: ignore[operator]
    made = client.put("/api/v1/profiles/default", json=PERSON, headers={"X-CSRF-Token": token})
    assert made.status_code == 200, made.text
    return client, token


def _new_link(client: TestClient, zone: str) -> str:
    csrf = csrf_of(client.get(PAGE).text)
    answer = client.post(PAGE, data={"tz": zone, "csrf_token": csrf})
    assert answer.status_code == 201, answer.text
    assert answer.headers["cache-control"] == "no-store"
    found = URL.search(answer.text)
    assert found is not None
    return parse_qs(urlsplit(found.group(1).replace("&amp;", "&")).query)["token"][0]


def _fetch(app: FastAPI, token: str) -> tuple[int, bytes, dict[str, str]]:
    with TestClient(app) as stranger:  # no session, no cookie
        answer = stranger.get(FEED, params={"token": token})
        return answer.status_code, answer.content, dict(answer.headers)


def test_a_link_is_shown_once_and_serves_only_its_owner(multi: FastAPI, signed_up: object) -> None:
    ann, _ann_csrf = _person(multi, "ann", signed_up)
    bea, _bea_csrf = _person(multi, "bea", signed_up)
    ann_token = _new_link(ann, "America/New_York")
    bea_token = _new_link(bea, "Europe/Amsterdam")
    assert ann_token != bea_token and len(ann_token) >= 40
    page = ann.get(PAGE).text
    assert (
        ann_token not in page and "America/New_York" in page and 'id="calendar-link-made"' in page
    )
    status, body, headers = _fetch(multi, ann_token)
    assert status == 200
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    calendar = Calendar.from_ical(body)
    assert str(calendar["X-WR-TIMEZONE"]) == "America/New_York"
    uids = [str(event["UID"]) for event in calendar.events]
    assert uids and all(profile_key("ann", "default") in uid for uid in uids)
    assert all(profile_key("bea", "default") not in uid for uid in uids)
    assert all(e["DTSTART"].params["TZID"] == "America/New_York" for e in calendar.events)
    status, body, _headers = _fetch(multi, bea_token)
    bea_uids = [str(event["UID"]) for event in Calendar.from_ical(body).events]
    assert status == 200 and all(profile_key("bea", "default") in uid for uid in bea_uids)


def test_a_new_link_stops_the_old_and_removed_or_unknown_links_are_one_404(
    multi: FastAPI, signed_up: object
) -> None:
    ann, _csrf = _person(multi, "ann", signed_up)
    first = _new_link(ann, "Europe/Amsterdam")
    second = _new_link(ann, "Europe/Amsterdam")
    old = _fetch(multi, first)
    unknown = _fetch(multi, "x" * 43)
    assert (old[0], unknown[0]) == (404, 404)
    assert old[1] == unknown[1]  # no hint which
    assert _fetch(multi, second)[0] == 200
    removed = ann.post(PAGE + "/remove", data={"csrf_token": csrf_of(ann.get(PAGE).text)})
    assert removed.status_code == 200 and 'id="calendar-no-link"' in removed.text
    assert _fetch(multi, second)[:2] == old[:2]
    assert ann.post(PAGE + "/remove", data={}).status_code == 403  # no CSRF token


def test_the_signed_in_download_and_bad_zones(local_client: TestClient) -> None:
    assert local_client.get(FEED).status_code == 404  # no profile yet: says how to make one
    made = local_client.put("/api/v1/profiles/default", json=PERSON, headers=LOCAL_API_HEADERS)
    assert made.status_code == 200
    answer = local_client.get(FEED, params={"tz": "Europe/Amsterdam"})
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="mgcoach-schedule.ics"'
    assert str(Calendar.from_ical(answer.content)["X-WR-TIMEZONE"]) == "Europe/Amsterdam"
    bad = local_client.get(FEED, params={"tz": "Mars/Olympus"})
    assert bad.status_code == 422 and bad.json()["error"]["loc"] == ["query", "tz"]
    csrf = csrf_of(local_client.get(PAGE).text)
    refused = local_client.post(PAGE, data={"tz": "Mars/Olympus", "csrf_token": csrf})
    assert refused.status_code == 422
    assert 'id="e-tz"' in refused.text and "Unknown time zone Mars/Olympus" in refused.text
    assert 'id="calendar-url"' not in refused.text
    assert 'id="calendar-no-link"' in local_client.get(PAGE).text  # nothing stored


def test_the_plan_and_settings_pages_lead_to_the_calendar(local_client: TestClient) -> None:
    local_client.put("/api/v1/profiles/default", json=PERSON, headers=LOCAL_API_HEADERS)
    assert 'href="/settings/calendar"' in local_client.get("/settings").text
    plan = local_client.get("/plan").text
    assert 'id="add-to-calendar"' in plan


def test_dutch_page(local_client: TestClient) -> None:
    page = local_client.get(PAGE, headers={"Accept-Language": "nl"})
    assert page.status_code == 200 and '<html lang="nl"' in page.text


def test_a_password_change_ends_the_calendar_link(multi: FastAPI, signed_up: object) -> None:
    """The link reads the journal without a password, like an API token: a new password
    ends it (services/accounts.change_password), and a new link can be made after."""
    ann, _csrf = _person(multi, "ann", signed_up)
    token = _new_link(ann, "Europe/Amsterdam")
    assert _fetch(multi, token)[0] == 200
    new = "a new long passphrase"
    changed = ann.post(
        "/account/password",
        data={
            "current": PASSWORD,
            "password": new,
            "password2": new,
            "csrf_token": csrf_of(ann.get("/account").text),
        },
        follow_redirects=False,
    )
    assert changed.status_code == 303, changed.text
    assert _fetch(multi, token)[0] == 404
    assert _fetch(multi, _new_link(ann, "Europe/Amsterdam"))[0] == 200
