"""`mgcoach week` and `mgcoach trend`.

No ``from __future__ import annotations``: Typer reads the option types at run time.
"""

from datetime import date, timedelta
from typing import Annotated

import typer

from ..i18n import N_
from .journal import ProfileOpt, db
from .output import emit
from .root import Json, Lang, app, check_lang


@app.command(help=N_("One week (Monday to Sunday): averages, days on target, symptoms."))
def week(
    day_: Annotated[
        str | None,
        typer.Argument(metavar="DATE", help=N_("A day of the week (default today).")),
    ] = None,
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..journal.dates import parse_day
    from ..services.trend import week_range

    today = date.today()
    start, end = week_range(parse_day(day_, today), today)
    _show(profile_, start, end, json_)


@app.command(help=N_("The last N days: magnesium against target with cramps, soreness, sleep."))
def trend(
    days: Annotated[
        int, typer.Option(help=N_("How many days, ending on --end (default today)."))
    ] = 30,
    end: Annotated[str | None, typer.Option("--end", help=N_("Last day (default today)."))] = None,
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..journal.dates import parse_day
    from ..services.trend import check_days

    last = parse_day(end, date.today())
    _show(profile_, last - timedelta(days=check_days(days) - 1), last, json_)


def _show(profile: str | None, start: date, end: date, json_: bool) -> None:
    from ..contract.trend import trend_json
    from ..knowledge import load_knowledge
    from ..services.journal import profile_name
    from ..services.trend import trend
    from . import trend_views

    kb = load_knowledge()
    result = trend(db(), kb, profile_name(profile), start, end)
    data = trend_json(kb, result)
    emit(data, json_, lambda: trend_views.render_trend(data))
