"""One settings object, read from the environment (``MGCOACH_*``).

By default everything lives in one SQLite file in the user's data directory (``user_dir``);
``MGCOACH_DATA_DIR`` moves that directory and ``MGCOACH_DATABASE_URL`` points at another
database (PostgreSQL: ``postgresql+psycopg://user@host/db``).

Looking a barcode up on Open Food Facts is opt-in: ``MGCOACH_ONLINE=1`` turns it on (a command's
``--online`` does for one run); ``MGCOACH_OFF_URL`` points at another server (a test's, or a
mirror) and ``MGCOACH_OFF_TIMEOUT`` sets the seconds to wait for it.

Files derived from the package (compiled catalogs, the validated knowledge base) are kept in
the user's cache directory, or in ``MGCOACH_CACHE_DIR`` (``cache_dir``).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

DATABASE_FILE = "mgcoach.sqlite3"
OFF_URL = "https://world.openfoodfacts.org"
OFF_TIMEOUT_S = 5.0
_YES = {"1", "true", "yes", "on"}


def _seconds(text: str | None) -> float:
    try:
        value = float(text) if text else OFF_TIMEOUT_S
    except ValueError:
        return OFF_TIMEOUT_S
    return value if 0 < value <= 60 else OFF_TIMEOUT_S


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    database_url: str
    online: bool = False  # may a barcode be looked up on Open Food Facts?
    off_url: str = OFF_URL
    off_timeout_s: float = OFF_TIMEOUT_S

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = Path(os.environ.get("MGCOACH_DATA_DIR") or user_dir("data"))
        url = os.environ.get("MGCOACH_DATABASE_URL") or f"sqlite:///{data_dir / DATABASE_FILE}"
        return cls(
            data_dir=data_dir,
            database_url=url,
            online=os.environ.get("MGCOACH_ONLINE", "").strip().lower() in _YES,
            off_url=(os.environ.get("MGCOACH_OFF_URL") or OFF_URL).rstrip("/"),
            off_timeout_s=_seconds(os.environ.get("MGCOACH_OFF_TIMEOUT")),
        )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def user_dir(kind: str) -> str:
    """The user's ``kind`` ("data" or "cache") directory for Mg Coach, as platformdirs gives it.

    On Linux that is the XDG rule itself (an absolute ``$XDG_DATA_HOME``, else
    ``~/.local/share``; an absolute ``$XDG_CACHE_HOME``, else ``~/.cache``; then ``mgcoach``),
    worked out here: importing platformdirs' Unix module (it imports tempfile and random) was
    a tenth of ``--help``'s start-up. Elsewhere (macOS, Windows, Android) platformdirs decides.
    A test compares both.
    """
    if sys.platform == "linux" and not _android():
        variable, fallback = _XDG[kind]
        base = os.environ.get(variable, "")
        if not os.path.isabs(base):  # the XDG rule: a relative path is ignored
            base = os.path.expanduser(fallback)
        return os.path.join(base, "mgcoach")
    import platformdirs

    found: str = getattr(platformdirs, f"user_{kind}_dir")("mgcoach", False)
    return found


_XDG = {"data": ("XDG_DATA_HOME", "~/.local/share"), "cache": ("XDG_CACHE_HOME", "~/.cache")}


def _android() -> bool:
    """What may be Android (platformdirs then looks for the app's folders): left to it."""
    return hasattr(sys, "getandroidapilevel") or (
        os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system"
    )


def cache_dir() -> Path:
    """Where files derived from the package are kept between runs (``filecache``):
    ``MGCOACH_CACHE_DIR``, else the user's cache directory (``user_dir``)."""
    return Path(os.environ.get("MGCOACH_CACHE_DIR") or user_dir("cache"))
