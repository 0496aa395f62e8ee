"""Running the CLI in a fresh process to see what a command imports (issue 19): the start-up
tests and the reads without SQLAlchemy share it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Runs the CLI and prints the modules imported as JSON on stderr.
_RUN = """
import json, sys
args = sys.argv[1:]
from mgcoach.cli.main import main
code = main(args)
sys.stderr.write("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
SQL = ("sqlalchemy", "alembic")


@dataclass(frozen=True)
class FreshRun:
    stdout: str
    modules: frozenset[str]

    def loaded(self, names: Sequence[str]) -> list[str]:
        """The modules imported that are one of ``names`` or inside one of them."""
        return sorted(
            m for m in self.modules if any(m == n or m.startswith(n + ".") for n in names)
        )


def run_fresh(
    args: Sequence[str], *, data: Path, cache: Path, database_url: str | None = None
) -> FreshRun:
    """``mgcoach args`` in a fresh process with its own data and cache folders (and
    ``database_url``, else the data folder's SQLite file); it must exit 0."""
    env = dict(os.environ, MGCOACH_CACHE_DIR=str(cache), MGCOACH_DATA_DIR=str(data))
    env.pop("MGCOACH_DATABASE_URL", None)
    if database_url is not None:
        env["MGCOACH_DATABASE_URL"] = database_url
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *args],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    result = json.loads(done.stderr.rsplit("\n", 1)[-1])
    assert result["code"] == 0, done.stderr
    return FreshRun(done.stdout, frozenset(result["modules"]))
