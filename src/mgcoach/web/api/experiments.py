"""N-of-1 experiments as JSON: start one, the day's check-in, its status and its result; the
same answer as ``mgcoach experiment ... --json`` (services/experiments.py,
contract/experiment.py), for the signed-in viewer's own journal only."""

from __future__ import annotations

from datetime import date

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import ConfigDict, Field

from ...contract.experiment import ExperimentAnswer, experiment_json
from ...errors import about
from ...journal.dates import parse_day
from ...services import experiments
from ...services.journal import profile_name
from ..context import PROFILE, state_of
from .answers import AnswerRouter
from .calculators import ERRORS, answer
from .params import Body, Number, ProfileQuery, SignedIn

router = AnswerRouter(tags=["journal"], responses=ERRORS)


class StartRequest(Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"outcome": "night_cramps", "period_days": 14}]},
    )

    outcome: str = Field(
        min_length=1,
        max_length=32,
        description="night_cramps, soreness, sleep_quality or sleep_latency.",
    )
    period_days: int | None = Field(None, ge=-1000, le=1000, description="Days in each period.")
    washout_days: int | None = Field(
        None, ge=-1000, le=1000, description="Days at the start of each period left out."
    )
    pairs: int | None = Field(None, ge=-1000, le=1000, description="Pairs of periods.")
    start: date | None = Field(None, description="The first day (default today).")


class CheckinRequest(Body):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"value": 2, "taken": True}]}
    )

    value: Number = Field(description="The answer to the experiment's question.")
    taken: bool = Field(description="Whether the day's magnesium dose was taken.")
    date: str | None = Field(
        None,
        max_length=20,
        description="The day: YYYY-MM-DD, today, yesterday or -N (default today).",
    )


@router.post(
    "/experiments",
    status_code=201,
    summary="Start an N-of-1 experiment (mgcoach experiment start)",
    response_model=ExperimentAnswer,
)
def start(
    request: Request, viewer: SignedIn, body: StartRequest, profile: ProfileQuery = PROFILE
) -> JSONResponse:
    state = state_of(request)
    found = experiments.start(
        state.db,
        state.kb,
        profile_name(profile),
        body.outcome,
        today=date.today(),
        start_on=body.start,
        period_days=body.period_days,
        washout_days=body.washout_days,
        pairs=body.pairs,
        owner=viewer.owner,
    )
    return JSONResponse(experiment_json(found), status_code=201)


@router.post(
    "/experiments/checkin",
    summary="The day's check-in: the answer and whether the dose was taken",
    response_model=ExperimentAnswer,
)
def checkin(
    request: Request, viewer: SignedIn, body: CheckinRequest, profile: ProfileQuery = PROFILE
) -> JSONResponse:
    state = state_of(request)
    today = date.today()
    with about("date"):
        day = parse_day(body.date, today)
    found = experiments.checkin(
        state.db,
        state.kb,
        profile_name(profile),
        body.value,
        body.taken,
        today=today,
        day=day,
        owner=viewer.owner,
    )
    return answer(experiment_json(found))


def _view(request: Request, viewer: SignedIn, profile: str) -> JSONResponse:
    state = state_of(request)
    found = experiments.view(
        state.db, state.kb, profile_name(profile), today=date.today(), owner=viewer.owner
    )
    return answer(experiment_json(found))


@router.get(
    "/experiments/status",
    summary="The running experiment (else the last) (mgcoach experiment status)",
    response_model=ExperimentAnswer,
)
def status(request: Request, viewer: SignedIn, profile: ProfileQuery = PROFILE) -> JSONResponse:
    return _view(request, viewer, profile)


@router.get(
    "/experiments/result",
    summary="The experiment's result once its last period has ended (mgcoach experiment result)",
    response_model=ExperimentAnswer,
)
def result(request: Request, viewer: SignedIn, profile: ProfileQuery = PROFILE) -> JSONResponse:
    return _view(request, viewer, profile)


class StopRequest(Body):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"reason": "stomach upset"}]}
    )

    reason: str = Field(max_length=1000, description="Why the experiment stops (kept with it).")
    side_effects: bool = Field(
        False, description="For side effects or on a doctor's advice: stopped for safety."
    )


@router.post(
    "/experiments/stop",
    summary="Stop the running experiment early (mgcoach experiment stop)",
    response_model=ExperimentAnswer,
)
def stop(
    request: Request, viewer: SignedIn, body: StopRequest, profile: ProfileQuery = PROFILE
) -> JSONResponse:
    state = state_of(request)
    found = experiments.stop(
        state.db,
        state.kb,
        profile_name(profile),
        body.reason,
        today=date.today(),
        side_effects=body.side_effects,
        owner=viewer.owner,
    )
    return answer(experiment_json(found))
