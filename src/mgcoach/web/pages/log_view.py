"""What the Log page shows besides its entries: the day's magnesium against its target (always
in view while logging), and the message after a redirect (deleted with its undo, copied, or a
one-tap action that could not be done), read from the query string."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from fastapi import Query

from ...errors import MgCoachError
from ...i18n import _, ngettext
from ...services.day import day_report
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

    def message(self) -> str | None:
        if self.deleted is not None:
            return _("The entry was deleted.")
        if self.copied is not None:
            return ngettext(
                "Copied {count} entry to this day.", "Copied {count} entries to this day.",
                self.copied,
            ).format(count=self.copied)  # fmt: skip
        return {
            "again": _("That food could not be logged again; log it with the form."),
            "copy": _("Nothing to copy: that day has no foods or supplements."),
            "undo": _("The entry could not be put back; log it again."),
        }.get(self.failed or "")


def shown_of(
    deleted: int | None = Query(None, ge=0, le=2**31 - 1),
    undo: str | None = Query(None, max_length=8000),
    copied: int | None = Query(None, ge=0, le=10_000),
    failed: str | None = Query(None, max_length=20),
    meal: str | None = Query(None, max_length=64),
    food: str | None = Query(None, max_length=200),
) -> Shown:
    """The query string as FastAPI reads it (a dependency of the Log page)."""
    return Shown(deleted, undo, copied, failed, meal, food)


class Progress(TypedDict):
    total_mg: float
    target_mg: float | None
    gap_mg: float | None
    percent: float | None


def day_progress(state: WebState, viewer: Viewer, day: date) -> Progress | None:
    """The day's magnesium from food and supplements against its target (None without one)."""
    try:
        magnesium = day_report(state.db, state.kb, PROFILE, day, viewer.owner).nutrient("magnesium")
    except MgCoachError:  # a profile out of bounds: the page says so elsewhere
        return None
    return {
        "total_mg": magnesium.total or 0.0,
        "target_mg": magnesium.target,
        "gap_mg": magnesium.gap,
        "percent": magnesium.percent_of_target,
    }
