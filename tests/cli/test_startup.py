"""The command line imports only what a command uses (issue 19): ``--help`` builds every
command's help without the knowledge base, the database, pint, NumPy or SciPy, and the
calculators run without the database. Checked on the modules a fresh process imported, never
on time (bench/cli.py measures that)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.fresh_cli import run_fresh

HEAVY = ("pint", "sqlalchemy", "numpy", "scipy", "alembic", "psycopg", "fastapi", "jinja2")
NOT_FOR_HELP = (
    *HEAVY,
    "mgcoach.knowledge.base",
    "mgcoach.storage",
    "mgcoach.services.database",
    "mgcoach.contract",
    "mgcoach.engine",
    "molmass",
)
# Typer (0.29) checks the value of every option it parses with a pydantic TypeAdapter; a plain
# value is read without one (cli/plain_values.py), so no help screen imports pydantic.
ROOT_ONLY = ("pydantic", "typer._adapters")
# A command's --json is written without Rich (its console and tables are for people) and its
# plain option values are read without Typer's pydantic adapters.
NOT_FOR_JSON = ("rich", "typer._adapters")


def _imported(args: list[str], cache: Path, data: Path) -> set[str]:
    return set(run_fresh(args, data=data, cache=cache).modules)


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


@pytest.mark.parametrize(
    ("args", "also"),
    [
        pytest.param(["--help"], ROOT_ONLY, id="root"),
        pytest.param([], ROOT_ONLY, id="no-args"),
        pytest.param(["foods", "--help"], ROOT_ONLY, id="group"),
        pytest.param(["log", "food", "--help"], ROOT_ONLY, id="command"),
        pytest.param(["day", "--help"], ROOT_ONLY, id="journal-command"),
    ],
)
def test_help_imports_no_knowledge_database_or_units_library(
    args: list[str], also: tuple[str, ...], tmp_path: Path
) -> None:
    modules = _imported(args, tmp_path / "cache", tmp_path / "data")
    assert "mgcoach.cli.app" in modules, "the whole app was built"
    assert _loaded(modules, (*NOT_FOR_HELP, *also)) == []


def test_a_second_run_reads_the_compiled_catalog(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for lang in ("en", "nl"):
        first = _imported(["--help", "--lang", lang], cache, tmp_path / "data")
        assert "mgcoach.i18n.po" in first, "the first run compiles the catalog"
        again = _imported(["--help", "--lang", lang], cache, tmp_path / "data")
        assert _loaded(again, ("mgcoach.i18n.po",)) == []


def test_a_calculator_runs_without_the_database_or_pydantic(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ["targets", "--age", "45", "--sex", "female", "--json"]
    _imported(args, cache, tmp_path / "data")  # fills the cache
    modules = _imported(args, cache, tmp_path / "data")
    assert "mgcoach.knowledge.cached" in modules
    # The knowledge base comes from the cache and the engine's results are dataclasses:
    # pydantic (a data file's validator) is not imported.
    unused = (*HEAVY, "mgcoach.storage", "mgcoach.engine.advice", "pydantic")
    assert _loaded(modules, unused) == []
    assert _loaded(modules, NOT_FOR_JSON) == []
    assert not (tmp_path / "data").exists(), "no data folder is made for a calculator"


def test_a_food_search_loads_no_journal_knowledge_or_pydantic(
    data_dir: Path, tmp_path: Path
) -> None:
    args = ["foods", "search", "almonds", "--json"]
    _imported(args, tmp_path / "cache", data_dir)  # fills the cache
    modules = _imported(args, tmp_path / "cache", data_dir)
    assert "mgcoach.storage.food_search" in modules
    # An up-to-date SQLite database is searched through sqlite3 (storage.food_search).
    unused = ("pydantic", "mgcoach.knowledge.base", "mgcoach.journal", "mgcoach.engine",
              "sqlalchemy", "alembic")  # fmt: skip
    assert _loaded(modules, (*NOT_FOR_JSON, *unused)) == []


def test_homes_name_the_modules_of_every_command() -> None:
    from mgcoach.cli.app import COMMAND_MODULES, HOMES, build_app

    def modules(typer_app: Any) -> set[str]:
        found = {
            info.callback.__module__.rsplit(".", 1)[1] for info in typer_app.registered_commands
        }
        for group in typer_app.registered_groups:
            found |= modules(group.typer_instance)
        return found

    app = build_app()
    homes: dict[str, set[str]] = {}
    for info in app.registered_commands:
        name = info.name or info.callback.__name__.replace("_", "-")
        homes.setdefault(name, set()).add(info.callback.__module__.rsplit(".", 1)[1])
    for group in app.registered_groups:
        homes[group.name] = modules(group.typer_instance)
    assert {name: set(found) for name, found in HOMES.items()} == homes
    for found in HOMES.values():
        assert list(found) == sorted(found, key=COMMAND_MODULES.index)


@pytest.mark.parametrize(
    ("args", "modules"),
    [
        (["targets", "--age", "4"], ("calculators",)),
        (["--json", "--lang", "nl", "day"], ("journal_entries",)),
        (["--lang=nl", "foods", "search", "x"], ("foods", "food_own", "food_barcode",
                                                  "food_daily", "food_import")),
        (["day", "--help"], None),
        (["targets", "-h"], None),
        ([], None),
        (["--version"], None),
        (["--lang"], None),
        (["nonsense"], None),
    ],
)  # fmt: skip
def test_a_run_builds_the_modules_of_its_command(
    args: list[str], modules: tuple[str, ...] | None
) -> None:
    from mgcoach.cli.app import COMMAND_MODULES, command_modules

    assert command_modules(args) == (COMMAND_MODULES if modules is None else modules)


# Runs one command first (its module imported first), then lists the whole app's commands.
_ORDER = """
import json, sys
from tests.support.fresh_cli import SQL, run_fresh
from mgcoach.cli.main import main
from mgcoach.cli.app import click_command
for args in json.loads(sys.argv[1]):
    main(args)
group = click_command(markup=False)
print(json.dumps({name: list(getattr(c, "commands", {})) for name, c in group.commands.items()}))
"""


def test_the_help_order_does_not_depend_on_the_command_run_first(tmp_path: Path) -> None:
    def listed(first: list[list[str]]) -> Any:
        env = dict(os.environ, MGCOACH_CACHE_DIR=str(tmp_path), MGCOACH_DATA_DIR=str(tmp_path))
        done = subprocess.run(
            [sys.executable, "-c", _ORDER, json.dumps(first)],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return json.loads(done.stdout.splitlines()[-1])

    fresh = listed([])
    assert list(fresh)[:2] == ["targets", "elemental"]
    assert listed([["serve", "--port", "x"], ["log", "sleep", "x"], ["amount", "1", "mg"]]) == fresh
