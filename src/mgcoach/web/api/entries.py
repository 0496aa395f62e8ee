"""Journal entries as JSON: list, log, read, change and delete.

Every endpoint works on the signed-in viewer's journal only: the owner passed to every service
is ``viewer.owner``, never a value from the request. Answers are the JSON of the matching CLI
command (``mgcoach entries --json`` ...).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import Query, Request
from fastapi.responses import JSONResponse
from pydantic import ConfigDict, Field

from ...contract.journal import DeleteAnswer, EntryAnswer, entry_json
from ...engine.clock import parse_time
from ...engine.labels import Basis
from ...errors import AmbiguousDoseError
from ...i18n import N_
from ...journal.dates import parse_day
from ...journal.model import Entry
from ...services import journal_log as log
from ...services.journal import profile_name
from ...services.journal_daily import quick_add
from ..context import PROFILE, Viewer, state_of
from .answers import AnswerRouter
from .calculators import ERRORS, answer
from .params import Body, EntryId, Number, ProfileQuery, Short, SignedIn

router = AnswerRouter(tags=["journal"], responses=ERRORS)
ORIGIN = "web"
AMBIGUOUS_DOSE_API = N_(
    "Is {amount} {unit} the magnesium itself or the whole tablet? As the whole tablet of "
    "{compound}, it holds {as_compound} mg magnesium; as the magnesium itself, {as_elemental} "
    'mg. Give "as": "elemental" or "as": "compound".'
)


class _When(Body):
    date: str | None = Field(
        None,
        max_length=20,
        description="The day: YYYY-MM-DD, today, yesterday or -N (default today).",
    )
    time: str | None = Field(
        None,
        max_length=10,
        description="Clock time HH:MM (default: now, when logging for today).",
    )


class _Noted(_When):
    note: str | None = Field(None, max_length=5000, description="A free note with the entry.")


class FoodEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"kind": "food", "food": "almonds", "amount": "30 g", "date": "2025-01-15"}
            ]
        }
    )

    kind: Literal["food"]
    food: str = Field(min_length=1, max_length=200, description="A food name, id or barcode.")
    amount: str = Field(
        min_length=1, max_length=100, description='The amount: "30 g", "1/2 cup", "2 slices".'
    )
    meal: str | None = Field(
        None, max_length=64, description="The meal: breakfast, lunch, dinner or snacks."
    )


class QuickEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"kind": "quick", "label": "Lunch out", "magnesium_mg": 120}]
        }
    )

    kind: Literal["quick"]
    label: str = Field(min_length=1, max_length=200, description="What it was.")
    magnesium_mg: float | None = Field(None, ge=0, description="Magnesium in mg.")
    energy_kcal: float | None = Field(None, ge=0, description="Energy in kcal.")
    meal: str | None = Field(
        None, max_length=64, description="The meal: breakfast, lunch, dinner or snacks."
    )


AS_DESCRIPTION = (
    "What the number is: compound (the whole tablet's mg) or elemental (the magnesium itself). "
    "Needed for a compound with a dose, and for a label that only names the compound "
    "('Magnesium glycinate 500 mg'); also accepted as basis."
)


class SupplementEntry(_Noted):
    model_config = ConfigDict(
        populate_by_name=True,
        json_schema_extra={
            "examples": [
                {"kind": "supplement", "compound": "citrate", "dose_mg": 500, "as": "compound"}
            ]
        },
    )

    kind: Literal["supplement"]
    compound: Short | None = Field(None, description="Compound, e.g. citrate.")
    dose_mg: Number | None = Field(
        None, description="Dose in mg: the whole tablet, or the magnesium (see as)."
    )
    label: str | None = Field(
        None, max_length=500, description="A label line, e.g. 'Magnesium (as citrate) 200 mg'."
    )
    basis: Basis | None = Field(None, alias="as", description=AS_DESCRIPTION)
    elemental: bool = Field(False, description="dose_mg is elemental magnesium (as: elemental).")


class MedicationEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"kind": "medication", "name": "levothyroxine", "time": "07:00"}]
        }
    )

    kind: Literal["medication"]
    name: str = Field(min_length=1, max_length=200, description="The medicine.")


class SymptomEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"kind": "symptom", "name": "cramp", "count": 2, "night": True}]
        }
    )

    kind: Literal["symptom"]
    name: str = Field(min_length=1, max_length=200, description="What you felt, e.g. cramp.")
    count: int | None = Field(None, ge=-1000, le=1000, description="How many times.")
    severity: Number | None = Field(None, description="How bad, 0 (none) to 10 (worst).")
    where: Short | None = Field(None, description="Where, e.g. calf.")
    night: bool | None = Field(None, description="At night (cramps).")


class SleepEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"kind": "sleep", "hours": 7.5, "quality": 6}]}
    )

    kind: Literal["sleep"]
    hours: Number = Field(description="Hours slept.")
    quality: Number | None = Field(None, description="Quality, 0 (very poor) to 10.")


class TrainingEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"kind": "training", "activity": "running", "minutes": 45, "rpe": 7}]
        }
    )

    kind: Literal["training"]
    activity: str = Field(min_length=1, max_length=200, description="What, e.g. running.")
    minutes: Number = Field(description="How long, in minutes.")
    rpe: Number | None = Field(None, description="Effort, 0 (rest) to 10 (maximal).")


class LabEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"kind": "lab", "value": 0.72, "unit": "mmol/L"}]}
    )

    kind: Literal["lab"]
    value: Number = Field(description="The serum magnesium value.")
    unit: str = Field(min_length=1, max_length=20, description="mmol/L, mg/dL or mEq/L.")


class NoteEntry(_When):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"kind": "note", "text": "Slept badly."}]}
    )

    kind: Literal["note"]
    text: str = Field(min_length=1, max_length=5000, description="The note.")


NewEntry = Annotated[
    FoodEntry
    | QuickEntry
    | SupplementEntry
    | MedicationEntry
    | SymptomEntry
    | SleepEntry
    | TrainingEntry
    | LabEntry
    | NoteEntry,
    Field(discriminator="kind"),
]


class EntryPatch(Body):
    """What ``mgcoach edit`` takes; a field left out keeps the stored value."""

    model_config = ConfigDict(
        populate_by_name=True, json_schema_extra={"examples": [{"amount": "60 g"}]}
    )

    date: str | None = Field(None, max_length=20, description="The new day.")
    time: str | None = Field(None, max_length=10, description="New clock time HH:MM.")
    no_time: bool = Field(False, description="Remove the time.")
    note: str | None = Field(None, max_length=5000, description="New note.")
    food: Short | None = Field(None, description="Another food (same amount).")
    amount: Short | None = Field(None, description="New amount of the food.")
    dose_mg: Number | None = Field(None, description="New supplement dose in mg.")
    basis: Basis | None = Field(
        None,
        alias="as",
        description="Correct what a supplement's dose is: compound (the whole tablet) or "
        "elemental (the magnesium itself); its magnesium is worked out again. Also accepted as "
        "basis.",
    )
    count: int | None = Field(None, ge=-1000, le=1000, description="New count.")
    severity: Number | None = Field(None, description="New severity 0-10.")
    where: Short | None = Field(None, description="New location.")
    hours: Number | None = Field(None, description="New hours of sleep.")
    quality: Number | None = Field(None, description="New sleep quality 0-10.")
    minutes: Number | None = Field(None, description="New training minutes.")
    rpe: Number | None = Field(None, description="New effort 0-10.")
    value: Number | None = Field(None, description="New lab value.")
    unit: Short | None = Field(None, description="New lab unit.")


@router.get(
    "/entries",
    summary="Journal entries of a day or a range (mgcoach entries)",
    response_model=list[EntryAnswer],
)
def entries(
    request: Request,
    viewer: SignedIn,
    profile: ProfileQuery = PROFILE,
    day: Annotated[
        str | None,
        Query(
            alias="date",
            description="One day: YYYY-MM-DD, today, yesterday or -N.",
            max_length=20,
            examples=["2025-01-15"],
        ),
    ] = None,
    from_: Annotated[
        str | None, Query(alias="from", description="First day.", max_length=20)
    ] = None,
    to: Annotated[str | None, Query(description="Last day (default today).", max_length=20)] = None,
    kind: Annotated[
        list[Annotated[str, Field(max_length=20)]],
        Query(description="Only this kind (food, supplement, ...); repeat.", max_length=10),
    ] = [],  # noqa: B006 - FastAPI copies parameter defaults
) -> JSONResponse:
    start, end = log.entry_range(day, from_, to, date.today())
    state = state_of(request)
    _person, found = log.list_entries(
        state.db, profile_name(profile), start, end, log.entry_kinds(kind), owner=viewer.owner
    )
    return answer([entry_json(state.kb, e) for e in found])


def when_of(viewer: Viewer, profile: str, given: _When, note: str | None) -> log.When:
    """Whose entry and when, as ``mgcoach log`` reads --date and --time (now, for today)."""
    now = datetime.now()
    day = parse_day(given.date, now.date())
    if given.time is not None:
        time: int | None = parse_time(given.time)
    else:
        time = now.hour * 60 + now.minute if day == now.date() else None
    return log.When(
        profile=profile_name(profile),
        day=day,
        time=time,
        note=note,
        owner=viewer.owner,
        origin=ORIGIN,
    )


def _log(request: Request, viewer: Viewer, profile: str, body: Any) -> Entry:
    state = state_of(request)
    db, kb = state.db, state.kb
    if isinstance(body, NoteEntry):
        return log.log_note(db, when_of(viewer, profile, body, body.text))
    when = when_of(viewer, profile, body, body.note)
    if isinstance(body, FoodEntry):
        return log.log_food(db, when, body.food, body.amount, body.meal)
    if isinstance(body, QuickEntry):
        return quick_add(db, when, body.label, body.magnesium_mg, body.energy_kcal, body.meal)
    if isinstance(body, SupplementEntry):
        return log.log_supplement(
            db, kb, when, body.compound, body.dose_mg, body.label,
            basis=body.basis, elemental=body.elemental,
        )  # fmt: skip
    if isinstance(body, MedicationEntry):
        return log.log_medication(db, kb, when, body.name)
    if isinstance(body, SymptomEntry):
        return log.log_symptom(
            db, kb, when, body.name,
            count=body.count, severity=body.severity, location=body.where, night=body.night,
        )  # fmt: skip
    if isinstance(body, SleepEntry):
        return log.log_sleep(db, when, body.hours, body.quality)
    if isinstance(body, TrainingEntry):
        return log.log_training(db, when, body.activity, body.minutes, body.rpe)
    assert isinstance(body, LabEntry)
    return log.log_lab(db, kb, when, body.value, body.unit)


def _ask_as(error: AmbiguousDoseError) -> JSONResponse:
    """422 on the body's ``as`` field, with both readings: a dose is never stored on a guess."""
    from ..app import error_body  # the app imports this module

    question = AmbiguousDoseError(AMBIGUOUS_DOSE_API, **error.params)
    return JSONResponse(error_body(question, "as"), status_code=422)


@router.post(
    "/entries",
    status_code=201,
    summary="Log one entry (mgcoach log KIND ...)",
    response_model=EntryAnswer,
)
def post_entry(
    request: Request, viewer: SignedIn, body: NewEntry, profile: ProfileQuery = PROFILE
) -> JSONResponse:
    try:
        entry = _log(request, viewer, profile, body)
    except AmbiguousDoseError as error:
        return _ask_as(error)
    return JSONResponse(entry_json(state_of(request).kb, entry), status_code=201)


@router.get(
    "/entries/{entry_id}",
    summary="One entry",
    response_model=EntryAnswer,
)
def get_entry(
    request: Request, viewer: SignedIn, entry_id: EntryId, profile: ProfileQuery = PROFILE
) -> JSONResponse:
    state = state_of(request)
    found = log.get_entry(state.db, profile_name(profile), entry_id, viewer.owner)
    return answer(entry_json(state.kb, found))


@router.patch(
    "/entries/{entry_id}",
    summary="Change an entry (mgcoach edit)",
    response_model=EntryAnswer,
)
def patch_entry(
    request: Request,
    viewer: SignedIn,
    entry_id: EntryId,
    body: EntryPatch,
    profile: ProfileQuery = PROFILE,
) -> JSONResponse:
    state = state_of(request)
    given = log.EntryChanges(
        day=parse_day(body.date, date.today()) if body.date is not None else None,
        time=parse_time(body.time) if body.time is not None else None,
        clear_time=body.no_time, note=body.note, amount=body.amount, food=body.food,
        dose_mg=body.dose_mg, basis=body.basis, count=body.count, severity=body.severity,
        location=body.where, hours=body.hours, quality=body.quality, minutes=body.minutes,
        rpe=body.rpe, value=body.value, unit=body.unit,
    )  # fmt: skip
    entry = log.edit_entry(
        state.db, state.kb, profile_name(profile), entry_id, given, owner=viewer.owner
    )
    return answer(entry_json(state.kb, entry))


@router.delete(
    "/entries/{entry_id}",
    summary="Delete an entry (mgcoach delete)",
    response_model=DeleteAnswer,
)
def delete_entry(
    request: Request, viewer: SignedIn, entry_id: EntryId, profile: ProfileQuery = PROFILE
) -> JSONResponse:
    count = log.delete_entries(
        state_of(request).db, profile_name(profile), [entry_id], owner=viewer.owner
    )
    deleted: DeleteAnswer = {"deleted": count, "ids": [entry_id]}
    return answer(deleted)
