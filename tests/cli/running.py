"""Running the CLI in-process for tests: JSON out on success, the error line on failure."""

from __future__ import annotations

import json
from typing import Any

import pytest

from mgcoach.cli.main import main


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code = main([*args, "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def run_error(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Exit code and stderr of a failing command; never a traceback, on either stream."""
    code = main(list(args))
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "Traceback" not in out.out
    return code, out.err.strip()
