"""Building blocks shared by every knowledge record: frozen models, bilingual text, source ids."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class Record(BaseModel):
    """An immutable, strictly validated fact record (unknown fields are rejected).

    Its validator is built when a record is first validated, not when the class is defined:
    a knowledge base read from the cache (``knowledge.cached``) is never validated again, and
    building the validators of every record class would take longer than the whole command.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Text(Record):
    """A user-facing text in both catalog languages; a missing language fails to load."""

    en: Annotated[str, StringConstraints(min_length=1)]
    nl: Annotated[str, StringConstraints(min_length=1)]

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


SourceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]


class Cited(Record):
    """A record that names its sources and, where it must, its unverified parts.

    ``verify`` lists what the fact reference marks "(from knowledge — verify)": field names of
    this record, or ``"all"``. The product shows that mark wherever it uses such a value.
    """

    sources: Annotated[tuple[SourceId, ...], Field(min_length=1)]
    verify: tuple[str, ...] = ()

    @property
    def needs_verification(self) -> bool:
        return bool(self.verify)
