"""Vendor the barcode reader of the Log page: src/mgcoach/web/static/vendor/barcode-detector/.

    python tools/vendor_barcode.py            # refresh from npm: the newest barcode-detector 3.x
    python tools/vendor_barcode.py 3.2.2      # a given version (or any npm range)
    python tools/vendor_barcode.py --check    # no network: the committed files have their sha256

`barcode-detector` (MIT) is a BarcodeDetector ponyfill built on `zxing-wasm` (MIT), the
ZXing-C++ reader compiled to WebAssembly. A browser with its own BarcodeDetector never loads
it. A refresh runs the ordinary npm client (`npm view`, `npm pack`) for both packages (the
zxing-wasm version barcode-detector pins), checks each tarball against the registry's sha512
integrity and the .wasm against the sha256 the script itself carries (``ZXING_WASM_SHA256``),
then writes the IIFE ponyfill, the reader's .wasm, both licences and a README naming the
versions and the sha256 of each file. The app serves the committed files: nothing is fetched
from the network at run time (the script's default, a CDN, is overridden by static/scan.js).
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
VENDOR = ROOT / "src" / "mgcoach" / "web" / "static" / "vendor" / "barcode-detector"
PACKAGE = "barcode-detector"
READER = "zxing-wasm"
# package file -> vendored name
FILES = {
    PACKAGE: {"dist/iife/ponyfill.js": "ponyfill.js", "LICENSE": "LICENSE"},
    READER: {"dist/reader/zxing_reader.wasm": "zxing_reader.wasm", "LICENSE": "LICENSE-zxing-wasm"},
}
LICENCES = {"MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "MPL-2.0"}
PINNED = re.compile(r"^- sha256 of (\S+): ([0-9a-f]{64})$", re.MULTILINE)
README = """# barcode-detector {version} with zxing-wasm {reader}, vendored for the Log page

`ponyfill.js` is [barcode-detector](https://github.com/Sec-ant/barcode-detector) {version}
(`dist/iife/ponyfill.js`, unchanged; MIT, `LICENSE`), a BarcodeDetector built on
[zxing-wasm](https://github.com/Sec-ant/zxing-wasm) {reader}, whose reader
`zxing_reader.wasm` (ZXing-C++ compiled to WebAssembly; MIT, `LICENSE-zxing-wasm`) is here
unchanged too. `static/scan.js` loads them only when the browser has no BarcodeDetector of its
own, and points the script at this folder instead of its default CDN: nothing is fetched from
another host. WebAssembly needs `'wasm-unsafe-eval'` in the page's script-src (web/middleware.py).

- obtained with: `npm pack {spec}` and `npm pack {reader_spec}` from {registry}
  (`python tools/vendor_barcode.py`)
- tarball integrity (checked): {integrity}; {reader_integrity}
- the .wasm's sha256 is the one ponyfill.js carries (ZXING_WASM_SHA256, checked)
{hashes}

Refresh with `python tools/vendor_barcode.py [VERSION]`; `python tools/vendor_barcode.py --check`
checks the committed files against the sha256 above without the network.
"""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def npm(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(["npm", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def check() -> None:
    pinned = dict(PINNED.findall((VENDOR / "README.md").read_text(encoding="utf-8")))
    names = [name for files in FILES.values() for name in files.values()]
    for name in names:
        actual = sha256((VENDOR / name).read_bytes())
        if pinned.get(name) != actual:
            raise SystemExit(f"{name} has sha256 {actual}, the README pins {pinned.get(name)}")
    print(f"{len(names)} vendored files match their pinned sha256")


def fetch(spec: str, folder: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    """The package's wanted files (by vendored name) and its version, integrity, licence and
    dependencies, its tarball checked against the registry's integrity."""
    fields = ("name", "version", "dist.integrity", "license", "dependencies")
    info = json.loads(npm("view", spec, *fields, "--json"))
    if isinstance(info, list):  # a range that several versions match: the newest
        info = info[-1]
    name, version, integrity = info["name"], info["version"], info["dist.integrity"]
    if info.get("license") not in LICENCES:
        raise SystemExit(f"{name}@{version} is under {info.get('license')}, not one of {LICENCES}")
    tgz = npm("pack", f"{name}@{version}", "--silent", cwd=folder).splitlines()[-1]
    tarball = (folder / tgz).read_bytes()
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if algorithm != "sha512" or actual != expected:
        raise SystemExit(f"{tgz}: integrity {algorithm}-{actual}, the registry says {integrity}")
    files = {}
    with tarfile.open(folder / tgz) as archive:
        for inside, vendored in FILES[name].items():
            member = archive.extractfile(f"package/{inside}")
            if member is None:
                raise SystemExit(f"{tgz} has no {inside}")
            files[vendored] = member.read()
    reader = (info.get("dependencies") or {}).get(READER, "")
    return files, {"version": version, "integrity": integrity, "reader": reader}


def refresh(spec: str) -> None:
    with tempfile.TemporaryDirectory() as temp:
        files, meta = fetch(spec, Path(temp))
        if not re.fullmatch(r"\d+\.\d+\.\d+", meta["reader"]):
            raise SystemExit(f"{spec} pins no exact {READER} version: {meta['reader']!r}")
        reader_files, reader_meta = fetch(f"{READER}@{meta['reader']}", Path(temp))
    files |= reader_files
    script = files["ponyfill.js"].decode("utf-8")
    wasm = sha256(files["zxing_reader.wasm"])
    if wasm not in script or "ZXING_WASM_SHA256" not in script:
        raise SystemExit(f"zxing_reader.wasm has sha256 {wasm}, which ponyfill.js does not carry")
    VENDOR.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (VENDOR / name).write_bytes(data)
    hashes = "\n".join(f"- sha256 of {name}: {sha256(data)}" for name, data in files.items())
    text = README.format(
        version=meta["version"],
        reader=meta["reader"],
        spec=f"{PACKAGE}@{meta['version']}",
        reader_spec=f"{READER}@{meta['reader']}",
        registry=npm("config", "get", "registry"),
        integrity=meta["integrity"],
        reader_integrity=reader_meta["integrity"],
        hashes=hashes,
    )
    (VENDOR / "README.md").write_text(text, encoding="utf-8")
    check()
    print(f"vendored {PACKAGE} {meta['version']} and {READER} {meta['reader']} into {VENDOR}")


def main(args: list[str]) -> None:
    if args == ["--check"]:
        check()
    elif len(args) <= 1:
        refresh(f"{PACKAGE}@{args[0] if args else '3'}")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
