"""JSON for the safety gate: the one verdict that decides whether a supplement plan may be given,
with its reasons, the deciding one first. ``mgcoach check``, ``mgcoach advise`` and ``mgcoach
day`` each carry it as ``gate``; :func:`gate_sources` gives the source ids its reasons cite.
"""

from __future__ import annotations

from typing_extensions import TypedDict

from ..engine.gate import Gate, Severity, Verdict, headline
from .common import documented, note_text, number


@documented
class GateReasonJson(TypedDict):
    """One reason of the safety gate."""

    code: str
    """A machine-readable code."""
    severity: Severity
    """How much it matters."""
    verdict: Verdict
    """The verdict this reason alone would give."""
    message: str
    """The reason, in the reader's language."""
    source: str | None
    """The first source id."""
    sources: list[str]
    """Every source id."""
    needs_verification: bool
    """True when the fact behind it still needs checking."""


@documented
class GateJson(TypedDict):
    """The safety gate: one verdict and its reasons, the deciding reason first."""

    verdict: Verdict
    """The verdict: whether a supplement plan may be given, and how."""
    plan: bool
    """True when the verdict allows a plan."""
    headline: str
    """The verdict in one sentence, in the reader's language."""
    headline_sources: list[str]
    """Source ids of the headline."""
    reasons: list[GateReasonJson]
    """The reasons, the deciding one first."""
    taken_mg: float
    """Magnesium already taken a day (supplements and medicines), in mg."""
    medicine_mg: float
    """Of that, magnesium in medicines, in mg."""
    cap_mg: float | None
    """The most supplemental magnesium a day, in mg; null when no cap applies."""
    prescribed: bool
    """The magnesium taken is prescribed by a doctor."""
    child: bool
    """The person is a child."""
    schedule_allowed: bool
    """True when times may be suggested for doses."""


def gate_json(gate: Gate) -> GateJson:
    """The safety gate: one verdict and its reasons, the deciding reason first."""
    title = headline(gate)
    return {
        "verdict": gate.verdict,
        "plan": gate.plan,
        "headline": note_text(title),
        "headline_sources": list(title.sources),
        "reasons": [
            {
                "code": reason.code,
                "severity": reason.severity,
                "verdict": reason.verdict,
                "message": note_text(reason.message),
                "source": reason.message.sources[0] if reason.message.sources else None,
                "sources": list(reason.message.sources),
                "needs_verification": reason.message.unverified,
            }
            for reason in gate.reasons
        ],
        "taken_mg": number(gate.taken_mg),
        "medicine_mg": number(gate.medicine_mg),
        "cap_mg": number(gate.cap_mg),
        "prescribed": gate.prescribed,
        "child": gate.child,
        "schedule_allowed": gate.schedule_allowed,
    }


def gate_sources(gate: Gate) -> list[str]:
    return [s for reason in gate.reasons for s in reason.message.sources]
