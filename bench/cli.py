"""Start-up speed and memory of the command line (issue 19). Run with `make bench` or
`.venv/bin/python bench/cli.py [--runs N] [--check]`.

Every figure is the median wall time of N runs (default 9) of a fresh process, the commands
taken in turn within each round so a busy machine slows them alike; beside it the median CPU
time (user + system: what a shared machine's load does not inflate) and the largest peak RSS
(``os.wait4``'s resource usage of each child). The baselines are measured in the same run:
``python -c pass`` (the interpreter), ``python -c "import typer, rich"`` (the CLI
framework alone) and the ``--help`` of a two-command Typer app (the floor of a help screen
drawn by Typer: it imports Typer's rich_utils, Rich's Markdown and Pygments, which the import
alone does not). Issue 19 gives the goals on a quiet machine, where that baseline took 76 ms:
``--help`` within 2x of it, ``targets`` 200 ms, ``foods search`` 250 ms, ``day`` 300 ms (2.6x,
3.3x and 3.9x), and at most 50 MiB; each is judged as that ratio to the baseline's median
here, so a busy machine slows goal and figure alike.

``day --json`` reads a data folder prepared first (a profile and a day of 12 entries) in a
temporary directory; the cache (compiled catalogs, the knowledge base) lives in a temporary
directory too, filled by one run of each command before timing: a user's second command on.
``mgcoach --help`` is then a kept screen (cli/help_cache.py); ``--help, nothing cached`` runs
each time with an empty cache directory (the first run after an install or an upgrade).

What a user runs is measured: pip compiles a package's bytecode when it installs it, so the
measured package's folder is compiled first (``python -m compileall -q``, as pip does) and the
children run without ``PYTHONDONTWRITEBYTECODE`` (a sandbox or CI may set it; a module without
its ``.pyc`` is compiled from source on every start, some 60-150 ms that no user pays).

``--check`` exits 1 when a goal is missed (timing is noisy on a shared machine: never a test).
``--src FOLDER`` measures the package in FOLDER instead (``python -m mgcoach`` with it first on
PYTHONPATH): another version's ``src``, e.g. ``git archive HEAD src | tar -x -C /tmp/old``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from timing import table

MIB = 1024  # ru_maxrss is in KiB on Linux
QUIET_BASELINE_S = 0.076  # `python -c "import typer, rich"` on a quiet machine (issue 19)
PEAK_GOAL_MIB = 50
BIN = Path(sys.executable).parent / "mgcoach"
MGCOACH = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "mgcoach"]

# A day to assess: what a user logs, through the CLI itself.
DAY_ENTRIES = (
    ("profile", "set", "--age", "45", "--sex", "female", "--weight-kg", "68"),
    ("log", "food", "almonds", "30 g"),
    ("log", "food", "oats", "60 g"),
    ("log", "food", "banana", "1 medium"),
    ("log", "food", "spinach", "100 g"),
    ("log", "food", "milk", "250 g"),
    ("log", "food", "black beans", "150 g"),
    ("log", "food", "dark chocolate", "20 g"),
    ("log", "supplement", "glycinate", "200", "--as", "elemental"),
    ("log", "symptom", "cramp"),
    ("log", "sleep", "7.5", "--quality", "6"),
    ("log", "training", "running", "45", "--rpe", "7"),
    ("log", "lab", "0.78", "mmol/L"),
)


class Figure:
    """One command line measured: its wall times and its peak memory."""

    def __init__(self, label: str, argv: Sequence[str]) -> None:
        self.label, self.argv = label, list(argv)
        self.seconds: list[float] = []
        self.cpu: list[float] = []
        self.peak_kib = 0

    def run_once(self, env: dict[str, str]) -> None:
        started = time.perf_counter()
        process = subprocess.Popen(
            self.argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        assert process.stderr is not None
        error = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        self.seconds.append(time.perf_counter() - started)
        self.cpu.append(usage.ru_utime + usage.ru_stime)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"{self.label} failed ({process.returncode}): {error.decode()}")
        self.peak_kib = max(self.peak_kib, usage.ru_maxrss)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


class ColdFigure(Figure):
    """A figure whose every run starts with an empty cache directory: what a first run after
    an install or an upgrade costs (no kept help screen, catalog or knowledge base)."""

    def run_once(self, env: dict[str, str]) -> None:
        with tempfile.TemporaryDirectory(prefix="mgcoach-cold-") as cold:
            super().run_once(dict(env, MGCOACH_CACHE_DIR=cold))


def prepare(env: dict[str, str]) -> None:
    """The data folder (the food table loaded, a profile, a day of entries) and the caches."""
    for args in DAY_ENTRIES:
        subprocess.run([*MGCOACH, *args], env=env, check=True, capture_output=True)


TINY_APP = """
import typer
app = typer.Typer()
app.command(help="Say hello.")(lambda name="x": None)
app.command("bye", help="Say goodbye.")(lambda: None)
app()
"""


def figures() -> tuple[list[Figure], dict[str, tuple[str, float | None]]]:
    """The figures, and per figure its baseline label and goal (a ratio to the baseline)."""
    python = sys.executable
    measured = [
        Figure("python -c pass", [python, "-c", "pass"]),
        Figure("python -c 'import typer, rich'", [python, "-c", "import typer, rich"]),
        Figure("typer: 2-command app --help", [python, "-c", TINY_APP, "--help"]),
        Figure("mgcoach --help", [*MGCOACH, "--help"]),
        ColdFigure("mgcoach --help, nothing cached", [*MGCOACH, "--help"]),
        Figure("targets --json", [*MGCOACH, "targets", "--age", "45", "--sex", "female", "--json"]),
        Figure("foods search almonds --json", [*MGCOACH, "foods", "search", "almonds", "--json"]),
        Figure("day --json", [*MGCOACH, "day", "--json"]),
    ]
    typer_rich = "python -c 'import typer, rich'"
    goals: dict[str, tuple[str, float | None]] = {
        "typer: 2-command app --help": (typer_rich, None),
        "mgcoach --help": (typer_rich, 2.0),
        "mgcoach --help, nothing cached": (typer_rich, None),
        "targets --json": (typer_rich, 0.200 / QUIET_BASELINE_S),
        "foods search almonds --json": (typer_rich, 0.250 / QUIET_BASELINE_S),
        "day --json": (typer_rich, 0.300 / QUIET_BASELINE_S),
    }
    return measured, goals


def report(measured: list[Figure], goals: dict[str, tuple[str, float | None]]) -> bool:
    by_label = {figure.label: figure for figure in measured}
    rows, met = [], True
    for figure in measured:
        base_label, goal = goals.get(figure.label, ("python -c pass", None))
        base = by_label[base_label]
        ratio = figure.median / base.median
        peak = figure.peak_kib / MIB
        ok, goal_text = True, ""
        if goal is not None:
            ok = ratio <= goal and peak <= PEAK_GOAL_MIB
            goal_text = f"<= {goal:.1f}x, <= {PEAK_GOAL_MIB} MiB"
        met = met and ok
        rows.append(
            [
                figure.label,
                f"{figure.median * 1e3:.0f}",
                f"{min(figure.seconds) * 1e3:.0f}",
                f"{statistics.median(figure.cpu) * 1e3:.0f}",
                f"{peak:.1f}",
                base_label if figure is not base else "-",
                f"{ratio:.2f}x",
                goal_text,
                ("ok" if ok else "MISSED") if goal_text else "",
            ]
        )
    header = ["command", "median ms", "best ms", "CPU ms", "peak MiB", "baseline", "ratio"]
    table("CLI start-up (a fresh process each run)", [*header, "goal", ""], rows)
    return met


def compile_bytecode(src: Path | None) -> None:
    """Compile the measured package's bytecode, as ``pip install`` does."""
    spec = importlib.util.find_spec("mgcoach")
    assert spec is not None and spec.origin is not None
    package = Path(spec.origin).parent if src is None else src / "mgcoach"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--src", type=Path, help="measure the mgcoach package in this folder")
    options = parser.parse_args()
    if options.src is not None:
        MGCOACH[:] = [sys.executable, "-m", "mgcoach"]
    with tempfile.TemporaryDirectory(prefix="mgcoach-bench-") as folder:
        env = dict(os.environ)
        env.update(
            MGCOACH_DATA_DIR=str(Path(folder) / "data"),
            XDG_CACHE_HOME=str(Path(folder) / "cache"),
            MGCOACH_LANG="en",
            COLUMNS="100",
        )
        env.pop("MGCOACH_DATABASE_URL", None)
        env.pop("MGCOACH_CACHE_DIR", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as a user runs it: bytecode from the install
        if options.src is not None:
            env["PYTHONPATH"] = str(options.src.resolve())
        compile_bytecode(options.src)
        prepare(env)
        measured, goals = figures()
        for figure in measured:  # one warm-up each: caches filled, files in the page cache
            figure.run_once(env)
            figure.seconds.clear()
        for _ in range(options.runs):
            for figure in measured:
                figure.run_once(env)
    met = report(measured, goals)
    print(f"\n{options.runs} runs each; {os.cpu_count()} CPUs; load {os.getloadavg()[0]:.2f}")
    return 1 if options.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
