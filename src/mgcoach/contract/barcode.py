"""``mgcoach foods lookup BARCODE --json`` and ``GET /api/v1/foods/lookup/{barcode}``: the
product with a barcode, as ``foods show --json`` gives a food, plus where it was found, OFF's
data-quality flags and, for a supplement, its magnesium per unit as printed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import TypedDict

from ..foods.importers.report import REASON_MESSAGES
from ..i18n import translate
from .common import documented, number
from .foods import FoodDetailJson, food_json

if TYPE_CHECKING:  # the result's type only: importing services here would load the database
    from ..services.food_barcode import ProductLookup


@documented
class QualityWarningJson(TypedDict):
    """Why some of a product's values are unknown."""

    code: str
    """data_quality_error, no_nutrients, impossible_value, water_magnesium_per_litre, ..."""
    message: str
    """The reason, in the reader's language."""


@documented
class DataQualityJson(TypedDict):
    """What Open Food Facts itself flags about the product, and what we made of it."""

    errors: list[str]
    """OFF's data-quality errors (its data_quality_errors_tags): its values are not used."""
    warnings: list[str]
    """OFF's data-quality warnings (its data_quality_warnings_tags)."""
    unknown_because: list[QualityWarningJson]
    """Why values are unknown (never read as zero)."""


@documented
class SupplementLabelJson(TypedDict):
    """A supplement: one unit's magnesium as its label prints it."""

    magnesium_mg_per_unit: float | None
    """Magnesium in one unit as printed; null when the label gives none."""
    unit: str
    """capsule, tablet, sachet, scoop, ampoule or serving."""
    units_per_serving: float
    """How many units the label's serving is."""
    compound: str | None
    """The compound the product's name names (a knowledge-base slug), if any."""
    basis: str
    """elemental when the label words the number as the magnesium itself; else unknown (the
    supplement log asks)."""
    label: str | None
    """The label line of one unit, as the supplement log reads it."""


@documented
class ProductLookupJson(FoodDetailJson):
    """``mgcoach foods lookup --json``: the product with a barcode."""

    kind: str
    """food, or supplement (logged as a supplement, never as a food)."""
    origin: str
    """local (the food table), cache (fetched from Open Food Facts before) or online (now)."""
    fetched_at: str | None
    """When it was fetched from Open Food Facts (ISO 8601, UTC); null for a local food."""
    data_quality: DataQualityJson
    """Open Food Facts' flags, and why values are unknown."""
    supplement: SupplementLabelJson | None
    """For a supplement: its magnesium per unit; null for a food."""


def lookup_json(found: ProductLookup) -> ProductLookupJson:
    label = found.supplement
    supplement: SupplementLabelJson | None = None
    if label is not None:
        supplement = {
            "magnesium_mg_per_unit": number(label.magnesium_mg, 3),
            "unit": label.unit,
            "units_per_serving": number(label.units_per_serving, 3),
            "compound": label.compound,
            "basis": label.basis,
            "label": label.line(),
        }
    return {
        **food_json(found.food, portions=True),
        "kind": found.kind,
        "origin": found.origin,
        "fetched_at": found.fetched_at.isoformat() if found.fetched_at else None,
        "data_quality": {
            "errors": list(found.quality_errors),
            "warnings": list(found.quality_warnings),
            "unknown_because": [
                {"code": r.value, "message": translate(REASON_MESSAGES[r])} for r in found.problems
            ],
        },
        "supplement": supplement,
    }
