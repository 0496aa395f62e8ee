"""Compute the recipe estimates' values (src/mgcoach/foods/data/dutch_estimates.csv) from the
USDA SR28 files, for the recipes of dutch_estimates.toml: no number is typed by hand.
tests/foods/test_dutch_foods.py recomputes every value from the USDA files again.

    python tools/dutch_estimates.py [--sr28 data/usda-sr28]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mgcoach.foods.estimates import (  # noqa: E402
    VALUE_COLUMNS,
    VALUES_FILE,
    estimate_values,
    estimates,
    number,
)
from mgcoach.foods.importers.files import Release  # noqa: E402
from mgcoach.foods.importers.usda_sr28 import descriptions, values  # noqa: E402
from mgcoach.foods.model import Food, FoodSource  # noqa: E402
from mgcoach.foods.nutrients import nutrient_keys  # noqa: E402

DEFAULT_SR28 = ROOT / "data" / "usda-sr28"
HEADER = (
    "# Values per 100 g of the recipe estimates of dutch_estimates.toml, computed from USDA SR28\n"
    "# by tools/dutch_estimates.py (do not edit). Syntax: id, the nutrients, source.\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sr28", type=Path, default=DEFAULT_SR28)
    args = parser.parse_args()
    release = Release(args.sr28)
    desc, found = descriptions(release), values(release)
    rows = []
    for item in estimates().values():
        foods = {}
        for ingredient in item.ingredients:
            ndb = ingredient.food_id.removeprefix("usda:")
            if ndb not in desc or desc[ndb].long_desc != ingredient.name:
                print(f"{item.id}: {ingredient.food_id} is not {ingredient.name!r} in SR28")
                return 1
            per_100g = {key: found.get(ndb, {}).get(key) for key in nutrient_keys()}
            foods[ingredient.food_id] = Food(
                ingredient.food_id, desc[ndb].long_desc, FoodSource.USDA_SR28, per_100g
            )
        computed = estimate_values(item, foods)
        rows.append(
            {"id": item.id, **{k: number(v) for k, v in computed.items()}, "source": item.source}
        )
    with VALUES_FILE.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        writer = csv.DictWriter(handle, VALUE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} recipe estimates")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
