"""A recipe's ingredient lines: which food, how much of it, in which order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, insert, select

from .tables import recipe_ingredient


def add_lines(connection: Connection, lines: Sequence[Mapping[str, object]]) -> None:
    """Write ingredient lines (``recipe_id``, ``seq``, ``food_id``, ``amount_text``,
    ``grams``)."""
    if lines:
        connection.execute(insert(recipe_ingredient), [dict(line) for line in lines])


def add_line(connection: Connection, line: Mapping[str, object]) -> None:
    """Write one ingredient line, every key of ``line`` a column."""
    connection.execute(insert(recipe_ingredient).values(dict(line)))


def has_line(connection: Connection, recipe_id: str, seq: int) -> bool:
    found = connection.execute(
        select(recipe_ingredient.c.seq).where(
            recipe_ingredient.c.recipe_id == recipe_id, recipe_ingredient.c.seq == seq
        )
    ).first()
    return found is not None


def all_lines(connection: Connection) -> list[dict[str, object]]:
    """Every ingredient line of every recipe, by recipe and order."""
    statement = select(recipe_ingredient).order_by(
        recipe_ingredient.c.recipe_id, recipe_ingredient.c.seq
    )
    return [dict(row._mapping) for row in connection.execute(statement)]


def lines_of(connection: Connection, recipe_id: str) -> list[dict[str, object]]:
    """One recipe's ingredient lines, in order."""
    statement = (
        select(recipe_ingredient)
        .where(recipe_ingredient.c.recipe_id == recipe_id)
        .order_by(recipe_ingredient.c.seq)
    )
    return [dict(row._mapping) for row in connection.execute(statement)]
