"""`mgcoach plan [DATE]`: the personal plan for a journal day (services/plan.py), the same
answer as the Plan page and ``GET /api/v1/plan/{date}``.

No ``from __future__ import annotations``: Typer reads the option types at run time."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import N_, _
from .journal import ProfileOpt, db
from .journal_entries import DayArg
from .output import console, emit, say
from .root import Json, Lang, app, check_lang

if TYPE_CHECKING:
    from ..knowledge import KnowledgeBase
    from ..services.plan import DayPlan


@app.command(
    help=N_(
        "The personal plan for a journal day: the advice with that day's food, supplements, "
        "symptoms, medicines and serum, and the foods that close the gap."
    )
)
def plan(
    day_: DayArg = None,
    profile_: ProfileOpt = None,
    prescribed: Annotated[
        bool,
        typer.Option(
            help=N_(
                "A doctor prescribed the magnesium you take: times are suggested for it even "
                "above the upper limit."
            )
        ),
    ] = False,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..contract.plan import plan_json
    from ..journal.dates import parse_day
    from ..knowledge import load_knowledge
    from ..services.journal import profile_name
    from ..services.plan import day_plan

    kb = load_knowledge()
    day = parse_day(day_, date.today())
    result = day_plan(db(), kb, profile_name(profile_), day, prescribed=prescribed)
    emit(plan_json(kb, result), json_, lambda: render_day_plan(kb, result))


def render_day_plan(kb: "KnowledgeBase", result: "DayPlan") -> None:
    """The advice as `mgcoach advise` shows it, then the foods that close the day's gap."""
    from ..services.plan import FOODS_PAUSED
    from .food_views import render_gap_plan
    from .safety_views import render_plan

    title = _("{day} — {profile} ({system})")
    system = result.plan.system.value
    say(title, day=result.day.isoformat(), profile=result.profile, system=system)
    render_plan(kb, result.plan)
    magnesium = result.magnesium
    if result.foods is not None:
        render_gap_plan(result.foods)
    elif result.plan.gate.verdict in FOODS_PAUSED:
        console.print(
            _("No foods are suggested to add magnesium until you have followed the advice above.")
        )
    elif magnesium.target is None:
        console.print(
            _("There is no magnesium target for this profile, so there is no gap to close.")
        )
    elif magnesium.gap is not None:
        console.print(
            _("Food and supplements on this day reach the target: there is no gap to close.")
        )
