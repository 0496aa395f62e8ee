"""The validated knowledge base kept between runs (knowledge/cached.py, filecache.py): read
back equal, remade when a data file changes, and never in the way when the cache is corrupt,
unreadable or cannot be written."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from mgcoach import filecache
from mgcoach.knowledge import KnowledgeBase, cached
from mgcoach.knowledge.base import DATA_DIR, load_knowledge_from


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The packaged base as loaded now (not the session's: its lazy indexes may be built)."""
    return load_knowledge_from(DATA_DIR)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the packaged data files, free to change."""
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


@pytest.fixture
def cache_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "cache"
    filecache.use_directory(folder)
    yield folder
    filecache.use_directory(None)


def _loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every full load (read and validate) that ``load_cached`` falls back to."""
    calls: list[Path] = []
    real = cached.load_knowledge_from

    def counting(path: Path) -> KnowledgeBase:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(cached, "load_knowledge_from", counting)
    return calls


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{cached.PREFIX}*"))


def test_read_back_equal_without_loading_again(
    kb: KnowledgeBase, data_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = _loads(monkeypatch)
    first = cached.load_cached(data_dir)
    assert loads == [data_dir]
    assert [p.name for p in _cache_files(cache_dir)] == [cached.cache_name(data_dir)]
    again = cached.load_cached(data_dir)
    assert loads == [data_dir], "the second run reads the cache"
    assert again == first == kb
    assert again.intakes_for("magnesium") == kb.intakes_for("magnesium")


def test_a_changed_data_file_rebuilds(
    data_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = _loads(monkeypatch)
    cached.load_cached(data_dir)
    before = cached.cache_name(data_dir)
    serum = data_dir / "serum.toml"
    serum.write_text(serum.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cached.cache_name(data_dir) != before
    cached.load_cached(data_dir)
    assert len(loads) == 2, "a changed file is read and validated again"
    assert [p.name for p in _cache_files(cache_dir)] == [cached.cache_name(data_dir)], (
        "the stale file is replaced"
    )


def test_a_broken_data_file_is_not_hidden_by_the_cache(data_dir: Path, cache_dir: Path) -> None:
    from mgcoach.errors import KnowledgeError

    cached.load_cached(data_dir)
    (data_dir / "ratios.toml").write_text("[[ratio]]\nkey = 1\n", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        cached.load_cached(data_dir)


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", b"\x80\x05K\x01.", b"\x80\x05\x95garbage"],
    ids=["empty", "text", "an-int", "truncated"],
)
def test_a_corrupt_cache_is_rebuilt(
    kb: KnowledgeBase,
    data_dir: Path,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
) -> None:
    cached.load_cached(data_dir)
    path = cache_dir / cached.cache_name(data_dir)
    path.write_bytes(content)
    loads = _loads(monkeypatch)
    assert cached.load_cached(data_dir) == kb
    assert loads == [data_dir]
    assert path.read_bytes() != content, "the cache is written again"
    assert cached.load_cached(data_dir) == kb
    assert loads == [data_dir], "and read the time after"


def test_an_unreadable_cache_is_skipped(
    kb: KnowledgeBase, data_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (cache_dir / cached.cache_name(data_dir)).mkdir(parents=True)  # not a file: unreadable
    loads = _loads(monkeypatch)
    assert cached.load_cached(data_dir) == kb
    assert loads == [data_dir]


def test_a_cache_that_cannot_be_written_is_skipped_silently(
    kb: KnowledgeBase, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    filecache.use_directory(blocker / "cache")  # under a file: no directory can be made
    try:
        assert cached.load_cached(data_dir) == kb
        loads = _loads(monkeypatch)
        assert cached.load_cached(data_dir) == kb
        assert loads == [data_dir], "nothing was kept, so it loads again"
    finally:
        filecache.use_directory(None)


def test_a_read_only_cache_directory_is_read_but_not_written(
    kb: KnowledgeBase, data_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached.load_cached(data_dir)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(Path, "write_bytes", refuse)
    monkeypatch.setattr(Path, "unlink", refuse)
    loads = _loads(monkeypatch)
    assert cached.load_cached(data_dir) == kb
    assert loads == [], "the cache made before is read"
    serum = data_dir / "serum.toml"
    serum.write_text(serum.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cached.load_cached(data_dir) == kb, "a new one cannot be kept: loaded all the same"
    assert loads == [data_dir]


def test_no_cache_directory_writes_nothing(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filecache.use_directory(None)
    loads = _loads(monkeypatch)
    cached.load_cached(data_dir)
    cached.load_cached(data_dir)
    assert loads == [data_dir, data_dir]
    assert not list(tmp_path.rglob(f"{cached.PREFIX}*"))
