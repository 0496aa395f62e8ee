"""Fuzz every HTML form post of the site: no field value may make it answer 5xx.

Each form route (the journal's log forms, an entry's edit and delete, onboarding, settings,
deleting everything, and in multi-user mode signing in and up, the password, the account and
its API tokens) gets hypothesis-generated fields: text with NUL and control characters,
huge strings, any unicode, numbers out of range or not numbers, days far away, fields left
out or given twice, ids beyond the id column in the path. The app runs in local mode and in
multi-user mode (signed in, a valid CSRF token on most posts), on SQLite and on PostgreSQL.

Every answer must be 2xx, 3xx (with a Location) or 4xx, with a body. Between examples the
viewer is put back where the form expects it (a live session, a profile, the entry to edit),
and the rate limiter's clock moves on now and then, so most posts get past the limits and
reach the services. Hypothesis is derandomized (the same cases every run), a few dozen cases
per route.
"""

from __future__ import annotations

import itertools
import secrets
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcoach.journal.model import Entry
from mgcoach.journal.vocabulary import symptom_kinds
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services import accounts
from mgcoach.services import journal_log as log
from mgcoach.services.database import Database
from mgcoach.services.journal import ProfileChanges, list_profiles, set_profile
from mgcoach.settings import Settings
from mgcoach.units import SerumUnit
from mgcoach.web import auth
from mgcoach.web.context import PROFILE, WebState
from mgcoach.web.pages.log import FORMS
from mgcoach.web.pages.log_edit import EDIT_FIELDS
from tests.web.conftest import PASSWORD, make_app

DAY = date(2025, 1, 15)
_names = itertools.count()

# -- field values ------------------------------------------------------------------------------

# Any code point but surrogates: NUL, control characters, right-to-left marks, emoji.
TEXT = st.text(max_size=40)
NASTY = st.sampled_from(
    [
        "", " ", "\x00", "a\x00b", "\x1b[2J", "\u202eevil", "\ufeff", "\r\n", "\t", "０",
        "<script>alert(1)</script>", "' OR 1=1 --", "%00", "../../etc/passwd", "{{7*7}}",
        "🙂" * 20, "NaN", "-inf", "1e308", "1e-320", "-0", "0x10", "1_000", "١٢٣",
    ]
)  # fmt: skip
HUGE = st.builds(
    lambda char, size: char * size,
    st.sampled_from(["a", "9", "\x00", "é", "🙂", "1,"]),
    st.sampled_from([1_000, 6_000, 70_000, 300_000]),  # the last is over the 256 KiB limit
)
NUMBER = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.floats().map(str),  # nan, inf, 1e+308, -0.0 too
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.floats(-1e6, 1e6).map(lambda x: f"{x:,.2f}"),  # grouped: "1,234.50"
    st.floats(-1e6, 1e6).map(lambda x: f"{x:,.2f}".replace(",", " ").replace(".", ",")),
)


def small(low: float, high: float) -> st.SearchStrategy[str]:
    """A number a person might type for a field whose sensible range is low..high: mostly in
    it, else a bit beyond it on either side; in English or Dutch notation."""
    span = high - low
    inside = st.floats(low, high, allow_nan=False)
    beyond = st.floats(low - span, high + span, allow_nan=False)
    return st.one_of(
        st.integers(int(low), int(high)).map(str),
        inside.map(lambda x: f"{x:.2f}"),
        inside.map(lambda x: f"{x:.1f}".replace(".", ",")),
        st.integers(int(low - span), int(high + span)).map(str),
        beyond.map(lambda x: f"{x:.2f}"),
    )


DAY_TEXT = st.one_of(
    st.dates().map(date.isoformat),  # 0001-01-01 to 9999-12-31
    st.dates(date(2020, 1, 1), date(2030, 12, 31)).map(date.isoformat),
    st.integers(-(10**12), 10**12).map(lambda n: f"{n:+d}"),
    st.sampled_from(
        ["today", "yesterday", "-1", "-0", "2025-02-30", "2025-13-01", "0000-00-00", "15-01-2025"]
    ),
)
TIME = st.one_of(
    st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(-30, 100), st.integers(0, 99)),
    st.sampled_from(["07:00", "23:59", "00:00", "24:00", "7", "0700", "7pm", "12:00:00", ":"]),
)
JUNK = st.one_of(TEXT, NASTY, NUMBER, DAY_TEXT, TIME, HUGE)
CHECKBOX = st.sampled_from(["on", "1", "true", "yes", "", "off", "no", "ON "])


def field_value(plausible: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """What a posted field holds: mostly something the form expects, else junk, now and then
    the field twice."""
    one = st.one_of(plausible, plausible, JUNK)
    return st.one_of(one, one, one, st.lists(one, min_size=2, max_size=3))


def choice(*values: str) -> st.SearchStrategy[str]:
    return st.sampled_from(values)


# What a plausible value gets appended to make it poisoned (a NUL byte breaks PostgreSQL).
POISON = st.sampled_from(["\x00", "\x1b", "\u202e", "\ufeff", "🙂"])


def poisoned(data: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """``data`` with one of its fields poisoned."""
    if not data:
        return st.just(data)
    field = st.sampled_from(sorted(data))
    return st.tuples(field, POISON).map(lambda pair: {**data, pair[0]: data[pair[0]] + pair[1]})


def form(**fields: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A posted form: every field with a plausible value, or with one of them poisoned, or any
    of them (junk included) left out; now and then a field the form does not have."""
    complete = st.fixed_dictionaries(fields)
    mixed = st.fixed_dictionaries(
        {}, optional={name: field_value(values) for name, values in fields.items()}
    )
    extra = st.fixed_dictionaries({}, optional={"zzz": JUNK, "csrf_token ": TEXT})
    return st.one_of(complete, complete.flatmap(poisoned), mixed).flatmap(
        lambda data: extra.map(lambda more: {**more, **data})
    )


NUMBERS = st.one_of(small(0, 1000), NUMBER)
RECENT = st.dates(date(2024, 1, 1), date(2025, 12, 31)).map(date.isoformat)
CLOCK = st.builds("{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59))
FOOD = choice("almonds", "spinach", "usda:12061", "pumpkin seeds", "banana", "zzzq")
AMOUNT = st.builds(
    "{} {}".format, small(1, 500), choice("g", "cup", "slices", "oz", "kg", "ml", "")
)
# What a person types in each field of the journal's log and edit forms, by the field's name.
FIELD_VALUES: dict[str, st.SearchStrategy[str]] = {
    "date": st.one_of(RECENT, RECENT, RECENT, DAY_TEXT),
    "time": st.one_of(CLOCK, CLOCK, CLOCK, TIME),
    "note": st.one_of(TEXT, TEXT, HUGE),
    "food": FOOD,
    "food_id": choice("", "", "usda:12061", "usda:0", "custom:1", str(2**63), "usda:\x00"),
    "amount": AMOUNT,
    "meal": choice("", "breakfast", "lunch", "dinner", "snack", "ontbijt", "brunch"),
    "magnesium_mg": small(0, 1000),
    "energy_kcal": small(0, 3000),
    "compound": choice("citrate", "glycinate", "oxide", "magnesium_malate", "unknownium"),
    "dose_mg": NUMBERS,
    "elemental": CHECKBOX,
    "label": st.builds(
        "Magnesium (as {}) {} mg".format, choice("citrate", "oxide", "??"), small(0, 2000)
    ),
    "basis": choice("compound", "elemental", "", "label", "both"),
    "name": choice("levothyroxine", "omeprazole", "ciprofloxacin", "aspirin", "xyz"),
    "symptom": choice(*symptom_kinds(), "unknown"),
    "severity": small(0, 10),
    "count": small(1, 50),
    "location": choice("calf", "foot", ""),
    "night": CHECKBOX,
    "hours": small(1, 24),
    "quality": small(0, 10),
    "activity": choice("running", "strength", "yoga"),
    "minutes": small(1, 600),
    "rpe": small(0, 10),
    "value": small(0.1, 5),
    "unit": choice(*(u.value for u in SerumUnit), "mg/L"),
    "kg": small(20, 250),
}
# A field this file has no values for yet (a form grew one): numbers and text.
ANY_FIELD = st.one_of(small(0, 1000), TEXT, NASTY)


def fields_form(
    names: tuple[str, ...], **given: st.SearchStrategy[str]
) -> st.SearchStrategy[dict[str, Any]]:
    """The form of the fields ``names``, each with its FIELD_VALUES (or ``given``)."""
    return form(**{name: given.get(name, FIELD_VALUES.get(name, ANY_FIELD)) for name in names})


def log_form(key: str, names: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    """A post of the log form ``key`` (pages/log.py FORMS: its fields, and the day)."""
    fields = (*names, "date")
    if key == "supplement":  # a compound and its dose, or a label line, or (wrongly) both
        label = ("label", "basis", "time", "date")
        compound = tuple(name for name in fields if name != "label")
        return st.one_of(fields_form(compound), fields_form(label), fields_form(fields))
    if key == "quick":
        return fields_form(fields, label=st.one_of(choice("Smoothie", "Groene sap"), TEXT))
    return fields_form(fields)


LOG_FORMS = {key: log_form(key, names) for key, names in FORMS.items()}
# The kinds of entry this file can make to edit or delete, with what makes one.
Make = Callable[[Database, KnowledgeBase, log.When], Entry]
MAKERS: dict[str, Make] = {
    "food": lambda db, kb, when: log.log_food(db, when, "almonds", "30 g"),
    "supplement": lambda db, kb, when: log.log_supplement(
        db, kb, when, "citrate", 500, None, basis="compound"
    ),
    "medication": lambda db, kb, when: log.log_medication(db, kb, when, "levothyroxine"),
    "symptom": lambda db, kb, when: log.log_symptom(
        db, kb, when, "cramp", count=2, severity=4, night=True
    ),
    "sleep": lambda db, kb, when: log.log_sleep(db, when, 7.5, 6),
    "training": lambda db, kb, when: log.log_training(db, when, "running", 45, 7),
    "lab": lambda db, kb, when: log.log_lab(db, kb, when, 0.8, "mmol/L"),
    "note": lambda db, kb, when: log.log_note(db, when),
}
ENTRY_KINDS = tuple(kind for kind in log.EDITABLE if kind in MAKERS)


def edit_form(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """The edit form of an entry of ``kind``, or (now and then) with every kind's fields."""
    own = fields_form(("date", "time", "note", *log.EDITABLE[kind]))
    return st.one_of(own, own, fields_form(EDIT_FIELDS))


MEDS = st.lists(
    st.builds("{}@{}".format, choice("levothyroxine", "omeprazole", "ciprofloxacin", "nope"), TIME),
    max_size=4,
).map("\n".join)
ONBOARDING_FORM = form(
    age=small(0, 120),
    sex=choice("female", "male", "f", "other"),
    pregnant=CHECKBOX,
    lactating=CHECKBOX,
    weight=small(20, 250),
    height=small(50, 230),
    activity=choice("", "sedentary", "moderate", "extra", "sloth"),
    system=choice("us", "efsa", "nl", "uk", "dach", "mars"),
    language=choice("en", "nl", "de"),
    units=choice("metric", "us", "imperial"),
    egfr=small(0, 150),
    dialysis=CHECKBOX,
    meds=MEDS,
)
SETTINGS_FORM = form(
    language=choice("en", "nl", "fr"),
    units=choice("metric", "us", "imperial"),
    system=choice("us", "efsa", "nl", "uk", "dach", "mars"),
)
USER_NAME = st.one_of(
    st.from_regex(r"[a-z0-9][a-z0-9._-]{2,20}", fullmatch=True), choice("admin", "local", "x")
)
NEW_PASSWORD = st.one_of(choice(PASSWORD, "short", "x" * 256, "x" * 257), st.text(min_size=10))
LOGIN_FORM = form(
    name=USER_NAME,
    password=st.one_of(choice(PASSWORD), TEXT),
    next=choice("/today", "//evil.example", "https://evil.example", "/\\evil", "/log?date=x"),
)
SIGNUP_FORM = form(name=USER_NAME, password=NEW_PASSWORD, password2=NEW_PASSWORD)
PASSWORD_FORM = form(
    current=st.one_of(choice(PASSWORD), TEXT), password=NEW_PASSWORD, password2=NEW_PASSWORD
)
ACCOUNT_DELETE_FORM = form(confirm_password=st.one_of(choice(PASSWORD), TEXT))
TOKEN_FORM = form(token_name=st.one_of(TEXT, NASTY, choice("laptop", "x" * 64, "x" * 65, "  ")))
DELETE_FORM = form(confirm=CHECKBOX)
NO_FORM = form()

# Path parameters: "made" stands for an entry (or token) made for the example; the others
# are ids beyond the id column, or not numbers at all.
ID = st.one_of(
    st.just("made"),
    st.just("made"),
    choice("0", "-1", "2147483647", "2147483648", str(2**63), str(2**70), "1.5", "abc", "%00"),
    st.integers(-(10**20), 10**20).map(str),
)
FORM_KEY = st.one_of(st.sampled_from(sorted(LOG_FORMS)), choice("unknown", "%00", "FOOD"))
CSRF = st.sampled_from(["valid"] * 14 + ["missing", "wrong"])


# -- the site under test -----------------------------------------------------------------------


@dataclass
class Site:
    """The app, its client and who posts: local mode's user, or a signed-in account (a session
    made here, so a fuzzed sign-out, password change or account deletion is undone before the
    next example)."""

    app: FastAPI
    client: TestClient
    multi_user: bool
    owner: str = ""
    account_id: int | None = None
    session: str = ""
    csrf: str = ""
    pre_session: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    examples: int = 0

    @property
    def state(self) -> WebState:
        web: WebState = self.app.state.web
        return web

    @property
    def db(self) -> Database:
        return self.state.db

    def anonymous(self) -> tuple[str, str]:
        """The cookie and CSRF token of a visitor without a session (local mode, and the
        sign-in and sign-up forms)."""
        cookie = f"{auth.CSRF_COOKIE}={self.pre_session}"
        return cookie, auth.signed_csrf(self.state.secret, self.pre_session)

    def ready(self) -> None:
        """Signed in (multi-user mode), with the profile "default", before each example; every
        fourth example the limiter's clock moves two hours on (every window starts over)."""
        self.examples += 1
        if self.examples % 4 == 0:
            moved = datetime.now(UTC) + timedelta(hours=2 * self.examples)
            self.state.limiter.clock = lambda: moved
        if not self.multi_user:
            self.owner = self.state.local_account().name
        elif not self._live():
            self._sign_in()
        if self.account_id is not None and accounts.count_tokens(self.db, self.account_id) > 10:
            for token in accounts.tokens(self.db, self.account_id):  # under the cap of 20
                accounts.delete_token(self.db, self.account_id, token.id)
        if not any(p.name == PROFILE for p in list_profiles(self.db, self.owner)):
            changes = ProfileChanges(age=45, sex="female")
            set_profile(self.db, self.state.kb, PROFILE, changes, DAY, owner=self.owner)

    def _live(self) -> bool:
        if not self.session:
            return False
        found = accounts.session_account(
            self.db, auth.keyed_hash(self.state.secret, self.session), datetime.now(UTC)
        )
        return found is not None and found[0].id == self.account_id

    def _sign_in(self) -> None:
        """A new session of the account (made again when a fuzzed post deleted it)."""
        account = accounts.account_by_id(self.db, self.account_id) if self.account_id else None
        if account is None:
            name = f"fuzzer{next(_names)}"
            account = accounts.create_account(self.db, name, auth.hash_password(PASSWORD), "en")
            assert account is not None
        self.account_id, self.owner = account.id, account.name
        self.session, self.csrf = auth.new_secret(), auth.new_secret()
        session_hash = auth.keyed_hash(self.state.secret, self.session)
        now = datetime.now(UTC)
        accounts.start_session(
            self.db, account.id, session_hash, self.csrf, now + timedelta(1), now
        )

    def made_entry(self, kind: str) -> Entry:
        """A fresh entry of ``kind`` to edit or delete."""
        when = log.When(PROFILE, DAY, 8 * 60, "seed", owner=self.owner, origin="web")
        return MAKERS[kind](self.db, self.state.kb, when)

    def made_token(self) -> int:
        assert self.account_id is not None
        secret = auth.keyed_hash(self.state.secret, auth.new_token())
        return accounts.add_token(self.db, self.account_id, "fuzzed", secret)

    def post(self, path: str, data: dict[str, Any], csrf: str, *, signed_in: bool = True) -> Any:
        """Post ``data`` as the viewer (or, ``signed_in=False``, as a visitor without a
        session), with a valid CSRF token, none or a wrong one."""
        if self.multi_user and signed_in:
            cookie, token = f"{auth.SESSION_COOKIE}={self.session}", self.csrf
        else:
            cookie, token = self.anonymous()
        if csrf != "missing":
            data = {**data, "csrf_token": token if csrf == "valid" else token[::-1]}
        self.client.cookies.clear()  # only the cookie of this post
        return self.client.post(path, data=data, headers={"Cookie": cookie}, follow_redirects=False)


# -- the routes --------------------------------------------------------------------------------

# A route: its label, the (path, form, csrf) strategy, how many examples, and whether the
# viewer posts signed in. A path's "{id}" is an id of ID ("made": an entry or token made first).
Route = tuple[str, st.SearchStrategy[tuple[str, dict[str, Any], str]], int, bool]


def route(
    path: st.SearchStrategy[str], data: st.SearchStrategy[dict[str, Any]]
) -> st.SearchStrategy[tuple[str, dict[str, Any], str]]:
    return st.tuples(path, data, CSRF)


def entry_route(action: str) -> st.SearchStrategy[tuple[str, dict[str, Any], str]]:
    """A post to an entry's edit or delete: an id of ID, for "made" an entry of a kind made
    first (the path carries the kind: "/log/entry/made:food/edit")."""

    def post(kind: str) -> st.SearchStrategy[tuple[str, dict[str, Any], str]]:
        path = ID.map(lambda given: f"/log/entry/{given}:{kind}/{action}")
        return route(path, edit_form(kind) if action == "edit" else NO_FORM)

    return st.sampled_from(ENTRY_KINDS).flatmap(post)


ACCOUNTS = ("/account", "/login", "/signup", "/logout")  # multi-user mode's own forms
# The Log page's one-tap posts (pages/log_daily.py) and the own-foods forms (pages/foods_own.py).
DAILY = ("/log/again", "/log/copy", "/log/favourite", "/log/unfavourite", "/log/undo")
DAILY_FIELDS = ("date", "food_id", "amount", "meal", "from", "undo")
OWN = ("/foods/own/food", "/foods/own/water", "/foods/own/recipe")
OWN_FIELDS = (
    "name", "name_nl", "magnesium_mg", "energy_kcal", "serving", "magnesium_mg_per_l",
    "calcium_mg_per_l", "recipe_name", "servings", "ingredients",
)  # fmt: skip


def routes(multi_user: bool) -> list[Route]:
    """Every form post of the site; deleting comes last (the site is set up again anyway)."""
    found: list[Route] = [
        (f"/log/{key}", route(st.just(f"/log/{key}"), data), 15, True)
        for key, data in LOG_FORMS.items()
    ]
    found += [
        (
            "/log/{form_key}",
            route(FORM_KEY.map("/log/{}".format), fields_form(("date", "time"))),
            10,
            True,
        ),
        ("/log/entry/{id}/edit", entry_route("edit"), 25, True),
        ("/log/{daily}", route(st.sampled_from(DAILY), fields_form(DAILY_FIELDS)), 20, True),
        ("/foods/own/{kind}", route(st.sampled_from(OWN), fields_form(OWN_FIELDS)), 20, True),
        ("/onboarding", route(st.just("/onboarding"), ONBOARDING_FORM), 25, True),
        ("/settings", route(st.just("/settings"), SETTINGS_FORM), 15, True),
        ("/account/tokens", route(st.just("/account/tokens"), TOKEN_FORM), 20, True),
        (
            "/account/tokens/{id}/delete",
            route(ID.map("/account/tokens/{}/delete".format), NO_FORM),
            15,
            True,
        ),
        ("/login", route(st.just("/login"), LOGIN_FORM), 10, False),
        ("/signup", route(st.just("/signup"), SIGNUP_FORM), 10, False),
        ("/account/password", route(st.just("/account/password"), PASSWORD_FORM), 10, True),
        ("/log/entry/{id}/delete", entry_route("delete"), 15, True),
        ("/settings/delete", route(st.just("/settings/delete"), DELETE_FORM), 10, True),
        ("/account/delete", route(st.just("/account/delete"), ACCOUNT_DELETE_FORM), 10, True),
        ("/logout", route(st.just("/logout"), NO_FORM), 5, True),
    ]
    if not multi_user:  # local mode has no accounts: a few posts show that they are refused
        return [
            (label, s, min(n, 5) if label.startswith(ACCOUNTS) else n, True)
            for label, s, n, _signed_in in found
        ]
    return found


def _path_for(site: Site, path: str) -> str:
    """The path with its "{id}:kind" filled in: a fresh entry's or token's id for "made"."""
    if "/log/entry/" in path:
        head, rest = path.removeprefix("/log/entry/").split("/", 1)
        given, kind = head.rsplit(":", 1)
        if given == "made":
            given = str(site.made_entry(kind).id)
        return f"/log/entry/{given}/{rest}"
    if path.startswith("/account/tokens/made/"):
        made = site.made_token() if site.multi_user else 1
        return path.replace("/made/", f"/{made}/")
    return path


def problem(response: Any) -> str | None:
    """What is wrong with an answer to a form post, or None."""
    status = response.status_code
    if status >= 500 or status < 200:
        return f"status {status}: {response.text[:2000]}"
    if 300 <= status < 400:
        return None if response.headers.get("location") else f"{status} without a Location"
    return None if response.content else f"{status} with an empty body"


def _fuzz(site: Site, label: str, strategy: Any, examples: int, signed_in: bool) -> str | None:
    """Run one route's generated posts; the first wrong answer found, described."""

    @given(case=strategy)
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: tuple[str, dict[str, Any], str]) -> None:
        path, data, csrf = case
        site.ready()
        target = _path_for(site, path)
        try:
            response = site.post(target, data, csrf, signed_in=signed_in)
        except Exception as error:  # raised in the app: a 500 in production
            raise AssertionError(f"POST {target} {data!r:.3000}: {error!r}") from error
        wrong = problem(response)
        assert wrong is None, f"POST {target} {data!r:.3000}: {wrong}"

    try:
        run()
    except Exception as error:  # a wrong answer or a server exception, with its input
        where = "".join(traceback.format_exception(error)[-4:])
        return f"{label}: {type(error).__name__}: {error}\n{where}"
    return None


@pytest.fixture(params=[False, True], ids=["local", "multi-user"])
def site(
    request: pytest.FixtureRequest,
    web_db: Settings,
    kb: KnowledgeBase,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Site]:
    # argon2id at its lowest cost: the posts check passwords, not the hash's strength.
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    app, db = make_app(web_db, kb, multi_user=request.param)
    with TestClient(app) as client:
        yield Site(app, client, multi_user=request.param)
    db.dispose()


def test_no_form_post_answers_5xx(site: Site) -> None:
    failures = []
    for label, strategy, examples, signed_in in routes(site.multi_user):
        found = _fuzz(site, label, strategy, examples, signed_in)
        if found is not None:
            failures.append(found)
    assert not failures, "\n\n".join(failures)


def test_a_token_name_with_a_nul_byte_is_refused(
    web_db: Settings, kb: KnowledgeBase, signed_up: Callable[[TestClient, str], str]
) -> None:
    """Found by the fuzzing: an API token named with a NUL byte reached PostgreSQL and answered
    500, through the API and the account page's form (services/accounts.py checks the name)."""
    app, db = make_app(web_db, kb, multi_user=True)
    try:
        with TestClient(app) as client:
            csrf = signed_up(client, "nora")
            for name in ("a\x00b", "tab\there", "\x1b[2J"):
                api = client.post(
                    "/api/v1/tokens", json={"name": name}, headers={"X-CSRF-Token": csrf}
                )
                assert api.status_code == 422, api.text
                assert api.json()["error"]["loc"] == ["body", "name"]
                page = client.post(
                    "/account/tokens",
                    data={"token_name": name, "csrf_token": csrf},
                    follow_redirects=False,
                )
                assert page.status_code == 422, page.text
            assert client.get("/api/v1/tokens").json() == []
    finally:
        db.dispose()
