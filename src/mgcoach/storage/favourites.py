"""A profile's favourite foods (``favourite``): the food's id with the amount and meal it is
logged with. Written inside ``for_profiles``, so only that profile's cached days are renewed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, select, update

from .generation import for_profiles
from .journal_tables import favourite

LIMIT = 40  # favourites per profile: a list to tap from, not a second food table


@dataclass(frozen=True, slots=True)
class StoredFavourite:
    food_id: str
    amount_text: str
    meal: str | None


def favourites(connection: Connection, profile_id: int) -> list[StoredFavourite]:
    """The profile's favourites, the first saved first."""
    rows = connection.execute(
        select(favourite.c.food_id, favourite.c.amount_text, favourite.c.meal)
        .where(favourite.c.profile_id == profile_id)
        .order_by(favourite.c.created_at, favourite.c.id)
    )
    return [StoredFavourite(row.food_id, row.amount_text, row.meal) for row in rows]


def save(connection: Connection, profile_id: int, item: StoredFavourite) -> bool:
    """Save ``item`` (a food already a favourite gets the new amount and meal); True when the
    food was not a favourite before."""
    values = {"amount_text": item.amount_text, "meal": item.meal}
    where = (favourite.c.profile_id == profile_id, favourite.c.food_id == item.food_id)
    with for_profiles(connection, [profile_id]):
        changed = connection.execute(update(favourite).where(*where).values(**values)).rowcount
        if changed:
            return False
        connection.execute(
            favourite.insert().values(
                profile_id=profile_id,
                food_id=item.food_id,
                created_at=datetime.now().astimezone(),
                **values,
            )
        )
    return True


def remove(connection: Connection, profile_id: int, food_id: str) -> bool:
    """Forget one favourite; False when the food was not one."""
    where = (favourite.c.profile_id == profile_id, favourite.c.food_id == food_id)
    with for_profiles(connection, [profile_id]):
        return bool(connection.execute(delete(favourite).where(*where)).rowcount)
