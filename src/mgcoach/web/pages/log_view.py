"""What the Log page shows besides its entries: the day's magnesium against its target (always
in view while logging), and the message after a redirect (deleted with its undo, copied, or a
one-tap action that could not be done), read from the query string."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

from fastapi import Request
from fastapi.exceptions import RequestValidationError

from ...engine.day import DayNutrient
from ...errors import MgCoachError
from ...i18n import _, ngettext
from ...journal.model import Entry
from ...services.day import day_report, profile_exists
from ...services.journal_log import list_entries
from ..context import PROFILE, Viewer, WebState


@dataclass
class Shown:
    """The Log page's query string beyond the day (read by ``shown_of``)."""

    deleted: int | None = None
    undo: str | None = None
    copied: int | None = None
    failed: str | None = None
    meal: str | None = None
    food: str | None = None
    favourite: str | None = None
    scanned: str | None = None  # the barcode the chosen food was found by

    def message(self) -> str | None:
        if self.deleted is not None:
            return _("The entry was deleted.")
        if self.copied is not None:
            return ngettext(
                "Copied {count} entry to this day.", "Copied {count} entries to this day.",
                self.copied,
            ).format(count=self.copied)  # fmt: skip
        if self.favourite in ("saved", "removed"):
            if self.favourite == "saved":
                return _("Saved as a favourite: one tap logs it.")
            return _("Taken off your favourites.")
        return {
            "again": _("That food could not be logged again; log it with the form."),
            "copy": _("Nothing to copy: that day has no foods or supplements."),
            "undo": _("The entry could not be put back; log it again."),
            "favourite": _("That food could not be saved as a favourite."),
            "unfavourite": _("That favourite could not be removed; it may be gone already."),
        }.get(self.failed or "")


# The Log page's query string and its bounds (the longest text, the largest number). Read by
# hand rather than as FastAPI parameters: their validation was about 40 % of a /log request's
# time in the framework (yappi), although the query is nearly always empty.
_TEXTS = {"undo": 8000, "failed": 20, "meal": 64, "food": 200, "favourite": 20, "scanned": 40}
_NUMBERS = {"deleted": 2**31 - 1, "copied": 10_000, "logged": 2**63 - 1, "saved": 2**63 - 1}


@dataclass(frozen=True)
class LogQuery:
    """The Log page's query string: the day asked for, the entry just logged or saved, and what
    else the page shows (``Shown``)."""

    day: str | None = None
    logged: int | None = None
    saved: int | None = None
    shown: Shown = field(default_factory=Shown)


def _number(name: str, text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise _invalid(name, text, "int_parsing", "Input should be a valid integer") from None
    if not 0 <= value <= _NUMBERS[name]:
        raise _invalid(name, text, "value_error", "Input is out of range")
    return value


def _invalid(name: str, text: str, kind: str, message: str) -> RequestValidationError:
    return RequestValidationError(
        [{"type": kind, "loc": ("query", name), "msg": message, "input": text}]
    )


def log_query(request: Request) -> LogQuery:
    """The Log page's query string, bounded as the API bounds its inputs: a value out of
    bounds answers 422, as a parameter FastAPI validates would."""
    query = request.query_params
    if not query:
        return LogQuery()
    texts: dict[str, str | None] = {}
    for name, longest in _TEXTS.items():
        text = query.get(name)
        if text is not None and len(text) > longest:
            raise _invalid(name, text[:40], "string_too_long", "The text is too long")
        texts[name] = text
    numbers = {
        name: None if (text := query.get(name)) is None else _number(name, text)
        for name in _NUMBERS
    }
    shown = Shown(
        numbers["deleted"],
        texts["undo"],
        numbers["copied"],
        texts["failed"],
        texts["meal"],
        texts["food"],
        texts["favourite"],
        texts["scanned"],
    )
    return LogQuery(query.get("date"), numbers["logged"], numbers["saved"], shown)


class Progress(TypedDict):
    total_mg: float
    target_mg: float | None
    gap_mg: float | None
    percent: float | None


def day_entries(state: WebState, viewer: Viewer, day: date) -> tuple[list[Entry], Progress | None]:
    """The day's entries (as ``list_entries`` lists them) and its magnesium from food and
    supplements against its target (None without one), both from the day's remembered report;
    for a profile out of the report's bounds, the entries read alone."""
    try:
        report = day_report(state.db, state.kb, PROFILE, day, viewer.owner)
    except MgCoachError:  # a profile out of bounds: the page says so elsewhere
        return list_entries(state.db, PROFILE, day, day, owner=viewer.owner)[1], None
    return list(report.entries), _progress(report.nutrient("magnesium"))


def _progress(magnesium: DayNutrient) -> Progress:
    return {
        "total_mg": magnesium.total or 0.0,
        "target_mg": magnesium.target,
        "gap_mg": magnesium.gap,
        "percent": magnesium.percent_of_target,
    }


def has_profile(state: WebState, viewer: Viewer) -> bool:
    """Has the viewer made their profile (else the Log page sends them to onboarding)?"""
    return profile_exists(state.db, PROFILE, viewer.owner)
