"""Files named on the command line: one that is not there is bad input (exit 2, one line),
caught before any reader or writer, so every command words it the same way."""

from pathlib import Path

from ..errors import InputError
from ..i18n import N_

_REMOTE = ("http://", "https://")


def existing(path: Path | str) -> None:
    """Refuse a file or folder to read that does not exist (a web address is not checked)."""
    if isinstance(path, str) and path.lower().startswith(_REMOTE):
        return
    if not Path(path).exists():
        raise InputError(N_("No such file or folder: {path}."), path=str(path))


def writable_place(path: Path) -> None:
    """Refuse a file or folder to write whose folder does not exist."""
    folder = path.parent
    if not folder.is_dir():
        raise InputError(
            N_("The folder {folder} does not exist: create it first, or write somewhere else."),
            folder=str(folder),
        )
