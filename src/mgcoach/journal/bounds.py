"""The bounds of every value the journal stores (data/bounds.toml, loaded by bounds_data.py), and
the one way to check them.

Every way in checks a value here: the per-kind builders of services/journal_kinds.py and the
profile builder of services/journal.py (and so the API, the web forms and the CLI), the JSON
import (services/journal_transfer.py) and the Cronometer / MyFitnessPal importers. The readers
use the same bounds to recognise a stored value that is out of them (written by an older
version or a direct database edit): it is reported and left out, never a crash.

``check_*`` raise an ``OutOfBoundsError`` (an InputError naming its field); ``entry_problems``
and ``profile_problems`` list them without raising.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from datetime import date

from ..errors import InputError
from ..i18n import N_
from ..knowledge.vocabulary import Sex, System
from ..units import SerumUnit
from .bounds_data import Bounds, NumberBound, TextBound, bounds, number, text_max
from .model import ENTRY_TYPES, REASONS, Entry, FoodEntry, PersonProfile

__all__ = [
    "CHOICES",
    "MAX_ID",
    "NOTE_CONTROLS",
    "Bounds",
    "NumberBound",
    "OutOfBoundsError",
    "TextBound",
    "bounds",
    "check_day",
    "check_entry",
    "check_number",
    "check_profile",
    "check_time",
    "choice_problem",
    "clean_text",
    "counting_problems",
    "day_problem",
    "entry_problems",
    "flag_problem",
    "in_id_range",
    "number",
    "number_problem",
    "profile_problems",
    "text_max",
    "text_problem",
    "time_problem",
]

NOTE_CONTROLS = frozenset("\t\n\r")
"""The only control characters free text may hold: in a note, tabs and line ends."""


class OutOfBoundsError(InputError):
    """A value outside the journal's bounds: a number out of range or not finite, a day out of
    the journal's years, a text too long or with control characters, an unknown choice."""

    code = "out_of_bounds"


MAX_ID = 2**31 - 1
"""The largest row id (data/bounds.toml [ids]; a test checks they agree)."""

CHOICES: Mapping[str, frozenset[str]] = {
    "sex": frozenset({Sex.FEMALE.value, Sex.MALE.value}),
    "system": frozenset(s.value for s in System),
    "kind": frozenset(ENTRY_TYPES),
    "origin": frozenset({"cli", "web", "import", "cronometer", "myfitnesspal"}),
    "given_as": frozenset({"compound", "elemental", "label", "import"}),
    "basis": frozenset({"compound", "elemental"}),
    "item_kind": frozenset({"food", "day_total", "meal_total", "quick"}),
    "unit": frozenset(u.value for u in SerumUnit),
    "reason": frozenset(REASONS),
}
"""The values each closed field may hold (the enums of the vocabularies they come from)."""


def _shown(value: float) -> str:
    return f"{value:g}"


# -- checks that raise ----------------------------------------------------------------------


def number_problem(value: object, key: str, field: str | None = None) -> OutOfBoundsError | None:
    """Why ``value`` is no stored ``key`` number, or None when it is one."""
    bound = number(key)
    name = field or key
    if isinstance(value, bool) or not isinstance(value, int | float):
        return OutOfBoundsError(
            N_("{what} must be a number, not {value}."), field=name, what=name, value=repr(value)
        )
    if bound.admits(float(value)):
        return None
    if not math.isfinite(float(value)):
        return OutOfBoundsError(
            N_("{what} must be a finite number, not {value}."),
            field=name,
            what=name,
            value=str(value),
        )
    if bound.above_is_emergency and float(value) > bound.high:
        # Refused as a typing error, but a true one decides the answer: help first.
        return OutOfBoundsError(
            N_(
                "{value} {unit} of magnesium at once is more than can be logged (at most "
                "{high} {unit}). If it was really taken, call your emergency number now "
                "(112 in Europe, 911 in the US, 999 in the UK)."
            ),
            field=name,
            high=_shown(bound.high),
            unit=bound.unit,
            value=_shown(float(value)),
        )
    message = (
        N_("{what} is more than {low} and at most {high} {unit}, not {value}.")
        if bound.low_open
        else N_("{what} is from {low} to {high} {unit}, not {value}.")
    )
    return OutOfBoundsError(
        message,
        field=name,
        what=name,
        low=_shown(bound.low),
        high=_shown(bound.high),
        unit=bound.unit,
        value=_shown(float(value)),
    )


def check_number(value: float, key: str, field: str | None = None) -> float:
    """``value`` when it is within the bounds of ``key``; else an OutOfBoundsError."""
    problem = number_problem(value, key, field)
    if problem is not None:
        raise problem
    return value


def day_problem(value: object, field: str = "date") -> OutOfBoundsError | None:
    found = bounds()
    if not isinstance(value, date):
        return OutOfBoundsError(
            N_("{what} must be a date, not {value}."), field=field, what=field, value=repr(value)
        )
    if found.earliest <= value <= found.latest:
        return None
    return OutOfBoundsError(
        N_("{date} is outside the days a journal holds ({earliest} to {latest})."),
        field=field,
        date=value.isoformat(),
        earliest=found.earliest.isoformat(),
        latest=found.latest.isoformat(),
    )


def check_day(value: date, field: str = "date") -> date:
    problem = day_problem(value, field)
    if problem is not None:
        raise problem
    return value


def time_problem(value: object, field: str = "time") -> OutOfBoundsError | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1439:
        return OutOfBoundsError(
            N_("{what} is a clock time from 00:00 to 23:59 (0 to 1439 minutes), not {value}."),
            field=field,
            what=field,
            value=repr(value),
        )
    return None


def check_time(value: int | None, field: str = "time") -> int | None:
    problem = time_problem(value, field)
    if problem is not None:
        raise problem
    return value


def in_id_range(value: int) -> bool:
    """Whether ``value`` can be a row id (1 to 2^31 - 1): any other id names no row."""
    return 1 <= value <= MAX_ID


def _control(text: str, multiline: bool) -> str | None:
    for ch in text:
        if multiline and ch in NOTE_CONTROLS:
            continue
        if unicodedata.category(ch) in ("Cc", "Cs"):
            return ch
    return None


def text_problem(
    value: object, key: str, field: str | None = None, *, multiline: bool = False
) -> OutOfBoundsError | None:
    """Why ``value`` is no stored ``key`` text: not a text, too long, or holding a control
    character (a NUL byte, an escape; a note may hold tabs and line ends)."""
    name = field or key
    if not isinstance(value, str):
        return OutOfBoundsError(
            N_("{what} must be a text, not {value}."), field=name, what=name, value=repr(value)
        )
    limit = text_max(key)
    if len(value) > limit:
        return OutOfBoundsError(
            N_("{what} is at most {max} characters, not {length}."),
            field=name,
            what=name,
            max=limit,
            length=len(value),
        )
    bad = _control(value, multiline)
    if bad is not None:
        return OutOfBoundsError(
            N_("{what} holds a control character ({code}): remove it."),
            field=name,
            what=name,
            code=f"U+{ord(bad):04X}",
        )
    return None


def clean_text(value: str, key: str, field: str | None = None, *, multiline: bool = False) -> str:
    """``value`` stripped, when it is a ``key`` text within bounds; else an OutOfBoundsError.
    The one check of free text at every edge (a NUL byte breaks PostgreSQL)."""
    problem = text_problem(value, key, field, multiline=multiline)
    if problem is not None:
        raise problem
    return value.strip()


def choice_problem(value: object, key: str, field: str | None = None) -> OutOfBoundsError | None:
    choices = CHOICES[key]
    if isinstance(value, str) and value in choices:
        return None
    name = field or key
    return OutOfBoundsError(
        N_("{what} is one of {choices}, not {value}."),
        field=name,
        what=name,
        choices=", ".join(sorted(choices)),
        value=repr(value),
    )


# -- whole records ---------------------------------------------------------------------------

_TEXTS = {
    "food_id": "code",
    "name": "name",
    "name_nl": "name",
    "amount_text": "amount",
    "meal": "name",
    "extra": "extra",
    "compound": "code",
    "label": "label",
    "drug": "code",
    "symptom": "code",
    "location": "name",
    "activity": "name",
    "test": "code",
}
_NUMBERS = {
    "grams": "grams",
    "dose_mg": "dose_mg",
    "elemental_mg": "elemental_mg",
    "count": "count",
    "severity": "scale",
    "hours": "hours",
    "quality": "scale",
    "minutes": "minutes",
    "rpe": "scale",
    "value": "value",
    "value_mmol_l": "value_mmol_l",
    "kg": "weight_kg",
}
_CHOICES = ("item_kind", "given_as", "basis", "unit")
_FLAGS = ("counted", "night")


def flag_problem(value: object, field: str) -> OutOfBoundsError | None:
    if isinstance(value, bool):
        return None
    return OutOfBoundsError(
        N_("{what} must be true or false, not {value}."), field=field, what=field, value=repr(value)
    )


def _field_problem(name: str, value: object) -> OutOfBoundsError | None:
    if value is None:
        return None
    if name in _TEXTS:
        return text_problem(value, _TEXTS[name], name)
    if name in _NUMBERS:
        if name == "count" and isinstance(value, float) and not value.is_integer():
            return number_problem(math.nan, "count", name)
        return number_problem(value, _NUMBERS[name], name)
    if name in _CHOICES:
        return choice_problem(value, name)
    if name in _FLAGS:
        return flag_problem(value, name)
    if name in bounds().numbers:  # a food's nutrient
        return number_problem(value, name)
    return None


def entry_problems(entry: Entry) -> list[OutOfBoundsError]:
    """Every value of ``entry`` outside the bounds (none for an entry within them)."""
    found = [
        day_problem(entry.day),
        time_problem(entry.time),
        choice_problem(entry.origin, "origin"),
        None if entry.note is None else text_problem(entry.note, "note", multiline=True),
        None if not entry.uid else text_problem(entry.uid, "code", "uid"),
    ]
    values = entry.fields()
    if isinstance(entry, FoodEntry):
        values = {k: v for k, v in values.items() if k not in entry.nutrients} | dict(
            entry.nutrients
        )
    for name, value in values.items():
        found.append(_field_problem(name, value))
    required = {"name", "amount_text", "elemental_mg", "given_as", "drug", "symptom", "hours"}
    required |= {"activity", "minutes", "value", "unit", "value_mmol_l", "kg"}
    for name, value in values.items():
        if value is None and name in required:
            found.append(OutOfBoundsError(N_("{what} is missing."), field=name, what=name))
    return [problem for problem in found if problem is not None]


def counting_problems(entry: Entry) -> list[OutOfBoundsError]:
    """The values of ``entry`` out of bounds that the day's figures would count with: its day,
    its time and its numbers (its texts are shown as they are, never counted)."""
    values: dict[str, object] = dict(entry.fields())
    if isinstance(entry, FoodEntry):
        values |= dict(entry.nutrients)
    found = [day_problem(entry.day), time_problem(entry.time)]
    for name, value in values.items():
        if value is not None and (name in _NUMBERS or name in bounds().numbers):
            found.append(_field_problem(name, value))
    return [problem for problem in found if problem is not None]


def check_entry(entry: Entry) -> Entry:
    """``entry`` when all its values are within bounds; else its first problem is raised."""
    problems = entry_problems(entry)
    if problems:
        raise problems[0]
    return entry


def profile_problems(person: PersonProfile) -> list[OutOfBoundsError]:
    """Every value of a profile outside the bounds."""
    found = [
        text_problem(person.name, "profile", "name"),
        choice_problem(person.sex, "sex"),
        choice_problem(person.system, "system"),
        number_problem(person.age_years, "age_years", "age"),
        day_problem(person.age_on, "age_on"),
    ]
    for name in ("weight_kg", "height_cm", "egfr"):
        value = getattr(person, name)
        if value is not None:
            found.append(number_problem(value, name))
    found.extend(flag_problem(getattr(person, f), f) for f in ("pregnant", "lactating", "dialysis"))
    if person.activity is not None:
        found.append(text_problem(person.activity, "code", "activity"))
    for medicine in person.medicines:
        found.append(text_problem(medicine.name, "name", "meds"))
        found.extend(time_problem(t, "meds") for t in medicine.times)
        if medicine.frequency.start is not None:
            found.append(day_problem(medicine.frequency.start, "meds"))
    found.extend(choice_problem(reason, "reason", "reasons") for reason in person.reasons)
    return [problem for problem in found if problem is not None]


def check_profile(person: PersonProfile) -> PersonProfile:
    problems = profile_problems(person)
    if problems:
        raise problems[0]
    return person
