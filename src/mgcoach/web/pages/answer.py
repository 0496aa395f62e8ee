"""One clear answer on Today and Plan (issue 17): the safety gate's verdict as the headline,
styled by its level, with what to do next; the day's other notes in the same four levels
(emergency, stop, caution, info), deduplicated; each medicine's timing said as a clash with
its times or as "your times are fine"; and the risk screen worded by what it counts.

Everything here is shaped from what the engine already returns (contract JSON, and the doses
the check weighed); no fact is decided here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

from ...contract.check import InteractionJson
from ...contract.gate import GateJson, GateReasonJson
from ...contract.risk import RiskJson, RiskReasonJson
from ...engine.clock import format_time
from ...engine.gate import medicine_doses
from ...engine.interactions import MagnesiumDose, Medication
from ...i18n import _, ngettext
from ..templating import num

# The four levels, most serious first; an engine severity and a gate verdict each map to one.
LEVELS = ("emergency", "stop", "caution", "info")
LEVEL_OF_SEVERITY = {
    "emergency": "emergency",
    "avoid": "stop",
    "caution": "caution",
    "info": "info",
}
LEVEL_OF_VERDICT = {
    "emergency": "emergency",
    "stop_supplements": "stop",
    "see_doctor_now": "stop",
    "doctor_only": "stop",
    "lower_dose": "caution",
    "supplement_after_doctor": "caution",
    "supplement": "info",
    "not_needed": "info",
}
# Gate reasons the headline itself says in other words (gate.headline is made from them).
SAID_BY_HEADLINE = frozenset({"gap_unknown", "gap_unknown_taken", "target_reached"})
# Schedule notes that only say no dose time is suggested because there is no plan.
NO_PLAN_NOTES = frozenset({"no_time_doctor", "no_time_avoid", "no_time_above_limit"})
# Findings a gate reason already says in other words.
COVERED_BY = {
    "kidney_reduced": frozenset({"upper_limit_not_for_kidney_disease"}),
    "kidney_severe": frozenset({"upper_limit_not_for_kidney_disease"}),
}
KIDNEY_REASONS = frozenset({"kidney_reduced", "kidney_severe"})
# Within a level: a red flag first, then a timing clash (something to act on today); the
# reassurances and the invitation to log last.
KIND_ORDER = {"red_flag": 0, "timing_clash": 1, "times_fine": 3, "log": 4}


class Answer(TypedDict):
    """The headline of Today and Plan: the gate's verdict, its level and what to do next."""

    verdict: str
    level: str  # emergency, stop, caution or info
    headline: str
    headline_sources: list[str]
    next_step: str | None
    reasons: list[GateReasonJson]  # the gate's reasons the headline does not already say
    plan_applies: bool  # the verdict allows a plan: a dose, dose times, "target reached"


class Item(TypedDict):
    """One note about the day (Today's list, Plan's safety list), in one of the four levels."""

    level: str
    kind: str  # red_flag, timing_clash, times_fine, times_unchecked, spacing, interaction,
    # an issue's kind, or log
    title: str | None
    text: str
    lines: list[str]
    sources: list[str]
    severity: str | None  # the engine's own severity, when the item has one
    link: str | None
    link_text: str | None
    link_after: str | None  # the words after the link, ending the sentence
    why: str | None  # how it works (a medicine's mechanism), in small print
    unverified: bool  # the fact behind it is not yet checked against its source


def item(
    level: str,
    kind: str,
    text: str,
    sources: Iterable[str] = (),
    *,
    title: str | None = None,
    lines: Iterable[str] = (),
    severity: str | None = None,
    link: str | None = None,
    link_text: str | None = None,
    link_after: str | None = None,
    why: str | None = None,
    unverified: bool = False,
) -> Item:
    return Item(
        level=level,
        kind=kind,
        title=title,
        text=text,
        lines=list(lines),
        sources=list(sources),
        severity=severity,
        link=link,
        link_text=link_text,
        link_after=link_after,
        why=why,
        unverified=unverified,
    )


def next_step(verdict: str, *, on_plan: bool = False) -> str | None:
    """What to do next under a verdict that asks for something (None under a plan);
    ``on_plan``: the Plan page, where the "prescribed" question is right below."""
    if verdict == "lower_dose" and on_plan:
        return _(
            "Take less from now on, or, if a doctor prescribed this amount, tick the box below."
        )
    steps = {
        "emergency": _("Call now, or ask someone near you to call:"),
        "stop_supplements": _(
            "Take no magnesium supplements until a doctor has advised you; Mg Coach shows no "
            "plan until then."
        ),
        "see_doctor_now": _(
            "Call your doctor's practice today; outside office hours, the out-of-hours service."
        ),
        "doctor_only": _(
            "Discuss magnesium with your doctor before you take any; Mg Coach shows no plan "
            "of its own."
        ),
        "lower_dose": _(
            "Take less from now on, or, if a doctor prescribed this amount, say so on the Plan "
            "page."
        ),
        "supplement_after_doctor": _("Go through the plan with your doctor before you start."),
    }
    return steps.get(verdict)


def answer_of(gate: GateJson, *, on_plan: bool = False) -> Answer:
    """The gate's verdict as the page's headline; its reasons without those it already says."""
    headline = gate["headline"]
    reasons = [
        reason
        for reason in gate["reasons"]
        if reason["code"] not in SAID_BY_HEADLINE and reason["message"] != headline
    ]
    return Answer(
        verdict=gate["verdict"],
        level=LEVEL_OF_VERDICT.get(gate["verdict"], "stop"),
        headline=headline,
        headline_sources=list(gate["headline_sources"]),
        next_step=next_step(gate["verdict"], on_plan=on_plan),
        reasons=reasons,
        plan_applies=gate["plan"],
    )


def shown_by_gate(gate: GateJson) -> frozenset[str]:
    """Codes of the findings and red flags the answer already says (contract "gate"): its
    reasons, what they cover, and without a plan the "no dose time" notes."""
    codes = {reason["code"] for reason in gate["reasons"]}
    for code in list(codes):
        codes |= COVERED_BY.get(code, frozenset())
    if not gate["plan"]:
        codes |= NO_PLAN_NOTES
    return frozenset(codes)


def kidney_said(gate: GateJson) -> bool:
    """The answer already says what the kidney function means."""
    return any(reason["code"] in KIDNEY_REASONS for reason in gate["reasons"])


# -- timing -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MagnesiumTimes:
    """The magnesium doses a spacing check weighed: their clock times, and whether any had
    none (then its spacing was not checked)."""

    times: tuple[str, ...]
    untimed: bool

    @property
    def present(self) -> bool:
        return bool(self.times) or self.untimed

    @classmethod
    def of(
        cls, doses: Iterable[MagnesiumDose], medications: Iterable[Medication] = ()
    ) -> MagnesiumTimes:
        """The supplement doses and the magnesium of magnesium-containing medicines."""
        every = [*doses, *medicine_doses(medications)]
        minutes = sorted({at for dose in every for at in dose.times})
        untimed = any(not dose.times and dose.mg > 0 for dose in every)
        return cls(tuple(format_time(at) for at in minutes), untimed)


def _spacing(entry: InteractionJson) -> str:
    return _("{drug} at least {before} h before magnesium, or at least {after} h after it.").format(
        drug=entry["drug_given"], before=num(entry["hours_before"]), after=num(entry["hours_after"])
    )


def timing_item(entry: InteractionJson, magnesium: MagnesiumTimes, *, rules: bool) -> Item | None:
    """A medicine with a spacing rule against the magnesium of the day: a clash (caution) with
    both times, "your times are fine" with the spacing kept, or a time to log; with no
    magnesium to check, the rule itself where a plan is made (``rules``), else nothing."""
    drug = entry["drug_given"]
    sources = entry["sources"]
    severity = entry["severity"]
    if entry["conflict"]:
        title = _("Timing clash: {drug} and magnesium are too close together").format(drug=drug)
        return item(
            "caution", "timing_clash", "", sources, title=title, lines=entry["details"],
            severity=severity,
        )  # fmt: skip
    if not magnesium.present:
        if not rules:
            return None  # Today: nothing taken, nothing to check
        rule = _("Keep the spacing: {rule}").format(rule=_spacing(entry))
        return item("info", "spacing", entry["message"], sources, lines=[rule], severity=severity)
    if not entry["drug_times"]:
        text = _("Log the times you take {drug}, so Mg Coach can check its spacing from magnesium.")
        return item("info", "times_unchecked", text.format(drug=drug), sources, severity=severity)
    if magnesium.untimed:
        text = _("Log the time you took magnesium, so Mg Coach can check its spacing from {drug}.")
        return item("info", "times_unchecked", text.format(drug=drug), sources, severity=severity)
    text = _("Your times are fine: {drug} at {drug_times}, magnesium at {mg_times}.").format(
        drug=drug,
        drug_times=", ".join(entry["drug_times"]),
        mg_times=", ".join(magnesium.times),
    )
    kept = _("That keeps the spacing: {rule}").format(rule=_spacing(entry))
    return item("info", "times_fine", text, sources, lines=[kept], severity=severity)


def interaction_item(
    entry: InteractionJson,
    magnesium: MagnesiumTimes,
    said: frozenset[str],
    *,
    rules: bool,
    plan_applies: bool,
) -> Item | None:
    """What one medicine means for magnesium, as one item, with how it works (its mechanism).
    None when the answer says it, when Mg Coach lists nothing for it, or when its timing has
    nothing to check; and under a verdict that allows no plan, nothing about when to take
    magnesium (a clash that happened stays)."""
    found = _interaction_item(entry, magnesium, said, rules=rules, plan_applies=plan_applies)
    if found is not None and entry["mechanism"]:
        found["why"] = entry["mechanism"]
    if found is not None:
        found["unverified"] = entry["needs_verification"]
    return found


def _interaction_item(
    entry: InteractionJson,
    magnesium: MagnesiumTimes,
    said: frozenset[str],
    *,
    rules: bool,
    plan_applies: bool,
) -> Item | None:
    if entry["kind"] == "none":
        return None
    timing = entry["kind"] == "timing" and entry["hours_before"] is not None
    if timing:
        found = timing_item(entry, magnesium, rules=rules)
        if found is None or found["kind"] == "timing_clash" or plan_applies:
            return found
        if not rules:
            return None
        # Plan, no plan allowed: the medicine's rule as a fact, nothing on when to take magnesium
    elif f"medicine_{entry['drug']}" in said:
        return None
    name = entry["drug_given"]
    title = f"{name} ({entry['drug_class_name']})" if entry["drug_class_name"] else name
    # A spacing rule with no magnesium to space is something to know, not a caution.
    level = "info" if timing else LEVEL_OF_SEVERITY.get(entry["severity"], "info")
    return item(
        level, "interaction", entry["message"], entry["sources"], title=title,
        lines=[] if timing else entry["details"], severity=entry["severity"],
    )  # fmt: skip


def ordered(items: Iterable[Item | None]) -> list[Item]:
    """The items most serious first (grouped by level, KIND_ORDER within it), each once."""
    seen: set[tuple[str, str, str | None]] = set()
    unique: list[Item] = []
    for found in items:
        if found is None:
            continue
        key = (found["text"], " ".join(found["lines"]), found["title"])
        if key in seen:
            continue
        seen.add(key)
        unique.append(found)
    unique.sort(key=lambda entry: (LEVELS.index(entry["level"]), KIND_ORDER.get(entry["kind"], 2)))
    return unique


# -- the risk screen --------------------------------------------------------------------------


class RiskSummary(TypedDict):
    """The risk screen's grade with what it counts, worded so it reads with "target reached"."""

    grade: str  # low, moderate or high
    title: str
    counts: str
    consistency: str | None
    reasons: list[RiskReasonJson]


def risk_summary(
    risk: RiskJson,
    *,
    food_mg: float | None,
    food_logged: bool,
    supplement_mg: float,
    target_mg: float | None,
) -> RiskSummary:
    """``Chance of low magnesium``: the grade, what it counts (food, never supplements), and
    when the day reached its target a sentence that says why the two do not contradict."""
    grades = {"low": _("low"), "moderate": _("moderate"), "high": _("high")}
    points = round(risk["points"])
    title = _("Chance of low magnesium: {grade}").format(grade=grades[risk["grade"]])
    title += " " + ngettext("({points} point)", "({points} points)", points).format(
        points=num(risk["points"])
    )
    if food_logged:
        counts = _(
            "Counted: the magnesium from your food only (supplements are not counted), and "
            "the reasons below."
        )
    else:
        counts = _("No food is logged for this day, so only the reasons below are counted.")
    food = food_mg or 0.0
    total = food + supplement_mg
    consistency = None
    if target_mg and food_logged and total >= target_mg:
        if food < target_mg:
            consistency = _(
                "With your supplements this day reached its target; this chance looks at your "
                "food alone ({food})."
            ).format(food=num(food, 0, "mg"))
        elif risk["grade"] != "low":
            consistency = _(
                "Your food reached the target: the chance comes from the other reasons below."
            )
    return RiskSummary(
        grade=risk["grade"],
        title=title,
        counts=counts,
        consistency=consistency,
        reasons=risk["reasons"],
    )


# -- evidence ---------------------------------------------------------------------------------


def claim_lead(strength: str) -> str:
    """What a claim's evidence strength means, in one plain sentence (evidence.toml strengths)."""
    leads = {
        "no_meaningful_benefit": _("Trials found no meaningful benefit on average."),
        "uncertain": _("The trials disagree: it is not known whether it helps."),
        "no_evidence": _("No trials of it were found."),
        "weak": _("The evidence is weak: it may or may not help."),
        "moderate": _("Moderate evidence supports it."),
        "strong": _("Good evidence supports it."),
        "insufficient": _("There is too little evidence to say."),
        "not_supported": _("The evidence does not support it."),
        "regulatory": _("A legal wording, not evidence of an effect."),
    }
    return leads.get(strength, strength)
