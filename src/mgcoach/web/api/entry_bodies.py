"""The request bodies of the journal's entry endpoints (entries.py): one per kind of new
entry, told apart by ``kind`` (``NewEntry``), and the changes of an edit (``EntryPatch``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from ...engine.labels import Basis
from .params import Body, Number, Short


class _When(Body):
    date: str | None = Field(
        None,
        max_length=20,
        description="The day: YYYY-MM-DD, today, yesterday or -N (default today).",
    )
    time: str | None = Field(
        None,
        max_length=10,
        description="Clock time HH:MM (default: now, when logging for today).",
    )


class _Noted(_When):
    note: str | None = Field(None, max_length=5000, description="A free note with the entry.")


class FoodEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"kind": "food", "food": "almonds", "amount": "30 g", "date": "2025-01-15"}
            ]
        }
    )

    kind: Literal["food"]
    food: str = Field(min_length=1, max_length=200, description="A food name, id or barcode.")
    amount: str = Field(
        min_length=1, max_length=100, description='The amount: "30 g", "1/2 cup", "2 slices".'
    )
    meal: str | None = Field(
        None, max_length=64, description="The meal: breakfast, lunch, dinner or snacks."
    )


class QuickEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"kind": "quick", "label": "Lunch out", "magnesium_mg": 120}]
        }
    )

    kind: Literal["quick"]
    label: str = Field(min_length=1, max_length=200, description="What it was.")
    magnesium_mg: float | None = Field(None, ge=0, description="Magnesium in mg.")
    energy_kcal: float | None = Field(None, ge=0, description="Energy in kcal.")
    meal: str | None = Field(
        None, max_length=64, description="The meal: breakfast, lunch, dinner or snacks."
    )


AS_DESCRIPTION = (
    "What the number is: compound (the whole tablet's mg) or elemental (the magnesium itself). "
    "Needed for a compound with a dose, and for a label that only names the compound "
    "('Magnesium glycinate 500 mg'); also accepted as basis."
)


class SupplementEntry(_Noted):
    model_config = ConfigDict(
        populate_by_name=True,
        json_schema_extra={
            "examples": [
                {"kind": "supplement", "compound": "citrate", "dose_mg": 500, "as": "compound"}
            ]
        },
    )

    kind: Literal["supplement"]
    compound: Short | None = Field(None, description="Compound, e.g. citrate.")
    dose_mg: Number | None = Field(
        None, description="Dose in mg: the whole tablet, or the magnesium (see as)."
    )
    label: str | None = Field(
        None, max_length=500, description="A label line, e.g. 'Magnesium (as citrate) 200 mg'."
    )
    basis: Basis | None = Field(None, alias="as", description=AS_DESCRIPTION)
    elemental: bool = Field(False, description="dose_mg is elemental magnesium (as: elemental).")


class MedicationEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"kind": "medication", "name": "levothyroxine", "time": "07:00"}]
        }
    )

    kind: Literal["medication"]
    name: str = Field(min_length=1, max_length=200, description="The medicine.")


class SymptomEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"kind": "symptom", "name": "cramp", "count": 2, "night": True}]
        }
    )

    kind: Literal["symptom"]
    name: str = Field(min_length=1, max_length=200, description="What you felt, e.g. cramp.")
    count: int | None = Field(None, ge=-1000, le=1000, description="How many times.")
    severity: Number | None = Field(None, description="How bad, 0 (none) to 10 (worst).")
    where: Short | None = Field(None, description="Where, e.g. calf.")
    night: bool | None = Field(None, description="At night (cramps).")


class SleepEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"kind": "sleep", "hours": 7.5, "quality": 6}]}
    )

    kind: Literal["sleep"]
    hours: Number = Field(description="Hours slept.")
    quality: Number | None = Field(None, description="Quality, 0 (very poor) to 10.")


class TrainingEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"kind": "training", "activity": "running", "minutes": 45, "rpe": 7}]
        }
    )

    kind: Literal["training"]
    activity: str = Field(min_length=1, max_length=200, description="What, e.g. running.")
    minutes: Number = Field(description="How long, in minutes.")
    rpe: Number | None = Field(None, description="Effort, 0 (rest) to 10 (maximal).")


class LabEntry(_Noted):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"kind": "lab", "value": 0.72, "unit": "mmol/L"}]}
    )

    kind: Literal["lab"]
    value: Number = Field(description="The serum magnesium value.")
    unit: str = Field(min_length=1, max_length=20, description="mmol/L, mg/dL or mEq/L.")


class WeightEntry(_Noted):
    model_config = ConfigDict(json_schema_extra={"examples": [{"kind": "weight", "kg": 72.5}]})

    kind: Literal["weight"]
    kg: Number = Field(description="Body weight in kg.")


class NoteEntry(_When):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"kind": "note", "text": "Slept badly."}]}
    )

    kind: Literal["note"]
    text: str = Field(min_length=1, max_length=5000, description="The note.")


NewEntry = Annotated[
    FoodEntry
    | QuickEntry
    | SupplementEntry
    | MedicationEntry
    | SymptomEntry
    | SleepEntry
    | TrainingEntry
    | LabEntry
    | WeightEntry
    | NoteEntry,
    Field(discriminator="kind"),
]


class EntryPatch(Body):
    """What ``mgcoach edit`` takes; a field left out keeps the stored value."""

    model_config = ConfigDict(
        populate_by_name=True, json_schema_extra={"examples": [{"amount": "60 g"}]}
    )

    date: str | None = Field(None, max_length=20, description="The new day.")
    time: str | None = Field(None, max_length=10, description="New clock time HH:MM.")
    no_time: bool = Field(False, description="Remove the time.")
    note: str | None = Field(None, max_length=5000, description="New note.")
    food: Short | None = Field(None, description="Another food (same amount).")
    amount: Short | None = Field(None, description="New amount of the food.")
    dose_mg: Number | None = Field(None, description="New supplement dose in mg.")
    basis: Basis | None = Field(
        None,
        alias="as",
        description="Correct what a supplement's dose is: compound (the whole tablet) or "
        "elemental (the magnesium itself); its magnesium is worked out again. Also accepted as "
        "basis.",
    )
    count: int | None = Field(None, ge=-1000, le=1000, description="New count.")
    severity: Number | None = Field(None, description="New severity 0-10.")
    where: Short | None = Field(None, description="New location.")
    hours: Number | None = Field(None, description="New hours of sleep.")
    quality: Number | None = Field(None, description="New sleep quality 0-10.")
    minutes: Number | None = Field(None, description="New training minutes.")
    rpe: Number | None = Field(None, description="New effort 0-10.")
    value: Number | None = Field(None, description="New lab value.")
    unit: Short | None = Field(None, description="New lab unit.")
    kg: Number | None = Field(None, description="New body weight in kg.")
