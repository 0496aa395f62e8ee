"""JSON for `mgcoach plan` and ``GET /api/v1/plan/{date}``: the personal plan for a journal day.

The answer holds every key of ``mgcoach advise --json`` (``status``, ``gate``, ``targets``,
``intake``, ``supplement``, ``safety``, ``risk``, ``concerns``, ``evidence``, ``wording_rule``,
``notes``, ``source_list``), as ``advice_json`` gives them, and adds:

- ``date`` (YYYY-MM-DD) and ``profile``;
- ``reasons``: why the person came, from the profile (cramps, soreness, poor_sleep,
  check_intake); the first three are also among ``concerns``, logged on the day or not;
- ``day``: the day's magnesium as ``mgcoach day`` counts it (``food_mg``, ``supplement_mg``,
  ``total_mg``, ``target_mg``, ``gap_mg``, ``food_entries``, ``unknown_entries``);
- ``gap_foods``: the foods that close the gap as ``mgcoach foods suggest --json`` gives them, or
  null (no gap, no target, or the gate pauses suggestions);
- ``timeline``: the day's clock, rows of ``time`` (HH:MM), ``kind`` (medicine, taken or
  magnesium), ``name``, ``mg``, ``with_meal`` and ``evening``; no magnesium rows when
  ``supplement`` is null.

``PlanAnswer`` is the type of that JSON (and its OpenAPI schema).
"""

from __future__ import annotations

from typing_extensions import TypedDict

from ..engine.clock import format_time
from ..engine.day_plan import TimelineKind, TimelineRow, day_timeline
from ..knowledge import KnowledgeBase
from ..services.plan import DayPlan
from .advice import AdviceAnswer, advice_json
from .common import documented, number
from .day import nutrient_json
from .gap import GapPlanAnswer, gap_plan_json


@documented
class PlanDay(TypedDict):
    """The day's magnesium, as ``mgcoach day`` counts it (mg, rounded to 0.1)."""

    food_mg: float | None
    """From food; null when no food is logged."""
    supplement_mg: float
    """From the supplements logged that day."""
    total_mg: float | None
    """Food and supplements."""
    target_mg: float | None
    """The day's target."""
    gap_mg: float | None
    """Target minus total, never below 0."""
    food_entries: int
    """Food entries that count."""
    unknown_entries: int
    """Entries whose magnesium is not known."""


@documented
class PlanMoment(TypedDict):
    """One row of the day's clock."""

    time: str
    """HH:MM."""
    kind: TimelineKind
    """medicine, taken (magnesium logged) or magnesium (a planned dose)."""
    name: str | None
    """The medicine, as named in the profile or the log."""
    mg: float | None
    """Elemental magnesium of a dose, in mg."""
    with_meal: bool
    """A planned dose that falls with a meal."""
    evening: bool
    """A planned dose in the evening."""


@documented
class PlanAnswer(AdviceAnswer):
    """The personal plan for a journal day: every key of ``mgcoach advise --json`` and the day's
    own figures, the gap foods and the day's clock (``mgcoach plan DATE --json``)."""

    date: str
    """The day, YYYY-MM-DD."""
    profile: str
    """Whose journal."""
    reasons: list[str]
    """Why the person came (cramps, soreness, poor_sleep, check_intake), from the profile; the
    first three are among ``concerns`` on every day."""
    day: PlanDay
    """The day's magnesium."""
    gap_foods: GapPlanAnswer | None
    """Foods that close the gap (mgcoach foods suggest); null without a gap, without a target, or
    when the gate pauses suggestions."""
    timeline: list[PlanMoment]
    """The day's clock, in time order."""


def timeline_json(row: TimelineRow) -> PlanMoment:
    return {
        "time": format_time(row.time),
        "kind": row.kind,
        "name": row.name,
        "mg": number(row.mg),
        "with_meal": row.with_meal,
        "evening": row.evening,
    }


def plan_json(kb: KnowledgeBase, result: DayPlan) -> PlanAnswer:
    advice = advice_json(kb, result.plan)
    magnesium = nutrient_json(result.magnesium)
    timeline = day_timeline(kb, result.plan, magnesium=advice["supplement"] is not None)
    return {
        **advice,
        "date": result.day.isoformat(),
        "profile": result.profile,
        "reasons": list(result.reasons),
        "day": {
            "food_mg": magnesium["food_mg"],
            "supplement_mg": magnesium["supplement_mg"],
            "total_mg": magnesium["total_mg"],
            "target_mg": magnesium["target_mg"],
            "gap_mg": magnesium["gap_mg"],
            "food_entries": magnesium["food_entries"],
            "unknown_entries": magnesium["unknown_entries"],
        },
        "gap_foods": None if result.foods is None else gap_plan_json(result.foods),
        "timeline": [timeline_json(row) for row in timeline],
    }
