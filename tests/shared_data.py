"""Where the USDA SR28 files lie: ``data/usda-sr28`` in this repository (public domain, with
USDA's citation in data/README.md), so a clone alone runs every test. MGCOACH_SHARED_DATA may
name another folder holding ``usda-sr28/``."""

from __future__ import annotations

import os
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    candidates = [
        Path(os.environ["MGCOACH_SHARED_DATA"]) if os.environ.get("MGCOACH_SHARED_DATA") else None,
        _REPO / "data",
    ]
    for folder in candidates:
        if folder is not None and (folder / "usda-sr28" / "FOOD_DES.txt.gz").is_file():
            return folder
    raise RuntimeError(
        "USDA SR28 files not found: data/usda-sr28 is part of the repository "
        "(or set MGCOACH_SHARED_DATA to a folder holding usda-sr28/)"
    )


SR28 = shared_data() / "usda-sr28"
