"""Reading the journal page's log forms: each form's text turned into numbers, times and
choices, with an error per field, then handed to the logging service (services/journal_log.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from starlette.datastructures import FormData

from ...engine.clock import parse_time
from ...errors import InputError
from ...i18n import N_, _, translate
from ...journal.model import Entry
from ...journal.vocabulary import symptom_kinds
from ...services.journal_daily import quick_add
from ...services.journal_log import (
    When,
    log_food,
    log_lab,
    log_medication,
    log_note,
    log_sleep,
    log_supplement,
    log_symptom,
    log_training,
    log_weight,
)
from ...units import SerumUnit
from .. import forms
from ..context import WebState

SCALE = (0.0, 10.0)
SCALE_MESSAGE = N_("{what} is a number from 0 to 10, not {value}.")


def now_here() -> datetime:
    """The page's clock: now, on this machine."""
    return datetime.now()


def read_number(
    errors: dict[str, str], name: str, text: str, *, required: str | None = None
) -> float | None:
    """A number field; empty is None, or the ``required`` message when the field must be
    filled."""
    if not text:
        if required is not None:
            errors[name] = required
        return None
    return forms.attempt(errors, name, lambda: forms.parse_number(text))


def read_scale(errors: dict[str, str], name: str, text: str, what: str) -> float | None:
    value = read_number(errors, name, text)
    if value is not None and not SCALE[0] <= value <= SCALE[1]:
        errors[name] = translate(SCALE_MESSAGE, {"what": what, "value": text})
        return None
    return value


def read_count(errors: dict[str, str], text: str) -> int | None:
    value = read_number(errors, "count", text)
    if value is None:
        return None
    if value != int(value) or value < 0:
        errors["count"] = _("Give a whole number of times, e.g. 3.")
        return None
    return int(value)


def read_time(errors: dict[str, str], form: FormData, text: str, day: date) -> int | None:
    """The posted time; a form without a time field gets now (today) like the CLI."""
    if "time" not in form:
        now = now_here()
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
    return log_food(state.db, when, food, v["amount"], v["meal"] or None)


def _log_quick(
    state: WebState, when: When, v: dict[str, str], form: FormData, errors: dict[str, str]
) -> Entry | None:
    if not v["label"]:
        errors["label"] = _("Give the quick add a name, e.g. lunch out.")
    mg = read_number(errors, "magnesium_mg", v["magnesium_mg"])
    kcal = read_number(errors, "energy_kcal", v["energy_kcal"])
    if mg is None and kcal is None and "magnesium_mg" not in errors:
        errors["magnesium_mg"] = _("Give the magnesium (mg) or the energy (kcal), or both.")
    if errors:
        return None
    return quick_add(state.db, when, v["label"], mg, kcal, v["meal"] or None)


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
        dose = read_number(errors, "dose_mg", v["dose_mg"], required=_("Give the dose in mg."))
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
    severity = read_scale(errors, "severity", v["severity"], _("Severity"))
    count = read_count(errors, v["count"])
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
    hours = read_number(errors, "hours", v["hours"], required=_("Give the hours slept, e.g. 7.5."))
    quality = read_scale(errors, "quality", v["quality"], _("Quality"))
    if errors or hours is None:
        return None
    return log_sleep(state.db, when, hours, quality)


def _log_training(
    state: WebState, when: When, v: dict[str, str], form: FormData, errors: dict[str, str]
) -> Entry | None:
    if not v["activity"]:
        errors["activity"] = _("Name the training, e.g. running or strength.")
    minutes = read_number(errors, "minutes", v["minutes"], required=_("Give the minutes."))
    rpe = read_scale(errors, "rpe", v["rpe"], _("Effort (RPE)"))
    if errors or minutes is None:
        return None
    return log_training(state.db, when, v["activity"], minutes, rpe)


def _log_lab(
    state: WebState, when: When, v: dict[str, str], form: FormData, errors: dict[str, str]
) -> Entry | None:
    value = read_number(errors, "value", v["value"], required=_("Give the value, e.g. 0.82."))
    if v["unit"] not in {unit.value for unit in SerumUnit}:
        errors["unit"] = _("Choose the unit of the result.")
    if errors or value is None:
        return None
    return log_lab(state.db, state.kb, when, value, v["unit"])


def _log_weight(
    state: WebState, when: When, v: dict[str, str], form: FormData, errors: dict[str, str]
) -> Entry | None:
    kg = read_number(errors, "kg", v["kg"], required=_("Give your weight in kg, e.g. 72.5."))
    if errors or kg is None:
        return None
    return log_weight(state.db, when, kg)


def _log_note(
    state: WebState, when: When, v: dict[str, str], form: FormData, errors: dict[str, str]
) -> Entry | None:
    if not v["note"]:
        errors["note"] = _("Write the note.")
        return None
    return log_note(state.db, when)


LOGGERS: dict[str, Logger] = {
    "food": _log_food,
    "quick": _log_quick,
    "supplement": _log_supplement,
    "med": _log_med,
    "symptom": _log_symptom,
    "sleep": _log_sleep,
    "training": _log_training,
    "lab": _log_lab,
    "weight": _log_weight,
    "note": _log_note,
}
