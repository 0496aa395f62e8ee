"""The findings of a check: each thing it found (an interaction, the upper limit, kidney
function, a condition, a dose without a time) as a ``Finding`` with its severity and note."""

from __future__ import annotations

from ..frozen import frozen
from ..i18n import N_
from ..knowledge.compound_names import CompoundMatch
from ..knowledge.safety import Condition, RiskFactor
from .interactions import Interaction, Level, MagnesiumDose
from .limits import KidneyResult, UpperLimit
from .notes import Note
from .schedule import Schedule
from .targets import NutrientTarget

CONDITION_LEVEL: dict[str, Level] = {
    "contraindicated": "avoid",
    "caution": "caution",
    "consult": "caution",
    "inform": "info",
}


@frozen(kw_only=True)
class Finding:
    """One entry of ``issues``: what was found, how serious, and the message (with its code)."""

    kind: str
    severity: Level
    message: Note

    @property
    def code(self) -> str:
        return self.message.code


def limit_findings(ul: UpperLimit, target: NutrientTarget, planned_mg: float) -> list[Finding]:
    findings: list[Finding] = []
    if ul.exceeds_ul:
        findings.append(
            Finding(
                kind="upper_limit",
                severity=ul.severity or "caution",
                message=Note(
                    code="above_upper_limit",
                    message=N_(
                        "{mg} mg of magnesium a day from supplements is {excess} mg above the "
                        "upper limit of {ul} mg. Above it, diarrhoea, nausea and stomach cramps "
                        "become likely; take more only under medical supervision."
                    ),
                    params={
                        "mg": ul.supplemental_mg,
                        "excess": max(0.0, ul.supplemental_mg - (ul.applied_limit_mg or 0.0)),
                        "ul": ul.applied_limit_mg or 0.0,
                    },
                    sources=tuple(dict.fromkeys((*ul.sources, "NIH-ODS", "IOM97"))),
                ),
            )
        )
    elif ul.applied_limit_mg is None and max(ul.supplemental_mg, planned_mg) > 0:
        findings.append(
            Finding(
                kind="upper_limit",
                severity="avoid",
                message=Note(
                    code="no_upper_limit",
                    message=N_(
                        "No upper limit for supplements is published for this age under this "
                        "system: give magnesium supplements only on medical advice."
                    ),
                    sources=target.sources,
                ),
            )
        )
    if ul.kidney_overrides:
        findings.append(
            Finding(
                kind="upper_limit",
                severity="caution",
                message=Note(
                    code="upper_limit_not_for_kidney_disease",
                    message=N_(
                        "Upper limits are set for people with healthy kidneys; with reduced "
                        "kidney function a lower limit applies, which your doctor sets."
                    ),
                    sources=("NIH-ODS",),
                ),
            )
        )
    return findings


def kidney_finding(kidney: KidneyResult) -> Finding:
    category = kidney.category
    return Finding(
        kind="kidney",
        severity=kidney.severity,
        message=Note.from_text(
            f"kidney_{category.slug}",
            category.advice,
            category.sources,
            unverified=category.needs_verification,
        ),
    )


def condition_findings(
    conditions: tuple[Condition | RiskFactor, ...], compound: CompoundMatch | None
) -> list[Finding]:
    findings: list[Finding] = []
    for condition in conditions:
        if not isinstance(condition, Condition):
            continue
        level = CONDITION_LEVEL[condition.rule]
        if compound is not None and compound.family.slug in condition.contraindicated_families:
            level = "avoid"
        findings.append(
            Finding(
                kind="condition",
                severity=level,
                message=Note.from_text(
                    f"condition_{condition.slug}",
                    condition.advice,
                    condition.sources,
                    unverified=condition.needs_verification,
                ),
            )
        )
    return findings


def interaction_findings(interactions: tuple[Interaction, ...]) -> list[Finding]:
    findings = []
    for item in interactions:
        findings.append(
            Finding(
                kind=item.kind,
                severity=item.severity,
                message=item.message,
            )
        )
        for detail in item.details:
            findings.append(Finding(kind=item.kind, severity=item.severity, message=detail))
    return findings


def dose_findings(doses: tuple[MagnesiumDose, ...], schedule: Schedule) -> list[Finding]:
    findings = [
        Finding(kind="schedule", severity="caution", message=note) for note in schedule.notes
    ]
    if any(not dose.times for dose in doses):
        findings.append(
            Finding(
                kind="schedule",
                severity="info",
                message=Note(
                    code="dose_time_unknown",
                    message=N_(
                        "A magnesium dose has no time (MG@HH:MM), so its spacing from medicines "
                        "was not checked."
                    ),
                ),
            )
        )
    return findings
