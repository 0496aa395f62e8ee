"""The queries behind the everyday foods and the top-foods ranking (services.foods keeps the
copy and the ranking; the SQL is here).

The everyday foods are the curated ones, the user's own and recipes: about 900 rows.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import Connection, select

from ..foods.model import FoodSource
from .foods import visible
from .seed_stamps import CURATED_SEED_KEY as CURATED_SEED_KEY  # storage.curated_seed's meta row
from .tables import food

EVERYDAY_SOURCES = (FoodSource.CURATED.value, FoodSource.USER.value, FoodSource.RECIPE.value)
Ranking = Literal["value", "per_kcal", "with_serving"]


def everyday_ids(connection: Connection) -> list[str]:
    """The everyday foods' ids, by source, then as written."""
    statement = (
        select(food.c.id)
        .where(food.c.source.in_(EVERYDAY_SOURCES))
        .order_by(food.c.source, food.c.pk)
    )
    return list(connection.execute(statement).scalars())


def top_food_ids(
    connection: Connection,
    nutrient_key: str,
    ranking: Ranking,
    limit: int,
    min_kcal: float,
    *,
    visible_to: int | None = None,
) -> list[str]:
    """Among every food, imported ones too, the ids of those with a value for the nutrient:
    ``value`` best first per 100 g, ``per_kcal`` best first per kcal (foods of at least
    ``min_kcal`` per 100 g), both cut at ``limit`` and equal values by name; ``with_serving``
    every food with a usual serving, unordered and uncut (the caller ranks per portion)."""
    column = food.c[nutrient_key]
    # Among the foods the reader may see (storage.foods): the shared ones and its own.
    statement = select(food.c.id).where(column.is_not(None), visible(connection, visible_to))
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
