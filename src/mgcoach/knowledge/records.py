"""Building blocks shared by every knowledge record: frozen records, bilingual text, source ids.

Records are stdlib dataclasses (made fast by ``mgcoach.frozen``), not pydantic models: a
knowledge base read from the cache (``knowledge.cached``) is unpickled without importing
pydantic, whose import alone takes longer than most commands. Pydantic still validates every
data file (``validation``), reading the constraints in the annotations (``constraints``) and
calling ``__post_init__``, whose ``ValueError`` becomes a validation error.
"""

from __future__ import annotations

from dataclasses import field
from typing import Annotated, TypeVar, dataclass_transform

from ..frozen import frozen
from .constraints import Limits, Strings

T = TypeVar("T")


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """Make ``cls`` an immutable record whose validation rejects unknown fields.

    A subclass's ``__post_init__`` calls its base's by name: ``super()`` without arguments
    fails in a class that ``slots=True`` has remade.
    """
    made = frozen(kw_only=True)(cls)
    made.__pydantic_config__ = {"extra": "forbid"}  # type: ignore[attr-defined]
    return made


@record
class Record:
    """An immutable, strictly validated fact record (unknown fields are rejected)."""


@record
class Text(Record):
    """A user-facing text in both catalog languages; a missing language fails to load."""

    en: Annotated[str, Strings(min_length=1)]
    nl: Annotated[str, Strings(min_length=1)]

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


SourceId = Annotated[str, Strings(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]


@record
class Cited(Record):
    """A record that names its sources and, where it must, its unverified parts.

    ``verify`` lists what the fact reference marks "(from knowledge — verify)": field names of
    this record, or ``"all"``. The product shows that mark wherever it uses such a value.
    """

    sources: Annotated[tuple[SourceId, ...], Limits(min_length=1)]
    verify: tuple[str, ...] = ()

    @property
    def needs_verification(self) -> bool:
        return bool(self.verify)
