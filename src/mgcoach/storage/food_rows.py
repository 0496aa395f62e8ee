"""The ``food`` table's row of a Food, and the Food of a row: no SQLAlchemy, so that the search
on the sqlite3 driver (storage.food_search_sqlite) reads rows as storage.foods does."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..foods.model import Food, FoodSource, Portion
from ..foods.nutrients import nutrient_keys
from ..foods.search_text import index_text


def food_row(item: Food) -> dict[str, object]:
    """The ``food`` table row of a Food, with its stemmed search fields."""
    # The brand is searched like a synonym: "foods search alpro" finds Alpro's products.
    synonyms = [*item.synonyms, *item.synonyms_nl, *([item.brand] if item.brand else [])]
    return {
        "id": item.id,
        "source": item.source.value,
        "name": item.name,
        "name_nl": item.name_nl,
        "synonyms": ";".join(item.synonyms),
        "synonyms_nl": ";".join(item.synonyms_nl),
        "usda_ndb": item.usda_ndb,
        "fdc_id": item.fdc_id,
        "barcode": item.barcode,
        "brand": item.brand,
        "food_group": item.group,
        "tags": ";" + ";".join(sorted(item.tags)) + ";" if item.tags else "",
        "serving": item.serving,
        # Only an owned food names its owner: a shared row writes as it did before revision 0008.
        **({"owner": item.owner} if item.owner is not None else {}),
        "search_name": index_text([item.name]),
        "search_nl": index_text([item.name_nl or ""]),
        "search_syn": " | ".join(index_text([s]) for s in synonyms),
        **{key: item.per_100g.get(key) for key in nutrient_keys()},
    }


def food_from_row(mapping: Mapping[str, Any], portions: Sequence[Portion] = ()) -> Food:
    """The Food of a ``food`` table row, read by column name (any others are left alone)."""
    return Food(
        id=mapping["id"],
        name=mapping["name"],
        source=FoodSource(mapping["source"]),
        per_100g={key: mapping[key] for key in nutrient_keys()},
        name_nl=mapping["name_nl"],
        synonyms=tuple(s for s in mapping["synonyms"].split(";") if s),
        synonyms_nl=tuple(s for s in mapping["synonyms_nl"].split(";") if s),
        portions=tuple(portions),
        usda_ndb=mapping["usda_ndb"],
        fdc_id=mapping["fdc_id"],
        barcode=mapping["barcode"],
        brand=mapping["brand"],
        group=mapping["food_group"],
        tags=frozenset(t for t in mapping["tags"].split(";") if t),
        serving=mapping["serving"],
        owner=mapping.get("owner"),
    )
