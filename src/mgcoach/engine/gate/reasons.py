"""The gate's vocabulary: the verdicts and severities in their order, one reason, the gate's
result, and what it decides on. The modules beside this one each find one kind of reason."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from ...frozen import frozen
from ...knowledge.records import Text
from ...knowledge.safety import Condition, RiskFactor, Symptom
from ...knowledge.vocabulary import System
from ..interactions import Interaction, Medication
from ..notes import Note
from ..profile import Profile
from ..serum import SerumResult

Verdict = Literal[
    "emergency", "stop_supplements", "see_doctor_now", "doctor_only", "lower_dose",
    "supplement_after_doctor", "supplement", "not_needed",
]  # fmt: skip
Severity = Literal["info", "caution", "avoid", "emergency"]

VERDICT_RANK: dict[Verdict, int] = {
    "not_needed": 0, "supplement": 1, "supplement_after_doctor": 2, "lower_dose": 3,
    "doctor_only": 4, "see_doctor_now": 5, "stop_supplements": 6, "emergency": 7,
}  # fmt: skip
SEVERITY_RANK: dict[Severity, int] = {"info": 0, "caution": 1, "avoid": 2, "emergency": 3}
PLAN_VERDICTS: frozenset[Verdict] = frozenset(
    {"supplement", "supplement_after_doctor", "not_needed"}
)


@frozen(kw_only=True)
class GateReason:
    """One thing the gate found: how serious, which verdict it asks for, and why (with sources)."""

    code: str
    severity: Severity
    verdict: Verdict
    message: Note


@frozen(kw_only=True)
class Gate:
    """The verdict and its reasons, the deciding reason first."""

    verdict: Verdict
    reasons: tuple[GateReason, ...]
    taken_mg: float
    medicine_mg: float
    cap_mg: float | None
    prescribed: bool = False
    child: bool = False
    planning: bool = False

    @property
    def plan(self) -> bool:
        """True when a plan (a dose and dose times) may be shown at all."""
        return self.verdict in PLAN_VERDICTS

    @property
    def schedule_allowed(self) -> bool:
        """A plan verdict and an amount Mg Coach may schedule (at most the cap, unless a doctor
        prescribed it)."""
        if not self.plan:
            return False
        return self.prescribed or self.cap_mg is None or self.taken_mg <= self.cap_mg + 1e-9

    @property
    def room_mg(self) -> float:
        """How much more a plan may add a day (the cap less what is already taken)."""
        if self.cap_mg is None:
            return 0.0
        return max(0.0, self.cap_mg - self.taken_mg)


@frozen
class GateInput:
    """What the gate decides on (the check has already found the kidney category, the
    conditions and each medicine's interaction)."""

    system: System
    profile: Profile
    supplemental_ul_mg: float | None
    ul_sources: tuple[str, ...]
    kidney_rule: str | None  # standard | caution | avoid_unless_supervised; None: unknown
    kidney_advice: Note | None
    on_dialysis: bool
    conditions: tuple[Condition | RiskFactor, ...]
    compound_family: str | None
    interactions: tuple[Interaction, ...]
    medications: tuple[Medication, ...]
    symptoms: tuple[Symptom, ...] = ()
    serum: SerumResult | None = None
    supplement_mg: float = 0.0
    prescribed: bool = False
    gap_mg: float | None = None  # target − food; None when food (or the target) is unknown
    planning: bool = False  # an advice plan (True) or a check of given doses (False)


def reason(
    code: str,
    severity: Severity,
    verdict: Verdict,
    message: str,
    sources: Iterable[str] = (),
    *,
    unverified: bool = False,
    extra: Mapping[str, str | int | float | Text] | None = None,
    **params: str | int | float | Text,
) -> GateReason:
    """A reason with its message as a note (sources once each, in order)."""
    return GateReason(
        code=code,
        severity=severity,
        verdict=verdict,
        message=Note(
            code=code,
            message=message,
            params={**(extra or {}), **params},
            sources=tuple(dict.fromkeys(sources)),
            unverified=unverified,
        ),
    )
