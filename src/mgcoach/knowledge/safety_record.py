"""The base of every safety record: a cited record keyed by a slug, whose ``verify`` entries
name its own fields (or ``"all"``)."""

from __future__ import annotations

from dataclasses import fields
from typing import Annotated

from .constraints import Strings
from .records import Cited, record

Slug = Annotated[str, Strings(pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$")]


@record
class SafetyRecord(Cited):
    """A cited safety record whose ``verify`` entries name its own fields (or ``"all"``)."""

    slug: str

    def __post_init__(self) -> None:
        names = {field.name for field in fields(self) if field.init}
        unknown = [name for name in self.verify if name != "all" and name not in names]
        if unknown:
            raise ValueError(f"{self.slug}: verify names unknown field(s) {unknown}")
