"""A whole first day in Chromium, as a Cronometer user switching to Mg Coach does it, on a 360 px
phone and a 1280 px screen, in English and in Dutch: onboarding, yesterday's breakfast and a
snack logged with the form, then today a recent food in one tap, yesterday's breakfast copied,
a quick add, an own recipe built and logged, and a Cronometer export uploaded; then Today,
Plan and Trends. Every page fits the width (no sideways scrolling) and is saved as a
screenshot; the numbers Today shows are the API's, and the API's are the sum of what was
logged."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from mgcoach.services.journal_log import list_entries
from mgcoach.web.context import PROFILE
from tests.journal.importers import samples
from tests.web.browser.conftest import Site, Visitor, fill
from tests.web.browser.test_flows import (
    log_food,
    magnesium_expected,
    magnesium_shown,
    onboarded,
    submit,
)

OATS, ALMONDS = "usda:08120", "usda:12061"
SIZES = {"phone": (360, 740), "desktop": (1280, 900)}
CASES = [(size, locale) for size in SIZES for locale in ("en-GB", "nl-NL")]


def fits(you: Visitor, name: str) -> None:
    """No sideways scrolling, and a screenshot of the page as it is."""
    width = you.page.evaluate("document.documentElement.scrollWidth")
    inner = you.page.evaluate("window.innerWidth")
    assert width <= inner, f"{name}: {width} px wide in a {inner} px window"
    you.shot(name)


def cronometer_file(first: date) -> bytes:
    """A servings.csv of two days before ``first``'s next: oats and almonds (193.0 mg)."""
    servings = [
        samples.Serving(first, 8 * 60, "Breakfast", "Oats, rolled", "1.00 cup - 81g",
                        "Breakfast Cereals", samples.OATS),
        samples.Serving(first, 15 * 60, "Snacks", "Almonds", "30.00 g", "Nuts and Seeds",
                        samples.ALMONDS),
    ]  # fmt: skip
    return samples.servings_csv(servings)


def own_recipe(you: Visitor, name: str) -> None:
    """Build a recipe on the own-foods page and follow its "Log this" to the Log page."""
    assert you.goto("/foods/own") == 200
    form = you.page.locator("form#own-recipe")
    fill(form, {"recipe_name": name, "servings": "2", "ingredients": "oats = 80 g\nmilk = 300 g"})
    assert submit(you, form) == 200
    expect(you.page.locator("#added")).to_be_visible()
    with you.page.expect_navigation():
        you.page.locator("#added-log").click()
    expect(you.page.locator("form#log-food [name=food_id]")).not_to_have_value("")
    form = you.page.locator("form#log-food")
    fill(form, {"amount": "1 serving"})
    assert submit(you, form) == 200


@pytest.mark.parametrize(("size", "locale"), CASES, ids=[f"{s}-{loc[:2]}" for s, loc in CASES])
def test_a_first_day_from_onboarding_to_trends(
    local_site: Site, visit: Callable[..., Visitor], size: str, locale: str
) -> None:
    width, height = SIZES[size]
    lang = locale[:2]
    name = f"flow-{lang}-{width}"
    you = visit(local_site, locale)
    you.page.set_viewport_size({"width": width, "height": height})
    today = date.today()
    yesterday = today - timedelta(days=1)

    you.goto("/")
    expect(you.page).to_have_url(re.compile(r"/onboarding$"))
    fits(you, f"{name}-onboarding")
    onboarded(you, **{"med-0-name": "", "med-0-times": ""})

    # Yesterday, with the form: breakfast and a snack.
    you.goto(f"/log?date={yesterday.isoformat()}")
    log_food(you, "havermout" if lang == "nl" else "oats", OATS, "40 g", "08:00", "breakfast")
    log_food(you, "amandel" if lang == "nl" else "almond", ALMONDS, "30 g", "15:30", "snacks")

    # Today: a recent food in one tap, yesterday's breakfast copied, a quick add.
    you.goto("/log")
    chip = you.page.locator("form[action='/log/again'] button.chip").first
    expect(chip).to_contain_text("30 g")
    with you.page.expect_navigation():
        chip.click()
    copy = you.page.locator("form.copy-day")
    copy.locator("select[name=meal]").select_option("breakfast")
    assert submit(you, copy) == 200
    quick = you.page.locator("details.quick")
    quick.locator("summary").click()
    label = "Lunch out" if lang == "en" else "Lunch buiten de deur"
    kcal = "650,5" if lang == "nl" else "650.5"
    fill(quick, {"label": label, "magnesium_mg": "120", "energy_kcal": kcal})
    assert submit(you, quick.locator("form")) == 200
    fits(you, f"{name}-log")

    own_recipe(you, "Overnight oats")
    entries = list_entries(local_site.db, PROFILE, today, today)[1]
    kinds = sorted((e.kind, getattr(e, "food_id", None) or "") for e in entries)
    assert len(entries) == 4, kinds

    # A Cronometer export of two days last week, uploaded on the Data page, with its report.
    imported = today - timedelta(days=5)
    assert you.goto("/data") == 200
    you.page.locator("input[name=files]").set_input_files(
        files=[{"name": "servings.csv", "mimeType": "text/csv",
                "buffer": cronometer_file(imported)}]
    )  # fmt: skip
    assert submit(you, you.page.locator("form#import-form")) == 200
    expect(you.page.locator("#import-report")).to_be_visible()
    fits(you, f"{name}-data-report")
    day = you.api(f"/api/v1/day/{imported.isoformat()}")
    assert day["magnesium"]["food_mg"] == pytest.approx(193.0, abs=0.05)

    # Today shows the API's numbers, and they are what was logged.
    assert you.goto("/today") == 200
    api = you.api(f"/api/v1/day/{today.isoformat()}")
    mg = api["magnesium"]
    logged = sum(e.magnesium_mg or 0.0 for e in entries)  # type: ignore[attr-defined]
    assert mg["food_mg"] == pytest.approx(logged, abs=0.05)
    assert magnesium_shown(you) == magnesium_expected(api, lang)
    fits(you, f"{name}-today")
    for page in ("plan", "trends"):
        assert you.goto(f"/{page}") == 200
        expect(you.page.locator("main#main h1")).to_be_visible()
        fits(you, f"{name}-{page}")
    charts = you.page.locator("main svg")
    assert charts.count() >= 1
