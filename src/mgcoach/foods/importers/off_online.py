"""Open Food Facts online: one product by its barcode, from the v2 product API.

``GET {base}/api/v2/product/{code}?fields=…`` asks only for the fields we map (off_product and
off_supplement read them). OFF asks each app to name itself in its User-Agent,
``AppName/Version (URL or contact)``, and to make one call per real scan: a look-up is made
only when the person asks for it (services/food_barcode.py), and its answer is kept.

The answer as OFF documents it: ``{"code", "product": {…}, "status": 1, "status_verbose":
"product found"}``; an unknown code is ``{"status": 0, "status_verbose": "product not found"}``,
with HTTP 404 on today's servers and 200 on older ones. A connection that fails or an answer
of 5xx is tried once more; a timeout is not (the person is waiting). What cannot give a
product (no connection, a timeout, an error status, a body that is not the product JSON) is an
OfflineError; an unknown code a ProductNotFoundError.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from ... import __version__
from ...i18n import N_
from ..barcode import OfflineError, ProductNotFoundError

USER_AGENT = f"MgCoach/{__version__} (open-source magnesium advisor and tracker; Python httpx)"
FIELDS = (
    "code", "product_name", "product_name_en", "product_name_nl", "brands", "quantity",
    "serving_size", "serving_quantity", "serving_quantity_unit", "categories_tags",
    "labels_tags", "allergens_tags", "data_quality_errors_tags", "data_quality_warnings_tags",
    "lang", "nutriments",
)  # fmt: skip
ATTEMPTS = 2  # one retry


@dataclass(frozen=True, slots=True)
class OffClient:
    """Where OFF is and how long to wait for it (settings: MGCOACH_OFF_URL, …_TIMEOUT)."""

    base_url: str
    timeout_s: float

    def product(self, code: str) -> dict[str, Any]:
        """The product with this barcode, as OFF's ``product`` object (its ``code`` set)."""
        timeout = httpx.Timeout(self.timeout_s)
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        url = f"{self.base_url.rstrip('/')}/api/v2/product/{code}"
        with httpx.Client(timeout=timeout, headers=headers, follow_redirects=True) as client:
            response = _get(client, url, code, self.timeout_s)
        return _product(response, code)


def _get(client: httpx.Client, url: str, code: str, timeout_s: float) -> httpx.Response:
    """The answer to one GET, tried once more after a failed connection or a 5xx."""
    for attempt in range(1, ATTEMPTS + 1):
        last = attempt == ATTEMPTS
        try:
            response = client.get(url, params={"fields": ",".join(FIELDS)})
        except httpx.TimeoutException:
            raise OfflineError(
                N_("Open Food Facts did not answer within {seconds} s: try again later."),
                field="barcode",
                seconds=f"{timeout_s:g}",
                code=code,
            ) from None
        except (httpx.TransportError, httpx.InvalidURL):
            if last:
                raise OfflineError(
                    N_(
                        "Open Food Facts cannot be reached (no connection?): barcode {code} "
                        "was not looked up. Try again when you are online."
                    ),
                    field="barcode",
                    code=code,
                ) from None
            continue
        if response.status_code >= 500 and not last:
            continue
        return response
    raise AssertionError("unreachable")  # the loop returns or raises on its last attempt


def _refused(status: int, code: str) -> OfflineError:
    return OfflineError(
        N_("Open Food Facts answered with an error (HTTP {status}): try again later."),
        field="barcode",
        status=status,
        code=code,
    )


def _not_found(code: str) -> ProductNotFoundError:
    return ProductNotFoundError(
        N_("Open Food Facts has no product with the barcode {code}."), field="barcode", code=code
    )


def _product(response: httpx.Response, code: str) -> dict[str, Any]:
    if response.status_code == 404:
        raise _not_found(code)
    if response.status_code != 200:
        raise _refused(response.status_code, code)
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, Mapping) and body.get("status") in (0, "0"):
        raise _not_found(code)
    product = body.get("product") if isinstance(body, Mapping) else None
    if not isinstance(product, Mapping) or not isinstance(product.get("nutriments", {}), Mapping):
        raise OfflineError(
            N_("Open Food Facts gave an answer that is not a product: try again later."),
            field="barcode",
            code=code,
        )
    return {**product, "code": str(product.get("code") or body.get("code") or code)}
