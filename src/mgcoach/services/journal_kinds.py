"""Each kind of entry, built and checked: what `log` (journal_log.py) and `edit`
(journal_edit.py) both go through, so an edited entry obeys the rules a new one does.

Food entries keep the grams and the nutrient amounts of that moment (see journal_tables.py);
supplements keep the elemental magnesium worked out from the compound or the label.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

from ..engine import elemental as elemental_engine
from ..engine.labels import BASES, Basis, parse_label, stored_label_basis
from ..engine.serum import classify
from ..engine.symptoms import find_symptom
from ..errors import InputError, about
from ..foods.nutrition import amounts
from ..foods.portions import portion_grams
from ..i18n import N_, Msgid
from ..journal import bounds
from ..journal.model import (
    FoodEntry,
    LabEntry,
    SleepEntry,
    SupplementEntry,
    SymptomEntry,
    TrainingEntry,
    WeightEntry,
)
from ..journal.vocabulary import symptom_kinds
from ..knowledge import KnowledgeBase
from ..knowledge.compound_names import find_compound
from ..storage.database import Connection
from ..storage.foods import record_use
from ..units import parse_serum_unit
from . import food_lookup

# The limits come from the journal's bounds (journal/data/bounds.toml, each with its basis):
# the same ones the JSON import and the external importers check.
SCALE_RANGE = (bounds.number("scale").low, bounds.number("scale").high)
MAX_COUNT = int(bounds.number("count").high)
MAX_SLEEP_HOURS = bounds.number("hours").high
MAX_TRAINING_MINUTES = bounds.number("minutes").high
MAX_NOTE = bounds.text_max("note")
# A single logged supplement intake above this is a typing error, not a dose.
MAX_ELEMENTAL_MG = bounds.number("elemental_mg").high


class UnknownEntryError(InputError, LookupError):
    """An entry id the profile does not have (never someone else's: ids are per profile)."""

    code = "unknown_entry"
    http_status = 404


def clean_note(text: str | None) -> str | None:
    """A note as stored: None when empty, refused when too long or when it holds a control
    character other than a tab or a line end."""
    if text is None or not text.strip():
        return None
    if len(text) > MAX_NOTE:
        raise InputError(N_("A note is at most {max} characters."), field="note", max=MAX_NOTE)
    return bounds.clean_text(text, "note", multiline=True)


def clean_name(text: str, field: str, key: str = "name") -> str:
    """A name, amount or label as given (stripped): one line, within its length."""
    return bounds.clean_text(text, key, field)


SCALES = {"severity": N_("The severity"), "quality": N_("The quality"), "rpe": N_("The effort")}
"""The 0-10 scores, named in words (the command line adds its option: cli/hints.py)."""


def _scale(value: float | None, field: str) -> float | None:
    """A 0-10 score, the input ``field``."""
    if value is not None and not bounds.number("scale").admits(value):
        raise InputError(
            N_("{what} is a number from 0 to 10, not {value}."),
            field=field,
            what=Msgid(SCALES[field]),
            value=value,
        )
    return value


# -- food ------------------------------------------------------------------------------------


def food_entry(
    connection: Connection,
    day: date,
    food_text: str,
    amount_text: str,
    count_use: bool = True,
    *,
    visible_to: int | None = None,
) -> FoodEntry:
    """A food entry: the food, the grams of the amount and its nutrient amounts.

    ``count_use`` feeds search ranking (food_usage), which is one table for the whole database:
    only the local user's choices count, so on a multi-user server no one's eating habits shape
    another's search results. ``visible_to``: the journal's account, whose own foods it may
    name besides the shared ones (storage.foods)."""
    food_text = clean_name(food_text, "food")
    amount_text = clean_name(amount_text, "amount", "amount")
    found, _result = food_lookup.resolve(connection, food_text, visible_to=visible_to)
    with about("amount"):
        match = portion_grams(found, amount_text)
    if count_use:
        record_use(connection, found.id)
    return FoodEntry(
        day=day,
        food_id=found.id,
        name=found.name,
        name_nl=found.name_nl,
        amount_text=amount_text.strip(),
        grams=match.grams,
        nutrients=amounts(found, match.grams),
    )


# -- supplement --------------------------------------------------------------------------------


def check_elemental(mg: float) -> None:
    bound = bounds.number("elemental_mg")
    if bound.above_is_emergency and math.isfinite(mg) and mg > bound.high:
        problem = bounds.number_problem(mg, "elemental_mg")
        if problem is not None:  # more than a dose, and if true an emergency: it says so
            raise InputError(problem.message, **problem.params)  # the same answer as before
    if not bound.admits(mg):
        raise InputError(
            N_("{mg} mg of elemental magnesium at once is not a dose: check the number."),
            mg=round(mg) if math.isfinite(mg) else str(mg),
        )


def _basis(basis: str | None, elemental: bool) -> Basis | None:
    """The basis the person gave: ``--as``, or ``--elemental`` (its older spelling)."""
    chosen = elemental_engine.check_basis(basis)
    if elemental and chosen == "compound":
        raise InputError(
            N_(
                "The dose is given both as the magnesium itself and as the whole compound: "
                "give one."
            ),
            field="basis",
        )
    return "elemental" if elemental else chosen


def supplement_entry(
    kb: KnowledgeBase,
    day: date,
    compound: str | None,
    dose_mg: float | None,
    label: str | None,
    *,
    basis: str | None = None,
    elemental: bool = False,
) -> SupplementEntry:
    """Elemental magnesium of a supplement intake: a compound and its dose, or a label line.

    A bare dose, or a label that only names the compound, may be the compound's mass or the
    magnesium itself: ``basis`` (compound or elemental; ``elemental=True`` is elemental) says
    which, and without it AmbiguousDoseError names both readings and nothing is stored."""
    chosen = _basis(basis, elemental)
    if label is not None:
        if compound is not None or dose_mg is not None:
            raise InputError(
                N_("Give a compound and dose, or the label line, not both."), field="label"
            )
        label = clean_name(label, "label", "label")
        result = elemental_engine.from_label(kb, label, chosen)
        name = label.strip()
    else:
        if compound is None or dose_mg is None:
            raise InputError(
                N_("Give the compound and its dose in mg (e.g. citrate 500), or the label line."),
                field="compound" if compound is None else "dose_mg",
            )
        compound = clean_name(compound, "compound")
        bounds.check_number(dose_mg, "dose_mg")
        result = elemental_engine.from_dose(kb, compound, dose_mg, chosen)
        name = find_compound(kb, compound).compound.name.en
    elemental_engine.require_basis(result)
    check_elemental(result.elemental_mg)
    return SupplementEntry(
        day=day,
        name=name,
        compound=result.compound,
        label=label.strip() if label is not None else None,
        dose_mg=result.compound_mg,
        elemental_mg=result.elemental_mg,
        given_as="label" if label is not None else result.basis,
        basis=result.basis,
    )


def entry_basis(entry: SupplementEntry) -> Basis:
    """What a supplement entry's number is; an entry stored without a basis (an import of an
    older export) gets the reading it was stored with."""
    if entry.basis in BASES:
        return entry.basis
    if entry.given_as == "compound":
        return "compound"
    if entry.given_as == "label" and entry.dose_mg is not None:
        return stored_label_basis(entry.label or "", entry.elemental_mg)
    return "elemental"


def basis_can_change(entry: SupplementEntry) -> bool:
    """Can ``edit --as`` correct this supplement entry? Only a number that may be read both
    ways: one that names a compound and is not a label stating the magnesium, nor an import."""
    if entry.compound is None or entry.given_as == "import":
        return False
    if entry.given_as == "label" and entry.label:
        if entry_basis(entry) == "compound":
            return True
        try:
            return parse_label(entry.label).ambiguous
        except InputError:
            return False
    return True


# -- symptom, sleep, training, lab, weight ----------------------------------------------------


def checked_symptom(kb: KnowledgeBase, entry: SymptomEntry) -> SymptomEntry:
    """The symptom by its slug, with only the measures it has (a count for cramps, ...)."""
    with about("name"):
        slug = find_symptom(kb, clean_name(entry.symptom, "name"))
    kind = symptom_kinds().get(slug)
    measures = kind.measures if kind is not None else frozenset({"severity"})
    if entry.count is not None:
        if "count" not in measures:
            raise InputError(N_("A count is only for cramps and twitches."), field="count")
        if not 0 <= entry.count <= MAX_COUNT:
            raise InputError(N_("The count is from 0 to {max}."), field="count", max=MAX_COUNT)
    if entry.night is not None and "night" not in measures:
        raise InputError(N_("Only cramps are marked as at night."), field="night")
    location = None if entry.location is None else clean_name(entry.location, "where")
    return replace(
        entry,
        symptom=slug,
        severity=_scale(entry.severity, "severity"),
        location=location.strip() if location and location.strip() else None,
    )


def checked_sleep(entry: SleepEntry) -> SleepEntry:
    if not bounds.number("hours").admits(entry.hours):
        raise InputError(
            N_("Hours of sleep are more than 0 and at most 24, not {value}."),
            field="hours",
            value=entry.hours,
        )
    _scale(entry.quality, "quality")
    return entry


def checked_training(entry: TrainingEntry) -> TrainingEntry:
    if not entry.activity.strip():
        raise InputError(N_("Name the training, e.g. running or strength."), field="activity")
    clean_name(entry.activity, "activity")
    if not bounds.number("minutes").admits(entry.minutes):
        raise InputError(
            N_("Training minutes are more than 0 and at most {max}, not {value}."),
            field="minutes",
            max=MAX_TRAINING_MINUTES,
            value=entry.minutes,
        )
    _scale(entry.rpe, "rpe")
    return replace(entry, activity=entry.activity.strip())


def lab_entry(kb: KnowledgeBase, day: date, value: float, unit: str) -> LabEntry:
    """A serum magnesium value, with its unit as written here and its value in mmol/L."""
    bounds.check_number(value, "value")
    result = classify(kb, value, parse_serum_unit(clean_name(unit, "unit", "code")))
    return LabEntry(
        day=day,
        test="serum_magnesium",
        value=value,
        unit=result.unit.value,
        value_mmol_l=result.mmol_per_l,
    )


def checked_weight(entry: WeightEntry) -> WeightEntry:
    """A body weight within the journal's bounds of a weight (bounds.toml weight_kg)."""
    bound = bounds.number("weight_kg")
    if not bound.admits(entry.kg):
        raise InputError(
            N_("A body weight is from {low} to {high} kg, not {value}."),
            field="kg",
            low=bound.low,
            high=bound.high,
            value=entry.kg if math.isfinite(entry.kg) else str(entry.kg),
        )
    return entry
