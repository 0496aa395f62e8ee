"""The journal page: log a day's foods, supplements, medicines, symptoms, sleep, training, lab
values and notes; list the day's entries; edit and delete them.

Every post goes through the same services as `mgcoach log`, `edit` and `delete`, and ends in a
redirect back to the day with a short message (post/redirect/get), or shows the form again
with the error on its field and nothing stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from ...contract.journal import entry_json
from ...engine.clock import format_time, parse_time
from ...errors import AmbiguousDoseError, InputError, MgCoachError
from ...i18n import N_, _, get_language, translate
from ...journal.dates import parse_day
from ...journal.model import Entry
from ...journal.vocabulary import symptom_kinds
from ...knowledge import KnowledgeBase
from ...services.journal import UnknownProfileError
from ...services.journal_log import (
    EDITABLE,
    EntryChanges,
    UnknownEntryError,
    When,
    basis_can_change,
    delete_entries,
    edit_entry,
    entry_basis,
    get_entry,
    list_entries,
    log_food,
    log_lab,
    log_medication,
    log_note,
    log_sleep,
    log_supplement,
    log_symptom,
    log_training,
)
from ...units import SerumUnit
from .. import forms
from ..context import PROFILE, Viewer, WebState, signed_in, state_of, verified_form
from ..templating import num, render
from .onboarding import current_profile

router = APIRouter(include_in_schema=False)

ORIGIN = "web"
# The fields of each form on the page (the form's id is "log-" + the key).
FORMS: dict[str, tuple[str, ...]] = {
    "food": ("food", "food_id", "amount", "time"),
    "supplement": ("compound", "dose_mg", "elemental", "label", "basis", "time"),
    "med": ("name", "time"),
    "symptom": ("symptom", "severity", "count", "location", "night", "time"),
    "sleep": ("hours", "quality"),
    "training": ("activity", "minutes", "rpe", "time"),
    "lab": ("value", "unit"),
    "note": ("note", "time"),
}
EDIT_FIELDS = (
    "date", "time", "note", "food", "amount", "dose_mg", "basis", "severity", "count",
    "location", "hours", "quality", "minutes", "rpe", "value", "unit",
)  # fmt: skip
SCALE = (0.0, 10.0)
SCALE_MESSAGE = N_("{what} is a number from 0 to 10, not {value}.")
# A service's error shows on the field of the input it names (error.fields; the journal day,
# "date", shows above the form). The symptom form's "symptom" is the services' "name"; an
# error naming no field of the form shows on the form's (or the entry kind's) first field.
RENAMED = {"symptom": {"name": "symptom"}}
FALLBACK_FIELD = {
    "food": "food", "supplement": "dose_mg", "med": "name", "medication": "time",
    "symptom": "severity", "sleep": "hours", "training": "minutes", "lab": "value",
    "note": "note",
}  # fmt: skip


def form_fields(form_key: str) -> dict[str, str]:
    """The fields of the log form ``form_key``, by the input names of the services."""
    return forms.form_fields((*FORMS[form_key], "date"), **RENAMED.get(form_key, {}))


def edit_fields(kind: str) -> dict[str, str]:
    """The fields of the edit form of an entry of ``kind`` (EntryChanges names, "day" as
    "date")."""
    return forms.form_fields(("date", "time", "note", *EDITABLE.get(kind, ())))


def kind_names() -> dict[str, str]:
    return {
        "food": _("food"),
        "supplement": _("supplement"),
        "medication": _("medicine"),
        "symptom": _("symptom"),
        "sleep": _("sleep"),
        "training": _("training"),
        "lab": _("lab"),
        "note": _("note"),
    }


def _now() -> datetime:
    return datetime.now()


# -- the day's entries -------------------------------------------------------------------------


def _what(kb: KnowledgeBase, entry: Entry, label: str) -> str:
    """What was logged, in the page's language (foods and supplements named in Dutch too)."""
    d = entry.detail
    if entry.kind == "supplement" and d.get("given_as") != "label":
        compound = kb.compounds.get(d.get("compound") or "")
        if compound is not None:
            return compound.name.get(get_language())
    return label


def _amount(entry: Entry) -> str:
    d = entry.detail
    kind = entry.kind
    if kind == "food":
        return str(d.get("amount_text") or "")
    if kind == "supplement":
        if d.get("given_as") == "label":
            return ""
        if entry_basis(d) == "compound" and d.get("dose_mg") is not None:
            return num(d["dose_mg"], 0, "mg")
        return ""
    if kind == "symptom":
        parts = []
        if d.get("count") is not None:
            parts.append(_("{n}×").format(n=d["count"]))
        if d.get("severity") is not None:
            parts.append(_("severity {value}/10").format(value=num(d["severity"], 0)))
        if d.get("location"):
            parts.append(str(d["location"]))
        if d.get("night"):
            parts.append(_("at night"))
        return ", ".join(parts)
    if kind == "sleep":
        hours = num(d["hours"], 1, "h")
        if d.get("quality") is None:
            return hours
        return _("{hours}, quality {value}/10").format(hours=hours, value=num(d["quality"], 0))
    if kind == "training":
        minutes = num(d["minutes"], 0, "min")
        return minutes if d.get("rpe") is None else f"{minutes}, RPE {num(d['rpe'], 0)}"
    if kind == "lab":
        return f"{num(d['value'], 2)} {d['unit']}"
    return ""


def _magnesium(entry: Entry) -> float | None:
    if entry.kind == "food":
        value = entry.detail.get("magnesium_mg")
    elif entry.kind == "supplement":
        value = entry.detail.get("elemental_mg")
    else:
        return None
    return None if value is None else float(value)


def entry_row(kb: KnowledgeBase, entry: Entry) -> dict[str, Any]:
    data = entry_json(kb, entry)
    grams = entry.detail.get("grams") if entry.kind == "food" else None
    return {
        "id": entry.id,
        "time": data["time"],
        "kind": entry.kind,
        "kind_name": kind_names().get(entry.kind, entry.kind),
        "what": _what(kb, entry, data["label"]),
        "amount": _amount(entry),
        "grams": grams,
        "mg": _magnesium(entry),
        "note": entry.note if entry.kind != "note" else None,
        "has_mg": entry.kind in ("food", "supplement"),
    }


def flash_text(row: Mapping[str, Any], saved: bool = False) -> str:
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


# -- the page ----------------------------------------------------------------------------------


@dataclass
class Posted:
    """A post that failed: its form, what was typed and the errors by field; for a supplement
    number that may be the tablet or the magnesium, the question to ask."""

    form: str
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    question: dict[str, str] | None = None


def supplement_question(params: Mapping[str, Any]) -> dict[str, str]:
    """The words of the question "is 200 mg the magnesium itself, or the whole tablet?", from
    the parameters of an AmbiguousDoseError, in the page's language."""
    amount = f"{forms.number_text(float(params['amount']), 3)}\u00a0{params['unit']}"
    return {
        "legend": _("Is {amount} the magnesium itself, or the whole tablet?").format(amount=amount),
        "elemental": _("The magnesium itself: {mg} magnesium").format(
            mg=num(float(params["as_elemental"]), 0, "mg")
        ),
        "compound": _("The whole tablet of {compound}: {mg} magnesium").format(
            compound=params["compound"], mg=num(float(params["as_compound"]), 0, "mg")
        ),
        "hint": _(
            "Look for '{label}' or 'of which magnesium' on the label: that is the magnesium itself."
        ).format(label=_("magnesium {amount}").format(amount=amount)),
    }


def _defaults(day: date) -> dict[str, dict[str, str]]:
    now = _now()
    time = now.strftime("%H:%M") if day == now.date() else ""
    values = {key: {name: "" for name in names} for key, names in FORMS.items()}
    for key, names in FORMS.items():
        if "time" in names:
            values[key]["time"] = time
    values["lab"]["unit"] = SerumUnit.MMOL_PER_L.value
    values["symptom"]["symptom"] = "cramp"
    return values


def _options(kb: KnowledgeBase) -> dict[str, Any]:
    lang = get_language()
    return {
        "symptoms": [(kind.slug, kind.name(lang)) for kind in symptom_kinds().values()],
        "compounds": sorted({c.name.get(lang) for c in kb.compounds.values()}),
        "lab_units": [(unit.value, unit.value) for unit in SerumUnit],
    }


def _page(
    request: Request,
    viewer: Viewer,
    day: date,
    *,
    flash: Mapping[str, int] | None = None,
    posted: Posted | None = None,
) -> Response:
    state = state_of(request)
    _person, entries = list_entries(state.db, PROFILE, day, day, owner=viewer.owner)
    rows = [entry_row(state.kb, entry) for entry in entries]
    message = None
    for key, entry_id in (flash or {}).items():
        if key == "deleted":
            message = _("The entry was deleted.")
        row = next((r for r in rows if r["id"] == entry_id), None)
        if row is not None and key in ("logged", "saved"):
            message = flash_text(row, saved=key == "saved")
    values = _defaults(day)
    errors: dict[str, dict[str, str]] = {}
    question = None
    if posted is not None:
        values[posted.form] |= posted.values
        errors[posted.form] = posted.errors
        question = posted.question
    today = _now().date()
    return render(
        request,
        "log.html",
        422 if posted is not None else 200,
        active="log",
        day=day,
        today=today,
        previous_day=day - timedelta(days=1),
        next_day=day + timedelta(days=1) if day < today else None,
        rows=rows,
        total_mg=sum(r["mg"] or 0.0 for r in rows),
        values=values,
        errors=errors,
        flash=message,
        question=question,
        **_options(state.kb),
    )


def _day_of(text: str | None) -> date:
    return parse_day(text.strip() if text and text.strip() else None, _now().date())


@router.get("/log")
def log_page(
    request: Request,
    day_text: str | None = Query(None, alias="date"),
    logged: int | None = None,
    saved: int | None = None,
    deleted: int | None = None,
    viewer: Viewer = Depends(signed_in),
) -> Response:
    if current_profile(request, viewer) is None:
        return RedirectResponse("/onboarding", status_code=303)
    flash = {
        key: value
        for key, value in (("logged", logged), ("saved", saved), ("deleted", deleted))
        if value is not None
    }
    return _page(request, viewer, _day_of(day_text), flash=flash)


def _back(day: date, **flash: int) -> RedirectResponse:
    query = urlencode({"date": day.isoformat(), **flash})
    return RedirectResponse(f"/log?{query}", status_code=303)


# -- reading the forms -------------------------------------------------------------------------


def _number(
    errors: dict[str, str], name: str, text: str, *, required: str | None = None
) -> float | None:
    """A number field; empty is None, or the ``required`` message when the field must be
    filled."""
    if not text:
        if required is not None:
            errors[name] = required
        return None
    return forms.attempt(errors, name, lambda: forms.parse_number(text))


def _scale(errors: dict[str, str], name: str, text: str, what: str) -> float | None:
    value = _number(errors, name, text)
    if value is not None and not SCALE[0] <= value <= SCALE[1]:
        errors[name] = translate(SCALE_MESSAGE, {"what": what, "value": text})
        return None
    return value


def _count(errors: dict[str, str], text: str) -> int | None:
    value = _number(errors, "count", text)
    if value is None:
        return None
    if value != int(value) or value < 0:
        errors["count"] = _("Give a whole number of times, e.g. 3.")
        return None
    return int(value)


def _time(errors: dict[str, str], form: FormData, text: str, day: date) -> int | None:
    """The posted time; a form without a time field gets now (today) like the CLI."""
    if "time" not in form:
        now = _now()
        return now.hour * 60 + now.minute if day == now.date() else None
    if not text:
        return None
    return forms.attempt(errors, "time", lambda: parse_time(text))


Logger = Callable[[WebState, When, dict[str, str], FormData, dict[str, str]], Entry | None]


def _log_food(
    state: WebState, when: When, v: dict[str, str], form: FormData, errors: dict[str, str]
) -> Entry | None:
    food = v["food_id"] or v["food"]
    if not food:
        errors["food"] = _("Name a food, e.g. almonds, or pick one from the suggestions.")
    if not v["amount"]:
        errors["amount"] = _("Give the amount, e.g. 30 g, 1/2 cup or 2 slices.")
    if errors:
        return None
    return log_food(state.db, when, food, v["amount"])


def _log_supplement(
    state: WebState, when: When, v: dict[str, str], form: FormData, errors: dict[str, str]
) -> Entry | None:
    label = v["label"]
    dose: float | None = None
    if label and (v["compound"] or v["dose_mg"]):
        errors["label"] = _("Give a compound and its dose, or a label line, not both.")
    elif not label:
        if not v["compound"]:
            errors["compound"] = _("Name the compound, e.g. citrate, or give a label line.")
        dose = _number(errors, "dose_mg", v["dose_mg"], required=_("Give the dose in mg."))
    if errors:
        return None
    try:
        return log_supplement(
            state.db, state.kb, when, v["compound"] or None, dose, label or None,
            basis=v["basis"] or None, elemental=forms.checked(v["elemental"]),
        )  # fmt: skip
    except InputError as error:
        if type(error) is InputError and not error.fields:
            errors["label" if label else "dose_mg"] = forms.error_text(error)
            return None
        raise


def _log_med(
    state: WebState, when: When, v: dict[str, str], form: FormData, errors: dict[str, str]
) -> Entry | None:
    if not v["name"]:
        errors["name"] = _("Name the medicine, e.g. levothyroxine.")
    if when.time is None and "time" not in errors:
        errors["time"] = _("Give the time you took it: the interaction check needs it.")
    if errors:
        return None
    return log_medication(state.db, state.kb, when, v["name"])


def _log_symptom(
    state: WebState, when: When, v: dict[str, str], form: FormData, errors: dict[str, str]
) -> Entry | None:
    kind = symptom_kinds().get(v["symptom"])
    if kind is None:
        errors["symptom"] = _("Choose what you felt.")
    severity = _scale(errors, "severity", v["severity"], _("Severity"))
    count = _count(errors, v["count"])
    if kind is not None and count is not None and "count" not in kind.measures:
        errors["count"] = _("A count is for cramps and twitches.")
    night = forms.checked(v["night"]) or None
    if kind is not None and night and "night" not in kind.measures:
        errors["night"] = _("At night is for cramps.")
    if errors or kind is None:
        return None
    return log_symptom(
        state.db, state.kb, when, kind.slug,
        count=count, severity=severity, location=v["location"] or None, night=night,
    )  # fmt: skip


def _log_sleep(
    state: WebState, when: When, v: dict[str, str], form: FormData, errors: dict[str, str]
) -> Entry | None:
    hours = _number(errors, "hours", v["hours"], required=_("Give the hours slept, e.g. 7.5."))
    quality = _scale(errors, "quality", v["quality"], _("Quality"))
    if errors or hours is None:
        return None
    return log_sleep(state.db, when, hours, quality)


def _log_training(
    state: WebState, when: When, v: dict[str, str], form: FormData, errors: dict[str, str]
) -> Entry | None:
    if not v["activity"]:
        errors["activity"] = _("Name the training, e.g. running or strength.")
    minutes = _number(errors, "minutes", v["minutes"], required=_("Give the minutes."))
    rpe = _scale(errors, "rpe", v["rpe"], _("Effort (RPE)"))
    if errors or minutes is None:
        return None
    return log_training(state.db, when, v["activity"], minutes, rpe)


def _log_lab(
    state: WebState, when: When, v: dict[str, str], form: FormData, errors: dict[str, str]
) -> Entry | None:
    value = _number(errors, "value", v["value"], required=_("Give the value, e.g. 0.82."))
    if v["unit"] not in {unit.value for unit in SerumUnit}:
        errors["unit"] = _("Choose the unit of the result.")
    if errors or value is None:
        return None
    return log_lab(state.db, state.kb, when, value, v["unit"])


def _log_note(
    state: WebState, when: When, v: dict[str, str], form: FormData, errors: dict[str, str]
) -> Entry | None:
    if not v["note"]:
        errors["note"] = _("Write the note.")
        return None
    return log_note(state.db, when)


LOGGERS: dict[str, Logger] = {
    "food": _log_food,
    "supplement": _log_supplement,
    "med": _log_med,
    "symptom": _log_symptom,
    "sleep": _log_sleep,
    "training": _log_training,
    "lab": _log_lab,
    "note": _log_note,
}


@router.post("/log/{form_key}")
def log_post(
    form_key: str,
    request: Request,
    viewer: Viewer = Depends(signed_in),
    form: FormData = Depends(verified_form),
) -> Response:
    logger = LOGGERS.get(form_key)
    if logger is None:
        raise HTTPException(404)
    if current_profile(request, viewer) is None:
        return RedirectResponse("/onboarding", status_code=303)
    state = state_of(request)
    values = {name: _text(form, name) for name in FORMS[form_key]}
    errors: dict[str, str] = {}
    day = forms.attempt(errors, "date", lambda: _day_of(_text(form, "date")))
    shown_day = day or _now().date()
    time = _time(errors, form, values.get("time", ""), shown_day)
    note = values["note"] if form_key == "note" else None
    when = When(PROFILE, shown_day, time, note, owner=viewer.owner, origin=ORIGIN)
    entry: Entry | None = None
    question = None
    try:
        entry = logger(state, when, values, form, errors) if not errors else None
    except AmbiguousDoseError as error:
        errors["basis"] = _("Choose one of the two: the label does not say which.")
        question = supplement_question(error.params)
    except MgCoachError as error:
        forms.add_error(errors, error, form_fields(form_key), FALLBACK_FIELD[form_key])
    if entry is None:
        posted = Posted(form_key, values, errors or {"date": _("Nothing was logged.")}, question)
        return _page(request, viewer, shown_day, posted=posted)
    return _back(entry.day, logged=entry.id)


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    return value.strip() if name != "note" else value.strip("\r\n ")


# -- edit and delete ---------------------------------------------------------------------------


def find_entry(request: Request, viewer: Viewer, entry_id: int) -> Entry:
    """The viewer's entry ``entry_id``; any other (another profile's, another user's, none) is
    a 404 page."""
    try:
        return get_entry(state_of(request).db, PROFILE, entry_id, viewer.owner)
    except (UnknownProfileError, UnknownEntryError):
        raise HTTPException(404) from None


def _dose_shown(entry: Entry) -> float | None:
    """The number first given: the tablet's mg for a compound basis, else the magnesium."""
    d = entry.detail
    if d.get("compound") is not None and entry_basis(d) == "compound":
        return d.get("dose_mg")
    return d.get("elemental_mg")


def edit_values(entry: Entry) -> dict[str, str]:
    d = entry.detail

    def shown(key: str, digits: int = 1) -> str:
        value = d.get(key)
        return forms.number_text(float(value), digits) if value is not None else ""

    values = {name: "" for name in EDIT_FIELDS}
    values |= {
        "date": entry.day.isoformat(),
        "time": format_time(entry.time) if entry.time is not None else "",
        "note": entry.note or "",
    }
    if entry.kind == "food":
        values["amount"] = str(d.get("amount_text") or "")
    elif entry.kind == "supplement":
        dose = _dose_shown(entry)
        values["dose_mg"] = forms.number_text(dose, 1) if dose is not None else ""
        values["basis"] = entry_basis(entry.detail)
    elif entry.kind == "symptom":
        values |= {"severity": shown("severity"), "count": shown("count", 0)}
        values["location"] = str(d.get("location") or "")
    elif entry.kind == "sleep":
        values |= {"hours": shown("hours", 2), "quality": shown("quality")}
    elif entry.kind == "training":
        values |= {"minutes": shown("minutes"), "rpe": shown("rpe")}
    elif entry.kind == "lab":
        values |= {"value": shown("value", 3), "unit": str(d.get("unit") or "")}
    return values


def _changed(
    errors: dict[str, str], name: str, text: str, shown: str, *, scale: str | None = None
) -> float | None:
    """A number field's new value, or None when it is empty or as shown."""
    if not text or text == shown:
        return None
    if scale is not None:
        return _scale(errors, name, text, scale)
    return _number(errors, name, text)


def read_changes(
    entry: Entry, form: FormData, values: dict[str, str], errors: dict[str, str]
) -> EntryChanges:
    shown = edit_values(entry)
    day = None
    if values["date"] and values["date"] != shown["date"]:
        day = forms.attempt(errors, "date", lambda: _day_of(values["date"]))
    time, clear = None, False
    if "time" in form and values["time"] != shown["time"]:
        if values["time"]:
            time = forms.attempt(errors, "time", lambda: parse_time(values["time"]))
        else:
            clear = True
    note = values["note"] if "note" in form and values["note"] != shown["note"] else None
    amount = values["amount"] if values["amount"] != shown["amount"] else None
    count_text = values["count"] if values["count"] != shown["count"] else ""
    count = _count(errors, count_text)
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
    )  # fmt: skip


def _edit_page(
    request: Request, entry: Entry, values: dict[str, str], errors: dict[str, str]
) -> Response:
    kb = state_of(request).kb
    row = entry_row(kb, entry)
    kind = symptom_kinds().get(entry.detail.get("symptom", "")) if entry.kind == "symptom" else None
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
            if entry.kind == "supplement" and entry_basis(entry.detail) == "compound"
            else _("In mg of elemental magnesium.")
        ),
        bases=[
            ("compound", _("The whole tablet (the compound)")),
            ("elemental", _("The magnesium itself")),
        ],
        can_change_basis=entry.kind == "supplement" and basis_can_change(entry.detail),
        lab_units=[(unit.value, unit.value) for unit in SerumUnit],
        today=_now().date(),
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
    values = {name: _text(form, name) for name in EDIT_FIELDS}
    errors: dict[str, str] = {}
    changes = read_changes(entry, form, values, errors)
    if not errors:
        try:
            edited = edit_entry(state.db, state.kb, PROFILE, entry_id, changes, owner=viewer.owner)
        except MgCoachError as error:
            fallback = FALLBACK_FIELD.get(entry.kind, "note")
            forms.add_error(errors, error, edit_fields(entry.kind), fallback)
        else:
            return _back(edited.day, saved=edited.id)
    return _edit_page(request, entry, values, errors)


@router.post("/log/entry/{entry_id}/delete")
def delete_entry(
    request: Request,
    entry_id: int,
    viewer: Viewer = Depends(signed_in),
    form: FormData = Depends(verified_form),
) -> Response:
    entry = find_entry(request, viewer, entry_id)
    delete_entries(state_of(request).db, PROFILE, [entry_id], owner=viewer.owner)
    return _back(entry.day, deleted=entry_id)
