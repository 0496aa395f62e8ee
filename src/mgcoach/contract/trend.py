"""JSON for `mgcoach week` and `mgcoach trend`: averages, days on target, symptom trends (the
earlier half of the days with data against the later half) and the per-day and per-week rows.

Everything a person reads is here in words, in their language (the rule for which days count,
the measures, the directions, the strength of the evidence), so the CLI, the API and the Trends
page show the same numbers and the same sentences.
"""

from __future__ import annotations

from typing_extensions import TypedDict

from ..i18n import N_, get_language, translate
from ..knowledge import KnowledgeBase
from ..knowledge.safety import Strength
from ..services.trend import Association, Change, Direction, Trend, TrendDay
from .common import documented, number
from .evidence import strength_text

ROUND = 1
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


@documented
class TrendDayJson(TypedDict):
    """One day of the trend."""

    date: str
    """The day, YYYY-MM-DD."""
    logged: bool
    """True when food was logged that day."""
    has_entries: bool
    """True when anything was logged that day."""
    entries: int
    """Entries of any kind."""
    food_entries: int
    """Food entries."""
    magnesium_mg: float | None
    """Magnesium from food and supplements; null without food logged."""
    food_mg: float | None
    """Magnesium from food."""
    supplement_mg: float
    """Magnesium from supplements."""
    unknown_entries: int
    """Food entries whose magnesium is not known."""
    target_mg: float | None
    """The day's magnesium target."""
    percent_of_target: float | None
    """Magnesium as a percentage of the target."""
    on_target: bool
    """True when the target was reached."""
    cramps: int | None
    """Cramps that day; null on a day with nothing logged."""
    cramp_nights: int
    """Cramp entries at night."""
    soreness: float | None
    """The highest soreness, 0–10."""
    symptoms: dict[str, int]
    """Symptom entries, by symptom."""
    sleep_hours: float | None
    """Hours slept."""
    sleep_quality: float | None
    """Sleep quality, 0–10."""
    training_minutes: float
    """Minutes of training."""
    training_rpe: float | None
    """The hardest training's effort, 0–10."""


@documented
class AveragesJson(TypedDict):
    """Averages a day: magnesium and food nutrients over the days with food logged, cramps,
    soreness and training over the days with anything logged, sleep over the nights logged."""

    magnesium_mg: float | None
    """Magnesium, mg."""
    food_mg: float | None
    """Magnesium from food, mg."""
    supplement_mg: float | None
    """Magnesium from supplements, mg."""
    percent_of_target: float | None
    """Magnesium as a percentage of the target."""
    calcium_mg: float | None
    """Calcium from food, mg."""
    potassium_mg: float | None
    """Potassium from food, mg."""
    sodium_mg: float | None
    """Sodium from food, mg."""
    zinc_mg: float | None
    """Zinc from food, mg."""
    energy_kcal: float | None
    """Energy from food, kcal."""
    protein_g: float | None
    """Protein from food, g."""
    cramps_per_day: float | None
    """Cramps a day."""
    soreness: float | None
    """Soreness, 0–10."""
    sleep_hours: float | None
    """Hours of sleep."""
    sleep_quality: float | None
    """Sleep quality, 0–10."""
    training_minutes: float | None
    """Minutes of training."""


@documented
class SummaryJson(TypedDict):
    """Days, averages and cramps over a span of days."""

    days: int
    """Days in the span."""
    days_logged: int
    """Days with food logged."""
    days_with_entries: int
    """Days with anything logged."""
    days_on_target: int
    """Days the magnesium target was reached."""
    averages: AveragesJson
    """Averages a day."""
    cramps: int
    """Cramps in all."""
    days_with_cramps: int
    """Days with a cramp."""


@documented
class WeekJson(SummaryJson):
    """One week of the span."""

    week_of: str
    """The week's Monday, YYYY-MM-DD."""


@documented
class TrendRuleJson(TypedDict):
    """Which days count, and when a change is called."""

    days: str
    """Which days count, in the reader's language."""
    change: str
    """When a change is called, in the reader's language."""
    min_days_per_half: int
    """The days each half needs."""
    basis: str
    """Why that many."""
    sources: list[str]
    """Source ids."""


@documented
class ChangeEvidenceJson(TypedDict):
    """What the evidence says about magnesium for the measure."""

    claim: str
    """The claim's slug (evidence.toml)."""
    strength: Strength
    """How strong the evidence is."""
    strength_text: str
    """The same, in the reader's language."""
    finding: str
    """What the studies found."""
    sources: list[str]
    """Source ids."""


@documented
class ChangeJson(TypedDict):
    """A measure in the earlier half of the days with data against the later half."""

    measure: str
    """magnesium_mg, cramps, soreness or sleep_hours."""
    name: str
    """The measure, in the reader's language."""
    first_half: float | None
    """The earlier half's average; null with too few days."""
    second_half: float | None
    """The later half's average; null with too few days."""
    days_first_half: int
    """Days with data in the earlier half."""
    days_second_half: int
    """Days with data in the later half."""
    digits: int
    """Decimals to show the averages with."""
    direction: Direction
    """up, down, same, steady or not_enough_data."""
    direction_text: str
    """The direction, in the reader's language."""
    too_few_days: str | None
    """How many days there are and are needed, when there are too few."""
    evidence: ChangeEvidenceJson | None
    """What the evidence says, for a measure with a claim."""


@documented
class AssociationJson(TypedDict):
    """Cramps on days on target against days below it."""

    days_on_target: int
    """Days on target."""
    days_below_target: int
    """Days below target."""
    cramps_per_day_on_target: float | None
    """Cramps a day on days on target."""
    cramps_per_day_below_target: float | None
    """Cramps a day on days below target."""
    enough_data: bool
    """True when there are enough days of each."""
    too_few_days: str | None
    """How many days there are and are needed, when there are too few."""
    note: str
    """What the comparison can and cannot show."""


_TrendSpan = TypedDict("_TrendSpan", {"from": str, "to": str})


@documented
class TrendAnswer(_TrendSpan, SummaryJson):
    """``mgcoach week --json`` and ``mgcoach trend --json``: averages, days on target, symptom
    trends and the per-week and per-day rows, from ``from`` to ``to`` (YYYY-MM-DD)."""

    profile: str
    """Whose journal."""
    system: str
    """The reference system of the targets."""
    rule: TrendRuleJson
    """Which days count, and when a change is called."""
    symptom_trends: list[ChangeJson]
    """Each measure, earlier half against later half."""
    association: AssociationJson
    """Cramps on days on target against days below it."""
    weeks: list[WeekJson]
    """Week by week."""
    daily: list[TrendDayJson]
    """Day by day."""


def day_row(day: TrendDay) -> TrendDayJson:
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


def _summary(result: Trend, days: list[TrendDay]) -> SummaryJson:
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
            "calcium_mg": _food_average(result, logged, "calcium_mg"),
            "potassium_mg": _food_average(result, logged, "potassium_mg"),
            "sodium_mg": _food_average(result, logged, "sodium_mg"),
            "zinc_mg": _food_average(result, logged, "zinc_mg"),
            "energy_kcal": _food_average(result, logged, "energy_kcal"),
            "protein_g": _food_average(result, logged, "protein_g"),
            "cramps_per_day": number(avg([d.counted_cramps for d in days]), 2),
            "soreness": number(avg([d.counted_soreness for d in days]), ROUND),
            "sleep_hours": number(avg([d.sleep_hours for d in days]), 2),
            "sleep_quality": number(avg([d.sleep_quality for d in days]), ROUND),
            "training_minutes": number(avg([d.counted_training_minutes for d in days]), ROUND),
        },
        "cramps": sum(d.cramps for d in days),
        "days_with_cramps": sum(1 for d in days if d.cramps),
    }


def _food_average(result: Trend, logged: list[TrendDay], key: str) -> float | None:
    return number(result.average([d.food.get(key) for d in logged]), ROUND)


def change_json(change: Change, lang: str, needed: int) -> ChangeJson:
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


def association_json(assoc: Association, needed: int) -> AssociationJson:
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


def trend_json(kb: KnowledgeBase, result: Trend) -> TrendAnswer:
    lang = get_language()
    min_days = kb.advice.trend.min_days_per_half
    needed = int(min_days.value)
    return {
        "profile": result.profile,
        "system": result.system.value,
        "from": result.start.isoformat(),
        "to": result.end.isoformat(),
        **_summary(result, list(result.days)),
        "rule": {
            "days": translate(RULE),
            "change": translate(CHANGE_RULE, {"days": needed}),
            "min_days_per_half": needed,
            "basis": min_days.basis.get(lang),
            "sources": list(min_days.sources),
        },
        "symptom_trends": [change_json(c, lang, needed) for c in result.changes(kb)],
        "association": association_json(result.association(kb), needed),
        "weeks": [
            {"week_of": start.isoformat(), **_summary(result, days)}
            for start, days in result.weeks()
        ],
        "daily": [day_row(day) for day in result.days],
    }
