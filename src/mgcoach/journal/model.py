"""The journal's records as the rest of Mg Coach sees them: a person's profile and their entries.

Plain frozen dataclasses, free of SQL: storage/journal.py builds them from rows, the services
and the engine read them, the export writes them out field by field. An entry is one class per
kind (``Entry`` is their union), each with the typed columns of its kind's own table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import MISSING, field
from dataclasses import fields as dataclass_fields
from datetime import date, datetime
from typing import Any, Literal, Self

from ..foods.nutrients import nutrient_keys
from ..frozen import frozen
from .frequency import DAILY, Frequency

DAYS_PER_YEAR = 365.2425


@frozen
class Medicine:
    """A medicine with its usual clock times (minutes after midnight) on the days it is taken:
    every day, or as ``frequency`` says (once a week, every N days)."""

    name: str
    times: tuple[int, ...] = ()
    frequency: Frequency = DAILY


REASONS = ("cramps", "soreness", "poor_sleep", "check_intake")
"""Why a person came to Mg Coach (asked at onboarding; any, all or none), in the form's order:
night cramps, muscle soreness or slow recovery, and sleep are the slugs of advice.toml's
concerns; ``check_intake`` is only checking the magnesium intake."""


def ordered_reasons(reasons: Iterable[str]) -> tuple[str, ...]:
    """The known ``reasons`` among those given, each once, in the order of REASONS."""
    given = set(reasons)
    return tuple(reason for reason in REASONS if reason in given)


@frozen
class PersonProfile:
    """Who the journal is for: what the targets and the safety checks need to know."""

    name: str
    sex: str
    age_years: float
    age_on: date
    system: str = "us"
    pregnant: bool = False
    lactating: bool = False
    weight_kg: float | None = None
    height_cm: float | None = None
    egfr: float | None = None
    dialysis: bool = False
    activity: str | None = None
    medicines: tuple[Medicine, ...] = ()
    reasons: tuple[str, ...] = ()  # of REASONS, in their order
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def age_at(self, day: date) -> float:
        """The age on ``day``: the age given, counted on (or back) from the day it was given."""
        return max(0.0, self.age_years + (day - self.age_on).days / DAYS_PER_YEAR)


# -- entries ---------------------------------------------------------------------------------

FieldValue = str | float | bool | None
"""A stored value of an entry's own fields (an int is a float here, as for mypy)."""


@frozen(kw_only=True)
class EntryBase:
    """What every logged thing has. An entry not written yet has id 0, no uid and no stamps:
    storage gives them. Each kind adds the columns of its own table (storage/journal_tables.py)
    as typed fields, in the table's order."""

    day: date
    time: int | None = None  # minutes after midnight
    origin: str = "cli"
    note: str | None = None
    id: int = 0
    uid: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def fields(self) -> dict[str, FieldValue]:
        """The kind's own stored values by column, in the table's order: the ``detail`` of
        the JSON contract and of an export."""
        return {name: getattr(self, name) for name in _own_names(type(self))}

    @classmethod
    def from_fields(cls, values: Mapping[str, Any], **head: Any) -> Self:
        """The entry of these stored values (a row's, an import's) with the common fields
        ``head``; a value not given keeps its default, or is None."""
        return cls(**head, **_given(cls, values))


_BASE_NAMES = frozenset(f.name for f in dataclass_fields(EntryBase)) | {"kind"}


_OWN_NAMES: dict[type[EntryBase], tuple[str, ...]] = {}
_REQUIRED: dict[type[EntryBase], frozenset[str]] = {}


def _own_names(cls: type[EntryBase]) -> tuple[str, ...]:
    """The fields a kind adds to the common ones, in order (worked out once per class)."""
    names = _OWN_NAMES.get(cls)
    if names is None:
        own = [f for f in dataclass_fields(cls) if f.name not in _BASE_NAMES]
        names = _OWN_NAMES[cls] = tuple(f.name for f in own)
        _REQUIRED[cls] = frozenset(
            f.name for f in own if f.default is MISSING and f.default_factory is MISSING
        )
    return names


def _given(cls: type[EntryBase], values: Mapping[str, Any]) -> dict[str, Any]:
    """The kind's fields in ``values``; one without a default that is not given is None."""
    names = _own_names(cls)
    required = _REQUIRED[cls]
    return {name: values.get(name) for name in names if name in values or name in required}


@frozen(kw_only=True)
class FoodEntry(EntryBase):
    """A food eaten, with the nutrient amounts it had when it was logged (``nutrients``: the
    food nutrient keys, None where unknown). ``item_kind`` is food, or an imported day_total or
    meal_total standing for several foods; one not ``counted`` is listed for the record only."""

    kind: Literal["food"] = "food"
    food_id: str | None = None  # the food table's id when it came from there
    name: str
    name_nl: str | None = None
    amount_text: str
    grams: float | None = None
    item_kind: str = "food"
    counted: bool = True
    meal: str | None = None
    extra: str | None = None  # JSON of values that are not amounts
    nutrients: Mapping[str, float | None] = field(default_factory=dict)

    @property
    def magnesium_mg(self) -> float | None:
        return self.nutrients.get("magnesium_mg")

    def fields(self) -> dict[str, FieldValue]:
        named = {name: getattr(self, name) for name in _own_names(FoodEntry) if name != "nutrients"}
        return named | {key: self.nutrients.get(key) for key in nutrient_keys()}

    @classmethod
    def from_fields(cls, values: Mapping[str, Any], **head: Any) -> Self:
        named = _given(cls, values)
        nutrients = {key: values.get(key) for key in nutrient_keys()}
        return cls(**head, **named, nutrients=nutrients)


@frozen(kw_only=True)
class SupplementEntry(EntryBase):
    """A supplement taken: its elemental magnesium, and how the number was given (``given_as``:
    compound, elemental, label or import; ``basis``: what the number is, compound or
    elemental, None in entries stored before it was asked)."""

    kind: Literal["supplement"] = "supplement"
    name: str
    compound: str | None = None  # the knowledge base's compound slug, when known
    label: str | None = None
    dose_mg: float | None = None  # mg of the compound, when given as compound mg
    elemental_mg: float
    given_as: str
    basis: str | None = None


@frozen(kw_only=True)
class MedicationEntry(EntryBase):
    """A medicine taken at a time."""

    kind: Literal["medication"] = "medication"
    name: str
    drug: str  # the knowledge base's drug slug


@frozen(kw_only=True)
class SymptomEntry(EntryBase):
    kind: Literal["symptom"] = "symptom"
    symptom: str  # the symptom's slug: cramp, soreness, twitch, ...
    count: int | None = None
    severity: float | None = None  # 0-10
    location: str | None = None
    night: bool | None = None


@frozen(kw_only=True)
class SleepEntry(EntryBase):
    kind: Literal["sleep"] = "sleep"
    hours: float
    quality: float | None = None  # 0-10


@frozen(kw_only=True)
class TrainingEntry(EntryBase):
    kind: Literal["training"] = "training"
    activity: str
    minutes: float
    rpe: float | None = None  # Borg CR10, 0-10


@frozen(kw_only=True)
class LabEntry(EntryBase):
    kind: Literal["lab"] = "lab"
    test: str = "serum_magnesium"
    value: float
    unit: str
    value_mmol_l: float


@frozen(kw_only=True)
class WeightEntry(EntryBase):
    """A body weight on a day: the targets of that day on (energy, protein per kg) use the
    latest one, instead of the profile's weight."""

    kind: Literal["weight"] = "weight"
    kg: float


@frozen(kw_only=True)
class NoteEntry(EntryBase):
    """A note on its own: its text is ``note``."""

    kind: Literal["note"] = "note"


Entry = (
    FoodEntry
    | SupplementEntry
    | MedicationEntry
    | SymptomEntry
    | SleepEntry
    | TrainingEntry
    | LabEntry
    | WeightEntry
    | NoteEntry
)
"""One logged thing: ``match`` or ``isinstance`` on its class, or compare ``kind``."""

ENTRY_TYPES: dict[str, type[Entry]] = {
    "food": FoodEntry,
    "supplement": SupplementEntry,
    "medication": MedicationEntry,
    "symptom": SymptomEntry,
    "sleep": SleepEntry,
    "training": TrainingEntry,
    "lab": LabEntry,
    "weight": WeightEntry,
    "note": NoteEntry,
}
"""Each kind's class, by its name (the ``kind`` column)."""
