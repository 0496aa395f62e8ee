"""Today: one day of the journal at a glance, rendered from the same JSON as the API's
``day/{date}`` (contract.day.day_json), so the page and the API never disagree.

Also the helpers the other journal pages share: the day a ``date`` parameter names, and the
redirect to onboarding when the viewer has no profile yet.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypedDict

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from ...contract.check import InteractionJson
from ...contract.common import NoteJson
from ...contract.day import DayAnswer, DayNutrientJson, day_json
from ...contract.gate import GateJson
from ...contract.risk import RiskReasonJson
from ...i18n import _, get_language
from ...journal.dates import parse_day
from ...journal.model import PersonProfile
from ...knowledge import KnowledgeBase
from ...services.day import day_report
from ...services.journal import UnknownProfileError, show_profile
from ..context import PROFILE, Viewer, signed_in, state_of
from ..templating import num, render

router = APIRouter(include_in_schema=False)

LEVELS = {"avoid": 0, "caution": 1, "info": 2}
# Issues shown with their interaction or red flag instead of on their own.
INTERACTION_KINDS = frozenset(
    {"timing", "avoid", "depletion", "retention", "contains_magnesium", "additive", "none"}
)
NUTRIENT_DIGITS = {"zinc": 1}
# Schedule notes that only say no dose time is suggested because there is no plan: the verdict
# at the top of the page says that already.
NO_PLAN_NOTES = frozenset({"no_time_doctor", "no_time_avoid", "no_time_above_limit"})
# Findings a gate reason already says in other words.
COVERED_BY = {
    "kidney_reduced": frozenset({"upper_limit_not_for_kidney_disease"}),
    "kidney_severe": frozenset({"upper_limit_not_for_kidney_disease"}),
}


def to_onboarding() -> RedirectResponse:
    return RedirectResponse("/onboarding", status_code=303)


def profile_of(request: Request, viewer: Viewer) -> PersonProfile | None:
    """The viewer's journal profile, None when they have not made it yet."""
    try:
        return show_profile(state_of(request).db, PROFILE, viewer.owner)
    except UnknownProfileError:
        return None


def day_of(text: str | None) -> date:
    """The day a ``date`` parameter names (default today); a future day is refused."""
    return parse_day(text or None, date.today())


class Flag(TypedDict):
    """One thing to know about the day, as the Today page lists it."""

    level: str  # avoid, caution or info (LEVELS orders them)
    kind: str  # red_flag, interaction, an issue's kind, or risk
    text: str
    sources: list[str]
    title: str | None
    details: list[str]
    rule: str | None  # the spacing rule of a timing interaction that is kept
    conflict: bool  # the logged times break the rule
    reasons: list[RiskReasonJson]  # the risk screen's points
    notes: list[NoteJson]
    see_doctor: bool
    urgency: str | None  # a red flag's level


def _flag(
    level: str,
    kind: str,
    text: str,
    sources: list[str],
    *,
    title: str | None = None,
    details: list[str] | None = None,
    rule: str | None = None,
    conflict: bool = False,
    reasons: list[RiskReasonJson] | None = None,
    notes: list[NoteJson] | None = None,
    see_doctor: bool = False,
    urgency: str | None = None,
) -> Flag:
    return Flag(
        level=level,
        kind=kind,
        text=text,
        sources=sources,
        title=title,
        details=details or [],
        rule=rule,
        conflict=conflict,
        reasons=reasons or [],
        notes=notes or [],
        see_doctor=see_doctor,
        urgency=urgency,
    )


def _interaction_flag(item: InteractionJson) -> Flag:
    """A medicine against magnesium; a conflict's detail names both clock times."""
    drug = item["drug_given"]
    title = f"{drug} ({item['drug_class_name']})" if item["drug_class_name"] else drug
    rule = None
    if item["kind"] == "timing" and item["hours_before"] is not None and not item["conflict"]:
        rule = _(
            "Spacing needed: {drug} at least {before} h before magnesium, or at least {after} h "
            "after it."
        ).format(drug=drug, before=num(item["hours_before"]), after=num(item["hours_after"]))
    return _flag(
        item["severity"],
        "interaction",
        item["message"],
        item["sources"],
        title=title,
        conflict=item["conflict"],
        rule=rule,
        details=list(item["details"]),
    )


def shown_by_gate(gate: GateJson) -> frozenset[str]:
    """Codes of the findings and red flags the verdict block already says (contract "gate"):
    its reasons, what they cover, and without a plan the "no dose time" notes."""
    codes = {reason["code"] for reason in gate["reasons"]}
    for code in list(codes):
        codes |= COVERED_BY.get(code, frozenset())
    if not gate["plan"]:
        codes |= NO_PLAN_NOTES
    return frozenset(codes)


def day_flags(data: DayAnswer) -> list[Flag]:
    """Everything else to know about the day, most serious first: red flags, interactions at
    the logged times, the upper limit and the other issues, and the risk screen. What the
    verdict at the top already says (its reasons) is not repeated here."""
    risk = data["risk"]
    said = shown_by_gate(data["gate"])
    red_flags = [item for item in risk["red_flags"] if item["code"] not in said]
    flags = [
        _flag("avoid", "red_flag", item["message"], item["sources"], urgency=item["level"])
        for item in red_flags
    ]
    flags += [_interaction_flag(item) for item in data["interactions"]]
    for issue in data["issues"]:
        if issue["kind"] in INTERACTION_KINDS or issue["kind"] == "red_flag":
            continue
        if issue["code"] in said:
            continue
        flags.append(_flag(issue["severity"], issue["kind"], issue["message"], issue["sources"]))
    grades = {"low": _("low"), "moderate": _("moderate"), "high": _("high")}
    # "See a doctor" belongs to the red flags: when the verdict shows them all, it says it.
    see_doctor = risk["see_doctor"] and (bool(red_flags) or not risk["red_flags"])
    screen = _flag(
        "avoid" if see_doctor else ("info" if risk["grade"] == "low" else "caution"),
        "risk",
        _("Chance of low magnesium: {grade} ({points} points).").format(
            grade=grades[risk["grade"]], points=num(risk["points"])
        ),
        [],
        reasons=risk["reasons"],
        notes=risk["notes"],
        see_doctor=see_doctor,
    )
    flags.append(screen)
    flags.sort(key=lambda flag: LEVELS.get(flag["level"], len(LEVELS)))
    return flags


def meter(magnesium: DayNutrientJson) -> dict[str, float]:
    """Widths (percent of the bar) of the food and supplement parts and the target mark."""
    food = magnesium["food_mg"] or 0.0
    supplement = magnesium["supplement_mg"] or 0.0
    target = magnesium["target_mg"] or 0.0
    scale = max(target, food + supplement, 1.0)
    return {
        "food": round(100.0 * food / scale, 2),
        "supplement": round(100.0 * supplement / scale, 2),
        "target": round(100.0 * target / scale, 2),
    }


def ratio_names(kb: KnowledgeBase) -> dict[str, str]:
    lang = get_language()
    return {key: ratio.name.get(lang) for key, ratio in kb.ratios.items()}


@router.get("/today")
def today_page(
    request: Request,
    day_text: str | None = Query(None, alias="date"),
    viewer: Viewer = Depends(signed_in),
) -> Response:
    state = state_of(request)
    day = day_of(day_text)
    try:
        result = day_report(state.db, state.kb, PROFILE, day, owner=viewer.owner)
    except UnknownProfileError:
        return to_onboarding()
    data = day_json(state.kb, result, PROFILE)
    today = date.today()
    return render(
        request,
        "today.html",
        data=data,
        day=day,
        is_today=day == today,
        previous=(day - timedelta(days=1)).isoformat(),
        following=(day + timedelta(days=1)).isoformat() if day < today else None,
        flags=day_flags(data),
        meter=meter(data["magnesium"]),
        ratio_names=ratio_names(state.kb),
        digits=NUTRIENT_DIGITS,
    )
