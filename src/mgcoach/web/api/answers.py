"""Response schemas for the documentation only: each operation's answer type is published in
OpenAPI, but never built into a runtime validator.

The API returns the contract's JSON as it is built (``answer``: no response-model round trip),
so a ``response_model`` would only cost time: FastAPI makes a pydantic adapter of the answer's
TypedDict for every route of every app, which is about 1.5 s of schema building on each new
app (every web test starts one) and on a server's first requests. ``AnswerRouter`` takes the
``response_model=`` argument as usual but keeps it out of FastAPI's hands: it records the type
under a name in the operation's ``openapi_extra``, and ``attach`` puts the JSON schemas of all
recorded types into the OpenAPI document when it is first asked for, built once per process.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.datastructures import DefaultPlaceholder
from starlette.routing import Match
from starlette.types import Scope

MARK = "x-mgcoach-answer"
REF = "#/components/schemas/{model}"
_ANSWERS: dict[str, Any] = {}  # the name recorded in an operation -> the answer's type


def _route_path(scope: Scope) -> str:
    """The path routes are matched against: without the ``root_path`` a proxy mounts it under
    (as Starlette's own routing reads it)."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


def _under(path: str, prefix: str) -> bool:
    return path.startswith(prefix) and (len(path) == len(prefix) or path[len(prefix)] == "/")


def _name(model: Any) -> str:
    name = model.__name__ if isinstance(model, type) else repr(model)  # list[X] is not a type
    known = _ANSWERS.setdefault(name, model)
    if known is not model:  # two types of one name: keep both apart
        name = f"{name}_{id(model):x}"
        _ANSWERS[name] = model
    return name


class AnswerRouter(APIRouter):
    """An APIRouter whose ``response_model`` documents the answer and validates nothing, and
    that says at once that a request outside ``only_under`` is not its own.

    FastAPI (0.16x) finds a request's route by asking every included router in turn, and each
    router tries each of its routes (a regular expression and some bookkeeping per route, twice
    per request). The API's routers come first, so every page (/today, /log) walked the whole
    API, about 80 routes, before its own: a third of a page's time in the app under load. The
    app sets ``only_under`` to the API's prefix when it includes the router (web/app.py).
    """

    only_under: str | None = None

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if self.only_under is not None and not _under(_route_path(scope), self.only_under):
            return Match.NONE, {}
        return super().matches(scope)

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **options: Any) -> None:
        model = options.pop("response_model", None)
        if model is not None and not isinstance(model, DefaultPlaceholder):
            extra = dict(options.get("openapi_extra") or {})
            extra[MARK] = _name(model)
            options["openapi_extra"] = extra
        super().add_api_route(path, endpoint, response_model=None, **options)


@cache
def _schemas(names: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The JSON schema of each named answer (by name) and every component they refer to."""
    from pydantic import TypeAdapter  # only when the document is first asked for

    mode: Literal["serialization"] = "serialization"
    keyed = [(name, mode, TypeAdapter(_ANSWERS[name])) for name in names]
    by_key, top = TypeAdapter.json_schemas(keyed, ref_template=REF)
    return {name: by_key[(name, mode)] for name in names}, dict(top.get("$defs", {}))


def attach(document: dict[str, Any]) -> dict[str, Any]:
    """Put the recorded answer types into an OpenAPI document made by FastAPI."""
    operations = [
        operation
        for path in document.get("paths", {}).values()
        for operation in path.values()
        if isinstance(operation, dict) and MARK in operation
    ]
    names = tuple(sorted({operation[MARK] for operation in operations}))
    if not names:
        return document
    built, definitions = _schemas(names)
    schemas = dict(built)  # the cached schemas stay as built
    components = document.setdefault("components", {}).setdefault("schemas", {})
    for key, schema in definitions.items():
        components.setdefault(key, schema)
    for name, schema in schemas.items():
        if isinstance(_ANSWERS[name], type) and "$ref" not in schema:
            components.setdefault(name, schema)  # a named answer is a component, as FastAPI does
            schemas[name] = {"$ref": REF.format(model=name)}
    for operation in operations:
        name = operation.pop(MARK)
        for status, response in operation.get("responses", {}).items():
            content = response.get("content", {}).get("application/json")
            if status.startswith("2") and content is not None:
                content["schema"] = schemas[name]
                break
    return document
