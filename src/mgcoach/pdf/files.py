"""Writing a made document to a file the user named: never a folder, never into a folder that
is not there, and never half a file (written beside it, then renamed over it)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..i18n import N_


def save(path: Path, content: bytes, field: str = "pdf") -> None:
    """Write ``content`` to ``path`` in one step; an InputError about ``field`` says why not."""
    if path.is_dir():
        raise InputError(
            N_("{path} is a folder: give a file name, e.g. {example}."),
            field=field,
            path=str(path),
            example=str(path / "report.pdf"),
        )
    if not path.parent.is_dir():
        raise InputError(
            N_("The folder {folder} does not exist: create it first, or write somewhere else."),
            field=field,
            folder=str(path.parent),
        )
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(content)
        partial.replace(path)
    except OSError as error:
        if partial.is_file():
            partial.unlink()
        raise InputError(
            N_("Cannot write {path}: {error}"),
            field=field,
            path=str(path),
            error=error.strerror or str(error),
        ) from error
