"""JSON for the risk screen of `mgcoach advise` (and `mgcoach day`): how likely a low magnesium
status is, the reasons that add to it, the red flags that need a doctor and the signs of too
much magnesium.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from ..engine.risk import Grade, RiskScreen
from ..knowledge.safety import RedFlag
from .common import NoteJson, documented, note_json, note_text, number


@documented
class RiskReasonJson(TypedDict):
    """One reason that adds to the risk of a low magnesium status."""

    code: str
    """A machine-readable code."""
    kind: Literal["age", "risk_factor", "medicine", "sign", "intake", "serum"]
    """What kind of reason."""
    points: float
    """Points it adds."""
    message: str
    """The reason, in the reader's language."""
    sources: list[str]
    """Source ids."""


@documented
class RedFlagJson(TypedDict):
    """A sign that needs a doctor."""

    code: str
    """A machine-readable code."""
    level: RedFlag
    """How urgent."""
    message: str
    """What to do, in the reader's language."""
    sources: list[str]
    """Source ids."""


@documented
class RiskJson(TypedDict):
    """The risk screen: how likely a low magnesium status is, and red flags."""

    grade: Grade
    """low, moderate or high."""
    points: float
    """The points added up."""
    reasons: list[RiskReasonJson]
    """What adds to the risk."""
    red_flags: list[RedFlagJson]
    """Signs that need a doctor."""
    urgency: RedFlag
    """The most urgent red flag: none, see_doctor_now or emergency."""
    see_doctor: bool
    """True when a red flag says to see a doctor."""
    excess_signs: list[str]
    """Signs of too much magnesium."""
    notes: list[NoteJson]
    """More about the screen."""


def risk_json(risk: RiskScreen) -> RiskJson:
    return {
        "grade": risk.grade,
        "points": number(risk.points),
        "reasons": [
            {
                "code": reason.code,
                "kind": reason.kind,
                "points": number(reason.points),
                "message": note_text(reason.message),
                "sources": list(reason.message.sources),
            }
            for reason in risk.reasons
        ],
        "red_flags": [
            {
                "code": flag.code,
                "level": flag.level,
                "message": note_text(flag.message),
                "sources": list(flag.message.sources),
            }
            for flag in risk.red_flags
        ],
        "urgency": risk.urgency,
        "see_doctor": risk.urgency != "none",
        "excess_signs": list(risk.excess_signs),
        "notes": [note_json(note) for note in risk.notes],
    }
