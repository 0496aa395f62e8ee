"""`edit`: change a logged entry in one transaction. Each kind knows what it can change
(``EDITABLE``); the new values go through the checks a new entry does (journal_kinds.py), and
a change the entry's kind does not have is refused whole, naming what it can change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from ..engine import elemental as elemental_engine
from ..errors import InputError
from ..foods.model import Food, FoodSource
from ..foods.portions import portion_grams
from ..i18n import N_, Msgid
from ..journal import bounds
from ..journal.model import (
    Entry,
    FoodEntry,
    LabEntry,
    MedicationEntry,
    NoteEntry,
    SleepEntry,
    SupplementEntry,
    SymptomEntry,
    TrainingEntry,
    WeightEntry,
)
from ..knowledge import KnowledgeBase
from ..storage import journal as store
from ..storage.database import Connection, Database
from .journal import require_profile
from .journal_kinds import (
    UnknownEntryError,
    check_elemental,
    checked_sleep,
    checked_symptom,
    checked_training,
    checked_weight,
    clean_note,
    entry_basis,
    food_entry,
    lab_entry,
    supplement_entry,
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class EntryChanges:
    """What `edit` was given; None keeps the stored value."""

    day: date | None = None
    time: int | None = None
    clear_time: bool = False
    note: str | None = None
    amount: str | None = None  # food
    food: str | None = None  # food: another food, same amount unless --amount
    dose_mg: float | None = None  # supplement: in the unit it was logged in (see _new_dose)
    basis: str | None = None  # supplement: compound or elemental, to correct how it was read
    count: int | None = None
    severity: float | None = None
    location: str | None = None
    hours: float | None = None
    quality: float | None = None
    minutes: float | None = None
    rpe: float | None = None
    value: float | None = None  # lab
    unit: str | None = None  # lab
    kg: float | None = None  # weight


# What `edit` can change on each kind of entry besides its day, time and note, by the
# EntryChanges names; the API and the CLI spell "basis" as "as" and "location" as "where".
EDITABLE: dict[str, tuple[str, ...]] = {
    "food": ("food", "amount"),
    "supplement": ("dose_mg", "basis"),
    "medication": (),
    "symptom": ("count", "severity", "location"),
    "sleep": ("hours", "quality"),
    "training": ("minutes", "rpe"),
    "lab": ("value", "unit"),
    "weight": ("kg",),
    "note": (),
}
EDITABLE_ALWAYS = ("day", "time", "clear_time", "note")
FIELD_NAMES = {"day": "date", "clear_time": "no_time", "basis": "as", "location": "where"}
_KIND_NAMES = {
    "food": N_("food"),
    "supplement": N_("supplement"),
    "medication": N_("medicine"),
    "symptom": N_("symptom"),
    "sleep": N_("sleep"),
    "training": N_("training"),
    "lab": N_("lab"),
    "weight": N_("weight"),
    "note": N_("note"),
}


def api_field(name: str) -> str:
    """An EntryChanges name as the API's field (and, as --option, the CLI's) calls it."""
    return FIELD_NAMES.get(name, name)


class UnfitChangeError(InputError):
    """An edit giving a value the entry's kind does not have (an amount for a supplement):
    refused whole, naming what that kind can change."""

    code = "unfit_change"

    def __init__(
        self,
        entry_id: int,
        kind: str,
        unfit: tuple[str, ...],
        spell: Callable[[str], str] = api_field,
    ) -> None:
        self.entry_id, self.kind, self.unfit = entry_id, kind, unfit
        fits = (*EDITABLE.get(kind, ()), *EDITABLE_ALWAYS)
        super().__init__(
            N_("Entry {id} ({kind}) has no {unfit}; it can change {fits}."),
            field=unfit,
            id=entry_id,
            kind=Msgid(_KIND_NAMES.get(kind, kind)),
            unfit=", ".join(spell(name) for name in unfit),
            fits=", ".join(spell(name) for name in fits),
        )

    def spelled(self, spell: Callable[[str], str]) -> UnfitChangeError:
        """The same refusal naming the fields as ``spell`` writes them (e.g. as CLI options)."""
        return UnfitChangeError(self.entry_id, self.kind, self.unfit, spell)


def _refuse_unfit(current: Entry, given: EntryChanges) -> None:
    fits = set(EDITABLE.get(current.kind, ()))
    unfit = tuple(
        name
        for names in EDITABLE.values()
        for name in names
        if name not in fits and getattr(given, name) is not None
    )
    if unfit:
        raise UnfitChangeError(current.id, current.kind, tuple(dict.fromkeys(unfit)))


def _or(new: T | None, old: T) -> T:
    """The value given, else the stored one."""
    return old if new is None else new


# -- each kind's edit ------------------------------------------------------------------------


def _scaled_food(current: FoodEntry, amount: str) -> FoodEntry:
    """An imported food without a food id: its amounts scaled to the grams of the new amount.
    It has no portions here: only a mass ("150 g", "5 oz") can be read."""
    bare = Food(id="imported", name=current.name, source=FoodSource.USER, per_100g={})
    grams = portion_grams(bare, amount).grams
    if not current.grams:
        raise InputError(
            N_("This entry has no weight in grams, so its amount cannot be changed."),
            field="amount",
        )
    factor = grams / current.grams
    nutrients = {k: None if v is None else v * factor for k, v in current.nutrients.items()}
    return replace(current, amount_text=amount, grams=grams, nutrients=nutrients)


def _edited_food(
    connection: Connection, current: FoodEntry, given: EntryChanges, owner: str
) -> FoodEntry:
    if given.amount is None and given.food is None:
        return current
    food = given.food or current.food_id
    amount = given.amount or current.amount_text
    if food is None:
        return _scaled_food(current, amount)
    mine = store.user_id(connection, owner, create=False)  # the account's own foods too
    new = food_entry(
        connection, current.day, food, amount, owner == store.LOCAL_USER, visible_to=mine
    )
    return replace(
        current,
        food_id=new.food_id,
        name=new.name,
        name_nl=new.name_nl,
        amount_text=new.amount_text,
        grams=new.grams,
        item_kind=new.item_kind,
        counted=new.counted,
        meal=new.meal,
        extra=new.extra,
        nutrients=new.nutrients,
    )


def _edited_supplement(
    kb: KnowledgeBase, current: SupplementEntry, given: EntryChanges
) -> SupplementEntry:
    """A supplement's new dose or basis. The number (the new ``dose_mg``, else the one first
    given) is read as ``basis`` says, else as the entry's basis; a label entry given only a
    basis is read from its label again."""
    if given.dose_mg is None and given.basis is None:
        return current
    stored = entry_basis(current)
    chosen = elemental_engine.check_basis(given.basis) or stored
    if given.dose_mg is None and current.given_as == "label" and current.label is not None:
        new = supplement_entry(kb, current.day, None, None, current.label, basis=chosen)
        return replace(
            current,
            compound=new.compound,
            dose_mg=new.dose_mg,
            elemental_mg=new.elemental_mg,
            basis=new.basis,
        )
    number = given.dose_mg
    if number is None:
        number = current.dose_mg if stored == "compound" else current.elemental_mg
    assert number is not None  # a compound basis is stored with the compound's mg
    if current.compound is None:
        if chosen == "compound":
            raise InputError(
                N_("This entry names no compound, so its dose can only be the magnesium itself."),
                field="basis",
            )
        check_elemental(number)
        given_as = current.given_as if given.dose_mg is None else "elemental"
        return replace(current, elemental_mg=number, dose_mg=None, given_as=given_as, basis=chosen)
    result = elemental_engine.from_dose(kb, current.compound, number, chosen)
    check_elemental(result.elemental_mg)
    return replace(
        current,
        dose_mg=result.compound_mg,
        elemental_mg=result.elemental_mg,
        given_as=chosen,
        basis=chosen,
    )


def _edited_lab(kb: KnowledgeBase, current: LabEntry, given: EntryChanges) -> LabEntry:
    if given.value is None and given.unit is None:
        return current
    new = lab_entry(kb, current.day, _or(given.value, current.value), given.unit or current.unit)
    return replace(current, value=new.value, unit=new.unit, value_mmol_l=new.value_mmol_l)


def _edited(
    connection: Connection, kb: KnowledgeBase, current: Entry, given: EntryChanges, owner: str
) -> Entry:
    """``current`` with the kind's own values changed as ``given`` says, checked."""
    match current:
        case FoodEntry():
            return _edited_food(connection, current, given, owner)
        case SupplementEntry():
            return _edited_supplement(kb, current, given)
        case SymptomEntry():
            changed = replace(
                current,
                count=_or(given.count, current.count),
                severity=_or(given.severity, current.severity),
                location=_or(given.location, current.location),
            )
            return checked_symptom(kb, changed)
        case SleepEntry():
            hours, quality = _or(given.hours, current.hours), _or(given.quality, current.quality)
            return checked_sleep(replace(current, hours=hours, quality=quality))
        case TrainingEntry():
            minutes, rpe = _or(given.minutes, current.minutes), _or(given.rpe, current.rpe)
            return checked_training(replace(current, minutes=minutes, rpe=rpe))
        case LabEntry():
            return _edited_lab(kb, current, given)
        case WeightEntry():
            return checked_weight(replace(current, kg=_or(given.kg, current.kg)))
        case _:
            return current


def edit_entry(
    db: Database,
    kb: KnowledgeBase,
    profile: str,
    entry_id: int,
    given: EntryChanges,
    owner: str = store.LOCAL_USER,
) -> Entry:
    """Change an entry in one transaction; what the change makes invalid is refused whole."""
    with db.begin() as connection:
        person = require_profile(connection, profile, owner)
        assert person.id is not None
        in_range = bounds.in_id_range(entry_id)  # an id beyond the column's range is unknown
        current = store.get_entry(connection, person.id, entry_id) if in_range else None
        if current is None:
            raise UnknownEntryError(
                N_("Profile {profile} has no entry {id}."),
                field="entry_id",
                profile=profile,
                id=entry_id,
            )
        _refuse_unfit(current, given)
        edited = _edited(connection, kb, current, given, owner)
        time = None if given.clear_time else _or(given.time, current.time)
        if isinstance(current, MedicationEntry) and time is None:
            raise InputError(N_("A medicine entry needs its time."), field="time")
        note = current.note if given.note is None else clean_note(given.note)
        if isinstance(current, NoteEntry) and note is None:
            raise InputError(N_("The note is empty."), field="note")
        edited = replace(edited, day=given.day or current.day, time=time, note=note)
        bounds.check_day(edited.day)
        bounds.check_time(edited.time)
        bounds.check_entry(edited)  # what every way in is held to (journal/bounds.py)
        store.update_entry(connection, current, edited)
        found = store.get_entry(connection, person.id, entry_id)
    assert found is not None
    return found
