"""`mgcoach import` tells what a re-import replaced, what stopped counting, and when nothing
changed (the counting itself is tested in tests/journal/test_import_identity.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mgcoach.cli.main import main
from tests.cli.running import run_json
from tests.journal.importers import samples


def _import(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    code = main(["import", str(path)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return " ".join(out.out.split())  # Rich wraps long lines


@pytest.mark.usefixtures("data_dir")
def test_import_reports_shadowed_replaced_and_unchanged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run_json(capsys, "profile", "set", "--age", "45", "--sex", "female")
    daily = tmp_path / "dailysummary.csv"
    daily.write_bytes(samples.daily_csv())
    servings = tmp_path / "servings.csv"
    servings.write_bytes(samples.servings_csv())
    assert "kept but not counted" not in _import(capsys, daily)
    shown = _import(capsys, servings)
    assert "3 imported entries are kept but not counted" in shown

    oats, *rest = samples.SERVINGS
    edited = tmp_path / "servings-edited.csv"
    changed = [replace(oats, amount="0.50 cup - 40g"), *rest]
    edited.write_bytes(samples.servings_csv(changed))
    shown = _import(capsys, edited)
    assert "Replaced 1 earlier imported entry on 1 day with this export's version." in shown

    fewer = tmp_path / "servings-fewer.csv"
    fewer.write_bytes(samples.servings_csv([s for s in changed if s.name != "Almonds"]))
    shown = _import(capsys, fewer)
    assert "Replaced 3 earlier imported entries on 2 days" in shown

    shown = _import(capsys, fewer)
    assert "Nothing changed: the journal already holds everything in these files." in shown
    assert "Replaced" not in shown

    result = run_json(capsys, "import", str(fewer))
    assert (result["changed"], result["replaced"]) == (False, {"entries": 0, "days": 0})
