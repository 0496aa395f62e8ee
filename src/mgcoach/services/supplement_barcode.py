"""Logging a supplement from its barcode: the product looked up (services/food_barcode.py), its
label line built from the magnesium per unit (services/supplement_label.py), and the entry made
as every supplement entry is (journal_kinds.supplement_entry), the safety rules included.

A number the label does not word as the magnesium itself is asked about: with a compound named,
AmbiguousDoseError gives both readings; without one (no compound to convert from) the person
says it is the magnesium itself, or logs the label line. A food is never logged here, nor a
supplement as a food.
"""

from __future__ import annotations

from dataclasses import replace

from ..engine.elemental import check_basis
from ..errors import InputError
from ..i18n import N_
from ..journal.model import Entry, SupplementEntry
from ..knowledge import KnowledgeBase
from ..settings import Settings
from ..storage.database import Database
from .food_barcode import ProductLookup, lookup_barcode
from .journal_kinds import supplement_entry
from .journal_log import When, write_entries

MAX_UNITS = 20.0
MAX_NAME = 120


def product_name(found: ProductLookup) -> str:
    """The product as the journal names it: its brand, then its name."""
    name, brand = found.food.name, found.food.brand
    if brand and brand.lower() not in name.lower():
        name = f"{brand} {name}"
    return name[:MAX_NAME].strip()


def barcode_supplement(
    kb: KnowledgeBase, when: When, found: ProductLookup, *, units: float, basis: str | None
) -> SupplementEntry:
    """The supplement entry of ``units`` units of a product looked up by barcode."""
    name = product_name(found)
    label = found.supplement
    if label is None:
        raise InputError(
            N_("{name} is a food, not a supplement: log it as a food."), field="barcode", name=name
        )
    if not 0 < units <= MAX_UNITS:
        raise InputError(
            N_("Give how many units were taken: more than 0, at most {max}."),
            field="units",
            max=MAX_UNITS,
        )
    line = label.line(units)
    if line is None:
        raise InputError(
            N_("The label of {name} gives no magnesium: log its label line instead."),
            field="barcode",
            name=name,
        )
    chosen = check_basis(basis)
    if label.compound is None and label.basis != "elemental":
        if chosen is None:
            raise InputError(
                N_(
                    "{name} gives {mg} mg magnesium per {unit} but names no compound: say "
                    "whether that is the magnesium itself (elemental), or log its label line."
                ),
                field="basis",
                name=name,
                mg=f"{label.magnesium_mg:g}",
                unit=label.unit,
            )
        if chosen == "compound":
            raise InputError(
                N_(
                    "{name} names no compound, so its number cannot be read as the whole "
                    "tablet: log its label line instead."
                ),
                field="basis",
                name=name,
            )
    entry = supplement_entry(kb, when.day, None, None, line, basis=chosen)
    return replace(entry, name=name)


def log_supplement_barcode(
    db: Database,
    kb: KnowledgeBase,
    when: When,
    barcode: str,
    *,
    units: float = 1.0,
    basis: str | None = None,
    online: bool | None = None,
    visible_to: int | None = None,
    settings: Settings | None = None,
) -> Entry:
    """Log ``units`` units of the supplement with this barcode (looked up as ``foods lookup``
    does: here first, online only when opted in)."""
    found = lookup_barcode(db, kb, barcode, online=online, visible_to=visible_to, settings=settings)
    new = barcode_supplement(kb, when, found, units=units, basis=basis)
    return write_entries(db, when, [new])[0]
