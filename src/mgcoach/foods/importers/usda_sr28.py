"""The USDA SR28 / SR Legacy release in its classic ASCII form (caret-separated, ``~`` quotes,
cp1252, no header): FOOD_DES, NUT_DATA, WEIGHT and FD_GROUP.

NUT_DATA (679,045 rows) is streamed and only the nutrients of ``data/nutrients.csv`` are kept.
A food with no row for a nutrient gets None for it: "not determined", never zero.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ...errors import ImportFileError
from ...i18n import N_
from ..groups import group_slug
from ..model import Food, FoodSource, Portion
from ..nutrients import food_nutrients
from .files import DAMAGE, Release

ENCODING = "cp1252"
# Column counts of the documented files; a shorter row means a truncated or foreign file.
_COLUMNS = {"FOOD_DES.txt": 14, "NUT_DATA.txt": 18, "WEIGHT.txt": 7, "FD_GROUP.txt": 2}

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Description:
    ndb: str
    group_code: str
    long_desc: str
    common_name: str
    manufacturer: str


def is_sr28(release: Release) -> bool:
    return release.has("FOOD_DES.txt") and release.has("NUT_DATA.txt")


def rows(release: Release, name: str, progress: Progress | None = None) -> Iterator[list[str]]:
    """The records of one file, each checked for its documented column count."""
    expected = _COLUMNS[name]
    try:
        with release.open_text(name, ENCODING) as handle:
            reader = csv.reader(handle, delimiter="^", quotechar="~")
            for line, row in enumerate(reader, start=1):
                if len(row) != expected:
                    raise ImportFileError(
                        N_("{name}, line {line}: expected {expected} fields, found {found}."),
                        name=name,
                        line=line,
                        expected=expected,
                        found=len(row),
                    )
                if progress is not None and line % 10_000 == 0:
                    progress(10_000)
                yield row
    except DAMAGE as error:
        raise ImportFileError(
            N_("{name} is damaged or truncated ({error})."), name=name, error=str(error)
        ) from error


def descriptions(release: Release) -> dict[str, Description]:
    return {
        row[0]: Description(row[0], row[1], row[2], row[4], row[5])
        for row in rows(release, "FOOD_DES.txt")
    }


def values(release: Release, progress: Progress | None = None) -> dict[str, dict[str, float]]:
    """NDB_No -> {nutrient key: value per 100 g}, for the nutrients Mg Coach keeps."""
    wanted = {n.usda_sr: n.key for n in food_nutrients()}
    found: dict[str, dict[str, float]] = {}
    for row in rows(release, "NUT_DATA.txt", progress):
        key = wanted.get(row[1])
        if key is None:
            continue
        try:
            found.setdefault(row[0], {})[key] = float(row[2])
        except ValueError as error:
            raise ImportFileError(
                N_("{name}: food {ndb} has an unreadable value {value!r}."),
                name="NUT_DATA.txt",
                ndb=row[0],
                value=row[2],
            ) from error
    return found


def weights(release: Release) -> dict[str, list[Portion]]:
    """NDB_No -> its household portions, in the release's own order (Seq)."""
    found: dict[str, list[tuple[int, Portion]]] = {}
    if not release.has("WEIGHT.txt"):
        return {}
    for row in rows(release, "WEIGHT.txt"):
        try:
            amount, grams = float(row[2]), float(row[4])
            seq = int(row[1])
        except ValueError as error:
            raise ImportFileError(
                N_("{name}: food {ndb} has an unreadable value {value!r}."),
                name="WEIGHT.txt",
                ndb=row[0],
                value=row[2:5],
            ) from error
        if amount > 0 and grams > 0:
            found.setdefault(row[0], []).append((seq, Portion(amount, row[3], grams)))
    return {ndb: [p for _, p in sorted(items, key=lambda i: i[0])] for ndb, items in found.items()}


def read(release: Release, progress: Progress | None = None) -> Iterator[Food]:
    """Every food of the release as a ``usda:<NDB_No>`` Food with its portions."""
    foods = descriptions(release)
    nutrient_values = values(release, progress)
    portions = weights(release)
    keys = [n.key for n in food_nutrients()]
    for ndb, desc in foods.items():
        found = nutrient_values.get(ndb, {})
        yield Food(
            id=f"usda:{ndb}",
            name=desc.long_desc,
            source=FoodSource.USDA_SR28,
            per_100g={key: found.get(key) for key in keys},
            synonyms=_common_names(desc.common_name),
            portions=tuple(portions.get(ndb, ())),
            usda_ndb=ndb,
            brand=desc.manufacturer or None,
            group=group_slug(desc.group_code),
        )


def _common_names(text: str) -> tuple[str, ...]:
    """ComName holds common names, but sometimes a commodity note ("Includes USDA ...")."""
    if not text or "USDA" in text or text.lower().startswith("includes"):
        return ()
    return tuple(part.strip() for part in text.split(",") if part.strip())
