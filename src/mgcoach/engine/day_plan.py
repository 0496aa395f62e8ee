"""The pure parts of a journal day's plan (services/plan.py loads the day and calls these): the
day's logged symptoms as ``advise --symptom`` reads them, and the day's clock of medicines and
magnesium doses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..errors import UnknownNameError
from ..journal.model import Entry, SymptomEntry
from ..knowledge import KnowledgeBase
from ..knowledge.advice import Concern
from ..knowledge.safety import Symptom
from .advice import Plan
from .names import find_concern

TimelineKind = Literal["medicine", "taken", "magnesium"]


def day_concerns(
    kb: KnowledgeBase, entries: Sequence[Entry]
) -> tuple[tuple[Concern, ...], tuple[Symptom, ...]]:
    """The day's logged symptoms as `advise --symptom` reads them: a complaint (cramps,
    soreness, ...) or a sign the risk screen counts; a symptom that maps to neither is left out."""
    concerns: dict[str, Concern] = {}
    signs: dict[str, Symptom] = {}
    for entry in entries:
        if not isinstance(entry, SymptomEntry):
            continue
        try:
            found = find_concern(kb, entry.symptom.replace("_", " "))
        except UnknownNameError:
            continue
        if isinstance(found, str):
            signs[found] = kb.safety.symptoms[found]
        else:
            concerns[found.slug] = found
    return tuple(concerns.values()), tuple(signs.values())


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One moment of the day: a medicine, magnesium already taken, or a planned dose."""

    time: int  # minutes after midnight
    kind: TimelineKind
    name: str | None = None  # the medicine as the user named it
    mg: float | None = None  # elemental magnesium of a dose
    with_meal: bool = False  # a planned dose within the meal window of a meal time
    evening: bool = False  # a planned dose from the evening on


def day_timeline(kb: KnowledgeBase, plan: Plan, *, magnesium: bool) -> tuple[TimelineRow, ...]:
    """The day's clock: each medicine time, each magnesium dose already taken (logged with a
    time) and each planned dose, in time order (a medicine first at the same minute), a planned
    dose marked when it falls with a meal or in the evening (the dosing conventions' times).
    Without ``magnesium`` (no plan to show) there are no magnesium rows at all."""
    rows = [
        TimelineRow(time=at, kind="medicine", name=item.medication.given_name)
        for item in plan.safety.interactions
        for at in item.medication.times
    ]
    if not magnesium:
        return tuple(sorted(rows, key=lambda row: row.time))
    dosing = kb.advice.dosing
    window = dosing.meal_window_minutes.value
    rows += [
        TimelineRow(time=at, kind="taken", mg=dose.mg) for dose in plan.taken for at in dose.times
    ]
    rows += [
        TimelineRow(
            time=at,
            kind="magnesium",
            mg=mg,
            with_meal=any(abs(at - meal) <= window for meal in dosing.meal_times.minutes),
            evening=at >= dosing.evening_from.minutes,
        )
        for at, mg in zip(plan.schedule.times, plan.schedule.doses_mg, strict=False)
    ]
    return tuple(sorted(rows, key=lambda row: (row.time, row.kind != "medicine")))
