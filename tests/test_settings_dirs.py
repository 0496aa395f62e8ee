"""The user's folders (settings.user_dir) are the ones platformdirs gives, on this platform,
whatever the XDG variables and the home folder say."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = """
import json, platformdirs
from mgcoach.settings import user_dir
print(json.dumps([
    [user_dir("data"), platformdirs.user_data_dir("mgcoach", False)],
    [user_dir("cache"), platformdirs.user_cache_dir("mgcoach", False)],
]))
"""


@pytest.mark.parametrize(
    "xdg",
    [
        {},
        {"XDG_DATA_HOME": "/srv/data", "XDG_CACHE_HOME": "/srv/cache"},
        {"XDG_DATA_HOME": "", "XDG_CACHE_HOME": "   "},
        {"XDG_DATA_HOME": "relative/data"},
        {"XDG_CACHE_HOME": "/with space/cache"},
    ],
)
def test_the_same_folders_as_platformdirs(tmp_path: Path, xdg: dict[str, str]) -> None:
    import json
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(xdg, HOME=str(tmp_path / "home"))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    for ours, theirs in json.loads(done.stdout):
        assert ours == theirs
        assert ours.endswith("mgcoach")


def test_starting_a_command_does_not_import_platformdirs() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, mgcoach.settings as s; s.Settings.from_env(); "
            "s.cache_dir(); print('platformdirs' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == ("False" if sys.platform == "linux" else "True")
