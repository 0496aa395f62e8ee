"""The report's own JSON shapes (contract/report.py puts them together): the person, the top
sources, the supplements and medicines with their times, the timing conflicts, the lab values,
the symptoms and the questions to ask."""

from __future__ import annotations

from typing_extensions import TypedDict

from .common import documented


@documented
class PersonJson(TypedDict):
    """The profile as on the period's last day."""

    age_years: float
    """Age in whole years."""
    sex: str
    """female or male."""
    pregnant: bool
    """Pregnant."""
    lactating: bool
    """Breastfeeding."""
    weight_kg: float | None
    """Body weight, kg (the latest logged by the last day, else the profile's)."""
    height_cm: float | None
    """Height, cm."""
    egfr: float | None
    """Kidney function, eGFR in mL/min/1.73 m²; null when not known."""
    dialysis: bool
    """On dialysis."""
    activity: str | None
    """Activity level."""
    reasons: list[str]
    """Why the person came, in the reader's language."""


@documented
class ReportSourceJson(TypedDict):
    """A food or supplement the period's magnesium came from."""

    name: str
    """Its name, in the reader's language where known."""
    kind: str
    """food or supplement."""
    food_id: str | None
    """The food's id."""
    magnesium_mg: float
    """Its magnesium over the period, mg."""
    mg_per_day: float
    """The same per day with food logged, mg."""
    percent_of_magnesium: float | None
    """Its share of the period's magnesium."""
    entries: int
    """Its entries."""


@documented
class SupplementJson(TypedDict):
    """A supplement taken in the period."""

    name: str
    """Its name as logged."""
    compound: str | None
    """The compound's slug, when known."""
    times: list[str]
    """The clock times it was taken at, HH:MM."""
    days: int
    """Days it was taken."""
    entries: int
    """Its entries."""
    total_mg: float
    """Elemental magnesium over the period, mg."""
    mg_per_day_taken: float
    """Elemental magnesium a day on the days it was taken, mg."""
    max_day_mg: float
    """The most elemental magnesium of one day, mg."""


@documented
class MedicineJson(TypedDict):
    """A medicine of the profile, or one logged in the period."""

    name: str
    """As named in the profile or the log."""
    times: list[str]
    """Its usual times (profile) or the times logged, HH:MM."""
    in_profile: bool
    """True for a medicine of the profile."""
    frequency: str | None
    """How often (profile): daily, weekly:mon,... or every:Nd:YYYY-MM-DD."""
    frequency_text: str | None
    """How often, in the reader's language."""
    days_logged: int
    """Days it was logged in the period."""


@documented
class ClashTimesJson(TypedDict):
    """A medicine time and a magnesium time that were too close together."""

    drug_time: str
    """The medicine's time, HH:MM."""
    magnesium_time: str
    """The magnesium's time, HH:MM."""
    days: int
    """Days with these two times."""


@documented
class TimingConflictJson(TypedDict):
    """A medicine taken too close to magnesium in the period."""

    medicine: str
    """The medicine, as named."""
    drug_time: str
    """The medicine's time of the most frequent clash, HH:MM."""
    magnesium_time: str
    """The magnesium's time of the most frequent clash, HH:MM."""
    days: int
    """Days with a clash in the period."""
    times: list[ClashTimesJson]
    """Every pair of times that clashed, the most frequent first."""
    message: str
    """What to do, in the reader's language."""
    mechanism: str
    """Why, in the reader's language."""
    sources: list[str]
    """Source ids."""


@documented
class LabJson(TypedDict):
    """A serum magnesium value."""

    date: str
    """The day of the test, YYYY-MM-DD."""
    value: float
    """The value as reported."""
    unit: str
    """Its unit."""
    mmol_per_l: float
    """The value in mmol/L."""
    status: str | None
    """low, normal or high; null for a stored value out of bounds."""
    status_text: str | None
    """The status, in the reader's language."""
    advice: str | None
    """What the value means, in the reader's language."""
    in_period: bool
    """False for the latest value before the period."""
    sources: list[str]
    """Source ids."""


@documented
class TestingNoteJson(TypedDict):
    """How to have magnesium tested."""

    text: str
    """The note, in the reader's language."""
    sources: list[str]
    """Source ids."""


@documented
class SymptomJson(TypedDict):
    """A symptom logged in the period."""

    symptom: str
    """Its slug."""
    name: str
    """Its name, in the reader's language."""
    entries: int
    """Its entries."""
    days: int
    """Days it was logged."""


@documented
class QuestionJson(TypedDict):
    """A question to ask the doctor or dietitian."""

    code: str
    """What calls for it (questions.toml)."""
    question: str
    """The question, in the reader's language."""
    why: str
    """The fact behind it, in the reader's language."""
    sources: list[str]
    """Source ids."""
