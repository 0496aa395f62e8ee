"""The Log page asks, and never guesses, whether a supplement's number is the magnesium itself or
the whole tablet (magnesium-facts.md §3.2): the form comes back with the question, the typed
values and nothing stored; the answer stores that reading; the edit page corrects it."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from mgcoach.i18n import N_
from mgcoach.knowledge import KnowledgeBase
from tests.web.test_pages_log import (  # noqa: F401
    client,
    entries,
    field_error,
    log,
    only_entry,
    supplement_detail,
)
from tests.web.test_pages_onboarding import form_values, in_dutch

QUESTION = 'id="supplement-basis"'


def question_of(page: str) -> dict[str, str]:
    """The question's legend, hint, error and its two choices (value -> label text)."""
    found = re.search(r'<fieldset id="supplement-basis".*?</fieldset>', page, re.S)
    assert found, "no question on the page"
    block = found.group(0)

    def text(pattern: str) -> str:
        match = re.search(pattern, block, re.S)
        return html.unescape(re.sub(r"[ \t\r\n]+", " ", match.group(1))).strip() if match else ""

    choices = {
        key: text(rf'<label for="supplement-basis-{key}">(.*?)</label>')
        for key in ("elemental", "compound")
    }
    checked = re.findall(r'type="radio" value="(\w+)" checked', block)
    return {
        "legend": text(r"<legend>(.*?)</legend>"),
        "hint": text(r'<small id="supplement-basis-hint" class="hint">(.*?)</small>'),
        "error": text(r'<small id="supplement-basis-error"[^>]*>(.*?)</small>'),
        "checked": ",".join(checked),
        **choices,
    }


@pytest.mark.parametrize(
    ("data", "legend", "as_elemental", "as_compound"),
    [
        pytest.param(
            {"compound": "glycinate", "dose_mg": "200"},
            "Is 200\u00a0mg the magnesium itself, or the whole tablet?",
            "200\u00a0mg",
            "28\u00a0mg",
            id="bare-glycinate-200",
        ),
        pytest.param(
            {"label": "Magnesium glycinate 500 mg"},
            "Is 500\u00a0mg the magnesium itself, or the whole tablet?",
            "500\u00a0mg",
            "70\u00a0mg",
            id="ambiguous-label",
        ),
        pytest.param(
            {"label": "magnesium oxide 0.5 g"},
            "Is 0.5\u00a0g the magnesium itself, or the whole tablet?",
            "500\u00a0mg",
            "302\u00a0mg",
            id="grams-label",
        ),
    ],
)
def test_an_ambiguous_number_is_asked_with_both_readings_and_nothing_is_stored(
    client: TestClient,  # noqa: F811
    data: dict[str, str],
    legend: str,
    as_elemental: str,
    as_compound: str,
) -> None:
    response = log(client, "supplement", {**data, "time": "21:00"})
    assert response.status_code == 422
    asked = question_of(response.text)
    assert asked["legend"] == legend
    assert asked["elemental"] == f"The magnesium itself: {as_elemental} magnesium"
    assert asked["compound"].startswith("The whole tablet of ")
    assert asked["compound"].endswith(f": {as_compound} magnesium")
    amount = legend.removeprefix("Is ").split(" the ")[0]
    assert asked["hint"] == (
        f"Look for 'magnesium {amount}' or 'of which magnesium' on the label: "
        "that is the magnesium itself."
    )
    assert asked["error"] and asked["checked"] == ""
    assert 'aria-describedby="supplement-basis-hint supplement-basis-error"' in response.text
    kept = form_values(response.text, "log-supplement")
    assert {k: kept[k] for k in data} == data and kept["time"] == "21:00"
    assert "supplement-elemental" not in response.text  # the radios replace the checkbox
    assert entries(client) == []


@pytest.mark.parametrize(
    ("basis", "elemental_mg"),
    [("elemental", 200.0), ("compound", pytest.approx(28.19, abs=0.01))],
)
def test_the_answer_stores_that_reading(
    client: TestClient,  # noqa: F811
    kb: KnowledgeBase,
    basis: str,
    elemental_mg: object,
) -> None:
    asked = log(client, "supplement", {"compound": "glycinate", "dose_mg": "200"})
    assert asked.status_code == 422
    answered = log(
        client, "supplement", {"compound": "glycinate", "dose_mg": "200", "basis": basis}
    )
    entry = only_entry(client, answered)
    assert entry.fields()["elemental_mg"] == elemental_mg
    assert (entry.fields()["basis"], entry.fields()["given_as"]) == (basis, basis)
    expected = supplement_detail(kb, "glycinate", 200.0, None, basis=basis)
    assert {key: entry.fields()[key] for key in expected} == expected


def test_a_clear_label_is_stored_at_once(client: TestClient) -> None:  # noqa: F811
    for line in (
        "Magnesium citrate 1000 mg, of which magnesium 160 mg",
        "Magnesium (as bisglycinate) 200 mg",
        "waarvan magnesium 150 mg",
    ):
        response = log(client, "supplement", {"label": line})
        assert response.status_code == 303, line
        assert QUESTION not in client.get(response.headers["location"]).text
    stored = sorted(e.fields()["elemental_mg"] for e in entries(client))
    assert stored == [150.0, 160.0, 200.0]
    assert {e.fields()["basis"] for e in entries(client)} == {"elemental"}


def test_the_elemental_box_still_answers(client: TestClient) -> None:  # noqa: F811
    data = {"compound": "glycinate", "dose_mg": "100", "elemental": "1"}
    entry = only_entry(client, log(client, "supplement", data))
    assert (entry.fields()["elemental_mg"], entry.fields()["basis"]) == (100.0, "elemental")


def test_an_answer_is_kept_when_another_field_is_wrong(client: TestClient) -> None:  # noqa: F811
    data = {"compound": "glycinate", "dose_mg": "200", "basis": "compound", "time": "25:00"}
    response = log(client, "supplement", data)
    assert response.status_code == 422
    assert field_error(response.text, "supplement", "time") is not None
    asked = question_of(response.text)
    assert (asked["checked"], asked["error"]) == ("compound", "")
    assert entries(client) == []


def test_a_label_that_states_the_magnesium_refuses_the_tablet_reading(
    client: TestClient,  # noqa: F811
) -> None:
    data = {"label": "Magnesium (as citrate) 200 mg", "basis": "compound"}
    response = log(client, "supplement", data)
    assert response.status_code == 422
    assert "is the magnesium itself" in question_of(response.text)["error"]
    assert entries(client) == []


def test_the_dutch_page_asks_in_dutch_with_dutch_numbers(client: TestClient) -> None:  # noqa: F811
    response = log(
        client, "supplement", {"label": "Magnesiumoxide 0,5 g"}, **{"Accept-Language": "nl"}
    )
    assert response.status_code == 422 and '<html lang="nl">' in response.text
    asked = question_of(response.text)
    legend = N_("Is {amount} the magnesium itself, or the whole tablet?")
    assert asked["legend"] == in_dutch(legend, amount="0,5\u00a0g")
    mg = in_dutch(N_("The magnesium itself: {mg} magnesium"), mg="500\u00a0mg")
    assert asked["elemental"] == mg
    assert asked["error"] == in_dutch(N_("Choose one of the two: the label does not say which."))


def _edit_form(site: TestClient, entry_id: int) -> str:
    return site.get(f"/log/entry/{entry_id}/edit").text


def test_the_edit_page_corrects_the_basis(client: TestClient) -> None:  # noqa: F811
    data = {"compound": "glycinate", "dose_mg": "200", "basis": "compound"}
    entry = only_entry(client, log(client, "supplement", data))
    page = _edit_form(client, entry.id)
    shown = form_values(page, "edit-entry")
    assert (shown["dose_mg"], shown["basis"]) == ("200", "compound")
    assert "In mg of the whole tablet (the compound)." in page
    saved = client.post(
        f"/log/entry/{entry.id}/edit",
        data={**shown, "basis": "elemental"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    (edited,) = entries(client)
    assert (edited.fields()["elemental_mg"], edited.fields()["basis"]) == (200.0, "elemental")
    assert form_values(_edit_form(client, entry.id), "edit-entry")["basis"] == "elemental"


def test_the_edit_page_offers_no_basis_for_a_label_that_states_it(
    client: TestClient,  # noqa: F811
) -> None:
    response = log(client, "supplement", {"label": "Magnesium (as citrate) 200 mg"})
    (entry,) = entries(client)
    assert response.status_code == 303
    assert 'name="basis"' not in _edit_form(client, entry.id)
