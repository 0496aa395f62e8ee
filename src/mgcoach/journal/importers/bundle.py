"""An export as it is delivered: one CSV file, a folder of them, or a zip of them.

MyFitnessPal emails a zip of three CSV files (Nutrition-Summary, Exercise-Summary and
Measurement-Summary, each with the date range in its name, sometimes inside a
``File-Export-...`` folder); people also unpack it, or give one of its files. A file inside a
folder or zip is named ``container/member`` in the report.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ...errors import InputError
from ...i18n import N_

# Larger than any diet history: a guard against a zip bomb, not a limit anyone meets.
MAX_MEMBER_BYTES = 200 * 1024 * 1024
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")


@dataclass(frozen=True, slots=True)
class Source:
    """The bytes of one export file and the name the report gives it; ``inside`` is True for
    a member of a folder or zip (one of those that is no export is noted, not refused)."""

    name: str
    data: bytes
    inside: bool = False


def sources(path: Path) -> list[Source]:
    """The export files ``path`` stands for: itself, a folder's text files, or a zip's."""
    if path.is_dir():
        members = sorted(p for p in path.iterdir() if p.is_file() and _is_text(p.name))
        found = [Source(f"{path.name}/{m.name}", _read(m, m.name), True) for m in members]
    else:
        data = _read(path, path.name)
        if not zipfile.is_zipfile(path):
            return [Source(path.name, data)]
        found = _unzip(path)
    if not found:
        raise InputError(
            N_("{file} holds no CSV file: give the export's CSV files or the zip as it came."),
            file=path.name,
        )
    return found


def _unzip(path: Path) -> list[Source]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                info for info in archive.infolist() if not info.is_dir() and _is_text(info.filename)
            ]
            found = []
            for info in sorted(members, key=lambda i: i.filename):
                if info.file_size > MAX_MEMBER_BYTES:
                    raise InputError(
                        N_("{file} is too large to be a diet app's export."),
                        file=f"{path.name}/{info.filename}",
                    )
                name = PurePosixPath(info.filename).name
                found.append(Source(f"{path.name}/{name}", archive.read(info), True))
            return found
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(
            N_("{file} cannot be read: {error}."), file=path.name, error=str(error)
        ) from error


def _is_text(name: str) -> bool:
    pure = PurePosixPath(name)
    hidden = any(part.startswith((".", "__MACOSX")) for part in pure.parts)
    return not hidden and pure.suffix.lower() in TEXT_SUFFIXES


def _read(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(
            N_("{file} cannot be read: {error}."), file=name, error=error.strerror or ""
        ) from error
