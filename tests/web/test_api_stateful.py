"""Stateful API sequences: no order of calls may make the API answer 5xx, and the journal stays
consistent along the way.

Two machines, each in local mode and in multi-user mode (signed in by a session, with its CSRF
token), on SQLite and on PostgreSQL:

* schemathesis's state machine (``schema.as_state_machine()``): the links it infers from our
  OpenAPI document (an entry's id from POST /entries to GET, PATCH and DELETE
  /entries/{entry_id}, a profile's name from GET /profiles, a token's id from POST /tokens)
  chain generated calls; every answer must be below 500.
* ``Journal``, a hypothesis rule-based machine with a model of the journal: log an entry,
  list a day, edit, delete, assess the day, the week, export (and import the export back into a
  forgotten journal), change or forget the profile, and in multi-user mode make, use and
  revoke API tokens, with generated values. No answer is 5xx, and the invariants hold: the
  day lists exactly the entries the model has on it, a deleted entry is gone from its day and
  from /entries/{id}, the day's magnesium is the sum of its entries', the export holds every
  entry, an export imported again exports the same, a revoked token no longer signs in.

Hypothesis is derandomized (the same sequences every run) and the sequences are short.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)
from schemathesis.checks import not_a_server_error

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services import accounts
from mgcoach.services import journal_log as log
from mgcoach.services.database import Database
from mgcoach.services.journal import ProfileChanges, forget, set_profile
from mgcoach.services.journal_transfer import import_document
from mgcoach.settings import Settings
from mgcoach.web import auth
from mgcoach.web.context import PROFILE, WebState
from tests.web.conftest import LOCAL_API_HEADERS, make_app

# Generated request sequences, like test_api_fuzz.py: marked as that file's name marks it
# (tests/conftest.py), so `-m "not fuzz"` leaves them out too.
pytestmark = pytest.mark.fuzz

API = "/api/v1"
DAYS = ("2025-01-14", "2025-01-15", "2025-01-16")
_names = itertools.count()


# -- the app and who calls it ------------------------------------------------------------------


@dataclass
class Harness:
    """The app on a fresh database, and who calls it: local mode's user, or an account with a
    session made here (no sign-up form, so no sign-up limit); ``fresh`` starts a sequence
    over with a new account (or local mode's journal forgotten)."""

    app: FastAPI
    client: TestClient
    multi_user: bool
    owner: str = ""
    session: str = ""
    csrf: str = ""

    @property
    def state(self) -> WebState:
        web: WebState = self.app.state.web
        return web

    @property
    def db(self) -> Database:
        return self.state.db

    def fresh(self) -> None:
        """A new caller with the profile "default" and nothing else: a new account, or local
        mode's user with its journal forgotten."""
        if self.multi_user:
            name = f"stateful{next(_names)}"
            account = accounts.create_account(self.db, name, "not-a-hash", "en")
            assert account is not None
            self.owner, self.session, self.csrf = name, auth.new_secret(), auth.new_secret()
            now = datetime.now(UTC)
            session_hash = auth.keyed_hash(self.state.secret, self.session)
            accounts.start_session(
                self.db, account.id, session_hash, self.csrf, now + timedelta(1), now
            )
        else:
            self.owner = self.state.local_account().name
            forget(self.db, None, self.owner)
        changes = ProfileChanges(age=45, sex="female")
        set_profile(self.db, self.state.kb, PROFILE, changes, date(2025, 1, 1), owner=self.owner)

    def with_entries_today(self) -> None:
        """A few entries today, which GET /entries links to the calls on one entry."""
        when = log.When(PROFILE, date.today(), 8 * 60, owner=self.owner, origin="web")
        log.log_food(self.db, when, "almonds", "30 g")
        log.log_supplement(self.db, self.state.kb, when, "citrate", 500, None, basis="compound")
        log.log_sleep(self.db, when, 7.5, 6)

    def headers(self, bearer: str | None = None) -> dict[str, str]:
        """The caller's headers: its session (with the CSRF token), local mode's header, or
        only an API token."""
        if bearer is not None:
            return {"Authorization": f"Bearer {bearer}"}
        if self.multi_user:
            cookie = f"{auth.SESSION_COOKIE}={self.session}"
            return {"Cookie": cookie, "X-CSRF-Token": self.csrf}
        return dict(LOCAL_API_HEADERS)

    def call(self, method: str, path: str, bearer: str | None = None, **kwargs: Any) -> Any:
        """One API call; its answer, which is never a server error."""
        self.client.cookies.clear()
        answer = self.client.request(method, API + path, headers=self.headers(bearer), **kwargs)
        assert answer.status_code < 500, f"{method} {path} {kwargs}: {answer.text[:2000]}"
        return answer


@pytest.fixture(params=[False, True], ids=["local", "multi-user"])
def harness(
    request: pytest.FixtureRequest, web_db: Settings, kb: KnowledgeBase
) -> Iterator[Harness]:
    app, db = make_app(web_db, kb, multi_user=request.param)
    with TestClient(app) as client:
        yield Harness(app, client, multi_user=request.param)
    db.dispose()


# Not shrunk: a failing sequence is shown as found (a dozen steps), since shrinking one whose
# steps each reach the database takes minutes.
SETTINGS = settings(
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


# -- schemathesis's state machine --------------------------------------------------------------


def test_schemathesis_sequences_never_answer_5xx(harness: Harness) -> None:
    schema = schemathesis.openapi.from_asgi(f"{API}/openapi.json", harness.app)
    machine = schema.as_state_machine()

    class Sequences(machine):  # type: ignore[misc, valid-type]
        def setup(self) -> None:
            # Every scenario starts from the same state: the links it may follow depend on
            # the answers (a token limit reached, an entry list), and hypothesis needs the
            # same choices to lead to the same steps.
            harness.fresh()
            harness.with_entries_today()

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": harness.headers()}

        def validate_response(self, response: Any, case: Any, *args: Any, **kwargs: Any) -> None:
            # Only the one check: other answers' conformance is test_api_fuzz.py's and
            # test_openapi_schemas.py's.
            case.validate_response(response, checks=[not_a_server_error])

    run_state_machine_as_test(
        Sequences, settings=settings(SETTINGS, max_examples=12, stateful_step_count=8)
    )


# -- the journal's model -----------------------------------------------------------------------

CLOCK = st.builds("{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59))
WHEN = {"date": st.sampled_from(DAYS), "time": CLOCK}
NOTE = st.one_of(st.none(), st.text(max_size=30))  # NUL and control characters too
SCALE = st.floats(-1, 11, allow_nan=False)


def _kind(kind: str, **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"kind": st.just(kind), **WHEN, **fields}, optional={"note": NOTE})


NEW_ENTRY = st.one_of(
    _kind(
        "food",
        food=st.sampled_from(["almonds", "spinach", "usda:12061", "banana", "dark chocolate"]),
        amount=st.builds("{} {}".format, st.integers(1, 400), st.sampled_from(["g", "cup"])),
    ),
    _kind(
        "supplement",
        compound=st.sampled_from(["citrate", "glycinate", "oxide"]),
        dose_mg=st.floats(1, 3000, allow_nan=False),
        **{"as": st.sampled_from(["compound", "elemental"])},
    ),
    _kind(
        "supplement",
        label=st.builds("Magnesium (as citrate) {} mg".format, st.integers(1, 600)),
        **{"as": st.sampled_from(["compound", "elemental"])},
    ),
    _kind("medication", name=st.sampled_from(["levothyroxine", "omeprazole", "aspirin"])),
    _kind(
        "symptom",
        name=st.sampled_from(["cramp", "twitch", "headache"]),
        severity=SCALE,
        count=st.one_of(st.none(), st.integers(-1, 30)),
    ),
    _kind("sleep", hours=st.floats(0, 25, allow_nan=False), quality=SCALE),
    _kind(
        "training",
        activity=st.sampled_from(["running", "strength"]),
        minutes=st.floats(0, 1500, allow_nan=False),
        rpe=SCALE,
    ),
    _kind(
        "lab",
        value=st.floats(0, 5, allow_nan=False),
        unit=st.sampled_from(["mmol/L", "mg/dL", "mEq/L", "g/L"]),
    ),
    st.fixed_dictionaries({"kind": st.just("note"), **WHEN, "text": st.text(min_size=1)}),
)
# What PATCH can change, by kind (services/journal_edit.py EDITABLE, as the API names it).
PATCH_FIELDS: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "food": {
        "amount": st.builds("{} g".format, st.integers(-5, 500)),
        "food": st.sampled_from(["almonds", "spinach", "nothing-like-it"]),
    },
    "supplement": {
        "dose_mg": st.floats(-10, 6000, allow_nan=False),
        "as": st.sampled_from(["compound", "elemental"]),
    },
    "medication": {},
    "symptom": {"count": st.integers(-2, 40), "severity": SCALE, "where": st.text(max_size=10)},
    "sleep": {"hours": st.floats(-1, 30, allow_nan=False), "quality": SCALE},
    "training": {"minutes": st.floats(-1, 2000, allow_nan=False), "rpe": SCALE},
    "lab": {
        "value": st.floats(-1, 10, allow_nan=False),
        "unit": st.sampled_from(["mmol/L", "mg/dL", "x"]),
    },
    "note": {},
}
ALWAYS = {"date": st.sampled_from(DAYS), "time": CLOCK, "no_time": st.booleans(), "note": NOTE}
PROFILE_EXTRAS = {
    "pregnant": st.booleans(),
    "lactating": st.booleans(),
    "system": st.sampled_from(["us", "efsa", "nl", "uk", "dach"]),
    "weight_kg": st.floats(40, 150, allow_nan=False),
    "height_cm": st.floats(140, 210, allow_nan=False),
    "egfr": st.floats(5, 130, allow_nan=False),
    "dialysis": st.booleans(),
    "activity": st.sampled_from(["sedentary", "moderate", "extra"]),
    "meds": st.lists(
        st.sampled_from(["levothyroxine@07:00", "omeprazole@08:00,20:00", "ciprofloxacin@09:00"]),
        max_size=2,
        unique=True,
    ),
}
# A person the engine takes, or (one in three) values out of its bounds.
PROFILE_BODY = st.one_of(
    st.fixed_dictionaries(
        {"age": st.integers(18, 90), "sex": st.sampled_from(["female", "male"])},
        optional={key: PROFILE_EXTRAS[key] for key in PROFILE_EXTRAS if key != "pregnant"},
    ),
    st.fixed_dictionaries(
        {"age": st.integers(18, 90), "sex": st.sampled_from(["female", "male"])},
        optional={key: PROFILE_EXTRAS[key] for key in ("weight_kg", "activity", "meds")},
    ),
    st.fixed_dictionaries(
        {"age": st.floats(-1, 130, allow_nan=False), "sex": st.sampled_from(["female", "x"])},
        optional={
            **PROFILE_EXTRAS,
            "system": st.sampled_from(["us", "mars"]),
            "weight_kg": st.floats(0, 500, allow_nan=False),
            "height_cm": st.floats(0, 300, allow_nan=False),
            "egfr": st.floats(-1, 300, allow_nan=False),
            "activity": st.sampled_from(["moderate", "sloth"]),
            "meds": st.lists(st.sampled_from(["ciprofloxacin", "nothing@07:00"]), max_size=2),
        },
    ),
)


def _magnesium(entries: list[dict[str, Any]], kind: str, key: str) -> float | None:
    """The sum of the magnesium of the entries of ``kind`` that count (None when one of them
    has none)."""
    values = [
        e["detail"].get(key)
        for e in entries
        if e["kind"] == kind and e["detail"].get("counted", True)
    ]
    if any(value is None for value in values):
        return None
    return float(sum(values))


@dataclass(frozen=True)
class Logged:
    """An entry of the model: its id, day and kind."""

    id: int
    day: str
    kind: str


def _without_stamp(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


def test_journal_sequences_keep_their_invariants(harness: Harness) -> None:
    class Journal(RuleBasedStateMachine):
        """The journal through the API, against a model: each entry by its uid (its id
        changes when the journal is imported again; SQLite may give a deleted entry's id to
        a new one), with its id, day and kind; whether the profile exists; the live API
        tokens."""

        entries = Bundle("entries")  # uids; "" for a refused entry
        tokens = Bundle("tokens")

        def __init__(self) -> None:
            super().__init__()
            harness.fresh()
            self.model: dict[str, Logged] = {}
            self.profile = True
            self.live_tokens: dict[int, str] = {}  # id: secret (SQLite may reuse an id)

        def listed(self, **params: str) -> list[dict[str, Any]]:
            answer = harness.call("GET", "/entries", params=params)
            assert answer.status_code == (200 if self.profile else 404), answer.text
            found: list[dict[str, Any]] = answer.json() if self.profile else []
            return found

        # -- entries ---------------------------------------------------------------------

        @initialize(target=entries, bodies=st.lists(NEW_ENTRY, min_size=3, max_size=6))
        def log_some(self, bodies: list[dict[str, Any]]) -> Any:
            return multiple(*(self.log_entry(body) for body in bodies))

        @rule(target=entries, body=NEW_ENTRY)
        def log_entry(self, body: dict[str, Any]) -> str:
            answer = harness.call("POST", "/entries", json=body)
            if answer.status_code != 201 or not self.profile:
                assert 400 <= answer.status_code < 500, answer.text
                return ""
            made = answer.json()
            assert made["date"] == body["date"] and made["kind"] == body["kind"]
            self.model[made["uid"]] = Logged(made["id"], made["date"], made["kind"])
            return str(made["uid"])

        @rule(uid=entries, data=st.data())
        def edit_entry(self, uid: str, data: st.DataObject) -> None:
            entry = self.model.get(uid)
            if entry is None:
                return  # refused, deleted or forgotten: delete_entry checks it is gone
            fields = {**ALWAYS, **PATCH_FIELDS[entry.kind]}
            patch = data.draw(st.fixed_dictionaries({}, optional=fields), "patch")
            answer = harness.call("PATCH", f"/entries/{entry.id}", json=patch)
            if answer.status_code == 200:
                changed = answer.json()
                assert (changed["id"], changed["uid"]) == (entry.id, uid)
                assert changed["kind"] == entry.kind
                self.model[uid] = Logged(entry.id, changed["date"], entry.kind)
            else:
                assert 400 <= answer.status_code < 500, answer.text
                # Refused for a value (an unknown food is a 404 too), never as no such entry.
                code = answer.json().get("error", {}).get("code")
                assert code != "unknown_entry", answer.text
            shown = harness.call("GET", f"/entries/{entry.id}")
            assert shown.status_code == 200 and shown.json()["date"] == self.model[uid].day

        @rule(uid=consumes(entries))
        def delete_entry(self, uid: str) -> None:
            entry = self.model.pop(uid, None)
            if entry is None:
                return
            answer = harness.call("DELETE", f"/entries/{entry.id}")
            assert answer.status_code == 200 and answer.json()["deleted"] == 1, answer.text
            assert harness.call("GET", f"/entries/{entry.id}").status_code == 404
            assert harness.call("DELETE", f"/entries/{entry.id}").status_code == 404
            day = {e["uid"] for e in self.listed(date=entry.day)}
            assert uid not in day, "a deleted entry is still on its day"

        # -- the day, the week, the export -----------------------------------------------

        @rule(day=st.sampled_from(DAYS))
        def check_day(self, day: str) -> None:
            entries = self.listed(date=day)
            assessed = harness.call("GET", f"/day/{day}")
            if not self.profile:
                assert assessed.status_code == 404, assessed.text
                return
            assert assessed.status_code == 200, assessed.text
            expected = {(uid, e.id) for uid, e in self.model.items() if e.day == day}
            assert {(e["uid"], e["id"]) for e in entries} == expected
            result = assessed.json()
            assert result["entries"] == len(entries)
            magnesium = result["magnesium"]
            supplements = _magnesium(entries, "supplement", "elemental_mg")
            if supplements is not None:
                assert magnesium["supplement_mg"] == pytest.approx(supplements, abs=0.06)
            food = _magnesium(entries, "food", "magnesium_mg")
            if food is not None and magnesium["food_mg"] is not None:
                assert magnesium["food_mg"] == pytest.approx(food, abs=0.06)
            if magnesium["food_mg"] is not None:
                total = magnesium["food_mg"] + magnesium["supplement_mg"]
                assert magnesium["total_mg"] == pytest.approx(total, abs=0.11)
            week = harness.call("GET", f"/week/{day}")
            assert week.status_code == 200, week.text

        @precondition(lambda self: self.model)
        @rule()
        def export_forget_import(self) -> None:
            """The export holds every entry; imported into the forgotten journal, it exports
            the same again."""
            before = harness.call("GET", "/export").json()
            (person,) = (p for p in before["profiles"] if p["name"] == PROFILE)
            assert {e["uid"] for e in person["entries"]} == set(self.model)
            assert harness.call("DELETE", f"/profiles/{PROFILE}").status_code == 200
            import_document(harness.db, before, owner=harness.owner)
            after = harness.call("GET", "/export").json()
            assert _without_stamp(after) == _without_stamp(before)
            # The entries are new rows, with new ids.
            listed = self.listed(**{"from": DAYS[0], "to": DAYS[-1]})
            self.model = {e["uid"]: Logged(e["id"], e["date"], e["kind"]) for e in listed}

        # -- the profile -----------------------------------------------------------------

        @rule(body=PROFILE_BODY)
        def change_profile(self, body: dict[str, Any]) -> None:
            answer = harness.call("PUT", f"/profiles/{PROFILE}", json=body)
            if answer.status_code == 200:
                self.profile = True
                shown = harness.call("GET", f"/profiles/{PROFILE}")
                assert shown.status_code == 200 and shown.json() == answer.json()
            else:
                assert 400 <= answer.status_code < 500, answer.text

        @precondition(lambda self: self.model)
        @rule()
        def forget_profile(self) -> None:
            answer = harness.call("DELETE", f"/profiles/{PROFILE}")
            assert answer.status_code == 200, answer.text
            assert answer.json()["entries"] == len(self.model)
            self.profile, self.model = False, {}
            assert harness.call("DELETE", f"/profiles/{PROFILE}").status_code == 404

        # -- API tokens (multi-user mode) ------------------------------------------------

        @precondition(lambda self: harness.multi_user)
        @rule(target=tokens, name=st.text(min_size=1, max_size=70))
        def make_token(self, name: str) -> tuple[int, str]:
            answer = harness.call("POST", "/tokens", json={"name": name})
            if answer.status_code != 201:
                assert answer.status_code in (422, 429), answer.text
                return (0, "")
            made = answer.json()
            self.live_tokens[made["id"]] = made["token"]
            return (made["id"], made["token"])

        @precondition(lambda self: harness.multi_user)
        @rule(token=tokens)
        def use_token(self, token: tuple[int, str]) -> None:
            token_id, secret = token
            if not token_id:
                return
            me = harness.call("GET", "/me", bearer=secret)
            if self.live_tokens.get(token_id) == secret:
                assert me.status_code == 200 and me.json()["user"] == harness.owner
                assert me.json()["signed_in_with"] == "token"
                # A token may not make tokens; it may read the journal.
                refused = harness.call("POST", "/tokens", bearer=secret, json={"name": "x"})
                assert refused.status_code == 403
                assert harness.call("GET", "/entries", bearer=secret).status_code < 500
            else:
                assert me.status_code == 401, "a revoked token still signs in"

        @precondition(lambda self: harness.multi_user)
        @rule(token=tokens)
        def revoke_token(self, token: tuple[int, str]) -> None:
            token_id, _secret = token
            if not token_id:
                return
            answer = harness.call("DELETE", f"/tokens/{token_id}")
            assert answer.status_code == (204 if token_id in self.live_tokens else 404)
            self.live_tokens.pop(token_id, None)

        @invariant()
        def tokens_listed(self) -> None:
            if harness.multi_user:
                listed = harness.call("GET", "/tokens").json()
                assert {t["id"] for t in listed} == set(self.live_tokens)

    run_state_machine_as_test(
        Journal, settings=settings(SETTINGS, max_examples=8, stateful_step_count=12)
    )
