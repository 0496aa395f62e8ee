"""Branded Foods (USDA Global Branded Food Products Database): branded_food.csv.

About two million rows, so each food keeps only what its Food needs: the brand (interned,
brands repeat by the thousand), the barcode and the label's serving in grams. A serving given
in ml becomes no portion: without the product's density its weight is unknown.
"""

from __future__ import annotations

import sys

from .fdc_table import FdcType, Progress, Table, Wanted, open_table
from .files import Release
from .report import ImportReport, SkipReason

REQUIRED = ("fdc_id", "gtin_upc", "serving_size", "serving_size_unit")
# "g" in the label data; GS1's unit code GRM in the GDSN-sourced rows.
GRAM_UNITS = {"g", "gm", "gr", "grm", "gram", "grams"}
# GTIN-8 to GTIN-14; anything else in gtin_upc is no barcode a scanner reads.
_BARCODE_LENGTHS = range(8, 15)


def barcode(text: str) -> str | None:
    """gtin_upc as a scannable code: 8 to 14 digits, else None."""
    text = text.strip()
    return text if text.isdigit() and len(text) in _BARCODE_LENGTHS else None


def serving_grams(table: Table, row: list[str], size: int, unit: int) -> float | None:
    """The label's serving in grams, None when it is given in ml (or not at all)."""
    if row[unit].strip().lower() not in GRAM_UNITS:
        return None
    grams = table.number(row, size)
    return grams if grams else None


def _brand(row: list[str], columns: list[int | None]) -> str | None:
    """brand_name, else brand_owner (whichever the release has), interned."""
    for column in columns:
        if column is not None and row[column].strip():
            return sys.intern(" ".join(row[column].split()))
    return None


def add_branded(
    release: Release, wanted: Wanted, report: ImportReport, progress: Progress | None = None
) -> None:
    """Add every food of branded_food.csv to ``wanted``; a repeated fdc_id is skipped."""
    with open_table(release, FdcType.BRANDED.file, REQUIRED, progress) as table:
        fdc, gtin, size, unit = table.index(*REQUIRED)
        brands = [table.get("brand_name"), table.get("brand_owner")]
        for row in table.rows():
            added = wanted.add(
                str(table.integer(row, fdc)),
                FdcType.BRANDED,
                brand=_brand(row, brands),
                barcode=barcode(row[gtin]),
                serving_g=serving_grams(table, row, size, unit),
            )
            if not added:
                report.read += 1
                report.skip(SkipReason.DUPLICATE, file=table.name, line=table.line, detail=row[fdc])
