"""Scanning on the Log page in Chromium: a photo of a barcode (the file input, the fallback when no
camera is allowed) is read in the page by the vendored BarcodeDetector ponyfill (Chromium on
Linux has no BarcodeDetector of its own), its WebAssembly served from /static under the strict
Content-Security-Policy, and the food with that barcode is chosen in the food form, only its
amount left to type; then the camera, Chromium's fake one playing a video of the barcode."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, FilePayload, Playwright

from mgcoach.services.foods import add_food
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.web.context import PROFILE
from tests.web.browser.barcode_image import png, y4m
from tests.web.browser.conftest import CHROMIUM_ARGS, Site, Visitor, require_chromium

CODE = "8712345000011"
READ_MS = 20_000  # the first read compiles 1 MB of WebAssembly


def _site_with_a_barcode_food(site: Site) -> str:
    set_profile(site.db, site.kb, PROFILE, ProfileChanges(age=40, sex="female"), date.today())
    return add_food(site.db, "Pumpkin seed bread", {"magnesium_mg": 120.0}, barcode=CODE).id


def _food_chosen(visitor: Visitor, food_id: str) -> None:
    page = visitor.page
    page.wait_for_url("**/log?*scanned=*", timeout=READ_MS)
    assert page.locator("#log-food [name=food_id]").input_value() == food_id
    assert page.locator("#food-food").input_value() == "Pumpkin seed bread"
    assert page.evaluate("document.activeElement && document.activeElement.id") == "food-amount"
    assert CODE in page.locator("#flash").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("locale", ["en-GB", "nl-NL"])
def test_a_photo_of_a_barcode_chooses_the_food(
    local_site: Site, visit: Callable[..., Visitor], locale: str
) -> None:
    food_id = _site_with_a_barcode_food(local_site)
    visitor = visit(local_site, locale)
    page = visitor.page
    page.set_viewport_size({"width": 360, "height": 740})
    visitor.goto("/log")
    assert page.locator("#scan-tools").is_visible()  # the script shows what it can do
    assert page.evaluate("'BarcodeDetector' in window") is False  # the ponyfill is what reads
    photo: FilePayload = {"name": "barcode.png", "mimeType": "image/png", "buffer": png(CODE)}
    page.locator("#scan-photo").set_input_files(photo)
    _food_chosen(visitor, food_id)
    visitor.shot(f"log-scan-photo-{locale}")


def test_a_photo_without_a_barcode_says_so(local_site: Site, visit: Callable[..., Visitor]) -> None:
    _site_with_a_barcode_food(local_site)
    visitor = visit(local_site)
    visitor.goto("/log")
    photo: FilePayload = {"name": "photo.png", "mimeType": "image/png", "buffer": png(None)}
    visitor.page.locator("#scan-photo").set_input_files(photo)
    status = visitor.page.locator("#scan-status")
    status.filter(has_text="No barcode found in the photo").wait_for(timeout=READ_MS)
    assert visitor.path() == "/log"


@pytest.fixture
def camera_browser(playwright_driver: Playwright, tmp_path: Path) -> Iterator[Browser]:
    """A Chromium whose camera is a fake one playing a still video of the barcode."""
    video = tmp_path / "barcode.y4m"
    video.write_bytes(y4m(CODE))
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
        "--use-fake-ui-for-media-stream",
    ]
    chromium = playwright_driver.chromium.launch(
        executable_path=str(require_chromium()), headless=True, args=args
    )
    yield chromium
    chromium.close()


def test_the_camera_reads_a_barcode_and_chooses_the_food(
    local_site: Site, camera_browser: Browser, screenshots: Path
) -> None:
    food_id = _site_with_a_barcode_food(local_site)
    visitor = Visitor(camera_browser, local_site, "en-GB", screenshots)
    try:
        visitor.context.grant_permissions(["camera"], origin=local_site.origin)
        visitor.goto("/log")
        camera = visitor.page.locator("#scan-camera")
        assert camera.is_visible()
        camera.click()
        _food_chosen(visitor, food_id)
        assert not visitor.blocked and not visitor.errors, (visitor.blocked, visitor.errors)
    finally:
        visitor.context.close()
