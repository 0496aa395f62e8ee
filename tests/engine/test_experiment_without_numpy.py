"""NumPy is a development dependency only (issue 19: the default install stays small): the
N-of-1 use cases run with ``numpy`` unimportable. A child process blocks it (a finder on
``sys.meta_path`` raising ImportError for ``numpy`` and ``numpy.*``), then starts an
experiment (the design and its simulated power), checks in and reads the result
(the exact test and its interval) through services/experiments.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mgcoach.engine.experiment import design_power
from mgcoach.knowledge.experiments import load_experiment_facts

CHILD = """
import sys


class NoNumpy:
    def find_spec(self, name, path=None, target=None):
        if name == "numpy" or name.startswith("numpy."):
            raise ImportError(f"{name} is blocked in this test")
        return None


sys.meta_path.insert(0, NoNumpy())
assert "numpy" not in sys.modules

import json
from datetime import date, timedelta

from mgcoach.knowledge import load_knowledge
from mgcoach.services import experiments
from mgcoach.services.database import open_database
from mgcoach.services.journal import ProfileChanges, set_profile

try:
    import numpy  # noqa: F401
except ImportError:
    pass
else:
    raise SystemExit("numpy was importable")

today = date(2025, 3, 3)
db, kb = open_database(), load_knowledge()
set_profile(db, kb, "default", ProfileChanges(age=40, sex="female", egfr=95), today)
shown = experiments.start(
    db, kb, "default", "night_cramps", today=today, period_days=7, washout_days=2, pairs=6
)
design = shown.design
for period in design.periods():
    for offset in (2, 3, 4):  # 3 of the 5 days after the wash-out: enough to analyse
        day = period.start + timedelta(days=offset)
        value = 0 if period.arm == "on" else 2 + offset % 2
        experiments.checkin(db, kb, "default", value, period.arm == "on", today=day, day=day)
result = experiments.view(db, kb, "default", today=design.end + timedelta(days=1)).analysis
print(json.dumps({
    "power": design.power,
    "verdict": result.verdict,
    "effect": result.effect,
    "p": result.p_value,
    "interval": [result.low, result.high],
    "numpy": sorted(name for name in sys.modules if name.split(".")[0] == "numpy"),
}))
"""


def test_experiments_run_without_numpy(data_dir: Path) -> None:
    env = {**os.environ, "MGCOACH_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["numpy"] == []
    # The same simulated power as in this process, where NumPy could be imported.
    assert found["power"] == design_power(load_experiment_facts().design, 7, 2, 6)
    # 0 cramps a night on magnesium, 2, 3 and 2 off it, in all six pairs.
    assert found["verdict"] == "better_on"
    assert found["effect"] == pytest.approx(7 / 3)
    assert found["p"] == pytest.approx(2 / 64)
    assert found["interval"] == pytest.approx([7 / 3, 7 / 3])
