"""The Log page's "Body weight" form (issue 17), in the "More to log" block: it stores what
`mgcoach log weight` would (a decimal comma too), the day's targets follow at once, errors land
on the kg field in the page's language with nothing stored, and the entry is edited and
deleted like any other."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from mgcoach.journal.model import WeightEntry
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.day import day_report
from mgcoach.storage.journal import LOCAL_USER
from tests.web.test_pages_log import (
    TODAY,
    client,  # noqa: F401 - the fixture: the local site with a profile (no weight)
    entries,
    field_error,
    flash,
    log,
    only_entry,
    row_of,
)
from tests.web.test_pages_onboarding import db_of, form_values


def _protein_target(site: TestClient, kb: KnowledgeBase) -> float | None:
    report = day_report(db_of(site), kb, "default", TODAY, LOCAL_USER)
    return report.nutrient("protein_g").target


def test_the_form_is_in_more_to_log(client: TestClient) -> None:  # noqa: F811
    page = client.get("/log").text
    more = page[page.index('<details class="more-forms"') :]
    assert '<form id="log-weight" method="post" action="/log/weight"' in more
    values = form_values(page, "log-weight")
    assert set(values) >= {"csrf_token", "date", "kg", "time"}
    assert values["date"] == TODAY.isoformat()
    assert re.search(r'<label for="weight-kg">Weight \(kg\)</label>', page)


@pytest.mark.parametrize("typed", ["72,5", "72.5", " 72,5 "])
def test_a_weight_is_stored_and_the_targets_follow(
    client: TestClient,  # noqa: F811
    kb: KnowledgeBase,
    typed: str,
) -> None:
    assert _protein_target(client, kb) is None  # the profile has no weight
    entry = only_entry(client, log(client, "weight", {"kg": typed, "time": "07:15"}))
    assert isinstance(entry, WeightEntry)
    assert (entry.kg, entry.time, entry.origin) == (72.5, 7 * 60 + 15, "web")
    assert _protein_target(client, kb) == pytest.approx(0.8 * 72.5)
    page = client.get(f"/log?logged={entry.id}").text
    assert flash(page) == "Logged: Weight, 72.5\u00a0kg"
    assert "72.5\u00a0kg" in row_of(page, entry.id)


@pytest.mark.parametrize(
    ("language", "typed", "message"),
    [
        ("en", "", "Give your weight in kg, e.g. 72.5."),
        ("en", "4000", "A body weight is from 0.5 to 400 kg, not 4,000."),
        ("en", "0,2", "A body weight is from 0.5 to 400 kg, not 0.2."),
        ("nl", "", "Geef uw gewicht in kg op, bijvoorbeeld 72,5."),
        ("nl", "4000", "Een lichaamsgewicht ligt tussen 0,5 en 400 kg, niet 4.000."),
    ],
)
def test_a_wrong_weight_is_an_error_on_its_field(
    client: TestClient,  # noqa: F811
    language: str,
    typed: str,
    message: str,
) -> None:
    response = log(client, "weight", {"kg": typed}, **{"Accept-Language": language})
    assert response.status_code == 422
    assert field_error(response.text, "weight", "kg") == message
    assert '<details class="more-forms" open>' in response.text  # the form is shown open
    assert entries(client) == []


def test_not_a_number_is_an_error_and_stores_nothing(client: TestClient) -> None:  # noqa: F811
    response = log(client, "weight", {"kg": "heavy"})
    assert response.status_code == 422
    assert field_error(response.text, "weight", "kg")
    assert form_values(response.text, "log-weight")["kg"] == "heavy"  # kept to correct
    assert entries(client) == []


def test_a_weight_is_edited_and_deleted(client: TestClient, kb: KnowledgeBase) -> None:  # noqa: F811
    entry = only_entry(client, log(client, "weight", {"kg": "80"}))
    page = client.get(f"/log/entry/{entry.id}/edit").text
    shown = form_values(page, "edit-entry")
    assert shown["kg"] == "80"
    wrong = client.post(f"/log/entry/{entry.id}/edit", data={**shown, "kg": "1000"})
    assert wrong.status_code == 422 and "kg" in wrong.text
    assert entries(client) == [entry]
    response = client.post(
        f"/log/entry/{entry.id}/edit", data={**shown, "kg": "78,4"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert parse_qs(urlsplit(response.headers["location"]).query)["saved"] == [str(entry.id)]
    (edited,) = entries(client)
    assert isinstance(edited, WeightEntry) and edited.kg == 78.4
    assert _protein_target(client, kb) == pytest.approx(0.8 * 78.4)
    gone = client.post(f"/log/entry/{entry.id}/delete", data={"csrf_token": shown["csrf_token"]})
    assert gone.status_code == 200 and entries(client) == []
    assert _protein_target(client, kb) is None
