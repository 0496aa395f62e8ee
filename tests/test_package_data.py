"""Every data file the package reads is declared as package data, so an install (a wheel, or
``pip install .``) carries it. The tests run from the source tree, where an undeclared file is
there all the same; this test is what notices one (the CLDR symbols and patterns once were)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "mgcoach"
# Read by nothing in an install: Alembic's template for a new revision (a development step).
NOT_SHIPPED = {"storage/migrations/script.py.mako"}


def declared() -> set[Path]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["mgcoach"]
    return {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}


def data_files() -> set[Path]:
    return {
        path
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and path.suffix not in (".py", ".pyc", ".mo")
        and "__pycache__" not in path.parts
        and path.relative_to(PACKAGE).as_posix() not in NOT_SHIPPED
    }


def test_every_data_file_is_package_data() -> None:
    missing = sorted(p.relative_to(PACKAGE).as_posix() for p in data_files() - declared())
    assert missing == []


def test_the_check_sees_the_files_it_must() -> None:
    shipped = {p.relative_to(PACKAGE).as_posix() for p in declared()}
    assert {"i18n/cldr.json", "i18n/locale/nl/LC_MESSAGES/mgcoach.po", "py.typed"} <= shipped
    assert len(data_files()) > 90
