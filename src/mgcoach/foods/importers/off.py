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
magnesium is 270 mg. The conversion factors come from the one pint registry. A drink (a
serving or a pack in ml, cl or l) gets an "ml" portion of 1 g per ml: its values are per
100 ml, so a millilitre counts as a gram of the label's basis, and it can be measured in ml
and l.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO

from ...errors import ImportFileError, KnowledgeError
from ...i18n import N_
from ...units import Quantity
from ..model import Food, FoodSource, Portion
from ..nutrients import food_nutrients
from ..tags import food_tags
from .files import DAMAGE, Release
from .report import ImportReport, SkipReason

ENCODING = "utf-8"
# The progress callback receives the number of products read since its previous call.
PROGRESS_STEP = 10_000
# A few products carry megabytes of ingredients text; csv's default limit is 128 KiB.
FIELD_SIZE_LIMIT = 1 << 27
# EAN-13/UPC/GTIN-14 and the stores' internal codes are well under this.
MAX_CODE_LENGTH = 32
# More than 100 g of anything, or more than 900 kcal (pure fat), in 100 g is impossible.
MAX_GRAMS = 100.0
MAX_KCAL = 900.0
# No water holds more magnesium than this per 100 ml; above it, a litre's value was typed.
MAX_WATER_MAGNESIUM_MG = 50.0
_WATER_NAME = re.compile(
    r"\b(?:water|waters|eau|wasser|agua|acqua|mineraalwater|bronwater|mineralwasser)\b",
    re.IGNORECASE,
)
_ML = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ml|cl|dl|l)\b", re.IGNORECASE)
_ML_FACTOR = {"ml": 1.0, "cl": 10.0, "dl": 100.0, "l": 1000.0}
_VOLUME = re.compile(r"\d\s*(?:ml|cl|dl|l|fl\.?\s*oz)\b", re.IGNORECASE)
_MASS = re.compile(r"\d\s*(?:g|gr|gram|grams|grammes?|kg|mg|oz)\b", re.IGNORECASE)

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
# The OFF fields off_tags.csv may name; allergens_tags is "allergens" in the CSV export.
_TAG_FIELDS = {"labels_tags": "labels_tags", "allergens_tags": "allergens"}


class _SkipError(Exception):
    """A product that is skipped, with the reason (and what OFF said, when it did)."""

    def __init__(self, reason: SkipReason, detail: str = "") -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class OffNutrient:
    """One OFF ``<name>_100g`` field: our key, the factor to our unit, the largest possible
    value in OFF's unit."""

    key: str
    field: str
    factor: float
    limit: float


@cache
def off_nutrients() -> tuple[OffNutrient, ...]:
    """The nutrients OFF gives, with the factor from OFF's unit to ours (g -> mg: 1000)."""
    found = []
    for nutrient in food_nutrients():
        if nutrient.off is None or nutrient.off_unit is None:
            continue
        factor = float(Quantity(1.0, nutrient.off_unit).to(nutrient.unit).magnitude)
        limit = (
            MAX_KCAL
            if nutrient.off_unit == "kcal"
            else float(Quantity(MAX_GRAMS, "g").to(nutrient.off_unit).magnitude)
        )
        found.append(OffNutrient(nutrient.key, nutrient.off, factor, limit))
    return tuple(found)


@cache
def off_tag_map() -> dict[str, dict[str, frozenset[str]]]:
    """field -> OFF tag -> Mg Coach tags, from data/off_tags.csv (checked at first use)."""
    path = resources.files("mgcoach.foods").joinpath("data/off_tags.csv")
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    found: dict[str, dict[str, frozenset[str]]] = {}
    for number, row in enumerate(csv.DictReader(lines), start=2):
        tags = frozenset(tag for tag in row["tags"].split(";") if tag)
        problem = _tag_row_problem(row, tags)
        if problem is not None:
            raise KnowledgeError(
                "Bad row {line} in {path}: {error}", line=number, path="off_tags.csv", error=problem
            )
        found.setdefault(row["field"], {})[row["off_tag"].strip().lower()] = tags
    return found


def _tag_row_problem(row: dict[str, str], tags: frozenset[str]) -> str | None:
    unknown = tags - set(food_tags())
    if row["field"] not in _TAG_FIELDS:
        return f"unknown field {row['field']!r}"
    if not tags or unknown:
        return f"unknown or no tags {sorted(unknown)}"
    if row["source"] != "OFF":
        return f"source {row['source']!r} is not OFF"
    return None


def _tag_list(value: object) -> list[str]:
    """OFF tags from a JSON list or the CSV's comma-separated text."""
    if isinstance(value, list):
        return [item.strip().lower() for item in value if isinstance(item, str)]
    if isinstance(value, str):
        return [part.strip().lower() for part in value.split(",") if part.strip()]
    return []


def product_tags(info: Mapping[str, object]) -> frozenset[str]:
    """The Mg Coach tags an OFF product's labels and declared allergens give it."""
    found: set[str] = set()
    for field, mapping in off_tag_map().items():
        value = info.get(field) or info.get(_TAG_FIELDS[field])
        for tag in _tag_list(value):
            found |= mapping.get(tag, frozenset())
    return frozenset(found)


def _text(value: object) -> str:
    """A field as one line of text (the export's stray tabs and newlines become spaces)."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _number(value: object) -> float | None:
    """A nutrient value: None when absent or empty, ``_SkipError`` when unreadable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _SkipError(SkipReason.UNREADABLE_VALUE)
    try:
        number = float(value)
    except ValueError:
        raise _SkipError(SkipReason.UNREADABLE_VALUE) from None
    if not math.isfinite(number):
        raise _SkipError(SkipReason.UNREADABLE_VALUE)
    return number


def per_100g(nutriments: Mapping[str, object]) -> dict[str, float | None]:
    """Our nutrient keys in our units from OFF's ``<name>_100g`` fields."""
    values: dict[str, float | None] = {n.key: None for n in food_nutrients()}
    for nutrient in off_nutrients():
        raw = _number(nutriments.get(nutrient.field))
        if raw is None:
            continue
        if raw < 0 or raw > nutrient.limit:
            raise _SkipError(SkipReason.IMPOSSIBLE_VALUE)
        values[nutrient.key] = raw * nutrient.factor
    if all(value is None for value in values.values()):
        raise _SkipError(SkipReason.NO_NUTRIENTS)
    return values


def serving_portion(info: Mapping[str, object]) -> Portion | None:
    """The label's serving from ``serving_quantity`` when it is in grams (not ml)."""
    grams = _serving_quantity(info)
    if grams is None or _serving_ml(info):
        return None  # a volume: see volume_portions
    return Portion(1.0, "serving", grams)


def volume_portions(info: Mapping[str, object]) -> tuple[Portion, ...]:
    """A drink's portions: its serving in ml, and 100 ml weighing 100 g of the label's basis
    (OFF gives a drink's values per 100 ml), so it can be measured in ml and l."""
    quantity = _serving_quantity(info)
    serving_ml = quantity if quantity is not None and _serving_ml(info) else None
    pack = _ML.search(_text(info.get("quantity")))
    if serving_ml is None and (pack is None or _MASS.search(_text(info.get("quantity")))):
        return ()
    found = [Portion(100.0, "ml", 100.0)]
    if serving_ml is not None:
        found.insert(0, Portion(1.0, f"serving ({serving_ml:g} ml)", serving_ml))
    return tuple(found)


def _serving_quantity(info: Mapping[str, object]) -> float | None:
    try:
        number = _number(info.get("serving_quantity"))
    except _SkipError:
        return None
    return number if number and number > 0 else None


def _serving_ml(info: Mapping[str, object]) -> bool:
    unit = _text(info.get("serving_quantity_unit")).lower()
    size = _text(info.get("serving_size"))
    if unit:
        return unit != "g"
    return bool(_VOLUME.search(size)) and not _MASS.search(size)


def quality_errors(info: Mapping[str, object]) -> list[str]:
    """OFF's own data-quality errors of a product ("en:energy-value-in-kcal-...")."""
    return _tag_list(info.get("data_quality_errors_tags"))


def is_water(info: Mapping[str, object], name: str) -> bool:
    """A bottled or mineral water, by OFF category or by name."""
    categories = _tag_list(info.get("categories_tags"))
    if any(tag.endswith(("waters", "-water")) and "coconut" not in tag for tag in categories):
        return True
    return bool(_WATER_NAME.search(name)) and not categories


def _names(info: Mapping[str, object]) -> tuple[str, str | None]:
    """The English name (``product_name_en``, else the main name) and the Dutch one."""
    main = _text(info.get("product_name"))
    english = _text(info.get("product_name_en"))
    dutch = _text(info.get("product_name_nl"))
    if not dutch and _text(info.get("lang")).lower() == "nl" and english and main != english:
        dutch = main
    return english or main, dutch or None


def product_food(info: Mapping[str, object], nutriments: Mapping[str, object]) -> Food:
    """One OFF product as a Food; ``_SkipError`` when it cannot be one."""
    code = _text(info.get("code"))
    if not code.isdigit() or len(code) > MAX_CODE_LENGTH:
        raise _SkipError(SkipReason.BAD_CODE)
    name, name_nl = _names(info)
    if not name:
        raise _SkipError(SkipReason.NO_NAME)
    errors = quality_errors(info)
    if errors:
        raise _SkipError(SkipReason.DATA_QUALITY, ", ".join(errors))
    values = per_100g(nutriments)
    magnesium = values.get("magnesium_mg")
    if magnesium is not None and magnesium > MAX_WATER_MAGNESIUM_MG and is_water(info, name):
        raise _SkipError(SkipReason.WATER_PER_LITRE, f"{magnesium:g} mg / 100 ml")
    brand = next((b.strip() for b in _text(info.get("brands")).split(",") if b.strip()), None)
    portion = serving_portion(info)
    return Food(
        id=f"off:{code}",
        name=name,
        source=FoodSource.OFF,
        per_100g=values,
        name_nl=name_nl,
        portions=((portion,) if portion else ()) + volume_portions(info),
        barcode=code,
        brand=brand,
        tags=product_tags(info),
    )


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
        except _SkipError as skipped:
            detail = _text(info.get("code"))
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
