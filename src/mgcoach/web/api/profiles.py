"""The viewer's profiles as JSON: list, show, create or change, and delete (with their
entries).

Every endpoint works on the signed-in viewer's journal only (``viewer.owner``). Answers are the
JSON of the matching CLI command (``mgcoach profile show NAME --json`` ...).
"""

from __future__ import annotations

from datetime import date

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import ConfigDict, Field

from ...contract.journal import ForgetAnswer, ProfileAnswer, profile_json
from ...services.calculators import plain_activity
from ...services.journal import (
    ProfileChanges,
    forget,
    list_profiles,
    profile_name,
    set_profile,
    show_profile,
)
from ..context import state_of
from .answers import AnswerRouter
from .calculators import ERRORS, answer
from .params import Body, Number, ProfilePath, Short, SignedIn

router = AnswerRouter(tags=["journal"], responses=ERRORS)


class ProfileBody(Body):
    """What ``mgcoach profile set`` takes; a field left out keeps the stored value (a new
    profile needs age and sex). ``meds`` replaces the medicines (an empty list removes them)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"age": 45, "sex": "female", "weight_kg": 68}]}
    )

    age: Number | None = Field(None, description="Age in years.")
    sex: Short | None = Field(None, description="female or male.")
    pregnant: bool | None = Field(None, description="Pregnant.")
    lactating: bool | None = Field(None, description="Breastfeeding.")
    system: Short | None = Field(None, description="us, efsa, nl, uk or dach.")
    weight_kg: Number | None = Field(None, description="Body weight in kg.")
    height_cm: Number | None = Field(None, description="Height in cm.")
    egfr: Number | None = Field(None, description="Kidney function: eGFR in mL/min/1.73 m².")
    dialysis: bool | None = Field(None, description="On dialysis.")
    activity: Short | None = Field(None, description="Activity level, e.g. moderate.")
    meds: list[Short] | None = Field(
        None,
        max_length=30,
        description=(
            "Medicines and their times: NAME@HH:MM[,HH:MM...][/FREQUENCY], or the name and "
            "then the times as typed, e.g. 'omeprazole 07:30' or 'metformin 08:00 and 20:00'."
        ),
    )
    reasons: list[Short] | None = Field(
        None,
        max_length=10,
        description=(
            "Why the person came (replaces them; an empty list removes them): cramps, "
            "soreness, poor_sleep or check_intake."
        ),
    )


@router.get(
    "/profiles",
    summary="The viewer's profiles (mgcoach profile list)",
    response_model=list[ProfileAnswer],
)
def profiles(request: Request, viewer: SignedIn) -> JSONResponse:
    people = list_profiles(state_of(request).db, viewer.owner)
    return answer([profile_json(p) for p in people])


@router.get(
    "/profiles/{name}",
    summary="One profile (mgcoach profile show)",
    response_model=ProfileAnswer,
)
def get_profile(request: Request, viewer: SignedIn, name: ProfilePath) -> JSONResponse:
    person = show_profile(state_of(request).db, profile_name(name), viewer.owner)
    return answer(profile_json(person))


@router.put(
    "/profiles/{name}",
    summary="Create a profile or change it (mgcoach profile set)",
    response_model=ProfileAnswer,
)
def put_profile(
    request: Request, viewer: SignedIn, name: ProfilePath, body: ProfileBody
) -> JSONResponse:
    state = state_of(request)
    if body.activity is not None:
        plain_activity(state.kb, body.activity)
    given = ProfileChanges(**body.model_dump())
    person = set_profile(
        state.db, state.kb, profile_name(name), given, date.today(), owner=viewer.owner
    )
    return answer(profile_json(person))


@router.delete(
    "/profiles/{name}",
    summary="Delete a profile and its entries (mgcoach forget)",
    response_model=ForgetAnswer,
)
def delete_profile(request: Request, viewer: SignedIn, name: ProfilePath) -> JSONResponse:
    count, entries = forget(state_of(request).db, profile_name(name), viewer.owner)
    forgotten: ForgetAnswer = {"profiles": count, "entries": entries}
    return answer(forgotten)
