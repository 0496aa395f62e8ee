"""Your own foods in Chromium on a 360 px phone (issue 17), in English and Dutch: a recipe
typed on the phone (Dutch decimal commas) is saved and shown with its magnesium per serving,
nothing scrolls sideways, and its "Log this" opens the Log with the recipe chosen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from mgcoach.services.foods import add_food
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.web.context import PROFILE
from tests.web.browser.conftest import Site, Visitor, fill

LOCALES = {"en": "en-GB", "nl": "nl-NL"}
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_a_recipe_typed_on_a_phone(
    lang: str, local_site: Site, visit: Callable[..., Visitor]
) -> None:
    db = local_site.db
    set_profile(db, local_site.kb, PROFILE, ProfileChanges(age=45, sex="female"), date.today(),
                "local")  # fmt: skip
    add_food(db, "Zorblax seed bar", {"magnesium_mg": 200.0}, name_nl="Zorblaxzadenreepje")
    visitor = visit(local_site, LOCALES[lang])
    visitor.page.set_viewport_size({"width": 360, "height": 740})
    assert visitor.goto("/foods") == 200
    with visitor.page.expect_navigation():
        visitor.page.locator("#add-own-food").click()
    assert visitor.path() == "/foods/own"
    assert visitor.page.evaluate(FITS), "the empty page scrolls sideways"
    form = visitor.page.locator("form#own-recipe")
    fill(form, {"recipe_name": "Voorjaarsontbijtschaaltje", "servings": "2",
                "ingredients": "Zorblax seed bar = 50 g\nZorblax seed bar = 0,5 g"})  # fmt: skip
    with visitor.page.expect_navigation():
        form.locator("button[type=submit]").click()
    card = visitor.page.locator("#added")
    assert card.get_attribute("data-kind") == "recipe"
    # 50.5 g of 200 mg per 100 g, in two servings: 50.5 mg each.
    headline = visitor.page.locator("#added-headline").inner_text()
    assert headline.startswith("50,5" if lang == "nl" else "50.5"), headline
    assert visitor.page.evaluate(FITS), "the saved recipe scrolls sideways"
    visitor.shot(f"foods-own-recipe-{lang}-360")
    with visitor.page.expect_navigation():
        visitor.page.locator("#added-log").click()
    assert visitor.path().startswith("/log?food=recipe")
    assert visitor.page.locator("#food-food").input_value() == "Voorjaarsontbijtschaaltje"
    # A mistake is shown on its field, in the page's language, the typed text kept.
    visitor.goto("/foods/own")
    water = visitor.page.locator("form#own-water")
    fill(water, {"water_name": "Spa", "water_magnesium_mg": "veel"})
    with visitor.page.expect_navigation():
        water.locator("button[type=submit]").click()
    error = visitor.page.locator("#e-water_magnesium_mg").inner_text()
    assert error == ("veel is geen getal." if lang == "nl" else "veel is not a number.")
    assert visitor.page.locator("#error-summary").is_visible()
    assert visitor.page.evaluate(FITS), "the refused form scrolls sideways"
