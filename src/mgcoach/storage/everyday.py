"""The queries behind the everyday foods and the top-foods ranking (services.foods keeps the
copy and the ranking; the SQL is here).

The everyday foods are the curated ones, the user's own and recipes: about 900 rows.
"""

from __future__ import annotations

import operator
from functools import cache, reduce
from typing import Any, Literal

from sqlalchemy import Connection, func, select

from ..foods.model import FoodSource
from .tables import food, meta

EVERYDAY_SOURCES = (FoodSource.CURATED.value, FoodSource.USER.value, FoodSource.RECIPE.value)
# The meta row storage.curated_seed writes when it (re)writes the curated foods in place.
CURATED_SEED_KEY = "curated_foods_hash"
# The values a change of which the version must see (what the pages rank by).
_VERSION_VALUES = (
    "magnesium_mg",
    "energy_kcal",
    "sodium_mg",
    "potassium_mg",
    "calcium_mg",
    "zinc_mg",
)

Ranking = Literal["value", "per_kcal", "with_serving"]


def everyday_version(connection: Connection) -> tuple[Any, ...]:
    """What changes when an everyday food is added, removed or rewritten, in one small query.

    A new food gets a new row (the count and the highest row number change); a removed one
    lowers the count; the curated seed, the only writer that rewrites everyday rows in place,
    changes its hash in ``meta``. The sums over names, servings, tags and the ranked values
    (weighted by row number) catch a food removed and another written under its row number.
    Portions are written only together with their food's row, so the row covers them.
    """
    return tuple(connection.execute(_version_statement()).one())


@cache
def _version_statement() -> Any:
    table = food.c
    texts = func.length(table.name) + func.length(table.tags) * 7
    texts += func.coalesce(func.length(table.serving), -1) * 13
    texts += func.coalesce(func.length(table.name_nl), -1) * 17
    values = reduce(
        operator.add,
        (func.coalesce(table[key], -1.0) * (n + 1) for n, key in enumerate(_VERSION_VALUES)),
    )
    seed = select(meta.c.value).where(meta.c.key == CURATED_SEED_KEY).scalar_subquery()
    return select(
        func.count(),
        func.max(table.pk),
        func.sum(table.pk),
        func.sum(texts * table.pk),
        func.sum(values),
        seed,
    ).where(table.source.in_(EVERYDAY_SOURCES))


def everyday_ids(connection: Connection) -> list[str]:
    """The everyday foods' ids, by source, then as written."""
    statement = (
        select(food.c.id)
        .where(food.c.source.in_(EVERYDAY_SOURCES))
        .order_by(food.c.source, food.c.pk)
    )
    return list(connection.execute(statement).scalars())


def top_food_ids(
    connection: Connection, nutrient_key: str, ranking: Ranking, limit: int, min_kcal: float
) -> list[str]:
    """Among every food, imported ones too, the ids of those with a value for the nutrient:
    ``value`` best first per 100 g, ``per_kcal`` best first per kcal (foods of at least
    ``min_kcal`` per 100 g), both cut at ``limit`` and equal values by name; ``with_serving``
    every food with a usual serving, unordered and uncut (the caller ranks per portion)."""
    column = food.c[nutrient_key]
    statement = select(food.c.id).where(column.is_not(None))
    if ranking == "value":
        statement = statement.order_by(column.desc(), food.c.name).limit(limit)
    elif ranking == "per_kcal":
        energy = food.c.energy_kcal
        statement = (
            statement.where(energy >= min_kcal)
            .order_by((column / energy).desc(), food.c.name)
            .limit(limit)
        )
    else:
        statement = statement.where(food.c.serving.is_not(None))
    return list(connection.execute(statement).scalars())


def is_food_column(key: str) -> bool:
    """Whether the food table has a column ``key`` (every nutrient key is one)."""
    return key in food.c
