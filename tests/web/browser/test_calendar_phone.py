"""The calendar reminders page (/settings/calendar) on a 360 px phone and a wide screen, in
English and Dutch: nothing scrolls sideways before and after a link is made, and the new link
(one long word) is shown once, inside the screen, and is gone when the page is opened again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.web.browser.conftest import Site, Visitor
from tests.web.browser.test_phone_layout import (
    LOCALES,
    MEASURE,
    SIZES,
    check_pages,
    phone_shots,
    problems_of,
    seed,
)

__all__ = ["phone_shots"]  # the fixture, used here under its name


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_the_calendar_page_fits_a_phone(
    lang: str, local_site: Site, visit: Callable[..., Visitor], phone_shots: Path
) -> None:
    seed(local_site)
    visitor = visit(local_site, LOCALES[lang])
    problems, _report = check_pages(visitor, {"calendar": "/settings/calendar"}, lang, phone_shots)
    visitor.page.set_viewport_size(SIZES["360"])
    visitor.goto("/settings/calendar")
    form = visitor.page.locator("form#calendar-form")
    form.locator("[name=tz]").fill("America/Argentina/Buenos_Aires")
    with visitor.page.expect_navigation():
        form.locator("button[type=submit]").click()
    shown = visitor.page.locator("#calendar-url")
    assert shown.is_visible()
    link = shown.input_value()
    assert "/api/v1/schedule.ics?token=" in link
    box = shown.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    measured = visitor.page.evaluate(MEASURE)
    problems += [f"360 px {lang} {p}" for p in problems_of("new calendar link", measured)]
    visitor.page.screenshot(path=str(phone_shots / f"calendar-link-{lang}-360.png"), full_page=True)
    visitor.goto("/settings/calendar")
    assert link.split("token=")[1] not in visitor.page.content()
    assert visitor.page.locator("#calendar-link-made").is_visible()
    assert not problems, "\n".join(problems)
