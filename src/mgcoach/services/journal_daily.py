"""The daily logging loop, as a long-time tracker user expects it: the foods logged lately and
most often (each with its last amount, ready to log again), a quick add of a number of mg and
kcal under a label, a meal or a whole day copied to another day, and an entry deleted a moment
ago put back. The Log page, the API and the CLI call these; storage is reached through
``services.journal_log``'s single writer, so every copy is held to the same bounds."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..errors import InputError
from ..i18n import N_
from ..journal import bounds
from ..journal.model import Entry, FoodEntry, SupplementEntry
from ..storage.journal_recent import LoggedFood, logged_foods
from .database import Database
from .journal import profile_id, require_profile
from .journal_log import When, write_entries
from .meals import MEALS as MEALS
from .meals import meal_of

RECENT_DAYS = 60  # how far back "recent" and "frequent" look
RECENT_LIMIT = 8
QUICK = "quick"  # the item_kind of a quick add: a label with the amounts typed in


# A food logged lately, with what it was logged with the last time (times: how often in the
# last RECENT_DAYS days), as the database ranks it.
RecentFood = LoggedFood


@dataclass(frozen=True, slots=True)
class RecentFoods:
    recent: list[RecentFood]  # last logged first
    frequent: list[RecentFood]  # most often first (ties: the later one first)


def recent_foods(
    db: Database, profile: str, day: date, owner: str, *, limit: int = RECENT_LIMIT
) -> RecentFoods:
    """The foods of ``profile``'s journal in the RECENT_DAYS days up to ``day``: the last
    logged and the most often logged, each once, with its latest amount and meal. Counted and
    ranked by the database (storage/journal_recent.py): a few rows, however long the journal."""
    with db.connect() as connection:
        found = profile_id(connection, profile, owner)
        start = day - timedelta(days=RECENT_DAYS)
        recent, often = logged_foods(connection, found, start, day, limit)
    return RecentFoods(recent=recent, frequent=[item for item in often if item.times > 1])


def quick_add(
    db: Database,
    when: When,
    label: str,
    magnesium_mg: float | None,
    energy_kcal: float | None,
    meal: str | None = None,
) -> Entry:
    """A food entry of a label and the amounts typed in (at least one of them), as trackers
    call a quick add: for a restaurant meal, or a product whose label gives the numbers."""
    label = bounds.clean_text(label, "name", "label")
    if not label.strip():
        raise InputError(N_("Give the quick add a name, e.g. 'lunch out'."), field="label")
    if magnesium_mg is None and energy_kcal is None:
        raise InputError(
            N_("Give the magnesium (mg) or the energy (kcal), or both."), field="magnesium_mg"
        )
    nutrients = {"magnesium_mg": magnesium_mg, "energy_kcal": energy_kcal}
    for key, value in nutrients.items():
        if value is not None:
            bounds.check_number(value, key)
    entry = FoodEntry(
        day=when.day,
        name=label.strip(),
        amount_text=QUICK,
        item_kind=QUICK,
        meal=meal_of(meal),
        nutrients=nutrients,
    )
    return write_entries(db, when, [entry])[0]


def copy_entries(
    db: Database, profile: str, source: date, when: When, meal: str | None = None
) -> list[Entry]:
    """Copy ``source``'s foods and supplements to ``when.day`` (only the foods of ``meal`` when
    one is given), with their times and meals; all or nothing. Imported day or meal totals
    and entries listed only for the record are not copied."""
    with db.connect() as connection:
        person = require_profile(connection, profile, when.owner)
        assert person.id is not None
        from ..storage import journal as store

        found = store.entries(connection, person.id, source, source, kinds=["food", "supplement"])
    wanted = meal_of(meal)
    copies: list[Entry] = []
    for entry in found:
        if isinstance(entry, FoodEntry):
            if not entry.counted or entry.item_kind not in ("food", QUICK):
                continue
            if wanted is not None and entry.meal != wanted:
                continue
        elif not isinstance(entry, SupplementEntry) or wanted is not None:
            continue
        copies.append(replace(entry, id=0, uid="", created_at=None, updated_at=None, note=None))
    if not copies:
        raise InputError(
            N_("Nothing to copy: {day} has no foods or supplements{meal}."),
            field="source",
            day=source.isoformat(),
            meal="" if wanted is None else f" ({wanted})",
        )
    return write_entries(db, when, copies, keep_times=True)


def restore_entry(db: Database, when: When, entry: Entry) -> Entry:
    """Put back ``entry`` as it was before it was deleted (a new id; its uid, stamps and
    values as they were), held to the bounds like any new entry."""
    back = replace(when, day=entry.day, origin=entry.origin)
    return write_entries(db, back, [replace(entry, id=0)], keep_times=True)[0]
