"""The Experiment page (/experiment) on a 360 px phone and a wide screen, in English and Dutch:
nothing scrolls sideways on the start form and on a running experiment, and the day's
check-in is one tap on an answer button inside the screen."""

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
    problems_of,
    seed,
)
from tests.web.browser.test_phone_layout import (
    phone_shots as phone_shots,  # a fixture
)


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_the_experiment_page_fits_a_phone(
    lang: str, local_site: Site, visit: Callable[..., Visitor], phone_shots: Path
) -> None:
    seed(local_site)
    visitor = visit(local_site, LOCALES[lang])
    problems, _report = check_pages(visitor, {"experiment": "/experiment"}, lang, phone_shots)
    visitor.page.set_viewport_size(SIZES["360"])
    visitor.goto("/experiment")
    form = visitor.page.locator("form#start-form")
    form.locator("[name=outcome]").select_option("soreness")
    with visitor.page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert visitor.page.locator("#checkin-form").is_visible()
    button = visitor.page.locator("#checkin-form button[name=value][value='3']")
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert box["width"] >= 24 and box["height"] >= 24
    with visitor.page.expect_navigation():
        button.click()
    assert visitor.page.locator("#checked-in").is_visible()
    assert visitor.page.locator("#checkin-form button[aria-pressed=true]").inner_text() == "3"
    measured = visitor.page.evaluate(MEASURE)
    problems += [f"360 px {lang} {p}" for p in problems_of("running experiment", measured)]
    visitor.page.screenshot(path=str(phone_shots / f"experiment-{lang}-360.png"), full_page=True)
    visitor.page.set_viewport_size(SIZES["1280"])
    visitor.goto("/experiment")
    measured = visitor.page.evaluate(MEASURE)
    problems += [f"1280 px {lang} {p}" for p in problems_of("running experiment", measured)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_no_axe_violations_on_the_experiment_page(
    lang: str, local_site: Site, visit: Callable[..., Visitor]
) -> None:
    """axe-core (tests/web/browser/test_axe.py) on each state: the start form, refused, a
    running experiment with a check-in (buttons and the number field), stopping refused."""
    from tests.web.browser.test_axe import Audit

    seed(local_site)
    audit = Audit(visit(local_site, LOCALES[lang]), lang)
    audit.goto("experiment, start form", "/experiment")
    audit.submit("experiment, start refused", "form#start-form", {"pairs": "2"})
    audit.submit("experiment running", "form#start-form", {"pairs": "6"}, status=200)
    audit.submit("experiment, check-in refused", "form#checkin-form", {"typed": "99"})
    audit.goto("experiment, checked in", "/experiment")
    audit.submit("experiment, stop refused", "form#stop-form", {"reason": ""})
    assert not audit.found, audit.verdict()
