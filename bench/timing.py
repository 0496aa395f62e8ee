"""What every benchmark here shares: timing a call, printing an aligned table, and starting
the throwaway PostgreSQL server the tests use."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """An aligned table: the first column left, the numbers right."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        print("  " + "  ".join(cells).rstrip())


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.2f}"


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def start_server() -> Any:
    """A throwaway PostgreSQL server, or None (with the reason printed) when there is none."""
    sys.path.insert(0, str(ROOT))
    from tests.support.postgres import PostgresUnavailableError, start_postgres

    try:
        return start_postgres()
    except PostgresUnavailableError as error:
        print(f"PostgreSQL rows skipped: {str(error).splitlines()[0]}")
        return None
