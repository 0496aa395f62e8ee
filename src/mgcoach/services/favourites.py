"""Favourite foods: a food saved with the amount and meal it is usually logged with, so the
Log page, the API and the CLI log it again in one step. A favourite keeps the food's id and the
amount as typed; its grams and magnesium are worked out from the food table when listed, so a
food whose values were corrected shows the new ones (the journal's entries keep their own).

Each profile has its own list; in multi-user mode only its account's own foods and the shared
ones can be saved (as for logging)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import InputError, MgCoachError
from ..foods.model import Food
from ..foods.nutrition import amounts
from ..foods.portions import portion_grams
from ..i18n import N_
from ..storage import favourites as store
from ..storage import journal as journal_store
from ..storage.database import Connection, Database
from ..storage.foods import get_foods
from ..storage.journal import LOCAL_USER
from . import food_lookup
from .journal import profile_id
from .journal_kinds import food_entry
from .meals import meal_of


class UnknownFavouriteError(InputError, LookupError):
    code = "unknown_favourite"
    http_status = 404


@dataclass(frozen=True, slots=True)
class Favourite:
    """A favourite food with what its amount holds now (None: the food or its portion is gone
    from the food table; it can still be removed)."""

    food_id: str
    name: str
    name_nl: str | None
    amount_text: str
    grams: float | None
    magnesium_mg: float | None
    meal: str | None


def _profile_and_reader(connection: Connection, profile: str, owner: str) -> tuple[int, int | None]:
    """The profile's id (one indexed query; the full profile read only to say it is missing)
    and the account whose own foods it may name."""
    found = profile_id(connection, profile, owner)
    return found, journal_store.user_id(connection, owner, create=False)


def _shown(item: store.StoredFavourite, found: Food | None) -> Favourite:
    """The favourite with what its amount holds in ``found`` (its food as it is now)."""
    grams: float | None = None
    magnesium: float | None = None
    if found is not None:
        try:
            grams = portion_grams(found, item.amount_text).grams
        except MgCoachError:
            grams = None
        if grams is not None:
            magnesium = amounts(found, grams).get("magnesium_mg")
    return Favourite(
        food_id=item.food_id,
        name=item.food_id if found is None else found.name,
        name_nl=None if found is None else found.name_nl,
        amount_text=item.amount_text,
        grams=grams,
        magnesium_mg=magnesium,
        meal=item.meal,
    )


def _listed(connection: Connection, profile_id: int, reader: int | None) -> list[Favourite]:
    saved = store.favourites(connection, profile_id)
    foods = {f.id: f for f in get_foods(connection, [i.food_id for i in saved], reader)}
    return [_shown(item, foods.get(item.food_id)) for item in saved]


def favourite_foods(db: Database, profile: str, owner: str = LOCAL_USER) -> list[Favourite]:
    """The profile's favourites, the first saved first, with their grams and magnesium (the
    foods read in one query)."""
    with db.connect() as connection:
        profile_id, reader = _profile_and_reader(connection, profile, owner)
        return _listed(connection, profile_id, reader)


def add_favourite(
    db: Database, profile: str, owner: str, food: str, amount: str, meal: str | None = None
) -> Favourite:
    """Save ``food`` (a name, an id or a barcode) with ``amount`` and ``meal`` as a favourite;
    a food already saved gets the new amount and meal. The food and the amount are checked as
    logging checks them, so a favourite always logs."""
    with db.begin() as connection:
        profile_id, reader = _profile_and_reader(connection, profile, owner)
        found = food_entry(connection, date.today(), food, amount, False, visible_to=reader)
        assert found.food_id is not None
        item = store.StoredFavourite(found.food_id, found.amount_text, meal_of(meal))
        saved = {stored.food_id for stored in store.favourites(connection, profile_id)}
        if found.food_id not in saved and len(saved) >= store.LIMIT:
            raise InputError(
                N_("You have {count} favourites already: remove one before adding another."),
                field="food",
                count=len(saved),
            )
        store.save(connection, profile_id, item)
        (shown,) = [f for f in _listed(connection, profile_id, reader) if f.food_id == item.food_id]
        return shown


def remove_favourite(db: Database, profile: str, owner: str, food: str) -> None:
    """Forget the favourite of ``food`` (its id as listed, or a name that finds it)."""
    with db.begin() as connection:
        profile_id, reader = _profile_and_reader(connection, profile, owner)
        text = food.strip()
        if store.remove(connection, profile_id, text):
            return
        saved = {item.food_id for item in store.favourites(connection, profile_id)}
        try:
            found: Food | None = food_lookup.resolve(connection, text, visible_to=reader)[0]
        except MgCoachError:
            found = None
        if found is None or found.id not in saved:
            raise UnknownFavouriteError(
                N_("{food} is not one of your favourites."), field="food", food=text
            )
        store.remove(connection, profile_id, found.id)
