"""Validating a data file's values into records: the one module here that imports pydantic.

The records are stdlib dataclasses (``records.record``); pydantic reads their annotations when
a file is first validated, and a knowledge base read from the cache (``cached``) never imports
this module. A ``ValueError`` from a record's ``__post_init__`` becomes a ``ValidationError``,
as a pydantic model validator's did.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

__all__ = ["ValidationError", "validate"]

R = TypeVar("R")

_adapters: dict[type[Any], TypeAdapter[Any]] = {}


def validate(cls: type[R], data: object) -> R:
    """``data`` (a parsed TOML table or CSV row) as a ``cls``, strictly: unknown keys fail."""
    adapter: TypeAdapter[R] | None = _adapters.get(cls)
    if adapter is None:
        adapter = _adapters[cls] = TypeAdapter(cls)
    return adapter.validate_python(data)
