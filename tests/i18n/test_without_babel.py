"""The package runs without Babel (issue 19: Babel is a development dependency). In a fresh
process where importing ``babel`` fails, every module of the package imports, the Today, Log,
Trends and report pages render in English and Dutch, and ``day``, ``targets`` and ``report``
run, with their numbers and dates written in each language's notation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.database import open_database
from tests.report.journal import make_journal

_RUN = r"""
import importlib, importlib.abc, json, pkgutil, sys

class NoBabel(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "babel" or name.startswith("babel."):
            raise ImportError(f"{name} is blocked: the package must run without Babel")
        return None

sys.meta_path.insert(0, NoBabel())
import mgcoach
modules = [
    info.name for info in pkgutil.walk_packages(mgcoach.__path__, "mgcoach.")
    if not info.name.endswith(("__main__", "migrations.env"))  # scripts, run, not imported
]
for name in modules:
    importlib.import_module(name)

from fastapi.testclient import TestClient
from typer.testing import CliRunner
from mgcoach.cli.app import build_app
from mgcoach.i18n import set_language
from mgcoach.web.app import create_app
from mgcoach.web.config import WebConfig

pages = {}
with TestClient(create_app(WebConfig(allowed_hosts=("testserver",)))) as client:
    for lang in ("en", "nl"):
        for path in (
            "/today?date=2026-03-05", "/log?date=2026-03-05", "/trends?to=2026-03-30",
            "/report?from=2026-03-01&to=2026-03-30",
        ):
            answer = client.get(path, headers={"Accept-Language": lang})
            pages[f"{lang} {path}"] = [answer.status_code, answer.text]
commands = {}
runner = CliRunner()
for lang in ("en", "nl"):
    for args in (
        ["day", "2026-03-05"], ["targets", "--age", "45", "--sex", "female"],
        ["report", "--from", "2026-03-01", "--to", "2026-03-30"],
    ):
        set_language(lang)  # as cli/main.py does before it runs the app
        done = runner.invoke(build_app(), [*args, "--lang", lang])
        commands[f"{lang} {args[0]}"] = [done.exit_code, done.output, repr(done.exception)]
blocked = sorted(m for m in sys.modules if m == "babel" or m.startswith("babel."))
print(json.dumps({"modules": len(modules), "pages": pages, "commands": commands, "babel": blocked}))
"""


def test_the_package_runs_without_babel(data_dir: Path, kb: KnowledgeBase) -> None:
    database = open_database()
    make_journal(database, kb)
    database.dispose()
    env = dict(os.environ, MGCOACH_DATA_DIR=str(data_dir))
    env.pop("MGCOACH_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", _RUN], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["babel"] == [] and result["modules"] > 100
    for name, (status, html) in result["pages"].items():
        assert status == 200, (name, html[-2000:])
    pages, commands = result["pages"], result["commands"]
    assert "March 5, 2026" in pages["en /today?date=2026-03-05"][1]
    assert "5 maart 2026" in pages["nl /log?date=2026-03-05"][1]
    assert "1,000\u00a0mg" in pages["en /today?date=2026-03-05"][1]
    assert "1.000\u00a0mg" in pages["nl /today?date=2026-03-05"][1]
    assert "Mar 1, 2026" in pages["en /report?from=2026-03-01&to=2026-03-30"][1]
    assert "1 mrt 2026" in pages["nl /report?from=2026-03-01&to=2026-03-30"][1]
    for name, (code, output, error) in commands.items():
        assert code == 0, (name, output, error)
    assert "2,500" in commands["en targets"][1] and "2.500" in commands["nl targets"][1]
    assert "0.70" in commands["en report"][1] and "0,70" in commands["nl report"][1]
