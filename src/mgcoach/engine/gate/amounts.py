"""Magnesium already taken from supplements and magnesium-containing medicines, against the
upper limit that applies (a child's lowest, or the system's), up to the fatal-dose amount."""

from __future__ import annotations

from collections.abc import Iterable

from ...i18n import N_
from ...knowledge import KnowledgeBase
from ...knowledge.records import Text
from ...knowledge.vocabulary import System
from ..interactions import MagnesiumDose, Medication
from ..life_stage import limit_row
from ..profile import Profile
from .reasons import GateInput, GateReason, Severity, reason


def medicine_magnesium_mg(medications: Iterable[Medication]) -> float:
    """Elemental magnesium a day from magnesium-containing medicines (antacids, laxatives):
    the usual dose's magnesium at each of its daily times (once a day when no time is given)."""
    total = 0.0
    for med in medications:
        per_dose = med.drug.magnesium_mg_per_dose
        if per_dose:
            total += float(per_dose) * max(1, len(med.times))
    return total


def medicine_doses(medications: Iterable[Medication]) -> tuple[MagnesiumDose, ...]:
    """The magnesium of magnesium-containing medicines as doses at their times."""
    return tuple(
        MagnesiumDose(mg=float(med.drug.magnesium_mg_per_dose), times=(at,))
        for med in medications
        if med.drug.magnesium_mg_per_dose
        for at in med.times
    )


def child_limit(kb: KnowledgeBase, profile: Profile) -> tuple[float | None, tuple[str, ...]]:
    """The lowest supplemental upper limit any reference system publishes for this age (None
    when none does), with its sources: a child's dose never goes above it, whatever the system."""
    found: list[tuple[float, tuple[str, ...]]] = []
    for system in System:
        row = limit_row(kb, "magnesium", system, "supplemental_ul", profile)
        if row is not None and row.value is not None:
            found.append((row.value, row.sources))
    if not found:
        return None, ()
    value = min(v for v, _s in found)
    sources = tuple(dict.fromkeys(s for v, ss in found if v == value for s in ss))
    return value, sources


def is_child(kb: KnowledgeBase, profile: Profile) -> bool:
    return profile.age_months < kb.advice.gate.adult_from_years.value * 12


def limit_severity(
    kb: KnowledgeBase,
    total_mg: float,
    limit_mg: float | None,
    *,
    prescribed: bool = False,
    child: bool = False,
    kidney_reduced: bool = False,
) -> Severity | None:
    """How serious ``total_mg`` a day of supplemental magnesium is against ``limit_mg``.

    At or above the fatal-dose amount: emergency, prescribed or not. Otherwise with no limit
    published: avoid; above the limit: caution, or avoid for a child, with reduced kidney
    function or from ``ul_avoid_multiple`` × the limit; info when a doctor prescribed it.
    """
    rules = kb.advice.gate
    if total_mg <= 0:
        return None
    if total_mg >= rules.fatal_supplemental_mg.value:
        return "emergency"
    if limit_mg is None:
        return "caution" if prescribed else "avoid"
    if total_mg <= limit_mg + 1e-9:
        return None
    if prescribed:
        return "info"
    if child or kidney_reduced or total_mg >= rules.ul_avoid_multiple.value * limit_mg - 1e-9:
        return "avoid"
    return "caution"


def amount_reasons(kb: KnowledgeBase, given: GateInput, child: bool) -> list[GateReason]:
    """Supplemental magnesium already taken (supplements and magnesium medicines) against the
    limit that applies: the child's lowest, or the system's upper limit."""
    medicine = medicine_magnesium_mg(given.medications)
    total = given.supplement_mg + medicine
    limit, sources = given.supplemental_ul_mg, given.ul_sources
    if child:
        limit, sources = child_limit(kb, given.profile)
    kidney_reduced = given.kidney_rule in ("caution", "avoid_unless_supervised")
    severity = limit_severity(
        kb, total, limit, prescribed=given.prescribed, child=child, kidney_reduced=kidney_reduced
    )
    rules = kb.advice.gate
    params: dict[str, str | int | float | Text] = {
        "mg": float(round(total)),
        "ul": float(round(limit or 0)),
    }
    if severity == "emergency":
        return [_fatal_dose(kb, params)]
    if severity == "avoid" and limit is None:
        return [
            reason(
                "no_upper_limit",
                "avoid",
                "doctor_only",
                N_(
                    "No upper limit for supplements is published for this age: give magnesium "
                    "supplements only on a doctor's advice."
                ),
                given.ul_sources,
            )
        ]
    if severity == "avoid":
        sources = (*sources, *rules.ul_avoid_multiple.sources)
        return [_far_above(sources, params, child=child, kidney_reduced=kidney_reduced)]
    if severity == "caution":
        return [_above(sources, params)]
    if severity == "info":
        return [_prescribed_above(sources, params)]
    return []


def _fatal_dose(kb: KnowledgeBase, params: dict[str, str | int | float | Text]) -> GateReason:
    fatal = kb.advice.gate.fatal_supplemental_mg
    return reason(
        "fatal_dose",
        "emergency",
        "emergency",
        N_(
            "{mg} mg of magnesium a day from supplements and magnesium-containing "
            "medicines: amounts above {fatal} mg a day have caused fatal magnesium "
            "poisoning. Take no more, and call your emergency number now (112 in "
            "Europe, 911 in the US, 999 in the UK) if you feel weak, drowsy or confused "
            "or your heartbeat is slow or irregular; otherwise contact a doctor today."
        ),
        fatal.sources,
        fatal=fatal.value,
        extra=params,
    )


def _far_above(
    sources: tuple[str, ...],
    params: dict[str, str | int | float | Text],
    *,
    child: bool,
    kidney_reduced: bool,
) -> GateReason:
    if child:
        message = N_(
            "{mg} mg of magnesium a day is above {ul} mg, the upper limit for a child of "
            "this age: stop the supplement and ask the child's doctor."
        )
    elif kidney_reduced:
        message = N_(
            "{mg} mg of magnesium a day is above the upper limit of {ul} mg, and with "
            "reduced kidney function magnesium builds up: stop the supplement and ask your "
            "doctor to check your blood magnesium."
        )
    else:
        message = N_(
            "{mg} mg of magnesium a day from supplements is far above the upper limit of "
            "{ul} mg: stop the supplements and ask your doctor, who can check your kidney "
            "function and blood magnesium."
        )
    return reason(
        "far_above_upper_limit", "avoid", "stop_supplements", message, sources, extra=params
    )


def _above(sources: tuple[str, ...], params: dict[str, str | int | float | Text]) -> GateReason:
    return reason(
        "above_upper_limit",
        "caution",
        "lower_dose",
        N_(
            "{mg} mg of magnesium a day from supplements is above the upper limit of "
            "{ul} mg: lower it to {ul} mg or less. Diarrhoea, nausea and stomach cramps "
            "become likely above it; more only if a doctor prescribed it."
        ),
        (*sources, "NIH-ODS", "IOM97"),
        extra=params,
    )


def _prescribed_above(
    sources: tuple[str, ...], params: dict[str, str | int | float | Text]
) -> GateReason:
    return reason(
        "prescribed_above_limit",
        "info",
        "supplement",
        N_(
            "{mg} mg of magnesium a day is above the upper limit of {ul} mg; you said a "
            "doctor prescribed it, so the times follow the prescribed amount. Keep to "
            "the doctor's checks."
        ),
        (*sources, "NIH-ODS"),
        extra=params,
    )
