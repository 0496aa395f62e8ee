"""JSON for journal shares: a person's shares, and a dietitian's clients with their last 4
weeks at a glance (services/sharing_glance.py says what each figure counts)."""

from __future__ import annotations

from typing_extensions import TypedDict

from ..engine.gate import headline
from ..i18n import translate
from ..services.sharing import Share
from ..services.sharing_glance import Glance
from ..services.sharing_population import Population
from .common import documented, note_text, number


@documented
class ShareJson(TypedDict):
    """A share of the person's journal with a dietitian."""

    id: int
    """The share's id (to accept, decline or revoke it)."""
    dietitian: str
    """The dietitian's account name."""
    status: str
    """invited (waiting for the person's answer) or accepted."""
    invited_at: str
    """When the invitation was made (ISO 8601)."""
    changed_at: str
    """When the status last changed (ISO 8601)."""


@documented
class GlanceFlagJson(TypedDict):
    """An open safety flag of the client's latest logged day."""

    code: str
    """A machine-readable code."""
    text: str
    """What it says, in the reader's language."""
    day: str
    """The day it is of, YYYY-MM-DD."""


@documented
class ClientJson(TypedDict):
    """A client (an accepted share) and their last 28 days at a glance."""

    id: int
    """The share's id: the client's pages are /clients/{id}/today, /trends and /report."""
    name: str
    """The client's account name."""
    since: str
    """When the share was accepted (ISO 8601)."""
    start: str
    """The first day counted, YYYY-MM-DD."""
    end: str
    """The last day counted (today), YYYY-MM-DD."""
    days: int
    """Days counted: 28."""
    problem: str | None
    """Why nothing can be shown yet (no profile), in the reader's language; else null."""
    days_logged: int
    """Days with anything logged (adherence)."""
    days_with_food: int
    """Days with food logged: the magnesium figures count only these."""
    average_mg: float | None
    """Average daily magnesium, food and supplements, over the days with food logged."""
    target_mg: float | None
    """The client's daily magnesium target today."""
    ear_mg: float | None
    """The Estimated Average Requirement used as the cut-off."""
    ear_system: str | None
    """Whose EAR: the client's system, or us where it publishes none."""
    days_below_ear: int | None
    """Days with food logged whose magnesium was below the EAR."""
    supplemental_ul_mg: float | None
    """The upper limit of magnesium from supplements a day."""
    days_above_ul: int
    """Days whose supplement magnesium was above that limit."""
    highest_supplement_mg: float
    """The most supplement magnesium on one day."""
    flagged: bool
    """An open safety flag: a verdict that allows no plan, or a red flag."""
    flag_day: str | None
    """The day ``verdict`` and ``headline`` are of: the latest day with a flag, else the latest
    day with anything logged (or today)."""
    verdict: str | None
    """The safety gate's verdict on that day."""
    headline: str | None
    """The gate's one sentence, in the reader's language."""
    flags: list[GlanceFlagJson]
    """The red flags and the reasons that allow no plan."""


def share_json(share: Share) -> ShareJson:
    return {
        "id": share.id,
        "dietitian": share.other,
        "status": share.status,
        "invited_at": share.created_at.isoformat(),
        "changed_at": share.updated_at.isoformat(),
    }


def _flags(glance: Glance) -> list[GlanceFlagJson]:
    """Each flagged day's red flags and the gate's reasons that allow no plan, each once."""
    found: list[GlanceFlagJson] = []
    for checked in glance.checked:
        if not checked.flagged:
            continue
        day = checked.day.isoformat()
        said = {flag.code for flag in checked.red_flags}
        found += [
            {"code": flag.code, "text": note_text(flag.message), "day": day}
            for flag in checked.red_flags
        ]
        if not checked.gate.plan:
            found += [
                {"code": reason.code, "text": note_text(reason.message), "day": day}
                for reason in checked.gate.reasons
                if reason.verdict == checked.gate.verdict and reason.code not in said
            ]
    return found


def client_json(glance: Glance) -> ClientJson:
    cut = glance.cutoffs
    shown = glance.shown
    gate = None if shown is None else shown.gate
    return {
        "id": glance.client.share_id,
        "name": glance.client.name,
        "since": glance.client.since.isoformat(),
        "start": glance.start.isoformat(),
        "end": glance.end.isoformat(),
        "days": glance.days,
        "problem": None
        if glance.problem is None
        else translate(glance.problem, dict(glance.problem_params)),
        "days_logged": glance.days_logged,
        "days_with_food": glance.days_with_food,
        "average_mg": number(glance.average_mg, 0),
        "target_mg": None if cut is None else number(cut.target_mg, 0),
        "ear_mg": None if cut is None else number(cut.ear_mg, 0),
        "ear_system": None if cut is None else cut.ear_system,
        "days_below_ear": glance.days_below_ear,
        "supplemental_ul_mg": None if cut is None else number(cut.supplemental_ul_mg, 0),
        "days_above_ul": glance.days_above_ul,
        "highest_supplement_mg": number(glance.highest_supplement_mg, 0),
        "flagged": glance.flagged,
        "flag_day": None if shown is None else shown.day.isoformat(),
        "verdict": None if gate is None else gate.verdict,
        "headline": None if gate is None else note_text(headline(gate)),
        "flags": _flags(glance),
    }


@documented
class PopulationJson(TypedDict):
    """A dietitian's clients over the last 28 days, counted in the database."""

    start: str
    """The first day counted, YYYY-MM-DD."""
    end: str
    """The last day counted (today), YYYY-MM-DD."""
    clients: int
    """Accepted clients with a profile."""
    with_food: int
    """Of them, those with food logged on any day."""
    with_ear: int
    """Of those, the ones with an EAR (infants have none): the share below it counts these."""
    below_ear: int
    """Of those with food logged and an EAR, those whose average daily magnesium (food and
    supplements) is below it."""
    share_below_ear: float | None
    """below_ear as a share (0 to 1) of the clients with food logged and an EAR."""
    us_ear: int
    """Clients measured against the US EAR, their own system publishing none."""
    above_ul: int
    """Clients whose supplement magnesium was above their upper limit on any day."""
    share_above_ul: float | None
    """above_ul as a share (0 to 1) of all clients."""
    red_flag_symptoms: int
    """Clients who logged a symptom that is a red flag."""
    labs_out_of_range: int
    """Clients who logged a serum magnesium outside the reference range."""
    flagged: int
    """Clients with any of these: a red-flag symptom, a lab out of range, above the UL."""
    share_flagged: float | None
    """flagged as a share (0 to 1) of all clients."""


def _share(count: int, of: int) -> float | None:
    return round(count / of, 4) if of else None


def population_json(found: Population) -> PopulationJson:
    s = found.summary
    return {
        "start": found.start.isoformat(),
        "end": found.end.isoformat(),
        "clients": s.clients,
        "with_food": s.with_food,
        "with_ear": s.with_ear,
        "below_ear": s.below_ear,
        "share_below_ear": _share(s.below_ear, s.with_ear),
        "us_ear": found.us_ear,
        "above_ul": s.above_ul,
        "share_above_ul": _share(s.above_ul, s.clients),
        "red_flag_symptoms": s.red_flag_symptoms,
        "labs_out_of_range": s.labs_out_of_range,
        "flagged": s.flagged,
        "share_flagged": _share(s.flagged, s.clients),
    }
