"""Opening the members of a food-data release, wherever they lie: a folder, a zip archive
(also with the release's own top folder inside), plain or gzipped files."""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ...errors import ImportFileError
from ...i18n import N_

# Errors a damaged archive raises while it is read; each becomes one clear ImportFileError.
DAMAGE = (EOFError, zlib.error, gzip.BadGzipFile, zipfile.BadZipFile, UnicodeDecodeError)


class Release:
    """A folder or zip archive holding the files of one release."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise ImportFileError(N_("No such file or folder: {path}"), path=str(path))
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        if path.is_file():
            try:
                self._zip = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError) as error:
                raise ImportFileError(
                    N_("{path} is neither a folder nor a readable zip archive."), path=path.name
                ) from error
        self._names = self._list()

    def _list(self) -> dict[str, str]:
        """Lower-case base name (without .gz) -> the member's own name or path."""
        names: dict[str, str] = {}
        if self._zip is not None:
            members = [info.filename for info in self._zip.infolist() if not info.is_dir()]
        else:
            members = [str(p) for p in sorted(self.path.rglob("*")) if p.is_file()]
        for member in members:
            base = member.replace("\\", "/").rsplit("/", 1)[-1].lower()
            names.setdefault(base.removesuffix(".gz"), member)
        return names

    def has(self, name: str) -> bool:
        return name.lower() in self._names

    def names(self) -> list[str]:
        """The lower-case base names (without .gz) of every member, sorted."""
        return sorted(self._names)

    def size(self, name: str) -> int:
        """Bytes of a member as stored (for a progress bar)."""
        member = self._names[name.lower()]
        if self._zip is not None:
            return self._zip.getinfo(member).file_size
        return Path(member).stat().st_size

    @contextmanager
    def open_text(self, name: str, encoding: str) -> Iterator[IO[str]]:
        """The member ``name`` (``FOOD_DES.txt``, ``food.csv``) as text, newline='' for csv."""
        member = self._names.get(name.lower())
        if member is None:
            raise ImportFileError(
                N_("{name} is missing from {path}."), name=name, path=self.path.name
            )
        handles: list[IO[bytes]] = [
            self._zip.open(member) if self._zip is not None else open(member, "rb")  # noqa: SIM115
        ]
        try:
            if member.lower().endswith(".gz"):
                handles.append(gzip.GzipFile(fileobj=handles[0]))  # type: ignore[arg-type]
            yield io.TextIOWrapper(handles[-1], encoding=encoding, newline="")
        finally:
            for handle in reversed(handles):
                handle.close()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
