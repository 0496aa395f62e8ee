"""End-to-end flows in Debian's Chromium: real people's paths through the real pages.

Each flow runs on its own fresh site (see conftest.py). The numbers a page shows are compared
with what the API and the services return for the same data, formatted as the page formats
them (Babel, in the page's language). Screenshots of the pages go to artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from babel.numbers import format_decimal
from playwright.sync_api import Locator, expect

from mgcoach.engine.profile import build_profile
from mgcoach.errors import MgCoachError
from mgcoach.i18n import set_language, translate, translations
from mgcoach.services.foods import food_amount, show_food
from mgcoach.services.journal import show_profile
from mgcoach.web.context import PROFILE
from tests.web.browser.conftest import Site, Visitor, fill
from tests.web.test_pages_log import supplement_detail

# A medicine in the first row of the form: its name, and its time typed loosely.
MEDICINE = {"med-0-name": "levothyroxine", "med-0-times": "7:00"}
NO_MEDICINE = {"med-0-name": "", "med-0-times": ""}
PROFILE_FIELDS = {
    "age": "45",
    "sex": "female",
    "weight": "68",
    "height": "168",
    "activity": "moderate",
    "system": "us",
    **MEDICINE,
}
# After a post the Log page again, on the day logged to (more query parameters may follow).
LOGGED = re.compile(r"/log\?date=\d{4}-\d{2}-\d{2}(&.*)?$")
PAGES = ("plan", "trends", "foods", "settings")


def mg_text(value: float | None, lang: str) -> str:
    """A magnesium amount as the pages show it: Babel, no decimals, a no-break space, mg."""
    assert value is not None
    return format_decimal(value, format="#,##0", locale=lang) + "\u00a0mg"


def dutch(msgid: str) -> str:
    """The Dutch catalog's text of an English msgid."""
    return translations("nl").gettext(msgid)


# What the Dutch flow reads on the pages: each must have its Dutch text in the nl catalog.
DUTCH_SEEN = (
    "Today",
    "Log",
    "Settings",
    "Skip to content",
    "Welcome to Mg Coach",
    "Age (years)",
    "Sex",
    "Language",
)


def refusal(action: Callable[[], object]) -> tuple[str, str]:
    """The message of the error ``action`` raises, in English and in Dutch."""
    try:
        action()
    except MgCoachError as error:
        texts = []
        for lang in ("en", "nl"):
            set_language(lang)
            texts.append(translate(error.message, error.params))
        set_language("en")
        return texts[0], texts[1]
    raise AssertionError("the engine accepted a value it should refuse")


def food_id(site: Site, name: str) -> str:
    found = show_food(site.db, name)
    assert found.name.lower().startswith(name), found.name
    return found.id


def choose_food(visitor: Visitor, typed: str, wanted: str) -> None:
    """Type into the food box and pick ``wanted`` (a food id) from the suggestions with the
    keyboard only: ArrowDown to it, Enter to take it (which must not submit the form)."""
    form = visitor.page.locator("form#log-food")
    box = form.locator("[name=food]")
    expect(box).to_have_attribute("role", "combobox")
    box.click()
    box.press_sequentially(typed, delay=40)
    options = visitor.page.locator("ul#food-suggestions li[role=option]")
    wanted_option = options.and_(visitor.page.locator(f"[data-id='{wanted}']"))
    expect(wanted_option).to_be_visible()
    ids = [options.nth(i).get_attribute("data-id") for i in range(options.count())]
    before = visitor.path()
    for _step in range(ids.index(wanted) + 1):
        box.press("ArrowDown")
    box.press("Enter")
    expect(form.locator("[name=food_id]")).to_have_value(wanted)
    assert visitor.path() == before, "Enter on a suggestion submitted the form"


def submit(visitor: Visitor, form: Locator) -> int:
    """Click the form's submit button and wait for the page that answers; its status."""
    with visitor.page.expect_navigation() as navigation:
        form.locator("button[type=submit]").first.click()
    response = navigation.value
    assert response is not None
    return response.status


def log_food(
    visitor: Visitor, typed: str, wanted: str, amount: str, time: str, meal: str | None = None
) -> None:
    form = visitor.page.locator("form#log-food")
    choose_food(visitor, typed, wanted)
    fill(form, {"amount": amount, "time": time} | ({"meal": meal} if meal else {}))
    assert submit(visitor, form) == 200
    expect(visitor.page).to_have_url(LOGGED)


def log_supplement(visitor: Visitor, dose_mg: str, time: str) -> None:
    # The forms other than food are folded under "More to log" (the food form comes first).
    more = visitor.page.locator("details.more-forms")
    if more.get_attribute("open") is None:
        more.locator("summary").click()
    form = visitor.page.locator("form#log-supplement")
    compound = form.locator("[name=compound]")
    if compound.evaluate("e => e.tagName") == "SELECT":
        compound.select_option("citrate")
    else:
        compound.fill("magnesium citrate")
    fill(form, {"dose_mg": dose_mg, "time": time})
    # "500" may be the tablet or the magnesium: the form asks, and nothing is stored yet.
    assert submit(visitor, form) == 422
    question = form.locator("fieldset#supplement-basis")
    expect(question).to_be_visible()
    question.locator("input[value=compound]").check()
    assert submit(visitor, form) == 200
    expect(visitor.page).to_have_url(LOGGED)


def logged_day(visitor: Visitor) -> str:
    """The day the Log page logs to (its forms' hidden date)."""
    return visitor.page.locator("form#log-food input[name=date]").input_value()


def onboarded(visitor: Visitor, **changes: str) -> None:
    status = visitor.onboard(PROFILE_FIELDS | changes)
    assert status == 200, f"onboarding answered {status}: {visitor.page.content()[:2000]}"
    expect(visitor.page).to_have_url(re.compile(r"/today$"))


def magnesium_shown(visitor: Visitor) -> dict[str, str]:
    return {
        key: visitor.page.locator(f"#mg-{key}").inner_text().strip()
        for key in ("food", "supplement", "total", "target")
    }


def magnesium_expected(day: dict[str, Any], lang: str) -> dict[str, str]:
    mg = day["magnesium"]
    return {
        "food": mg_text(mg["food_mg"], lang),
        "supplement": mg_text(mg["supplement_mg"], lang),
        "total": mg_text(mg["total_mg"], lang),
        "target": mg_text(mg["target_mg"], lang),
    }


# --- 1. local mode, English: onboarding -> log a day -> Today shows the right numbers ---------


def test_onboarding_then_a_logged_day_shows_the_apis_numbers(
    local_site: Site, visit: Callable[..., Visitor]
) -> None:
    you = visit(local_site, "en-GB")
    you.goto("/")
    expect(you.page).to_have_url(re.compile(r"/onboarding$"))
    expect(you.page.locator("html")).to_have_attribute("lang", "en")
    expect(you.page.locator("main#main form#onboarding-form")).to_be_visible()
    you.shot("onboarding")
    onboarded(you)
    person = show_profile(local_site.db, PROFILE)
    assert (person.sex, person.weight_kg, person.height_cm) == ("female", 68.0, 168.0)
    assert [(m.name, m.times) for m in person.medicines] == [("levothyroxine", (7 * 60,))]

    you.page.locator("header nav a[href='/log']").click()
    expect(you.page).to_have_url(re.compile(r"/log(\?date=[\d-]+)?$"))
    day = logged_day(you)
    almonds = food_id(local_site, "almonds")
    log_food(you, "almo", almonds, "30 g", "12:30")
    log_supplement(you, "500", "07:30")
    rows = you.page.locator("table#entries tr[data-entry-id]")
    expect(rows).to_have_count(2)
    expect(you.page.locator("table#entries")).to_contain_text(re.compile("almonds", re.I))
    you.shot("log")

    you.goto(f"/today?date={day}")
    api = you.api(f"/api/v1/day/{day}")
    assert api["date"] == day and api["entries"] == 2
    mg = api["magnesium"]
    thirty_grams = food_amount(local_site.db, almonds, "30 g", remember=False)
    assert mg["food_mg"] == round(thirty_grams.nutrients["magnesium_mg"] or 0, 1) > 0
    citrate = supplement_detail(local_site.kb, "magnesium citrate", 500.0, None, basis="compound")
    assert mg["supplement_mg"] == round(citrate["elemental_mg"], 1) > 0
    assert magnesium_shown(you) == magnesium_expected(api, "en")

    conflicts = [i for i in api["interactions"] if i["conflict"]]
    assert conflicts, api["interactions"]
    times = conflicts[0]["conflicts"][0]
    assert (times["drug_time"], times["magnesium_time"]) == ("07:00", "07:30")
    flag = you.page.locator("#flags li.flag.conflict")
    expect(flag).to_have_count(1)
    expect(flag).to_have_class(re.compile(rf"\b{conflicts[0]['severity']}\b"))
    expect(flag).to_contain_text("07:00")
    expect(flag).to_contain_text("07:30")
    expect(you.page.locator("#top-sources")).to_contain_text(re.compile("almonds", re.I))
    you.shot("today")

    for name in PAGES:
        assert you.goto(f"/{name}") == 200, name
        expect(you.page.locator("main#main h1")).to_be_visible()
        you.shot(name)
    expect(you.page.locator("form#settings-form")).to_be_visible()
    expect(you.page.locator("a#export")).to_be_visible()
    you.goto("/foods")
    expect(you.page.locator("table#top-foods")).to_be_visible()


# --- 2. the Dutch site -------------------------------------------------------------------------


def test_the_dutch_site_and_switching_to_english(
    local_site: Site, visit: Callable[..., Visitor]
) -> None:
    you = visit(local_site, "nl-NL")
    you.goto("/")
    expect(you.page).to_have_url(re.compile(r"/onboarding$"))
    expect(you.page.locator("html")).to_have_attribute("lang", "nl")
    untranslated = [msgid for msgid in DUTCH_SEEN if dutch(msgid) == msgid]
    assert not untranslated, f"the nl catalog has no Dutch for {untranslated}"
    nav = you.page.locator("header nav")
    for href, msgid in (("/today", "Today"), ("/log", "Log"), ("/settings", "Settings")):
        expect(nav.locator(f"a[href='{href}']")).to_have_text(dutch(msgid))
    expect(you.page.locator("a.skip")).to_have_text(dutch("Skip to content"))
    expect(you.page.locator("main#main h1")).to_have_text(dutch("Welcome to Mg Coach"))
    for name, msgid in (("age", "Age (years)"), ("sex", "Sex"), ("language", "Language")):
        expect(you.page.locator(f"label[for=f-{name}]")).to_have_text(dutch(msgid))

    # A bad value: the form again (422) with a Dutch message on the field.
    assert you.onboard(PROFILE_FIELDS | {"age": "250"}) == 422
    age = you.page.locator("form#onboarding-form [name=age]")
    expect(age).to_have_attribute("aria-invalid", "true")
    english, expected = refusal(lambda: build_profile(sex="female", age_years=250))
    assert expected != english, f"no Dutch translation of {english!r}"
    expect(you.page.locator("#e-age.field-error")).to_have_text(expected)
    you.shot("onboarding-nl")

    onboarded(you, age="45")
    you.goto("/log")
    day = logged_day(you)
    log_food(you, "amandel", food_id(local_site, "almonds"), "500 g", "12:30")
    you.shot("log-nl")

    you.goto(f"/today?date={day}")
    expect(you.page.locator("main#main h1")).to_contain_text(dutch("Today"))
    api = you.api(f"/api/v1/day/{day}")
    food_mg = api["magnesium"]["food_mg"]
    assert food_mg >= 1000, "500 g of almonds should be over 1000 mg"
    shown = magnesium_shown(you)
    assert shown == magnesium_expected(api, "nl")
    assert re.fullmatch(r"\d\.\d{3}\u00a0mg", shown["food"]), shown["food"]  # 1.234 mg
    you.shot("today-nl")

    you.goto("/settings")
    you.shot("settings-nl")
    form = you.page.locator("form#settings-form")
    form.locator("[name=language]").select_option("en")
    assert submit(you, form) == 200
    expect(you.page.locator("html")).to_have_attribute("lang", "en")
    you.page.reload()
    expect(you.page.locator("html")).to_have_attribute("lang", "en")
    you.goto(f"/today?date={day}")
    expect(you.page.locator("html")).to_have_attribute("lang", "en")
    assert magnesium_shown(you)["food"] == mg_text(food_mg, "en")


# --- 3. multi-user: a second person sees none of the first one's data --------------------------


def test_a_second_user_sees_nothing_of_the_first(
    multi_site: Site, visit: Callable[..., Visitor]
) -> None:
    alice = visit(multi_site)
    alice.goto("/")
    expect(alice.page).to_have_url(re.compile(r"/login"))
    alice.sign_up("alice")
    onboarded(alice)
    alice.goto("/log")
    day = logged_day(alice)
    log_food(alice, "almo", food_id(multi_site, "almonds"), "30 g", "12:30")
    [entry] = alice.entry_ids()
    alice_day = alice.api(f"/api/v1/day/{day}")
    assert alice_day["entries"] == 1 and alice_day["magnesium"]["food_mg"] > 0

    bob = visit(multi_site)
    bob.sign_up("bob")
    onboarded(bob, age="52", sex="male", weight="80", height="180", **NO_MEDICINE)
    bob.goto(f"/log?date={day}")
    assert bob.entry_ids() == []
    expect(bob.page.locator("table#entries")).not_to_contain_text(re.compile("almonds", re.I))
    bob.shot("log-second-user")
    bob.goto(f"/today?date={day}")
    expect(bob.page.locator("#mg-food")).to_have_text(mg_text(0, "en"))
    expect(bob.page.locator("#top-sources")).not_to_contain_text(re.compile("almonds", re.I))
    bob_day = bob.api(f"/api/v1/day/{day}")
    assert bob_day["entries"] == 0 and bob_day["magnesium"]["food_mg"] == 0

    assert bob.goto(f"/log/entry/{entry}/edit") == 404
    csrf = bob.page.locator("meta[name=csrf-token]").get_attribute("content") or ""
    answer = bob.context.request.post(
        multi_site.url(f"/log/entry/{entry}/delete"),
        form={"csrf_token": csrf, "date": day},
        max_redirects=0,
    )
    assert answer.status == 404, answer.status
    assert alice.api(f"/api/v1/day/{day}")["entries"] == 1
    alice.goto(f"/log?date={day}")
    assert alice.entry_ids() == [entry]


# --- 4. the keyboard alone ---------------------------------------------------------------------


def focused(visitor: Visitor) -> dict[str, str]:
    return dict(
        visitor.page.evaluate(
            """() => { const e = document.activeElement;
              return {tag: e.tagName, name: e.getAttribute("name") || "",
                      cls: e.className || "", type: e.getAttribute("type") || "",
                      form: e.form ? e.form.id : ""}; }"""
        )
    )


def test_onboarding_with_the_keyboard_only(local_site: Site, visit: Callable[..., Visitor]) -> None:
    you = visit(local_site, "en-GB")
    you.goto("/onboarding")
    you.page.keyboard.press("Tab")
    first = focused(you)
    assert first["tag"] == "A" and "skip" in first["cls"], first
    expect(you.page.locator(":focus")).to_have_attribute("href", "#main")

    typed = {"age": "45", "weight": "68", "height": "168", **MEDICINE}
    options = {"sex": "female", "activity": "moderate", "system": "us"}
    done: set[str] = set()
    for _step in range(80):
        you.page.keyboard.press("Tab")
        now = focused(you)
        if now["form"] != "onboarding-form":
            continue
        name = now["name"]
        if name in typed and name not in done:
            you.page.keyboard.type(typed[name])
            done.add(name)
        elif name in options and name not in done:
            # A closed select steps through its options with the arrow keys.
            select = you.page.locator(f"form#onboarding-form select[name={name}]")
            values = select.evaluate("e => [...e.options].map(o => o.value)")
            steps = values.index(options[name]) - select.evaluate("e => e.selectedIndex")
            for _move in range(abs(steps)):
                you.page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
            expect(you.page.locator(f"[name={name}]")).to_have_value(options[name])
            done.add(name)
        elif now["tag"] == "BUTTON" and now["type"] == "submit" and not now["name"]:
            break  # Save (not "Add another medicine", which has a name)
    else:
        raise AssertionError("Tab never reached the onboarding form's submit button")
    assert done == set(typed) | set(options), f"not reached by Tab: {set(typed) | set(options)}"
    with you.page.expect_navigation():
        you.page.keyboard.press("Enter")
    expect(you.page).to_have_url(re.compile(r"/today$"))
    person = show_profile(local_site.db, PROFILE)
    assert (person.sex, person.weight_kg, person.height_cm) == ("female", 68.0, 168.0)
    assert (person.activity, person.system) == ("moderate", "us")
    assert [(m.name, m.times) for m in person.medicines] == [("levothyroxine", (7 * 60,))]


# --- 5. trends ---------------------------------------------------------------------------------


def test_trends_draws_charts_after_two_logged_days(
    local_site: Site, visit: Callable[..., Visitor]
) -> None:
    you = visit(local_site, "en-GB")
    you.goto("/onboarding")
    onboarded(you)
    almonds = food_id(local_site, "almonds")
    today = date.today()
    for day in (today - timedelta(days=1), today):
        you.goto(f"/log?date={day.isoformat()}")
        log_food(you, "almo", almonds, "40 g", "12:00")
    you.goto("/trends")
    expect(you.page.locator("main#main h1")).to_be_visible()
    charts = you.page.locator("svg.chart")
    expect(charts.first).to_be_visible()
    assert charts.first.locator("path, rect, circle, polyline, line").count() > 0
    you.shot("trends-two-days")
