"""The opt-in Open Food Facts look-up (services/food_barcode.py) with the real httpx client
against a stand-in on 127.0.0.1 (tests/foods/off_server.py): found, not found, a timeout, a
malformed answer, a 500 then the product, a refused connection, OFF's data-quality flags, a
water's magnesium per litre, a supplement; the product kept for an offline look-up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mgcoach.errors import UnknownFoodError
from mgcoach.foods.barcode import BadBarcodeError, OfflineError, ProductNotFoundError
from mgcoach.foods.importers.off_online import USER_AGENT
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.database import Database
from mgcoach.services.food_barcode import lookup_barcode
from mgcoach.services.foods import search_foods, show_food
from mgcoach.settings import Settings
from tests.foods import off_server as off
from tests.foods.off_server import OffServer


@pytest.fixture
def server() -> Iterator[OffServer]:
    with off.off_server() as running:
        yield running


def _settings(url: str, *, online: bool = True, timeout: float = 5.0) -> Settings:
    return Settings(Path("."), "sqlite://", online=online, off_url=url, off_timeout_s=timeout)


def test_a_food_is_fetched_once_kept_and_found_offline_after(
    db: Database, kb: KnowledgeBase, server: OffServer
) -> None:
    found = lookup_barcode(db, kb, off.PUMPKIN_SEEDS, settings=_settings(server.url))
    assert found.origin == "online" and found.kind == "food"
    assert found.food.value("magnesium_mg") == pytest.approx(550)
    assert (found.food.brand, found.food.barcode) == ("Notenbar", off.PUMPKIN_SEEDS)
    assert found.food.name_nl == "Pompoenpitten" and found.fetched_at is not None
    [request] = server.requests
    assert request["headers"]["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("MgCoach/")
    assert request["path"] == f"/api/v2/product/{off.PUMPKIN_SEEDS}"
    assert "nutriments" in request["query"]["fields"][0].split(",")

    again = lookup_barcode(db, kb, off.PUMPKIN_SEEDS, settings=_settings(off.refused_url()))
    assert again.origin == "cache" and again.fetched_at == found.fetched_at
    assert len(server.requests) == 1
    assert show_food(db, off.PUMPKIN_SEEDS).id == f"off:{off.PUMPKIN_SEEDS}"
    assert search_foods(db, "pompoenpitten notenbar").foods[0].barcode == off.PUMPKIN_SEEDS


def test_a_food_without_magnesium_has_it_unknown_not_zero(
    db: Database, kb: KnowledgeBase, server: OffServer
) -> None:
    found = lookup_barcode(db, kb, off.COLA, settings=_settings(server.url))
    assert found.food.value("magnesium_mg") is None
    assert found.food.value("energy_kcal") == pytest.approx(42)
    assert found.quality_warnings == ("en:nutrition-value-very-low-for-category-energy",)


def test_offs_data_quality_errors_make_every_value_unknown(
    db: Database, kb: KnowledgeBase, server: OffServer
) -> None:
    found = lookup_barcode(db, kb, off.QUALITY_ERROR, settings=_settings(server.url))
    assert found.quality_errors and found.quality_errors[0].startswith("en:energy-value")
    assert [p.value for p in found.problems] == ["data_quality_error"]
    assert all(value is None for value in found.food.per_100g.values())


def test_a_waters_magnesium_per_litre_is_not_taken_per_100_ml(
    db: Database, kb: KnowledgeBase, server: OffServer
) -> None:
    found = lookup_barcode(db, kb, off.WATER_PER_LITRE, settings=_settings(server.url))
    assert found.food.value("magnesium_mg") is None
    assert [p.value for p in found.problems] == ["water_magnesium_per_litre"]


def test_a_supplement_says_so_with_its_magnesium_per_unit(
    db: Database, kb: KnowledgeBase, server: OffServer
) -> None:
    found = lookup_barcode(db, kb, off.MAGNESIUM_CITRATE, settings=_settings(server.url))
    assert found.kind == "supplement" and found.supplement is not None
    assert found.supplement.magnesium_mg == pytest.approx(200)
    assert (found.supplement.unit, found.supplement.basis) == ("tablet", "unknown")
    assert found.supplement.compound is not None and "citrate" in found.supplement.compound
    # Kept for the next look-up, but never put among the foods.
    with pytest.raises(UnknownFoodError):
        show_food(db, off.MAGNESIUM_CITRATE)
    assert lookup_barcode(db, kb, off.MAGNESIUM_CITRATE, online=False).origin == "cache"
    plain = lookup_barcode(db, kb, off.MAGNESIUM_PLAIN, settings=_settings(server.url))
    assert plain.supplement is not None and plain.supplement.compound is None
    assert plain.supplement.magnesium_mg == pytest.approx(187.5)  # 375 mg per 2 tablets
    assert plain.supplement.units_per_serving == 2


@pytest.mark.parametrize("code", [off.NOT_FOUND_STATUS_0, off.NOT_FOUND_404])
def test_an_unknown_product_is_not_found(
    db: Database, kb: KnowledgeBase, server: OffServer, code: str
) -> None:
    with pytest.raises(ProductNotFoundError) as caught:
        lookup_barcode(db, kb, code, settings=_settings(server.url))
    assert caught.value.code == "not_found"


def test_a_timeout_is_offline(db: Database, kb: KnowledgeBase, server: OffServer) -> None:
    server.sleep_s = 1.0
    with pytest.raises(OfflineError) as caught:
        lookup_barcode(db, kb, off.SLOW, settings=_settings(server.url, timeout=0.2))
    assert caught.value.code == "offline" and caught.value.http_status == 503
    assert len(server.requests) == 1  # a timeout is not tried again


def test_a_malformed_answer_is_offline_and_nothing_is_kept(
    db: Database, kb: KnowledgeBase, server: OffServer
) -> None:
    with pytest.raises(OfflineError):
        lookup_barcode(db, kb, off.MALFORMED, settings=_settings(server.url))
    with pytest.raises(ProductNotFoundError):
        lookup_barcode(db, kb, off.MALFORMED, online=False, settings=_settings(server.url))


def test_a_500_is_tried_once_more(db: Database, kb: KnowledgeBase, server: OffServer) -> None:
    found = lookup_barcode(db, kb, off.FLAKY, settings=_settings(server.url))
    assert found.food.value("magnesium_mg") == pytest.approx(228)
    assert len(server.requests) == 2


def test_a_refused_connection_is_offline(db: Database, kb: KnowledgeBase) -> None:
    with pytest.raises(OfflineError) as caught:
        lookup_barcode(db, kb, off.PUMPKIN_SEEDS, settings=_settings(off.refused_url()))
    assert caught.value.code == "offline"


def test_a_upc_a_is_asked_and_found_as_its_ean_13(
    db: Database, kb: KnowledgeBase, server: OffServer
) -> None:
    found = lookup_barcode(db, kb, off.UPC_A, settings=_settings(server.url))
    assert found.food.barcode == "0036000291452"
    assert server.requests[0]["path"].endswith("/0036000291452")
    assert show_food(db, off.UPC_A).barcode == "0036000291452"


def test_without_opting_in_no_request_is_made(
    db: Database, kb: KnowledgeBase, server: OffServer
) -> None:
    with pytest.raises(ProductNotFoundError) as caught:
        lookup_barcode(db, kb, off.PUMPKIN_SEEDS, settings=_settings(server.url, online=False))
    assert caught.value.fields == ("online",)
    assert "off" in str(caught.value)
    with pytest.raises(BadBarcodeError):
        lookup_barcode(db, kb, "8712345000104", settings=_settings(server.url))
    assert server.requests == []
