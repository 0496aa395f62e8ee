"""Errors that know their field: a service's error names the input it is about
(``MgCoachError.fields``); the Log and Onboarding forms show it on that field, and the API
answers where the input is in ``loc``.

The two regression tables are the message -> form field tables the pages had before errors
knew their field (``SERVICE_FIELDS`` of pages/log.py and pages/onboarding.py): each message is
made by a real post and must still land on the same field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from mgcoach.errors import InputError, MgCoachError, UnknownNameError, about
from mgcoach.journal.model import ENTRY_TYPES
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.storage import journal as store
from mgcoach.storage.journal import LOCAL_USER
from mgcoach.web import forms
from mgcoach.web.pages import log as log_page
from mgcoach.web.pages import log_edit as log_edit_page
from mgcoach.web.pages import onboarding as onboarding_page
from mgcoach.web.pages import onboarding_form
from tests.web.conftest import local_csrf
from tests.web.test_pages_log import entries, log, only_entry
from tests.web.test_pages_onboarding import VALID, db_of, post

TODAY = date.today()
Errors = dict[str, Any]


@pytest.fixture
def client(local_client: TestClient, kb: KnowledgeBase) -> TestClient:
    set_profile(
        db_of(local_client), kb, "default", ProfileChanges(age=40, sex="female"), TODAY, LOCAL_USER
    )
    return local_client


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Errors]]:
    """The ``errors`` each page render of the Log and Onboarding pages was given."""
    seen: list[Errors] = []
    for module in (log_page, log_edit_page, onboarding_page):
        real = module.render

        def spy(*args: Any, _real: Any = real, **context: Any) -> Any:
            seen.append(context.get("errors") or {})
            return _real(*args, **context)

        monkeypatch.setattr(module, "render", spy)
    yield seen


def matches(text: str, msgid: str) -> bool:
    """Is ``text`` the English message ``msgid`` with its placeholders filled in?"""
    pattern = re.escape(msgid)
    pattern = re.sub(r"\\\{[a-z_]+\\\}", ".+", pattern)
    return re.fullmatch(pattern, text, re.S) is not None


# -- the Log page ------------------------------------------------------------------------------

Post = Callable[[TestClient, pytest.MonkeyPatch], Response]


def _form(form: str, **data: str) -> Post:
    return lambda client, _monkeypatch: log(client, form, data)


def _unchecked_future(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> Response:
    """A future day past the page's own check, so that the service refuses it."""
    monkeypatch.setattr(log_page, "day_of", lambda text: date.fromisoformat(str(text)))
    later = (TODAY + timedelta(days=5)).isoformat()
    return client.post(
        "/log/note",
        data={"csrf_token": local_csrf(client), "date": later, "note": "later"},
        follow_redirects=False,
    )


def _edit(make: Callable[[TestClient], int], **data: str) -> Post:
    """Post the edit form of the entry ``make`` stores, with ``data`` changed."""

    def run(client: TestClient, _monkeypatch: pytest.MonkeyPatch) -> Response:
        entry_id = make(client)
        page = client.get(f"/log/entry/{entry_id}/edit").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert csrf
        values = {name: "" for name in log_edit_page.EDIT_FIELDS}
        values |= {
            k: v for k, v in log_edit_page.edit_values(_entry(client, entry_id)).items() if v
        }
        return client.post(
            f"/log/entry/{entry_id}/edit",
            data={"csrf_token": csrf.group(1), **values, **data},
            follow_redirects=False,
        )

    return run


def _entry(client: TestClient, entry_id: int) -> Any:
    return next(e for e in entries(client) if e.id == entry_id)


def _logged(form: str, **data: str) -> Callable[[TestClient], int]:
    return lambda client: only_entry(client, log(client, form, data)).id


def _stored(kind: str, detail: dict[str, Any]) -> Callable[[TestClient], int]:
    """An entry as an import stores it (no food id, no compound)."""

    def make(client: TestClient) -> int:
        with db_of(client).begin() as connection:
            owner = store.user_id(connection, LOCAL_USER)
            assert owner is not None
            person = store.find_profile(connection, owner, "default")
            assert person is not None and person.id is not None
            stored = ENTRY_TYPES[kind].from_fields(detail, day=TODAY, origin="import")
            return store.add_entry(connection, person.id, stored)

    return make


IMPORTED_FOOD = {"food_id": None, "name": "Porridge", "amount_text": "1 bowl", "grams": None,
                 "item_kind": "food", "counted": True}  # fmt: skip
IMPORTED_SUPPLEMENT = {"name": "Magnesium", "compound": None, "label": "2 tablets",
                       "dose_mg": None, "elemental_mg": 120.0, "given_as": "import",
                       "basis": "elemental"}  # fmt: skip
TOO_LONG = "x" * 2001

# (message id of the old table, the form its error is on, the post that makes it, the field)
LOG_TABLE: list[Any] = [
    pytest.param("{date} is in the future: the journal records what happened.", "note",
                 _unchecked_future, "date", id="future"),
    pytest.param("{date} is too long ago for a journal entry.", "note",
                 lambda c, _m: log(c, "note", {"note": "x", "date": "1800-01-01"}), "date",
                 id="too-long-ago"),
    pytest.param("No food matches {query}. Try fewer or other words, in English or Dutch.",
                 "food", _form("food", food="qqxxzzvv", amount="30 g"), "food",
                 id="UnknownFoodError"),
    pytest.param("{text} is not an amount. Start with a number, for example 30 g or 1/2 cup.",
                 "food", _form("food", food="almonds", amount="lots"), "amount",
                 id="PortionError"),
    pytest.param("Unknown compound {name}. Did you mean: {matches}?", "supplement",
                 _form("supplement", compound="citrat", dose_mg="500", basis="compound"),
                 "compound", id="UnknownCompoundError"),
    pytest.param("Cannot read the label {label}: expected e.g. 'Magnesium (as citrate) 200 mg'.",
                 "supplement", _form("supplement", label="two pills"), "label",
                 id="LabelParseError"),
    pytest.param("Choose one of the two: the label does not say which.", "supplement",
                 _form("supplement", compound="citrate", dose_mg="500"), "basis",
                 id="AmbiguousDoseError"),
    pytest.param("Say compound or elemental, not {basis}.", "supplement",
                 _form("supplement", compound="citrate", dose_mg="500", basis="tablet"),
                 "basis", id="basis-word"),
    pytest.param("The dose is given both as the magnesium itself and as the whole compound: "
                 "give one.", "supplement",
                 _form("supplement", compound="citrate", dose_mg="500", basis="compound",
                       elemental="1"), "basis", id="basis-both"),
    pytest.param("The label says {amount} {unit} is the magnesium itself, so it cannot be read "
                 "as the whole tablet.", "supplement",
                 _form("supplement", label="Magnesium 200 mg (as citrate)", basis="compound"),
                 "basis", id="label-states-magnesium"),
    pytest.param("This entry names no compound, so its dose can only be the magnesium itself.",
                 "edit", _edit(_stored("supplement", IMPORTED_SUPPLEMENT), basis="compound"),
                 "basis", id="no-compound"),
    pytest.param("Mg Coach does not know the medicine {name}: check the spelling, or use its "
                 "generic name.",
                 "med", _form("med", name="frobnicol", time="07:00"), "name",
                 id="UnknownNameError"),
    pytest.param("The note is empty.", "edit",
                 _edit(_logged("note", note="A note."), note=""), "note", id="note-empty"),
    pytest.param("A note is at most {max} characters.", "note", _form("note", note=TOO_LONG),
                 "note", id="note-too-long"),
    pytest.param("A medicine entry needs its time.", "edit",
                 _edit(_logged("med", name="levothyroxine", time="07:00"), time=""), "time",
                 id="medicine-time"),
    pytest.param("Hours of sleep are more than 0 and at most 24, not {value}.", "sleep",
                 _form("sleep", hours="30"), "hours", id="sleep-hours"),
    pytest.param("Training minutes are more than 0 and at most {max}, not {value}.", "training",
                 _form("training", activity="running", minutes="5000"), "minutes",
                 id="training-minutes"),
    pytest.param("Name the training, e.g. running or strength.", "training",
                 _form("training", activity="", minutes="30"), "activity", id="training-name"),
    pytest.param("This entry has no weight in grams, so its amount cannot be changed.", "edit",
                 _edit(_stored("food", IMPORTED_FOOD), amount="200 g"), "amount",
                 id="no-grams"),
]  # fmt: skip


@pytest.mark.parametrize(("msgid", "form", "make", "field"), LOG_TABLE)
def test_each_message_of_the_old_log_table_lands_on_the_same_field(
    client: TestClient,
    monkeypatch: pytest.MonkeyPatch,
    shown: list[Errors],
    msgid: str,
    form: str,
    make: Post,
    field: str,
) -> None:
    before = {e.id for e in entries(client)}
    response = make(client, monkeypatch)
    assert response.status_code == 422, response.text
    errors = shown[-1] if form == "edit" else shown[-1][form]
    assert set(errors) == {field}, errors
    assert matches(errors[field], msgid), errors[field]
    page = response.text
    if field == "date" and form != "edit":  # the day's error is in the summary, focusable
        summary = r'class="error-summary" role="alert" tabindex="-1">.*?<p>[^<]+</p>'
        assert re.search(summary, page, re.S)
    elif form == "edit":
        assert re.search(rf'id="f-{field}"[^>]*aria-invalid="true"', page) or field == "basis"
    else:
        assert re.search(rf'id="{form}-{field}(-[a-z]+)?"[^>]*aria-invalid="true"', page), field
    now = {e.id for e in entries(client)}
    assert now == before or (form == "edit" and now >= before)  # nothing new was logged


def test_a_supplement_error_naming_no_field_stays_on_the_dose_or_the_label(
    client: TestClient, shown: list[Errors]
) -> None:
    """An intake no tablet holds names no one input: it shows on what was typed."""
    log(client, "supplement", {"compound": "oxide", "dose_mg": "9000", "basis": "elemental"})
    assert set(shown[-1]["supplement"]) == {"dose_mg"}


# -- the Onboarding page -----------------------------------------------------------------------

# (message id of the old table, what the profile service is given, the field)
ONBOARDING_TABLE: list[Any] = [
    pytest.param("A male profile cannot be pregnant or lactating.",
                 ProfileChanges(age=40, sex="male", pregnant=True), "pregnant", id="male"),
    pytest.param("Give pregnant or lactating, not both: the tables publish separate values.",
                 ProfileChanges(age=30, sex="female", pregnant=True, lactating=True),
                 "lactating", id="both"),
    pytest.param("Pregnancy and lactation are accepted from age {low} to {high} years.",
                 ProfileChanges(age=70, sex="female", pregnant=True), "pregnant",
                 id="pregnant-age"),
    pytest.param("An age of {age} is not possible: give an age from 0 to {max} years.",
                 ProfileChanges(age=300, sex="female"), "age", id="age"),
    pytest.param("A new profile needs an age and a sex.",
                 ProfileChanges(sex="female"), "age", id="new-profile"),
    pytest.param("A weight of {weight} kg is not possible: give {low} to {high} kg.",
                 ProfileChanges(age=40, sex="female", weight_kg=900), "weight", id="weight"),
    pytest.param("A height of {height} cm is not possible: give {low} to {high} cm.",
                 ProfileChanges(age=40, sex="female", height_cm=400), "height", id="height"),
    pytest.param("An eGFR of {egfr} is not possible: give a value from {low} to {high}.",
                 ProfileChanges(age=40, sex="female", egfr=500), "egfr", id="egfr"),
    pytest.param("Unknown sex {sex}: use female or male.",
                 ProfileChanges(age=40, sex="robot"), "sex", id="sex"),
    pytest.param("Unknown reference system {system}: use one of {choices}.",
                 ProfileChanges(age=40, sex="female", system="mars"), "system", id="system"),
    pytest.param("Unknown activity level {activity}: use a factor or one of {choices}.",
                 ProfileChanges(age=40, sex="female", activity="couch"), "activity",
                 id="activity"),
    pytest.param("An activity factor of {factor} is outside {low}–{high}.",
                 ProfileChanges(age=40, sex="female", activity="5"), "activity",
                 id="activity-factor"),
    pytest.param("Mg Coach does not know the medicine {name}: check the spelling, or use its "
                 "generic name.",
                 ProfileChanges(age=40, sex="female", meds=["frobnicol@08:00"]), "meds",
                 id="UnknownNameError"),
]  # fmt: skip


@pytest.mark.parametrize(("msgid", "changes", "field"), ONBOARDING_TABLE)
def test_each_message_of_the_old_onboarding_table_lands_on_the_same_field(
    local_client: TestClient,
    monkeypatch: pytest.MonkeyPatch,
    shown: list[Errors],
    msgid: str,
    changes: ProfileChanges,
    field: str,
) -> None:
    """The form's own field checks come first and catch most of these; here they pass the
    values on unchecked, so that the profile service refuses them and the page places its
    error by the field the error names."""
    real = onboarding_page.read_form

    def unchecked(*args: Any) -> onboarding_form.Reading:
        reading = real(*args)
        return onboarding_form.Reading(reading.values, {}, changes, "en", "metric")

    monkeypatch.setattr(onboarding_page, "read_form", unchecked)
    response = post(local_client, VALID)
    assert response.status_code == 422, response.text
    assert set(shown[-1]) == {field}, shown[-1]
    assert matches(shown[-1][field], msgid), shown[-1][field]
    assert re.search(rf'id="f-{field}"[^>]*aria-invalid="true"', response.text)


def test_the_form_fields_of_the_pages_are_the_inputs_of_the_services() -> None:
    assert log_page.form_fields("symptom")["name"] == "symptom"  # the services' "name"
    assert log_page.form_fields("med")["name"] == "name"
    assert set(log_edit_page.edit_fields("supplement")) == {
        "date",
        "time",
        "note",
        "dose_mg",
        "basis",
    }
    assert onboarding_page.PROFILE_FIELDS["weight_kg"] == "weight"
    assert onboarding_page.PROFILE_FIELDS["height_cm"] == "height"


# -- the error itself --------------------------------------------------------------------------


def test_an_error_carries_its_fields_and_keeps_its_message() -> None:
    one = InputError("{value} is too much.", field="amount", value=3)
    assert (one.fields, one.params, str(one)) == (("amount",), {"value": 3}, "3 is too much.")
    two = InputError("Give {a} or {b}.", field=("weight_kg", "weight_lb"), a="x", b="y")
    assert two.fields == ("weight_kg", "weight_lb")
    assert InputError("Nothing.").fields == ()


def test_about_names_the_callers_input() -> None:
    with pytest.raises(UnknownNameError) as raised, about("meds"):
        raise UnknownNameError("Unknown medicine {name}.", field="medicine", name="x")
    assert raised.value.fields == ("meds",)
    with pytest.raises(MgCoachError) as other, about("meds"):
        raise MgCoachError("Not an input error.")
    assert other.value.fields == ()


def test_a_form_places_an_error_on_the_first_field_it_has() -> None:
    fields = forms.form_fields(("age", "weight"), weight_kg="weight")
    error = InputError("x", field=("height_cm", "weight_kg", "age"))
    assert forms.field_of(error, fields, "age") == "weight"
    assert forms.field_of(InputError("x", field="height_cm"), fields, "age") == "age"


# -- the API -----------------------------------------------------------------------------------

API = "/api/v1"


@pytest.mark.parametrize(
    ("method", "url", "params", "body", "loc", "code"),
    [
        ("GET", "/targets", {"sex": "female", "age": "300"}, None, ["query", "age"],
         "invalid_profile"),
        ("GET", "/targets", {"sex": "male", "age": "40", "pregnant": "true"}, None,
         ["query", "pregnant"], "invalid_profile"),
        ("GET", "/check", {"sex": "female", "age": "40", "med": "frobnicol@08:00"}, None,
         ["query", "med"], "unknown_name"),
        ("GET", "/amount", {"value": "4", "unit": "pints"}, None, ["query", "unit"],
         "invalid_input"),
        ("GET", "/foods/amount", {"food": "almonds", "amount": "3 buckets"}, None,
         ["query", "amount"], "unknown_portion"),
        ("POST", "/entries", None, {"kind": "sleep", "hours": 30}, ["body", "hours"],
         "invalid_input"),
        ("POST", "/entries", None, {"kind": "medication", "name": "frobnicol", "time": "08:00"},
         ["body", "name"], "unknown_name"),
        ("POST", "/entries", None, {"kind": "food", "food": "almonds", "amount": "lots"},
         ["body", "amount"], "unknown_portion"),
        ("POST", "/entries", None, {"kind": "supplement", "compound": "citrate", "dose_mg": 500,
                                    "as": "compound", "elemental": True},
         ["body", "as"], "invalid_input"),
        ("GET", "/entries", {"kind": "teleport"}, None, ["query", "kind"], "invalid_input"),
        ("GET", "/day/1800-01-01", None, None, ["path", "date"], "invalid_input"),
        ("PUT", "/profiles/default", None, {"age": 40, "sex": "female", "weight_kg": 900},
         ["body", "weight_kg"], "invalid_profile"),
    ],
)  # fmt: skip
def test_a_refusal_says_where_the_input_is(
    client: TestClient,
    method: str,
    url: str,
    params: dict[str, str] | None,
    body: dict[str, Any] | None,
    loc: list[str],
    code: str,
) -> None:
    response = client.request(method, f"{API}{url}", params=params, json=body)
    assert response.status_code in (404, 422), response.text
    answer = response.json()
    assert set(answer) == {"detail", "error"}
    assert set(answer["error"]) == {"code", "message", "params", "loc"}
    assert answer["error"]["code"] == code
    assert answer["error"]["loc"] == loc
    (item,) = answer["detail"]
    assert item == {"loc": loc, "msg": answer["error"]["message"], "type": code}


def test_a_refusal_about_two_inputs_names_both(client: TestClient) -> None:
    response = client.get(f"{API}/entries", params={"date": "today", "from": "-3"})
    assert response.status_code == 422
    answer = response.json()
    assert [item["loc"] for item in answer["detail"]] == [["query", "date"], ["query", "from"]]
    assert answer["error"]["loc"] == ["query", "date"]
    unknown = client.get(f"{API}/entries/999999")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["loc"] == ["path", "entry_id"]


def test_a_refusal_about_no_one_input_keeps_its_old_shape(client: TestClient) -> None:
    """Magnesium no tablet holds comes of the compound and the dose together."""
    body = {"kind": "supplement", "compound": "oxide", "dose_mg": 9000, "as": "elemental"}
    response = client.post(f"{API}/entries", json=body)
    assert response.status_code == 422, response.text
    answer = response.json()
    assert answer["detail"] == [
        {"loc": ["query", "request"], "msg": answer["error"]["message"], "type": "invalid_input"}
    ]
    assert answer["error"]["loc"] is None


def test_the_openapi_error_schema_has_loc(client: TestClient) -> None:
    schema = client.get(f"{API}/openapi.json").json()["components"]["schemas"]
    assert "loc" in schema["ErrorInfo"]["properties"]
    assert "loc" not in schema["ErrorInfo"].get("required", [])
