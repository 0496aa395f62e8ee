"""Clock times on a repeating 24-hour day, and the dose specifications people type.

Times are whole minutes after midnight (0–1439). ``breaks_rule`` is the timing test of the fact
reference §4.1, computed modulo one day.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..errors import InputError, about
from ..i18n import N_
from ..journal.frequency import DAILY, Frequency, frequency_error, is_frequency, parse_frequency
from ..units import AmountUnit
from .labels import parse_number

MINUTES_PER_DAY = 24 * 60
_TIME = re.compile(r"^\s*(\d{1,2})[:.hu](\d{2})\s*$")
_HOUR_ONLY = re.compile(r"^\s*(\d{1,2})\s*(?:h|u)?\s*$")
_NUMBER = re.compile(r"^\s*(\d[\d.,]*)\s*(?:mg)?\s*$", re.IGNORECASE)


def parse_time(text: str) -> int:
    """Minutes after midnight of "HH:MM" (also "7:30", "07.30", "19u30" or "8")."""
    match = _TIME.match(text) or _HOUR_ONLY.match(text)
    if match is not None:
        hours = int(match.group(1))
        minutes = int(match.group(2)) if match.lastindex == 2 else 0
        if hours < 24 and minutes < 60:
            return hours * 60 + minutes
    raise InputError(
        N_("{time} is not a clock time: write HH:MM, from 00:00 to 23:59."), field="time", time=text
    )


def format_time(minutes: int) -> str:
    minutes %= MINUTES_PER_DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def hours_to_minutes(hours: float) -> int:
    return round(hours * 60)


def breaks_rule(drug_at: int, magnesium_at: int, before_min: int, after_min: int) -> bool:
    """Does magnesium at ``magnesium_at`` fall inside the drug dose's protected window?

    The drug must come at least ``before_min`` before magnesium, or at least ``after_min``
    after it: magnesium too soon after the drug, or too shortly before it, breaks the rule.
    Exactly on the limit is allowed.
    """
    too_soon_after_drug = (magnesium_at - drug_at) % MINUTES_PER_DAY < before_min
    too_shortly_before_drug = (drug_at - magnesium_at) % MINUTES_PER_DAY < after_min
    return too_soon_after_drug or too_shortly_before_drug


def parse_times(text: str, what: str) -> tuple[int, ...]:
    """Comma-separated clock times; the same time twice is an error."""
    parts = [part for part in text.split(",")]
    if not parts or any(not part.strip() for part in parts):
        raise InputError(N_("Give the times of {what} as HH:MM[,HH:MM...]."), what=what)
    times = tuple(parse_time(part) for part in parts)
    if len(set(times)) != len(times):
        raise InputError(N_("{what}: the same time is given twice."), what=what)
    return tuple(sorted(times))


class MedSpec(NamedTuple):
    """A ``--med`` specification: the name, its dose times and how often it is taken."""

    name: str
    times: tuple[int, ...]
    frequency: Frequency = DAILY


def parse_med(text: str) -> MedSpec:
    """``NAME@HH:MM[,HH:MM...][/FREQUENCY]`` -> the name, its dose times and its frequency.

    ``NAME`` alone has no times; ``NAME/FREQUENCY`` has a frequency and no times. The frequency
    is ``daily`` (the default), ``weekly:mon[,thu]`` or ``every:Nd:YYYY-MM-DD`` (see
    journal/frequency.py). A name may hold a "/" itself (dolutegravir/rilpivirine): without
    "@" only a tail that starts like a frequency is read as one. Its errors are about ``med``.
    """
    with about("med"):
        return _med_spec(text)


def _med_spec(text: str) -> MedSpec:
    name, at, times = text.partition("@")
    frequency = DAILY
    if at:
        times, slash, tail = times.partition("/")
        if slash and not tail.strip():
            raise frequency_error(text)
        if slash:
            frequency = parse_frequency(tail)
    else:
        head, slash, tail = name.rpartition("/")
        if slash and is_frequency(tail):
            name, frequency = head, parse_frequency(tail)
    name = name.strip()
    if not name:
        raise InputError(
            N_("Name the medicine: NAME@HH:MM[,HH:MM...][/FREQUENCY], not {spec}."), spec=text
        )
    if not at:
        return MedSpec(name, (), frequency)
    return MedSpec(name, parse_times(times, name), frequency)


def parse_mg(text: str) -> float:
    match = _NUMBER.match(text)
    if match is None:
        raise InputError(N_("{value} is not an amount in mg."), value=text)
    try:
        value = parse_number(match.group(1), AmountUnit.MG)  # 1,000 mg = 1.000 mg; 12,5 mg
    except InputError:
        raise InputError(N_("{value} is not an amount in mg."), value=text) from None
    if not 0 < value <= 10000:
        raise InputError(
            N_("A dose must be above 0 and at most 10,000 mg, not {value}."), value=text
        )
    return value


def parse_take(text: str) -> tuple[float, tuple[int, ...]]:
    """``MG@HH:MM[,HH:MM...]`` -> elemental mg per dose and its times (none: time unknown);
    its errors are about ``take``."""
    amount, at, times = text.partition("@")
    with about("take"):
        mg = parse_mg(amount)
        if not at:
            return mg, ()
        return mg, parse_times(times, "magnesium")
