"""`make bench-check`: issue 19's figures, each beside its baseline from the same run, the ratio
and the goal; exits 1 when a goal is missed. Never part of `make test` (timing on a shared
machine is noisy; a ratio to a baseline measured alongside is what is judged).

- CLI (start-up, commands, peak memory): ``bench/cli.py --check``, which prints its figures
  beside ``import typer, rich`` and judges them (skipped with a note when it is absent).
- web: bench/web.py's ``run_all``: Today, Log and the day API under saturation against the
  bare ``def`` endpoint (goal: at least half its req/s, p99 <= 100 ms), /healthz beside it,
  in three rounds over all of them; judged on the medians over the rounds (``verdict``).
- search: ``bench/foods.py --check`` when it has that mode (its search section against bare
  FTS5); otherwise a note.
- pages: bench/pages.py in process, /today and /log p95 against issue 17's 20 ms.
- size: ``bench/install_size.py --check``, the default install's site-packages (a fresh
  environment, ``pip install .``) against 120 MB.

``--only cli,web,search,pages,size`` runs some of them; ``--seconds`` and ``--rounds`` set
the web saturation windows.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from timing import table

HERE = Path(__file__).resolve().parent
PARTS = ("cli", "web", "search", "pages", "size")


def judged_script(name: str, *args: str) -> bool | None:
    """Run ``bench/<name> --check`` and say whether its goals were met; None when the script or
    its --check mode is not there (a note is printed)."""
    script = HERE / name
    if not script.exists():
        print(f"\n[{name}] not present: skipped.")
        return None
    if "--check" not in script.read_text(encoding="utf-8"):
        print(f"\n[{name}] has no --check mode yet: its figures are not judged here.")
        return None
    print(f"\n[{name} --check]", flush=True)
    done = subprocess.run([sys.executable, str(script), "--check", *args], check=False)
    return done.returncode == 0


def web(seconds: float, rounds: int) -> bool:
    import web as bench_web

    figures = bench_web.run_all(seconds, 1.0, 3.0, rounds=rounds)
    floor = figures[bench_web.BARE_DEF].saturated
    rows, met = [], True
    shown = (bench_web.TODAY, bench_web.LOG, bench_web.DAY_API, bench_web.HEALTH)
    for label in (*shown, bench_web.SIGNED_IN):
        run = figures[label].saturated
        judged = bench_web.verdict(figures, label)
        counted = label not in (bench_web.HEALTH, bench_web.SIGNED_IN)  # the goals
        met = met and (judged.met or not counted)
        rows.append(
            [
                label,
                f"{run.throughput:.0f}",
                f"{floor.throughput:.0f}",
                f"{judged.ratio:.2f}",
                " / ".join(f"{ratio:.2f}" for ratio in judged.ratios),
                f"{judged.p99 * 1000.0:.1f}",
                ">= 0.50, p99 <= 100 ms" if counted else "-",
                ("yes" if judged.met else "NO") if counted else "-",
            ]
        )
    table(
        f"web under saturation (50 clients) against the bare def endpoint, {rounds} rounds in "
        "the same run: median round's req/s, medians of the ratio (each to its round's bare "
        "def endpoint) and of p99",
        ["figure", "req/s", "bare def req/s", "ratio", "rounds", "p99 ms", "goal", "met"],
        rows,
    )
    return met


def pages() -> bool:
    import pages as bench_pages

    rows = bench_pages.measure(("/today", "/log"), 200, 20, logged=False)
    table(
        "pages in process (TestClient), ms",
        ["page", "p50", "p95", "mean", "max", "p95 target", "met"],
        rows,
    )
    return all(row[-1] != "NO" for row in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", default=",".join(PARTS), help="parts, comma-separated")
    parser.add_argument(
        "--seconds", type=float, default=4.0, help="web saturation window, each round"
    )
    parser.add_argument("--rounds", type=int, default=3, help="web saturation rounds")
    options = parser.parse_args()
    chosen = [part.strip() for part in options.only.split(",") if part.strip()]
    runs: dict[str, Callable[[], bool | None]] = {
        "cli": lambda: judged_script("cli.py"),
        "web": lambda: web(options.seconds, options.rounds),
        "search": lambda: judged_script("foods.py"),
        "pages": pages,
        "size": lambda: judged_script("install_size.py"),
    }
    verdicts = {part: runs[part]() for part in chosen if part in runs}
    words = {True: "met", False: "MISSED", None: "not judged"}
    table("bench-check", ["part", "goals"], [[p, words[v]] for p, v in verdicts.items()])
    return 1 if any(v is False for v in verdicts.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
