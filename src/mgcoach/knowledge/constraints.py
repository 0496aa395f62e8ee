"""Constraints written in a record's annotations without importing pydantic.

Every knowledge module has ``from __future__ import annotations``: an annotation stays text
until pydantic reads it to validate a data file (``validation``). These markers stand for
pydantic's ``Field``, ``StringConstraints`` and ``AfterValidator`` and import pydantic only
then, so a knowledge base read from the cache (``cached``) never imports it. The error
messages are pydantic's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


class _Deferred:
    """A marker that becomes a pydantic constraint when a validator is built."""

    __slots__ = ("kw",)

    def __init__(self, **kw: Any) -> None:
        self.kw = kw

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.kw!r})"

    def constraint(self) -> object:
        raise NotImplementedError

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return handler.generate_schema(Annotated[source, self.constraint()])


class Limits(_Deferred):
    """``Field``'s bounds: ``ge``, ``gt``, ``le``, ``lt``, ``min_length``, ``allow_inf_nan``."""

    __slots__ = ()

    def constraint(self) -> object:
        from pydantic import Field

        return Field(**self.kw)


class Strings(_Deferred):
    """``StringConstraints``: ``min_length``, ``strip_whitespace``, ``pattern``."""

    __slots__ = ()

    def constraint(self) -> object:
        from pydantic import StringConstraints

        return StringConstraints(**self.kw)


class Check(_Deferred):
    """``AfterValidator``: ``check`` gets the validated value and returns it or raises
    ValueError (what a ``field_validator`` does)."""

    __slots__ = ()

    def __init__(self, check: Callable[[Any], Any]) -> None:
        super().__init__(check=check)

    def constraint(self) -> object:
        from pydantic import AfterValidator

        return AfterValidator(self.kw["check"])
