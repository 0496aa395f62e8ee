"""The FastAPI application: site pages, the JSON API under /api/v1, static files, errors.

``create_app`` is all a caller needs (``mgcoach serve``, the tests, the benchmarks). Errors
never reach a user as a traceback: the API answers JSON with the error's code and message in
the viewer's language, the site an error page (or the sign-in page).
"""

from __future__ import annotations

import logging
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any, TypedDict

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..errors import MgCoachError
from ..i18n import N_, _, translate
from ..knowledge import KnowledgeBase, load_knowledge
from ..services.database import Database, open_database
from ..services.journal_log import api_field
from . import api, pages
from .api import answers
from .config import WebConfig, secret_for
from .context import NotSignedInError, ViewerMiddleware, WebState
from .health import Health
from .middleware import (
    BodyLimit,
    BodyOverflow,
    BodyTooLargeError,
    SecurityHeaders,
    TimeBudget,
    WriteGuard,
)
from .templating import render

API_PREFIX = "/api/v1"
log = logging.getLogger("mgcoach.web")


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def api_status(error: MgCoachError) -> int:
    """The HTTP status of a domain error: a bad value is 422 (Unprocessable Content)."""
    return 422 if error.http_status == 400 else error.http_status


def _plain(value: object) -> object:
    """A message parameter as JSON can carry it (nan, inf and objects as text)."""
    if isinstance(value, bool | int | str) or (isinstance(value, float) and math.isfinite(value)):
        return value
    return str(value)


# Pydantic's refusals of a request's shape, reworded through gettext (its own are English).
VALIDATION_MESSAGES = {
    "missing": N_("This value is missing."),
    "int_parsing": N_("Give a whole number."),
    "int_from_float": N_("Give a whole number."),
    "float_parsing": N_("Give a number."),
    "finite_number": N_("Give a number."),
    "bool_parsing": N_("Give true or false."),
    "date_from_datetime_parsing": N_("Give a date as YYYY-MM-DD."),
    "date_parsing": N_("Give a date as YYYY-MM-DD."),
    "greater_than_equal": N_("Give at least {ge}."),
    "greater_than": N_("Give more than {gt}."),
    "less_than_equal": N_("Give at most {le}."),
    "less_than": N_("Give less than {lt}."),
    "string_too_short": N_("Give at least {min_length} characters."),
    "string_too_long": N_("Give at most {max_length} characters."),
    "extra_forbidden": N_("This field is not known here."),
    "literal_error": N_("Choose one of {expected}."),
    "enum": N_("Choose one of {expected}."),
    "json_invalid": N_("The body is not valid JSON."),
}


class ValidationDetail(TypedDict):
    """One item of a validation error's ``detail``, as FastAPI gives it."""

    loc: list[str | int]
    msg: str
    type: str


def validation_detail(item: Any) -> ValidationDetail:
    kind = str(item.get("type", ""))
    context = {k: _plain(v) for k, v in (item.get("ctx") or {}).items()}
    message = VALIDATION_MESSAGES.get(kind)
    try:
        text = translate(message, context) if message else str(item.get("msg", ""))
    except (KeyError, IndexError):
        text = str(item.get("msg", ""))
    return {"loc": list(item.get("loc", ())), "msg": text, "type": kind}


def _part(request: Request | None, name: str) -> str:
    """The part of the request that carries the input ``name``: path, query or body."""
    if request is None:
        return "query"
    if name in request.path_params:
        return "path"
    if name in request.query_params or request.method in ("GET", "HEAD", "DELETE"):
        return "query"
    return "body"


def error_locs(error: MgCoachError, request: Request | None = None) -> list[list[str]]:
    """Where the inputs an error is about are, as FastAPI's validation errors say it
    (``["query", "age"]``, ``["body", "as"]``), spelled as the API spells them."""
    names = [api_field(name) for name in error.fields]
    return [[_part(request, name), name] for name in names]


def error_body(
    error: MgCoachError, field: str | None = None, request: Request | None = None
) -> dict[str, Any]:
    """The JSON of a refused request: ``detail`` as a validation error's (one item for each
    input the error is about), ``error`` with the code, message, parameters and ``loc``, the
    place of the input to correct first (null when the error is about no one input)."""
    message = translate(error.message, error.params)
    params = {k: _plain(v) for k, v in error.params.items()}
    locs = [["body", field]] if field is not None else error_locs(error, request)
    detail = [{"loc": loc, "msg": message, "type": error.code} for loc in locs]
    return {
        "detail": detail or [{"loc": ["query", "request"], "msg": message, "type": error.code}],
        "error": {
            "code": error.code,
            "message": message,
            "params": params,
            "loc": locs[0] if locs else None,
        },
    }


async def refusal(request: Request, error: MgCoachError) -> Response:
    """The answer to a refused request: JSON under /api, the sign-in page when signing in
    helps, an error page otherwise (the middleware's refusals too, before routing)."""
    if _is_api(request):
        answer: Response = JSONResponse(
            error_body(error, request=request), status_code=api_status(error)
        )
    elif isinstance(error, NotSignedInError):
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    else:
        message = translate(error.message, error.params)
        answer = render(request, "error.html", api_status(error), message=message)
    wait = error.params.get("retry_after")
    if isinstance(wait, int) and answer.status_code == 429:
        answer.headers["Retry-After"] = str(max(1, wait))  # RFC 9110: seconds to wait
    return answer


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(MgCoachError)
    async def domain_error(request: Request, error: MgCoachError) -> Response:
        return await refusal(request, error)

    @app.exception_handler(BodyOverflow)
    async def body_overflow(request: Request, error: BodyOverflow) -> Response:
        return await refusal(request, BodyTooLargeError(error.limit))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if _is_api(request):
            detail = error.detail if error.status_code != 404 else _("Not found.")
            return JSONResponse({"detail": detail}, status_code=error.status_code)
        message = _("This page does not exist.") if error.status_code == 404 else str(error.detail)
        return render(request, "error.html", error.status_code, message=message)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        details = [validation_detail(item) for item in error.errors()]
        if _is_api(request):
            return JSONResponse({"detail": details}, status_code=422)
        return render(request, "error.html", 422, message=_("The request could not be read."))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        message = translate(
            N_("Internal error ({detail}). Please report it."), {"detail": type(error).__name__}
        )
        if _is_api(request):
            return JSONResponse({"detail": message}, status_code=500)
        return render(request, "error.html", 500, message=message)


def _document_answers(app: FastAPI) -> None:
    """OpenAPI with each operation's answer schema (web/api/answers.py), made on first ask."""
    make = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = answers.attach(make())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(
    config: WebConfig | None = None, db: Database | None = None, kb: KnowledgeBase | None = None
) -> FastAPI:
    config = config or WebConfig()
    config.check()
    state = WebState(
        config=config,
        db=db or open_database(config.settings),
        kb=kb or load_knowledge(),
        secret=secret_for(config),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = config.threads
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="Mg Coach",
        version="1",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: not here
        redoc_url=None,
    )
    app.state.web = state
    _install_errors(app)
    for router in api.routers():
        router.only_under = API_PREFIX  # web/routing.py: a page skips the API at once
        app.include_router(router, prefix=API_PREFIX)
    for site in pages.routers():
        app.include_router(site)
    _document_answers(app)
    static = str(resources.files(__package__).joinpath("static"))
    app.mount("/static", StaticFiles(directory=static), name="static")
    # Innermost first (web/middleware.py says what each does and why in this order).
    app.add_middleware(TimeBudget, seconds=config.time_budget_s, refuse=refusal)
    app.add_middleware(WriteGuard, refuse=refusal)
    app.add_middleware(ViewerMiddleware)
    app.add_middleware(BodyLimit, limit=config.max_body_bytes, refuse=refusal)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=config.hosts)
    app.add_middleware(SecurityHeaders, hsts=config.cookies_secure)
    app.add_middleware(Health, hsts=config.cookies_secure)  # /healthz: before all the rest
    return app
