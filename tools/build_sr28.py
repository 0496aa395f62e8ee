"""Build the full USDA SR28 table that ships with Mg Coach from the original USDA files.

Reads data/usda-sr28 (FOOD_DES, NUT_DATA, WEIGHT, FD_GROUP) with Mg Coach's own SR28 parser and
writes src/mgcoach/foods/data/sr28/foods.csv.gz and portions.csv.gz: every food with the
nutrients Mg Coach keeps, its household portions and its food group, with USDA's citation and
the sha256 of each source file in the header. The output is deterministic: run it again on the
same release and the files are byte for byte the same (tests/foods/test_sr28_table.py checks
the shipped files are up to date).

    python tools/build_sr28.py [--sr28 data/usda-sr28] [--out src/mgcoach/foods/data/sr28]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mgcoach.foods.importers.files import Release  # noqa: E402
from mgcoach.foods.importers.usda_sr28 import read  # noqa: E402
from mgcoach.foods.sr28_table import (  # noqa: E402
    SOURCE_FILES,
    SR28_DIR,
    table_bytes,
    write_table,
)

DEFAULT_SR28 = ROOT / "data" / "usda-sr28"


def source_hashes(release: Release) -> dict[str, str]:
    """The sha256 of each source file's uncompressed content, as data/README.md lists them."""
    found = {}
    for name in SOURCE_FILES:
        with release.open_text(name, "latin-1") as handle:
            assert isinstance(handle, io.TextIOWrapper)
            found[name] = hashlib.sha256(handle.buffer.read()).hexdigest()
    return found


def build(sr28: Path) -> dict[str, bytes]:
    """The uncompressed content of each shipped file, built from the release in ``sr28``."""
    release = Release(sr28)
    try:
        return table_bytes(read(release), source_hashes(release))
    finally:
        release.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sr28", type=Path, default=DEFAULT_SR28)
    parser.add_argument("--out", type=Path, default=SR28_DIR)
    args = parser.parse_args()
    content = build(args.sr28)
    write_table(args.out, content)
    for name, data in content.items():
        size = (args.out / name).stat().st_size
        lines = data.count(b"\n")
        print(f"{args.out / name}: {lines:,} lines, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
