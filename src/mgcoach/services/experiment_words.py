"""The plain-language verdict of an N-of-1 experiment, as msgids with their parameters
(translated at the edge, or by ``report_summary`` in a given language).

The wording rules (issue 20): calm and plain; "no clear difference" whenever the interval
includes no difference; never "cured" or "proven"; a stopped experiment is never a result;
every finished result says that without blinding an expectation effect can make the periods
on magnesium look better, and that the result is one to take to a doctor.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.gate import STOPPING_HEADLINES
from ..i18n import N_, NP_, Plural
from .experiments import ExperimentView

BLINDING = N_(
    "Blinding is not possible at home: you know when you take magnesium, and expecting it to "
    "help can make the periods on it look better than they are."
)
_LOWER = N_(
    "{outcome} on magnesium: on average {amount} {unit} lower than without (95 % interval "
    "{low} to {high})."
)
_HIGHER = N_(
    "{outcome} on magnesium: on average {amount} {unit} higher than without (95 % interval "
    "{low} to {high})."
)
_TEXTS = {
    "stopped_safety": N_(
        "The experiment was stopped for safety. This is not a result: talk to your doctor "
        "about what happened before you take magnesium again."
    ),
    "stopped": N_(
        "The experiment was stopped early. The periods it has cannot show whether magnesium "
        "helps you."
    ),
    "too_few_pairs": N_(
        "Too few complete pairs of periods to tell a difference ({pairs} of the {needed} "
        "needed): this experiment cannot answer the question."
    ),
    "better_on": N_(
        "In your experiment that is better. It is your own result, not proof of a cure: take "
        "it to your doctor."
    ),
    "worse_on": N_(
        "In your experiment that is worse: talk to your doctor before you go on taking magnesium."
    ),
    "no_clear_difference": N_(
        "No clear difference: the 95 % interval of the difference on magnesium ({low} to "
        "{high} {unit}) includes no difference. Magnesium did not clearly help or harm this "
        "for you in this experiment."
    ),
}
_RUNNING = N_(
    "The experiment is running: day {day} of {days}. The result is shown when the last "
    "period has ended, so that no one is tempted to stop at a lucky moment."
)
_NOT_STARTED = N_("The experiment starts on {start}: the order of its periods is fixed.")
_LEFT_OUT = NP_(
    "{count} pair of periods was left out: a period had answers on fewer than half of its days.",
    "{count} pairs of periods were left out: a period had answers on fewer than half of "
    "their days.",
)
_ADHERENCE = N_(
    "You kept to the schedule on {share} % of the days you checked in: the difference of "
    "actually taking magnesium may be larger than measured here."
)
_DOCTOR = N_("Your plan says to talk to your doctor before you take magnesium: do so first.")


@dataclass(frozen=True, slots=True)
class Words:
    """One message with its parameters (``message`` a msgid or a plural)."""

    code: str
    message: str | Plural
    params: dict[str, object]


def _round(value: float) -> float:
    return round(value, 1) + 0.0  # no "-0.0"


def verdict_words(found: ExperimentView, lang: str) -> list[Words]:
    """The verdict's sentences, the deciding one first, then the notes that qualify it."""
    result = found.analysis
    outcome = found.outcome
    unit = outcome.unit.get(lang)
    name = outcome.name.get(lang)
    words: list[Words] = []
    if result.verdict == "running" and found.today < found.design.start:
        words.append(Words("not_started", _NOT_STARTED, {"start": found.design.start}))
    elif result.verdict == "running":
        day = (found.today - found.design.start).days + 1
        words.append(Words("running", _RUNNING, {"day": day, "days": found.design.days}))
    elif result.verdict in ("better_on", "worse_on"):
        assert result.effect is not None and result.low is not None and result.high is not None
        difference = outcome.sign * result.effect
        bounds = sorted(abs(outcome.sign * b) for b in (result.low, result.high))
        params: dict[str, object] = {
            "outcome": name,
            "amount": _round(abs(difference)),
            "unit": unit,
            "low": _round(bounds[0]),
            "high": _round(bounds[1]),
        }
        words.append(Words("change", _LOWER if difference < 0 else _HIGHER, params))
        words.append(Words(result.verdict, _TEXTS[result.verdict], {}))
    elif result.verdict == "no_clear_difference":
        assert result.low is not None and result.high is not None
        low, high = sorted(outcome.sign * b for b in (result.low, result.high))
        params = {"low": _round(low), "high": _round(high), "unit": unit}
        words.append(Words(result.verdict, _TEXTS[result.verdict], params))
    else:
        params = {"pairs": result.pairs_analysed, "needed": found.facts.design.min_pairs}
        words.append(Words(result.verdict, _TEXTS[result.verdict], params))
    return _deciding(found) + words + _notes(found)


def _deciding(found: ExperimentView) -> list[Words]:
    """A safety stop's cause decides what comes first: the gate's own headline (call your
    emergency number, see a doctor today, ...) before anything about the experiment."""
    if found.analysis.verdict != "stopped_safety" or not found.stop_reason:
        return []
    message = STOPPING_HEADLINES.get(found.stop_reason.removeprefix("verdict_"))
    return [] if message is None else [Words("safety_headline", message, {})]


def _notes(found: ExperimentView) -> list[Words]:
    result = found.analysis
    notes = [Words("blinding", BLINDING, {})]
    ended = [s for s in result.periods if s.ended]
    left_out = len({s.period.pair for s in ended if not s.analysed})
    if left_out and result.verdict != "running":
        notes.append(Words("pairs_left_out", _LEFT_OUT, {"count": left_out}))
    share = result.adherence.share
    if result.low_adherence and share is not None:
        notes.append(Words("low_adherence", _ADHERENCE, {"share": round(100 * share)}))
    if found.gate == "supplement_after_doctor":
        notes.append(Words("doctor_first", _DOCTOR, {}))
    return notes
