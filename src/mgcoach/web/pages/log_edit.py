"""The journal page's edit form: change or delete one entry, through the same services as
`mgcoach edit` and `delete`; a refused change shows the form again with the error on its
field."""

from __future__ import annotations

from fastapi import Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from ...engine.clock import format_time, parse_time
from ...errors import MgCoachError
from ...i18n import _
from ...journal.model import (
    Entry,
    FoodEntry,
    LabEntry,
    SleepEntry,
    SupplementEntry,
    SymptomEntry,
    TrainingEntry,
    WeightEntry,
)
from ...journal.vocabulary import symptom_kinds
from ...services.journal import UnknownProfileError
from ...services.journal_log import (
    EDITABLE,
    EntryChanges,
    UnknownEntryError,
    basis_can_change,
    delete_entries,
    edit_entry,
    entry_basis,
    get_entry,
)
from ...units import SerumUnit
from .. import forms
from ..context import PROFILE, Viewer, signed_in, state_of, verified_form
from ..routing import IndexedRouter
from ..templating import render
from .log import FALLBACK_FIELD, back_to_day, day_of, posted_text
from .log_daily import to_day, undo_token
from .log_forms import now_here, read_count, read_number, read_scale
from .log_rows import entry_row

router = IndexedRouter(include_in_schema=False)

EDIT_FIELDS = (
    "date", "time", "note", "food", "amount", "dose_mg", "basis", "severity", "count",
    "location", "hours", "quality", "minutes", "rpe", "value", "unit", "kg",
)  # fmt: skip


def edit_fields(kind: str) -> dict[str, str]:
    """The fields of the edit form of an entry of ``kind`` (EntryChanges names, "day" as
    "date")."""
    return forms.form_fields(("date", "time", "note", *EDITABLE.get(kind, ())))


def find_entry(request: Request, viewer: Viewer, entry_id: int) -> Entry:
    """The viewer's entry ``entry_id``; any other (another profile's, another user's, none) is
    a 404 page."""
    try:
        return get_entry(state_of(request).db, PROFILE, entry_id, viewer.owner)
    except (UnknownProfileError, UnknownEntryError):
        raise HTTPException(404) from None


def _dose_shown(entry: SupplementEntry) -> float | None:
    """The number first given: the tablet's mg for a compound basis, else the magnesium."""
    if entry.compound is not None and entry_basis(entry) == "compound":
        return entry.dose_mg
    return entry.elemental_mg


def _shown(value: float | None, digits: int = 1) -> str:
    return forms.number_text(float(value), digits) if value is not None else ""


def _kind_values(entry: Entry) -> dict[str, str]:
    """The edit form's values of the entry's own fields, as the form shows them."""
    match entry:
        case FoodEntry():
            return {"amount": entry.amount_text or ""}
        case SupplementEntry():
            return {"dose_mg": _shown(_dose_shown(entry)), "basis": entry_basis(entry)}
        case SymptomEntry():
            return {
                "severity": _shown(entry.severity),
                "count": _shown(entry.count, 0),
                "location": entry.location or "",
            }
        case SleepEntry():
            return {"hours": _shown(entry.hours, 2), "quality": _shown(entry.quality)}
        case TrainingEntry():
            return {"minutes": _shown(entry.minutes), "rpe": _shown(entry.rpe)}
        case LabEntry():
            return {"value": _shown(entry.value, 3), "unit": entry.unit or ""}
        case WeightEntry():
            return {"kg": _shown(entry.kg, 2)}
        case _:
            return {}


def edit_values(entry: Entry) -> dict[str, str]:
    values = {name: "" for name in EDIT_FIELDS}
    values |= {
        "date": entry.day.isoformat(),
        "time": format_time(entry.time) if entry.time is not None else "",
        "note": entry.note or "",
    }
    return values | _kind_values(entry)


def _changed(
    errors: dict[str, str], name: str, text: str, shown: str, *, scale: str | None = None
) -> float | None:
    """A number field's new value, or None when it is empty or as shown."""
    if not text or text == shown:
        return None
    if scale is not None:
        return read_scale(errors, name, text, scale)
    return read_number(errors, name, text)


def read_changes(
    entry: Entry, form: FormData, values: dict[str, str], errors: dict[str, str]
) -> EntryChanges:
    shown = edit_values(entry)
    day = None
    if values["date"] and values["date"] != shown["date"]:
        day = forms.attempt(errors, "date", lambda: day_of(values["date"]))
    time, clear = None, False
    if "time" in form and values["time"] != shown["time"]:
        if values["time"]:
            time = forms.attempt(errors, "time", lambda: parse_time(values["time"]))
        else:
            clear = True
    note = values["note"] if "note" in form and values["note"] != shown["note"] else None
    amount = values["amount"] if values["amount"] != shown["amount"] else None
    count_text = values["count"] if values["count"] != shown["count"] else ""
    count = read_count(errors, count_text)
    location = values["location"] if values["location"] != shown["location"] else None
    unit = values["unit"] if values["unit"] != shown["unit"] else None
    basis = values["basis"] if values["basis"] != shown["basis"] else None
    if unit is not None and unit not in {u.value for u in SerumUnit}:
        errors["unit"] = _("Choose the unit of the result.")
    return EntryChanges(
        day=day, time=time, clear_time=clear, note=note,
        amount=amount or None, food=values["food"] or None,
        dose_mg=_changed(errors, "dose_mg", values["dose_mg"], shown["dose_mg"]),
        basis=basis or None,
        count=count,
        severity=_changed(errors, "severity", values["severity"], shown["severity"],
                          scale=_("Severity")),
        location=location,
        hours=_changed(errors, "hours", values["hours"], shown["hours"]),
        quality=_changed(errors, "quality", values["quality"], shown["quality"],
                         scale=_("Quality")),
        minutes=_changed(errors, "minutes", values["minutes"], shown["minutes"]),
        rpe=_changed(errors, "rpe", values["rpe"], shown["rpe"], scale=_("Effort (RPE)")),
        value=_changed(errors, "value", values["value"], shown["value"]),
        unit=unit,
        kg=_changed(errors, "kg", values["kg"], shown["kg"]),
    )  # fmt: skip


def _edit_page(
    request: Request, entry: Entry, values: dict[str, str], errors: dict[str, str]
) -> Response:
    kb = state_of(request).kb
    row = entry_row(kb, entry)
    kind = symptom_kinds().get(entry.symptom) if isinstance(entry, SymptomEntry) else None
    return render(
        request,
        "log_edit.html",
        422 if errors else 200,
        active="log",
        entry=entry,
        row=row,
        values=values,
        errors=errors,
        measures=kind.measures if kind is not None else frozenset({"severity"}),
        dose_hint=(
            _("In mg of the whole tablet (the compound).")
            if isinstance(entry, SupplementEntry) and entry_basis(entry) == "compound"
            else _("In mg of elemental magnesium.")
        ),
        bases=[
            ("compound", _("The whole tablet (the compound)")),
            ("elemental", _("The magnesium itself")),
        ],
        can_change_basis=isinstance(entry, SupplementEntry) and basis_can_change(entry),
        lab_units=[(unit.value, unit.value) for unit in SerumUnit],
        today=now_here().date(),
    )


@router.get("/log/entry/{entry_id}/edit")
def edit_form(request: Request, entry_id: int, viewer: Viewer = Depends(signed_in)) -> Response:
    entry = find_entry(request, viewer, entry_id)
    return _edit_page(request, entry, edit_values(entry), {})


@router.post("/log/entry/{entry_id}/edit")
def edit_save(
    request: Request,
    entry_id: int,
    viewer: Viewer = Depends(signed_in),
    form: FormData = Depends(verified_form),
) -> Response:
    state = state_of(request)
    entry = find_entry(request, viewer, entry_id)
    values = {name: posted_text(form, name) for name in EDIT_FIELDS}
    errors: dict[str, str] = {}
    changes = read_changes(entry, form, values, errors)
    if not errors:
        try:
            edited = edit_entry(state.db, state.kb, PROFILE, entry_id, changes, owner=viewer.owner)
        except MgCoachError as error:
            fallback = FALLBACK_FIELD.get(entry.kind, "note")
            forms.add_error(errors, error, edit_fields(entry.kind), fallback)
        else:
            return back_to_day(edited.day, saved=edited.id)
    return _edit_page(request, entry, values, errors)


@router.post("/log/entry/{entry_id}/delete")
def delete_entry(
    request: Request,
    entry_id: int,
    viewer: Viewer = Depends(signed_in),
    form: FormData = Depends(verified_form),
) -> Response:
    entry = find_entry(request, viewer, entry_id)
    state = state_of(request)
    delete_entries(state.db, PROFILE, [entry_id], owner=viewer.owner)
    # The day again, with "Deleted …  Undo" (pages/log_daily.py).
    return to_day(entry.day, "entries", deleted=entry_id, undo=undo_token(state.secret, entry))
