"""Speed of the food database: SR28 import, search (SR28 and 1M products) and ``foods suggest``.

Run with `make bench` (after bench/run.py) or `.venv/bin/python bench/foods.py`. Prints numbers
only, each beside the issue's target and a naive baseline measured in the same run:

0. First open of a new data folder, which loads the shipped SR28 table (foods_import.py).
1. SR28 import into a fresh SQLite and PostgreSQL database (foods_import.py: import_usda),
   against one INSERT + one COMMIT per food with plain sqlite3.
2. Search p50/p95/max over ~300 queries made from the curated names (English and Dutch names,
   synonyms, prefixes, two-word queries, typos), against a naive ``lower(name) LIKE`` scan.
   Each query is timed with its own ``db.connect()``, after one warm-up pass.
3. The same over a generated catalog of 1,000,000 products (bench/foods_catalog.py), built once
   and cached under bench/.cache/ (the first run builds it, a few minutes).
4. ``plan_gap`` (foods suggest) on the curated foods, each run a new solve, against a greedy
   pick by mg per kcal.

PostgreSQL is a throwaway server (tests.support.postgres); without its binaries those rows are
skipped with the reason.

``--check`` (make bench-check) runs only the search goals: the 30 checked queries over SR28 and
over the 1M catalog, beside bare FTS5, exiting 1 when a p95 goal is missed.
"""

from __future__ import annotations

import os
import re
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import foods_queries
from foods_catalog import Query, catalog, query_set
from foods_import import bench_first_open, bench_import
from sqlalchemy import select, text
from timing import ms, start_server, table, timed

from mgcoach.foods.portions import portion_grams
from mgcoach.foods.tags import find_tag
from mgcoach.services.food_suggest import plan_gap
from mgcoach.settings import Settings
from mgcoach.storage.database import Database, open_database
from mgcoach.storage.food_search import search
from mgcoach.storage.foods import count_by_source, get_foods
from mgcoach.storage.tables import food as food_table

ROOT = Path(__file__).resolve().parents[1]
SR28 = ROOT / "data" / "usda-sr28"
CACHE = ROOT / "bench" / ".cache"
# Issue 19's search goals (bench-check): p95 over the 30 checked queries.
SR28_GOAL = foods_queries.Goal("SR28", 2.0)
CATALOG_GOAL = foods_queries.Goal("1M products", 20.0)
# MGCOACH_BENCH_PRODUCTS=100000 makes a smaller catalog (a separate cache file) for a quick look.
CATALOG_SIZE = int(os.environ.get("MGCOACH_BENCH_PRODUCTS", "1000000"))
SEARCH_PASSES = 3  # timed passes over the query set, after one warm-up pass
LIKE_SUBSET = 30  # the LIKE scan over 1M rows takes about 0.25 s a query
SUGGEST_RUNS = 20
# The greedy baseline's limits, as plan_gap's defaults (max_portions_each, max_items).
MAX_SERVINGS, MAX_FOODS = 2, 4


def sqlite_db(folder: Path) -> Database:
    return open_database(Settings(folder, f"sqlite:///{folder}/mgcoach.sqlite3"))


# --- 2. search ------------------------------------------------------------------------------


def project_search(connection: Any, query: str) -> int:
    return len(search(connection, query, limit=10).foods)


def like_search(connection: Any, query: str) -> int:
    """The naive baseline: every word a substring of the lower-cased name, shortest first."""
    words = re.findall(r"\w+", query.lower())
    where = " AND ".join(f"lower(name) LIKE :w{i}" for i in range(len(words)))
    statement = text(f"SELECT id, name FROM food WHERE {where} ORDER BY length(name) LIMIT 10")
    return len(
        connection.execute(statement, {f"w{i}": f"%{w}%" for i, w in enumerate(words)}).all()
    )


@dataclass
class Timing:
    samples: list[float]
    hits: int
    by_kind: dict[str, list[float]]


def time_queries(
    db: Database, queries: Sequence[Query], run: Any, passes: int, warmup: int | None = None
) -> Timing:
    """Seconds per query over ``passes`` timed passes, after a warm-up pass over the first
    ``warmup`` queries (all by default); hits are counted in the first timed pass."""
    for query in queries[:warmup]:
        with db.connect() as connection:
            run(connection, query.text)
    timing = Timing([], 0, {})
    for number in range(passes):
        for query in queries:
            started = time.perf_counter()
            with db.connect() as connection:
                found = run(connection, query.text)
            seconds = time.perf_counter() - started
            timing.hits += number == 0 and found > 0
            timing.samples.append(seconds)
            timing.by_kind.setdefault(query.kind, []).append(seconds)
    return timing


def stats(samples: Sequence[float]) -> list[str]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return [ms(cuts[49]), ms(cuts[94]), ms(max(samples))]


def search_rows(
    label: str, queries: Sequence[Query], timing: Timing, target: str
) -> list[list[str]]:
    return [[label, str(len(queries)), str(timing.hits), *stats(timing.samples), target]]


def kind_rows(queries: Sequence[Query], timing: Timing) -> list[list[str]]:
    rows = []
    for kind, samples in timing.by_kind.items():
        count = sum(1 for q in queries if q.kind == kind)
        rows.append([f"    {kind}", str(count), "", *stats(samples), ""])
    return rows


SEARCH_HEADER = ["", "queries", "with hits", "p50 ms", "p95 ms", "max ms", "target"]


def vacuum(db: Database) -> float:
    """VACUUM ANALYZE (outside a transaction): merges GIN's pending list, gathers statistics."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        return timed(lambda: connection.execute(text("VACUUM ANALYZE")))[0]


def bench_search(dbs: dict[str, Database], queries: Sequence[Query]) -> None:
    rows = []
    for label, db in dbs.items():
        found = time_queries(db, queries, project_search, SEARCH_PASSES)
        rows += search_rows(f"{label}: search()", queries, found, "p95 < 10 ms")
        rows += kind_rows(queries, found)
        naive = time_queries(db, queries, like_search, SEARCH_PASSES)
        rows += search_rows(f"{label}: baseline LIKE scan", queries, naive, "")
        if db.dialect == "postgresql":
            seconds = vacuum(db)
            found = time_queries(db, queries, project_search, SEARCH_PASSES)
            label = f"{label}: search() after VACUUM ANALYZE ({seconds:.1f} s)"
            rows += search_rows(label, queries, found, "p95 < 10 ms")
    title = (
        f"2. Search over SR28 + curated (limit 10, {SEARCH_PASSES} timed passes, one connect "
        "per query, right after the import)"
    )
    table(title, SEARCH_HEADER, rows)
    texts = foods_queries.queries()
    realistic = []
    for label, db in dbs.items():
        realistic += foods_queries.rows(label, db, texts, "p95 <= 2 ms")
    title = f"2b. The 30 checked queries over SR28 ({foods_queries.PASSES} passes, one connection)"
    table(title, foods_queries.HEADER, realistic)


# --- 3. search over 1M products -------------------------------------------------------------


def bench_catalog(queries: Sequence[Query]) -> None:
    path, build_s = catalog(CACHE, CATALOG_SIZE, SR28)
    step = max(1, len(queries) // LIKE_SUBSET)
    db = open_database(Settings(CACHE, f"sqlite:///{path}"))
    try:
        with db.connect() as connection:
            counts = count_by_source(connection)
        found = time_queries(db, queries, project_search, SEARCH_PASSES)
        subset = list(queries[::step])
        subset_found = time_queries(db, subset, project_search, SEARCH_PASSES)
        naive = time_queries(db, subset, like_search, 1, warmup=1)  # one pass: slow
        texts = foods_queries.queries()
        realistic = foods_queries.rows("SQLite", db, texts, "p95 <= 20 ms")
        bare = foods_queries.rows("SQLite", db, [q.text for q in queries], "p95 <= 20 ms")
        realistic += [[r[0].replace("SQLite", f"SQLite, all {len(queries)}"), *r[1:]] for r in bare]
    finally:
        db.dispose()
    built = "cached" if build_s is None else f"built now in {build_s:.0f} s"
    title = (
        f"3. Search over a generated catalog: {sum(counts.values()):,} foods "
        f"({', '.join(f'{k} {v:,}' for k, v in sorted(counts.items()))}); "
        f"file {path.stat().st_size / 2**20:,.0f} MiB, {built}\n   ({path.name}; "
        f"{SEARCH_PASSES} timed passes; LIKE scans every row, so it runs on every {step}th query)"
    )
    rows = search_rows("SQLite: search()", queries, found, "p95 <= 20 ms")
    rows += kind_rows(queries, found)
    rows += search_rows(f"SQLite: search(), LIKE subset of {len(subset)}", subset, subset_found, "")
    rows += search_rows(f"SQLite: baseline LIKE scan, subset of {len(subset)}", subset, naive, "")
    table(title, SEARCH_HEADER, rows)
    table("3b. The same catalog", foods_queries.HEADER, realistic)


# --- 4. foods suggest -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    label: str
    gap_mg: float
    max_kcal: float | None = None
    max_sodium_mg: float | None = None
    exclude: tuple[str, ...] = ()
    vegan: bool = False


CASES = (
    Case("gap 100 mg", 100),
    Case("gap 250 mg", 250),
    Case("gap 400 mg", 400),
    Case("gap 250, max 300 kcal", 250, max_kcal=300),
    Case("gap 400, max 500 kcal, max 300 mg Na", 400, max_kcal=500, max_sodium_mg=300),
    Case("gap 250, vegan", 250, vegan=True),
    Case("gap 250, exclude nuts", 250, exclude=("nuts",)),
    Case(
        "gap 400, vegan, no nuts/seeds, 600 kcal", 400, 600, exclude=("nuts", "seeds"), vegan=True
    ),
)


@dataclass(frozen=True, slots=True)
class Serving:
    density: float  # mg per kcal
    mg: float
    kcal: float
    sodium_mg: float
    group: str


def _servings(db: Database, case: Case) -> list[Serving]:
    """One serving of each allowed curated food with a usual serving, best mg per kcal first."""
    excluded = {find_tag(word).slug for word in case.exclude}
    statement = select(food_table.c.id).where(
        food_table.c.source == "curated", food_table.c.serving.is_not(None)
    )
    with db.connect() as connection:
        foods = get_foods(connection, list(connection.execute(statement).scalars()))
    found = []
    for item in foods:
        mg, kcal, sodium = (item.value(k) for k in ("magnesium_mg", "energy_kcal", "sodium_mg"))
        allowed = (not case.vegan or "vegan" in item.tags) and not item.tags & excluded
        if not allowed or not mg or kcal is None or item.serving is None:
            continue
        if case.max_sodium_mg is not None and sodium is None:
            continue  # as plan_gap: unknown sodium cannot be counted against a budget
        share = portion_grams(item, item.serving).grams / 100
        density = mg / kcal if kcal else float("inf")
        group = item.group or item.id
        found.append(Serving(density, mg * share, kcal * share, (sodium or 0.0) * share, group))
    return sorted(found, key=lambda s: s.density, reverse=True)


def greedy(db: Database, case: Case, same_rules: bool = False) -> tuple[float, float, int]:
    """The baseline: best mg per kcal first, up to MAX_SERVINGS servings of each food, within
    the budgets, until the gap is closed: (mg, kcal, foods used). ``same_rules`` adds
    plan_gap's variety rules: at most MAX_FOODS foods, one per food group."""
    total_mg = total_kcal = total_na = 0.0
    groups: set[str] = set()
    used = 0
    for serving in _servings(db, case):
        if same_rules and (serving.group in groups or used == MAX_FOODS):
            continue
        count = 0
        while total_mg < case.gap_mg and count < MAX_SERVINGS:
            if case.max_kcal is not None and total_kcal + serving.kcal > case.max_kcal:
                break
            if case.max_sodium_mg is not None and total_na + serving.sodium_mg > case.max_sodium_mg:
                break
            total_mg, total_kcal = total_mg + serving.mg, total_kcal + serving.kcal
            total_na += serving.sodium_mg
            count += 1
        if count:
            groups.add(serving.group)
            used += 1
    return total_mg, total_kcal, used


def repeat(func: Callable[[int], Any]) -> tuple[list[float], Any]:
    """``func(run)`` once to warm up, then timed SUGGEST_RUNS times."""
    result = func(0)
    samples = [timed(lambda run=run: func(run))[0] for run in range(1, SUGGEST_RUNS + 1)]
    return samples, result


def bench_suggest(work: Path) -> None:
    db = sqlite_db(work / "curated")
    rows = []
    try:
        for case in CASES:
            # plan_gap keeps a plan per gap: a gap larger by a nano-mg each run misses that
            # memo, so every run solves (the pool of candidates is still shared, as in use).
            plan_s, plan = repeat(
                lambda run, case=case: plan_gap(
                    db,
                    case.gap_mg + run * 1e-9,
                    max_kcal=case.max_kcal,
                    max_sodium_mg=case.max_sodium_mg,
                    exclude=list(case.exclude),
                    vegan=case.vegan,
                )
            )
            greedy_s, (mg, kcal, used) = repeat(lambda _run, case=case: greedy(db, case))
            ruled = greedy(db, case, same_rules=True)
            s = plan.suggestion
            optimiser = [ms(statistics.median(plan_s)), ms(max(plan_s))]
            optimiser += [f"{s.magnesium_mg:.0f}", f"{s.energy_kcal:.0f}", str(len(s.items))]
            baseline = [ms(statistics.median(greedy_s)), ms(max(greedy_s))]
            baseline += [f"{mg:.0f}", f"{kcal:.0f}", str(used)]
            baseline += [f"{ruled[0]:.0f}", f"{ruled[1]:.0f}", str(ruled[2])]
            rows.append([case.label, *optimiser, *baseline, "< 200 ms"])
    finally:
        db.dispose()
    header = ["plan_gap:", "p50 ms", "max ms", "mg", "kcal", "foods", "greedy: p50 ms", "max ms"]
    header += ["mg", "kcal", "foods", "greedy, rules: mg", "kcal", "foods", "target"]
    title = (
        f"4. foods suggest on the curated foods ({SUGGEST_RUNS} runs). Greedy = best mg/kcal "
        f"first, up to {MAX_SERVINGS} servings each;\n   'greedy, rules' adds plan_gap's rules "
        f"(at most {MAX_FOODS} foods, one per food group)"
    )
    table(title, header, rows)


# --- main -----------------------------------------------------------------------------------


def check() -> int:
    """`bench/foods.py --check` (make bench-check): the 30 checked queries over a new data
    folder's SR28 table and over the 1M catalog, each judged against issue 19's p95 goal, with
    the bare FTS5 top-10 measured beside it. Exits 1 when a goal is missed."""
    rows, met = [], True
    with tempfile.TemporaryDirectory(prefix="mgcoach-bench-") as scratch:
        db = sqlite_db(Path(scratch))
        try:
            row, ok = foods_queries.judged(
                "SR28 (new data folder)", db, foods_queries.queries(), SR28_GOAL
            )
            rows.append(row)
            met = met and ok
        finally:
            db.dispose()
    path, _ = catalog(CACHE, CATALOG_SIZE, SR28)
    db = open_database(Settings(CACHE, f"sqlite:///{path}"))
    try:
        label = f"{CATALOG_SIZE:,} products"
        row, ok = foods_queries.judged(label, db, foods_queries.queries(), CATALOG_GOAL)
        rows.append(row)
        met = met and ok
    finally:
        db.dispose()
    table(
        f"search, {foods_queries.PASSES} warm passes on one connection (wall time)",
        foods_queries.CHECK_HEADER,
        rows,
    )
    return 0 if met else 1


def main() -> None:
    if "--check" in sys.argv[1:]:
        sys.exit(check())
    started = time.perf_counter()
    print(
        f"Mg Coach food benchmarks: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"SQLite {sqlite3.sqlite_version}"
    )
    server = start_server()
    queries = query_set()
    with tempfile.TemporaryDirectory(prefix="mgcoach-bench-") as scratch:
        work = Path(scratch)
        try:
            bench_first_open(work, server)
            sqlite, postgres = bench_import(work, server)
            dbs = {"SQLite": sqlite} | ({"PostgreSQL": postgres} if postgres else {})
            bench_search(dbs, queries)
            for db in dbs.values():
                db.dispose()
        finally:
            if server is not None:
                server.stop()
        bench_catalog(queries)
        bench_suggest(work)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory of this process: {peak:,.0f} MiB")
    print(f"whole run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
