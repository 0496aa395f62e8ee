"""The issue's search figure for bench/foods.py: the thirty realistic queries whose first result
the tests check (tests/support/search_queries.py), timed through search() beside a bare FTS5
top-10 (the same terms, prefix-matched and ordered by FTS5's own rank, nothing else).

Both run on one held connection, warm, PASSES passes after a warm-up pass, so the ratio is
the search's own work over the index's.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from timing import ROOT, ms

from mgcoach.foods.search_text import terms
from mgcoach.storage.database import Database
from mgcoach.storage.food_search import search

PASSES = 20
_BARE = text("SELECT rowid FROM food_fts WHERE food_fts MATCH :match ORDER BY rank LIMIT 10")


def queries() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from tests.support.search_queries import SEARCH_QUERIES

    return [q.text for q in SEARCH_QUERIES]


def bare_fts5(connection: Any, query: str) -> int:
    match = " AND ".join(f'"{t}"*' for t in terms(query))
    return len(connection.execute(_BARE, {"match": match}).all()) if match else 0


def project(connection: Any, query: str) -> int:
    return len(search(connection, query, limit=10).foods)


def samples(db: Database, texts: Sequence[str], run: Callable[[Any, str], int]) -> list[float]:
    found = []
    with db.connect() as connection:
        for query in texts:
            run(connection, query)
        for _ in range(PASSES):
            for query in texts:
                started = time.perf_counter()
                run(connection, query)
                found.append(time.perf_counter() - started)
    return found


def rows(label: str, db: Database, texts: Sequence[str], goal: str) -> list[list[str]]:
    """search() and, on SQLite, the bare FTS5 baseline: p50, p95, max and the p95 ratio."""
    timed = {"search()": samples(db, texts, project)}
    if db.dialect == "sqlite":
        timed["bare FTS5 top-10"] = samples(db, texts, bare_fts5)
    p95 = {k: statistics.quantiles(v, n=100, method="inclusive")[94] for k, v in timed.items()}
    found = []
    for name, values in timed.items():
        cuts = statistics.quantiles(values, n=100, method="inclusive")
        ratio = f"{p95['search()'] / p95[name]:.1f}x" if name != "search()" else ""
        found.append([f"{label}: {name}", ms(cuts[49]), ms(cuts[94]), ms(max(values)), ratio])
        found[-1].append(goal if name == "search()" else "")
    return found


HEADER = ["30 queries (en, nl, typos)", "p50 ms", "p95 ms", "max ms", "search/bare", "goal"]


# --- make bench-check -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Goal:
    """One judged figure: the search p95 over the 30 queries on ``where``, at most ``p95_ms``."""

    where: str
    p95_ms: float


def judged(label: str, db: Database, texts: Sequence[str], goal: Goal) -> tuple[list[str], bool]:
    """One row of the check: search() p50/p95 beside the bare FTS5 p95 (same run), the ratio,
    the goal and whether it is met."""
    mine = samples(db, texts, project)
    bare = samples(db, texts, bare_fts5)
    cuts = statistics.quantiles(mine, n=100, method="inclusive")
    bare_p95 = statistics.quantiles(bare, n=100, method="inclusive")[94]
    met = cuts[94] * 1000.0 <= goal.p95_ms
    row = [
        label,
        ms(cuts[49]),
        ms(cuts[94]),
        ms(bare_p95),
        f"{cuts[94] / bare_p95:.1f}x",
        f"p95 <= {goal.p95_ms:g} ms",
        "yes" if met else "NO",
    ]
    return row, met


CHECK_HEADER = ["30 queries", "p50 ms", "p95 ms", "bare FTS5 p95", "ratio", "goal", "met"]
