"""What one day's entries say, read by their kinds: the foods that count, the supplement doses
and medicines taken at their clock times, the symptoms the safety checks count as signs, and
the day's biggest magnesium sources. Pure, like engine/day.py, which assesses the day from
these.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ..errors import UnknownNameError
from ..frozen import frozen
from ..i18n import N_
from ..journal.bounds import counting_problems
from ..journal.bounds_data import number
from ..journal.frequency import DAILY
from ..journal.model import (
    Entry,
    FoodEntry,
    MedicationEntry,
    PersonProfile,
    SupplementEntry,
    SymptomEntry,
)
from ..knowledge import KnowledgeBase
from ..knowledge.safety import Symptom
from .findings import Finding
from .interactions import MagnesiumDose, Medication, medication
from .notes import Note
from .symptoms import screen_slug

TOP_SOURCES = 5


@frozen
class Source:
    """Where magnesium came from: a food (summed over its entries) or a supplement."""

    name: str
    kind: str  # food | supplement
    food_id: str | None
    name_nl: str | None
    magnesium_mg: float
    entries: int


def counted_foods(entries: Sequence[Entry]) -> list[FoodEntry]:
    return [e for e in entries if isinstance(e, FoodEntry) and e.counted]


def top_sources(entries: Sequence[Entry], limit: int = TOP_SOURCES) -> tuple[Source, ...]:
    """The biggest magnesium sources of the day, foods summed by food (or name)."""
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0])
    names: dict[tuple[str, str], tuple[str, str | None, str | None]] = {}
    for entry in entries:
        match entry:
            case SupplementEntry():
                key, value = ("supplement", entry.name), entry.elemental_mg
                names[key] = (entry.name, None, None)
            case FoodEntry(counted=True) if entry.magnesium_mg is not None:
                key, value = ("food", entry.food_id or entry.name), entry.magnesium_mg
                names[key] = (entry.name, entry.food_id, entry.name_nl)
            case _:
                continue
        sums[key][0] += value
        sums[key][1] += 1
    ranked = sorted(sums.items(), key=lambda item: (-item[1][0], names[item[0]][0]))
    return tuple(
        Source(
            name=names[key][0],
            kind=key[0],
            food_id=names[key][1],
            name_nl=names[key][2],
            magnesium_mg=mg,
            entries=int(count),
        )
        for key, (mg, count) in ranked[:limit]
        if mg > 0
    )


def day_medications(
    kb: KnowledgeBase, person: PersonProfile, entries: Sequence[Entry], day: date | None = None
) -> tuple[Medication, ...]:
    """The day's medicines at their real times: logged doses where there are any, else the
    profile's usual times; medicines logged but not in the profile are included too.

    With ``day``, a profile medicine not taken daily counts only on its own days (or when a
    dose of it is logged), and a medicine that counts is taken that day: its rules hold all
    of it. Without ``day`` every medicine keeps its frequency (a plan for days to come)."""
    logged: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for entry in entries:
        if isinstance(entry, MedicationEntry) and entry.time is not None:
            logged[entry.drug].append((entry.name, entry.time))
    found: list[Medication] = []
    for medicine in person.medicines:
        try:
            med = medication(kb, medicine.name, medicine.times, medicine.frequency)
        except UnknownNameError:
            continue  # a name this knowledge base no longer knows: nothing to check it against
        times = logged.pop(med.drug.slug, None)
        if times:
            med = replace(med, times=tuple(sorted({t for _n, t in times})))
        elif day is not None and not med.frequency.applies_on(day):
            continue
        if day is not None:
            med = replace(med, frequency=DAILY)
        found.append(med)
    for slug, doses in logged.items():
        drug = kb.safety.drugs.get(slug)
        if drug is not None:
            at = tuple(sorted({t for _n, t in doses}))
            found.append(Medication(given_name=doses[0][0], drug=drug, times=at))
    return tuple(found)


def day_doses(entries: Sequence[Entry]) -> tuple[MagnesiumDose, ...]:
    """The day's supplement intakes as doses at their times (same-time intakes added up)."""
    timed: dict[int, float] = defaultdict(float)
    untimed: list[MagnesiumDose] = []
    for entry in entries:
        if not isinstance(entry, SupplementEntry):
            continue
        if entry.time is None:
            untimed.append(MagnesiumDose(mg=entry.elemental_mg))
        else:
            timed[entry.time] += entry.elemental_mg
    return tuple(MagnesiumDose(mg=mg, times=(t,)) for t, mg in sorted(timed.items())) + tuple(
        untimed
    )


def gate_doses(entries: Sequence[Entry]) -> tuple[MagnesiumDose, ...]:
    """The doses the safety gate weighs: those of the entries within bounds, and of every
    supplement left out of the figures only because its amount is above the bound that is an
    emergency if true (journal/data/bounds.toml ``above_is_emergency``: an older version's value
    such as 6,000 mg) at that bound, so a stored overdose still decides the answer."""
    usable = [entry for entry in entries if not counting_problems(entry)]
    bound = number("elemental_mg")
    overdoses = [
        replace(entry, elemental_mg=bound.high)
        for entry in entries
        if isinstance(entry, SupplementEntry)
        and bound.above_is_emergency
        and entry.elemental_mg > bound.high  # NaN is not: a broken value, not an amount
        and {field for problem in counting_problems(entry) for field in problem.fields}
        == {"elemental_mg"}
    ]
    return day_doses([*usable, *overdoses])


def day_signs(kb: KnowledgeBase, entries: Sequence[Entry]) -> tuple[Symptom, ...]:
    """The signs the safety check and the risk screen count among the day's symptoms."""
    signs = []
    for entry in entries:
        if isinstance(entry, SymptomEntry):
            sign = screen_slug(kb, entry.symptom)
            if sign is not None:
                signs.append(kb.safety.symptoms[sign])
    return tuple(signs)


def out_of_bounds_finding(refused: Sequence[Entry]) -> Finding:
    return Finding(
        kind="journal",
        severity="caution",
        message=Note(
            code="entries_out_of_bounds",
            message=N_(
                "Entries {ids} hold a value the journal cannot hold ({field}): they are left "
                "out of this day's figures. Correct or delete them."
            ),
            params={
                "ids": ", ".join(str(entry.id) for entry in refused),
                "field": ", ".join(counting_problems(refused[0])[0].fields),
            },
        ),
    )
