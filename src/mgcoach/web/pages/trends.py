"""Trends: the last 4 to 26 weeks from ``services.trend`` (as ``mgcoach trend``), rendered
from ``contract.trend.trend_json``: four charts drawn on the server (web/charts.py), each
with its data table (the fourth, the body weights logged, from ``logged_weights``), the weekly
summary and the symptom notes with their evidence.

The trend's own rule, stated on the page from the JSON: a day without food logged is a gap in
the magnesium chart, and a day with nothing logged at all is a gap in the cramps chart, never a
zero; on a day with anything logged, no cramp entry is 0 cramps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from fastapi import Depends, Query, Request
from fastapi.responses import Response

from ...contract.trend import TrendAnswer, TrendDayJson, trend_json
from ...errors import InputError
from ...i18n import N_, _, get_language
from ...services.journal import UnknownProfileError
from ...services.journal_log import logged_weights
from ...services.trend import trend
from .. import charts
from ..context import PROFILE, Viewer, signed_in, state_of
from ..routing import IndexedRouter
from ..templating import day_text, num, render
from .today import to_onboarding

router = IndexedRouter(include_in_schema=False)

WEEKS = (4, 8, 12, 26)
DEFAULT_WEEKS = 8
COLORS = {
    "food": "#3d8b6e",
    "supplement": "#7a6bb3",
    "target": "#1d2a27",
    "cramps": "#b8640a",
    "soreness": "#a32020",
    "sleep": "#2f6fb0",
    "quality": "#1d2a27",
    "weight": "#2f6f5e",
}


def parse_weeks(text: str | None) -> int:
    if text is None or not text.strip():
        return DEFAULT_WEEKS
    if text.strip() not in {str(w) for w in WEEKS}:
        raise InputError(N_("Show 4, 8, 12 or 26 weeks, not {weeks}."), weeks=text.strip()[:20])
    return int(text)


def _if_logged(row: Mapping[str, object], key: str) -> float | None:
    return cast(float | None, row[key]) if row["logged"] else None


def _symptoms_known(row: TrendDayJson) -> bool:
    """Cramps are known (possibly zero) on a day with anything logged (contract: not None)."""
    return row["cramps"] is not None


NOTHING = N_("Nothing logged in these weeks yet.")


def _magnesium_chart(data: TrendAnswer, days: list[date], span: dict[str, str]) -> charts.Chart:
    """Magnesium per day: food and supplements stacked, the target as a line."""
    rows = data["daily"]
    targets = [row["target_mg"] for row in rows if row["target_mg"] is not None]
    return charts.Chart(
        ident="chart-magnesium",
        title=_("Magnesium per day, from food and supplements"),
        desc=_(
            "Stacked bars of magnesium from food and from supplements each day from {start} to "
            "{end}, with the target as a dashed line ({target}). {logged} of {days} days "
            "with food logged, {on} on target. Days without food logged are left empty."
        ).format(
            **span,
            target=num(targets[-1], 0, "mg") if targets else "—",
            logged=data["days_logged"],
            days=data["days"],
            on=data["days_on_target"],
        ),
        days=days,
        bars=(
            charts.Series(
                "food", _("Food"), [_if_logged(r, "food_mg") for r in rows], COLORS["food"]
            ),
            charts.Series(
                "supplement",
                _("Supplements"),
                [_if_logged(r, "supplement_mg") for r in rows],
                COLORS["supplement"],
            ),
        ),
        line=charts.Series("target", _("Target"), [r["target_mg"] for r in rows], COLORS["target"]),
        unit="mg",
        empty=_(NOTHING),
        lang=get_language(),
    )


def _cramps_chart(data: TrendAnswer, days: list[date], span: dict[str, str]) -> charts.Chart:
    """Cramps counted per day as bars, the day's worst soreness as dots."""
    rows = data["daily"]
    return charts.Chart(
        ident="chart-cramps",
        title=_("Cramps and muscle soreness"),
        desc=_(
            "Bars: cramps counted each day from {start} to {end} ({cramps} in all, on "
            "{cramp_days} days). Dots: the worst muscle soreness of the day, 0 to 10 (right "
            "axis). Days with nothing logged are left empty."
        ).format(**span, cramps=data["cramps"], cramp_days=data["days_with_cramps"]),
        days=days,
        bars=(
            charts.Series(
                "cramps",
                _("Cramps"),
                [r["cramps"] if _symptoms_known(r) else None for r in rows],
                COLORS["cramps"],
            ),
        ),
        dots=charts.Series(
            "soreness", _("Soreness (0–10)"), [r["soreness"] for r in rows], COLORS["soreness"]
        ),
        right_max=10.0,
        integer=True,
        unit=_("cramps"),
        right_unit="0–10",
        empty=_(NOTHING),
        lang=get_language(),
    )


def _sleep_chart(data: TrendAnswer, days: list[date], span: dict[str, str]) -> charts.Chart:
    """Hours of sleep per night as bars, its quality as dots."""
    rows = data["daily"]
    return charts.Chart(
        ident="chart-sleep",
        title=_("Sleep"),
        desc=_(
            "Bars: hours of sleep each night from {start} to {end} (average {hours}). Dots: "
            "sleep quality, 0 to 10 (right axis)."
        ).format(**span, hours=num(data["averages"]["sleep_hours"], 1, "h")),
        days=days,
        bars=(
            charts.Series(
                "sleep", _("Hours of sleep"), [r["sleep_hours"] for r in rows], COLORS["sleep"]
            ),
        ),
        dots=charts.Series(
            "quality", _("Quality (0–10)"), [r["sleep_quality"] for r in rows], COLORS["quality"]
        ),
        right_max=10.0,
        unit="h",
        right_unit="0–10",
        empty=_(NOTHING),
        lang=get_language(),
    )


def _weight_chart(
    weights: Mapping[date, float], days: list[date], span: dict[str, str]
) -> charts.Chart:
    """The body weights logged, as dots on an axis around them (not from 0)."""
    latest = weights[max(weights)] if weights else None
    return charts.Chart(
        ident="chart-weight",
        title=_("Body weight"),
        desc=_(
            "Dots: your body weight on the days you logged it from {start} to {end} ({count} "
            "days, the latest {latest}). Days without a weight are left empty."
        ).format(**span, count=len(weights), latest=num(latest, 1, "kg")),
        days=days,
        dots=charts.Series(
            "weight", _("Weight (kg)"), [weights.get(d) for d in days], COLORS["weight"]
        ),
        unit="kg",
        from_zero=False,
        empty=_("No body weight logged in these weeks yet."),
        lang=get_language(),
    )


@dataclass(frozen=True, slots=True)
class DayChart:
    """One chart of the Trends page: its data (for the table under it) and its SVG."""

    key: str
    chart: charts.Chart
    svg: str


def day_charts(data: TrendAnswer, weights: Mapping[date, float] | None = None) -> list[DayChart]:
    """The charts of a trend (magnesium, cramps, sleep, and the body weight when ``weights``
    has any): each an SVG string and the rows of its data table."""
    days = [date.fromisoformat(row["date"]) for row in data["daily"]]
    span = {"start": day_text(data["from"]), "end": day_text(data["to"])}
    magnesium = _magnesium_chart(data, days, span)
    cramps = _cramps_chart(data, days, span)
    sleep = _sleep_chart(data, days, span)
    found = [
        DayChart("magnesium", magnesium, charts.render(magnesium)),
        DayChart("cramps", cramps, charts.render(cramps)),
        DayChart("sleep", sleep, charts.render(sleep)),
    ]
    if weights:  # none logged in the period: no chart of them
        weight = _weight_chart(weights, days, span)
        found.append(DayChart("weight", weight, charts.render(weight)))
    return found


@router.get("/trends")
def trends_page(
    request: Request,
    weeks: str | None = Query(None),
    viewer: Viewer = Depends(signed_in),
) -> Response:
    count = parse_weeks(weeks)
    try:
        context = trends_context(request, viewer.owner, count)
    except UnknownProfileError:
        return to_onboarding()
    return render(request, "trends.html", **context)


def trends_context(request: Request, owner: str, count: int) -> dict[str, Any]:
    """The Trends page of ``owner``'s journal over the last ``count`` weeks (also a
    dietitian's read-only view of a client's, client_views.py)."""
    state = state_of(request)
    end = date.today()
    start = end - timedelta(days=7 * count - 1)
    result = trend(state.db, state.kb, PROFILE, start, end, owner=owner)
    data = trend_json(state.kb, result)
    weights = dict(logged_weights(state.db, PROFILE, start, end, owner=owner))
    return {
        "data": data,
        "weeks": count,
        "choices": WEEKS,
        "charts": day_charts(data, weights),
        "weights": sorted(weights.items()),
        "cramps_known": [_symptoms_known(row) for row in data["daily"]],
    }
