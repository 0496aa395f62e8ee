"""USDA FoodData Central CSV releases: SR Legacy, Foundation, FNDDS (survey) and Branded.

A release (folder or zip, usually with its own top folder) holds ``food.csv`` (one row per
food of every data type), ``food_nutrient.csv`` (amounts per 100 g by fdc_id and nutrient id),
the data type's own file (``sr_legacy_food.csv`` ...) and optionally ``food_portion.csv``,
``measure_unit.csv``, ``food_category.csv`` and ``nutrient.csv``.

Four streaming passes, so no file is ever held as rows:

1. the data type's own file decides which fdc_ids are imported (Foundation's food.csv also
   lists its samples and acquisitions, which are not foods) and gives each a slot;
2. food_nutrient.csv fills one flat ``array('d')`` of ``len(nutrient_keys())`` values per slot
   (NaN = no row) for the wanted nutrient ids only;
3. food_portion.csv gives the portions of the wanted foods;
4. food.csv is streamed again and each wanted food is yielded with its name and group.

Ids: SR Legacy foods are ``usda:<NDB_number, 5 digits>`` (the ids SR28 gives the same foods),
every other data type ``fdc:<fdc_id>``. A nutrient without a row is None, never zero.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache

from ...errors import ImportFileError
from ...i18n import N_
from ..groups import group_slug
from ..model import Food, FoodSource, Portion
from ..nutrients import food_nutrients
from .fdc_branded import add_branded
from .fdc_portions import read_portions
from .fdc_table import Entry, FdcType, Progress, Table, Wanted, open_table
from .files import Release
from .report import ImportReport, SkipReason

# FoodData Central unit names as nutrients.csv writes them.
_UNITS = {"kcal": "kcal", "g": "g", "mg": "mg", "ug": "ug", "µg": "ug"}
_NO_RANK = 255


SOURCES = {
    FdcType.SR_LEGACY: FoodSource.USDA_SR_LEGACY,
    FdcType.FOUNDATION: FoodSource.USDA_FOUNDATION,
    FdcType.FNDDS: FoodSource.USDA_FNDDS,
    FdcType.BRANDED: FoodSource.USDA_BRANDED,
}
# Only these two use USDA's food-group codes in food_category_id (FNDDS uses WWEIA codes).
_GROUPED = {FdcType.SR_LEGACY, FdcType.FOUNDATION}


@dataclass(frozen=True, slots=True)
class NutrientIds:
    """food_nutrient.nutrient_id text -> (index into nutrient_keys(), rank: 0 is best)."""

    keys: tuple[str, ...]
    units: tuple[str, ...]
    ranks: dict[str, tuple[int, int]]


@cache
def nutrient_ids() -> NutrientIds:
    """The wanted FDC nutrient ids, best first per key (1008 before 2047/2048 for energy).

    The FNDDS download writes the SR nutrient number (208, 304) in ``nutrient_id`` instead of
    the FDC id (1008, 1090); FDC ids start at 1001, so both can be accepted without a clash.
    """
    ranks: dict[str, tuple[int, int]] = {}
    for index, nutrient in enumerate(food_nutrients()):
        for rank, fdc_id in enumerate(nutrient.fdc_ids):
            ranks[str(fdc_id)] = (index, rank)
        ranks.setdefault(nutrient.usda_sr, (index, 0))
    nutrients = food_nutrients()
    return NutrientIds(tuple(n.key for n in nutrients), tuple(n.unit for n in nutrients), ranks)


class NutrientTable:
    """Values per 100 g for ``count`` foods in one flat array: slot × key, NaN for no row.

    Two million Branded foods × 14 nutrients take 224 MB as doubles (plus 28 MB of ranks);
    a dict per food would take several times that.
    """

    def __init__(self, count: int, keys: tuple[str, ...]) -> None:
        self.keys = keys
        self.width = width = len(keys)
        self.values = array("d", [math.nan]) * (count * width)
        self.ranks = array("B", [_NO_RANK]) * (count * width)

    def put(self, slot: int, index: int, rank: int, value: float) -> None:
        """Keep ``value`` unless the food already has one from a better-ranked nutrient id."""
        position = slot * self.width + index
        if rank < self.ranks[position]:
            self.values[position] = value
            self.ranks[position] = rank

    def per_100g(self, slot: int) -> dict[str, float | None] | None:
        """The food's values by key, or None when it has no value at all."""
        start = slot * self.width
        found = {
            key: None if math.isnan(v) else v
            for key, v in zip(self.keys, self.values[start : start + self.width], strict=True)
        }
        return found if any(v is not None for v in found.values()) else None


def check_nutrient_units(release: Release) -> None:
    """nutrient.csv, when present, must give each wanted id the unit nutrients.csv expects."""
    if not release.has("nutrient.csv"):
        return
    ids = nutrient_ids()
    with open_table(release, "nutrient.csv", ("id", "unit_name")) as table:
        key, unit = table.index("id", "unit_name")
        for row in table.rows():
            hit = ids.ranks.get(row[key].strip())
            if hit is None or len(row[key].strip()) < 4:
                continue  # a 3-digit SR number is no FDC id
            expected = ids.units[hit[0]]
            found = _UNITS.get(row[unit].strip().lower(), row[unit].strip())
            if found != expected:
                raise ImportFileError(
                    N_("{name}, line {line}: nutrient {id} is in {found}, expected {expected}."),
                    name=table.name,
                    line=table.line,
                    id=row[key],
                    found=row[unit],
                    expected=expected,
                )


def _add_listed(
    release: Release,
    kind: FdcType,
    wanted: Wanted,
    report: ImportReport,
    progress: Progress | None,
) -> None:
    """Add the foods listed in SR Legacy's, Foundation's or FNDDS's own file to ``wanted``."""
    ndbs: set[str] = set()
    required = ("fdc_id", "NDB_number") if kind is FdcType.SR_LEGACY else ("fdc_id",)
    with open_table(release, kind.file, required, progress) as table:
        fdc, ndb_column = table.columns["fdc_id"], table.get("NDB_number")
        for row in table.rows():
            fdc_id = str(table.integer(row, fdc))
            ndb = _ndb(table, row, ndb_column, required=kind is FdcType.SR_LEGACY)
            # SR Legacy ids are built from the NDB number, so it must be unique too.
            unique = not (kind is FdcType.SR_LEGACY and ndb in ndbs)
            if unique and wanted.add(fdc_id, kind, ndb=ndb):
                if ndb is not None:
                    ndbs.add(ndb)
                continue
            report.read += 1
            report.skip(SkipReason.DUPLICATE, file=table.name, line=table.line, detail=fdc_id)


def _ndb(table: Table, row: list[str], column: int | None, *, required: bool) -> str | None:
    """NDB_number as SR28 writes it: 5 digits with leading zeros (1001 -> "01001")."""
    if column is None or not (required or row[column].strip()):
        return None
    return f"{table.integer(row, column):05d}"


def wanted_foods(
    release: Release,
    kinds: Collection[FdcType],
    report: ImportReport,
    progress: Progress | None = None,
) -> Wanted:
    """Every food of ``kinds``, from the data types' own files (a food listed twice, or by
    two data types, is read once)."""
    wanted = Wanted()
    for kind in FdcType:
        if kind is FdcType.BRANDED and kind in kinds:
            add_branded(release, wanted, report, progress)
        elif kind in kinds:
            _add_listed(release, kind, wanted, report, progress)
    return wanted


def read_nutrients(
    release: Release, wanted: Wanted, progress: Progress | None = None
) -> NutrientTable:
    """Stream food_nutrient.csv, keeping the wanted nutrients of the wanted foods."""
    ids = nutrient_ids()
    table = NutrientTable(len(wanted), ids.keys)
    columns = ("fdc_id", "nutrient_id", "amount")
    with open_table(release, "food_nutrient.csv", columns, progress) as t:
        fdc, nutrient, amount = t.index(*columns)
        ranks, slots = ids.ranks, wanted.slots
        for row in t.rows():
            hit = ranks.get(row[nutrient])
            if hit is None:
                continue
            slot = slots.get(row[fdc])
            if slot is None:
                continue
            value = t.number(row, amount)
            if value is not None:
                table.put(slot, hit[0], hit[1], value)
    return table


def food_categories(release: Release) -> dict[str, str]:
    """food_category.csv: id -> USDA food-group code ("12" -> "1200")."""
    if not release.has("food_category.csv"):
        return {}
    with open_table(release, "food_category.csv", ("id", "code")) as table:
        key, code = table.index("id", "code")
        return {row[key].strip(): row[code].strip() for row in table.rows()}


@dataclass(frozen=True, slots=True)
class _Joined:
    """What the earlier passes found, for turning food.csv rows into foods."""

    values: NutrientTable
    portions: dict[str, tuple[Portion, ...]]
    categories: dict[str, str]

    def food(self, table: Table, row: list[str], entry: Entry) -> Food | SkipReason:
        columns = table.columns
        name = " ".join(row[columns["description"]].split())
        if not name:
            return SkipReason.NO_NAME
        per_100g = self.values.per_100g(entry.slot)
        if per_100g is None:
            return SkipReason.NO_NUTRIENTS
        fdc_id = table.integer(row, columns["fdc_id"])
        category = columns.get("food_category_id")
        group = None
        if category is not None and entry.kind in _GROUPED:
            group = group_slug(self.categories.get(row[category].strip(), ""))
        return Food(
            id=f"usda:{entry.ndb}" if entry.kind is FdcType.SR_LEGACY else f"fdc:{fdc_id}",
            name=name,
            source=SOURCES[entry.kind],
            per_100g=per_100g,
            portions=_portions(entry, self.portions.get(row[columns["fdc_id"]].strip(), ())),
            usda_ndb=entry.ndb,
            fdc_id=fdc_id,
            barcode=entry.barcode,
            brand=entry.brand,
            group=group,
        )


def read(
    release: Release,
    kinds: Collection[FdcType],
    progress: Progress | None = None,
    report: ImportReport | None = None,
) -> Iterator[Food]:
    """Every food of the data types ``kinds`` in ``release``, as Food records.

    ``progress`` receives the number of CSV rows read since its previous call (all passes);
    ``report`` counts foods read, yielded and skipped.
    """
    report = report if report is not None else ImportReport()
    check_nutrient_units(release)
    wanted = wanted_foods(release, kinds, report, progress)
    joined = _Joined(
        read_nutrients(release, wanted, progress),
        read_portions(release, wanted.slots, progress),
        food_categories(release),
    )
    done = bytearray(len(wanted))
    with open_table(release, "food.csv", ("fdc_id", "description"), progress) as table:
        fdc = table.columns["fdc_id"]
        for row in table.rows():
            slot = wanted.slots.get(row[fdc].strip())
            if slot is None:
                continue
            report.read += 1
            found = (
                SkipReason.DUPLICATE if done[slot] else joined.food(table, row, wanted.entry(slot))
            )
            if isinstance(found, SkipReason):
                report.skip(found, file=table.name, line=table.line, detail=row[fdc])
                continue
            done[slot] = 1
            report.yielded += 1
            yield found


def _portions(entry: Entry, listed: tuple[Portion, ...]) -> tuple[Portion, ...]:
    """The release's portions, and for Branded foods the label's serving when it is in grams."""
    if entry.serving_g is None:
        return listed
    return (*listed, Portion(1.0, "serving", entry.serving_g))
