"""Each medicine against magnesium: its timing rule on the clock, "avoid", or a status warning.

The fact reference grades severity major / moderate / minor (§4.3); the public contract speaks
of what the user must do: ``avoid`` (no spacing fixes it), ``caution`` (separate the doses or
watch magnesium status) and ``info``. ``CONTRACT_SEVERITY`` maps one onto the other.
"""

from __future__ import annotations

from typing import Literal

from ..errors import InputError
from ..frozen import frozen
from ..i18n import N_
from ..journal.frequency import DAILY, Frequency, capitalised
from ..knowledge import KnowledgeBase
from ..knowledge.records import Text
from ..knowledge.safety import Drug, DrugClass
from .clock import format_time, parse_med
from .names import find_drug
from .notes import Note
from .schedule import TimingRule

# What the user must know, by class: a timing rule, "avoid", magnesium lost (depletion) or kept
# (retention) by the body, magnesium in the medicine itself, effects that add up, or nothing
# listed in Mg Coach's data.
Kind = Literal[
    "timing", "avoid", "depletion", "retention", "contains_magnesium", "additive", "none"
]
Level = Literal["info", "caution", "avoid", "emergency"]
LEVEL_ORDER: dict[Level, int] = {"info": 0, "caution": 1, "avoid": 2, "emergency": 3}

CONTRACT_SEVERITY: dict[str, Level] = {"major": "caution", "moderate": "caution", "minor": "info"}
# Below this eGFR, potassium-sparing diuretics are "moderate" (fact reference §4.3).
CKD_EGFR = 60.0


@frozen(kw_only=True)
class Medication:
    """A medicine as the user named it, with its dose times (possibly unknown) on the days it is
    taken: every day, or as its ``frequency`` says."""

    given_name: str
    drug: Drug
    times: tuple[int, ...] = ()
    frequency: Frequency = DAILY

    @property
    def daily(self) -> bool:
        return self.frequency.daily


@frozen(kw_only=True)
class MagnesiumDose:
    mg: float
    times: tuple[int, ...] = ()


@frozen(kw_only=True)
class Interaction:
    medication: Medication
    drug_class: DrugClass
    kind: Kind
    severity: Level
    conflict: bool
    conflicts: tuple[tuple[int, int], ...] = ()
    message: Note
    details: tuple[Note, ...] = ()

    @property
    def hours_before(self) -> float | None:
        return self.drug_class.hours_before

    @property
    def hours_after(self) -> float | None:
        return self.drug_class.hours_after

    def timing_rules(self) -> list[TimingRule]:
        if self.kind != "timing" or self.hours_before is None or self.hours_after is None:
            return []
        return [
            TimingRule.from_hours(
                self.medication.given_name, at, self.hours_before, self.hours_after
            )
            for at in self.medication.times
        ]


def medication(
    kb: KnowledgeBase, name: str, times: tuple[int, ...], frequency: Frequency = DAILY
) -> Medication:
    return Medication(given_name=name, drug=find_drug(kb, name), times=times, frequency=frequency)


def medications(kb: KnowledgeBase, specs: list[str]) -> tuple[Medication, ...]:
    """The medicines of ``NAME@HH:MM[,HH:MM][/FREQUENCY]`` specifications, each named once."""
    found: list[Medication] = []
    for spec in specs:
        name, times, frequency = parse_med(spec)
        med = medication(kb, name, times, frequency)
        if any(other.drug.slug == med.drug.slug for other in found):
            raise InputError(
                N_(
                    "{drug} is given twice: give it once with all its times (e.g. {drug} "
                    "07:00 and 19:00)."
                ),
                field="med",
                drug=name,
            )
        found.append(med)
    return tuple(found)


def _kind(drug_class: DrugClass) -> Kind:
    if drug_class.avoid:
        return "avoid"
    if drug_class.timed:
        return "timing"
    if drug_class.effect == "none":
        return "none"
    if drug_class.effect == "additive":
        return "additive"
    if drug_class.contains_magnesium:
        return "contains_magnesium"
    if drug_class.direction == "raises":
        return "retention"
    return "depletion"


def _severity(drug_class: DrugClass, kind: Kind, kidney_disease: bool) -> Level:
    if kind == "avoid":
        return "avoid"
    if drug_class.severity is None:  # no interaction listed
        return "info"
    if drug_class.direction == "raises" and kidney_disease:
        return "caution"
    return CONTRACT_SEVERITY[drug_class.severity]


def _message(med: Medication, drug_class: DrugClass, kind: Kind) -> Note:
    """The class's action text; for a medicine with no interaction listed, a sentence naming it
    (what the data says, never that the combination is safe)."""
    code = f"interaction_{drug_class.slug}"
    unverified = drug_class.needs_verification
    if kind != "none":
        return Note.from_text(code, drug_class.action, drug_class.sources, unverified=unverified)
    return Note(
        code=code,
        message=N_(
            "Mg Coach's data lists no interaction with magnesium for {drug}; ask your "
            "pharmacist if you are unsure."
        ),
        params={"drug": med.given_name},
        sources=drug_class.sources,
        unverified=unverified,
    )


def _conflict_note(med: Medication, drug_class: DrugClass, drug_at: int, mg_at: int) -> Note:
    params: dict[str, str | int | float | Text] = {
        "mg_time": format_time(mg_at),
        "drug": med.given_name,
        "drug_time": format_time(drug_at),
        "before": drug_class.hours_before or 0,
        "after": drug_class.hours_after or 0,
    }
    if not med.daily:  # the conflict is there only on the days the medicine is taken
        return Note(
            code="timing_conflict",
            message=N_(
                "{days}: magnesium at {mg_time} is too close to {drug} at {drug_time}: take "
                "{drug} at least {before} h before magnesium, or at least {after} h after it."
            ),
            params={**params, "days": capitalised(med.frequency.label)},
        )
    return Note(
        code="timing_conflict",
        message=N_(
            "Magnesium at {mg_time} is too close to {drug} at {drug_time}: take {drug} at "
            "least {before} h before magnesium, or at least {after} h after it."
        ),
        params=params,
    )


def _timing(
    med: Medication, drug_class: DrugClass, doses: tuple[MagnesiumDose, ...]
) -> tuple[list[tuple[int, int]], list[Note]]:
    """Each (medicine time, magnesium time) pair that breaks the class's spacing rule, with a
    note for each (and one asking for the times when none are given)."""
    assert drug_class.hours_before is not None and drug_class.hours_after is not None
    details: list[Note] = []
    conflicts: list[tuple[int, int]] = []
    rule_times = [(d, m) for d in med.times for dose in doses for m in dose.times]
    for drug_at, mg_at in rule_times:
        rule = TimingRule.from_hours("", drug_at, drug_class.hours_before, drug_class.hours_after)
        if rule.broken_by(mg_at):
            conflicts.append((drug_at, mg_at))
            details.append(_conflict_note(med, drug_class, drug_at, mg_at))
    if not med.times:
        details.append(
            Note(
                code="drug_time_unknown",
                message=N_(
                    "Give the times you take {drug} (NAME@HH:MM) so that Mg Coach can check "
                    "the spacing."
                ),
                params={"drug": med.given_name},
            )
        )
    return conflicts, details


def interaction(
    kb: KnowledgeBase,
    med: Medication,
    doses: tuple[MagnesiumDose, ...],
    egfr: float | None = None,
    on_dialysis: bool = False,
) -> Interaction:
    """How ``med`` and the magnesium doses interact (kind "none": Mg Coach lists nothing).

    Cost: the medicine's times × the doses' times (each at most 1,440 distinct minutes)."""
    drug_class = kb.safety.drug_class_of(med.drug)
    kind = _kind(drug_class)
    message = _message(med, drug_class, kind)
    details: list[Note] = []
    conflicts: list[tuple[int, int]] = []
    if kind == "timing":
        conflicts, details = _timing(med, drug_class, doses)
    if kind == "avoid":
        details.append(
            Note(
                code="avoid_combination",
                message=N_(
                    "{drug} and magnesium supplements are not recommended together, not even at "
                    "different times. Ask your doctor or pharmacist before taking magnesium."
                ),
                params={"drug": med.given_name},
            )
        )
    if drug_class.threshold_mg_per_day is not None:
        details.append(
            Note(
                code="dose_threshold",
                message=N_("This applies from {mg} mg a day of {drug}."),
                params={"mg": drug_class.threshold_mg_per_day, "drug": med.given_name},
                sources=drug_class.sources,
            )
        )
    return Interaction(
        medication=med,
        drug_class=drug_class,
        kind=kind,
        severity=_severity(drug_class, kind, on_dialysis or (egfr is not None and egfr < CKD_EGFR)),
        conflict=bool(conflicts) or kind == "avoid",
        conflicts=tuple(conflicts),
        message=message,
        details=tuple(details),
    )
