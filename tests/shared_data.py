"""Where the shared USDA files lie: ../shared/data next to the repository (the workplace
layout), or the folder named by MGCOACH_SHARED_DATA. The tests read them there; nothing of them
is copied into the project."""

from __future__ import annotations

import os
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    candidates = [
        Path(os.environ["MGCOACH_SHARED_DATA"]) if os.environ.get("MGCOACH_SHARED_DATA") else None,
        _REPO.parent / "shared" / "data",
        Path("/work/shared/data"),
    ]
    for folder in candidates:
        if folder is not None and (folder / "usda-sr28" / "FOOD_DES.txt.gz").is_file():
            return folder
    raise RuntimeError(
        "USDA SR28 files not found: set MGCOACH_SHARED_DATA to the folder holding usda-sr28/"
    )


SR28 = shared_data() / "usda-sr28"
