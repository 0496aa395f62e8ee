"""The onboarding form read: each field checked on its own first, so an error lands on the
field it is about, and a value left as shown kept as stored (no drift from rounding or unit
conversion). The page itself is ``onboarding.py``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from starlette.datastructures import FormData

from ...engine import energy
from ...engine import profile as engine_profile
from ...engine.check import validate_egfr
from ...engine.clock import parse_med
from ...engine.energy import resolve_activity
from ...engine.names import find_drug
from ...engine.profile import build_profile, parse_sex, parse_system
from ...errors import InputError, MgCoachError, ProfileError
from ...i18n import LANGUAGES, N_, _, set_language
from ...journal.model import PersonProfile
from ...knowledge import KnowledgeBase
from ...services.journal import ProfileChanges, parse_reasons
from .. import forms
from ..context import UNITS, Viewer, form_text
from . import onboarding_meds as meds_form

FIELDS = (
    "age", "sex", "pregnant", "lactating", "weight", "height", "activity", "system",
    "language", "units", "egfr", "dialysis", "meds",
)  # fmt: skip
WEIGHT_DIGITS = 1
HEIGHT_DIGITS = 1
AGE_DIGITS = 0
EGFR_DIGITS = 1
REASONS_SHOWN = "reasons_shown"
"""A hidden input of the form: the reasons are on it (none ticked removes them)."""


def _same(value: float, stored: float | None, digits: int) -> bool:
    """Is ``value`` what the form showed for ``stored`` (rounded as shown)?"""
    return stored is not None and math.isclose(value, round(stored, digits), abs_tol=1e-9)


@dataclass
class Reading:
    """A posted onboarding form, read field by field."""

    values: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)
    changes: ProfileChanges = field(default_factory=ProfileChanges)
    language: str = "en"
    units: str = "metric"


def _language(form: FormData, viewer: Viewer, errors: dict[str, str]) -> str:
    given = form_text(form, "language")
    if not given:
        return viewer.language
    if given not in LANGUAGES:
        errors["language"] = _("Choose English or Dutch.")
        return viewer.language
    return given


def _units(form: FormData, viewer: Viewer, errors: dict[str, str]) -> str:
    given = form_text(form, "units")
    if not given:
        return viewer.units
    if given not in UNITS:
        errors["units"] = _("Choose metric or US units.")
        return viewer.units
    return given


def _check_weight(kg: float, age: float | None, units: str) -> None:
    """The weight range of the engine: an adult's (energy equation) or anyone's (profile)."""
    adult = age is not None and age >= energy.ADULT_AGE_YEARS
    low, high = energy.WEIGHT_RANGE_KG if adult else engine_profile.WEIGHT_RANGE_KG
    if low <= kg <= high:
        return
    if units == "us":
        raise ProfileError(
            N_("A weight of {weight} lb is not possible: give {low} to {high} lb."),
            weight=round(forms.kg_to_weight(kg, units), 1),
            low=round(forms.kg_to_weight(low, units), 1),
            high=round(forms.kg_to_weight(high, units)),
        )
    raise ProfileError(
        N_("A weight of {weight} kg is not possible: give {low} to {high} kg."),
        weight=kg,
        low=low,
        high=high,
    )


def _check_height(cm: float, units: str) -> None:
    low, high = energy.HEIGHT_RANGE_CM
    if low <= cm <= high:
        return
    if units == "us":
        raise ProfileError(
            N_("A height of {height} in is not possible: give {low} to {high} in."),
            height=round(forms.cm_to_height(cm, units), 1),
            low=round(forms.cm_to_height(low, units), 1),
            high=round(forms.cm_to_height(high, units), 1),
        )
    raise ProfileError(
        N_("A height of {height} cm is not possible: give {low} to {high} cm."),
        height=cm,
        low=low,
        high=high,
    )


def read_meds(kb: KnowledgeBase, text: str, seen: dict[str, str] | None = None) -> list[str]:
    """The medicine lines, each a known medicine as ``parse_med`` reads it (NAME@HH:MM[,HH:MM]
    [/FREQUENCY], or "omeprazole 07:30"); an InputError names the line that is wrong. ``seen``:
    the medicines the rows already name (slug -> name)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    seen = {} if seen is None else seen
    for number, line in enumerate(lines, start=1):
        try:
            name = parse_med(line).name
            drug = find_drug(kb, name)
        except MgCoachError as error:
            raise InputError(
                N_("Line {line} ({text}): {problem}"),
                line=number,
                text=line,
                problem=forms.error_text(error),
            ) from None
        if drug.slug in seen:
            raise InputError(
                N_("Line {line} ({text}): {drug} is listed twice; give its times on one line."),
                line=number,
                text=line,
                drug=seen[drug.slug],
            )
        seen[drug.slug] = name
    return lines


def read_form(
    form: FormData, viewer: Viewer, kb: KnowledgeBase, person: PersonProfile | None, today: date
) -> Reading:
    """Each field checked on its own, in order, so that its error lands on it."""
    errors: dict[str, str] = {}
    language = _language(form, viewer, errors)
    set_language(language)  # the errors and the page again in the language chosen
    units = _units(form, viewer, errors)
    text = {name: form_text(form, name) for name in FIELDS}
    values: dict[str, Any] = dict(text, language=language, units=units)
    for box in ("pregnant", "lactating", "dialysis"):
        values[box] = forms.checked(form.get(box))
    values["meds"] = form.get("meds") if isinstance(form.get("meds"), str) else text["meds"]

    sex = _read_sex(errors, text["sex"], person)
    known_sex = sex or (person.sex if person is not None else None)
    age = _read_age(errors, text["age"], person)
    if age is not None and person is not None and _same(age, person.age_at(today), AGE_DIGITS):
        given_age = None  # as shown: keep the stored age and the day it was given
    else:
        given_age = age
    age_now = age if age is not None else (person.age_at(today) if person else None)
    pregnant, lactating = values["pregnant"], values["lactating"]
    _check_state(errors, known_sex, age_now, pregnant=pregnant, lactating=lactating)

    weight_kg = _measure(
        errors, "weight", text["weight"], units, WEIGHT_DIGITS,
        stored=None if person is None else person.weight_kg,
        to_base=forms.weight_to_kg, from_base=forms.kg_to_weight,
        check=lambda kg: _check_weight(kg, age_now, units),
    )  # fmt: skip
    height_cm = _measure(
        errors, "height", text["height"], units, HEIGHT_DIGITS,
        stored=None if person is None else person.height_cm,
        to_base=forms.height_to_cm, from_base=forms.cm_to_height,
        check=lambda cm: _check_height(cm, units),
    )  # fmt: skip

    activity, system = _read_choices(errors, kb, text)
    egfr = _read_egfr(errors, text["egfr"], person)
    meds = _read_meds(errors, form, kb, values, person)
    reasons = _read_reasons(errors, form, kb, values, person)

    changes = ProfileChanges(
        age=given_age, sex=sex, pregnant=pregnant, lactating=lactating, system=system,
        weight_kg=weight_kg, height_cm=height_cm, egfr=egfr, dialysis=values["dialysis"],
        activity=activity, meds=meds, reasons=reasons,
    )  # fmt: skip
    return Reading(values, errors, changes, language, units)


def _read_meds(
    errors: dict[str, str],
    form: FormData,
    kb: KnowledgeBase,
    values: dict[str, Any],
    person: PersonProfile | None,
) -> list[str] | None:
    """The medicines of the rows and of the text box; None when the post has neither (they
    stay as stored)."""
    rows = meds_form.posted_rows(form)
    values["med_rows"] = rows
    if not (meds_form.rows_posted(form) or "meds" in form):
        values["med_rows"] = meds_form.stored_rows(person)
        return None
    if meds_form.too_many_rows(form):
        errors["meds"] = _("Give at most {max} medicines.").format(max=meds_form.MAX_ROWS)
    seen: dict[str, str] = {}
    meds = meds_form.read_rows(kb, rows, errors, seen)
    if "meds" in form:
        lines = forms.attempt(errors, "meds", lambda: read_meds(kb, str(values["meds"]), seen))
        meds += lines or []
    return meds


def _read_reasons(
    errors: dict[str, str],
    form: FormData,
    kb: KnowledgeBase,
    values: dict[str, Any],
    person: PersonProfile | None,
) -> list[str] | None:
    """The reasons ticked; None when the post has no reasons (they stay as stored)."""
    if REASONS_SHOWN not in form and "reason" not in form:
        values["reasons"] = list(person.reasons) if person is not None else []
        return None
    given = [v for v in form.getlist("reason") if isinstance(v, str)]
    values["reasons"] = given
    found = forms.attempt(errors, "reasons", lambda: parse_reasons(kb, given))
    return None if found is None else list(found)


def _read_sex(errors: dict[str, str], text: str, person: PersonProfile | None) -> str | None:
    if text:
        parsed = forms.attempt(errors, "sex", lambda: parse_sex(text))
        return parsed.value if parsed is not None else None
    if person is None:
        errors["sex"] = _("Choose female or male.")
    return None


def _read_age(errors: dict[str, str], text: str, person: PersonProfile | None) -> float | None:
    if not text:
        if person is None:
            errors["age"] = _("Give your age in years.")
        return None
    age = forms.attempt(errors, "age", lambda: forms.parse_number(text))
    if age is None:
        return None
    checked = age
    ok = forms.attempt(errors, "age", lambda: build_profile(sex="female", age_years=checked))
    return age if ok is not None else None


def _check_state(
    errors: dict[str, str],
    sex: str | None,
    age: float | None,
    *,
    pregnant: bool,
    lactating: bool,
) -> None:
    """Pregnancy or breastfeeding that the sex or the age rules out, on the box ticked."""
    if not (pregnant or lactating) or sex is None or age is None:
        return
    where = "lactating" if lactating else "pregnant"  # both: the second box is wrong
    known_sex, known_age = sex, age
    forms.attempt(
        errors,
        where,
        lambda: build_profile(
            sex=known_sex, age_years=known_age, pregnant=pregnant, lactating=lactating
        ),
    )


def _read_choices(
    errors: dict[str, str], kb: KnowledgeBase, text: dict[str, str]
) -> tuple[str | None, str | None]:
    """The activity and the reference system, each checked when given."""
    activity = text["activity"] or None
    if activity is not None:
        forms.attempt(errors, "activity", lambda: resolve_activity(kb, text["activity"]))
    system = text["system"] or None
    if system is not None:
        forms.attempt(errors, "system", lambda: parse_system(text["system"]))
    return activity, system


def _read_egfr(errors: dict[str, str], text: str, person: PersonProfile | None) -> float | None:
    """The eGFR given, or None when it is empty, wrong or the one already stored."""
    if not text:
        return None
    egfr = forms.attempt(errors, "egfr", lambda: forms.parse_number(text))
    if egfr is None:
        return None
    checked = egfr
    forms.attempt(errors, "egfr", lambda: validate_egfr(checked))
    if person is not None and _same(egfr, person.egfr, EGFR_DIGITS):
        return None
    return egfr


def _measure(
    errors: dict[str, str],
    name: str,
    text: str,
    units: str,
    digits: int,
    *,
    stored: float | None,
    to_base: Any,
    from_base: Any,
    check: Any,
) -> float | None:
    """A weight or height as typed, in kg or cm; None when empty, wrong (an error on the field)
    or unchanged from what the form showed."""
    if not text:
        return None
    value = forms.attempt(errors, name, lambda: forms.parse_number(text))
    if value is None:
        return None
    if stored is not None and _same(value, from_base(stored, units), digits):
        return None
    base: float = to_base(value, units)
    try:
        check(base)
    except MgCoachError as error:
        errors.setdefault(name, forms.error_text(error))
        return None
    return base
