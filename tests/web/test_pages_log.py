"""The Log page: each form stores what the CLI's `log` would, the day's table shows it, and
entries are edited and deleted; errors land on their field with nothing stored."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from mgcoach.i18n import set_language
from mgcoach.journal.model import Entry
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.foods import food_amount
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_kinds import supplement_entry
from mgcoach.services.journal_log import When, list_entries, log_food
from mgcoach.storage.database import Database
from mgcoach.storage.journal import LOCAL_USER
from mgcoach.web.templating import num
from tests.web.conftest import local_csrf
from tests.web.test_pages_onboarding import db_of, form_values

TODAY = date.today()


def supplement_detail(kb: KnowledgeBase, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The stored values of a supplement entry logged today with these arguments."""
    return supplement_entry(kb, date.today(), *args, **kwargs).fields()


@pytest.fixture
def client(local_client: TestClient, kb: KnowledgeBase) -> TestClient:
    """The local site with a profile (made through the service, as onboarding would)."""
    set_profile(
        db_of(local_client), kb, "default", ProfileChanges(age=40, sex="female"), TODAY, LOCAL_USER
    )
    return local_client


def log(client: TestClient, form: str, data: dict[str, str], **headers: str) -> Response:
    return client.post(
        f"/log/{form}",
        data={"csrf_token": local_csrf(client), "date": TODAY.isoformat(), **data},
        headers=headers,
        follow_redirects=False,
    )


def entries(client: TestClient, day: date = TODAY) -> list[Entry]:
    return list_entries(db_of(client), "default", day, day, owner=LOCAL_USER)[1]


def only_entry(client: TestClient, response: Response) -> Entry:
    assert response.status_code == 303, response.text
    found = entries(client)
    assert len(found) == 1
    target = urlsplit(response.headers["location"])
    assert target.path == "/log"
    query = parse_qs(target.query)
    query.pop("meal", None)  # a food's meal is kept for the next one (test_pages_log_daily.py)
    assert query == {"date": [TODAY.isoformat()], "logged": [str(found[0].id)]}
    return found[0]


def row_of(page: str, entry_id: int) -> str:
    found = re.search(rf'<tr data-entry-id="{entry_id}".*?</tr>', page, re.S)
    assert found, f"no row for entry {entry_id}"
    return html.unescape(re.sub(r"[ \t\r\n]+", " ", found.group(0)))


def flash(page: str) -> str:
    found = re.search(r'<div id="flash" role="status">(.*?)</div>', page, re.S)
    assert found
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def field_error(page: str, form: str, name: str) -> str | None:
    control = re.search(rf'<(?:input|select|textarea) id="{form}-{name}"[^>]*>', page)
    assert control, f"no field {form}-{name}"
    if 'aria-invalid="true"' not in control.group(0):
        return None
    found = re.search(rf'id="{form}-{name}-error" class="field-error"[^>]*>(.*?)</small>', page)
    assert found
    return html.unescape(found.group(1))


def test_without_a_profile_the_log_sends_to_onboarding(local_client: TestClient) -> None:
    response = local_client.get("/log", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/onboarding")


def test_the_page_has_the_forms_of_the_contract(client: TestClient) -> None:
    page = client.get("/log").text
    for form in ("food", "supplement", "med", "symptom", "sleep", "training", "lab", "note"):
        values = form_values(page, f"log-{form}")
        assert values["date"] == TODAY.isoformat()
    food = form_values(page, "log-food")
    assert set(food) >= {"food", "food_id", "amount", "time"}
    assert re.fullmatch(r"\d\d:\d\d", food["time"])  # now, for today
    assert re.search(r'<input id="food-food" name="food"[^>]*role="combobox"', page)
    assert 'aria-controls="food-suggestions"' in page and '<ul id="food-suggestions"' in page
    assert "e.g. 30 g, 1/2 cup, 2 slices" in page
    assert '<table id="entries">' in page and "data-entry-id" not in page
    assert '<script src="/static/log.js" defer></script>' in page
    script = client.get("/static/log.js")
    assert script.status_code == 200 and "/api/v1/foods/search?query=" in script.text
    past = client.get(f"/log?date={(TODAY - timedelta(days=3)).isoformat()}").text
    assert form_values(past, "log-food")["time"] == ""  # no "now" on another day
    assert f'href="/log?date={(TODAY - timedelta(days=2)).isoformat()}" rel="next"' in past
    assert 'rel="next"' not in page  # no next day after today


def test_a_food_is_stored_as_the_service_computes_it_and_shown(client: TestClient) -> None:
    entry = only_entry(client, log(client, "food", {"food": "almonds", "amount": "30 g",
                                                   "time": "08:15"}))  # fmt: skip
    expected = food_amount(db_of(client), "almonds", "30 g", remember=False)
    assert entry.fields()["food_id"] == expected.food.id == "usda:12061"
    assert entry.fields()["grams"] == 30.0
    assert entry.fields()["magnesium_mg"] == expected.nutrients["magnesium_mg"]
    assert (entry.kind, entry.time, entry.origin) == ("food", 8 * 60 + 15, "web")
    page = client.get(f"/log?date={TODAY.isoformat()}&logged={entry.id}").text
    mg = num(expected.nutrients["magnesium_mg"], 0, "mg")
    row = row_of(page, entry.id)
    assert "08:15" in row and "Almonds" in row and "30 g" in row and mg in row
    assert f'href="/log/entry/{entry.id}/edit"' in row
    assert f'action="/log/entry/{entry.id}/delete"' in row
    assert flash(page) == f"Logged: Almonds, 30 g — {mg} magnesium"


def test_a_chosen_suggestion_posts_the_food_id_and_a_portion(client: TestClient) -> None:
    data = {"food": "amandel", "food_id": "usda:12061", "amount": "1 oz (23 whole kernels)"}
    entry = only_entry(client, log(client, "food", data))
    expected = food_amount(db_of(client), "usda:12061", "1 oz (23 whole kernels)", False)
    assert entry.fields()["grams"] == expected.grams == pytest.approx(28.35)
    assert entry.fields()["magnesium_mg"] == expected.nutrients["magnesium_mg"]


def test_the_food_is_named_in_dutch_on_the_dutch_page(client: TestClient) -> None:
    entry = only_entry(client, log(client, "food", {"food": "amandelen", "amount": "30 g"}))
    page = client.get("/log", headers={"Accept-Language": "nl"}).text
    assert '<html lang="nl">' in page
    assert "Amandelen" in row_of(page, entry.id)


def test_a_bad_amount_is_a_field_error_and_nothing_is_stored(client: TestClient) -> None:
    response = log(client, "food", {"food": "almonds", "amount": "lots"})
    assert response.status_code == 422
    message = field_error(response.text, "food", "amount")
    assert message is not None and message.startswith("lots is not an amount")
    assert field_error(response.text, "food", "food") is None
    assert form_values(response.text, "log-food")["food"] == "almonds"  # kept to correct
    assert entries(client) == []
    unknown = log(client, "food", {"food": "qwxzzy", "amount": "30 g"})
    assert unknown.status_code == 422
    assert field_error(unknown.text, "food", "food") is not None
    assert entries(client) == []


def test_posts_without_the_csrf_token_are_refused(client: TestClient) -> None:
    client.get("/log")
    response = client.post(
        "/log/food", data={"food": "almonds", "amount": "30 g"}, follow_redirects=False
    )
    assert response.status_code == 403
    assert entries(client) == []


def test_a_supplement_stores_its_elemental_magnesium(client: TestClient, kb: KnowledgeBase) -> None:
    data = {"compound": "citrate", "dose_mg": "500", "basis": "compound", "time": "21:00"}
    entry = only_entry(client, log(client, "supplement", data))
    expected = supplement_detail(kb, "citrate", 500.0, None, basis="compound")
    assert entry.fields()["elemental_mg"] == expected["elemental_mg"]
    assert entry.fields()["compound"] == expected["compound"]
    page = client.get(f"/log?logged={entry.id}").text
    assert num(expected["elemental_mg"], 0, "mg") + " elemental magnesium" in flash(page)


@pytest.mark.parametrize(
    ("data", "compound", "given"),
    [
        ({"label": "Magnesium (as citrate) 200 mg"}, "citrate", ("label", 200.0)),
        ({"compound": "glycinate", "dose_mg": "100", "elemental": "1"}, "glycinate", None),
        ({"compound": "oxide", "dose_mg": "1.000", "basis": "compound"}, "oxide", None),
    ],
)
def test_a_label_line_or_an_elemental_dose_is_stored_too(
    client: TestClient,
    kb: KnowledgeBase,
    data: dict[str, str],
    compound: str,
    given: tuple[str, float] | None,
) -> None:
    entry = only_entry(client, log(client, "supplement", data, **{"Accept-Language": "en"}))
    if "label" in data:
        expected = supplement_detail(kb, None, None, data["label"])
    else:
        dose = 1.0 if data["dose_mg"] == "1.000" else float(data["dose_mg"])  # English page
        expected = supplement_detail(
            kb, compound, dose, None, basis=data.get("basis"), elemental="elemental" in data
        )
    assert entry.fields()["elemental_mg"] == pytest.approx(expected["elemental_mg"])
    assert entry.fields()["given_as"] == expected["given_as"]


def test_supplement_errors_land_on_their_fields(client: TestClient) -> None:
    both = log(client, "supplement", {"compound": "citrate", "dose_mg": "500", "label": "x"})
    assert field_error(both.text, "supplement", "label") is not None
    unknown = log(client, "supplement", {"compound": "unobtainium", "dose_mg": "500"})
    assert unknown.status_code == 422
    assert field_error(unknown.text, "supplement", "compound") is not None
    huge = log(
        client, "supplement", {"compound": "citrate", "dose_mg": "90000", "basis": "compound"}
    )
    assert huge.status_code == 422
    assert field_error(huge.text, "supplement", "dose_mg") is not None
    assert entries(client) == []


def test_a_medicine_needs_a_known_name_and_its_time(client: TestClient) -> None:
    no_time = log(client, "med", {"name": "levothyroxine", "time": ""})
    assert no_time.status_code == 422
    assert field_error(no_time.text, "med", "time") is not None
    unknown = log(client, "med", {"name": "frobnicol", "time": "07:00"})
    message = field_error(unknown.text, "med", "name")
    assert message is not None and "frobnicol" in message
    assert entries(client) == []
    entry = only_entry(client, log(client, "med", {"name": "levothyroxine", "time": "07:00"}))
    assert (entry.fields()["drug"], entry.time) == ("levothyroxine", 7 * 60)


@pytest.mark.parametrize(
    ("form", "data", "detail"),
    [
        (
            "symptom",
            {"symptom": "cramp", "severity": "6", "count": "2", "location": "calf", "night": "1"},
            {"symptom": "cramp", "severity": 6.0, "count": 2, "location": "calf", "night": True},
        ),
        ("symptom", {"symptom": "fatigue", "severity": "3"}, {"symptom": "fatigue", "count": None}),
        ("sleep", {"hours": "7,5", "quality": "6"}, {"hours": 7.5, "quality": 6.0}),
        (
            "training",
            {"activity": "running", "minutes": "45", "rpe": "7", "time": "18:00"},
            {"activity": "running", "minutes": 45.0, "rpe": 7.0},
        ),
        ("lab", {"value": "0,72", "unit": "mmol/L"}, {"value": 0.72, "value_mmol_l": 0.72}),
        ("lab", {"value": "1,9", "unit": "mg/dL"}, {"value": 1.9, "unit": "mg/dL"}),
    ],
)
def test_each_other_form_stores_its_values(
    client: TestClient, form: str, data: dict[str, str], detail: dict[str, Any]
) -> None:
    entry = only_entry(client, log(client, form, data))
    for key, value in detail.items():
        assert entry.fields()[key] == (pytest.approx(value) if isinstance(value, float) else value)
    page = client.get(f"/log?logged={entry.id}").text
    assert flash(page).startswith("Logged: ")
    assert row_of(page, entry.id)


def test_a_note_is_stored(client: TestClient) -> None:
    entry = only_entry(client, log(client, "note", {"note": "Slept badly after coffee."}))
    assert (entry.kind, entry.note) == ("note", "Slept badly after coffee.")
    empty = log(client, "note", {"note": "  "})
    assert empty.status_code == 422 and field_error(empty.text, "note", "note") is not None


@pytest.mark.parametrize(
    ("form", "data", "field"),
    [
        ("symptom", {"symptom": "cramp", "severity": "11"}, "severity"),
        ("symptom", {"symptom": "headache", "count": "3"}, "count"),
        ("symptom", {"symptom": "nausea"}, "symptom"),
        ("sleep", {"hours": "30"}, "hours"),
        ("sleep", {"hours": ""}, "hours"),
        ("training", {"activity": "", "minutes": "30"}, "activity"),
        ("lab", {"value": "50", "unit": "mmol/L"}, "value"),
        ("lab", {"value": "0,7", "unit": "g/L"}, "unit"),
        ("food", {"food": "almonds", "amount": "30 g", "time": "25:00"}, "time"),
    ],
)
def test_wrong_values_are_field_errors(
    client: TestClient, form: str, data: dict[str, str], field: str
) -> None:
    response = log(client, form, data)
    assert response.status_code == 422
    assert field_error(response.text, form, field) is not None
    assert entries(client) == []


def test_a_day_in_the_future_logs_nothing(client: TestClient) -> None:
    later = (TODAY + timedelta(days=5)).isoformat()
    response = client.post(
        "/log/note",
        data={"csrf_token": local_csrf(client), "date": later, "note": "later"},
        follow_redirects=False,
    )
    assert response.status_code == 422
    assert "is in the future" in html.unescape(response.text)
    assert client.get(f"/log?date={later}").status_code == 422


def test_an_entry_is_edited(client: TestClient) -> None:
    entry = only_entry(client, log(client, "food", {"food": "almonds", "amount": "30 g"}))
    page = client.get(f"/log/entry/{entry.id}/edit").text
    shown = form_values(page, "edit-entry")
    assert (shown["amount"], shown["date"]) == ("30 g", TODAY.isoformat())
    response = client.post(
        f"/log/entry/{entry.id}/edit",
        data={**shown, "amount": "60 g", "time": "12:30", "note": "lunch"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert parse_qs(urlsplit(response.headers["location"]).query)["saved"] == [str(entry.id)]
    (edited,) = entries(client)
    expected = food_amount(db_of(client), "almonds", "60 g", remember=False)
    assert edited.fields()["magnesium_mg"] == expected.nutrients["magnesium_mg"]
    assert (edited.fields()["grams"], edited.time, edited.note) == (60.0, 12 * 60 + 30, "lunch")
    saved = client.get(response.headers["location"]).text
    assert flash(saved).startswith("Saved: Almonds, 60 g")


def test_an_edit_moves_a_supplement_and_changes_its_dose(
    client: TestClient, kb: KnowledgeBase
) -> None:
    data = {"compound": "citrate", "dose_mg": "500", "basis": "compound"}
    entry = only_entry(client, log(client, "supplement", data))
    shown = form_values(client.get(f"/log/entry/{entry.id}/edit").text, "edit-entry")
    assert (shown["dose_mg"], shown["basis"]) == ("500", "compound")
    yesterday = TODAY - timedelta(days=1)
    response = client.post(
        f"/log/entry/{entry.id}/edit",
        data={**shown, "dose_mg": "250", "date": yesterday.isoformat()},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert entries(client) == []
    (moved,) = entries(client, yesterday)
    assert (
        moved.fields()["elemental_mg"]
        == supplement_detail(kb, "citrate", 250, None, basis="compound")["elemental_mg"]
    )


def test_a_wrong_edit_is_a_field_error_and_changes_nothing(client: TestClient) -> None:
    entry = only_entry(client, log(client, "food", {"food": "almonds", "amount": "30 g"}))
    shown = form_values(client.get(f"/log/entry/{entry.id}/edit").text, "edit-entry")
    response = client.post(
        f"/log/entry/{entry.id}/edit", data={**shown, "amount": "lots"}, follow_redirects=False
    )
    assert response.status_code == 422
    assert 'id="f-amount" name="amount" type="text" value="lots"' in response.text
    assert re.search(r'id="f-amount"[^>]*aria-invalid="true"', response.text)
    assert entries(client) == [entry]
    med = only_entry_of(client, log(client, "med", {"name": "levothyroxine", "time": "07:00"}))
    shown = form_values(client.get(f"/log/entry/{med.id}/edit").text, "edit-entry")
    no_time = client.post(f"/log/entry/{med.id}/edit", data={**shown, "time": ""})
    assert no_time.status_code == 422
    assert re.search(r'id="f-time"[^>]*aria-invalid="true"', no_time.text)


def only_entry_of(client: TestClient, response: Response) -> Entry:
    assert response.status_code == 303
    entry_id = int(parse_qs(urlsplit(response.headers["location"]).query)["logged"][0])
    return next(e for e in entries(client) if e.id == entry_id)


def test_an_entry_is_deleted(client: TestClient) -> None:
    entry = only_entry(client, log(client, "note", {"note": "to delete"}))
    response = client.post(
        f"/log/entry/{entry.id}/delete",
        data={"csrf_token": local_csrf(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert entries(client) == []
    page = client.get(response.headers["location"]).text
    assert flash(page).startswith("The entry was deleted.")
    # Undo puts it back as it was; the token cannot be forged or changed.
    token = re.search(r'name="undo" value="([^"]+)"', page)
    assert token is not None
    back = client.post(
        "/log/undo",
        data={"csrf_token": local_csrf(client), "undo": token.group(1), "date": "2024-01-01"},
        follow_redirects=False,
    )
    assert back.status_code == 303
    (restored,) = entries(client)
    assert (restored.kind, restored.note, restored.day) == ("note", "to delete", entry.day)
    forged = token.group(1)[:-4] + "0000"
    client.post(
        "/log/undo", data={"csrf_token": local_csrf(client), "undo": forged, "date": "2024-01-01"}
    )
    assert len(entries(client)) == 1
    refused = client.post(f"/log/entry/{entry.id}/delete", data={}, follow_redirects=False)
    assert refused.status_code == 403


def _someone_elses_entry(db: Database, kb: KnowledgeBase, owner: str, profile: str) -> Entry:
    set_profile(db, kb, profile, ProfileChanges(age=30, sex="male"), TODAY, owner)
    when = When(profile=profile, day=TODAY, time=None, owner=owner)
    return log_food(db, when, "almonds", "30 g")


@pytest.mark.parametrize(("owner", "profile"), [("bob", "default"), (LOCAL_USER, "other")])
def test_another_users_or_profiles_entry_is_not_found(
    client: TestClient, kb: KnowledgeBase, owner: str, profile: str
) -> None:
    theirs = _someone_elses_entry(db_of(client), kb, owner, profile)
    token = local_csrf(client)
    assert client.get(f"/log/entry/{theirs.id}/edit").status_code == 404
    edit = client.post(f"/log/entry/{theirs.id}/edit", data={"csrf_token": token, "note": "x"})
    delete = client.post(f"/log/entry/{theirs.id}/delete", data={"csrf_token": token})
    assert (edit.status_code, delete.status_code) == (404, 404)
    assert "This page does not exist." in delete.text
    left = list_entries(db_of(client), profile, TODAY, TODAY, owner=owner)[1]
    assert left == [theirs]
    assert client.get("/log/entry/99999/edit").status_code == 404


def test_dutch_page_and_dutch_decimals(client: TestClient) -> None:
    set_language("en")
    response = log(client, "sleep", {"hours": "7,4"}, **{"Accept-Language": "nl"})
    entry = only_entry(client, response)
    assert entry.fields()["hours"] == 7.4
    page = client.get(f"/log?logged={entry.id}", headers={"Accept-Language": "nl"}).text
    assert "7,4\u00a0h" in row_of(page, entry.id)  # Babel: the Dutch comma


def test_in_multi_user_mode_each_person_logs_and_sees_only_their_own(
    multi_app: FastAPI, signed_up: Callable[[TestClient, str], str]
) -> None:
    with TestClient(multi_app) as alice, TestClient(multi_app) as bob:
        tokens = {"alice": signed_up(alice, "alice"), "bob": signed_up(bob, "bob")}
        for client, name in ((alice, "alice"), (bob, "bob")):
            made = client.post(
                "/onboarding",
                data={"csrf_token": tokens[name], "age": "40", "sex": "female"},
                follow_redirects=False,
            )
            assert made.status_code == 303, made.text
        logged = alice.post(
            "/log/food",
            data={"csrf_token": tokens["alice"], "food": "almonds", "amount": "30 g"},
            follow_redirects=False,
        )
        assert logged.status_code == 303
        (entry,) = list_entries(db_of(alice), "default", TODAY, TODAY, owner="alice")[1]
        assert f'data-entry-id="{entry.id}"' in alice.get("/log").text
        assert "data-entry-id" not in bob.get("/log").text
        assert bob.get(f"/log/entry/{entry.id}/edit").status_code == 404
        delete = bob.post(f"/log/entry/{entry.id}/delete", data={"csrf_token": tokens["bob"]})
        assert delete.status_code == 404
        stolen = bob.post(f"/log/entry/{entry.id}/delete", data={"csrf_token": tokens["alice"]})
        assert stolen.status_code == 403  # another session's token is no token
        assert list_entries(db_of(alice), "default", TODAY, TODAY, owner="alice")[1] == [entry]


@pytest.mark.parametrize(
    ("query", "status", "shows"),
    [
        ("", 200, None),
        ("copied=3", 200, "Copied 3 entries to this day."),
        ("copied=1", 200, "Copied 1 entry to this day."),
        ("copied=%203%20", 200, "Copied 3 entries to this day."),
        ("deleted=7", 200, "The entry was deleted."),
        ("favourite=saved", 200, "Saved as a favourite: one tap logs it."),
        ("failed=copy", 200, "Nothing to copy: that day has no foods or supplements."),
        ("copied=-1", 422, None),
        ("copied=10001", 422, None),
        ("copied=three", 422, None),
        ("deleted=2147483648", 422, None),
        ("logged=x", 422, None),
        ("saved=1.5", 422, None),
        ("failed=" + "x" * 21, 422, None),
        ("undo=" + "u" * 8001, 422, None),
        ("meal=" + "m" * 65, 422, None),
        ("food=" + "f" * 201, 422, None),
        ("scanned=" + "1" * 41, 422, None),
    ],
)
def test_the_query_string_is_bounded_and_read(
    client: TestClient, query: str, status: int, shows: str | None
) -> None:
    """The Log page reads its query by hand (log_view.log_query), bounded as before: a value
    out of bounds is a 422 page, a good one shows its message."""
    response = client.get(f"/log?{query}")
    assert response.status_code == status
    if status == 422:
        assert "The request could not be read." in response.text
    if shows is not None:
        assert html.escape(shows) in response.text
