"""JSON for `mgcoach plan` and ``GET /api/v1/plan/{date}``: the personal plan for a journal day.

The answer holds every key of ``mgcoach advise --json`` (``status``, ``gate``, ``targets``,
``intake``, ``supplement``, ``safety``, ``risk``, ``concerns``, ``evidence``, ``wording_rule``,
``notes``, ``source_list``), as ``advice_json`` gives them, and adds:

- ``date`` (YYYY-MM-DD) and ``profile``;
- ``day``: the day's magnesium as ``mgcoach day`` counts it (``food_mg``, ``supplement_mg``,
  ``total_mg``, ``target_mg``, ``gap_mg``, ``food_entries``, ``unknown_entries``);
- ``gap_foods``: the foods that close the gap as ``mgcoach foods suggest --json`` gives them, or
  null (no gap, no target, or the gate pauses suggestions);
- ``timeline``: the day's clock, rows of ``time`` (HH:MM), ``kind`` (medicine, taken or
  magnesium), ``name``, ``mg``, ``with_meal`` and ``evening``; no magnesium rows when
  ``supplement`` is null.

``PlanAnswer`` describes the same JSON for OpenAPI.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from ..engine.clock import format_time
from ..engine.day_plan import TimelineKind, TimelineRow, day_timeline
from ..engine.gate import Verdict
from ..knowledge import KnowledgeBase
from ..services.plan import DayPlan
from .advice import advice_json
from .common import number
from .foods import gap_plan_json
from .journal import nutrient_json

DAY_KEYS = (
    "food_mg",
    "supplement_mg",
    "total_mg",
    "target_mg",
    "gap_mg",
    "food_entries",
    "unknown_entries",
)


def timeline_json(row: TimelineRow) -> dict[str, Any]:
    return {
        "time": format_time(row.time),
        "kind": row.kind,
        "name": row.name,
        "mg": number(row.mg),
        "with_meal": row.with_meal,
        "evening": row.evening,
    }


def plan_json(kb: KnowledgeBase, result: DayPlan) -> dict[str, Any]:
    advice = advice_json(kb, result.plan)
    magnesium = nutrient_json(result.magnesium)
    timeline = day_timeline(kb, result.plan, magnesium=advice["supplement"] is not None)
    return advice | {
        "date": result.day.isoformat(),
        "profile": result.profile,
        "day": {key: magnesium[key] for key in DAY_KEYS},
        "gap_foods": None if result.foods is None else gap_plan_json(result.foods),
        "timeline": [timeline_json(row) for row in timeline],
    }


# --- the answer's schema, for OpenAPI ---------------------------------------------------------


class PlanDay(BaseModel):
    """The day's magnesium, as ``mgcoach day`` counts it (mg, rounded to 0.1)."""

    food_mg: float | None = Field(description="From food; null when no food is logged.")
    supplement_mg: float = Field(description="From the supplements logged that day.")
    total_mg: float | None = Field(description="Food and supplements.")
    target_mg: float | None = Field(description="The day's target.")
    gap_mg: float | None = Field(description="Target minus total, never below 0.")
    food_entries: int = Field(description="Food entries that count.")
    unknown_entries: int = Field(description="Entries whose magnesium is not known.")


class PlanMoment(BaseModel):
    """One row of the day's clock."""

    time: str = Field(description="HH:MM.", examples=["07:00"])
    kind: TimelineKind = Field(
        description="medicine, taken (magnesium logged) or magnesium (a planned dose)."
    )
    name: str | None = Field(description="The medicine, as named in the profile or the log.")
    mg: float | None = Field(description="Elemental magnesium of a dose, in mg.")
    with_meal: bool = Field(description="A planned dose that falls with a meal.")
    evening: bool = Field(description="A planned dose in the evening.")


class PlanAnswer(BaseModel):
    """The personal plan for a journal day: every key of ``mgcoach advise --json`` and the day's
    own figures, the gap foods and the day's clock (``mgcoach plan DATE --json``)."""

    date: str = Field(description="The day, YYYY-MM-DD.", examples=["2025-01-15"])
    profile: str = Field(description="Whose journal.", examples=["default"])
    status: Verdict = Field(description="The safety gate's verdict (as gate.verdict).")
    gate: dict[str, Any] = Field(description="The safety gate: verdict, reasons, cap.")
    targets: dict[str, Any] = Field(description="Reference intakes (mgcoach targets).")
    intake: dict[str, Any] = Field(description="Food, target, gap, taken and cap, in mg.")
    supplement: dict[str, Any] | None = Field(
        description="Dose, form, build-up and times; null when the verdict allows no dose."
    )
    safety: dict[str, Any] = Field(description="The safety check (mgcoach check).")
    risk: dict[str, Any] = Field(description="The risk screen and red flags.")
    concerns: list[dict[str, Any]] = Field(description="The day's complaints, with evidence.")
    evidence: list[dict[str, Any]] = Field(description="What the evidence says.")
    wording_rule: str | None = Field(description="How claims are worded.")
    notes: list[dict[str, Any]] = Field(description="How the dose was sized.")
    source_list: dict[str, dict[str, Any]] = Field(
        description="Every source cited, by its id: citation, url, ..."
    )
    day: PlanDay
    gap_foods: dict[str, Any] | None = Field(
        description="Foods that close the gap (mgcoach foods suggest); null without a gap, "
        "without a target, or when the gate pauses suggestions."
    )
    timeline: list[PlanMoment] = Field(description="The day's clock, in time order.")
