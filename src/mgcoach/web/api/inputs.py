"""Query parameters from a use case's declared inputs (services/inputs.py).

``Depends(query(CheckInput))`` reads the query string into a Pydantic model built from the
declaration (FastAPI's query-parameter models): one parameter per field, with the field's
type, default, bounds, English description and example; the operation receives the
``CheckInput`` itself. A repeated input (``med=a&med=b``) is a list of at most
``max_length`` names of at most 200 characters each.
"""

import inspect
import typing
from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Annotated, Any, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field, create_model

from ...services.inputs import Input

T = TypeVar("T")
Name = Annotated[str, Field(max_length=200)]
# An input the API spells otherwise: the fields of a declared dataclass in its place, and how
# they give the input's value.
Instead = tuple[type[object], Callable[[Any], object]]


def _repeated(kind: Any) -> bool:
    args = typing.get_args(kind)
    return typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def _numeric(kind: Any) -> bool:
    return float in (kind, *typing.get_args(kind))


def _field(kind: Any, spec: Input, default: object) -> tuple[Any, Any]:
    """A query parameter's type and its Pydantic field."""
    extra: dict[str, Any] = {}
    example = spec.example
    if _repeated(kind):
        kind, default = list[Name], []
        example = None if example is None else [example]
    elif _numeric(kind):
        extra["allow_inf_nan"] = False  # the engine gives the precise limits and messages
    for bound in ("ge", "le", "min_length", "max_length"):
        if getattr(spec, bound) is not None:
            extra[bound] = getattr(spec, bound)
    return kind, Field(
        ... if default is MISSING else default,
        description=spec.text(),
        examples=None if example is None else [example],
        **extra,
    )


def _fields(cls: type[object]) -> dict[str, tuple[Any, Any]]:
    hints = typing.get_type_hints(cls, include_extras=True)
    found = {}
    for item in fields(cls):  # type: ignore[arg-type]
        kind, spec = typing.get_args(hints[item.name])[:2]
        found[item.name] = _field(kind, spec, item.default)
    return found


def query(cls: type[T], **instead: Instead) -> Callable[..., T]:
    """A dependency reading the inputs of ``cls`` from the query string.

    ``instead`` maps an input the API spells otherwise to the dataclass whose fields take its
    place and the function that reads the input's value from them (advice's ``serum``).
    """
    spelled: dict[str, tuple[Any, Any]] = {}
    for name, found in _fields(cls).items():
        spelled.update(_fields(instead[name][0]) if name in instead else {name: found})
    model: type[BaseModel] = create_model(f"{cls.__name__}Query", **spelled)  # type: ignore[call-overload]

    def read(params: BaseModel) -> T:
        values: dict[str, object] = params.model_dump()
        for name, (parts, convert) in instead.items():
            names = [item.name for item in fields(parts)]  # type: ignore[arg-type]
            values[name] = convert(parts(**{part: values.pop(part) for part in names}))
        return cls(**{name: tuple(v) if isinstance(v, list) else v for name, v in values.items()})

    parameter = inspect.Parameter(
        "params", inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[model, Query()]
    )
    read.__signature__ = inspect.Signature([parameter], return_annotation=cls)  # type: ignore[attr-defined]
    return read
