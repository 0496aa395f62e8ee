"""Files derived from the package's own files (compiled catalogs, the validated knowledge
base), kept between runs so that a command starts without redoing the work.

A cached file's name carries a hash of everything it was made from (``fingerprint``), so a
changed source simply misses. Nothing here may fail a run: a missing, unreadable, corrupt or
read-only cache is skipped and the work is done again. There is no cache until an edge names
its directory (``use_directory``: the CLI gives ``Settings.cache_dir``); a library or a test
that does not ask for one reads and writes nothing.

No platformdirs, tempfile or settings here: the engine's contracts forbid them below it, and
the knowledge base and the catalogs sit below the engine.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

_directory: Path | None = None


def use_directory(path: Path | None) -> None:
    """Keep cached files in ``path`` from now on (None: keep none)."""
    global _directory
    _directory = path


def directory() -> Path | None:
    return _directory


def fingerprint(parts: Iterable[bytes | str]) -> str:
    """A short hash of ``parts``, in order (each one's length is hashed too)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:32]


def read(name: str) -> bytes | None:
    """The cached file ``name``, or None (no cache, not there yet, unreadable)."""
    if _directory is None:
        return None
    try:
        return (_directory / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes, *, stale: str | None = None) -> None:
    """Keep ``data`` as ``name``, atomically (a reader sees the old file or the new, never
    half of one); files starting with ``stale`` are removed first (an older fingerprint's).
    A cache that cannot be written is left as it is."""
    if _directory is None:
        return
    partial = _directory / f".{name}.{os.getpid()}.tmp"
    try:
        _directory.mkdir(parents=True, exist_ok=True)
        if stale is not None:
            for old in _directory.glob(f"{stale}*"):
                if old.name != name:
                    old.unlink(missing_ok=True)
        partial.write_bytes(data)
        os.replace(partial, _directory / name)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
