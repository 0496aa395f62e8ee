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

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from ...engine.clock import format_time
from ...errors import MgCoachError
from ...i18n import _, get_language
from ...journal.model import PersonProfile
from ...knowledge import KnowledgeBase
from ...knowledge.vocabulary import System
from ...services import accounts
from ...services.journal import list_profiles, set_profile
from .. import forms
from ..context import PROFILE, Viewer, signed_in, state_of, verified_form
from ..templating import render
from .onboarding_form import (
    AGE_DIGITS,
    EGFR_DIGITS,
    FIELDS,
    HEIGHT_DIGITS,
    WEIGHT_DIGITS,
    read_form,
)

router = APIRouter(include_in_schema=False)

# The form's fields by the profile service's input names (ProfileChanges): an error the
# service still raises after the field checks shows on the field it names, else on the age.
PROFILE_FIELDS = forms.form_fields(FIELDS, weight_kg="weight", height_cm="height")


def default_system(language: str) -> str:
    return System.NL.value if language == "nl" else System.US.value


def current_profile(request: Request, viewer: Viewer) -> PersonProfile | None:
    people = list_profiles(state_of(request).db, viewer.owner)
    return next((p for p in people if p.name == PROFILE), None)


def _meds_text(person: PersonProfile) -> str:
    lines = []
    for med in person.medicines:
        times = ",".join(format_time(t) for t in med.times)
        line = f"{med.name}@{times}" if times else med.name
        lines.append(line if med.frequency.daily else f"{line}/{med.frequency.spec}")
    return "\n".join(lines)


def shown_values(person: PersonProfile | None, viewer: Viewer, today: date) -> dict[str, Any]:
    """The form's values: the stored profile in the viewer's units, or the defaults."""
    units = viewer.units
    if person is None:
        return {
            "age": "", "sex": "", "pregnant": False, "lactating": False, "weight": "",
            "height": "", "activity": "", "system": default_system(viewer.language),
            "language": viewer.language, "units": units, "egfr": "", "dialysis": False,
            "meds": "",
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
        "meds": _meds_text(person),
    }


def system_options(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """The reference systems, named in the page's language."""
    lang = get_language()
    return [(info.slug.value, info.name.get(lang)) for info in kb.systems]


def _page(
    request: Request, person: PersonProfile | None, values: dict[str, Any], errors: dict[str, str]
) -> Response:
    kb = state_of(request).kb
    lang = get_language()
    return render(
        request,
        "onboarding.html",
        422 if errors else 200,
        active="",
        editing=person is not None,
        values=values,
        errors=errors,
        activities=[("", _("Not given"))]
        + [(a.slug, f"{a.name.get(lang)} — {a.description.get(lang)}") for a in kb.energy.activity],
        systems=system_options(kb),
        weight_unit=forms.weight_unit(values["units"]),
        height_unit=forms.height_unit(values["units"]),
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
    if reading.errors:
        return _page(request, person, reading.values, reading.errors)
    try:
        set_profile(state.db, state.kb, PROFILE, reading.changes, today, owner=viewer.owner)
    except MgCoachError as error:
        forms.add_error(reading.errors, error, PROFILE_FIELDS, "age")
        return _page(request, person, reading.values, reading.errors)
    assert viewer.account_id is not None
    accounts.set_preferences(state.db, viewer.account_id, reading.language, reading.units)
    state.forget_local()
    return RedirectResponse("/today", status_code=303)
