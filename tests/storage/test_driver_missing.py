"""PostgreSQL's driver is an extra (``pip install 'mgcoach[postgres]'``): without it, a
PostgreSQL URL gives one line in the user's language naming the extra, not a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mgcoach.storage.database import POSTGRES_INSTALL, Database, StorageError

# Nothing listens there: the driver is missing before any connection is tried.
URL = "postgresql+psycopg://mgcoach@127.0.0.1:9/none"
# The driver made unimportable, as in an install without the extra.
RUN_WITHOUT_DRIVER = (
    "import sys; sys.modules['psycopg'] = None; "
    "from mgcoach.cli.main import main; sys.exit(main(sys.argv[1:]))"
)


@pytest.mark.parametrize(
    ("url", "lang", "words"),
    [
        pytest.param(URL, "en", "PostgreSQL needs the psycopg driver", id="en"),
        pytest.param(URL, "nl", "Voor PostgreSQL is het stuurprogramma psycopg nodig", id="nl"),
        # Without a driver in the URL SQLAlchemy would pick psycopg2; Mg Coach uses psycopg.
        pytest.param(URL.replace("+psycopg", ""), "en", "psycopg driver", id="no-driver-named"),
    ],
)
def test_a_missing_driver_names_the_extra(tmp_path: Path, url: str, lang: str, words: str) -> None:
    env = {
        **os.environ,
        "MGCOACH_DATABASE_URL": url,
        "MGCOACH_DATA_DIR": str(tmp_path / "data"),
        "MGCOACH_CACHE_DIR": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-c", RUN_WITHOUT_DRIVER, "day", "--json", "--lang", lang],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == StorageError.exit_code
    error = json.loads(done.stdout)["error"]  # --json: the error as JSON on stdout too
    assert (error["code"], error["exit_code"]) == (StorageError.code, StorageError.exit_code)
    (line,) = done.stderr.strip().splitlines()
    assert words in line and POSTGRES_INSTALL in line and "Traceback" not in done.stderr


def test_the_error_is_a_storage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StorageError) as raised:
        Database(URL)
    assert raised.value.params["command"] == POSTGRES_INSTALL


def test_a_url_without_a_driver_uses_psycopg() -> None:
    # SQLAlchemy's default for postgresql:// is psycopg2, which Mg Coach does not install.
    db = Database(URL.replace("+psycopg", ""))
    try:
        assert db.engine.dialect.driver == "psycopg"
    finally:
        db.dispose()
