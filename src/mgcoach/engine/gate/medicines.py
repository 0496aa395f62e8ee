"""Conditions and medicines: a contraindicated condition or compound, a condition that needs
a doctor's word, and each medicine's interaction that rules magnesium out or needs advice."""

from __future__ import annotations

from ...i18n import N_
from ...knowledge.safety import Condition
from .reasons import GateInput, GateReason, reason


def condition_reasons(given: GateInput) -> list[GateReason]:
    """A contraindicated condition (or compound) stops a plan; one to discuss caps it."""
    reasons = []
    for condition in given.conditions:
        if not isinstance(condition, Condition) or condition.below_age_years is not None:
            continue  # risk groups do not limit magnesium; a child's age is age.py's
        if condition.state is not None:
            continue  # pregnancy: age.py
        contraindicated = condition.rule == "contraindicated" or (
            given.compound_family is not None
            and given.compound_family in condition.contraindicated_families
        )
        code = f"condition_{condition.slug}"
        if contraindicated:
            reasons.append(
                reason(
                    code,
                    "avoid",
                    "doctor_only",
                    N_("{condition}: do not take magnesium supplements without your doctor."),
                    condition.sources,
                    unverified=condition.needs_verification,
                    condition=condition.name,
                )
            )
        elif condition.rule in ("caution", "consult"):
            reasons.append(
                reason(
                    code,
                    "caution",
                    "supplement_after_doctor",
                    N_("{condition}: talk to your doctor before you start magnesium."),
                    condition.sources,
                    unverified=condition.needs_verification,
                    condition=condition.name,
                )
            )
    return reasons


def medicine_reasons(given: GateInput) -> list[GateReason]:
    """A medicine never combined with magnesium stops a plan; a major timing or a retention
    interaction needs the pharmacist's or doctor's word first."""
    reasons = []
    for item in given.interactions:
        drug = item.medication.given_name
        sources = item.drug_class.sources
        code = f"medicine_{item.medication.drug.slug}"
        if item.kind == "avoid":
            reasons.append(
                reason(
                    code,
                    "avoid",
                    "doctor_only",
                    N_(
                        "{drug} should not be combined with magnesium, not even at other times: "
                        "ask the doctor who prescribed it before you take any magnesium."
                    ),
                    sources,
                    unverified=item.drug_class.needs_verification,
                    drug=drug,
                )
            )
        elif item.kind == "timing" and item.drug_class.severity == "major":
            reasons.append(
                reason(
                    code,
                    "caution",
                    "supplement_after_doctor",
                    N_(
                        "{drug}: magnesium can make it fail if taken too close to it. Ask your "
                        "pharmacist or doctor before you start; the times shown keep the spacing."
                    ),
                    sources,
                    unverified=item.drug_class.needs_verification,
                    drug=drug,
                )
            )
        elif item.kind == "retention" and item.severity != "info":
            reasons.append(
                reason(
                    code,
                    "caution",
                    "supplement_after_doctor",
                    N_(
                        "{drug} keeps magnesium in the body, and with reduced kidney function it "
                        "can build up: talk to your doctor before you start."
                    ),
                    sources,
                    unverified=item.drug_class.needs_verification,
                    drug=drug,
                )
            )
    return reasons
