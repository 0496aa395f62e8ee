"""Onboarding in a real browser: "Add another medicine" adds the row in place (no page load),
with fresh ids and names, the focus in it; the rows save; Enter in a field saves; a failed save
leaves the focus on the error summary."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from mgcoach.services.journal import show_profile
from mgcoach.web.context import PROFILE
from tests.web.browser.conftest import Site, Visitor, fill

pytestmark = pytest.mark.browser


def _ids(visitor: Visitor) -> list[str]:
    found: list[str] = visitor.page.evaluate(
        "() => [...document.querySelectorAll('[id]')].map(e => e.id)"
    )
    return found


def test_rows_are_added_in_place_and_saved(local_site: Site, visit: Callable[..., Visitor]) -> None:
    you = visit(local_site, "en-GB")
    you.goto("/onboarding")
    form = you.page.locator("form#onboarding-form")
    fill(form, {"age": "45", "med-0-name": "omeprazole 07:30", "med-1-name": "metformin",
                "med-1-times": "8:00 and 20:00"})  # fmt: skip
    url = you.page.url
    you.page.locator("#add-med-row").click()
    expect(you.page.locator("li.med-row")).to_have_count(3)
    assert you.page.url == url  # no page load: what was typed is still there
    expect(you.page.locator("#f-med-2-name")).to_be_focused()
    expect(you.page.locator("li.med-row").nth(2).locator("legend").first).to_have_text("Medicine 3")
    ids = _ids(you)
    assert len(ids) == len(set(ids))
    you.page.keyboard.type("alendronate")
    you.page.locator("#f-med-2-times").fill("07:00")
    you.page.locator("li.med-row").nth(2).locator("summary").click()
    you.page.locator("#f-med-2-day-mon").check()
    form.locator("[name=sex]").select_option("female")
    with you.page.expect_navigation():
        you.page.locator("#f-med-2-times").press("Enter")  # Enter saves
    expect(you.page).to_have_url(re.compile(r"/today$"))
    person = show_profile(local_site.db, PROFILE)
    assert [(m.name, m.times, m.frequency.spec) for m in person.medicines] == [
        ("omeprazole", (450,), "daily"),
        ("metformin", (480, 1200), "daily"),
        ("alendronate", (420,), "weekly:mon"),
    ]


def test_a_failed_save_focuses_the_error_summary(
    local_site: Site, visit: Callable[..., Visitor]
) -> None:
    you = visit(local_site, "en-GB")
    assert you.onboard({"age": "250", "sex": "female", "med-0-name": "frobnicol"}) == 422
    summary = you.page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("a")).to_have_count(2)
    summary.locator("a").nth(1).click()
    expect(you.page.locator("#f-med-0-name")).to_be_focused()
