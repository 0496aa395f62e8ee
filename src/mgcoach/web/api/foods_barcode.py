"""A product by its barcode, as ``mgcoach foods lookup BARCODE --json`` gives it.

Here first (the food table, and products fetched from Open Food Facts before); OFF itself only
when the server's operator opted in (``MGCOACH_ONLINE=1``): then by default, and ``online=false``
keeps one request local. Without that setting no request reaches out, whatever it asks: a web
page elsewhere must not make this server call OFF (which asks for one call per real scan). A
product fetched is kept, so the next look-up needs no network: the one write of a GET here, of
public product data only, at most once per barcode.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Request
from fastapi.responses import JSONResponse

from ...contract.barcode import ProductLookupJson, lookup_json
from ...services.food_barcode import lookup_barcode
from ..context import state_of, viewer_of
from .answers import AnswerRouter
from .calculators import ERRORS, ApiError, answer

router = AnswerRouter(
    prefix="/foods",
    tags=["foods"],
    responses={
        **ERRORS,
        503: {"model": ApiError, "description": "Open Food Facts cannot be reached (offline)."},
    },
)


@router.get(
    "/lookup/{barcode}",
    summary="A product by its barcode, here or (opt-in) at Open Food Facts (mgcoach foods lookup)",
    response_model=ProductLookupJson,
    responses={
        404: {"model": ApiError, "description": "No product has the barcode (not_found)."},
        422: {"model": ApiError, "description": "Not a barcode: the check digit (bad_barcode)."},
        503: {"model": ApiError, "description": "Open Food Facts cannot be reached (offline)."},
    },
)
def lookup(
    request: Request,
    barcode: Annotated[
        str,
        Path(
            description="EAN-13, EAN-8, UPC-A or GTIN-14; its check digit is verified.",
            min_length=1,
            max_length=40,
            examples=["5449000000996"],
        ),
    ],
    online: Annotated[
        bool | None,
        Query(
            description="Ask Open Food Facts when the barcode is not known here: only when the "
            "server allows it (MGCOACH_ONLINE=1), and then by default; false keeps it local."
        ),
    ] = None,
) -> JSONResponse:
    state = state_of(request)
    allowed = state.config.settings.online
    found = lookup_barcode(
        state.db,
        state.kb,
        barcode,
        online=allowed and online is not False,
        visible_to=viewer_of(request).account_id,
        settings=state.config.settings,
    )
    return answer(lookup_json(found))
