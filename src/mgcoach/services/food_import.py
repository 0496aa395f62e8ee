"""Importing a food-data release into the database, all of it or nothing.

The reader streams foods out of the files; storage writes them in chunks inside ONE
transaction, so a damaged or truncated file leaves the database exactly as it was. Importing the
same release twice changes nothing (rows are matched by id), and curated or user foods are
never overwritten.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ImportFileError
from ..foods.importers.files import Release
from ..foods.importers.report import REASON_MESSAGES, ImportReport
from ..foods.localised import Localised
from ..foods.model import Food
from ..i18n import N_, translations
from ..storage.database import Database
from ..storage.foods import WriteCounts, refresh_statistics, write_foods

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    source: str
    counts: WriteCounts
    report: ImportReport
    seconds: float


def _write(db: Database, label: str, foods: Iterator[Food], report: ImportReport) -> ImportSummary:
    started = time.perf_counter()
    with db.begin() as connection:
        counts = write_foods(connection, foods)
        refresh_statistics(connection)
    return ImportSummary(label, counts, report, time.perf_counter() - started)


def import_usda(db: Database, location: str, progress: Progress | None = None) -> ImportSummary:
    """Import a USDA release (SR28/SR Legacy ASCII, FoodData Central CSV) from a path or URL."""
    from ..foods.importers.detect import detect, read_usda

    with tempfile.TemporaryDirectory(prefix="mgcoach-import-") as scratch:
        path = _local(location, Path(scratch), progress)
        release = Release(path)
        try:
            report = ImportReport()
            kind = detect(release)
            foods = read_usda(release, progress=progress, report=report)
            return _write(db, str(kind), foods, report)
        finally:
            release.close()


def import_off(db: Database, location: str, progress: Progress | None = None) -> ImportSummary:
    """Import Open Food Facts products (an export, API responses, a folder or zip of them).

    A file of which no product can be imported is an error that says why, never a silent
    success; nothing is written then.
    """
    from ..foods.importers.off import read as read_off

    with tempfile.TemporaryDirectory(prefix="mgcoach-import-") as scratch:
        path = _local(location, Path(scratch), progress)
        report = ImportReport()
        summary = _write(db, "off", read_off(path, progress=progress, report=report), report)
    if report.yielded == 0:
        raise ImportFileError(
            N_("No product of {name} could be imported ({read} read): {reasons}."),
            name=path.name,
            read=report.read,
            reasons=skip_reasons(report),
        )
    return summary


def skip_reasons(report: ImportReport) -> Localised:
    """ "2 × no name; 1 × listed twice", in the language it is shown in."""

    def render(lang: str) -> str:
        words = translations(lang).gettext
        parts = [
            f"{count} × {words(REASON_MESSAGES[reason])}"
            for reason, count in sorted(report.skipped.items())
        ]
        return "; ".join(parts) or "-"

    return Localised(render)


def _local(location: str, scratch: Path, progress: Progress | None) -> Path:
    if location.startswith(("http://", "https://")):
        from ..foods.importers.fetch import fetch

        return fetch(location, scratch, progress)
    return Path(location).expanduser()
