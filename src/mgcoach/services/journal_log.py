"""Logging: each `log` command validates what it was given, then writes one entry in one
transaction (the entry row and its detail row together, or nothing).

Food entries keep the grams and the nutrient amounts of that moment (see journal_tables.py);
supplements keep the elemental magnesium worked out from the compound or the label.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from ..engine import elemental as elemental_engine
from ..engine.interactions import medication
from ..engine.labels import BASES, Basis, parse_label, stored_label_basis
from ..engine.serum import classify
from ..engine.symptoms import find_symptom
from ..errors import InputError, about
from ..foods.model import Food, FoodSource
from ..foods.nutrients import nutrient_keys
from ..foods.nutrition import amounts
from ..foods.portions import portion_grams
from ..i18n import N_, Msgid
from ..journal.dates import parse_day
from ..journal.model import Entry, PersonProfile
from ..journal.vocabulary import symptom_kinds
from ..knowledge import KnowledgeBase
from ..knowledge.compound_names import find_compound
from ..storage import journal as store
from ..storage.database import Connection, Database
from ..storage.foods import record_use
from ..storage.journal_tables import KINDS
from ..units import parse_serum_unit
from . import food_lookup
from .journal import require_profile

SCALE_RANGE = (0.0, 10.0)
MAX_COUNT = 200
MAX_SLEEP_HOURS = 24.0
MAX_TRAINING_MINUTES = 24 * 60
MAX_NOTE = 2000
# A single logged supplement intake above this is a typing error, not a dose.
MAX_ELEMENTAL_MG = 5000.0


class UnknownEntryError(InputError, LookupError):
    """An entry id the profile does not have (never someone else's: ids are per profile)."""

    code = "unknown_entry"
    http_status = 404


@dataclass(frozen=True, slots=True)
class When:
    """Whose journal, which day and what time (minutes after midnight, None if not given)."""

    profile: str
    day: date
    time: int | None = None
    note: str | None = None
    owner: str = store.LOCAL_USER
    origin: str = "cli"


def _note(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    if len(text) > MAX_NOTE:
        raise InputError(N_("A note is at most {max} characters."), field="note", max=MAX_NOTE)
    return text.strip()


def _write(db: Database, when: When, kind: str, build: Any) -> Entry:
    """Validate and write one entry in one transaction; ``build(connection, person)`` returns
    the detail values (it may raise, and then nothing is written)."""
    # A day of slack: the caller's "today" may be in a time zone ahead of this machine's.
    if when.day > date.today() + timedelta(days=1):
        raise InputError(
            N_("{date} is in the future: the journal records what happened."),
            field="date",
            date=when.day.isoformat(),
        )
    with db.begin() as connection:
        person = require_profile(connection, when.profile, when.owner)
        assert person.id is not None
        detail = build(connection, person)
        entry_id = store.add_entry(
            connection,
            person.id,
            kind=kind,
            day=when.day,
            time=when.time,
            detail=detail,
            origin=when.origin,
            note=_note(when.note),
        )
        found = store.get_entry(connection, person.id, entry_id)
    assert found is not None
    return found


def _scale(value: float | None, what: str) -> float | None:
    """A 0-10 score given as the option ``what`` (``--severity``: the input ``severity``)."""
    if value is not None and not SCALE_RANGE[0] <= value <= SCALE_RANGE[1]:
        raise InputError(
            N_("{what} is a number from 0 to 10, not {value}."),
            field=what.removeprefix("--"),
            what=what,
            value=value,
        )
    return value


def food_detail(
    connection: Connection, food_text: str, amount_text: str, count_use: bool = True
) -> dict[str, Any]:
    """The food entry's values: the food, the grams of the amount and its nutrient amounts.

    ``count_use`` feeds search ranking (food_usage), which is one table for the whole database:
    only the local user's choices count, so on a multi-user server no one's eating habits shape
    another's search results."""
    found, _result = food_lookup.resolve(connection, food_text)
    with about("amount"):
        match = portion_grams(found, amount_text)
    if count_use:
        record_use(connection, found.id)
    return {
        "food_id": found.id,
        "name": found.name,
        "name_nl": found.name_nl,
        "amount_text": amount_text.strip(),
        "grams": match.grams,
        "item_kind": "food",
        "counted": True,
        "meal": None,
        "extra": None,
        **amounts(found, match.grams),
    }


def log_food(db: Database, when: When, food_text: str, amount_text: str) -> Entry:
    count_use = when.owner == store.LOCAL_USER
    return _write(db, when, "food", lambda c, _p: food_detail(c, food_text, amount_text, count_use))


def _check_elemental(mg: float) -> None:
    if not 0 < mg <= MAX_ELEMENTAL_MG:
        raise InputError(
            N_("{mg} mg of elemental magnesium at once is not a dose: check the number."),
            mg=round(mg),
        )


def _basis(basis: str | None, elemental: bool) -> Basis | None:
    """The basis the person gave: ``--as``, or ``--elemental`` (its older spelling)."""
    chosen = elemental_engine.check_basis(basis)
    if elemental and chosen == "compound":
        raise InputError(
            N_("--elemental and --as compound say opposite things: give one."), field="basis"
        )
    return "elemental" if elemental else chosen


def supplement_detail(
    kb: KnowledgeBase,
    compound: str | None,
    dose_mg: float | None,
    label: str | None,
    *,
    basis: str | None = None,
    elemental: bool = False,
) -> dict[str, Any]:
    """Elemental magnesium of a supplement intake: a compound and its dose, or a label line.

    A bare dose, or a label that only names the compound, may be the compound's mass or the
    magnesium itself: ``basis`` (compound or elemental; ``elemental=True`` is elemental) says
    which, and without it AmbiguousDoseError names both readings and nothing is stored."""
    chosen = _basis(basis, elemental)
    if label is not None:
        if compound is not None or dose_mg is not None:
            raise InputError(N_("Give a compound and dose, or --label, not both."), field="label")
        result = elemental_engine.from_label(kb, label, chosen)
        name = label.strip()
    else:
        if compound is None or dose_mg is None:
            raise InputError(
                N_("Give the compound and its dose in mg (e.g. citrate 500), or --label TEXT."),
                field="compound" if compound is None else "dose_mg",
            )
        result = elemental_engine.from_dose(kb, compound, dose_mg, chosen)
        name = find_compound(kb, compound).compound.name.en
    elemental_engine.require_basis(result)
    _check_elemental(result.elemental_mg)
    return {
        "name": name,
        "compound": result.compound,
        "label": label.strip() if label is not None else None,
        "dose_mg": result.compound_mg,
        "elemental_mg": result.elemental_mg,
        "given_as": "label" if label is not None else result.basis,
        "basis": result.basis,
    }


def entry_basis(detail: Mapping[str, Any]) -> Basis:
    """What a supplement entry's number is; an entry stored without a basis (an import of an
    older export) gets the reading it was stored with."""
    stored = detail.get("basis")
    if stored in BASES:
        return cast(Basis, stored)
    if detail.get("given_as") == "compound":
        return "compound"
    if detail.get("given_as") == "label" and detail.get("dose_mg") is not None:
        return stored_label_basis(detail.get("label") or "", detail["elemental_mg"])
    return "elemental"


def basis_can_change(detail: Mapping[str, Any]) -> bool:
    """Can ``edit --as`` correct this supplement entry? Only a number that may be read both
    ways: one that names a compound and is not a label stating the magnesium, nor an import."""
    if detail.get("compound") is None or detail.get("given_as") == "import":
        return False
    if detail.get("given_as") == "label" and detail.get("label"):
        if entry_basis(detail) == "compound":
            return True
        try:
            return parse_label(str(detail["label"])).ambiguous
        except InputError:
            return False
    return True


def log_supplement(
    db: Database,
    kb: KnowledgeBase,
    when: When,
    compound: str | None,
    dose_mg: float | None,
    label: str | None,
    *,
    basis: str | None = None,
    elemental: bool = False,
) -> Entry:
    detail = supplement_detail(kb, compound, dose_mg, label, basis=basis, elemental=elemental)
    return _write(db, when, "supplement", lambda _c, _p: detail)


def log_medication(db: Database, kb: KnowledgeBase, when: When, name: str) -> Entry:
    """A medicine taken at a time: the day's interaction check uses this time."""
    if when.time is None:
        raise InputError(N_("Give the time the medicine was taken: --time HH:MM."), field="time")
    with about("name"):
        med = medication(kb, name, (when.time,))
    return _write(
        db, when, "medication", lambda _c, _p: {"name": name.strip(), "drug": med.drug.slug}
    )


def symptom_detail(
    kb: KnowledgeBase,
    name: str,
    *,
    count: int | None,
    severity: float | None,
    location: str | None,
    night: bool | None,
) -> dict[str, Any]:
    with about("name"):
        slug = find_symptom(kb, name)
    kind = symptom_kinds().get(slug)
    measures = kind.measures if kind is not None else frozenset({"severity"})
    if count is not None:
        if "count" not in measures:
            raise InputError(N_("--count is for cramps and twitches."), field="count")
        if not 0 <= count <= MAX_COUNT:
            raise InputError(N_("--count is from 0 to {max}."), field="count", max=MAX_COUNT)
    if night is not None and "night" not in measures:
        raise InputError(N_("--night is for cramps."), field="night")
    return {
        "symptom": slug,
        "count": count,
        "severity": _scale(severity, "--severity"),
        "location": location.strip() if location and location.strip() else None,
        "night": night,
    }


def log_symptom(db: Database, kb: KnowledgeBase, when: When, name: str, **values: Any) -> Entry:
    detail = symptom_detail(kb, name, **values)
    return _write(db, when, "symptom", lambda _c, _p: detail)


def sleep_detail(hours: float, quality: float | None) -> dict[str, Any]:
    if not 0 < hours <= MAX_SLEEP_HOURS:
        raise InputError(
            N_("Hours of sleep are more than 0 and at most 24, not {value}."),
            field="hours",
            value=hours,
        )
    return {"hours": hours, "quality": _scale(quality, "--quality")}


def log_sleep(db: Database, when: When, hours: float, quality: float | None = None) -> Entry:
    detail = sleep_detail(hours, quality)
    return _write(db, when, "sleep", lambda _c, _p: detail)


def training_detail(activity: str, minutes: float, rpe: float | None) -> dict[str, Any]:
    if not activity.strip():
        raise InputError(N_("Name the training, e.g. running or strength."), field="activity")
    if not 0 < minutes <= MAX_TRAINING_MINUTES:
        raise InputError(
            N_("Training minutes are more than 0 and at most {max}, not {value}."),
            field="minutes",
            max=MAX_TRAINING_MINUTES,
            value=minutes,
        )
    return {"activity": activity.strip(), "minutes": minutes, "rpe": _scale(rpe, "--rpe")}


def log_training(
    db: Database, when: When, activity: str, minutes: float, rpe: float | None = None
) -> Entry:
    detail = training_detail(activity, minutes, rpe)
    return _write(db, when, "training", lambda _c, _p: detail)


def lab_detail(kb: KnowledgeBase, value: float, unit: str) -> dict[str, Any]:
    result = classify(kb, value, parse_serum_unit(unit))
    return {
        "test": "serum_magnesium",
        "value": value,
        "unit": result.unit.value,
        "value_mmol_l": result.mmol_per_l,
    }


def log_lab(db: Database, kb: KnowledgeBase, when: When, value: float, unit: str) -> Entry:
    detail = lab_detail(kb, value, unit)
    return _write(db, when, "lab", lambda _c, _p: detail)


def log_note(db: Database, when: When) -> Entry:
    if _note(when.note) is None:
        raise InputError(N_("The note is empty."), field="note")
    return _write(db, when, "note", lambda _c, _p: {})


KIND_ALIASES = {"med": "medication", "medicine": "medication"}


def entry_range(
    day: str | None, start: str | None, end: str | None, today: date
) -> tuple[date, date]:
    """The days of a listing: one day (default today), or ``start`` to ``end`` (default today)."""
    if day is not None and (start is not None or end is not None):
        raise InputError(N_("Give --date, or --from and --to, not both."), field=("date", "from"))
    if start is None and end is None:
        one = parse_day(day, today)
        return one, one
    first = parse_day(start if start is not None else end, today)
    last = parse_day(end, today) if end is not None else today
    if first > last:
        raise InputError(N_("--from must not be after --to."), field=("from", "to"))
    return first, last


def entry_kinds(given: list[str] | None) -> list[str] | None:
    """Kind names to list (``med`` is ``medication``); None for every kind."""
    wanted = [KIND_ALIASES.get(k.strip().lower(), k.strip().lower()) for k in given or []]
    for item in wanted:
        if item not in KINDS:
            raise InputError(
                N_("Unknown kind {kind}: use one of {choices}."),
                field="kind",
                kind=item,
                choices=", ".join(KINDS),
            )
    return wanted or None


def get_entry(db: Database, profile: str, entry_id: int, owner: str = store.LOCAL_USER) -> Entry:
    """One entry of ``owner``'s profile; any other id (another profile's or user's) is unknown."""
    with db.connect() as connection:
        person = require_profile(connection, profile, owner)
        assert person.id is not None
        found = store.get_entry(connection, person.id, entry_id)
    if found is None:
        raise UnknownEntryError(
            N_("Profile {profile} has no entry {id}."),
            field="entry_id",
            profile=profile,
            id=entry_id,
        )
    return found


def list_entries(
    db: Database,
    profile: str,
    start: date | None,
    end: date | None,
    kinds: list[str] | None = None,
    owner: str = store.LOCAL_USER,
) -> tuple[PersonProfile, list[Entry]]:
    with db.connect() as connection:
        person = require_profile(connection, profile, owner)
        assert person.id is not None
        return person, store.entries(connection, person.id, start, end, kinds=kinds)


def delete_entries(
    db: Database, profile: str, ids: list[int], owner: str = store.LOCAL_USER
) -> int:
    """Delete entries by id, all or none: an unknown id deletes nothing."""
    with db.begin() as connection:
        person = require_profile(connection, profile, owner)
        assert person.id is not None
        for entry_id in ids:
            if not store.delete_entry(connection, person.id, entry_id):
                raise UnknownEntryError(
                    N_("Profile {profile} has no entry {id}; nothing was deleted."),
                    field="entry_id",
                    profile=profile,
                    id=entry_id,
                )
    return len(ids)


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


def _scaled_food(current: Mapping[str, Any], grams: float) -> dict[str, Any]:
    """An imported food without a food id: its amounts scaled to the new grams."""
    old = current.get("grams")
    if not old:
        raise InputError(
            N_("This entry has no weight in grams, so its amount cannot be changed."),
            field="amount",
        )
    factor = grams / old
    return {
        "grams": grams,
        **{k: None if current[k] is None else current[k] * factor for k in nutrient_keys()},
    }


def _new_dose(
    kb: KnowledgeBase, d: Mapping[str, Any], dose_mg: float | None, basis: str | None
) -> dict[str, Any]:
    """A supplement's new dose or basis. The number (the new ``dose_mg``, else the one first
    given) is read as ``basis`` says, else as the entry's basis; a label entry given only a
    basis is read from its label again."""
    current = entry_basis(d)
    chosen = elemental_engine.check_basis(basis) or current
    if dose_mg is None and d["given_as"] == "label" and d["label"] is not None:
        relabelled = supplement_detail(kb, None, None, d["label"], basis=chosen)
        return {key: relabelled[key] for key in ("compound", "dose_mg", "elemental_mg", "basis")}
    number = dose_mg
    if number is None:
        number = d["dose_mg"] if current == "compound" else d["elemental_mg"]
    if d["compound"] is None:
        if chosen == "compound":
            raise InputError(
                N_("This entry names no compound, so its dose can only be the magnesium itself."),
                field="basis",
            )
        _check_elemental(number)
        given_as = d["given_as"] if dose_mg is None else "elemental"
        return {"elemental_mg": number, "dose_mg": None, "given_as": given_as, "basis": chosen}
    result = elemental_engine.from_dose(kb, d["compound"], number, chosen)
    _check_elemental(result.elemental_mg)
    return {
        "dose_mg": result.compound_mg,
        "elemental_mg": result.elemental_mg,
        "given_as": chosen,
        "basis": chosen,
    }


def _edited_detail(
    connection: Connection, kb: KnowledgeBase, current: Entry, given: EntryChanges, owner: str
) -> dict[str, Any]:
    d = current.detail
    kind = current.kind
    if kind == "food" and (given.amount is not None or given.food is not None):
        food = given.food or d["food_id"]
        amount = given.amount or d["amount_text"]
        if food is None:
            # An imported food has no portions here: only a mass ("150 g", "5 oz") can be read.
            bare = Food(id="imported", name=d["name"], source=FoodSource.USER, per_100g={})
            return {"amount_text": amount, **_scaled_food(d, portion_grams(bare, amount).grams)}
        return food_detail(connection, food, amount, owner == store.LOCAL_USER)
    if kind == "supplement" and (given.dose_mg is not None or given.basis is not None):
        return _new_dose(kb, d, given.dose_mg, given.basis)
    if kind == "symptom":
        return symptom_detail(
            kb,
            d["symptom"],
            count=given.count if given.count is not None else d["count"],
            severity=given.severity if given.severity is not None else d["severity"],
            location=given.location if given.location is not None else d["location"],
            night=d["night"],
        )
    if kind == "sleep":
        return sleep_detail(
            given.hours if given.hours is not None else d["hours"],
            given.quality if given.quality is not None else d["quality"],
        )
    if kind == "training":
        return training_detail(
            d["activity"],
            given.minutes if given.minutes is not None else d["minutes"],
            given.rpe if given.rpe is not None else d["rpe"],
        )
    if kind == "lab" and (given.value is not None or given.unit is not None):
        return lab_detail(
            kb,
            given.value if given.value is not None else d["value"],
            given.unit or d["unit"],
        )
    return {}


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
        current = store.get_entry(connection, person.id, entry_id)
        if current is None:
            raise UnknownEntryError(
                N_("Profile {profile} has no entry {id}."),
                field="entry_id",
                profile=profile,
                id=entry_id,
            )
        _refuse_unfit(current, given)
        detail = _edited_detail(connection, kb, current, given, owner)
        time = (
            None if given.clear_time else (given.time if given.time is not None else current.time)
        )
        if current.kind == "medication" and time is None:
            raise InputError(N_("A medicine entry needs its time."), field="time")
        note = current.note if given.note is None else _note(given.note)
        if current.kind == "note" and note is None:
            raise InputError(N_("The note is empty."), field="note")
        store.update_entry(
            connection,
            current,
            day=given.day or current.day,
            time=time,
            note=note,
            detail=detail,
        )
        found = store.get_entry(connection, person.id, entry_id)
    assert found is not None
    return found
