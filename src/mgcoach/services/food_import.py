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

from ..foods.importers.files import Release
from ..foods.importers.report import ImportReport
from ..foods.model import Food
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
    """Import an Open Food Facts export (CSV or JSONL, plain or gzipped)."""
    from ..foods.importers.off import read as read_off

    with tempfile.TemporaryDirectory(prefix="mgcoach-import-") as scratch:
        path = _local(location, Path(scratch), progress)
        report = ImportReport()
        return _write(db, "off", read_off(path, progress=progress, report=report), report)


def _local(location: str, scratch: Path, progress: Progress | None) -> Path:
    if location.startswith(("http://", "https://")):
        from ..foods.importers.fetch import fetch

        return fetch(location, scratch, progress)
    return Path(location).expanduser()
