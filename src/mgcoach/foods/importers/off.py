"""Open Food Facts exports: the CSV (``en.openfoodfacts.org.products.csv[.gz]``, which is
tab-separated despite its name), the JSONL (``openfoodfacts-products.jsonl[.gz]``), and what
the OFF API returns, saved as a file: one product (``{"code", "product"}``, API v0 and v2), a
search (``{"products": [...]}``) or a list of products, pretty-printed or not. A folder or a
zip archive of such files is read file by file.

OFF's own verdicts count: a product whose ``data_quality_errors_tags`` lists an error is
skipped with that tag, and so is a water with more than 50 mg magnesium per 100 ml (the value
per litre typed as per 100 ml; the richest mineral waters hold about 12 mg per 100 ml).

OFF is crowd-sourced, so a product that is merely unusable (no code, no name, no nutrient
values, an unreadable or impossible value, a row with the wrong number of fields) is skipped
and counted in the ImportReport. Only a file that cannot be read as an OFF export at all
(wrong separator, no products, damaged gzip, invalid JSON) is an ImportFileError.

OFF stores nutrients per 100 g (per 100 ml for drinks) in grams, energy in kcal: 0.27 g of
magnesium is 270 mg. The conversion factors come from the unit table (``units.UNITS``). A drink (a
serving or a pack in ml, cl or l) gets an "ml" portion of 1 g per ml: its values are per
100 ml, so a millilitre counts as a gram of the label's basis, and it can be measured in ml
and l.

This module reads the files; ``off_product`` turns one product into a Food and ``off_tags``
gives it its tags.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ...errors import ImportFileError
from ...i18n import N_
from ..model import Food
from .files import DAMAGE, Release
from .off_product import (
    SkipError,
    field_text,
    off_nutrients,
    per_100g,
    product_food,
    serving_portion,
)
from .off_tags import off_tag_map
from .report import ImportReport, SkipReason

# One product's reading is imported from here too (the importer's tests use them).
__all__ = [
    "off_tag_map",
    "per_100g",
    "product_food",
    "read",
    "read_csv",
    "read_jsonl",
    "serving_portion",
]

ENCODING = "utf-8"
# The progress callback receives the number of products read since its previous call.
PROGRESS_STEP = 10_000
# A few products carry megabytes of ingredients text; csv's default limit is 128 KiB.
FIELD_SIZE_LIMIT = 1 << 27

Progress = Callable[[int], None]


_INFO_FIELDS = {
    "code",
    "product_name",
    "product_name_en",
    "product_name_nl",
    "brands",
    "serving_quantity",
    "serving_quantity_unit",
    "serving_size",
    "labels_tags",
    "allergens_tags",
    "allergens",
    "categories_tags",
    "data_quality_errors_tags",
    "quantity",
    "lang",
}


Product = tuple[str, int, Mapping[str, object], Mapping[str, object]]


def _collect(
    products: Iterator[Product], progress: Progress | None, report: ImportReport
) -> Iterator[Food]:
    """Turn products into foods, skipping (and counting) the unusable ones and duplicates."""
    seen: set[str] = set()
    count = 0
    for name, line, info, nutriments in products:
        count += 1
        if progress is not None and count % PROGRESS_STEP == 0:
            progress(PROGRESS_STEP)
        report.read += 1
        try:
            food = product_food(info, nutriments)
        except SkipError as skipped:
            detail = field_text(info.get("code"))
            if skipped.detail:
                detail = f"{detail}: {skipped.detail}" if detail else skipped.detail
            report.skip(skipped.reason, file=name, line=line, detail=detail)
            continue
        if food.id in seen:
            report.skip(SkipReason.DUPLICATE, file=name, line=line, detail=food.id)
            continue
        seen.add(food.id)
        report.yielded += 1
        yield food
    if progress is not None and count % PROGRESS_STEP:
        progress(count % PROGRESS_STEP)


@contextmanager
def _open(path: Path) -> Iterator[IO[str]]:
    """A plain or gzipped export as text (newline='' so csv sees quoted newlines)."""
    try:
        if path.name.lower().endswith(".gz"):
            handle: IO[str] = gzip.open(path, "rt", encoding=ENCODING, newline="")  # noqa: SIM115
        else:
            handle = open(path, encoding=ENCODING, newline="")  # noqa: SIM115
    except OSError as error:
        raise ImportFileError(N_("No such file or folder: {path}"), path=str(path)) from error
    try:
        yield handle
    except (*DAMAGE, csv.Error) as error:
        raise ImportFileError(
            N_("{name} is damaged or truncated ({error})."), name=path.name, error=str(error)
        ) from error
    finally:
        handle.close()


def _csv_products(handle: IO[str], name: str, report: ImportReport) -> Iterator[Product]:
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))
    # OFF writes with Perl's Text::CSV: tab-separated, "..." around a field with a tab, a
    # newline or a quote inside, quotes doubled.
    reader = csv.reader(handle, delimiter="\t", quotechar='"', doublequote=True, strict=False)
    header = next(reader, None) or []
    if "code" not in header:
        raise ImportFileError(
            N_("{name} is not an Open Food Facts CSV export: no tab-separated {column} column."),
            name=name,
            column="code",
        )
    wanted = {n.field for n in off_nutrients()} | _INFO_FIELDS
    columns = [(field, index) for index, field in enumerate(header) if field in wanted]
    rows = 0
    for row in reader:
        if not row:
            continue
        rows += 1
        if len(row) != len(header):
            report.read += 1
            report.skip(SkipReason.MALFORMED_ROW, file=name, line=reader.line_num)
            continue
        fields = {field: row[index] for field, index in columns}
        yield name, reader.line_num, fields, fields
    if not rows:
        raise ImportFileError(N_("{name} holds no products."), name=name)


def _json_products(handle: IO[str], name: str) -> Iterator[Product]:
    """JSON lines, one product a line; a file that opens with a lone "{" or "[" (or is named
    .json) is one JSON document instead: an API response, a search, a list of products."""
    rows = 0
    for line, text in enumerate(handle, start=1):
        if not text.strip():
            continue
        whole = name.lower().removesuffix(".gz").endswith(".json")
        if rows == 0 and (whole or text.strip() in ("{", "[")):
            yield from _document(text + handle.read(), name)
            return
        product = _json_line(text, name, line)
        rows += 1
        yield _product(name, line, product)
    if not rows:
        raise ImportFileError(N_("{name} holds no products."), name=name)


def _json_line(text: str, name: str, line: int) -> dict[str, object]:
    try:
        product = json.loads(text)
    except json.JSONDecodeError as error:
        raise _invalid(name, line, error.msg) from error
    if not isinstance(product, dict):
        raise _invalid(name, line, "not an object")
    if "product" in product or "products" in product:
        raise _invalid(name, line, "an API response on one line of a JSONL file")
    return product


def _document(text: str, name: str) -> Iterator[Product]:
    """The products of one JSON document: ``{"code", "product"}`` (API v0/v2), ``{"products":
    [...]}`` (a search), a list of products, or one product; line = the product's number."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _invalid(name, error.lineno, error.msg) from error
    if isinstance(data, dict) and isinstance(data.get("products"), list):
        items: list[object] = data["products"]
    elif isinstance(data, dict) and "product" in data:
        product = data.get("product")
        items = [{"code": data.get("code"), **product}] if isinstance(product, dict) else []
    elif isinstance(data, list):
        items = data
    elif isinstance(data, dict) and "status_verbose" in data:
        items = []  # the API's "product not found"
    elif isinstance(data, dict) and "code" in data:
        items = [data]
    else:
        raise _invalid(name, 1, "no product, products or code")
    found = [item for item in items if isinstance(item, dict)]
    if not found:
        raise ImportFileError(N_("{name} holds no products."), name=name)
    for number, product in enumerate(found, start=1):
        yield _product(name, number, product)


def _product(name: str, line: int, product: dict[str, object]) -> Product:
    nutriments = product.get("nutriments")
    return name, line, product, nutriments if isinstance(nutriments, dict) else {}


def _invalid(name: str, line: int, error: str) -> ImportFileError:
    return ImportFileError(
        N_("{name}, line {line}: not valid JSON ({error})."), name=name, line=line, error=error
    )


def read_csv(
    path: Path, progress: Progress | None = None, report: ImportReport | None = None
) -> Iterator[Food]:
    """The products of an OFF CSV export (plain or .gz) as ``off:<code>`` foods."""
    report = report if report is not None else ImportReport()
    with _open(path) as handle:
        yield from _collect(_csv_products(handle, path.name, report), progress, report)


def read_jsonl(
    path: Path, progress: Progress | None = None, report: ImportReport | None = None
) -> Iterator[Food]:
    """The products of an OFF JSONL export or JSON file (plain or .gz) as ``off:<code>`` foods."""
    report = report if report is not None else ImportReport()
    with _open(path) as handle:
        yield from _collect(_json_products(handle, path.name), progress, report)


_JSON = (".jsonl", ".json")
_CSV = (".csv", ".tsv")


def read(
    path: Path, progress: Progress | None = None, report: ImportReport | None = None
) -> Iterator[Food]:
    """OFF products from a .csv/.tsv, .jsonl/.json file (or .gz), or a folder or zip of them."""
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(_JSON):
        return read_jsonl(path, progress, report)
    if name.endswith(_CSV):
        return read_csv(path, progress, report)
    if path.is_dir() or name.endswith(".zip"):
        return _read_release(path, progress, report if report is not None else ImportReport())
    raise ImportFileError(
        N_(
            "{name} is no Open Food Facts export: expected a .csv or .jsonl file (or .gz), a "
            ".json file, or a folder or zip of them."
        ),
        name=path.name,
    )


def _read_release(path: Path, progress: Progress | None, report: ImportReport) -> Iterator[Food]:
    release = Release(path)
    try:
        members = [n for n in release.names() if n.endswith(_JSON + _CSV)]
        if not members:
            raise ImportFileError(N_("{name} holds no products."), name=path.name)
        yield from _collect(_members(release, members, report), progress, report)
    finally:
        release.close()


def _members(release: Release, members: list[str], report: ImportReport) -> Iterator[Product]:
    for member in members:
        try:
            with release.open_text(member, ENCODING) as handle:
                if member.endswith(_CSV):
                    yield from _csv_products(handle, member, report)
                else:
                    yield from _json_products(handle, member)
        except (*DAMAGE, csv.Error) as error:
            raise ImportFileError(
                N_("{name} is damaged or truncated ({error})."), name=member, error=str(error)
            ) from error
