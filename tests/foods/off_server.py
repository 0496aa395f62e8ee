"""A small Open Food Facts stand-in on 127.0.0.1 for the barcode tests: the real httpx client
talks to it over a real socket, and no test reaches the internet.

The products are written from OFF's documented API v2 answer (``GET /api/v2/product/{code}``:
``{"code", "product": {...}, "status": 1, "status_verbose": "product found"}``; an unknown code
``{"code", "status": 0, "status_verbose": "product not found"}``, HTTP 404 today, 200 on older
servers). Minerals are in grams per 100 g (``magnesium_100g``) and per serving
(``magnesium_serving``), as OFF stores them. The products and codes are made up.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

PUMPKIN_SEEDS = "8712345000103"  # a food with magnesium
COLA = "5449000000996"  # a food without magnesium
MAGNESIUM_CITRATE = "8712345000202"  # a supplement naming its compound
MAGNESIUM_PLAIN = "8712345000301"  # a supplement naming no compound, 2 tablets a serving
QUALITY_ERROR = "8712345000400"  # OFF marks its nutrition data as wrong
WATER_PER_LITRE = "8712345000509"  # a water with its magnesium per litre typed per 100 ml
NOT_FOUND_STATUS_0 = "8712345000608"  # 200 with status 0
NOT_FOUND_404 = "8712345000707"
SLOW = "8712345000806"  # answers after the client's timeout
MALFORMED = "8712345000905"  # a body that is not JSON
FLAKY = "73610052"  # 500 once, then the product (EAN-8)
UPC_A = "036000291452"  # a UPC-A, served as its EAN-13 0036000291452


def _found(code: str, product: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": code,
        "product": {"code": code, **product},
        "status": 1,
        "status_verbose": "product found",
    }


PRODUCTS: dict[str, dict[str, Any]] = {
    PUMPKIN_SEEDS: _found(PUMPKIN_SEEDS, {
        "product_name": "Pumpkin seeds", "product_name_nl": "Pompoenpitten",
        "brands": "Notenbar", "quantity": "200 g", "lang": "nl",
        "serving_size": "30 g", "serving_quantity": 30, "serving_quantity_unit": "g",
        "categories_tags": ["en:plant-based-foods", "en:seeds", "en:pumpkin-seeds"],
        "labels_tags": ["en:vegan"], "allergens_tags": [],
        "data_quality_errors_tags": [], "data_quality_warnings_tags": [],
        "nutriments": {
            "energy-kcal_100g": 574, "proteins_100g": 29.8, "fat_100g": 49.1,
            "carbohydrates_100g": 14.7, "fiber_100g": 6.5, "sodium_100g": 0.018,
            "magnesium_100g": 0.55, "magnesium_unit": "mg", "magnesium_value": 550,
            "iron_100g": 0.0088, "zinc_100g": 0.0078,
        },
    }),
    COLA: _found(COLA, {
        "product_name": "Coca-Cola", "brands": "Coca-Cola", "quantity": "1 l", "lang": "en",
        "serving_size": "250 ml", "serving_quantity": 250, "serving_quantity_unit": "ml",
        "categories_tags": ["en:beverages", "en:sodas", "en:colas"],
        "data_quality_errors_tags": [],
        "data_quality_warnings_tags": ["en:nutrition-value-very-low-for-category-energy"],
        "nutriments": {
            "energy-kcal_100g": 42, "carbohydrates_100g": 10.6, "fat_100g": 0,
            "proteins_100g": 0, "sodium_100g": 0,
        },
    }),
    MAGNESIUM_CITRATE: _found(MAGNESIUM_CITRATE, {
        "product_name": "Magnesium Citrate 200 mg", "brands": "Vitamito", "lang": "en",
        "quantity": "60 tablets", "serving_size": "1 tablet", "serving_quantity": 1.3,
        "serving_quantity_unit": "g",
        "categories_tags": ["en:dietary-supplements", "en:magnesium-supplements"],
        "data_quality_errors_tags": [],
        "nutriments": {
            "magnesium_serving": 0.2, "magnesium_100g": 15.38, "magnesium_unit": "mg",
        },
    }),
    MAGNESIUM_PLAIN: _found(MAGNESIUM_PLAIN, {
        "product_name": "Magnesium Forte", "brands": "Kruidvat", "lang": "nl",
        "quantity": "100 tabletten", "serving_size": "2 tabletten",
        "categories_tags": ["en:dietary-supplements"],
        "nutriments": {"magnesium_serving": 0.375, "magnesium_unit": "mg"},
    }),
    QUALITY_ERROR: _found(QUALITY_ERROR, {
        "product_name": "Granola crunch", "brands": "Ontbijtje", "lang": "en",
        "categories_tags": ["en:breakfasts", "en:cereals"],
        "data_quality_errors_tags": [
            "en:energy-value-in-kcal-does-not-match-value-computed-from-other-nutrients"
        ],
        "nutriments": {"energy-kcal_100g": 12, "fat_100g": 20, "magnesium_100g": 0.1},
    }),
    WATER_PER_LITRE: _found(WATER_PER_LITRE, {
        "product_name": "Bronwater magnesiumrijk", "brands": "Bergbron", "lang": "nl",
        "quantity": "1,5 l", "categories_tags": ["en:beverages", "en:mineral-waters"],
        "nutriments": {"magnesium_100g": 0.11, "calcium_100g": 0.45, "energy-kcal_100g": 0},
    }),
    FLAKY: _found(FLAKY, {
        "product_name": "Dark chocolate 85%", "brands": "Cacao & co", "lang": "en",
        "nutriments": {"energy-kcal_100g": 600, "magnesium_100g": 0.228},
    }),
    "0036000291452": _found("0036000291452", {
        "product_name": "Oat flakes", "brands": "Haver", "lang": "en",
        "nutriments": {"energy-kcal_100g": 379, "magnesium_100g": 0.138},
    }),
}  # fmt: skip


@dataclass
class OffServer:
    """The running stand-in: its URL, and each request it received (path, query, headers)."""

    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    sleep_s: float = 2.0
    failures: dict[str, int] = field(default_factory=lambda: {FLAKY: 1})

    def answer(self, code: str) -> tuple[int, bytes]:
        if code == SLOW:
            time.sleep(self.sleep_s)
        if code == MALFORMED:
            return 200, b'{"code": "8712345000905", "product": {"product_name": "Trunc'
        if self.failures.get(code, 0) > 0:
            self.failures[code] -= 1
            return 500, b"<html>Internal Server Error</html>"
        if code in PRODUCTS:
            return 200, json.dumps(PRODUCTS[code]).encode()
        body = {"code": code, "status": 0, "status_verbose": "product not found"}
        return (200 if code == NOT_FOUND_STATUS_0 else 404), json.dumps(body).encode()


def _handler(server: OffServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            server.requests.append(
                {"path": parts.path, "query": parse_qs(parts.query), "headers": dict(self.headers)}
            )
            prefix = "/api/v2/product/"
            code = parts.path.removeprefix(prefix) if parts.path.startswith(prefix) else ""
            status, body = server.answer(code)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def off_server() -> Iterator[OffServer]:
    """An OFF stand-in listening on 127.0.0.1 for as long as the block runs."""
    state = OffServer(url="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def refused_url() -> str:
    """A loopback URL where nothing listens: the connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
