"""The day's entries as the journal page lists them: what, how much, how much magnesium, and
the short message after logging or saving one ("Logged: almonds, 30 g — 81 mg magnesium")."""

from __future__ import annotations

from typing import TypedDict

from ...contract.journal import entry_json, food_amount
from ...i18n import _, get_language
from ...journal.model import (
    Entry,
    FoodEntry,
    LabEntry,
    NoteEntry,
    SleepEntry,
    SupplementEntry,
    SymptomEntry,
    TrainingEntry,
    WeightEntry,
)
from ...knowledge import KnowledgeBase
from ...services.journal_log import entry_basis
from ...services.meals import MEAL_NAMES
from ..templating import num


def kind_names() -> dict[str, str]:
    return {
        "food": _("food"),
        "supplement": _("supplement"),
        "medication": _("medicine"),
        "symptom": _("symptom"),
        "sleep": _("sleep"),
        "training": _("training"),
        "lab": _("lab"),
        "weight": _("weight"),
        "note": _("note"),
    }


def _what(kb: KnowledgeBase, entry: Entry, label: str) -> str:
    """What was logged, in the page's language (foods and supplements named in Dutch too)."""
    if isinstance(entry, WeightEntry):
        return _("Weight")  # its kg are the amount
    if isinstance(entry, SupplementEntry) and entry.given_as != "label":
        compound = kb.compounds.get(entry.compound or "")
        if compound is not None:
            return compound.name.get(get_language())
    return label


def _symptom_amount(entry: SymptomEntry) -> str:
    parts = []
    if entry.count is not None:
        parts.append(_("{n}×").format(n=entry.count))
    if entry.severity is not None:
        parts.append(_("severity {value}/10").format(value=num(entry.severity, 0)))
    if entry.location:
        parts.append(entry.location)
    if entry.night:
        parts.append(_("at night"))
    return ", ".join(parts)


def _amount(entry: Entry) -> str:
    match entry:
        case FoodEntry():
            return food_amount(entry)
        case SupplementEntry():
            if entry.given_as == "label" or entry.dose_mg is None:
                return ""
            return num(entry.dose_mg, 0, "mg") if entry_basis(entry) == "compound" else ""
        case SymptomEntry():
            return _symptom_amount(entry)
        case SleepEntry():
            hours = num(entry.hours, 1, "h")
            if entry.quality is None:
                return hours
            return _("{hours}, quality {value}/10").format(hours=hours, value=num(entry.quality, 0))
        case TrainingEntry():
            minutes = num(entry.minutes, 0, "min")
            return minutes if entry.rpe is None else f"{minutes}, RPE {num(entry.rpe, 0)}"
        case LabEntry():
            return f"{num(entry.value, 2)} {entry.unit}"
        case WeightEntry():
            return num(entry.kg, 1, "kg")
        case _:
            return ""


def _magnesium(entry: Entry) -> float | None:
    match entry:
        case FoodEntry():
            value = entry.magnesium_mg
        case SupplementEntry():
            value = entry.elemental_mg
        case _:
            return None
    return None if value is None else float(value)


class EntryRow(TypedDict):
    """One line of the day's list, as the templates read it."""

    id: int
    time: str | None
    kind: str
    kind_name: str
    what: str
    amount: str
    grams: float | None
    grams_shown: bool  # the grams say more than the amount (not "30 g" twice)
    mg: float | None
    note: str | None
    has_mg: bool
    meal: str | None  # the meal's name (a food's), in the page's language


def _squeezed(text: str) -> str:
    return "".join(text.split()).casefold()


def entry_row(kb: KnowledgeBase, entry: Entry) -> EntryRow:
    data = entry_json(kb, entry)
    grams = entry.grams if isinstance(entry, FoodEntry) else None
    amount = _amount(entry)
    return {
        "id": entry.id,
        "time": data["time"],
        "kind": entry.kind,
        "kind_name": kind_names().get(entry.kind, entry.kind),
        "what": _what(kb, entry, data["label"]),
        "amount": amount,
        "grams": grams,
        "grams_shown": grams is not None and _squeezed(num(grams, 0, "g")) != _squeezed(amount),
        "mg": _magnesium(entry),
        "note": None if isinstance(entry, NoteEntry) else entry.note,
        "has_mg": isinstance(entry, FoodEntry | SupplementEntry),
        "meal": _meal(entry),
    }


def _meal(entry: Entry) -> str | None:
    if not isinstance(entry, FoodEntry) or not entry.meal:
        return None
    name = MEAL_NAMES.get(entry.meal)
    return _(name) if name is not None else entry.meal


def flash_text(row: EntryRow, saved: bool = False) -> str:
    """ "Logged: almonds, 30 g — 81 mg magnesium", in the page's language."""
    what = ", ".join(part for part in (row["what"], row["amount"]) if part)
    if row["mg"] is None:  # not magnesium, or a food whose magnesium is unknown
        message = _("Saved: {what}") if saved else _("Logged: {what}")
        return message.format(what=what or row["kind_name"])
    if row["kind"] == "supplement":
        message = (
            _("Saved: {what} — {mg} elemental magnesium")
            if saved
            else _("Logged: {what} — {mg} elemental magnesium")
        )
        return message.format(what=what, mg=num(row["mg"], 0, "mg"))
    message = _("Saved: {what} — {mg} magnesium") if saved else _("Logged: {what} — {mg} magnesium")
    return message.format(what=what, mg=num(row["mg"], 0, "mg"))
