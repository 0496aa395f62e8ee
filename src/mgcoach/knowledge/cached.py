"""The validated knowledge base kept between runs (``filecache``), so a command skips reading
and validating every data file (about 0.1 s) and unpickles the result instead (a few ms).

The cached file is named by a hash of every data file, every module of this package (the
code that validates them and the records it holds), ``mgcoach.frozen`` (which makes the
records) and the Python version, so a changed data file or loader makes a new one. The pickle
holds only this package's records (stdlib dataclasses): reading it imports no pydantic, so
pydantic's version need not be in the name.
A cache that cannot be read or unpickled, or holds anything but a knowledge base, is ignored
and made again; one that cannot be written is skipped.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from .. import filecache
from .base import KnowledgeBase, load_knowledge_from

PREFIX = "knowledge-"
_CODE_DIR = Path(__file__).parent
_FROZEN = _CODE_DIR.parent / "frozen.py"


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(path for path in folder.rglob(pattern) if path.is_file())


def cache_name(data_dir: Path) -> str:
    """The cached file's name for ``data_dir`` with the loader as it is now."""
    parts: list[bytes | str] = [sys.version]
    for folder, pattern in ((data_dir, "*"), (_CODE_DIR, "*.py")):
        for path in _files(folder, pattern):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    parts += [_FROZEN.name, _FROZEN.read_bytes()]
    return f"{PREFIX}{filecache.fingerprint(parts)}.pickle"


def load_cached(data_dir: Path) -> KnowledgeBase:
    """The knowledge base in ``data_dir``, from the cache when it holds this one."""
    if filecache.directory() is None:
        return load_knowledge_from(data_dir)
    name = cache_name(data_dir)
    data = filecache.read(name)
    if data is not None:
        try:
            base = pickle.loads(data)
        except Exception:  # a corrupt or foreign cache is made again: never an error
            base = None
        if isinstance(base, KnowledgeBase):
            return base
    base = load_knowledge_from(data_dir)
    try:
        data = pickle.dumps(base, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an unpicklable value: no cache, the loaded base all the same
        return base
    filecache.write(name, data, stale=PREFIX)
    return base
