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

from fastapi.datastructures import DefaultPlaceholder

from ..routing import IndexedRouter

MARK = "x-mgcoach-answer"
REF = "#/components/schemas/{model}"
_ANSWERS: dict[str, Any] = {}  # the name recorded in an operation -> the answer's type


def _name(model: Any) -> str:
    name = model.__name__ if isinstance(model, type) else repr(model)  # list[X] is not a type
    known = _ANSWERS.setdefault(name, model)
    if known is not model:  # two types of one name: keep both apart
        name = f"{name}_{id(model):x}"
        _ANSWERS[name] = model
    return name


class AnswerRouter(IndexedRouter):
    """An APIRouter whose ``response_model`` documents the answer and validates nothing (and
    that turns away a request outside its routes at once: web/routing.py)."""

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
