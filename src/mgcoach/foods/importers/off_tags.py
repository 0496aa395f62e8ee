"""The Mg Coach tags of an Open Food Facts product: its labels and declared allergens mapped
through ``data/off_tags.csv`` (checked at first use), and OFF's tag lists as read from JSON or
the CSV export."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import cache
from importlib import resources

from ...errors import KnowledgeError
from ..tags import food_tags

# The OFF fields off_tags.csv may name; allergens_tags is "allergens" in the CSV export.
_TAG_FIELDS = {"labels_tags": "labels_tags", "allergens_tags": "allergens"}


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


def tag_list(value: object) -> list[str]:
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
        for tag in tag_list(value):
            found |= mapping.get(tag, frozenset())
    return frozenset(found)
