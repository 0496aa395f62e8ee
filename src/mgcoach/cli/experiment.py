"""`mgcoach experiment start|checkin|status|result|stop`: N-of-1 experiments
(services/experiments.py), the same JSON as ``/api/v1/experiments`` and the Experiment page.

No ``from __future__ import annotations``: Typer reads the option types at run time."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import N_
from .journal import ProfileOpt, db
from .output import emit
from .root import Json, Lang, check_lang, experiment

if TYPE_CHECKING:
    from ..services.experiments import ExperimentView


def _emit(found: "ExperimentView", json_: bool, *, result: bool) -> None:
    from ..contract.experiment import experiment_json
    from .experiment_views import render_experiment

    answer = experiment_json(found)
    emit(answer, json_, lambda: render_experiment(answer, result=result))


def _start_day(text: str | None) -> date | None:
    from ..errors import InputError

    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(N_("Give the start as YYYY-MM-DD."), field="start") from None


@experiment.command(
    help=N_(
        "Start an experiment: Mg Coach checks the safety gate, proposes the design (pairs of "
        "periods on and off the plan's dose, each pair's order drawn at random) and records "
        "it before the first day."
    )
)
def start(
    outcome: Annotated[
        str,
        typer.Argument(
            help=N_("What to compare: night_cramps, soreness, sleep_quality or sleep_latency.")
        ),
    ],
    period_days: Annotated[
        int | None, typer.Option(help=N_("Days in each period (7 to 28; default 14)."))
    ] = None,
    washout_days: Annotated[
        int | None,
        typer.Option(help=N_("Days at the start of each period left out (default 3).")),
    ] = None,
    pairs: Annotated[
        int | None, typer.Option(help=N_("Pairs of periods (6 to 10; default 6)."))
    ] = None,
    start_: Annotated[
        str | None, typer.Option("--start", help=N_("The first day, YYYY-MM-DD (default today)."))
    ] = None,
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..knowledge import load_knowledge
    from ..services import experiments
    from ..services.journal import profile_name

    found = experiments.start(
        db(),
        load_knowledge(),
        profile_name(profile_),
        outcome,
        today=date.today(),
        start_on=_start_day(start_),
        period_days=period_days,
        washout_days=washout_days,
        pairs=pairs,
    )
    _emit(found, json_, result=False)


@experiment.command(
    help=N_(
        "The day's check-in: the answer to the experiment's question and whether you took the dose."
    )
)
def checkin(
    value: Annotated[float, typer.Argument(help=N_("Your answer (for example 2 cramps)."))],
    taken: Annotated[
        bool,
        typer.Option("--taken/--not-taken", help=N_("Whether you took the magnesium dose today.")),
    ],
    day_: Annotated[
        str | None,
        typer.Option(
            "--day", help=N_("The day: YYYY-MM-DD, today, yesterday or -N (default today).")
        ),
    ] = None,
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..errors import about
    from ..journal.dates import parse_day
    from ..knowledge import load_knowledge
    from ..services import experiments
    from ..services.journal import profile_name

    today = date.today()
    with about("date"):
        day = parse_day(day_, today)
    found = experiments.checkin(
        db(), load_knowledge(), profile_name(profile_), value, taken, today=today, day=day
    )
    from ..contract.experiment import experiment_json
    from .experiment_views import render_checkin

    answer = experiment_json(found)
    emit(answer, json_, lambda: render_checkin(answer, day.isoformat(), value, taken))


@experiment.command(help=N_("The running experiment (else the last): its schedule and progress."))
def status(profile_: ProfileOpt = None, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    _show(profile_, json_, result=False)


@experiment.command(
    help=N_("The result: the effect with its 95 % interval, once the last period has ended.")
)
def result(profile_: ProfileOpt = None, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    _show(profile_, json_, result=True)


def _show(profile_: str | None, json_: bool, *, result: bool) -> None:
    from ..knowledge import load_knowledge
    from ..services import experiments
    from ..services.journal import profile_name

    found = experiments.view(db(), load_knowledge(), profile_name(profile_), today=date.today())
    _emit(found, json_, result=result)


@experiment.command(
    help=N_(
        "Stop the running experiment early: for safety or your own reason, never because it "
        "seems to work."
    )
)
def stop(
    reason: Annotated[str, typer.Option(help=N_("Why you stop (kept with the experiment)."))],
    side_effects: Annotated[
        bool,
        typer.Option(help=N_("You stop for side effects or on a doctor's advice: for safety.")),
    ] = False,
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..knowledge import load_knowledge
    from ..services import experiments
    from ..services.journal import profile_name

    found = experiments.stop(
        db(),
        load_knowledge(),
        profile_name(profile_),
        reason,
        today=date.today(),
        side_effects=side_effects,
    )
    _emit(found, json_, result=False)
