"""Products fetched from Open Food Facts, kept so the next look-up of a barcode needs no network.

One ``meta`` row per product (``off_product:<code>``): the fields we asked OFF for, as JSON, and
when they were fetched. A food among them is written to the food table too (services/
food_barcode.py), where search and the journal find it; the row keeps what a food row has no
column for: OFF's data-quality flags, a supplement's label, and the time of the fetch. No
schema change was needed for it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from .tables import meta

_PREFIX = "off_product:"


@dataclass(frozen=True, slots=True)
class CachedProduct:
    product: dict[str, Any]
    fetched_at: datetime


def _key(code: str) -> str:
    return f"{_PREFIX}{code}"


def cached_product(connection: Connection, codes: list[str]) -> CachedProduct | None:
    """The first of these barcodes' kept product, None when none was fetched (or the row is
    unreadable: it is fetched again)."""
    rows = connection.execute(
        select(meta.c.key, meta.c.value).where(meta.c.key.in_([_key(c) for c in codes]))
    ).all()
    by_key = {row.key: row.value for row in rows}
    for code in codes:
        value = by_key.get(_key(code))
        if value is None:
            continue
        try:
            data = json.loads(value)
            return CachedProduct(dict(data["product"]), datetime.fromisoformat(data["fetched_at"]))
        except (ValueError, KeyError, TypeError):
            return None
    return None


def keep_product(
    connection: Connection, code: str, product: Mapping[str, Any], when: datetime | None = None
) -> datetime:
    """Keep (or replace) a product fetched now; returns the time it is kept with."""
    when = when or datetime.now(UTC)
    value = json.dumps({"fetched_at": when.isoformat(), "product": product}, ensure_ascii=False)
    key = _key(code)
    exists = connection.execute(select(meta.c.key).where(meta.c.key == key)).first()
    if exists is None:
        connection.execute(meta.insert().values(key=key, value=value))
    else:
        connection.execute(meta.update().where(meta.c.key == key).values(value=value))
    return when
