"""JSON for the journal: profiles and entries (the day is in ``day.py``)."""

from __future__ import annotations

import math
from datetime import datetime

from typing_extensions import TypedDict

from ..engine.clock import format_time
from ..i18n import N_, get_language, translate
from ..journal.bounds import counting_problems, time_problem
from ..journal.model import (
    Entry,
    FieldValue,
    FoodEntry,
    LabEntry,
    MedicationEntry,
    NoteEntry,
    PersonProfile,
    SleepEntry,
    SupplementEntry,
    SymptomEntry,
    TrainingEntry,
    WeightEntry,
)
from ..journal.vocabulary import symptom_name
from ..knowledge import KnowledgeBase
from .common import documented


@documented
class MedicineJson(TypedDict):
    """A medicine in a profile."""

    name: str
    """The medicine, as named."""
    times: list[str]
    """Its times, HH:MM."""
    frequency: str
    """How often: daily, weekly:mon,... or every:Nd:YYYY-MM-DD."""


@documented
class ProfileAnswer(TypedDict):
    """A profile: who a journal is for (``mgcoach profile show --json``)."""

    name: str
    """The profile's name."""
    sex: str
    """female or male."""
    age_years: float
    """Age in years on ``age_on``."""
    age_on: str
    """The day the age was given, YYYY-MM-DD."""
    system: str
    """The reference system: us, efsa, nl, uk or dach."""
    pregnant: bool
    """Pregnant."""
    lactating: bool
    """Breastfeeding."""
    weight_kg: float | None
    """Body weight."""
    height_cm: float | None
    """Height."""
    egfr: float | None
    """Kidney function: eGFR in mL/min/1.73 m²."""
    dialysis: bool
    """On dialysis."""
    activity: str | None
    """Activity level."""
    medications: list[MedicineJson]
    """The medicines taken."""
    reasons: list[str]
    """Why the person came, any of: cramps (night cramps), soreness (muscle soreness, slow
    recovery), poor_sleep, check_intake (only checking the intake); empty when none given."""
    created_at: str | None
    """When the profile was made (ISO 8601)."""
    updated_at: str | None
    """When it was last changed (ISO 8601)."""


@documented
class EntryAnswer(TypedDict):
    """One journal entry (``mgcoach entries --json``)."""

    id: int
    """The entry's id."""
    uid: str
    """Its id across exports."""
    kind: str
    """food, supplement, medication, symptom, sleep, training, lab, weight or note."""
    date: str
    """The day, YYYY-MM-DD."""
    time: str | None
    """The time, HH:MM."""
    origin: str
    """Where it was logged: cli, web, an import, ..."""
    note: str | None
    """A free note."""
    label: str
    """The entry in one line, in the reader's language."""
    detail: dict[str, object]
    """The kind's own values (a food's name, amount and nutrients, a supplement's dose, ...)."""
    created_at: str | None
    """When it was logged (ISO 8601)."""
    updated_at: str | None
    """When it was last changed (ISO 8601)."""


@documented
class ForgetAnswer(TypedDict):
    """What ``mgcoach forget`` deleted."""

    profiles: int
    """Profiles deleted."""
    entries: int
    """Entries deleted."""


@documented
class DeleteAnswer(TypedDict):
    """What ``mgcoach delete`` deleted."""

    deleted: int
    """Entries deleted."""
    ids: list[int]
    """Their ids."""


def stamp(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def profile_json(person: PersonProfile) -> ProfileAnswer:
    return {
        "name": person.name,
        "sex": person.sex,
        "age_years": person.age_years,
        "age_on": person.age_on.isoformat(),
        "system": person.system,
        "pregnant": person.pregnant,
        "lactating": person.lactating,
        "weight_kg": person.weight_kg,
        "height_cm": person.height_cm,
        "egfr": person.egfr,
        "dialysis": person.dialysis,
        "activity": person.activity,
        "medications": [
            {
                "name": med.name,
                "times": [format_time(t) for t in med.times],
                "frequency": med.frequency.spec,
            }
            for med in person.medicines
        ],
        "reasons": list(person.reasons),
        "created_at": stamp(person.created_at),
        "updated_at": stamp(person.updated_at),
    }


def entry_label(kb: KnowledgeBase, entry: Entry) -> str:
    """A one-line description of an entry, in the user's language."""
    match entry:
        case SymptomEntry():
            return symptom_name(kb, entry.symptom, get_language())
        case FoodEntry(name_nl=str() as name_nl) if get_language() == "nl" and name_nl:
            return name_nl
        case FoodEntry() | SupplementEntry() | MedicationEntry():
            return entry.name
        case TrainingEntry():
            return entry.activity
        case SleepEntry():
            return translate(N_("Sleep"))
        case LabEntry():
            return translate(N_("Serum magnesium"))
        case WeightEntry():
            return translate(N_("Weight {kg} kg"), {"kg": float(entry.kg)})
        case NoteEntry():
            return entry.note or ""


def food_amount(entry: FoodEntry) -> str:
    """A food entry's amount as typed, or "quick add" for a label with its numbers typed in."""
    if entry.item_kind == "quick":
        return translate(N_("quick add"))
    return entry.amount_text or ""


def _finite(value: FieldValue) -> FieldValue:
    """A stored number as JSON can hold it: NaN and infinity (out of bounds) are null."""
    return None if isinstance(value, float) and not math.isfinite(value) else value


def entry_json(kb: KnowledgeBase, entry: Entry) -> EntryAnswer:
    """An entry as JSON; one with a stored value out of the journal's bounds (an older
    version's) is listed as it is, its label saying which value, never a crash."""
    problems = counting_problems(entry)
    label = (
        translate(
            N_("A {kind} entry with a value the journal cannot hold ({field})"),
            {"kind": entry.kind, "field": ", ".join(problems[0].fields)},
        )
        if problems
        else entry_label(kb, entry)
    )
    return {
        "id": entry.id,
        "uid": entry.uid,
        "kind": entry.kind,
        "date": entry.day.isoformat(),
        "time": None if entry.time is None or time_problem(entry.time) else format_time(entry.time),
        "origin": entry.origin,
        "note": entry.note,
        "label": label,
        "detail": {key: _finite(value) for key, value in entry.fields().items()},
        "created_at": stamp(entry.created_at),
        "updated_at": stamp(entry.updated_at),
    }
