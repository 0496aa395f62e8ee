"""Looking a product up by its barcode: here first, then (opt-in) at Open Food Facts.

The barcode is checked first (foods.barcode: its length and check digit). Then the food table
(imported, curated or the person's own foods, as ``visible_to`` may see them), then the products
fetched from OFF before (storage.off_cache). Only when the person opted in (``online``, or the
setting ``MGCOACH_ONLINE=1``) is OFF asked, once; its answer is kept, so the next look-up is
local, and a food among them is written to the food table (shared, source ``off``), where
search and the journal find it. A supplement is not: it is logged as a supplement
(services/supplement_barcode.py), never as a food.

OFF's own verdicts count: a product it marks with data-quality errors, or whose values cannot
be read, has its values unknown (never zero); its flags and our reasons come with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..foods.barcode import ProductNotFoundError, canonical, spellings
from ..foods.importers.off_online import OffClient
from ..foods.importers.off_product import SkipError, looked_up_food
from ..foods.importers.off_supplement import supplement_facts
from ..foods.importers.off_tags import tag_list
from ..foods.importers.report import SkipReason
from ..foods.model import Food, FoodSource
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..settings import Settings
from ..storage.database import Connection, Database
from ..storage.foods import find_by_column, write_foods
from ..storage.off_cache import cached_product, keep_product
from .supplement_label import SupplementLabel, supplement_label


@dataclass(frozen=True, slots=True)
class ProductLookup:
    """A product found by its barcode, and where it was found: ``local`` (the food table),
    ``cache`` (fetched from OFF before) or ``online`` (fetched now)."""

    food: Food
    origin: str
    fetched_at: datetime | None = None
    quality_errors: tuple[str, ...] = ()  # OFF's data_quality_errors_tags
    quality_warnings: tuple[str, ...] = ()  # OFF's data_quality_warnings_tags
    problems: tuple[SkipReason, ...] = ()  # why values are unknown
    supplement: SupplementLabel | None = None

    @property
    def kind(self) -> str:
        return "food" if self.supplement is None else "supplement"


def _local(connection: Connection, codes: list[str], visible_to: int | None) -> Food | None:
    for code in codes:
        found = find_by_column(connection, "barcode", code, visible_to)
        if found is not None:
            return found
    return None


def _reading(
    kb: KnowledgeBase, product: dict[str, Any], origin: str, fetched_at: datetime
) -> ProductLookup:
    """OFF's product as our lookup result (the one mapping the bulk import uses, off_product)."""
    nutriments = product.get("nutriments")
    nutriments = nutriments if isinstance(nutriments, dict) else {}
    try:
        food, problems = looked_up_food(product, nutriments)
    except SkipError:  # no name, or a code that is not one: nothing to show
        raise _no_product(str(product.get("code", "")), online=True) from None
    facts = supplement_facts(product, nutriments)
    return ProductLookup(
        food=food,
        origin=origin,
        fetched_at=fetched_at,
        quality_errors=tuple(tag_list(product.get("data_quality_errors_tags"))),
        quality_warnings=tuple(tag_list(product.get("data_quality_warnings_tags"))),
        problems=tuple(problems),
        supplement=supplement_label(kb, food, facts) if facts is not None else None,
    )


def _no_product(code: str, *, online: bool) -> ProductNotFoundError:
    if online:
        return ProductNotFoundError(
            N_("Open Food Facts has no product with the barcode {code}."),
            field="barcode",
            code=code,
        )
    return ProductNotFoundError(
        N_(
            "No product here has the barcode {code}. Looking it up on Open Food Facts is off: "
            "turn online look-up on to search there."
        ),
        field="online",
        code=code,
    )


def lookup_barcode(
    db: Database,
    kb: KnowledgeBase,
    text: str,
    *,
    online: bool | None = None,
    visible_to: int | None = None,
    settings: Settings | None = None,
) -> ProductLookup:
    """The product with the barcode ``text``: BadBarcodeError, ProductNotFoundError (with a
    hint when online look-up is off) or OfflineError when there is none to give."""
    code = canonical(text)
    codes = spellings(code)
    with db.connect() as connection:
        local = _local(connection, codes, visible_to)
        kept = None
        if local is None or local.source is FoodSource.OFF:
            kept = cached_product(connection, codes)
    if kept is not None:
        return _reading(kb, kept.product, "cache", kept.fetched_at)
    if local is not None:
        return ProductLookup(food=local, origin="local")
    settings = settings or Settings.from_env()
    if not (settings.online if online is None else online):
        raise _no_product(code, online=False)
    product = OffClient(settings.off_url, settings.off_timeout_s).product(code)
    found = _reading(kb, product, "online", datetime.now(UTC))
    with db.begin() as connection:
        keep_product(connection, code, product, found.fetched_at)
        if found.supplement is None:
            write_foods(connection, [found.food])
    return found
