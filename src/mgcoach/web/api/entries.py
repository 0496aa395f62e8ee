"""Journal entries as JSON: list, log, read, change and delete.

Every endpoint works on the signed-in viewer's journal only: the owner passed to every service
is ``viewer.owner``, never a value from the request. Answers are the JSON of the matching CLI
command (``mgcoach entries --json`` ...).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import JSONResponse
from pydantic import Field

from ...contract.journal import DeleteAnswer, EntryAnswer, entry_json
from ...engine.clock import parse_time
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
from .entry_bodies import (
    EntryPatch,
    FoodEntry,
    LabEntry,
    MedicationEntry,
    NewEntry,
    NoteEntry,
    QuickEntry,
    SleepEntry,
    SupplementEntry,
    SymptomEntry,
    TrainingEntry,
    WeightEntry,
    _When,
)
from .params import EntryId, ProfileQuery, SignedIn

router = AnswerRouter(tags=["journal"], responses=ERRORS)
ORIGIN = "web"
AMBIGUOUS_DOSE_API = N_(
    "Is {amount} {unit} the magnesium itself or the whole tablet? As the whole tablet of "
    "{compound}, it holds {as_compound} mg magnesium; as the magnesium itself, {as_elemental} "
    'mg. Give "as": "elemental" or "as": "compound".'
)


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
    if isinstance(body, WeightEntry):
        return log.log_weight(db, when, body.kg)
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
        rpe=body.rpe, value=body.value, unit=body.unit, kg=body.kg,
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
