"""N-of-1 experiments: does magnesium help *this* person's night cramps, soreness or sleep?

One use case for every face (``mgcoach experiment``, ``/api/v1/experiments``, the Experiment
page): ``start`` proposes and records a design (engine.experiment) once the safety gate allows
a supplement (services.experiment_safety); ``checkin`` keeps the day's answer and whether the
dose was taken; ``view`` gives the experiment as it stands (engine.experiment_result), with no
effect until its last period has ended; ``stop`` ends it early. A journal day whose gate shows
no plan stops a running experiment for safety (checked on each check-in and each view).
``contract.experiment`` gives the one JSON.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..engine.experiment import Design, Period, make_design
from ..engine.experiment_result import Analysis, Checkin, State, analyse
from ..errors import InputError
from ..i18n import N_
from ..journal.bounds import clean_text
from ..knowledge import KnowledgeBase
from ..knowledge.experiments import ExperimentFacts, Outcome, load_experiment_facts
from ..knowledge.records import Text
from ..storage import experiments as stored
from ..storage import journal as store
from ..storage.database import Connection, Database
from ..storage.experiment_tables import RUNNING
from .experiment_safety import plan_dose, require_supplement_allowed, unsafe
from .journal import profile_id

FINISHED = "finished"
STOPPED = "stopped"
STOPPED_SAFETY = "stopped_safety"
MAX_DAYS_AHEAD = 60  # a start date may be planned this far ahead
MAX_REASON = 200
SAFETY_SCAN_DAYS = 31  # journal days one check-in checks the safety gate on
# The analysis, named for the JSON (engine/experiment_stats.py and experiment_result.py).
METHOD = "randomisation_test_paired_periods"


class NoExperimentError(InputError, LookupError):
    code = "no_experiment"
    http_status = 404


class ExperimentRunningError(InputError):
    code = "experiment_running"
    http_status = 409


@dataclass(frozen=True, slots=True)
class ExperimentView:
    """An experiment as it stands on ``today``: its design, the check-ins analysed, and the
    day's own period and check-in (for the one-tap check-in)."""

    id: int
    profile: str
    outcome: Outcome
    design: Design
    gate: str  # the verdict at the start: "supplement" or "supplement_after_doctor"
    status: str
    stop_reason: str | None
    analysis: Analysis
    today: date
    today_period: Period | None
    today_checkin: Checkin | None
    facts: ExperimentFacts
    form_name: Text | None = None  # the plan's compound, by name


def _outcome(facts: ExperimentFacts, slug: str) -> Outcome:
    found = facts.outcome(slug)
    if found is None:
        raise InputError(
            N_("Unknown outcome {outcome}: use one of {choices}."),
            field="outcome",
            outcome=slug,
            choices=", ".join(o.slug for o in facts.outcomes),
        )
    return found


def _close_ended(connection: Connection, found: stored.StoredExperiment, today: date) -> str:
    """The status, with a running experiment past its end marked finished."""
    design = Design.from_stored(found.design)
    if found.status == RUNNING and today > design.end:
        stored.set_status(connection, found, FINISHED)
        return FINISHED
    return found.status


def start(
    db: Database,
    kb: KnowledgeBase,
    profile: str,
    outcome: str,
    *,
    today: date,
    start_on: date | None = None,
    period_days: int | None = None,
    washout_days: int | None = None,
    pairs: int | None = None,
    owner: str = store.LOCAL_USER,
) -> ExperimentView:
    """Propose the design, draw its order and record both before the first day."""
    facts = load_experiment_facts()
    chosen = _outcome(facts, outcome)
    first = today if start_on is None else start_on
    if not today <= first <= today + timedelta(days=MAX_DAYS_AHEAD):
        raise InputError(
            N_("The experiment starts today or within {days} days, never in the past."),
            field="start",
            days=MAX_DAYS_AHEAD,
        )
    dose = plan_dose(db, kb, profile, today, owner)
    require_supplement_allowed(dose)
    design = make_design(
        facts.design,
        chosen.slug,
        first,
        seed=secrets.randbits(32),
        dose_mg=round(dose.dose_mg, 1),
        form=dose.form,
        period_days=period_days,
        washout_days=washout_days,
        pairs=pairs,
    )
    with db.begin() as connection:
        owner_profile = profile_id(connection, profile, owner)
        current = stored.running(connection, owner_profile)
        if current is not None and _close_ended(connection, current, today) == RUNNING:
            raise ExperimentRunningError(
                N_("An experiment is running already: stop it first, or let it finish."),
                field="outcome",
            )
        data = design.stored() | {"gate": dose.verdict}
        try:
            stored.start(connection, owner_profile, chosen.slug, data, first)
        except stored.AlreadyRunningError as error:
            raise ExperimentRunningError(
                N_("An experiment is running already: stop it first, or let it finish."),
                field="outcome",
            ) from error
    return view(db, kb, profile, today=today, owner=owner)


def _state(status: str) -> State:
    states: dict[str, State] = {
        FINISHED: "finished",
        STOPPED: "stopped",
        STOPPED_SAFETY: "stopped_safety",
    }
    return states.get(status, "running")


def _found(connection: Connection, owner_profile: int) -> stored.StoredExperiment:
    found = stored.latest(connection, owner_profile)
    if found is None:
        raise NoExperimentError(N_("There is no experiment yet: start one first."))
    return found


def _safety_stop(
    db: Database,
    kb: KnowledgeBase,
    profile: str,
    days: list[date],
    owner: str,
    experiment_id: int,
) -> None:
    """Stop the running experiment ``experiment_id`` for safety when the gate of one of
    ``days`` shows no plan (its headline's code is kept as the reason)."""
    for day in days:
        dose = plan_dose(db, kb, profile, day, owner)
        if unsafe(dose):
            with db.begin() as connection:
                found = stored.running(connection, profile_id(connection, profile, owner))
                if found is not None and found.id == experiment_id:
                    stored.set_status(connection, found, STOPPED_SAFETY, dose.headline.code)
            return


def _days_to_check(design: Design, before: list[date], day: date, today: date) -> list[date]:
    """The journal days a check-in on ``day`` vouches for: from the day after the last check-in
    before it (or the start) to ``day``, and today; at most ``SAFETY_SCAN_DAYS`` of them, the
    latest."""
    previous = max((d for d in before if d < day), default=design.start - timedelta(days=1))
    first = max(previous + timedelta(days=1), day - timedelta(days=SAFETY_SCAN_DAYS - 1))
    days = [first + timedelta(days=n) for n in range((day - first).days + 1)]
    return days if today in days else [*days, today]


def view(
    db: Database,
    kb: KnowledgeBase,
    profile: str,
    *,
    today: date,
    owner: str = store.LOCAL_USER,
    check_safety: bool = True,
) -> ExperimentView:
    """The profile's running experiment (else the latest) as it stands on ``today``. Read
    only (the API's GETs write nothing): a running one past its end shows as finished, and
    one whose day's safety gate shows no plan today shows as stopped for safety
    (``check_safety``); a check-in or a new start writes both down."""
    with db.connect() as connection:
        found = _found(connection, profile_id(connection, profile, owner))
        rows = stored.checkins(connection, found.id)
    design = Design.from_stored(found.design)
    status, reason = found.status, found.stop_reason
    if status == RUNNING and today > design.end:
        status = FINISHED
    if check_safety and status == RUNNING and design.start <= today:
        dose = plan_dose(db, kb, profile, today, owner)
        if unsafe(dose):
            status, reason = STOPPED_SAFETY, dose.headline.code
    facts = load_experiment_facts()
    outcome = _outcome(facts, found.outcome)
    checkins = [Checkin(row.day, row.value, row.dose_taken) for row in rows]
    analysis = analyse(design, outcome, facts.design, checkins, today=today, state=_state(status))
    return ExperimentView(
        id=found.id,
        profile=profile,
        outcome=outcome,
        design=design,
        gate=str(found.design.get("gate", "supplement")),
        status=status,
        stop_reason=reason,
        analysis=analysis,
        today=today,
        today_period=design.period_on(today),
        today_checkin=next((c for c in checkins if c.day == today), None),
        facts=facts,
        form_name=compound.name if (compound := kb.compounds.get(design.form)) else None,
    )


def _check_value(outcome: Outcome, value: float) -> None:
    steps = (value - outcome.low) / outcome.step
    if not outcome.low <= value <= outcome.high or abs(steps - round(steps)) > 1e-9:
        raise InputError(
            N_("Give a whole number from {low} to {high}."),
            field="value",
            low=int(outcome.low),
            high=int(outcome.high),
        )


def checkin(
    db: Database,
    kb: KnowledgeBase,
    profile: str,
    value: float,
    taken: bool,
    *,
    today: date,
    day: date | None = None,
    owner: str = store.LOCAL_USER,
) -> ExperimentView:
    """Keep the day's answer and whether its dose was taken (again the same day: replaced);
    then the day's safety gate may stop the experiment."""
    day = today if day is None else day
    facts = load_experiment_facts()
    with db.begin() as connection:
        found = stored.running(connection, profile_id(connection, profile, owner))
        if found is None or _close_ended(connection, found, today) != RUNNING:
            raise NoExperimentError(N_("No experiment is running: there is nothing to check in."))
        design = Design.from_stored(found.design)
        if not design.start <= day <= min(design.end, today):
            raise InputError(
                N_(
                    "Check in for a day of the experiment from {start} to {end} (today at the "
                    "latest)."
                ),
                field="date",
                start=design.start.isoformat(),
                end=min(design.end, today).isoformat(),
            )
        _check_value(_outcome(facts, found.outcome), value)
        before = [row.day for row in stored.checkins(connection, found.id)]
        stored.save_checkin(connection, found, stored.StoredCheckin(day, value, taken))
    days = _days_to_check(design, before, day, today)
    _safety_stop(db, kb, profile, days, owner, found.id)
    return view(db, kb, profile, today=today, owner=owner, check_safety=False)


def stop(
    db: Database,
    kb: KnowledgeBase,
    profile: str,
    reason: str,
    *,
    today: date,
    side_effects: bool = False,
    owner: str = store.LOCAL_USER,
) -> ExperimentView:
    """End the running experiment early: for safety (``side_effects``) or for the person's own
    ``reason``. Either way it gives no result: an experiment never stops for "success"."""
    reason = clean_text(reason, "note", "reason")  # no control character (NUL: PostgreSQL)
    if not 1 <= len(reason) <= MAX_REASON:
        raise InputError(
            N_("Give a reason of 1 to {count} characters."), field="reason", count=MAX_REASON
        )
    with db.begin() as connection:
        found = stored.running(connection, profile_id(connection, profile, owner))
        if found is None or _close_ended(connection, found, today) != RUNNING:
            raise NoExperimentError(N_("No experiment is running: there is nothing to stop."))
        stored.set_status(connection, found, STOPPED_SAFETY if side_effects else STOPPED, reason)
    return view(db, kb, profile, today=today, owner=owner, check_safety=False)


def report_summary(database: Database, profile_id: int, lang: str) -> dict[str, object] | None:
    """The profile's latest experiment for the doctor's report, in ``lang`` (None: none yet):
    outcome, dates, status, verdict (code and sentences), effect, interval, method and
    adherence. Read only: no safety check, nothing written."""
    import contextvars

    from .experiment_words import verdict_words

    with database.connect() as connection:
        found = stored.latest(connection, profile_id)
        rows = [] if found is None else stored.checkins(connection, found.id)
    if found is None:
        return None
    facts = load_experiment_facts()
    design = Design.from_stored(found.design)
    outcome = _outcome(facts, found.outcome)
    checkins = [Checkin(row.day, row.value, row.dose_taken) for row in rows]
    today = date.today()
    result = analyse(
        design, outcome, facts.design, checkins, today=today, state=_state(found.status)
    )
    shown = ExperimentView(
        id=found.id,
        profile="",
        outcome=outcome,
        design=design,
        gate=str(found.design.get("gate", "supplement")),
        status=found.status,
        stop_reason=found.stop_reason,
        analysis=result,
        today=today,
        today_period=design.period_on(today),
        today_checkin=None,
        facts=facts,
    )
    return contextvars.copy_context().run(_summary, shown, lang, verdict_words(shown, lang))


def _summary(shown: ExperimentView, lang: str, words: Sequence[object]) -> dict[str, object]:
    from ..i18n import set_language, translate
    from .experiment_words import Words

    set_language(lang)
    result = shown.analysis
    share = result.adherence.share
    return {
        "outcome": shown.outcome.slug,
        "outcome_name": shown.outcome.name.get(lang),
        "unit": shown.outcome.unit.get(lang),
        "start": shown.design.start.isoformat(),
        "end": shown.design.end.isoformat(),
        "status": result.state,
        "verdict": result.verdict,
        "verdict_text": [translate(w.message, w.params) for w in words if isinstance(w, Words)],
        "effect": None if result.effect is None else round(result.effect, 3),
        "interval": None
        if result.low is None or result.high is None
        else [round(result.low, 3), round(result.high, 3)],
        "method": METHOD,
        "adherence": None if share is None else round(share, 3),
        "dose_mg": shown.design.dose_mg,
        "form": shown.design.form,
    }
