"""A dietitian's Clients page and a client's read-only Today and Trends, and the person's
sharing section on the Account page, on a 360 px phone and a wide screen, in English and
Dutch: nothing scrolls sideways, even with a client's long account name (one word), and the
list's pages (22 clients) with their pager."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import When, log_food, log_supplement, log_symptom
from mgcoach.web.context import PROFILE
from tests.web.browser.conftest import Site, Visitor
from tests.web.browser.test_phone_layout import LOCALES, check_pages, phone_shots
from tests.web.sharing_support import accepted_client

__all__ = ["phone_shots"]  # the fixture, used here under its name

TODAY = date.today()
LONG_NAME = "anna.van-der-heijden-van-oosterhout-tot-de-langewaardsewetering"


def _client(site: Site) -> None:
    """A client with three weeks of food, a supplement above the upper limit and chest pain."""
    db, kb = site.db, site.kb
    set_profile(db, kb, PROFILE, ProfileChanges(age=38, sex="female"), TODAY, LONG_NAME)
    for back in range(21):
        day = TODAY - timedelta(days=back)
        log_food(db, When(PROFILE, day, 8 * 60, owner=LONG_NAME), "almonds", "30 g")
    when = When(PROFILE, TODAY - timedelta(days=1), 21 * 60, owner=LONG_NAME)
    log_supplement(db, kb, when, "citrate", 400.0, None, basis="elemental")
    log_symptom(db, kb, when, "chest pain")


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_the_clients_pages_fit_a_phone(
    lang: str, multi_site: Site, visit: Callable[..., Visitor], phone_shots: Path
) -> None:
    dietitian = visit(multi_site, LOCALES[lang])
    dietitian.sign_up("dora")
    person = visit(multi_site, LOCALES[lang])
    person.sign_up("bea")
    share = accepted_client(multi_site.db, "dora", LONG_NAME)  # the account first
    _client(multi_site)
    for n in range(1, 22):  # 22 clients: two pages, with the pager above and below the list
        accepted_client(multi_site.db, "dora", f"client{n:02d}")
    dietitian.goto("/clients")
    form = dietitian.page.locator("form#invite-form")
    form.locator("[name=name]").fill("bea")
    with dietitian.page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert dietitian.page.locator("#invite-sent").is_visible()
    pages = {
        "clients": "/clients",
        "clients-page-2": "/clients?page=2",
        "client-today": f"/clients/{share}/today",
        "client-trends": f"/clients/{share}/trends",
    }
    problems, _report = check_pages(dietitian, pages, lang, phone_shots)
    dietitian.goto("/clients")
    assert dietitian.page.locator("[data-flagged=true]").count() == 1
    assert dietitian.page.locator("nav.pager a[rel=next]").count() == 2
    found, _ = check_pages(person, {"account-shares": "/account"}, lang, phone_shots)
    problems += found
    assert person.page.locator('#share-list [data-status="invited"]').count() == 1
    assert not problems, "\n".join(problems)
