"""The daily loop in Chromium, counted as a person does it: a food logged yesterday is logged
again today in two interactions (open the Log page, tap its chip), on a 360 px phone, with the
day's magnesium in view at the top while logging; the next food goes in the same meal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import When, list_entries, log_food
from mgcoach.web.context import PROFILE
from tests.web.browser.conftest import Site, Visitor


def test_a_recent_food_in_two_interactions(local_site: Site, visit: Callable[..., Visitor]) -> None:
    today = date.today()
    set_profile(local_site.db, local_site.kb, PROFILE, ProfileChanges(age=52, sex="male"), today)
    yesterday = When(PROFILE, today - timedelta(days=1), 21 * 60, origin="web")
    log_food(local_site.db, yesterday, "usda:12061", "30 g", "snacks")
    visitor = visit(local_site)
    visitor.page.set_viewport_size({"width": 360, "height": 740})
    interactions = 0

    visitor.goto("/log")
    interactions += 1
    chip = visitor.page.locator("form[action='/log/again'] button.chip").first
    assert "30 g" in chip.inner_text()
    with visitor.page.expect_navigation():
        chip.click()
    interactions += 1

    logged = list_entries(local_site.db, PROFILE, today, today)[1]
    assert [(e.food_id, e.amount_text) for e in logged] == [("usda:12061", "30 g")]
    assert interactions <= 3
    page = visitor.page
    # The day's magnesium in view at the top, and no sideways scrolling on the phone.
    progress = page.locator("#day-progress")
    assert "81 mg of 420 mg" in progress.inner_text().replace("\xa0", " ")
    box = progress.bounding_box()
    assert box is not None and box["y"] < 740
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # After a log the food field has the focus, ready for the next food.
    assert page.evaluate("document.activeElement && document.activeElement.id") == "food-food"
    visitor.shot("log-loop-360")
