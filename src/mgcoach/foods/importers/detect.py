"""Which USDA release a folder or zip holds, and reading it with the matching reader.

SR28 is the classic ASCII release (FOOD_DES.txt, NUT_DATA.txt). A FoodData Central release
has food.csv and food_nutrient.csv plus the file of its data type; the "full download" has
the files of all four. A data type's file with a header and no rows does not count: some
downloads ship the whole schema with the other types' files empty.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from enum import StrEnum

from ...errors import ImportFileError
from ...i18n import N_
from ..model import Food
from . import fdc, usda_sr28
from .fdc_table import ENCODING, FdcType, Progress
from .files import DAMAGE, Release
from .report import ImportReport


class ImportKind(StrEnum):
    """What ``detect`` found; the slug is what ``foods import`` reports."""

    SR28 = "usda_sr28"
    SR_LEGACY = "fdc_sr_legacy"
    FOUNDATION = "fdc_foundation"
    FNDDS = "fdc_fndds"
    BRANDED = "fdc_branded"
    FDC_FULL = "fdc_full"


_SINGLE = {
    FdcType.SR_LEGACY: ImportKind.SR_LEGACY,
    FdcType.FOUNDATION: ImportKind.FOUNDATION,
    FdcType.FNDDS: ImportKind.FNDDS,
    FdcType.BRANDED: ImportKind.BRANDED,
}
EXPECTED = (
    "FOOD_DES.txt and NUT_DATA.txt (USDA SR28), or food.csv and food_nutrient.csv with "
    "sr_legacy_food.csv, foundation_food.csv, survey_fndds_food.csv or branded_food.csv "
    "(FoodData Central)"
)


def _has_rows(release: Release, name: str) -> bool:
    """Whether the member ``name`` exists and holds a row after its header."""
    if not release.has(name):
        return False
    try:
        with release.open_text(name, ENCODING) as handle:
            reader = csv.reader(handle)
            return next(reader, None) is not None and any(row for row in reader)
    except (*DAMAGE, csv.Error) as error:
        raise ImportFileError(
            N_("{name} is damaged or truncated ({error})."), name=name, error=str(error)
        ) from error


def fdc_types(release: Release) -> tuple[FdcType, ...]:
    """The FoodData Central data types whose own file has rows in ``release``."""
    if not (release.has("food.csv") and release.has("food_nutrient.csv")):
        return ()
    return tuple(kind for kind in FdcType if _has_rows(release, kind.file))


def detect(release: Release) -> ImportKind:
    """The kind of USDA release; an ImportFileError naming what was expected otherwise."""
    if usda_sr28.is_sr28(release):
        return ImportKind.SR28
    types = fdc_types(release)
    if len(types) == 1:
        return _SINGLE[types[0]]
    if types:
        return ImportKind.FDC_FULL
    raise ImportFileError(
        N_("{path} is not a USDA release: expected {expected}."),
        path=release.path.name,
        expected=EXPECTED,
    )


def read_usda(
    release: Release, progress: Progress | None = None, report: ImportReport | None = None
) -> Iterator[Food]:
    """Every food of the USDA release in ``release``, whichever kind ``detect`` finds.

    ``progress`` receives the number of rows read since its previous call; ``report`` (when
    given) counts the foods read, yielded and skipped.
    """
    if detect(release) is ImportKind.SR28:
        yield from _counted(usda_sr28.read(release, progress), report)
    else:
        yield from fdc.read(release, fdc_types(release), progress, report)


def _counted(foods: Iterator[Food], report: ImportReport | None) -> Iterator[Food]:
    """The SR28 reader skips nothing: every food it reads, it yields."""
    for food in foods:
        if report is not None:
            report.read += 1
            report.yielded += 1
        yield food
