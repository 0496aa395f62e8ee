"""Advice facts: dosing conventions, form needs, the words people use, the risk screen's weights
and when a trend reports a change.

Read from ``advice.toml``. Every number is ``Cited``; numbers the product chose where the
references give none cite ``MGCOACH``. Cross-references (families, symptoms, claims,
conditions) are checked against the rest of the knowledge base by ``base.py``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, TypeVar

from ..errors import KnowledgeError
from .constraints import Check, Limits, Strings
from .records import Cited, Record, Text, record
from .safety import normalize_name

CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
Slug = Annotated[str, Strings(pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$")]


def clock_minutes(text: str) -> int:
    """Minutes after midnight of a data file's "HH:MM" (already validated)."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _clock(text: str) -> str:
    if not CLOCK.match(text):
        raise ValueError(f"{text!r} is not a time HH:MM")
    return text


def _clocks(value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_clock(item) for item in value)


@record
class Number(Cited):
    value: Annotated[float, Limits(ge=0)]
    basis: Text


@record
class ClockValue(Cited):
    value: Annotated[str, Check(_clock)]
    basis: Text

    @property
    def minutes(self) -> int:
        return clock_minutes(self.value)


@record
class ClockList(Cited):
    value: Annotated[tuple[str, ...], Check(_clocks)]
    basis: Text

    @property
    def minutes(self) -> tuple[int, ...]:
        return tuple(clock_minutes(item) for item in self.value)


@record
class Dosing(Record):
    """The dosing conventions of the plan (fact reference §2 and §3.3)."""

    start_mg: Number
    start_max_mg: Number
    step_mg: Number
    step_days: Number
    max_single_dose_mg: Number
    min_hours_between_doses: Number
    meal_times: ClockList
    meal_window_minutes: Number
    awake_from: ClockValue
    awake_until: ClockValue
    evening_from: ClockValue
    slot_minutes: Number

    def __post_init__(self) -> None:
        if not 0 < self.start_mg.value <= self.start_max_mg.value:
            raise ValueError("start_mg must be above 0 and at most start_max_mg")
        if self.step_mg.value <= 0 or self.step_days.value < 1:
            raise ValueError("step_mg and step_days must be positive")
        if self.awake_from.minutes >= self.awake_until.minutes:
            raise ValueError("awake_from must come before awake_until")
        slot = self.slot_minutes.value
        if slot <= 0 or 1440 % slot or slot != int(slot):
            raise ValueError("slot_minutes must divide a day into whole slots")


@record
class FormNeed(Cited):
    slug: Slug
    name: Text
    priority: int
    families: Annotated[tuple[Slug, ...], Limits(min_length=1)]
    avoid_families: tuple[Slug, ...] = ()
    why: Text
    claims: tuple[Slug, ...] = ()


@record
class Concern(Cited):
    slug: Slug
    name: Text
    aliases: tuple[str, ...] = ()
    symptom: Slug | None = None
    claims: tuple[Slug, ...] = ()
    need: Slug | None = None


@record
class ConditionName(Record):
    condition: Slug
    aliases: Annotated[tuple[str, ...], Limits(min_length=1)]
    need: Slug | None = None


@record
class Screen(Record):
    """Points of the risk screen and its grade thresholds (Mg Coach's own count)."""

    older_than_years: Number
    points_risk_factor: Number
    points_depleting_medicine: Number
    points_early_sign: Number
    points_later_sign: Number
    points_low_intake: Number
    moderate_from: Number
    high_from: Number

    def __post_init__(self) -> None:
        if not 0 < self.moderate_from.value < self.high_from.value:
            raise ValueError("moderate_from must be above 0 and below high_from")


@record
class GateRules(Record):
    """The safety gate's thresholds (engine/gate/ applies them in its order of precedence)."""

    ul_avoid_multiple: Number
    fatal_supplemental_mg: Number
    child_doctor_only_below_years: Number
    adult_from_years: Number
    ask_kidney_from_years: Number
    kidney_caution_cap_mg: Number

    def __post_init__(self) -> None:
        if self.ul_avoid_multiple.value <= 1:
            raise ValueError("ul_avoid_multiple must be above 1")
        if not 0 < self.child_doctor_only_below_years.value < self.adult_from_years.value:
            raise ValueError(
                "child_doctor_only_below_years must be above 0, below adult_from_years"
            )
        if self.kidney_caution_cap_mg.value <= 0 or self.fatal_supplemental_mg.value <= 0:
            raise ValueError("kidney_caution_cap_mg and fatal_supplemental_mg must be positive")


@record
class TrendRules(Record):
    """When a trend reports a change between the earlier and the later half (services/trend.py)."""

    min_days_per_half: Number
    steady_share: Number

    def __post_init__(self) -> None:
        days = self.min_days_per_half.value
        if days < 1 or days != int(days):
            raise ValueError("min_days_per_half must be a whole number of days, at least 1")
        if not 0 <= self.steady_share.value < 1:
            raise ValueError("steady_share must be from 0 to below 1")


@record
class AdviceFacts(Record):
    dosing: Dosing
    form_needs: Mapping[str, FormNeed]
    concerns: Mapping[str, Concern]
    condition_names: tuple[ConditionName, ...]
    screen: Screen
    gate: GateRules
    trend: TrendRules

    def __post_init__(self) -> None:
        """Aliases name one concern or condition each, and every need named exists."""
        seen: dict[str, str] = {}
        for concern in self.concerns.values():
            for alias in concern.aliases:
                other = seen.setdefault(normalize_name(alias), concern.slug)
                if other != concern.slug:
                    raise ValueError(f"concern alias {alias!r} names {other} and {concern.slug}")
        seen = {}
        for entry in self.condition_names:
            for alias in entry.aliases:
                other = seen.setdefault(normalize_name(alias), entry.condition)
                if other != entry.condition:
                    raise ValueError(
                        f"condition alias {alias!r} names {other} and {entry.condition}"
                    )
        for need in self.form_needs.values():
            if set(need.families) & set(need.avoid_families):
                raise ValueError(f"form_need {need.slug} both prefers and avoids a family")
        for owner, need_slug in [(c.slug, c.need) for c in self.concerns.values()] + [
            (n.condition, n.need) for n in self.condition_names
        ]:
            if need_slug is not None and need_slug not in self.form_needs:
                raise ValueError(f"{owner} names unknown form need {need_slug}")

    def needs_by_priority(self) -> tuple[FormNeed, ...]:
        return tuple(sorted(self.form_needs.values(), key=lambda need: -need.priority))

    def condition_need(self, condition: str) -> str | None:
        return next((n.need for n in self.condition_names if n.condition == condition), None)


_Keyed = TypeVar("_Keyed", FormNeed, Concern)


def _keyed(items: list[object], model: type[_Keyed], table: str) -> dict[str, _Keyed]:
    from .validation import validate

    records: dict[str, _Keyed] = {}
    for index, item in enumerate(items, start=1):
        found = validate(model, item)
        if found.slug in records:
            raise ValueError(f"[[{table}]] entry {index}: duplicate slug {found.slug}")
        records[found.slug] = found
    return records


def load_advice(data_dir: Path) -> AdviceFacts:
    from .validation import ValidationError, validate  # pydantic: only when a file is read

    path = data_dir / "advice.toml"
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise KnowledgeError("Cannot read {path}: {error}", path=path.name, error=error) from error
    tables = {"dosing", "form_need", "concern", "condition_name", "screen", "gate", "trend"}
    unknown = sorted(set(raw) - tables)
    if unknown:
        raise KnowledgeError("{path}: unknown table(s) {tables}", path=path.name, tables=unknown)
    try:
        parts = {
            "dosing": validate(Dosing, raw.get("dosing")),
            "form_needs": _keyed(raw.get("form_need", []), FormNeed, "form_need"),
            "concerns": _keyed(raw.get("concern", []), Concern, "concern"),
            "condition_names": tuple(
                validate(ConditionName, item) for item in raw.get("condition_name", [])
            ),
            "screen": validate(Screen, raw.get("screen")),
            "gate": validate(GateRules, raw.get("gate")),
            "trend": validate(TrendRules, raw.get("trend")),
        }
        return validate(AdviceFacts, parts)  # not called: its errors read as pydantic's
    except (ValidationError, ValueError) as error:
        raise KnowledgeError("{path}: {error}", path=path.name, error=error) from error
