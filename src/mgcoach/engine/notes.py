"""Notes and warnings carried by engine results, translated only at the edges."""

from __future__ import annotations

from dataclasses import field

from ..frozen import frozen
from ..i18n import Plural
from ..knowledge.records import Text


@frozen(kw_only=True)
class Note:
    """A message for the user: a gettext msgid with parameters, or a bilingual data text."""

    code: str
    message: str | Plural = ""
    params: dict[str, str | int | float | Text] = field(default_factory=dict)
    text: Text | None = None
    sources: tuple[str, ...] = ()
    unverified: bool = False

    @classmethod
    def from_text(
        cls, code: str, text: Text, sources: tuple[str, ...], unverified: bool = False
    ) -> Note:
        return cls(code=code, text=text, sources=sources, unverified=unverified)
