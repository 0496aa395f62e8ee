"""Onboarding, part two: one row per medicine (name, times, and how often when not daily),
"Add another medicine" without JavaScript, free text in a row or in the text box, why the
person came (reasons), and a failed save that puts the focus on an error summary of links."""

from __future__ import annotations

import html
from datetime import date

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcoach.journal.frequency import parse_frequency
from mgcoach.journal.model import Medicine
from mgcoach.services.journal import list_profiles, show_profile
from mgcoach.storage.journal import LOCAL_USER
from tests.web.conftest import LOCAL_API_HEADERS
from tests.web.html_checks import (
    Element,
    assert_ids_sound,
    autofocused,
    element,
    read,
    summary_links,
)
from tests.web.test_pages_onboarding import (
    VALID,
    db_of,
    field_error,
    form_data,
    post,
)

API = "/api/v1"
# The form as the page posts it: rows instead of the text box (which is posted empty).
BASE = {k: v for k, v in VALID.items() if k != "meds"} | {"meds": "", "reasons_shown": "1"}


def rows(*given: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
    """Row fields med-I-PART for each row given, plus one empty row as the page has."""
    data: dict[str, str | list[str]] = {}
    for index, row in enumerate([*given, {"name": ""}]):
        data |= {f"med-{index}-{part}": value for part, value in row.items()}
    return data


def medicines(client: TestClient) -> list[tuple[str, tuple[int, ...], str]]:
    person = show_profile(db_of(client), "default", LOCAL_USER)
    return [(m.name, m.times, m.frequency.spec) for m in person.medicines]


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


# -- rows --------------------------------------------------------------------------------------


def test_a_new_person_sees_empty_rows_and_the_known_names(local_client: TestClient) -> None:
    page = local_client.get("/onboarding").text
    shown = form_data(page, "onboarding-form")
    assert (shown["med-0-name"], shown["med-0-times"], shown["med-1-name"]) == ("", "", "")
    assert "med-2-name" not in shown
    assert element(page, "f-med-0-name").attrs["list"] == "medicine-names"
    names = page[page.index('<datalist id="medicine-names">') : page.index("</datalist>")]
    assert '<option value="omeprazole">' in names  # English generic
    assert '<option value="omeprazol">' in names  # Dutch generic
    assert '<option value="Losec" label="omeprazole / omeprazol">' in names  # brand
    assert "http" not in names  # nothing fetched from elsewhere
    assert '<button type="submit" id="add-med-row" name="add_row" value="1"' in page
    assert_ids_sound(page)


def test_rows_are_stored_in_their_order_with_their_times_and_days(
    local_client: TestClient,
) -> None:
    data = BASE | rows(
        {"name": "levothyroxine", "times": "07:00"},
        {"name": "metformin", "times": "8:00 and 20:00"},
        {"name": "omeprazole 07:30"},  # the times typed with the name
        {"name": "alendronate", "times": "07:00", "day": "mon"},
        {"name": "ciprofloxacin", "times": "08:00", "every": "3", "start": "2026-12-01"},
        {"name": "Losec", "times": "7u30"},  # a brand of omeprazole, already on row 3
    )
    response = post(local_client, data)
    assert response.status_code == 422
    assert field_error(response.text, "med-5-name") == (
        "omeprazole is already on another row: give all its times on one row."
    )
    data = BASE | rows(
        {"name": "levothyroxine", "times": "07:00"},
        {"name": "metformin", "times": "8:00 and 20:00"},
        {"name": "omeprazole 07:30"},
        {"name": "alendronate", "times": "07:00", "day": ["thu", "mon"]},
        {"name": "ciprofloxacin", "times": "08:00", "every": "3", "start": "2026-12-01"},
        {"name": "", "times": ""},  # an empty row in between is skipped
        {"name": "Nexium 20:00"},
    )
    assert post(local_client, data).status_code == 303
    assert medicines(local_client) == [
        ("levothyroxine", (hm("07:00"),), "daily"),
        ("metformin", (hm("08:00"), hm("20:00")), "daily"),
        ("omeprazole", (hm("07:30"),), "daily"),
        ("alendronate", (hm("07:00"),), "weekly:mon,thu"),
        ("ciprofloxacin", (hm("08:00"),), "every:3d:2026-12-01"),
        ("Nexium", (hm("20:00"),), "daily"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "omeprazole 07:30",
        "Omeprazol 7:30",
        "omeprazole@07:30",
        "omeprazole at 7:30",
        "omeprazol om 7u30",
    ],
)
@pytest.mark.parametrize("where", ["row", "text-box"])
def test_free_text_in_a_row_or_in_the_text_box(
    local_client: TestClient, text: str, where: str
) -> None:
    data = BASE | (rows({"name": text}) if where == "row" else rows() | {"meds": text})
    assert post(local_client, data).status_code == 303
    [(name, times, often)] = medicines(local_client)
    assert (name.lower().rstrip("e"), times, often) == ("omeprazol", (hm("07:30"),), "daily")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("levothyroxine 7u30", [("levothyroxine", ("07:30",))]),
        ("metformin 08:00 and 20:00", [("metformin", ("08:00", "20:00"))]),
        (
            "levothyroxine@07:00\nciprofloxacin 08:00, 20:00\nmetformine 8:00 en 20:00",
            [
                ("levothyroxine", ("07:00",)),
                ("ciprofloxacin", ("08:00", "20:00")),
                ("metformine", ("08:00", "20:00")),
            ],
        ),
    ],
)
def test_the_text_box_takes_free_text_lines(
    local_client: TestClient, text: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    """The older form's text box: free text and NAME@HH:MM alike, also from a post without
    rows (a script of before)."""
    assert post(local_client, {**VALID, "meds": text}).status_code == 303
    person = show_profile(db_of(local_client), "default", LOCAL_USER)
    assert person.medicines == tuple(
        Medicine(name, tuple(hm(t) for t in times)) for name, times in expected
    )


def test_rows_come_before_the_lines_of_the_text_box(local_client: TestClient) -> None:
    data = BASE | rows({"name": "levothyroxine", "times": "07:00"}) | {"meds": "metformin 20:00"}
    assert post(local_client, data).status_code == 303
    assert [name for name, *_rest in medicines(local_client)] == ["levothyroxine", "metformin"]


@pytest.mark.parametrize(
    ("given", "field", "expected"),
    [
        pytest.param([{"name": "frobnicol", "times": "08:00"}], "med-0-name", "frobnicol",
                     id="unknown-medicine"),
        pytest.param([{"name": "aspirin 80"}], "med-0-name", "aspirin 80", id="dose-not-time"),
        pytest.param([{"name": "omeprazole", "times": "25:00"}], "med-0-times",
                     "25:00 is not a clock time", id="bad-time"),
        pytest.param([{"name": "omeprazole", "times": "morning"}], "med-0-times",
                     "morning is not a clock time", id="no-time"),
        pytest.param([{"name": "omeprazole 07:30", "times": "7:30"}], "med-0-times",
                     "omeprazole: the same time is given twice.", id="same-time-twice"),
        pytest.param([{"name": "", "times": "07:30"}], "med-0-name",
                     "Name the medicine, or clear this row.", id="times-without-name"),
        pytest.param([{"name": "alendronate", "day": "mon", "every": "3"}], "med-0-every",
                     "Tick days of the week or give every how many days, not both.",
                     id="days-and-every"),
        pytest.param([{"name": "alendronate", "every": "x"}], "med-0-every",
                     "Give every how many days as a whole number from 1 to 365.",
                     id="every-not-a-number"),
        pytest.param([{"name": "alendronate", "start": "2026-12-01"}], "med-0-every",
                     "Give every how many days, or clear the start date.", id="start-alone"),
        pytest.param([{"name": "alendronate", "every": "3", "start": "1-12-2026"}], "med-0-start",
                     "Give the first day as YYYY-MM-DD.", id="bad-start"),
        pytest.param([{"name": "alendronate", "day": "someday"}], "med-0-days",
                     "weekly:someday is not a frequency", id="bad-weekday"),
        pytest.param([{"name": "levothyroxine", "times": "07:00"},
                      {"name": "Euthyrox", "times": "08:00"}], "med-1-name",
                     "levothyroxine is already on another row", id="twice-by-brand"),
    ],
)  # fmt: skip
def test_a_row_error_lands_on_its_field_and_nothing_is_stored(
    local_client: TestClient, given: list[dict[str, str]], field: str, expected: str
) -> None:
    response = post(local_client, BASE | rows(*given))
    assert response.status_code == 422, response.text
    page = response.text
    if field.endswith("-days"):
        box = element(page, f"f-{field.removesuffix('-days')}-day-mon").attrs
        assert box["aria-invalid"] == "true"
        assert expected in element_text(page, f"e-{field}")
        assert 'class="med-often" open' in page  # the days are shown, not folded away
    else:
        message = field_error(page, field)
        assert message is not None and expected in message, message
        assert f"e-{field}" in element(page, f"f-{field}").attrs["aria-describedby"]
    assert summary_links(page) == [f"f-{field}" if "-days" not in field else "f-med-0-day-mon"]
    assert list_profiles(db_of(local_client), LOCAL_USER) == []
    shown = form_data(page, "onboarding-form")
    for index, row in enumerate(given):  # what was typed is shown again, on its row
        assert shown[f"med-{index}-name"] == row["name"]
    assert_ids_sound(page)


def test_a_medicine_in_a_row_and_in_the_text_box_is_one_too_many(
    local_client: TestClient,
) -> None:
    data = BASE | rows({"name": "levothyroxine", "times": "07:00"}) | {"meds": "Thyrax 08:00"}
    response = post(local_client, data)
    assert response.status_code == 422
    message = field_error(response.text, "meds")
    assert message == (
        "Line 1 (Thyrax 08:00): levothyroxine is listed twice; give its times on one line."
    )


def test_add_another_medicine_without_javascript(local_client: TestClient) -> None:
    """The button posts the form; the page comes back with what was typed, one empty row
    more, the focus in it, and nothing stored."""
    data = BASE | rows({"name": "levothyroxine", "times": "07:00"}) | {"add_row": "1"}
    response = post(local_client, data)
    assert response.status_code == 200
    page = response.text
    shown = form_data(page, "onboarding-form")
    assert (shown["med-0-name"], shown["med-0-times"], shown["age"]) == (
        "levothyroxine", "07:00", "40",
    )  # fmt: skip
    assert (shown["med-1-name"], shown["med-2-name"]) == ("", "")
    assert "med-3-name" not in shown
    assert [e.attrs.get("id") for e in autofocused(page)] == ["f-med-2-name"]
    assert 'class="error-summary"' not in page
    assert list_profiles(db_of(local_client), LOCAL_USER) == []
    assert_ids_sound(page)
    # again from the page as posted: one more each time, and saving keeps the one filled in
    again = post(local_client, form_data(page, "onboarding-form") | {"add_row": "1"})
    assert "med-3-name" in form_data(again.text, "onboarding-form")
    saved = post(local_client, form_data(again.text, "onboarding-form"))
    assert saved.status_code == 303
    assert medicines(local_client) == [("levothyroxine", (hm("07:00"),), "daily")]


def test_the_first_submit_button_saves(local_client: TestClient) -> None:
    """Enter in a field submits with the form's first submit button: it must save, not add
    a row."""
    page = local_client.get("/onboarding").text
    form = page[page.index('<form id="onboarding-form"') :]
    first = form[form.index("<button") : form.index("</button>")]
    assert 'type="submit"' in first and "name=" not in first


def test_editing_shows_the_medicines_in_rows_and_keeps_them(local_client: TestClient) -> None:
    meds = "alendronate@07:00/weekly:mon,thu\nciprofloxacin@08:00,20:00/every:3d:2026-12-01"
    assert post(local_client, {**VALID, "meds": meds, "reason": "soreness"}).status_code == 303
    before = show_profile(db_of(local_client), "default", LOCAL_USER)
    page = local_client.get("/onboarding").text
    shown = form_data(page, "onboarding-form")
    assert shown["med-0-day"] == ["mon", "thu"]
    assert (shown["med-1-times"], shown["med-1-every"]) == ("08:00, 20:00", "3")
    assert shown["reason"] == "soreness" and shown["meds"] == ""
    assert page.count('class="med-often" open') == 2
    assert post(local_client, shown).status_code == 303
    after = show_profile(db_of(local_client), "default", LOCAL_USER)
    assert (after.medicines, after.reasons) == (before.medicines, before.reasons)
    assert after.medicines[0].frequency == parse_frequency("weekly:mon,thu")


def test_a_post_without_rows_or_text_box_keeps_the_medicines(local_client: TestClient) -> None:
    assert post(local_client, {**VALID, "reason": "cramps"}).status_code == 303
    assert post(local_client, {"age": "41"}).status_code == 303
    person = show_profile(db_of(local_client), "default", LOCAL_USER)
    assert (len(person.medicines), person.reasons) == (2, ("cramps",))
    # empty rows and an empty text box remove them
    assert post(local_client, BASE | rows()).status_code == 303
    assert show_profile(db_of(local_client), "default", LOCAL_USER).medicines == ()


# -- reasons -----------------------------------------------------------------------------------


def test_reasons_are_stored_and_in_the_profile_json(local_client: TestClient) -> None:
    page = local_client.get("/onboarding").text
    assert [e.attrs["value"] for e in _boxes(page)] == [
        "cramps", "soreness", "poor_sleep", "check_intake",
    ]  # fmt: skip
    assert "Just checking my intake" in page and "Cramps (night cramps)" in page
    data = BASE | rows() | {"reason": ["poor_sleep", "cramps"]}
    assert post(local_client, data).status_code == 303
    person = show_profile(db_of(local_client), "default", LOCAL_USER)
    assert person.reasons == ("cramps", "poor_sleep")
    answer = local_client.get(f"{API}/profiles/default").json()
    assert answer["reasons"] == ["cramps", "poor_sleep"]
    ticked = [e.attrs["value"] for e in _boxes(local_client.get("/onboarding").text)
              if "checked" in e.attrs]  # fmt: skip
    assert ticked == ["cramps", "poor_sleep"]
    # none ticked: the form says so (reasons_shown), and the reasons go
    assert post(local_client, BASE | rows()).status_code == 303
    assert local_client.get(f"{API}/profiles/default").json()["reasons"] == []


def test_reasons_are_optional_and_checked(local_client: TestClient) -> None:
    assert post(local_client, BASE | rows()).status_code == 303
    assert show_profile(db_of(local_client), "default", LOCAL_USER).reasons == ()
    bad = post(local_client, BASE | rows() | {"age": "41", "reason": ["cramps", "zombies"]})
    assert bad.status_code == 422
    assert element(bad.text, "f-reason-cramps").attrs["aria-invalid"] == "true"
    assert "e-reasons" in element(bad.text, "reasons").attrs["aria-describedby"]
    assert "Unknown reason zombies" in element_text(bad.text, "e-reasons")
    assert summary_links(bad.text) == ["f-reason-cramps"]
    assert show_profile(db_of(local_client), "default", LOCAL_USER).age_years == 40


def test_the_profile_api_takes_reasons_and_medicines_as_typed(local_client: TestClient) -> None:
    body = {"age": 40, "sex": "female", "reasons": ["Sleep", "recovery"]}
    made = local_client.put(f"{API}/profiles/default", json=body, headers=LOCAL_API_HEADERS)
    assert made.status_code == 200, made.text
    assert made.json()["reasons"] == ["soreness", "poor_sleep"]
    kept = local_client.put(
        f"{API}/profiles/default", json={"weight_kg": 70}, headers=LOCAL_API_HEADERS
    )
    assert kept.json()["reasons"] == ["soreness", "poor_sleep"]
    wrong = local_client.put(
        f"{API}/profiles/default", json={"reasons": ["zombies"]}, headers=LOCAL_API_HEADERS
    )
    assert wrong.status_code == 422
    meds = {"meds": ["omeprazole 07:30", "metformin 08:00 and 20:00", "levothyroxine@07:00"]}
    typed = local_client.put(f"{API}/profiles/default", json=meds, headers=LOCAL_API_HEADERS)
    assert [(m["name"], m["times"]) for m in typed.json()["medications"]] == [
        ("omeprazole", ["07:30"]),
        ("metformin", ["08:00", "20:00"]),
        ("levothyroxine", ["07:00"]),
    ]


def _boxes(page: str) -> list[Element]:
    return [e for e in read(page).elements if e.attrs.get("name") == "reason"]


def element_text(page: str, ident: str) -> str:
    start = page.index(f'id="{ident}"')
    return html.unescape(page[page.index(">", start) + 1 : page.index("</", start)])


# -- ids and focus -----------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["new", "editing"])
def test_every_onboarding_page_has_sound_ids(local_client: TestClient, state: str) -> None:
    if state == "editing":
        assert post(local_client, {**VALID, "reason": "cramps"}).status_code == 303
    pages = [
        local_client.get("/onboarding").text,
        post(local_client, BASE | rows({"name": "x"}) | {"age": "x", "sex": "male",
                                                           "pregnant": "1"}).text,
        post(local_client, BASE | rows() | {"add_row": "1"}).text,
        local_client.get("/onboarding", headers={"Accept-Language": "nl"}).text,
    ]  # fmt: skip
    for page in pages:
        assert_ids_sound(page)


def test_a_failed_save_puts_the_focus_on_the_error_summary(local_client: TestClient) -> None:
    response = post(
        local_client, BASE | rows({"name": "frobnicol"}) | {"age": "x", "language": "fr"}
    )
    assert response.status_code == 422
    page = response.text
    summary = element(page, "error-summary").attrs
    assert summary["role"] == "alert" and summary["tabindex"] == "-1" and "autofocus" in summary
    assert [e.attrs.get("id") for e in autofocused(page)] == ["error-summary"]
    assert page.index('id="error-summary"') < page.index('<form id="onboarding-form"')
    # a link to each field with an error, in the page's order
    assert summary_links(page) == ["f-age", "f-med-0-name", "f-language"]
    assert_ids_sound(page)
    # the script focuses it too, where a browser does not honour autofocus on a div
    script = local_client.get("/static/onboarding.js").text
    assert 'getElementById("error-summary")' in script and ".focus()" in script
    # no summary, and nothing focused, on a page without errors
    fresh = local_client.get("/onboarding").text
    assert 'id="error-summary"' not in fresh and autofocused(fresh) == []


def test_the_error_summary_speaks_the_page_language(local_client: TestClient) -> None:
    response = post(local_client, BASE | rows() | {"age": "x", "language": "nl"})
    page = response.text
    assert '<html lang="nl">' in page
    assert "Verbeter de gemarkeerde velden hieronder." in page
    assert summary_links(page) == ["f-age"]


def test_the_stylesheet_of_the_rows_is_local(local_client: TestClient) -> None:
    page = local_client.get("/onboarding").text
    assert '<link rel="stylesheet" href="/static/onboarding.css">' in page
    assert local_client.get("/static/onboarding.css").status_code == 200


def test_stored_frequency_days_are_today_when_no_start_is_given(
    local_client: TestClient,
) -> None:
    data = BASE | rows({"name": "alendronate", "times": "07:00", "every": "7"})
    assert post(local_client, data).status_code == 303
    [(_name, _times, often)] = medicines(local_client)
    assert often == f"every:7d:{date.today().isoformat()}"


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
_ROW = st.fixed_dictionaries(
    {},
    optional={
        "name": st.one_of(_TEXT, st.sampled_from(["omeprazole 07:30", "Losec", "metformin"])),
        "times": st.one_of(_TEXT, st.sampled_from(["7u30", "08:00 and 20:00", "25:00"])),
        "day": st.lists(st.sampled_from(["mon", "sun", "xx", ""]), max_size=3),
        "every": st.one_of(_TEXT, st.sampled_from(["3", "0", "400"])),
        "start": st.one_of(_TEXT, st.sampled_from(["2026-12-01", "2026-13-01"])),
    },
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(_ROW, max_size=4),
    st.lists(st.sampled_from(["cramps", "sleep", "zombies", ""]), max_size=3),
    st.sampled_from([0, 1, 29, 30, 9999]),
    st.booleans(),
)
def test_any_rows_get_an_answer_and_sound_ids(
    local_client: TestClient,
    given_rows: list[dict[str, str | list[str]]],
    reasons: list[str],
    far_row: int,
    add: bool,
) -> None:
    """Whatever is typed in the rows (and a row number the page never makes), the page
    answers with the form again or saves; never a server error, never an id twice."""
    data = BASE | rows(*given_rows) | {"reason": reasons, f"med-{far_row}-name": "x"}
    response = post(local_client, data | ({"add_row": "1"} if add else {}))
    assert response.status_code in (200, 303, 422), response.text
    if response.status_code != 303:
        assert_ids_sound(response.text)
