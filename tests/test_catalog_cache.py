"""The compiled catalogs kept between runs (i18n.translations, filecache.py): compiled once per
``.po`` file, read back alike, and compiled again when the cached file is corrupt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mgcoach import filecache, i18n

MSGID = "Show the version and exit."


@pytest.fixture
def cache_dir(tmp_path: Path) -> Iterator[Path]:
    filecache.use_directory(tmp_path)
    i18n.translations.cache_clear()
    yield tmp_path
    filecache.use_directory(None)
    i18n.translations.cache_clear()


def _fresh(lang: str) -> str:
    i18n.translations.cache_clear()
    return i18n.translations(lang).gettext(MSGID)


def test_compiled_once_and_read_back_alike(cache_dir: Path) -> None:
    dutch = _fresh("nl")
    assert dutch != MSGID
    files = sorted(cache_dir.glob("mgcoach-nl-*.mo"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    assert _fresh("nl") == dutch
    assert files[0].stat().st_mtime_ns == stamp, "read, not written again"


@pytest.mark.parametrize("content", [b"", b"\xde\x12\x04\x95garbage", b"not a catalog"])
def test_a_corrupt_catalog_is_compiled_again(cache_dir: Path, content: bytes) -> None:
    dutch = _fresh("nl")
    (path,) = cache_dir.glob("mgcoach-nl-*.mo")
    path.write_bytes(content)
    assert _fresh("nl") == dutch
    assert path.read_bytes() != content


def test_without_a_cache_nothing_is_written(tmp_path: Path) -> None:
    filecache.use_directory(None)
    i18n.translations.cache_clear()
    try:
        assert i18n.translations("nl").gettext(MSGID) != MSGID
    finally:
        i18n.translations.cache_clear()
    assert not list(tmp_path.iterdir())
