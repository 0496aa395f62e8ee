"""JSON for `mgcoach week` and `mgcoach trend`: averages over logged days, days on target,
symptom trends (first half against second half) and the per-day and per-week rows."""

from __future__ import annotations

from typing import Any

from ..i18n import N_, get_language, translate
from ..knowledge import KnowledgeBase
from ..services.trend import Trend, TrendDay
from .common import number

ROUND = 1
AVERAGED = ("calcium_mg", "potassium_mg", "sodium_mg", "zinc_mg", "energy_kcal", "protein_g")


def day_row(day: TrendDay) -> dict[str, Any]:
    return {
        "date": day.day.isoformat(),
        "logged": day.logged,
        "food_entries": day.food_entries,
        "magnesium_mg": number(day.magnesium_mg, ROUND),
        "food_mg": number(day.food.get("magnesium_mg"), ROUND),
        "supplement_mg": number(day.supplement_mg, ROUND),
        "unknown_entries": day.unknown.get("magnesium_mg", 0),
        "target_mg": number(day.target_mg, ROUND),
        "percent_of_target": number(day.percent_of_target, ROUND),
        "on_target": day.on_target,
        "cramps": day.cramps,
        "cramp_nights": day.cramp_nights,
        "soreness": number(day.soreness, ROUND),
        "symptoms": dict(sorted(day.symptoms.items())),
        "sleep_hours": number(day.sleep_hours, 2),
        "sleep_quality": number(day.sleep_quality, ROUND),
        "training_minutes": number(day.training_minutes, ROUND),
        "training_rpe": number(day.training_rpe, ROUND),
    }


def _summary(result: Trend, days: list[TrendDay]) -> dict[str, Any]:
    logged = [d for d in days if d.logged]
    avg = result.average
    return {
        "days": len(days),
        "days_logged": len(logged),
        "days_on_target": sum(d.on_target for d in days),
        "averages": {
            "magnesium_mg": number(avg([d.magnesium_mg for d in logged]), ROUND),
            "food_mg": number(avg([d.food.get("magnesium_mg") for d in logged]), ROUND),
            "supplement_mg": number(avg([d.supplement_mg for d in logged]), ROUND),
            "percent_of_target": number(avg([d.percent_of_target for d in logged]), ROUND),
            **{key: number(avg([d.food.get(key) for d in logged]), ROUND) for key in AVERAGED},
            "cramps_per_day": number(avg([float(d.cramps) for d in days]), 2),
            "soreness": number(avg([d.soreness for d in days]), ROUND),
            "sleep_hours": number(avg([d.sleep_hours for d in days]), 2),
            "sleep_quality": number(avg([d.sleep_quality for d in days]), ROUND),
            "training_minutes": number(avg([d.training_minutes for d in days]), ROUND),
        },
        "cramps": sum(d.cramps for d in days),
        "days_with_cramps": sum(1 for d in days if d.cramps),
    }


def trend_json(kb: KnowledgeBase, result: Trend) -> dict[str, Any]:
    lang = get_language()
    data: dict[str, Any] = {
        "profile": result.profile,
        "system": result.system.value,
        "from": result.start.isoformat(),
        "to": result.end.isoformat(),
    }
    data |= _summary(result, list(result.days))
    changes = []
    for change in result.changes(kb):
        claim = change.claim
        changes.append(
            {
                "measure": change.measure,
                "first_half": number(change.first, 2),
                "second_half": number(change.second, 2),
                "direction": change.direction,
                "evidence": None
                if claim is None
                else {
                    "claim": claim.slug,
                    "strength": claim.strength,
                    "finding": claim.finding.get(lang),
                    "sources": list(claim.sources),
                },
            }
        )
    data["symptom_trends"] = changes
    assoc = result.association()
    data["association"] = {
        "days_on_target": assoc.days_on_target,
        "days_below_target": assoc.days_below,
        "cramps_per_day_on_target": number(assoc.cramps_per_day_on_target, 2),
        "cramps_per_day_below_target": number(assoc.cramps_per_day_below, 2),
        "note": translate(
            N_(
                "A comparison of your own days, not proof: cramps have many causes, and trials "
                "of magnesium for cramps are mixed."
            )
        ),
    }
    data["weeks"] = [
        {"week_of": start.isoformat(), **_summary(result, days)} for start, days in result.weeks()
    ]
    data["daily"] = [day_row(day) for day in result.days]
    return data
