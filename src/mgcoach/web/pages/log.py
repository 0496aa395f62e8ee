"""The journal page: log a day's foods, supplements, medicines, symptoms, sleep, training, lab
values, body weights and notes, and list the day's entries (log_rows.py); the forms are read in
log_forms.py, an entry is edited and deleted in log_edit.py.

Every post goes through the same services as `mgcoach log`, `edit` and `delete`, and ends in a
redirect back to the day with a short message (post/redirect/get), or shows the form again
with the error on its field and nothing stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from ...errors import AmbiguousDoseError, MgCoachError
from ...i18n import _, get_language
from ...journal.dates import parse_day
from ...journal.model import Entry
from ...journal.vocabulary import symptom_kinds
from ...knowledge import KnowledgeBase
from ...services.favourites import favourite_foods
from ...services.foods import show_food
from ...services.journal_daily import recent_foods
from ...services.journal_log import When
from ...services.meals import MEAL_NAMES
from ...services.stamps import FOOD_USAGE, FOODS, journal_stamp
from ...units import SerumUnit
from .. import forms
from ..context import PROFILE, Viewer, WebState, signed_in, state_of, verified_form
from ..page_cache import kept_page
from ..routing import IndexedRouter
from ..templating import num, render
from .citations import Citations
from .log_daily import to_day
from .log_forms import LOGGERS, now_here, read_time
from .log_rows import entry_row, flash_text
from .log_view import Shown, day_entries, has_profile, log_query

router = IndexedRouter(include_in_schema=False)

ORIGIN = "web"
# The fields of each form on the page (the form's id is "log-" + the key).
FORMS: dict[str, tuple[str, ...]] = {
    "food": ("food", "food_id", "amount", "meal", "time"),
    "quick": ("label", "magnesium_mg", "energy_kcal", "meal", "time"),
    "supplement": ("compound", "dose_mg", "elemental", "label", "basis", "time"),
    "med": ("name", "time"),
    "symptom": ("symptom", "severity", "count", "location", "night", "time"),
    "sleep": ("hours", "quality"),
    "training": ("activity", "minutes", "rpe", "time"),
    "lab": ("value", "unit"),
    "weight": ("kg", "time"),
    "note": ("note", "time"),
    "barcode": ("barcode",),  # a look-up, not an entry: log_barcode.py
}
# A service's error shows on the field of the input it names (error.fields; the journal day,
# "date", shows above the form). The symptom form's "symptom" is the services' "name"; an
# error naming no field of the form shows on the form's (or the entry kind's) first field.
RENAMED = {"symptom": {"name": "symptom"}}
FALLBACK_FIELD = {
    "food": "food", "quick": "magnesium_mg", "supplement": "dose_mg", "med": "name",
    "medication": "time", "symptom": "severity", "sleep": "hours", "training": "minutes",
    "lab": "value", "weight": "kg", "note": "note",
}  # fmt: skip


def form_fields(form_key: str) -> dict[str, str]:
    """The fields of the log form ``form_key``, by the input names of the services."""
    return forms.form_fields((*FORMS[form_key], "date"), **RENAMED.get(form_key, {}))


# -- the page ----------------------------------------------------------------------------------


@dataclass
class Posted:
    """A post that failed: its form, what was typed and the errors by field; for a supplement
    number that may be the tablet or the magnesium, the question to ask."""

    form: str
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    question: dict[str, str] | None = None
    status: int = 422  # 200 for a form filled in for the person (a scanned supplement)
    message: str | None = None


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


def meal_now(at: datetime) -> str:
    """The meal a food logged at ``at`` most likely belongs to."""
    hour = at.hour
    if 4 <= hour < 11:
        return "breakfast"
    if 11 <= hour < 15:
        return "lunch"
    if 17 <= hour < 21:
        return "dinner"
    return "snacks"


def _defaults(day: date, meal: str | None) -> dict[str, dict[str, str]]:
    now = now_here()
    time = now.strftime("%H:%M") if day == now.date() else ""
    values = {key: {name: "" for name in names} for key, names in FORMS.items()}
    for key, names in FORMS.items():
        if "time" in names:
            values[key]["time"] = time
        if "meal" in names:
            values[key]["meal"] = meal or (meal_now(now) if day == now.date() else "")
    values["lab"]["unit"] = SerumUnit.MMOL_PER_L.value
    values["symptom"]["symptom"] = "cramp"
    return values


def _options(kb: KnowledgeBase) -> dict[str, Any]:
    lang = get_language()
    return {
        "meals": [(slug, _(name)) for slug, name in MEAL_NAMES.items()],
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
    shown: Shown | None = None,
) -> Response:
    status = posted.status if posted is not None else 200
    context = _context(request, viewer, day, flash=flash, posted=posted, shown=shown)
    return render(request, "log.html", status, **context)


def _context(
    request: Request,
    viewer: Viewer,
    day: date,
    *,
    flash: Mapping[str, int] | None = None,
    posted: Posted | None = None,
    shown: Shown | None = None,
) -> dict[str, Any]:
    state = state_of(request)
    shown = shown or Shown()
    entries, progress = day_entries(state, viewer, day)
    rows = [entry_row(state.kb, entry) for entry in entries]
    message = shown.message()
    for key, entry_id in (flash or {}).items():
        row = next((r for r in rows if r["id"] == entry_id), None)
        if row is not None and key in ("logged", "saved"):
            message = flash_text(row, saved=key == "saved")
    values = _defaults(day, shown.meal)
    scanned = _food_shown(state, viewer, shown, values["food"])
    message = scanned or message
    errors: dict[str, dict[str, str]] = {}
    question = None
    if posted is not None:
        values[posted.form] |= posted.values
        errors[posted.form] = posted.errors
        question = posted.question
        message = posted.message or message
    today = now_here().date()
    return dict(
        active="log",
        day=day,
        today=today,
        previous_day=day - timedelta(days=1),
        next_day=day + timedelta(days=1) if day < today else None,
        rows=rows,
        total_mg=sum(r["mg"] or 0.0 for r in rows),
        progress=progress,
        citations=Citations(state.kb.sources),
        again=recent_foods(state.db, PROFILE, day, viewer.owner),
        favourites=favourite_foods(state.db, PROFILE, viewer.owner),
        undo=shown.undo,
        focus_food=bool(flash) and "logged" in (flash or {}) and posted is None,
        focus_amount=bool(scanned) and posted is None,
        online_lookup=state.config.settings.online,
        values=values,
        errors=errors,
        flash=message,
        question=question,
        **_options(state.kb),
    )


def _food_shown(state: WebState, viewer: Viewer, shown: Shown, values: dict[str, str]) -> str:
    """Fill the food form with the food of "Log this" (the Foods and Plan pages) or of a
    barcode (log_barcode.py); for a barcode's food, the message: only its amount is left."""
    if not shown.food:
        return ""
    values |= _chosen_food(state, viewer, shown.food)
    if not (shown.scanned and values["food_id"]):
        return ""
    return _("Barcode {code}: {food}. Give the amount and log it.").format(
        code=shown.scanned, food=values["food"]
    )


def _chosen_food(state: WebState, viewer: Viewer, food: str) -> dict[str, str]:
    try:
        found = show_food(state.db, food, visible_to=viewer.account_id)
    except MgCoachError:
        return {"food": food}
    name = found.name_nl if get_language() == "nl" and found.name_nl else found.name
    return {"food": name, "food_id": found.id}


def day_of(text: str | None) -> date:
    return parse_day(text.strip() if text and text.strip() else None, now_here().date())


@router.get("/log")
async def log_page(request: Request, viewer: Viewer = Depends(signed_in)) -> Response:
    asked = log_query(request)
    logged, saved, shown = asked.logged, asked.saved, asked.shown
    state = state_of(request)
    stamp = journal_stamp(state.db, viewer.owner, PROFILE, FOODS, FOOD_USAGE)
    if stamp is None:
        return RedirectResponse("/onboarding", status_code=303)
    flash = {
        key: value for key, value in (("logged", logged), ("saved", saved)) if value is not None
    }
    day = day_of(asked.day)
    # What the page rests on: the journal and the foods (their generations), the query
    # string, and the clock to the minute (the forms' time and meal).
    query = tuple(sorted(request.query_params.multi_items()))
    key = ("log", stamp, day, now_here().strftime("%Y-%m-%d %H:%M"), query)
    return await kept_page(
        request,
        "log.html",
        key,
        lambda: _context(request, viewer, day, flash=flash, shown=shown),
    )


def back_to_day(day: date, **flash: int) -> RedirectResponse:
    query = urlencode({"date": day.isoformat(), **flash})
    return RedirectResponse(f"/log?{query}", status_code=303)


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
    if not has_profile(state_of(request), viewer):
        return RedirectResponse("/onboarding", status_code=303)
    state = state_of(request)
    values = {name: posted_text(form, name) for name in FORMS[form_key]}
    errors: dict[str, str] = {}
    day = forms.attempt(errors, "date", lambda: day_of(posted_text(form, "date")))
    shown_day = day or now_here().date()
    time = read_time(errors, form, values.get("time", ""), shown_day)
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
    if "meal" in values:  # the next food goes in the same meal, the food field focused
        return to_day(entry.day, logged=entry.id, meal=values["meal"])
    return back_to_day(entry.day, logged=entry.id)


def posted_text(form: FormData, name: str) -> str:
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    return value.strip() if name != "note" else value.strip("\r\n ")
