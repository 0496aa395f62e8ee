"""Settings: language, units and reference system; the export; deleting everything."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal import ProfileChanges, list_profiles, set_profile, show_profile
from mgcoach.services.journal_export import export_document
from mgcoach.services.journal_log import When, list_entries, log_food, log_note
from mgcoach.settings import Settings
from mgcoach.storage.journal import LOCAL_USER
from tests.web.conftest import local_csrf, make_app
from tests.web.html_checks import assert_ids_sound, autofocused, element, summary_links
from tests.web.test_pages_onboarding import account, db_of, field_error, form_values

TODAY = date.today()


@pytest.fixture
def client(local_client: TestClient, kb: KnowledgeBase) -> TestClient:
    """The local site with a profile of 70 kg and two entries."""
    db = db_of(local_client)
    set_profile(
        db, kb, "default", ProfileChanges(age=40, sex="male", weight_kg=70.0), TODAY, LOCAL_USER
    )
    log_food(db, When("default", TODAY, 8 * 60, owner=LOCAL_USER), "almonds", "30 g")
    log_note(db, When("default", TODAY, None, "a note", owner=LOCAL_USER))
    return local_client


def save(client: TestClient, **values: str) -> Response:
    data = {"language": "en", "units": "metric", "system": "us"} | values
    return client.post(
        "/settings",
        data={"csrf_token": local_csrf(client), **data},
        follow_redirects=False,
    )


def test_the_page_has_the_forms_of_the_contract(client: TestClient) -> None:
    page = client.get("/settings", headers={"Accept-Language": "nl"}).text
    assert form_values(page, "settings-form") | {"csrf_token": ""} == {
        "csrf_token": "",
        "language": "nl",  # from the browser, until chosen
        "units": "metric",
        "system": "us",  # the profile's
    }
    assert re.search(r'<a id="export"[^>]*href="/settings/export.json"', page)
    assert 'href="/onboarding"' in page
    assert re.search(r'<form id="delete-form" method="post"', page)
    assert 'name="confirm" type="checkbox"' in page


def test_choosing_dutch_switches_the_page_language_at_once(client: TestClient) -> None:
    response = save(client, language="nl")
    assert (response.status_code, response.headers["location"]) == (303, "/settings?saved=1")
    page = client.get(response.headers["location"], headers={"Accept-Language": "en"})
    assert '<html lang="nl">' in page.text
    assert 'role="status"' in page.text
    assert account(client).language == "nl"
    back = save(client, language="en")
    assert back.status_code == 303
    assert '<html lang="en">' in client.get("/log", headers={"Accept-Language": "nl"}).text


def test_us_units_show_the_profile_in_pounds(client: TestClient) -> None:
    before = client.get("/onboarding").text
    assert 'name="weight" type="text" value="70"' in before and "Weight (kg)" in before
    assert save(client, units="us").status_code == 303
    assert account(client).units == "us"
    after = client.get("/onboarding").text
    assert "Weight (lb)" in after
    assert 'name="weight" type="text" value="154.3"' in after  # 70 kg = 154.32 lb
    assert show_profile(db_of(client), "default", LOCAL_USER).weight_kg == 70.0


def test_the_reference_system_is_the_profiles(client: TestClient) -> None:
    assert save(client, system="efsa").status_code == 303
    assert show_profile(db_of(client), "default", LOCAL_USER).system == "efsa"
    page = client.get("/settings").text
    assert form_values(page, "settings-form")["system"] == "efsa"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"language": "fr"}, "language"),
        ({"units": "imperial"}, "units"),
        ({"system": "x"}, "system"),
    ],
)
def test_wrong_settings_are_field_errors(
    client: TestClient, values: dict[str, str], field: str
) -> None:
    response = save(client, **values)
    assert response.status_code == 422
    assert field_error(response.text, field) is not None
    assert account(client).language is None
    assert show_profile(db_of(client), "default", LOCAL_USER).system == "us"


def test_settings_need_the_csrf_token(client: TestClient) -> None:
    response = client.post("/settings", data={"language": "nl", "units": "us", "system": "us"})
    assert response.status_code == 403
    assert account(client).language is None


def test_the_export_is_the_services_document_as_a_download(client: TestClient) -> None:
    response = client.get("/settings/export.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["content-disposition"] == (
        f'attachment; filename="mgcoach-export-{TODAY.isoformat()}.json"'
    )
    exported = json.loads(response.content)
    expected = export_document(db_of(client), LOCAL_USER)
    assert exported.pop("exported_at") and expected.pop("exported_at")
    assert exported == expected
    (profile,) = exported["profiles"]
    assert len(profile["entries"]) == 2


def test_deleting_needs_the_box_ticked(client: TestClient) -> None:
    response = client.post(
        "/settings/delete", data={"csrf_token": local_csrf(client)}, follow_redirects=False
    )
    assert response.status_code == 422
    assert field_error(response.text, "confirm") is not None
    assert len(list_entries(db_of(client), "default", TODAY, TODAY, owner=LOCAL_USER)[1]) == 2
    no_token = client.post("/settings/delete", data={"confirm": "1"}, follow_redirects=False)
    assert no_token.status_code == 403
    assert list_profiles(db_of(client), LOCAL_USER) != []


def _delete_everything(client: TestClient) -> None:
    assert save(client, language="nl").status_code == 303
    response = client.post(
        "/settings/delete",
        data={"csrf_token": local_csrf(client), "confirm": "1"},
        follow_redirects=False,
    )
    assert (response.status_code, response.headers["location"]) == (303, "/onboarding")
    assert list_profiles(db_of(client), LOCAL_USER) == []
    assert export_document(db_of(client), LOCAL_USER)["profiles"] == []
    assert client.get("/", follow_redirects=False).headers["location"] == "/onboarding"
    assert account(client).language is None  # the account's choices went too
    assert client.get("/onboarding").status_code == 200


def test_deleting_removes_everything(client: TestClient) -> None:
    _delete_everything(client)


@pytest.fixture
def both_backends(web_db: Settings, kb: KnowledgeBase) -> Iterator[TestClient]:
    app, db = make_app(web_db, kb)
    with TestClient(app) as client:
        set_profile(db, kb, "default", ProfileChanges(age=40, sex="male"), TODAY, LOCAL_USER)
        log_food(db, When("default", TODAY, None, owner=LOCAL_USER), "almonds", "30 g")
        yield client
    db.dispose()


def test_deleting_removes_everything_on_sqlite_and_postgresql(both_backends: TestClient) -> None:
    _delete_everything(both_backends)


def test_a_failed_settings_form_puts_the_focus_on_its_error_summary(client: TestClient) -> None:
    page = client.get("/settings").text
    assert_ids_sound(page)
    assert autofocused(page) == []
    wrong = save(client, language="fr", units="imperial").text
    assert [e.attrs.get("id") for e in autofocused(wrong)] == ["error-summary"]
    assert summary_links(wrong) == ["f-language", "f-units"]
    assert wrong.index('id="error-summary"') < wrong.index('<form id="settings-form"')
    assert_ids_sound(wrong)
    unticked = client.post(
        "/settings/delete", data={"csrf_token": local_csrf(client)}, follow_redirects=False
    ).text
    assert [e.attrs.get("id") for e in autofocused(unticked)] == ["delete-error-summary"]
    summary = element(unticked, "delete-error-summary").attrs
    assert summary["role"] == "alert" and summary["tabindex"] == "-1"
    assert unticked.index('id="delete-error-summary"') < unticked.index('<form id="delete-form"')
    assert_ids_sound(unticked)
