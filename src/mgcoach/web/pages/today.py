"""Today: one day of the journal at a glance, rendered from the same JSON as the API's
``day/{date}`` (contract.day.day_json), so the page and the API never disagree.

The safety gate's verdict is the page's headline (answer.py); under a verdict that allows no
plan the day's figures are shown for the record only, without "target reached" or a gap to
close. Right under it, one short line per reason the person came (cramps, soreness, sleep:
how to log it), unless the verdict is a stop or an emergency; below, the day's notes grouped
by level, each said once.

Also the helpers the other journal pages share: the day a ``date`` parameter names, and the
redirect to onboarding when the viewer has no profile yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from fastapi import Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from ...contract.day import DayAnswer, DayNutrientJson, TopSourceJson, day_json
from ...contract.risk import RedFlagJson
from ...i18n import N_, _, get_language
from ...journal.dates import parse_day
from ...journal.model import PersonProfile
from ...knowledge import KnowledgeBase
from ...knowledge.compounds import Compound
from ...services.day import day_read
from ...services.journal import UnknownProfileError, show_profile
from ...services.stamps import journal_stamp
from ..context import PROFILE, Viewer, signed_in, state_of
from ..page_cache import kept_page
from ..routing import IndexedRouter
from .answer import (
    LEVEL_OF_SEVERITY,
    Item,
    MagnesiumTimes,
    RiskSummary,
    answer_of,
    interaction_item,
    item,
    kidney_said,
    ordered,
    risk_summary,
    shown_by_gate,
)
from .citations import Citations

router = IndexedRouter(include_in_schema=False)

# Issues shown with their medicine (interaction_item) or red flag instead of on their own.
INTERACTION_KINDS = frozenset(
    {"timing", "avoid", "depletion", "retention", "contains_magnesium", "additive", "none"}
)
# Issues another part of the page says: no food (the "log" item), food entries without a
# value (the magnesium card), a dose without a time (the medicine's timing item).
SAID_ELSEWHERE = frozenset({"no_food_logged", "unknown_magnesium", "dose_time_unknown"})
NUTRIENT_DIGITS = {"zinc": 1}
# The line under the answer for each reason for coming that is a complaint: what to log, the
# link's words and the log form it opens. Only checking the intake needs no line: the day's
# magnesium against the target is the page's main figure.
REASON_LINES = {
    "cramps": (
        N_(
            "You came about cramps: log cramps when they happen (Log → symptom) to see whether "
            "anything changes."
        ),
        N_("Log symptom"),
        "log-symptom",
    ),
    "soreness": (
        N_(
            "You came about muscle soreness: log soreness when it happens (Log → symptom) to "
            "see whether anything changes."
        ),
        N_("Log symptom"),
        "log-symptom",
    ),
    "poor_sleep": (
        N_(
            "You came about sleep: log how you slept each morning (Log → sleep) to see whether "
            "anything changes."
        ),
        N_("Log sleep"),
        "log-sleep",
    ),
}
# Under these levels the safety answer decides alone: no line about the reasons.
NO_REASON_LEVELS = frozenset({"emergency", "stop"})


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


def log_item(data: DayAnswer) -> Item | None:
    """One calm line inviting to log: nothing logged yet, or no food (then food counts 0 mg)."""
    link = f"/log?date={data['date']}"
    if data["entries"] == 0:
        return item(
            "info", "log", _("Nothing is logged for this day yet."), link=link,
            link_text=_("Log what you ate, took and felt"),
            link_after=_("to see your magnesium against your target."),
        )  # fmt: skip
    if data["magnesium"]["food_entries"] == 0:
        text = _("No food is logged for this day: food magnesium counts as 0 mg.")
        return item("info", "log", text, link=link, link_text=_("Log what you ate"))
    return None


def reason_items(reasons: tuple[str, ...], day: str, level: str) -> list[Item]:
    """One line per reason for coming, in their order, each with a link to its log form; none
    under a stop or an emergency (the safety answer comes first)."""
    if level in NO_REASON_LEVELS:
        return []
    found: list[Item] = []
    for reason in reasons:
        if reason not in REASON_LINES:
            continue
        text, link_text, form = REASON_LINES[reason]
        link = f"/log?date={day}#{form}"
        found.append(item("info", reason, _(text), link=link, link_text=_(link_text)))
    return found


def red_flag_items(flags: Sequence[RedFlagJson], said: frozenset[str]) -> list[Item]:
    """The red flags (a risk screen's) the answer does not already give as its reasons: Today's
    and Plan's, each right after the answer."""
    return [
        item(
            "emergency" if flag["level"] == "emergency" else "stop",
            "red_flag",
            flag["message"],
            flag["sources"],
        )
        for flag in flags
        if flag["code"] not in said
    ]


def day_items(data: DayAnswer, magnesium: MagnesiumTimes) -> list[Item]:
    """Everything else to know about the day, grouped most serious first, each once: red flags,
    each medicine against the day's magnesium (a clash with its times, or "your times are
    fine"), the other issues, and one line inviting to log. What the answer at the top already
    says (its reasons) is not repeated; on an empty day only the invitation to log is left."""
    gate = data["gate"]
    said = shown_by_gate(gate)
    found: list[Item | None] = [*red_flag_items(data["risk"]["red_flags"], said)]
    found += [
        interaction_item(entry, magnesium, said, rules=False, plan_applies=gate["plan"])
        for entry in data["interactions"]
    ]
    for issue in data["issues"]:
        if issue["kind"] in INTERACTION_KINDS or issue["kind"] == "red_flag":
            continue
        if issue["code"] in said or issue["code"] in SAID_ELSEWHERE:
            continue
        if issue["kind"] == "kidney" and kidney_said(gate):
            continue
        level = LEVEL_OF_SEVERITY.get(issue["severity"], "info")
        unverified = issue["needs_verification"]
        found.append(
            item(level, issue["kind"], issue["message"], issue["sources"], unverified=unverified)
        )
    found.append(log_item(data))
    return ordered(found)


def day_risk(data: DayAnswer) -> RiskSummary:
    mg = data["magnesium"]
    return risk_summary(
        data["risk"],
        food_mg=mg["food_mg"],
        food_logged=mg["food_entries"] > 0,
        supplement_mg=mg["supplement_mg"],
        target_mg=mg["target_mg"],
    )


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


def form_names(kb: KnowledgeBase, compound: Compound) -> tuple[str, str | None]:
    """A supplement compound named plainly, in the page's language: its form ("Magnesium
    citrate"), and its full chemical name for small print (None when it says no more)."""
    lang = get_language()
    family = kb.compound_families.get(compound.family)
    if family is None:
        return compound.name.get(lang), None
    plain = family.name.get(lang)
    return plain, (compound.name.get(lang) if compound.name.get(lang) != plain else None)


def top_rows(kb: KnowledgeBase, sources: list[TopSourceJson]) -> list[dict[str, object]]:
    """Where the magnesium came from, each named plainly: a supplement by its form, with its
    compound's chemical name apart (``chemical``, for small print; ``form_names``)."""
    lang = get_language()
    compounds = {compound.name.en: compound for compound in kb.compounds.values()}
    rows: list[dict[str, object]] = []
    for source in sources:
        name = source["name_nl"] if lang == "nl" and source["name_nl"] else source["name"]
        compound = compounds.get(source["name"]) if source["kind"] == "supplement" else None
        plain, chemical = (name, None) if compound is None else form_names(kb, compound)
        rows.append({**source, "plain": plain, "chemical": chemical})
    return rows


def ratio_names(kb: KnowledgeBase) -> dict[str, str]:
    lang = get_language()
    return {key: ratio.name.get(lang) for key, ratio in kb.ratios.items()}


@router.get("/today")
async def today_page(
    request: Request,
    day_text: str | None = Query(None, alias="date"),
    viewer: Viewer = Depends(signed_in),
) -> Response:
    state = state_of(request)
    day = day_of(day_text)
    stamp = journal_stamp(state.db, viewer.owner, PROFILE)
    if stamp is None:
        return to_onboarding()
    # The page rests on the profile's journal (its generations), the day and today's date.
    key = ("today", stamp, day, date.today())
    try:
        return await kept_page(
            request, "today.html", key, lambda: today_context(request, viewer, day)
        )
    except UnknownProfileError:  # deleted since the stamp was read
        return to_onboarding()


def today_context(request: Request, viewer: Viewer, day: date) -> dict[str, Any]:
    state = state_of(request)
    result, person = day_read(state.db, state.kb, PROFILE, day, owner=viewer.owner)
    data = day_json(state.kb, result, PROFILE)
    today = date.today()
    answer = answer_of(data["gate"])
    return {
        "data": data,
        "day": day,
        "is_today": day == today,
        "previous": (day - timedelta(days=1)).isoformat(),
        "following": (day + timedelta(days=1)).isoformat() if day < today else None,
        "answer": answer,
        "reason_lines": reason_items(person.reasons, data["date"], answer["level"]),
        "flags": day_items(data, MagnesiumTimes.of(result.safety.doses, result.safety.medications)),
        "risk": day_risk(data),
        "meter": meter(data["magnesium"]),
        "ratio_names": ratio_names(state.kb),
        "digits": NUTRIENT_DIGITS,
        "top_sources": top_rows(state.kb, data["top_sources"]),
        "citations": Citations(state.kb.sources),
    }
