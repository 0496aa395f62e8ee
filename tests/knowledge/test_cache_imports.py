"""A knowledge base read from the cache imports no pydantic (issue 19): the records are stdlib
dataclasses, and pydantic (``knowledge/validation.py``) is imported only to validate the data
files when the cache misses. Checked on the modules a fresh process imported, never on time
(bench/ measures that)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Loads the packaged knowledge base through the cache in argv[1]; prints what it imported.
_LOAD = """
import json, sys
from pathlib import Path
from mgcoach import filecache
from mgcoach.knowledge import load_knowledge
filecache.use_directory(Path(sys.argv[1]))
assert load_knowledge().safety.drug_by_name("Fosamax") is not None
print(json.dumps(sorted(sys.modules)))
"""
VALIDATING = (
    "pydantic",
    "pydantic_core",
    "mgcoach.knowledge.validation",
    "mgcoach.knowledge.loader",
)


def _imported(cache: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _LOAD, str(cache)], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout))


def test_a_cached_knowledge_base_is_read_without_pydantic(tmp_path: Path) -> None:
    cold = _imported(tmp_path)
    assert set(VALIDATING) <= cold, "the first run reads and validates the data files"
    assert list(tmp_path.iterdir()), "and keeps the result"
    warm = _imported(tmp_path)
    assert not warm & set(VALIDATING), sorted(warm & set(VALIDATING))
