"""Finding the food a user means: an id (``usda:12061``, ``user:3``, ``nl:hutspot``), a barcode,
or a query.

Among the foods the reader may see (``visible_to``: an account's id, or None for the shared
foods alone; storage.foods): another account's food is unknown, by id as by name.

A barcode is found on a sqlite3 connection too (services.food_search): storage.foods, which
reads an id, is loaded only for one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import UnknownFoodError
from ..foods.barcode import BadBarcodeError, canonical, looks_like_barcode, spellings
from ..foods.model import Food
from ..i18n import N_
from ..storage.food_search import SearchResult, find_barcode, search

if TYPE_CHECKING:
    import sqlite3

    from ..storage.database import Connection

_ID = re.compile(r"^(usda|fdc|off|user|recipe|nl):\S+$", re.IGNORECASE)
_BARCODE = re.compile(r"^\d{8,14}$")


def by_id(connection: Connection, text: str, visible_to: int | None = None) -> Food | None:
    """The food an id names; ``usda:NNNNN`` also finds an imported food by its NDB number."""
    wanted = text.strip()
    if _BARCODE.match(wanted) or looks_like_barcode(wanted):
        return by_barcode(connection, wanted, visible_to)
    if not _ID.match(wanted):
        return None
    from ..storage.foods import find_by_column, get_foods

    prefix, _, rest = wanted.partition(":")
    prefix = prefix.lower()
    if prefix == "usda" and rest.isdigit() and len(rest) < 5:
        rest = rest.zfill(5)
    found = get_foods(connection, [f"{prefix}:{rest}"], visible_to)
    if found:
        return found[0]
    if prefix == "usda":
        return find_by_column(connection, "usda_ndb", rest, visible_to)
    return None


def by_barcode(
    connection: Connection | sqlite3.Connection, text: str, visible_to: int | None = None
) -> Food | None:
    """The food with this barcode as typed, or in another spelling of it (a UPC-A as its
    EAN-13, spaces and dashes left out); a store's own code, check digit or not, as typed."""
    wanted = text.strip()
    try:
        codes = spellings(canonical(wanted))
    except BadBarcodeError:
        codes = []
    for code in dict.fromkeys([wanted, *codes]):
        found = find_barcode(connection, code, visible_to)
        if found is not None:
            return found
    return None


def resolve(
    connection: Connection, text: str, *, visible_to: int | None = None
) -> tuple[Food, SearchResult | None]:
    """The food ``text`` names, and the search that found it (None for an id).

    Nothing found: UnknownFoodError, with the closest names when a search found some.
    """
    if not text.strip():
        raise UnknownFoodError(N_("Name a food, e.g. almonds or usda:12061."), field="food")
    found = by_id(connection, text, visible_to)
    if found is not None:
        return found, None
    if _ID.match(text.strip()) or _BARCODE.match(text.strip()) or looks_like_barcode(text):
        raise UnknownFoodError(N_("No food has the id {id}."), field="food", id=text.strip())
    result = search(connection, text, limit=5, visible_to=visible_to)
    if not result.foods:
        raise UnknownFoodError(
            N_("No food matches {query}. Try fewer or other words, in English or Dutch."),
            field="food",
            query=text,
        )
    return result.foods[0], result
