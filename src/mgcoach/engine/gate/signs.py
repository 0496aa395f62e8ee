"""What the body shows: red-flag symptoms (emergency or "see a doctor now") and the band of
the latest serum magnesium value."""

from __future__ import annotations

from ...i18n import N_
from ...knowledge.records import Text
from ...knowledge.safety import Symptom
from ..serum import SerumResult
from .reasons import GateReason, Severity, Verdict, reason


def red_flag_reasons(symptoms: tuple[Symptom, ...], taking: bool) -> list[GateReason]:
    """An emergency or "see a doctor now" reason for each red-flag symptom (once per symptom)."""
    reasons = []
    for symptom in {s.slug: s for s in symptoms}.values():
        if symptom.red_flag == "emergency":
            excess = "excess" in symptom.red_flag_rows or "toxicity" in symptom.stages
            message = (
                N_(
                    "{sign} while taking magnesium can be a sign of magnesium poisoning: call "
                    "your emergency number now (112 in Europe, 911 in the US, 999 in the UK). "
                    "Take no more magnesium."
                )
                if excess and taking
                else N_(
                    "{sign}: call your emergency number now (112 in Europe, 911 in the US, "
                    "999 in the UK). Do not wait to see whether magnesium helps."
                )
            )
            reasons.append(
                reason(
                    f"red_flag_{symptom.slug}",
                    "emergency",
                    "emergency",
                    message,
                    symptom.sources,
                    unverified=symptom.needs_verification,
                    sign=symptom.name,
                )
            )
        elif symptom.red_flag == "see_doctor_now":
            reasons.append(
                reason(
                    f"red_flag_{symptom.slug}",
                    "avoid",
                    "see_doctor_now",
                    N_(
                        "{sign}: see a doctor today. Mg Coach shows no magnesium plan until a "
                        "doctor has found the cause."
                    ),
                    symptom.sources,
                    unverified=symptom.needs_verification,
                    sign=symptom.name,
                )
            )
    return reasons


def serum_reasons(serum: SerumResult | None) -> list[GateReason]:
    """The reason the serum band gives (none in the range), and a unit to check."""
    if serum is None:
        return []
    value: dict[str, str | int | float | Text] = {"value": serum.value, "unit": serum.unit.value}
    # A number that reads normal in another unit: say so beside whatever the band decides.
    unit_notes = [
        GateReason(code="serum_check_unit", severity="info", verdict="supplement", message=note)
        for note in serum.notes
        if note.code == "check_unit"
    ]
    return _serum_band(serum, value) + unit_notes[:1]


# The serum bands that stop a plan: (code, severity, verdict, message) by band detail.
_SERUM_BANDS: dict[str, tuple[str, Severity, Verdict, str]] = {
    "very_high": (
        "serum_very_high",
        "emergency",
        "emergency",
        N_(
            "Your blood magnesium of {value} {unit} is far above the reference range, "
            "where magnesium poisoning occurs: call your emergency number now "
            "(112 in Europe, 911 in the US, 999 in the UK), and take no magnesium. "
            "Check first that the unit on your report is {unit}."
        ),
    ),
    "high": (
        "serum_high",
        "avoid",
        "stop_supplements",
        N_(
            "Your blood magnesium of {value} {unit} is above the reference range: stop "
            "magnesium supplements and laxatives or antacids with magnesium, and ask "
            "your doctor to check your kidney function."
        ),
    ),
    "severe_low": (
        "serum_severe_low",
        "avoid",
        "see_doctor_now",
        N_(
            "Your blood magnesium of {value} {unit} is very low: contact a doctor "
            "today. A measured deficiency is treated by a doctor, who looks for its "
            "cause; Mg Coach shows no plan of its own."
        ),
    ),
    "low": (
        "serum_low",
        "avoid",
        "doctor_only",
        N_(
            "Your blood magnesium of {value} {unit} is below the reference range. A "
            "measured deficiency needs its cause found: discuss it with your doctor, "
            "who decides on the treatment and the dose."
        ),
    ),
}


def _serum_band(serum: SerumResult, value: dict[str, str | int | float | Text]) -> list[GateReason]:
    band = _SERUM_BANDS.get(serum.status_detail)
    if band is None:
        return []
    code, severity, verdict, message = band
    return [reason(code, severity, verdict, message, serum.advice.sources, extra=value)]
