"""fetch(): streaming a release from a local HTTP server on 127.0.0.1 (no internet needed)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from mgcoach.errors import ImportFileError
from mgcoach.foods.importers.fetch import CHUNK, fetch, file_name


class _Handler(SimpleHTTPRequestHandler):
    """Serves the test's folder; /cut/<name> promises more bytes than it sends."""

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        if self.path.startswith("/cut/"):
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"x" * 400)
            self.close_connection = True
            return
        super().do_GET()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "www"
    root.mkdir()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_fetch_streams_the_file(server: tuple[str, Path], tmp_path: Path) -> None:
    base, root = server
    body = bytes(range(256)) * (CHUNK // 256 * 2 + 7)  # a bit more than two chunks
    (root / "FoodData_Central_sr_legacy_food_csv_2018-04.zip").write_bytes(body)
    steps: list[int] = []
    sizes: list[int | None] = []
    url = f"{base}/FoodData_Central_sr_legacy_food_csv_2018-04.zip"
    path = fetch(url, tmp_path / "downloads", steps.append, size=sizes.append)
    assert path == tmp_path / "downloads" / "FoodData_Central_sr_legacy_food_csv_2018-04.zip"
    assert path.read_bytes() == body
    assert sizes == [len(body)]
    assert sum(steps) == len(body)
    assert len(steps) >= 3
    assert not list(path.parent.glob("*.part"))


def test_fetch_404_is_a_clear_error(server: tuple[str, Path], tmp_path: Path) -> None:
    base, _ = server
    with pytest.raises(ImportFileError) as caught:
        fetch(f"{base}/missing.zip", tmp_path)
    assert str(caught.value) == f"Downloading {base}/missing.zip failed: HTTP 404 File not found."
    assert not (tmp_path / "missing.zip").exists()
    assert not (tmp_path / "missing.zip.part").exists()


def test_fetch_cut_short_leaves_no_file(server: tuple[str, Path], tmp_path: Path) -> None:
    base, _ = server
    with pytest.raises(ImportFileError, match="stopped after 400 of 1000 bytes"):
        fetch(f"{base}/cut/release.zip", tmp_path / "downloads")
    assert list((tmp_path / "downloads").iterdir()) == []


def test_fetch_unreachable_server(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"^Downloading http://127\.0\.0\.1:9/x\.zip failed"):
        fetch("http://127.0.0.1:9/x.zip", tmp_path, timeout=5)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("ftp://example.org/release.zip", id="ftp"),
        pytest.param("/tmp/release.zip", id="local-path"),
    ],
)
def test_fetch_only_http(url: str, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="Only http and https"):
        fetch(url, tmp_path)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        pytest.param("https://x.org/a/FoodData%20Central.zip", "FoodData Central.zip", id="quoted"),
        pytest.param("https://x.org/data/", "download", id="no-name"),
        pytest.param("https://x.org/..%2F..%2Fetc", "etc", id="dot-dot"),
        pytest.param("https://x.org/..", "download", id="only-dots"),
        pytest.param("https://x.org/f.zip?token=1", "f.zip", id="query"),
    ],
)
def test_file_name(url: str, name: str) -> None:
    assert file_name(url) == name
