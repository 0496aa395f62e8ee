"""Vendor axe-core for the browser tests: tests/web/browser/vendor/axe-core/.

    python tools/vendor_axe.py            # refresh from npm: the newest axe-core 4.x
    python tools/vendor_axe.py 4.14.1     # a given version (or any npm range of axe-core)
    python tools/vendor_axe.py --check    # no network: the committed file has its pinned sha256

A refresh runs the ordinary npm client (`npm view`, `npm pack`), checks the tarball against the
registry's sha512 integrity and ``axe.min.js`` against the sha256 Deque publishes in the
package's own ``sri-history.json``, then writes ``axe.min.js``, its licence files (MPL-2.0, and
the third-party notices of what it bundles) and a README naming the version and the sha256.
The tests read only the committed file: nothing is fetched when they run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "tests" / "web" / "browser" / "vendor" / "axe-core"
PACKAGE = "axe-core"
FILES = ("axe.min.js", "LICENSE", "LICENSE-3RD-PARTY.txt")
PINNED = re.compile(r"^- sha256 of axe\.min\.js: ([0-9a-f]{64})$", re.MULTILINE)
README = """# axe-core {version}, vendored for the browser tests

`axe.min.js` is [axe-core](https://github.com/dequelabs/axe-core) {version} by Deque Systems,
unchanged, under the Mozilla Public License 2.0 (`LICENSE`; the notices of the code it bundles
are in `LICENSE-3RD-PARTY.txt`). `tests/web/browser/test_axe.py` injects it into each page;
nothing is fetched from the network when the tests run.

- obtained with: `npm pack {spec}` from {registry} (`python tools/vendor_axe.py`)
- tarball integrity (checked): {integrity}
- sha256 of axe.min.js: {sha256}

The sha256 is also Deque's own (`sri-history.json` in the package: `{sri}`).
Refresh with `python tools/vendor_axe.py [VERSION]`; `python tools/vendor_axe.py --check`
checks the committed file against the sha256 above without the network.
"""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def npm(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(["npm", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def pinned() -> str:
    """The sha256 the committed README pins."""
    found = PINNED.search((VENDOR / "README.md").read_text(encoding="utf-8"))
    if found is None:
        raise SystemExit(f"{VENDOR / 'README.md'} names no sha256 of axe.min.js")
    return found.group(1)


def check() -> None:
    actual = sha256((VENDOR / "axe.min.js").read_bytes())
    if actual != pinned():
        raise SystemExit(f"axe.min.js has sha256 {actual}, the README pins {pinned()}")
    print(f"axe.min.js matches its pinned sha256 {actual}")


def fetch(spec: str, folder: Path) -> tuple[dict[str, bytes], str, str]:
    """The package's files, its exact version and its tarball's checked integrity."""
    info = json.loads(npm("view", spec, "version", "dist.integrity", "--json"))
    if isinstance(info, list):  # a range that several versions match: the newest
        info = info[-1]
    version, integrity = info["version"], info["dist.integrity"]
    name = npm("pack", f"{PACKAGE}@{version}", "--silent", cwd=folder).splitlines()[-1]
    tarball = (folder / name).read_bytes()
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if algorithm != "sha512" or actual != expected:
        raise SystemExit(f"{name}: integrity {algorithm}-{actual}, the registry says {integrity}")
    with tarfile.open(folder / name) as archive:
        wanted = (*FILES, "sri-history.json")
        files = {}
        for file in wanted:
            member = archive.extractfile(f"package/{file}")
            if member is None:
                raise SystemExit(f"{name} has no {file}")
            files[file] = member.read()
    return files, version, integrity


def refresh(spec: str) -> None:
    with tempfile.TemporaryDirectory() as temp:
        files, version, integrity = fetch(spec, Path(temp))
    digest = sha256(files["axe.min.js"])
    sri = json.loads(files["sri-history.json"])[version]["axe.min.js"]
    ours = "sha256-" + base64.b64encode(bytes.fromhex(digest)).decode()
    if sri != ours:
        raise SystemExit(f"axe.min.js is {ours}; Deque's sri-history.json says {sri}")
    VENDOR.mkdir(parents=True, exist_ok=True)
    for file in FILES:
        (VENDOR / file).write_bytes(files[file])
    registry = npm("config", "get", "registry")
    text = README.format(
        version=version,
        spec=f"{PACKAGE}@{version}",
        registry=registry,
        integrity=integrity,
        sha256=digest,
        sri=sri,
    )
    (VENDOR / "README.md").write_text(text, encoding="utf-8")
    check()
    print(f"vendored axe-core {version} into {VENDOR.relative_to(ROOT)}")


def main(args: list[str]) -> None:
    if args == ["--check"]:
        check()
    elif len(args) <= 1:
        refresh(f"{PACKAGE}@{args[0] if args else '4'}")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
