"""The Log page's barcode, typed (a normal form post, no script): a food of the table is chosen in
the food form with only its amount left; a supplement fills in the supplement form and asks
whether its number is the magnesium itself; a wrong check digit and an unknown code (online
look-up off) come back on the field, in English and in Dutch. Nothing is logged by a look-up."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from mgcoach.i18n import N_
from mgcoach.services.foods import add_food
from mgcoach.storage.off_cache import keep_product
from tests.foods import off_server as off
from tests.web.conftest import local_csrf
from tests.web.test_pages_log import TODAY, client, entries, field_error, flash, log  # noqa: F401
from tests.web.test_pages_log_basis import QUESTION, question_of
from tests.web.test_pages_onboarding import db_of, form_values, in_dutch

OWN_CODE = "8712345000011"  # a food of the person's own, with its barcode
LANGS = ("en", "nl")


def _look_up(client: TestClient, code: str, lang: str, **data: str) -> Response:  # noqa: F811
    return client.post(
        "/log/barcode",
        data={"csrf_token": local_csrf(client), "date": TODAY.isoformat(), "barcode": code, **data},
        headers={"Accept-Language": lang},
        follow_redirects=False,
    )


@pytest.fixture
def own_food(client: TestClient) -> str:  # noqa: F811
    food = add_food(db_of(client), "Pumpkin seed bread", {"magnesium_mg": 120.0}, barcode=OWN_CODE)
    return food.id


@pytest.mark.parametrize("lang", LANGS)
def test_a_food_s_barcode_chooses_it_and_leaves_the_amount(
    client: TestClient,  # noqa: F811
    own_food: str,
    lang: str,
) -> None:
    response = _look_up(client, "87 1234 5000 011", lang, meal="lunch")
    assert response.status_code == 303, response.text
    target = urlsplit(response.headers["location"])
    query = parse_qs(target.query)
    assert (target.path, query["food"], query["scanned"]) == ("/log", [own_food], [OWN_CODE])
    assert query["meal"] == ["lunch"]
    page = client.get(response.headers["location"], headers={"Accept-Language": lang}).text
    food = form_values(page, "log-food")
    assert (food["food_id"], food["food"], food["amount"]) == (own_food, "Pumpkin seed bread", "")
    assert re.search(r'<input id="food-amount"[^>]* autofocus>', page)
    said = in_dutch if lang == "nl" else (lambda m, **p: m.format(**p))
    assert flash(page) == said(
        N_("Barcode {code}: {food}. Give the amount and log it."),
        code=OWN_CODE, food="Pumpkin seed bread",
    )  # fmt: skip
    assert entries(client) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_supplement_fills_the_supplement_form_and_asks_the_basis(
    client: TestClient,  # noqa: F811
    lang: str,
) -> None:
    with db_of(client).begin() as connection:  # fetched from Open Food Facts before
        product = off.PRODUCTS[off.MAGNESIUM_CITRATE]["product"]
        keep_product(connection, off.MAGNESIUM_CITRATE, product)
    response = _look_up(client, off.MAGNESIUM_CITRATE, lang)
    assert response.status_code == 200, response.text
    page = response.text
    supplement = form_values(page, "log-supplement")
    citrate = "Magnesiumcitraat" if lang == "nl" else "Magnesium citrate"
    assert supplement["compound"].startswith(citrate)  # the knowledge base's name
    assert supplement["dose_mg"] == "200"
    assert QUESTION in page
    question = question_of(page)
    legend = N_("Is {amount} the magnesium itself, or the whole tablet?")
    amount = "200\u00a0mg"
    said = in_dutch(legend, amount=amount) if lang == "nl" else legend.format(amount=amount)
    assert question["legend"] == said
    assert question["checked"] == ""  # asked, never guessed
    assert '<details class="more-forms" open>' in page
    assert form_values(page, "log-food")["food_id"] == ""  # never a food
    assert entries(client) == []
    answered = log(client, "supplement", {**supplement, "basis": "elemental"})
    assert answered.status_code == 303, answered.text
    (entry,) = entries(client)
    assert (entry.kind, entry.fields()["elemental_mg"]) == ("supplement", 200.0)


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_check_digit_is_said_on_the_field(client: TestClient, lang: str) -> None:  # noqa: F811
    response = _look_up(client, "5449000000997", lang)
    assert response.status_code == 422
    message = N_(
        "The barcode {code} is mistyped: its last digit, the check digit, should be "
        "{expected}, not {given}."
    )
    params = {"code": "5449000000997", "expected": 6, "given": "7"}
    expected = in_dutch(message, **params) if lang == "nl" else message.format(**params)
    assert field_error(response.text, "barcode", "barcode") == expected
    assert form_values(response.text, "log-barcode")["barcode"] == "5449000000997"
    assert entries(client) == []


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_barcode_with_online_look_up_off_says_so(
    client: TestClient,  # noqa: F811
    lang: str,
) -> None:
    response = _look_up(client, off.PUMPKIN_SEEDS, lang)
    assert response.status_code == 422
    message = N_(
        "No food here has the barcode {code}, and unknown barcodes are not looked up "
        "online. You can add it as a food of your own."
    )
    params = {"code": off.PUMPKIN_SEEDS}
    expected = in_dutch(message, **params) if lang == "nl" else message.format(**params)
    assert field_error(response.text, "barcode", "barcode") == expected
    assert '<a href="/foods/own">' in response.text
    off_note = N_(
        "Barcodes are looked up here only: looking up unknown barcodes at Open Food Facts is off."
    )
    assert (in_dutch(off_note) if lang == "nl" else off_note) in response.text
    assert "MGCOACH_ONLINE" not in response.text and "--online" not in response.text
    assert entries(client) == []


def test_the_page_has_the_barcode_field_and_its_reader(client: TestClient) -> None:  # noqa: F811
    page = client.get("/log").text
    assert form_values(page, "log-barcode")["barcode"] == ""
    assert 'inputmode="numeric"' in page.split('id="barcode-barcode"')[1].split(">")[0]
    assert '<script src="/static/scan.js" defer></script>' in page
    assert 'id="scan-tools" class="scan-tools" hidden' in page  # shown by the script only
    script = client.get("/static/scan.js").text
    assert "/static/vendor/barcode-detector/" in script
    wasm = client.get("/static/vendor/barcode-detector/zxing_reader.wasm")
    assert wasm.status_code == 200 and wasm.content[:4] == b"\0asm"
    assert wasm.headers["content-type"] == "application/wasm"
    policy = wasm.headers["content-security-policy"]
    assert "script-src 'self' 'wasm-unsafe-eval';" in policy and "unsafe-inline" not in policy
    assert "camera=(self)" in wasm.headers["permissions-policy"]


def test_a_supplement_naming_no_compound_fills_its_label_line(client: TestClient) -> None:  # noqa: F811
    with db_of(client).begin() as connection:
        product = off.PRODUCTS[off.MAGNESIUM_PLAIN]["product"]
        keep_product(connection, off.MAGNESIUM_PLAIN, product)
    response = _look_up(client, off.MAGNESIUM_PLAIN, "en")
    assert response.status_code == 200, response.text
    supplement = form_values(response.text, "log-supplement")
    assert (supplement["label"], supplement["compound"]) == ("Magnesium 187.5 mg", "")
    assert "names no compound" in flash(response.text)
    assert entries(client) == []
