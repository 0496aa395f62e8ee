"""Experiment (/experiment): an N-of-1 experiment on the web, the same use case as
``mgcoach experiment`` and ``/api/v1/experiments`` (services/experiments.py), rendered from
``contract.experiment.experiment_json``.

Without a running experiment the page explains the method and offers the start form (the
last experiment's verdict above it, if any). While one runs, it offers the day's check-in in
one tap (a button per answer on short scales, with "dose taken" preset from the day's
period), then the schedule as dates, adherence and the running verdict (no effect before the
end), and a form to stop early. Each form posts, and a good post redirects back here (303);
bad input shows its message on its field (422, or 409 for a refusal), nothing stored.
"""

from __future__ import annotations

from datetime import date

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from ...contract.experiment import ExperimentAnswer, experiment_json
from ...errors import InputError, MgCoachError, about
from ...i18n import N_, get_language
from ...journal.dates import parse_day
from ...knowledge.experiments import ExperimentFacts, load_experiment_facts
from ...services import experiments
from ...services.journal import UnknownProfileError
from .. import forms
from ..context import PROFILE, Viewer, form_text, signed_in, state_of, verified_form
from ..routing import IndexedRouter
from ..templating import render
from .today import to_onboarding

router = IndexedRouter(include_in_schema=False)

PATH = "/experiment"
START_FIELDS = forms.form_fields(("outcome", "period_days", "washout_days", "pairs", "start"))
CHECKIN_FIELDS = forms.form_fields(("value", "taken"), date="value")
STOP_FIELDS = forms.form_fields(("reason",))
MAX_BUTTONS = 11  # answers with at most this many steps get a button each


def _current(request: Request, viewer: Viewer) -> ExperimentAnswer | None:
    state = state_of(request)
    try:
        found = experiments.view(
            state.db, state.kb, PROFILE, today=date.today(), owner=viewer.owner
        )
    except experiments.NoExperimentError:
        return None
    return experiment_json(found)


def _page(
    request: Request,
    viewer: Viewer,
    *,
    errors: dict[str, str] | None = None,
    given: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    facts = load_experiment_facts()
    lang = get_language()
    current = _current(request, viewer)
    running = current is not None and current["status"] == "running"
    buttons: list[int] = []
    typed = False  # a number field as well, for answers beyond the buttons
    if running and current is not None:
        outcome = current["outcome"]
        steps = int((outcome["high"] - outcome["low"]) / outcome["step"]) + 1
        if steps <= MAX_BUTTONS * 2:
            shown = min(steps, MAX_BUTTONS)
            buttons = [int(outcome["low"] + n * outcome["step"]) for n in range(shown)]
        typed = steps > len(buttons)
    return render(
        request,
        "experiment.html",
        status,
        active="plan",
        experiment=current,
        running=running,
        buttons=buttons,
        typed=typed,
        outcomes=[(o.slug, o.name.get(lang)) for o in facts.outcomes],
        citations_list=_citations(request, facts, current),
        rules=facts.design,
        errors=errors or {},
        given=given or {},
    )


def _citations(
    request: Request, facts: ExperimentFacts, current: ExperimentAnswer | None
) -> list[tuple[str, str]]:
    """The full citation of each source the page cites (experiment.toml's own methodology
    sources, and those of sources.toml)."""
    ids = ["Garrison20", *(current["sources"] if current else facts.design.sources)]
    known = state_of(request).kb.sources
    found = {
        **{k: v.citation for k, v in known.items()},
        **{k: v.citation for k, v in facts.sources.items()},
    }
    return [(key, found[key]) for key in dict.fromkeys(ids) if key in found]


@router.get(PATH)
def experiment_page(request: Request, viewer: Viewer = Depends(signed_in)) -> Response:
    try:
        return _page(request, viewer)
    except UnknownProfileError:
        return to_onboarding()


def _number(text: str, field: str) -> int | None:
    """A whole number field (empty: the design's default); the service checks its range."""
    if not text:
        return None
    with about(field):
        value = forms.parse_number(text)
    if value != int(value):
        raise InputError(N_("Give a whole number."), field=field)
    return int(value)


def _refused(request: Request, viewer: Viewer, error: MgCoachError, fields: dict[str, str],
             default: str, given: dict[str, str]) -> Response:  # fmt: skip
    field = forms.field_of(error, fields, default)
    status = error.http_status if 400 < error.http_status < 500 else 422
    errors = {field: forms.error_text(error)}
    return _page(request, viewer, errors=errors, given=given, status=status)


@router.post(PATH)
def start(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(verified_form)
) -> Response:
    state = state_of(request)
    given = {name: form_text(form, name) for name in START_FIELDS}
    try:
        start_text = given["start"]
        experiments.start(
            state.db,
            state.kb,
            PROFILE,
            given["outcome"],
            today=date.today(),
            start_on=_start_day(start_text),
            period_days=_number(given["period_days"], "period_days"),
            washout_days=_number(given["washout_days"], "washout_days"),
            pairs=_number(given["pairs"], "pairs"),
            owner=viewer.owner,
        )
    except UnknownProfileError:
        return to_onboarding()
    except MgCoachError as error:
        return _refused(request, viewer, error, START_FIELDS, "outcome", given)
    return RedirectResponse(PATH, status_code=303)


def _start_day(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(N_("Give the start as YYYY-MM-DD."), field="start") from None


@router.post(PATH + "/checkin")
def checkin(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(verified_form)
) -> Response:
    state = state_of(request)
    # The number typed (scales longer than the buttons: Enter in it sends the first button
    # too, so a typed number wins), else the tapped answer button.
    answer = form_text(form, "typed") or form_text(form, "value")
    given = {"value": answer, "taken": form_text(form, "taken")}
    try:
        value = _value(given["value"])
        today = date.today()
        experiments.checkin(
            state.db,
            state.kb,
            PROFILE,
            value,
            given["taken"] == "1",
            today=today,
            day=_day(form_text(form, "date"), today),
            owner=viewer.owner,
        )
    except MgCoachError as error:
        return _refused(request, viewer, error, CHECKIN_FIELDS, "value", given)
    return RedirectResponse(PATH + "#today", status_code=303)


def _value(text: str) -> float:
    if not text:
        raise InputError(N_("Give your answer as a number."), field="value")
    with about("value"):
        return forms.parse_number(text)


def _day(text: str, today: date) -> date:
    with about("date"):
        return parse_day(text or None, today)


@router.post(PATH + "/stop")
def stop(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(verified_form)
) -> Response:
    state = state_of(request)
    given = {"reason": form_text(form, "reason")}
    try:
        experiments.stop(
            state.db,
            state.kb,
            PROFILE,
            given["reason"],
            today=date.today(),
            side_effects=form_text(form, "side_effects") == "1",
            owner=viewer.owner,
        )
    except MgCoachError as error:
        return _refused(request, viewer, error, STOP_FIELDS, "reason", given)
    return RedirectResponse(PATH, status_code=303)
