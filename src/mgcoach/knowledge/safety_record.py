"""The base of every safety record: a cited record keyed by a slug, whose ``verify`` entries
name its own fields (or ``"all"``)."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import StringConstraints, model_validator

from .records import Cited

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$")]


class SafetyRecord(Cited):
    """A cited safety record whose ``verify`` entries name its own fields (or ``"all"``)."""

    slug: str

    @model_validator(mode="after")
    def _verify_names_fields(self) -> Self:
        fields = type(self).model_fields
        unknown = [name for name in self.verify if name != "all" and name not in fields]
        if unknown:
            raise ValueError(f"{self.slug}: verify names unknown field(s) {unknown}")
        return self
