"""JSON of N-of-1 experiments: ``mgcoach experiment status|result --json``, the answers of
``/api/v1/experiments`` and what the Experiment page shows (services/experiments.py).

Keys: ``profile``, ``id``, ``status`` (running, finished, stopped, stopped_safety),
``stop_reason``, ``outcome``, ``design`` (dates, period and wash-out days, pairs, dose and
form, power, blinding), ``allocation`` (each pair's order, drawn and recorded before the
start), ``periods`` (per-period summaries with dates), ``effect`` and ``interval`` (null
while running: no peeking), ``method``, ``adherence``, ``verdict`` (a code and plain-language
sentences), ``today`` (the day's period and check-in), ``sources``.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from ..engine.experiment_result import PeriodSummary
from ..i18n import N_, get_language, translate
from ..services.experiment_words import BLINDING, verdict_words
from ..services.experiments import METHOD, ExperimentView
from .common import documented, number


@documented
class ExperimentOutcome(TypedDict):
    """What is compared: one daily answer."""

    slug: str
    """night_cramps, soreness, sleep_quality or sleep_latency."""
    name: str
    question: str
    """The daily check-in's question."""
    unit: str
    low: float
    high: float
    step: float
    better: Literal["lower", "higher"]
    """Which way is better."""


@documented
class ExperimentDesign(TypedDict):
    """The design, fixed before the first day."""

    start: str
    """YYYY-MM-DD."""
    end: str
    """The last day, YYYY-MM-DD."""
    days: int
    period_days: int
    washout_days: int
    """Days at the start of each period that are not analysed."""
    pairs: int
    """Pairs of periods, each on then off or off then on."""
    dose_mg: float
    """Elemental magnesium a day in the periods on, from the plan."""
    form: str
    """The plan's compound (slug)."""
    form_name: str
    power: float
    """Share of simulated experiments of this design that find a true difference of one
    standard deviation of the daily answer."""
    blinded: bool
    """Always false: blinding is not possible at home."""
    blinding: str
    """What the missing blinding means."""
    reminder: str
    """The evening clock time of the daily check-in (HH:MM)."""
    seed: int
    """The random draw the allocation came from."""


@documented
class ExperimentPeriod(TypedDict):
    index: int
    pair: int
    arm: Literal["on", "off"]
    """on: the plan's dose every day; off: no magnesium supplement."""
    start: str
    end: str
    analysed_from: str
    """The first day after the wash-out."""
    analysed_days: int
    """Days after the wash-out up to today."""
    answered: int
    mean: float | None
    """Mean answer of the analysed days; null while running (no peeking) or without answers."""
    checked: int
    taken: int
    """Days the dose was taken."""
    ended: bool
    analysed: bool
    """Ended, with answers on enough days, and its pair partner too."""


@documented
class ExperimentEffect(TypedDict):
    improvement: float
    """Mean of the pairs' (on − off) differences, signed so that positive is better on
    magnesium, in the outcome's unit."""
    difference: float
    """On minus off, as measured."""
    on_mean: float
    off_mean: float
    pairs_analysed: int
    unit: str


@documented
class ExperimentInterval(TypedDict):
    low: float
    """Of the improvement (positive: better on magnesium)."""
    high: float
    level: float
    """0.95."""


@documented
class ExperimentMethod(TypedDict):
    name: str
    description: str
    analysis: Literal["as_allocated"]
    alpha: float
    p_value: float | None


@documented
class ExperimentAdherence(TypedDict):
    days: int
    """Days of the experiment so far."""
    checked: int
    missing: int
    on_checked: int
    on_taken: int
    off_checked: int
    off_taken: int
    share: float | None
    """Days as allocated (taken on, not taken off) out of the days checked in."""
    good: bool | None


@documented
class ExperimentSentence(TypedDict):
    code: str
    text: str


@documented
class ExperimentVerdict(TypedDict):
    code: str
    """running, stopped_safety, stopped, too_few_pairs, better_on, worse_on or
    no_clear_difference."""
    text: str
    """The whole verdict in plain language."""
    sentences: list[ExperimentSentence]


@documented
class ExperimentToday(TypedDict):
    day: str
    period: int | None
    arm: Literal["on", "off"] | None
    checked_in: bool
    value: float | None
    taken: bool | None


@documented
class ExperimentAnswer(TypedDict):
    """An N-of-1 experiment as it stands today."""

    profile: str
    id: int
    status: str
    stop_reason: str | None
    outcome: ExperimentOutcome
    design: ExperimentDesign
    allocation: list[str]
    """Each pair's order: on-off or off-on."""
    periods: list[ExperimentPeriod]
    effect: ExperimentEffect | None
    """Null while running (no peeking) or with no analysed pair."""
    interval: ExperimentInterval | None
    """Null while running or when too few pairs are analysed to bound it."""
    method: ExperimentMethod
    adherence: ExperimentAdherence
    verdict: ExperimentVerdict
    today: ExperimentToday
    sources: list[str]


METHOD_TEXT = N_(
    "Exact randomisation test over every allocation of the pairs' orders, on the mean of the "
    "pairs' (on - off) differences of period means; the interval holds the shifts the test "
    "does not reject. Days count as allocated, wash-out days are not analysed."
)


def _period_json(summary: PeriodSummary, shown: bool) -> ExperimentPeriod:
    period = summary.period
    return {
        "index": period.index,
        "pair": period.pair,
        "arm": period.arm,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "analysed_from": period.analysed_from.isoformat(),
        "analysed_days": summary.analysed_days,
        "answered": summary.answered,
        "mean": number(summary.mean, 3) if shown else None,
        "checked": summary.checked,
        "taken": summary.taken,
        "ended": summary.ended,
        "analysed": summary.analysed,
    }


def _design_json(found: ExperimentView, lang: str) -> ExperimentDesign:
    design = found.design
    return {
        "start": design.start.isoformat(),
        "end": design.end.isoformat(),
        "days": design.days,
        "period_days": design.period_days,
        "washout_days": design.washout_days,
        "pairs": design.pairs,
        "dose_mg": number(design.dose_mg, 1),
        "form": design.form,
        "form_name": design.form if found.form_name is None else found.form_name.get(lang),
        "power": design.power,
        "blinded": False,
        "blinding": translate(BLINDING),
        "reminder": found.facts.design.reminder,
        "seed": design.seed,
    }


def _effect_json(found: ExperimentView, lang: str) -> ExperimentEffect | None:
    result = found.analysis
    if result.effect is None or result.on_mean is None or result.off_mean is None:
        return None
    return {
        "improvement": number(result.effect, 3),
        "difference": number(result.on_mean - result.off_mean, 3),
        "on_mean": number(result.on_mean, 3),
        "off_mean": number(result.off_mean, 3),
        "pairs_analysed": result.pairs_analysed,
        "unit": found.outcome.unit.get(lang),
    }


def _adherence_json(found: ExperimentView) -> ExperimentAdherence:
    kept = found.analysis.adherence
    share = kept.share
    return {
        "days": kept.days,
        "checked": kept.checked,
        "missing": kept.missing,
        "on_checked": kept.on_checked,
        "on_taken": kept.on_taken,
        "off_checked": kept.off_checked,
        "off_taken": kept.off_taken,
        "share": number(share, 3),
        "good": None if share is None else share >= found.facts.design.good_adherence,
    }


def _verdict_json(found: ExperimentView, lang: str) -> ExperimentVerdict:
    sentences: list[ExperimentSentence] = [
        {"code": w.code, "text": translate(w.message, w.params)} for w in verdict_words(found, lang)
    ]
    return {
        "code": found.analysis.verdict,
        "text": " ".join(s["text"] for s in sentences),
        "sentences": sentences,
    }


def _today_json(found: ExperimentView) -> ExperimentToday:
    period, checked = found.today_period, found.today_checkin
    return {
        "day": found.today.isoformat(),
        "period": None if period is None else period.index,
        "arm": None if period is None else period.arm,
        "checked_in": checked is not None,
        "value": None if checked is None else checked.value,
        "taken": None if checked is None else checked.taken,
    }


def experiment_json(found: ExperimentView) -> ExperimentAnswer:
    lang = get_language()
    result = found.analysis
    outcome = found.outcome
    shown = result.state != "running"
    interval: ExperimentInterval | None = None
    if result.low is not None and result.high is not None:
        level = 1 - found.facts.design.alpha
        interval = {"low": number(result.low, 3), "high": number(result.high, 3), "level": level}
    return {
        "profile": found.profile,
        "id": found.id,
        "status": found.status,
        "stop_reason": found.stop_reason,
        "outcome": {
            "slug": outcome.slug,
            "name": outcome.name.get(lang),
            "question": outcome.question.get(lang),
            "unit": outcome.unit.get(lang),
            "low": outcome.low,
            "high": outcome.high,
            "step": outcome.step,
            "better": outcome.better,
        },
        "design": _design_json(found, lang),
        "allocation": list(found.design.allocation),
        "periods": [_period_json(s, shown) for s in result.periods],
        "effect": _effect_json(found, lang),
        "interval": interval,
        "method": {
            "name": METHOD,
            "description": translate(METHOD_TEXT),
            "analysis": "as_allocated",
            "alpha": found.facts.design.alpha,
            "p_value": number(result.p_value, 4),
        },
        "adherence": _adherence_json(found),
        "verdict": _verdict_json(found, lang),
        "today": _today_json(found),
        "sources": sorted({*outcome.sources, *found.facts.design.sources}),
    }
