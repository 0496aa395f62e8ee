"""Help screens kept between runs: ``mgcoach --help`` (and any ``... --help``) shown again
without importing Typer, Rich or a single command module.

A help screen depends only on the code and data of the package, Typer/Click/Rich themselves,
the language, the arguments and the terminal (its width, whether it is one, the colour
variables Rich and Typer read). All of that goes into the cached file's name (``key``), so a
changed file, an upgrade, another language or a resized terminal simply misses. The first run
of a screen records what it printed (``Recorder``: the real stdout keeps receiving every
write, and Rich still sees the real terminal through it); later runs write those bytes back.

Only a run printing to the process's own stdout is kept or replayed: a test capturing
``sys.stdout`` in the process, or a library calling ``main``, never meets a cached screen.
Nothing here may fail a run: without a cache directory, or with an unreadable one, the help
is built as before (filecache).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from .. import filecache

HELP_OPTIONS = ("-h", "--help")
# What Rich and Typer read from the environment to lay out and colour a help screen.
_ENVIRONMENT = (
    "COLUMNS", "LINES", "TERMINAL_WIDTH", "TERM", "NO_COLOR", "FORCE_COLOR", "PY_COLORS",
    "COLORTERM", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "GITHUB_ACTIONS", "JUPYTER_COLUMNS",
    "JUPYTER_LINES", "_TYPER_FORCE_DISABLE_TERMINAL", "TYPER_USE_RICH",
    "_TYPER_STANDARD_TRACEBACK", "MGCOACH_DEBUG",
)  # fmt: skip
_LIBRARIES = ("typer", "click", "rich")
_PREFIX = "help-"
_PACKAGE = Path(__file__).resolve().parents[1]


def wanted(args: Sequence[str]) -> bool:
    """Whether ``args`` ask for a help screen (a help option before any ``--``), printed to
    the process's own stdout."""
    words = args[: args.index("--")] if "--" in args else args
    return sys.stdout is sys.__stdout__ and any(word in HELP_OPTIONS for word in words)


def _files(folder: Path) -> Iterator[str]:
    """Each file under ``folder`` with its size and modification time (no __pycache__)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            try:
                stat = os.stat(os.path.join(root, name))
            except OSError:
                continue
            yield f"{root}/{name}:{stat.st_size}:{stat.st_mtime_ns}"


def _libraries() -> Iterator[str]:
    """Where Typer, Click and Rich are, with their ``__init__``'s size and time (an upgrade
    rewrites it), found on sys.path without importing them."""
    for library in _LIBRARIES:
        for entry in sys.path:
            init = os.path.join(entry or ".", library, "__init__.py")
            try:
                stat = os.stat(init)
            except OSError:
                continue
            yield f"{init}:{stat.st_size}:{stat.st_mtime_ns}"
            break


def _terminal() -> Iterator[str]:
    stdout = sys.__stdout__
    try:
        tty = stdout is not None and stdout.isatty()
        size = os.get_terminal_size(stdout.fileno()) if tty and stdout is not None else None
    except (OSError, ValueError):
        tty, size = False, None
    yield f"tty={tty}:size={tuple(size) if size else None}"
    for name in _ENVIRONMENT:
        yield f"{name}={os.environ.get(name)}"


def key(args: Sequence[str], language: str) -> str | None:
    """The cached file's name for the help screen of ``args`` in ``language`` (None: no
    cache directory, so nothing to keep): the code's fingerprint, then the screen's."""
    if filecache.directory() is None:
        return None
    code = filecache.fingerprint([sys.version, *_libraries(), *_files(_PACKAGE)])
    screen = filecache.fingerprint([language, "\0".join(args), *_terminal()])
    return f"{_PREFIX}{code[:16]}-{screen[:16]}.txt"


def _sealed(data: bytes) -> bytes:
    """``data`` after its own hash, so a damaged file is told from a kept screen."""
    return filecache.fingerprint([data]).encode() + b"\n" + data


def _opened(sealed: bytes) -> bytes | None:
    seal, _, data = sealed.partition(b"\n")
    return data if data and seal == filecache.fingerprint([data]).encode() else None


def replay(name: str) -> bool:
    """Write the kept screen ``name`` to stdout; False when there is none (or it is damaged)."""
    sealed = filecache.read(name)
    data = _opened(sealed) if sealed is not None else None
    if data is None:
        return False
    stdout = sys.stdout
    try:
        stdout.buffer.write(data)
        stdout.flush()
    except (AttributeError, OSError, ValueError):
        return False
    return True


class Recorder:
    """Stands in for stdout while a help screen is built: every write goes to the real
    stream at once and is kept (text encoded as the stream encodes it; bytes written to it or
    to its ``buffer`` as they are); everything else (``isatty``, ``fileno``, ``encoding``,
    the size Rich asks for) is the real stream's."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._encoding = getattr(stream, "encoding", None) or "utf-8"
        self.parts: list[bytes] = []

    def write(self, text: str | bytes) -> int:
        if isinstance(text, bytes):
            self._stream.flush()
            self.parts.append(text)
            return int(self._stream.buffer.write(text))
        self.parts.append(text.encode(self._encoding, "replace"))
        return self._stream.write(text)

    @property
    def buffer(self) -> _BinaryRecorder:
        return _BinaryRecorder(self)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _BinaryRecorder:
    """The recorder's ``buffer``: bytes written go through the recorder."""

    def __init__(self, recorder: Recorder) -> None:
        self._recorder = recorder

    def write(self, data: bytes) -> int:
        return self._recorder.write(bytes(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._recorder._stream.buffer, name)


@contextmanager
def recording() -> Iterator[Recorder]:
    """stdout recorded for the time of the block (see Recorder)."""
    real = sys.stdout
    recorder = Recorder(real)
    sys.stdout = recorder
    try:
        yield recorder
    finally:
        sys.stdout = real


def keep(name: str, recorder: Recorder) -> None:
    """Keep what ``recorder`` saw as ``name``; the screens of an older code fingerprint go
    (each argument list, language and terminal of this code keeps its own small file)."""
    data = b"".join(recorder.parts)
    folder = filecache.directory()
    if not data or folder is None:
        return
    code = name[: name.index("-", len(_PREFIX)) + 1]
    try:
        for old in folder.glob(f"{_PREFIX}*.txt"):
            if not old.name.startswith(code):
                old.unlink(missing_ok=True)
    except OSError:
        pass
    filecache.write(name, _sealed(data))
