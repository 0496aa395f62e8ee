"""Food groups (``data/groups.csv``): USDA group codes, slugs and names in English and Dutch."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from ..frozen import frozen


@frozen
class FoodGroup:
    code: str
    slug: str
    name_en: str
    name_nl: str
    source: str

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en


@cache
def food_groups() -> tuple[FoodGroup, ...]:
    text = resources.files(__package__).joinpath("data/groups.csv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(FoodGroup(**row) for row in csv.DictReader(lines))


def group_slug(code: str) -> str | None:
    """The slug of a USDA FdGrp_Cd ("1200" -> "nuts_seeds"), None for an unknown code."""
    return {group.code: group.slug for group in food_groups()}.get(code)


def group(slug: str) -> FoodGroup | None:
    return next((g for g in food_groups() if g.slug == slug), None)
