"""Reference intakes and upper limits: one CSV row per published value.

Each nutrient has ``intakes/<nutrient>.csv``; all upper levels and ceilings are in
``upper_limits.csv``. The syntax of both is described in the comment lines at the top of each
file. A row with no ``value`` and no ``increment`` states that the system publishes nothing
for that group (with its source); a row with an ``increment`` adds it to the same system's row
for a non-pregnant, non-lactating woman of the same age.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal

from .ages import AgeBand
from .constraints import Limits
from .records import Cited, Record, Text, record
from .vocabulary import LIMIT_KINDS, TARGET_KINDS, Confidence, Sex, State, System

PositiveFloat = Annotated[float, Limits(ge=0)]


@record
class Nutrient(Record):
    slug: str
    unit: Literal["mg", "g", "ug"]
    name: Text


@record
class IntakeRow(Cited):
    """One published reference intake for one group under one system."""

    nutrient: str
    line: int
    system: System
    age: AgeBand
    sex: Sex
    state: State
    trimester: Annotated[int, Limits(ge=1, le=3)] | None = None
    postpartum: AgeBand | None = None
    phytate_mg: int | None = None
    kind: str | None = None
    value: PositiveFloat | None = None
    increment: float | None = None
    ear: PositiveFloat | None = None
    lrni: PositiveFloat | None = None
    per_kg: PositiveFloat | None = None
    ear_per_kg: PositiveFloat | None = None
    reference_weight_kg: PositiveFloat | None = None
    fallback: System | None = None
    confidence: Confidence = Confidence.PRIMARY
    note: str = ""

    def __post_init__(self) -> None:
        published = self.value is not None or self.increment is not None or self.per_kg is not None
        if published and self.kind not in TARGET_KINDS:
            raise ValueError(f"kind {self.kind!r} is not one of {sorted(TARGET_KINDS)}")
        if not published and self.kind is not None:
            raise ValueError("a row without a value must have no kind")
        if self.increment is not None and self.state is State.NONE:
            raise ValueError("an increment applies only to pregnancy or lactation")
        if self.increment is not None and self.value is not None:
            raise ValueError("give a value or an increment, not both")
        if self.state is State.ANY:
            raise ValueError("intake rows name a state: none, pregnant or lactating")
        if self.trimester is not None and self.state is not State.PREGNANT:
            raise ValueError("a trimester applies only to pregnancy")
        if self.postpartum is not None and self.state is not State.LACTATING:
            raise ValueError("months post-partum apply only to lactation")
        if self.state is not State.NONE and self.sex is not Sex.FEMALE:
            raise ValueError("pregnancy and lactation rows are for sex=female")

    @property
    def published(self) -> bool:
        return self.value is not None or self.increment is not None or self.per_kg is not None


@record
class LimitRow(Cited):
    """An upper level or ceiling: a UL, a guidance level, a CDRR or a population maximum."""

    nutrient: str
    line: int
    system: System
    measure: Literal["ul", "supplemental_ul", "limit"]
    age: AgeBand
    state: State = State.ANY
    kind: str
    value: PositiveFloat | None = None
    fallback: System | None = None
    confidence: Confidence = Confidence.PRIMARY
    note: str = ""

    def __post_init__(self) -> None:
        allowed = LIMIT_KINDS[self.measure]
        if self.kind not in allowed:
            raise ValueError(f"kind {self.kind!r} is not one of {sorted(allowed)}")
        if (self.kind == "not_established") != (self.value is None):
            raise ValueError("a value is required unless kind is not_established")


def read_csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a data CSV as (line number, {column: text}); '#' lines are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, text) for n, text in enumerate(handle, start=1)]
    data = [(n, text) for n, text in lines if text.strip() and not text.lstrip().startswith("#")]
    if not data:
        return
    reader = csv.DictReader(text for _, text in data)
    for (number, _), row in zip(data[1:], reader, strict=True):
        if None in row or any(value is None for value in row.values()):
            raise ValueError(f"line {number}: wrong number of columns")
        yield number, {key.strip(): (value or "").strip() for key, value in row.items()}


def _optional(value: str) -> str | None:
    return value if value else None


def _common_fields(raw: dict[str, str]) -> dict[str, object]:
    fields: dict[str, object] = {
        "age": AgeBand.parse(raw.pop("age_from"), raw.pop("age_to")),
        "sources": tuple(s.strip() for s in raw.pop("source").split(";") if s.strip()),
        "verify": tuple(v.strip() for v in raw.pop("verify", "").split(";") if v.strip()),
    }
    for key, value in raw.items():
        fields[key] = _optional(value)
    if fields.get("confidence") is None:
        fields.pop("confidence", None)
    if fields.get("note") is None:
        fields["note"] = ""
    return fields


# The two parsers import pydantic (``validation``) when called: only when a file is read.


def parse_intake_row(nutrient: str, line: int, raw: dict[str, str]) -> IntakeRow:
    from .validation import validate

    raw = dict(raw)
    postpartum_from = raw.pop("postpartum_from", "")
    postpartum_to = raw.pop("postpartum_to", "")
    fields = _common_fields(raw)
    if postpartum_from:
        fields["postpartum"] = AgeBand.parse(postpartum_from, postpartum_to)
    return validate(IntakeRow, {**fields, "nutrient": nutrient, "line": line})


def parse_limit_row(line: int, raw: dict[str, str]) -> LimitRow:
    from .validation import validate

    fields = _common_fields(dict(raw))
    if fields.get("state") is None:
        fields.pop("state", None)
    return validate(LimitRow, {**fields, "line": line})
