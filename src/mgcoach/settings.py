"""One settings object, read from the environment (``MGCOACH_*``).

By default everything lives in one SQLite file in the user's data directory (platformdirs);
``MGCOACH_DATA_DIR`` moves that directory and ``MGCOACH_DATABASE_URL`` points at another
database (PostgreSQL: ``postgresql+psycopg://user@host/db``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

DATABASE_FILE = "mgcoach.sqlite3"


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    database_url: str

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = Path(os.environ.get("MGCOACH_DATA_DIR") or user_data_dir("mgcoach", False))
        url = os.environ.get("MGCOACH_DATABASE_URL") or f"sqlite:///{data_dir / DATABASE_FILE}"
        return cls(data_dir=data_dir, database_url=url)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
