"""JSON for `mgcoach week` and `mgcoach trend`: averages, days on target, symptom trends (the
earlier half of the days with data against the later half) and the per-day and per-week rows.

Everything a person reads is here in words, in their language (the rule for which days count,
the measures, the directions, the strength of the evidence), so the CLI, the API and the Trends
page show the same numbers and the same sentences.
"""

from __future__ import annotations

from typing import Any

from ..i18n import N_, get_language, translate
from ..knowledge import KnowledgeBase
from ..services.trend import Association, Change, Trend, TrendDay
from .common import number
from .evidence import strength_text

ROUND = 1
AVERAGED = ("calcium_mg", "potassium_mg", "sodium_mg", "zinc_mg", "energy_kcal", "protein_g")
MEASURE_NAMES = {
    "magnesium_mg": N_("Magnesium a day"),
    "cramps": N_("Cramps per day"),
    "soreness": N_("Soreness (0–10)"),
    "sleep_hours": N_("Hours of sleep"),
}
DIRECTION_WORDS = {
    "up": N_("went up"),
    "down": N_("went down"),
    "same": N_("no change"),
    "steady": N_("stayed about the same"),
    "not_enough_data": N_("not enough data yet"),
}
RULE = N_(
    "Which days count: magnesium is averaged over the days with food logged; cramps, soreness "
    "and training over the days with anything logged, where a day without a cramp, soreness or "
    "training entry counts as 0; sleep over the nights with sleep logged. A day with nothing "
    "logged is left out, never counted as zero."
)
CHANGE_RULE = N_(
    "A change compares the earlier half of the days with data against the later half, and is "
    "only called when each half has at least {days} days."
)
TOO_FEW = N_("{first} and {second} days with data so far; at least {needed} needed in each half")
TOO_FEW_DAYS_ON_TARGET = N_(
    "Cramps on days on target against days below it: not enough data yet ({on} days on target "
    "and {below} below so far; at least {needed} of each needed)."
)
NOTE = N_(
    "A comparison of your own days, not proof: cramps have many causes, and trials of magnesium "
    "for cramps are mixed."
)


def day_row(day: TrendDay) -> dict[str, Any]:
    return {
        "date": day.day.isoformat(),
        "logged": day.logged,
        "has_entries": day.has_entries,
        "entries": day.entries,
        "food_entries": day.food_entries,
        "magnesium_mg": number(day.magnesium_mg, ROUND),
        "food_mg": number(day.food.get("magnesium_mg"), ROUND),
        "supplement_mg": number(day.supplement_mg, ROUND),
        "unknown_entries": day.unknown.get("magnesium_mg", 0),
        "target_mg": number(day.target_mg, ROUND),
        "percent_of_target": number(day.percent_of_target, ROUND),
        "on_target": day.on_target,
        "cramps": day.cramps if day.has_entries else None,
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
        "days_with_entries": sum(d.has_entries for d in days),
        "days_on_target": sum(d.on_target for d in days),
        "averages": {
            "magnesium_mg": number(avg([d.magnesium_mg for d in logged]), ROUND),
            "food_mg": number(avg([d.food.get("magnesium_mg") for d in logged]), ROUND),
            "supplement_mg": number(avg([d.supplement_mg for d in logged]), ROUND),
            "percent_of_target": number(avg([d.percent_of_target for d in logged]), ROUND),
            **{key: number(avg([d.food.get(key) for d in logged]), ROUND) for key in AVERAGED},
            "cramps_per_day": number(avg([d.counted_cramps for d in days]), 2),
            "soreness": number(avg([d.counted_soreness for d in days]), ROUND),
            "sleep_hours": number(avg([d.sleep_hours for d in days]), 2),
            "sleep_quality": number(avg([d.sleep_quality for d in days]), ROUND),
            "training_minutes": number(avg([d.counted_training_minutes for d in days]), ROUND),
        },
        "cramps": sum(d.cramps for d in days),
        "days_with_cramps": sum(1 for d in days if d.cramps),
    }


def change_json(change: Change, lang: str, needed: int) -> dict[str, Any]:
    claim = change.claim
    days = {"first": change.days_first, "second": change.days_second, "needed": needed}
    return {
        "measure": change.measure,
        "name": translate(MEASURE_NAMES[change.measure]),
        "first_half": change.first,
        "second_half": change.second,
        "days_first_half": change.days_first,
        "days_second_half": change.days_second,
        "digits": change.digits,
        "direction": change.direction,
        "direction_text": translate(DIRECTION_WORDS[change.direction]),
        "too_few_days": translate(TOO_FEW, days) if change.direction == "not_enough_data" else None,
        "evidence": None
        if claim is None
        else {
            "claim": claim.slug,
            "strength": claim.strength,
            "strength_text": strength_text(claim.strength),
            "finding": claim.finding.get(lang),
            "sources": list(claim.sources),
        },
    }


def association_json(assoc: Association, needed: int) -> dict[str, Any]:
    days = {"on": assoc.days_on_target, "below": assoc.days_below, "needed": needed}
    return {
        "days_on_target": assoc.days_on_target,
        "days_below_target": assoc.days_below,
        "cramps_per_day_on_target": number(assoc.cramps_per_day_on_target, 2),
        "cramps_per_day_below_target": number(assoc.cramps_per_day_below, 2),
        "enough_data": assoc.enough_data,
        "too_few_days": None if assoc.enough_data else translate(TOO_FEW_DAYS_ON_TARGET, days),
        "note": translate(NOTE),
    }


def trend_json(kb: KnowledgeBase, result: Trend) -> dict[str, Any]:
    lang = get_language()
    min_days = kb.advice.trend.min_days_per_half
    data: dict[str, Any] = {
        "profile": result.profile,
        "system": result.system.value,
        "from": result.start.isoformat(),
        "to": result.end.isoformat(),
    }
    data |= _summary(result, list(result.days))
    needed = int(min_days.value)
    data["rule"] = {
        "days": translate(RULE),
        "change": translate(CHANGE_RULE, {"days": needed}),
        "min_days_per_half": needed,
        "basis": min_days.basis.get(lang),
        "sources": list(min_days.sources),
    }
    data["symptom_trends"] = [change_json(c, lang, needed) for c in result.changes(kb)]
    data["association"] = association_json(result.association(kb), needed)
    data["weeks"] = [
        {"week_of": start.isoformat(), **_summary(result, days)} for start, days in result.weeks()
    ]
    data["daily"] = [day_row(day) for day in result.days]
    return data
