"""Onboarding: the profile form creates and edits the profile, with errors on their fields."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from mgcoach.i18n import set_language, translate
from mgcoach.journal.model import Medicine
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal import list_profiles, show_profile
from mgcoach.settings import Settings
from mgcoach.storage import accounts
from mgcoach.storage.database import Database
from mgcoach.storage.journal import LOCAL_USER
from mgcoach.units import inches_to_cm, pounds_to_kg
from tests.web.conftest import local_csrf, make_app

VALID = {
    "age": "40",
    "sex": "female",
    "weight": "70,5",
    "height": "170",
    "activity": "moderate",
    "system": "efsa",
    "language": "en",
    "units": "metric",
    "egfr": "75",
    "meds": "levothyroxine@07:00\r\nciprofloxacin@08:00,20:00",
}


def db_of(client: TestClient) -> Database:
    app: FastAPI = client.app  # type: ignore[assignment]
    database: Database = app.state.web.db
    return database


def account(client: TestClient) -> accounts.Account:
    with db_of(client).connect() as connection:
        found = accounts.find_account(connection, LOCAL_USER)
    assert found is not None
    return found


def field_error(page: str, name: str) -> str | None:
    """The text of the field-level error of ``name``, if the field is marked invalid."""
    control = re.search(rf'<(?:input|select|textarea) id="f-{name}"[^>]*>', page)
    assert control, f"no field {name}"
    if 'aria-invalid="true"' not in control.group(0):
        return None
    found = re.search(rf'<small id="e-{name}" class="field-error"[^>]*>(.*?)</small>', page, re.S)
    assert found, f"{name} is marked invalid without a message"
    return html.unescape(found.group(1))


def invalid_fields(page: str) -> set[str]:
    return set(re.findall(r'id="f-([a-z_]+)"[^>]*aria-invalid="true"', page))


def post(client: TestClient, data: dict[str, str], **headers: str) -> Response:
    return client.post(
        "/onboarding",
        data={"csrf_token": local_csrf(client), **data},
        headers=headers,
        follow_redirects=False,
    )


class _FormReader(HTMLParser):
    """The values a browser would post for one form of a page (no JavaScript); ``values`` has
    the last of each name, ``items`` every one (ticked boxes of one name)."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside = form_id, False
        self.values: dict[str, str] = {}
        self.items: list[tuple[str, str]] = []
        self._select: str | None = None
        self._first: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.values[name] = a.get("value", "on")
                    self.items.append((name, self.values[name]))
            else:
                self.values[name] = a.get("value", "")
                self.items.append((name, self.values[name]))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select:
            self._first.setdefault(self._select, a.get("value", ""))
            if "selected" in a:
                self.values[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            self.values.setdefault(self._select, self._first.get(self._select, ""))
            self.items.append((self._select, self.values[self._select]))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.items.append((self._textarea, self.values[self._textarea]))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data


def form_values(page: str, form_id: str) -> dict[str, str]:
    reader = _FormReader(form_id)
    reader.feed(page)
    assert reader.values, f"no form {form_id}"
    return reader.values


def form_data(page: str, form_id: str) -> dict[str, str | list[str]]:
    """What a browser posts for the form: a name given more than once has a list."""
    reader = _FormReader(form_id)
    reader.feed(page)
    data: dict[str, list[str]] = {}
    for name, value in reader.items:
        data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def in_dutch(message: str, **params: object) -> str:
    set_language("nl")
    try:
        return translate(message, params)
    finally:
        set_language("en")


def test_a_new_person_sees_the_defaults_of_their_language(local_client: TestClient) -> None:
    page = local_client.get("/onboarding", headers={"Accept-Language": "nl-NL,nl;q=0.9"}).text
    assert '<html lang="nl">' in page
    assert '<form id="onboarding-form" method="post"' in page
    assert '<option value="nl" selected>Nederlands</option>' in page
    assert re.search(r'<option value="nl" selected>Nederland: Gezondheidsraad</option>', page)
    assert '<option value="metric" selected>' in page
    assert "Gewicht (kg)" in page or "Weight (kg)" in page
    english = local_client.get("/onboarding", headers={"Accept-Language": "en"}).text
    assert re.search(r'<option value="us" selected>United States', english)


def test_a_valid_post_stores_the_profile_and_the_preferences(
    local_client: TestClient, kb: KnowledgeBase
) -> None:
    response = post(local_client, {**VALID, "language": "nl"})
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/today"
    person = show_profile(db_of(local_client), "default", LOCAL_USER)
    assert (person.sex, person.age_years, person.age_on) == ("female", 40.0, date.today())
    assert (person.weight_kg, person.height_cm, person.egfr) == (70.5, 170.0, 75.0)
    assert (person.activity, person.system, person.pregnant, person.dialysis) == (
        "moderate", "efsa", False, False,
    )  # fmt: skip
    assert person.medicines == (
        Medicine("levothyroxine", (7 * 60,)),
        Medicine("ciprofloxacin", (8 * 60, 20 * 60)),
    )
    saved = account(local_client)
    assert (saved.language, saved.units) == ("nl", "metric")
    # the site now speaks Dutch, whatever the browser asks for
    page = local_client.get("/onboarding", headers={"Accept-Language": "en"}).text
    assert '<html lang="nl">' in page
    assert 'value="70,5"' in page  # shown back in Dutch notation


def test_us_units_are_stored_in_kg_and_cm_and_shown_back_in_lb_and_in(
    local_client: TestClient,
) -> None:
    data = {**VALID, "units": "us", "weight": "154", "height": "65", "meds": ""}
    response = post(local_client, data)
    assert response.status_code == 303
    person = show_profile(db_of(local_client), "default", LOCAL_USER)
    assert person.weight_kg == pytest.approx(pounds_to_kg(154)) == pytest.approx(69.853, abs=1e-3)
    assert person.height_cm == pytest.approx(inches_to_cm(65)) == pytest.approx(165.1)
    assert person.medicines == ()
    assert account(local_client).units == "us"
    page = local_client.get("/onboarding").text
    assert "Weight (lb)" in page and "Height (in)" in page
    assert 'id="f-weight" name="weight" type="text" value="154"' in page
    assert 'id="f-height" name="height" type="text" value="65"' in page
    assert "Save" in page


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"age": "250"}, "age", "An age of 250 is not possible"),
        ({"age": "veertig"}, "age", "veertig is not a number."),
        ({"sex": "male", "pregnant": "1"}, "pregnant", "A male profile cannot be pregnant"),
        ({"pregnant": "1", "lactating": "1"}, "lactating", "Give pregnant or lactating"),
        (
            {"meds": "levothyroxine@07:00\nfrobnicol@08:00"},
            "meds",
            "Line 2 (frobnicol@08:00): ",
        ),
        ({"meds": "levothyroxine@25:00"}, "meds", "Line 1 (levothyroxine@25:00): 25:00 is not"),
        ({"weight": "5"}, "weight", "A weight of 5 kg is not possible: give 20 to 400 kg."),
        (
            {"weight": "5", "units": "us", "height": "67"},
            "weight",
            "A weight of 5 lb is not possible",
        ),
        ({"height": "20"}, "height", "A height of 20 cm is not possible"),
        ({"egfr": "-1"}, "egfr", "An eGFR of -1 is not possible"),
        ({"activity": "couch"}, "activity", "Unknown activity level couch"),
        ({"system": "mars"}, "system", "Unknown reference system mars"),
        ({"sex": ""}, "sex", "Choose female or male."),
        ({"language": "fr"}, "language", "Choose English or Dutch."),
    ],
)
def test_each_invalid_field_gets_its_error_and_nothing_is_stored(
    local_client: TestClient, changes: dict[str, str], field: str, expected: str
) -> None:
    response = post(local_client, {**VALID, **changes})
    assert response.status_code == 422
    page = response.text
    message = field_error(page, field)
    assert message is not None and message.startswith(expected), message
    assert invalid_fields(page) == {field}
    assert 'class="error-summary"' in page
    assert list_profiles(db_of(local_client), LOCAL_USER) == []
    assert account(local_client).language is None  # the preferences were not stored either
    # what was typed is shown again
    assert 'name="age" type="text" value="{}"'.format(changes.get("age", "40")) in page


def test_a_post_without_the_csrf_token_is_refused(local_client: TestClient) -> None:
    local_client.get("/onboarding")
    response = local_client.post("/onboarding", data=VALID, follow_redirects=False)
    assert response.status_code == 403
    wrong = local_client.post(
        "/onboarding", data={**VALID, "csrf_token": "x" * 40}, follow_redirects=False
    )
    assert wrong.status_code == 403
    assert list_profiles(db_of(local_client), LOCAL_USER) == []


def test_errors_are_in_dutch_for_a_dutch_browser_or_when_dutch_is_chosen(
    local_client: TestClient,
) -> None:
    male_pregnant = {**VALID, "sex": "male", "pregnant": "1"}
    expected = in_dutch("A male profile cannot be pregnant or lactating.")
    assert expected != "A male profile cannot be pregnant or lactating."
    without_choice = {k: v for k, v in male_pregnant.items() if k != "language"}
    browser = post(local_client, without_choice, **{"Accept-Language": "nl"})
    assert browser.status_code == 422
    assert field_error(browser.text, "pregnant") == expected
    assert '<html lang="nl">' in browser.text
    chosen = post(local_client, {**male_pregnant, "language": "nl"}, **{"Accept-Language": "en"})
    assert field_error(chosen.text, "pregnant") == expected
    age = post(local_client, {**VALID, "age": "250", "language": "nl"})
    assert field_error(age.text, "age") == in_dutch(
        "An age of {age} is not possible: give an age from 0 to {max} years.", age=250.0, max=125
    )


def test_editing_keeps_what_is_not_given_and_what_is_left_as_shown(
    local_client: TestClient,
) -> None:
    assert (
        post(local_client, {**VALID, "units": "us", "weight": "155,5", "height": "67"}).status_code
        == 303
    )
    before = show_profile(db_of(local_client), "default", LOCAL_USER)
    # A partial post: only age and weight; height, activity, eGFR and medicines stay.
    response = post(local_client, {"age": "41", "weight": "160,04"})
    assert response.status_code == 303
    after = show_profile(db_of(local_client), "default", LOCAL_USER)
    assert after.age_years == 41.0
    assert after.weight_kg == pytest.approx(pounds_to_kg(160.04))
    assert (after.height_cm, after.activity, after.egfr, after.system, after.medicines) == (
        before.height_cm, before.activity, before.egfr, before.system, before.medicines,
    )  # fmt: skip
    # Saving the form exactly as shown changes nothing, even values rounded for display.
    shown = form_values(local_client.get("/onboarding").text, "onboarding-form")
    assert (shown["weight"], shown["units"], shown["activity"]) == ("160", "us", "moderate")
    again = post(local_client, shown)
    assert again.status_code == 303, again.text
    same = show_profile(db_of(local_client), "default", LOCAL_USER)
    assert (same.weight_kg, same.height_cm, same.age_years, same.age_on, same.medicines) == (
        after.weight_kg, after.height_cm, after.age_years, after.age_on, after.medicines,
    )  # fmt: skip


@pytest.fixture
def both_backends(web_db: Settings, kb: KnowledgeBase) -> Iterator[TestClient]:
    app, db = make_app(web_db, kb)
    with TestClient(app) as client:
        yield client
    db.dispose()


def test_onboarding_stores_on_sqlite_and_postgresql(both_backends: TestClient) -> None:
    assert post(both_backends, VALID).status_code == 303
    person = show_profile(db_of(both_backends), "default", LOCAL_USER)
    assert (person.weight_kg, len(person.medicines)) == (70.5, 2)
    assert account(both_backends).language == "en"
    failed = post(both_backends, {**VALID, "age": "41", "egfr": "-1"})
    assert failed.status_code == 422
    assert show_profile(db_of(both_backends), "default", LOCAL_USER).age_years == 40.0


@pytest.mark.parametrize(
    ("meds", "expected"),
    [
        pytest.param(
            "alendronate@07:00/weekly:xx",
            "Line 1 (alendronate@07:00/weekly:xx): weekly:xx is not a frequency",
            id="bad-weekday",
        ),
        pytest.param(
            "levothyroxine@07:00\nalendronate@07:00/every:3d",
            "Line 2 (alendronate@07:00/every:3d): every:3d is not a frequency",
            id="every-without-start",
        ),
    ],
)
def test_a_bad_medicine_frequency_is_a_field_error(
    local_client: TestClient, meds: str, expected: str
) -> None:
    response = post(local_client, {**VALID, "meds": meds})
    assert response.status_code == 422
    message = field_error(response.text, "meds")
    assert message is not None and message.startswith(expected), message
    assert invalid_fields(response.text) == {"meds"}
    assert list_profiles(db_of(local_client), LOCAL_USER) == []


def test_medicines_not_taken_daily_are_stored_and_shown_back(local_client: TestClient) -> None:
    meds = "alendronate@07:00/weekly:ma\nciprofloxacin@08:00/every:3d:2026-12-01"
    assert post(local_client, {**VALID, "meds": meds}).status_code == 303
    person = show_profile(db_of(local_client), "default", LOCAL_USER)
    assert [(m.name, m.times, m.frequency.spec) for m in person.medicines] == [
        ("alendronate", (7 * 60,), "weekly:mon"),
        ("ciprofloxacin", (8 * 60,), "every:3d:2026-12-01"),
    ]
    shown = form_data(local_client.get("/onboarding").text, "onboarding-form")
    assert (shown["med-0-name"], shown["med-0-times"], shown["med-0-day"]) == (
        "alendronate", "07:00", "mon",
    )  # fmt: skip
    assert (shown["med-1-name"], shown["med-1-every"], shown["med-1-start"]) == (
        "ciprofloxacin", "3", "2026-12-01",
    )  # fmt: skip
    assert (shown["med-2-name"], shown["meds"]) == ("", "")
