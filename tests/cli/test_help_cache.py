"""Help screens kept between runs (cli/help_cache.py): the same bytes as a screen built by
Typer, shown again without importing Typer; a changed file, language, argument list or
terminal misses; nothing is kept for a stdout captured in the process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mgcoach import filecache
from mgcoach.cli import help_cache
from mgcoach.cli.main import main

# Runs main() in a new process and says on stderr whether Typer was imported.
_PROBE = (
    "import sys\n"
    "from mgcoach.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "print('typer' in sys.modules, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _run(cache: Path, *args: str, columns: str = "100") -> tuple[bytes, bool]:
    env = dict(os.environ, MGCOACH_CACHE_DIR=str(cache), COLUMNS=columns, TERM="dumb")
    env.pop("MGCOACH_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, env=env, check=True
    )
    return done.stdout, done.stderr.decode().strip().splitlines()[-1] == "True"


@pytest.mark.parametrize(
    "args", [["--help"], ["--lang", "nl", "foods", "--help"], ["targets", "-h"]]
)
def test_a_kept_screen_is_the_same_bytes_without_typer(tmp_path: Path, args: list[str]) -> None:
    first, typer_first = _run(tmp_path / "cache", *args)
    again, typer_again = _run(tmp_path / "cache", *args)
    fresh, _ = _run(tmp_path / "other", *args)
    assert typer_first and not typer_again
    assert first == again == fresh
    assert b"Usage: mgcoach" in again
    kept = list((tmp_path / "cache").glob("help-*.txt"))
    assert len(kept) == 1 and kept[0].read_bytes().endswith(first)


def test_another_width_or_language_is_another_screen(tmp_path: Path) -> None:
    wide, _ = _run(tmp_path, "--help", columns="120")
    narrow, typer_used = _run(tmp_path, "--help", columns="60")
    assert typer_used  # not the 120-column screen
    assert (
        max(map(len, narrow.decode().splitlines()))
        <= 60
        < max(map(len, wide.decode().splitlines()))
    )
    dutch, typer_used = _run(tmp_path, "--lang", "nl", "--help")
    assert typer_used and "Voedingsmiddelen" in dutch.decode()
    assert len(list(tmp_path.glob("help-*.txt"))) == 3


def test_a_changed_file_misses_and_older_screens_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "package"
    package.mkdir()
    (package / "texts.py").write_text("HELP = 'one'\n")
    monkeypatch.setattr(help_cache, "_PACKAGE", package)
    filecache.use_directory(tmp_path / "cache")
    try:
        before = help_cache.key(["--help"], "en")
        assert before == help_cache.key(["--help"], "en")
        assert before != help_cache.key(["--help"], "nl")
        assert before != help_cache.key(["foods", "--help"], "en")
        (package / "texts.py").write_text("HELP = 'two, longer'\n")
        after = help_cache.key(["--help"], "en")
        assert before is not None and after is not None and after != before
        for name, text in ((before, "old"), (after, "new")):
            recorder = help_cache.Recorder(open(os.devnull, "w"))  # noqa: SIM115
            recorder.write(text)
            help_cache.keep(name, recorder)
        assert [p.name for p in (tmp_path / "cache").glob("help-*")] == [after]
    finally:
        filecache.use_directory(None)


def test_nothing_is_kept_for_a_captured_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MGCOACH_CACHE_DIR", str(tmp_path))
    assert main(["--help"]) == 0
    assert "Usage: mgcoach" in capsys.readouterr().out
    assert not list(tmp_path.glob("help-*"))


def test_an_unusable_cache_still_shows_the_help(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    out, typer_used = _run(blocker / "cache", "--help")
    assert typer_used and b"Usage: mgcoach" in out
    (tmp_path / "cache").mkdir()
    out, _ = _run(tmp_path / "cache", "--help")
    kept = next((tmp_path / "cache").glob("help-*.txt"))
    kept.write_bytes(kept.read_bytes()[:-40])  # damaged: built again, never shown cut short
    again, typer_used = _run(tmp_path / "cache", "--help")
    assert typer_used and again == out
