"""Onboarding: who the journal is for (the profile), and the language and units of the site.

The same form edits an existing profile ("Edit profile" in Settings): it shows the stored
values, and a value left as shown is kept as stored (no drift from rounding or unit
conversion). Each field is checked on its own first (``onboarding_form.py``), so an error lands
on the field it is about; the profile service then checks the whole person with the engine's
rules.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from ...errors import MgCoachError
from ...i18n import _, get_language
from ...journal.model import REASONS, PersonProfile
from ...knowledge import KnowledgeBase
from ...knowledge.vocabulary import System
from ...services import accounts
from ...services.journal import list_profiles, reason_label, set_profile
from .. import forms
from ..context import PROFILE, Viewer, signed_in, state_of, verified_form
from ..routing import IndexedRouter
from ..templating import render
from . import onboarding_meds as meds_form
from .onboarding_form import (
    AGE_DIGITS,
    EGFR_DIGITS,
    FIELDS,
    HEIGHT_DIGITS,
    WEIGHT_DIGITS,
    read_form,
)
from .onboarding_meds import WEEKDAY_LABELS, WEEKDAYS

router = IndexedRouter(include_in_schema=False)

# The form's fields by the profile service's input names (ProfileChanges): an error the
# service still raises after the field checks shows on the field it names, else on the age.
PROFILE_FIELDS = forms.form_fields((*FIELDS, "reasons"), weight_kg="weight", height_cm="height")


def default_system(language: str) -> str:
    return System.NL.value if language == "nl" else System.US.value


def current_profile(request: Request, viewer: Viewer) -> PersonProfile | None:
    people = list_profiles(state_of(request).db, viewer.owner)
    return next((p for p in people if p.name == PROFILE), None)


def shown_values(person: PersonProfile | None, viewer: Viewer, today: date) -> dict[str, Any]:
    """The form's values: the stored profile in the viewer's units, or the defaults."""
    units = viewer.units
    if person is None:
        return {
            "age": "", "sex": "", "pregnant": False, "lactating": False, "weight": "",
            "height": "", "activity": "", "system": default_system(viewer.language),
            "language": viewer.language, "units": units, "egfr": "", "dialysis": False,
            "meds": "", "med_rows": [], "reasons": [],
        }  # fmt: skip
    weight = None if person.weight_kg is None else forms.kg_to_weight(person.weight_kg, units)
    height = None if person.height_cm is None else forms.cm_to_height(person.height_cm, units)
    return {
        "age": forms.number_text(person.age_at(today), AGE_DIGITS),
        "sex": person.sex,
        "pregnant": person.pregnant,
        "lactating": person.lactating,
        "weight": forms.number_text(weight, WEIGHT_DIGITS),
        "height": forms.number_text(height, HEIGHT_DIGITS),
        "activity": person.activity or "",
        "system": person.system,
        "language": viewer.language,
        "units": units,
        "egfr": forms.number_text(person.egfr, EGFR_DIGITS),
        "dialysis": person.dialysis,
        "meds": "",  # the medicines are in their rows; the text box is for more
        "med_rows": meds_form.stored_rows(person),
        "reasons": list(person.reasons),
    }


def system_options(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """The reference systems, named in the page's language."""
    lang = get_language()
    return [(info.slug.value, info.name.get(lang)) for info in kb.systems]


# The fields in the page's order (a row's fields go where the rows are), for the error summary.
PAGE_ORDER = (
    "reasons", "age", "sex", "pregnant", "lactating", "weight", "height", "activity", "egfr",
    "dialysis", "med_rows", "meds", "system", "language", "units",
)  # fmt: skip


def error_links(errors: dict[str, str], rows: int) -> list[tuple[str, str]]:
    """The errors as (id of the input, message), in the page's order."""
    keys: list[str] = []
    for name in PAGE_ORDER:
        if name == "med_rows":
            keys += [key for index in range(rows) for key in meds_form.row_fields(index)]
        else:
            keys.append(name)
    keys += [key for key in errors if key not in keys]
    return [(_anchor(key), errors[key]) for key in keys if key in errors]


def _anchor(key: str) -> str:
    if key == "reasons":
        return f"f-reason-{REASONS[0]}"
    return meds_form.anchor(key)


def _page(
    request: Request,
    person: PersonProfile | None,
    values: dict[str, Any],
    errors: dict[str, str],
    *,
    more_rows: int = meds_form.EMPTY_ROWS,
    new_row: int | None = None,
) -> Response:
    """The form with ``values``; after the medicine rows of ``values``, ``more_rows`` empty
    ones (a post's rows are shown as posted, so that their errors stay on them)."""
    kb = state_of(request).kb
    lang = get_language()
    rows = meds_form.shown_rows(values["med_rows"], more=more_rows)
    return render(
        request,
        "onboarding.html",
        422 if errors else 200,
        active="",
        editing=person is not None,
        values=values,
        errors=errors,
        error_links=error_links(errors, len(rows)),
        activities=[("", _("Not given"))]
        + [(a.slug, f"{a.name.get(lang)} — {a.description.get(lang)}") for a in kb.energy.activity],
        systems=system_options(kb),
        weight_unit=forms.weight_unit(values["units"]),
        height_unit=forms.height_unit(values["units"]),
        reasons=[(reason, reason_label(reason)) for reason in REASONS],
        med_rows=rows,
        new_row=new_row if new_row is not None and new_row < len(rows) else None,
        max_rows=meds_form.MAX_ROWS,
        weekdays=[(d, _(label)) for d, label in zip(WEEKDAYS, WEEKDAY_LABELS, strict=True)],
        medicine_names=meds_form.medicine_names(kb),
    )


@router.get("/onboarding")
def onboarding_form(request: Request, viewer: Viewer = Depends(signed_in)) -> Response:
    person = current_profile(request, viewer)
    return _page(request, person, shown_values(person, viewer, date.today()), {})


@router.post("/onboarding")
def onboarding_save(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(verified_form)
) -> Response:
    state = state_of(request)
    person = current_profile(request, viewer)
    today = date.today()
    reading = read_form(form, viewer, state.kb, person, today)
    more = 0 if meds_form.rows_posted(form) else meds_form.EMPTY_ROWS
    if meds_form.ADD_ROW in form:  # "Add another medicine": the form again, one row more
        posted = len(meds_form.shown_rows(reading.values["med_rows"], more=more))
        return _page(request, person, reading.values, {}, more_rows=more + 1, new_row=posted)
    if reading.errors:
        return _page(request, person, reading.values, reading.errors, more_rows=more)
    try:
        set_profile(state.db, state.kb, PROFILE, reading.changes, today, owner=viewer.owner)
    except MgCoachError as error:
        forms.add_error(reading.errors, error, PROFILE_FIELDS, "age")
        return _page(request, person, reading.values, reading.errors, more_rows=more)
    assert viewer.account_id is not None
    accounts.set_preferences(state.db, viewer.account_id, reading.language, reading.units)
    state.forget_local()
    return RedirectResponse("/today", status_code=303)
