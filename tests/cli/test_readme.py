"""Every command in the README runs as written, in order, on a fresh data folder (issue 15).

The README's ``sh`` blocks are read as a shell would (quotes, ``\\`` continuations, ``;``, ``#``
comments) and each ``.venv/bin/mgcoach`` command runs in-process, from a scratch folder (the
files it writes land there), with an empty ``MGCOACH_DATA_DIR``. Not run: lines marked
*placeholder* (they name a file of your own), servers and what needs one (``serve``, ``curl``)
and ``make`` targets, each listed below so a new README line is never skipped unnoticed.
"""

from __future__ import annotations

import io
import re
import shlex
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from mgcoach.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"
PROGRAM = ".venv/bin/mgcoach"
FENCE = re.compile(r"^\s*```(\w*)\s*$")


@dataclass(frozen=True)
class Command:
    line: int
    args: tuple[str, ...]  # after the program; empty for a command that is not mgcoach
    words: tuple[str, ...]  # as written
    placeholder: bool


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """The lines of the README's sh blocks, continuations joined, with their line numbers."""
    found: list[tuple[int, str]] = []
    language: str | None = None
    pending: tuple[int, str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        fence = FENCE.match(raw)
        if fence:
            language = None if language is not None else fence.group(1)
            continue
        if language != "sh" or not raw.strip():
            continue
        start, head = pending if pending else (number, "")
        if raw.rstrip().endswith("\\"):
            pending = (start, head + raw.rstrip()[:-1] + " ")
            continue
        pending = None
        found.append((start, head + raw))
    return found


def readme_commands() -> list[Command]:
    commands = []
    for number, line in _logical_lines(README.read_text(encoding="utf-8")):
        placeholder = "# placeholder" in line
        words: list[str] = []
        for word in [*shlex.split(line, comments=True), ";"]:
            if word != ";":
                words.append(word)
                continue
            if words:
                args = words[words.index(PROGRAM) + 1 :] if PROGRAM in words else []
                commands.append(Command(number, tuple(args), tuple(words), placeholder))
            words = []
    return commands


def not_run(command: Command) -> str | None:
    """Why a README command is not run here, or None."""
    if command.placeholder:
        return "placeholder"
    if command.words[0] in {"make", "curl"}:
        return command.words[0]
    if command.args[:1] == ("serve",):
        return "serve"
    return None


COMMANDS = readme_commands()


def test_the_readme_is_read_whole() -> None:
    """What is not run, by reason: a new README line of these kinds updates this count."""
    skipped = Counter(not_run(c) for c in COMMANDS if not_run(c))
    assert skipped == {"make": 7, "serve": 4, "curl": 5, "placeholder": 2}
    assert {c.args[:2] for c in COMMANDS if not_run(c) == "placeholder"} == {
        ("foods", "import"),
        ("import", "servings.csv"),
    }
    # Everything else is an mgcoach command, and there are plenty of them.
    run = [c for c in COMMANDS if not not_run(c)]
    assert all(c.words[0] == PROGRAM for c in run)
    assert len(run) > 40


def test_every_readme_command_runs_in_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGCOACH_DATA_DIR", str(tmp_path / "data"))
    for name in ("MGCOACH_DATABASE_URL", "MGCOACH_PROFILE", "MGCOACH_LANG"):
        monkeypatch.delenv(name, raising=False)
    work = tmp_path / "work"
    work.mkdir()
    (work / "data").symlink_to(README.parent / "data")  # the USDA files the README imports
    monkeypatch.chdir(work)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # `assess`: every question's default
    for command in COMMANDS:
        if not_run(command):
            continue
        code = main(list(command.args))
        out = capsys.readouterr()
        shown = f"README.md:{command.line}: {shlex.join(command.words)}"
        assert code == 0, f"{shown}\nexit {code}: {out.err}"
        assert "Traceback" not in out.err, shown
    assert (work / "journal.json").is_file()
    assert (work / "journal-csv" / "entry.csv").is_file()
