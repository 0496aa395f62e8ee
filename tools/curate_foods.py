"""Fill the curated food table's numbers from the USDA SR28 files, and write its portions.

The curated table (src/mgcoach/foods/data/curated/*.csv) is ours: the choice of foods, their
English and Dutch names, synonyms, tags and usual serving. Its per-100 g values, food group and
portions are USDA facts; this tool copies them from SR28 so that no number is typed by hand.
tests/foods/test_curated.py checks every value against the USDA files again.

    python tools/curate_foods.py [--sr28 data/usda-sr28]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mgcoach.foods.curated import CURATED_COLUMNS, CURATED_DIR, PORTIONS_FILE  # noqa: E402
from mgcoach.foods.groups import group_slug  # noqa: E402
from mgcoach.foods.importers.files import Release  # noqa: E402
from mgcoach.foods.importers.usda_sr28 import descriptions, values, weights  # noqa: E402
from mgcoach.foods.nutrients import nutrient_keys  # noqa: E402

DEFAULT_SR28 = ROOT / "data" / "usda-sr28"


def number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sr28", type=Path, default=DEFAULT_SR28)
    args = parser.parse_args()
    release = Release(args.sr28)
    desc = descriptions(release)
    found = values(release)
    portions = weights(release)
    seen: set[str] = set()
    portion_rows: list[list[str]] = []
    for path in sorted(CURATED_DIR.glob("*.csv")):
        lines = path.read_text("utf-8").splitlines()
        header = [line for line in lines if line.startswith("#")]
        rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
        for row in rows:
            food_id = row["id"]
            ndb = food_id.removeprefix("usda:")
            if ndb not in desc:
                print(f"{path.name}: {food_id} is not in SR28", file=sys.stderr)
                return 1
            if food_id in seen:
                print(f"{path.name}: {food_id} is listed twice", file=sys.stderr)
                return 1
            seen.add(food_id)
            row["group"] = group_slug(desc[ndb].group_code) or ""
            row["usda_name"] = desc[ndb].long_desc
            for key in nutrient_keys():
                row[key] = number(found.get(ndb, {}).get(key))
            row["source"] = "USDA-SR28"
            for seq, portion in enumerate(portions.get(ndb, ()), start=1):
                portion_rows.append(
                    [food_id, str(seq), f"{portion.amount:g}", portion.unit, f"{portion.grams:g}"]
                )
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write("\n".join(header) + ("\n" if header else ""))
            writer = csv.DictWriter(handle, CURATED_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows({key: row.get(key, "") for key in CURATED_COLUMNS} for row in rows)
    portion_rows.sort(key=lambda r: (r[0], int(r[1])))
    with PORTIONS_FILE.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Household portions of the curated foods, copied from USDA SR28 WEIGHT by\n"
            "# tools/curate_foods.py. Syntax: food_id, seq (USDA order), amount, unit (as USDA\n"
            "# words it), grams (weight of amount x unit, edible part). Source: USDA-SR28.\n"
        )
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["food_id", "seq", "amount", "unit", "grams"])
        writer.writerows(portion_rows)
    print(f"{len(seen)} curated foods, {len(portion_rows)} portions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
