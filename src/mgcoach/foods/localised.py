"""A message parameter that is shown in the language of the message around it."""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import get_language


class Localised(str):
    """English as a string (for JSON, logs and equality), the shown language when formatted.

    Domain errors carry their parameters untranslated; a parameter that is itself text in
    words (a food's name, a list of measures, reasons) renders through this at the edge, where
    ``translate`` formats the message in the user's language.
    """

    _render: Callable[[str], str]

    def __new__(cls, render: Callable[[str], str]) -> Localised:
        made = super().__new__(cls, render("en"))
        made._render = render
        return made

    def __format__(self, spec: str) -> str:
        return format(self._render(get_language()), spec)
