"""Loading foods, run by bench/foods.py (sections 0 and 1), or alone for section 0:
`.venv/bin/python bench/foods_import.py`.

0. First open of a new data folder (issue 18): the schema, the curated foods and the full USDA
   SR28 table shipped with Mg Coach (storage.sr28_seed), on SQLite and PostgreSQL. Each figure is
   the median of RUNS fresh databases; the baseline is the way to the same foods before the
   table shipped, measured in the same run: `foods import usda data/usda-sr28`
   (services.food_import, parsing the USDA files) into a database holding the curated foods.
1. SR28 import (services.food_import.import_usda) into a database with the curated foods, against
   one INSERT + one COMMIT per food with plain sqlite3.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from timing import start_server, table, timed

from mgcoach.foods.importers import usda_sr28
from mgcoach.foods.importers.files import Release
from mgcoach.foods.nutrients import nutrient_keys
from mgcoach.services.food_import import import_usda
from mgcoach.settings import Settings
from mgcoach.storage.curated_seed import ensure_curated
from mgcoach.storage.database import Database, open_database
from mgcoach.storage.sr28_seed import ensure_sr28

ROOT = Path(__file__).resolve().parents[1]
SR28 = ROOT / "data" / "usda-sr28"
RUNS = 3
IMPORT_RUNS = 3


def _steps(make_url: Callable[[int], str], folder: Path, run: int) -> dict[str, float]:
    url = make_url(run)
    schema_s, db = timed(lambda: open_database(Settings(folder, url), seed=False))
    curated_s, _ = timed(lambda: ensure_curated(db))
    load_s, written = timed(lambda: ensure_sr28(db))
    again_s, again = timed(lambda: ensure_sr28(db))
    assert written > 7000 and again == 0
    db.dispose()
    baseline = open_database(Settings(folder, make_url(run + 100)), seed=False)
    ensure_curated(baseline)
    import_s, _ = timed(lambda: import_usda(baseline, str(SR28)))
    baseline.dispose()
    return {
        "schema": schema_s,
        "curated": curated_s,
        "sr28": load_s,
        "again": again_s,
        "import": import_s,
    }


def first_open_rows(label: str, make_url: Callable[[int], str], folder: Path) -> list[list[str]]:
    runs = [_steps(make_url, folder, run) for run in range(RUNS)]

    def median(key: str) -> str:
        return f"{statistics.median(r[key] for r in runs):.2f}"

    total = statistics.median(r["schema"] + r["curated"] + r["sr28"] for r in runs)
    return [
        [f"{label}: SR28 load on first open (storage.sr28_seed)", median("sr28"), "<= 2 s"],
        [f"{label}:   first open in all (schema + curated + SR28)", f"{total:.2f}", ""],
        [f"{label}:   of which schema (Alembic)", median("schema"), ""],
        [f"{label}:   curated foods", median("curated"), ""],
        [f"{label}:   second open: hash unchanged, nothing loaded", median("again"), ""],
        [f"{label}: baseline: foods import usda data/usda-sr28", median("import"), ""],
    ]


def size_row(work: Path) -> list[str]:
    """The SQLite file of a new data folder on disk, in MB (with the search index)."""
    size = (work / "first-open-0.sqlite3").stat().st_size / 1e6
    return ["SQLite: database size on disk after the first open (MB)", f"{size:.1f}", ""]


def bench_first_open(work: Path, server: Any) -> None:
    rows = first_open_rows("SQLite", lambda run: f"sqlite:///{work}/first-open-{run}.sqlite3", work)
    rows.append(size_row(work))
    if server is not None:
        rows += first_open_rows(
            "PostgreSQL", lambda run: server.create_database(f"bench_first_{run}"), work
        )
    title = f"0. First open of a new data folder: the full SR28 table (median of {RUNS} runs)"
    table(title, ["", "seconds", "target"], rows)


# --- 1. SR28 import -------------------------------------------------------------------------


def curated_db(settings: Settings) -> Database:
    """A new database with the curated foods only (as before the SR28 table shipped)."""
    db = open_database(settings, seed=False)
    ensure_curated(db)
    return db


def naive_import(path: Path, pragmas: Sequence[str]) -> tuple[float, float, int]:
    """Parse SR28, then one INSERT and one COMMIT per food: (parse s, write s, foods)."""
    parse_s, foods = timed(lambda: _read_sr28())
    keys = list(nutrient_keys())
    connection = sqlite3.connect(path)
    for pragma in pragmas:
        connection.execute(pragma)
    columns = ", ".join(f"{key} REAL" for key in keys)
    connection.execute(
        f"CREATE TABLE food (id TEXT PRIMARY KEY, name TEXT, source TEXT, {columns})"
    )
    insert = f"INSERT INTO food VALUES (?, ?, ?, {', '.join('?' for _ in keys)})"
    started = time.perf_counter()
    for item in foods:
        row = (item.id, item.name, item.source.value, *(item.per_100g.get(k) for k in keys))
        connection.execute(insert, row)
        connection.commit()
    write_s = time.perf_counter() - started
    connection.close()
    return parse_s, write_s, len(foods)


def _read_sr28() -> list[Any]:
    release = Release(SR28)
    try:
        return list(usda_sr28.read(release))
    finally:
        release.close()


def import_runs(make_db: Callable[[int], Database], label: str) -> tuple[Database, list[list[str]]]:
    """IMPORT_RUNS imports, each into a fresh database; the last database is kept for search."""
    opens, imports, db, summary = [], [], None, None
    for run in range(IMPORT_RUNS):
        if db is not None:
            db.dispose()
        open_s, db = timed(lambda run=run: make_db(run))
        import_s, summary = timed(lambda db=db: import_usda(db, str(SR28)))
        opens.append(open_s)
        imports.append(import_s)
    assert db is not None and summary is not None
    counts = summary.counts
    return db, [
        [f"{label}: open_database (schema + curated seed)", f"{statistics.median(opens):.2f}", ""],
        [
            f"{label}: import_usda, 1 transaction ({counts.inserted:,} new, {counts.kept:,} kept)",
            f"{statistics.median(imports):.2f}",
            "< 30 s",
        ],
    ]


def bench_import(work: Path, server: Any) -> tuple[Database, Database | None]:
    sqlite, rows = import_runs(
        lambda run: curated_db(Settings(work, f"sqlite:///{work}/sr28-{run}.sqlite3")), "SQLite"
    )
    parse_s, write_s, count = naive_import(work / "naive-default.sqlite3", ())
    wal = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL")
    _, wal_write_s, _ = naive_import(work / "naive-wal.sqlite3", wal)
    rows.append([f"reading the release alone (usda_sr28.read, {count:,} foods)", f"{parse_s:.2f}"])
    for label, seconds in (("sqlite3 defaults", write_s), ("WAL + sync=NORMAL", wal_write_s)):
        rows.append(
            [f"baseline: read + 1 INSERT/COMMIT per food, {label}", f"{parse_s + seconds:.2f}"]
        )
    postgres = None
    if server is not None:
        postgres, pg_rows = import_runs(
            lambda run: curated_db(
                Settings(work / "pg", server.create_database(f"bench_sr28_{run}"))
            ),
            "PostgreSQL",
        )
        rows += pg_rows
    title = f"1. SR28 import (median of {IMPORT_RUNS} runs; baselines once, into a plain table)"
    table(title, ["", "seconds", "target"], [row + [""] * (3 - len(row)) for row in rows])
    return sqlite, postgres


def main() -> None:
    server = start_server()
    try:
        with tempfile.TemporaryDirectory(prefix="mgcoach-bench-") as scratch:
            bench_first_open(Path(scratch), server)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
