"""What the Log page shows besides its entries: the day's magnesium against its target (always
in view while logging), and the message after a redirect (deleted with its undo, copied, or a
one-tap action that could not be done), read from the query string."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from fastapi import Query

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


async def shown_of(
    deleted: int | None = Query(None, ge=0, le=2**31 - 1),
    undo: str | None = Query(None, max_length=8000),
    copied: int | None = Query(None, ge=0, le=10_000),
    failed: str | None = Query(None, max_length=20),
    meal: str | None = Query(None, max_length=64),
    food: str | None = Query(None, max_length=200),
    favourite: str | None = Query(None, max_length=20),
    scanned: str | None = Query(None, max_length=40),
) -> Shown:
    """The query string as FastAPI reads it (a dependency of the Log page)."""
    return Shown(deleted, undo, copied, failed, meal, food, favourite, scanned)


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
