"""The default install's size: ``pip install .`` (no extras) into a fresh virtual environment
without pip itself, then the bytes its site-packages folder takes on disk, per distribution.

Run with `.venv/bin/python bench/install_size.py [--check]` (about a minute: pip builds the
wheel and installs every dependency from the package index, compiling their bytecode as any
install does). Issue 19's goal: at most 120 MB for the default install (it was 368 MB with
SciPy, 220 MB with HiGHS' binding and the NumPy it requires plus Babel's ~700 locales).

The figure is disk usage (allocated blocks, in 10^6 bytes), the larger of the two usual ways
to count: the sum of the files' lengths is printed beside it. The largest folders follow, so
a dependency that grows is seen at once. The installed ``mgcoach`` then answers a few
commands that reach what the development-only packages used to do (numbers and dates in Dutch,
the gap optimiser, a day with a supplement): the lean install must also work. ``--check``
exits 1 above the goal or when a command fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import table

ROOT = Path(__file__).resolve().parent.parent
GOAL_MB = 120.0
# Never installed by a default install: seeing one of them in it is a regression.
HEAVY = ("numpy", "scipy", "highspy", "babel", "pandas")


def usage(folder: Path) -> tuple[int, int]:
    """(allocated bytes, sum of lengths) of every file under ``folder``."""
    allocated = length = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            stat = os.lstat(os.path.join(dirpath, name))
            allocated += stat.st_blocks * 512
            length += stat.st_size
    return allocated, length


def install(venv: Path) -> Path:
    """A fresh environment at ``venv`` with this project installed; its site-packages."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    command = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", str(ROOT)]
    subprocess.run(command, check=True)
    found = sorted((venv / "lib").glob("python*/site-packages"))
    if not found:
        raise SystemExit(f"no site-packages under {venv}")
    return found[0]


# What the development-only packages did before issue 19: Babel's numbers and dates, HiGHS'
# plans (NumPy), the experiments' statistics (NumPy).
SMOKE = (
    ("profile", "set", "--age", "45", "--sex", "female", "--weight-kg", "68"),
    ("experiment", "start", "night_cramps", "--json"),
    ("log", "supplement", "glycinate", "200", "--as", "elemental"),
    ("day", "--lang", "nl"),
    ("foods", "suggest", "--gap-mg", "150", "--max-kcal", "300", "--json"),
)


def smoke(venv: Path, folder: Path) -> list[str]:
    """The SMOKE commands run by the installed ``mgcoach``; the ones that failed."""
    env = dict(os.environ, MGCOACH_DATA_DIR=str(folder / "data"), MGCOACH_LANG="en")
    env.update(MGCOACH_CACHE_DIR=str(folder / "cache"), COLUMNS="100")
    env.pop("MGCOACH_DATABASE_URL", None)
    failed = []
    for args in SMOKE:
        done = subprocess.run(
            [str(venv / "bin" / "mgcoach"), *args], env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            failed.append(f"mgcoach {' '.join(args)}: {(done.stderr or done.stdout).strip()}")
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 above the goal")
    parser.add_argument("--top", type=int, default=12, help="largest folders to list")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mgcoach-size-") as folder:
        site = install(Path(folder) / "venv")
        allocated, length = usage(site)
        failed = smoke(Path(folder) / "venv", Path(folder))
        parts = sorted(((usage(path)[0], path.name) for path in site.iterdir()), reverse=True)[
            : options.top
        ]
        heavy = sorted(
            path.name
            for path in site.iterdir()
            if path.name.split("-")[0].split(".")[0].lower() in HEAVY
            and not path.name.endswith(".dist-info")
        )
    table(
        f"largest folders of the default install (of {len(parts)} shown)",
        ["folder", "MB on disk"],
        [[name, f"{size / 1e6:.1f}"] for size, name in parts],
    )
    met = allocated / 1e6 <= GOAL_MB and not heavy and not failed
    table(
        "installed size: pip install . (no extras), site-packages",
        ["figure", "MB on disk", "MB of file lengths", "goal", "met"],
        [
            [
                "default install",
                f"{allocated / 1e6:.1f}",
                f"{length / 1e6:.1f}",
                f"<= {GOAL_MB:.0f}",
                "yes" if met else "NO",
            ]
        ],
    )
    if heavy:
        print(f"\nNot expected in the default install: {', '.join(heavy)}")
    print(f"\nThe installed mgcoach answered {len(SMOKE) - len(failed)} of {len(SMOKE)} commands.")
    for line in failed:
        print(f"  failed: {line}")
    return 1 if options.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
