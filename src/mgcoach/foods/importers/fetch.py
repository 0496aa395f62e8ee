"""Downloading a release (``mgcoach foods import usda URL``) with the standard library.

The body is streamed to ``<name>.part`` and renamed only when complete, so an interrupted
download never looks like a release. Every failure is one ImportFileError naming the URL.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ... import __version__
from ...errors import ImportFileError
from ...i18n import N_

CHUNK = 1 << 20
TIMEOUT_S = 60.0

# Receives the number of bytes received since its previous call.
Progress = Callable[[int], None]


def file_name(url: str) -> str:
    """The last path segment of ``url`` ("FoodData_Central_csv_2024-04-18.zip"), or "download"."""
    # Decoded before splitting, so "%2F" cannot smuggle a folder into the name.
    name = unquote(urlsplit(url).path).replace("\\", "/").rsplit("/", 1)[-1]
    name = name.strip().lstrip(".")
    return name or "download"


def fetch(
    url: str,
    dest_dir: Path,
    progress: Progress | None = None,
    *,
    size: Callable[[int | None], None] | None = None,
    timeout: float = TIMEOUT_S,
) -> Path:
    """Stream ``url`` (http or https) into ``dest_dir``; the path of the complete file.

    ``size`` is told the Content-Length (None when the server gives none) before the first
    byte; ``progress`` then receives the bytes received, chunk by chunk.
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise ImportFileError(N_("Only http and https addresses can be fetched: {url}"), url=url)
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / file_name(url)
    partial = target.with_name(target.name + ".part")
    try:
        length, received = _download(url, partial, progress, size, timeout)
        if length is not None and received != length:
            raise ImportFileError(
                N_("Downloading {url} stopped after {received} of {length} bytes."),
                url=url,
                received=received,
                length=length,
            )
    except ImportFileError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return target


def _download(
    url: str,
    partial: Path,
    progress: Progress | None,
    size: Callable[[int | None], None] | None,
    timeout: float,
) -> tuple[int | None, int]:
    """Write the body to ``partial``: (Content-Length or None, bytes received)."""
    request = urllib.request.Request(url, headers={"User-Agent": f"mgcoach/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = _length(response.headers.get("Content-Length"))
            if size is not None:
                size(length)
            return length, _copy(response, partial, progress)
    except urllib.error.HTTPError as error:
        raise ImportFileError(
            N_("Downloading {url} failed: HTTP {status} {reason}."),
            url=url,
            status=error.code,
            reason=error.reason,
        ) from error
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        raise ImportFileError(
            N_("Downloading {url} failed: {reason}."), url=url, reason=str(reason)
        ) from error


def _length(text: str | None) -> int | None:
    return int(text) if text is not None and text.strip().isdigit() else None


def _copy(response: http.client.HTTPResponse, path: Path, progress: Progress | None) -> int:
    """Write the body to ``path`` chunk by chunk; the number of bytes written."""
    received = 0
    with path.open("wb") as out:
        while chunk := _chunk(response):
            out.write(chunk)
            received += len(chunk)
            if progress is not None:
                progress(len(chunk))
    return received


def _chunk(response: http.client.HTTPResponse) -> bytes:
    """The next chunk; after a connection cut short, what arrived (then the loop ends)."""
    try:
        return response.read(CHUNK)
    except http.client.IncompleteRead as error:
        response.close()
        return error.partial
