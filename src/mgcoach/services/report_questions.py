"""Which questions of knowledge/data/questions.toml the report asks, from what its period shows:
kidney function when supplements were taken and the eGFR is unknown or reduced, the cause of a
low serum value (or the kidneys after a high one), whether a normal value rules out a shortage
while complaints go on, a first blood test when there is none, medicines that lower magnesium
or interact with it, timing conflicts, days above the upper limit, and cramps.

A question is asked only when its row is in the knowledge base; each one carries the sources of
the facts the period showed (the interactions' own) besides its row's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..engine.interactions import Interaction
from ..knowledge.questions import Question

if TYPE_CHECKING:
    from .report import DoctorReport

LOWERS = frozenset({"depletion"})
INTERACTS = frozenset({"avoid", "retention", "additive", "contains_magnesium"})


@dataclass(frozen=True, slots=True)
class Asked:
    """A question of questions.toml to ask, with what fills it in and the period's sources."""

    slug: str
    params: dict[str, str | int] = field(default_factory=dict)
    sources: tuple[str, ...] = ()


def _names(items: list[Interaction]) -> str:
    return ", ".join(dict.fromkeys(item.medication.given_name for item in items))


def _sources(items: list[Interaction]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for item in items for s in item.message.sources))


def _kidney(report: DoctorReport) -> list[Asked]:
    if not report.supplements:
        return []
    person = report.person
    if person.egfr is None and not person.dialysis:
        return [Asked("kidney_unknown")]
    kidney = report.plan.safety.kidney
    if kidney is not None and kidney.category.rule != "standard":
        return [Asked("kidney_reduced", sources=tuple(kidney.category.sources))]
    return []


def _serum(report: DoctorReport) -> list[Asked]:
    readings = [lab.serum for lab in report.labs if lab.serum is not None]
    if not readings:
        return [Asked("no_serum")]
    latest = readings[-1]
    complaints = any(day.symptoms for day in report.trend.days)
    if latest.status == "low":
        return [Asked("serum_low", sources=latest.advice.sources)]
    if latest.status == "high":
        return [Asked("serum_high", sources=latest.advice.sources)]
    return [Asked("serum_normal_symptoms")] if complaints else []


def _medicines(report: DoctorReport) -> list[Asked]:
    found = []
    lowers = [i for i in report.interactions if i.kind in LOWERS]
    if lowers:
        found.append(Asked("medicine_lowers", {"medicines": _names(lowers)}, _sources(lowers)))
    interacts = [i for i in report.interactions if i.kind in INTERACTS]
    if interacts:
        params: dict[str, str | int] = {"medicines": _names(interacts)}
        found.append(Asked("medicine_interacts", params, _sources(interacts)))
    clashing = [clash.interaction for clash in report.clashes]
    if clashing:
        params = {"medicines": _names(clashing), "days": report.clash_days}
        found.append(Asked("timing", params, _sources(clashing)))
    return found


def _amounts(report: DoctorReport) -> list[Asked]:
    found = []
    if report.days_above_ul and report.ul_mg is not None:
        ul = f"{report.ul_mg:.0f} mg"
        found.append(Asked("above_ul", {"days": report.days_above_ul, "ul": ul}))
    if sum(day.cramps for day in report.trend.days):
        found.append(Asked("cramps"))
    return found


def questions_for(questions: Mapping[str, Question], report: DoctorReport) -> tuple[Asked, ...]:
    """The questions the period calls for, in the knowledge file's order."""
    asked = _kidney(report) + _serum(report) + _medicines(report) + _amounts(report)
    order = {slug: index for index, slug in enumerate(questions)}
    return tuple(
        sorted((item for item in asked if item.slug in questions), key=lambda a: order[a.slug])
    )
