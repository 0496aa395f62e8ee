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


# -- a medicine as people type it ----------------------------------------------------------
#
# The canonical form is NAME@HH:MM[,HH:MM...][/FREQUENCY]. Without "@", the times may follow
# the name after a space ("omeprazole 07:30", "Omeprazol 7:30", "levothyroxine 7u30",
# "metformin 08:00 and 20:00", "omeprazol om 7u30"): only a tail of clear clock times counts,
# each with its minutes ("7:30", "07.30", "7u30", "8h00"), an hour mark ("7u", "8h", "7 uur")
# or am/pm ("8am", "7:30 pm"), so that a dose ("aspirin 80") or a number in a name
# ("vitamin d3", "omega 3") is never read as a time.

# One clock time that cannot be anything else.
_CLEAR_TIME = r"\d{1,2}(?:[:.hu]\d{2}|(?:[:.]\d{2})?\s*[ap]\.?m\.?|\s*(?:uur|u|h)(?![a-z]))"
# Between times: a comma, a semicolon, "&", "+", "and" / "en", or only a space.
_BETWEEN = r"(?:\s*[,;&+]\s*|\s+(?:and|en)\s+|\s+)"
_TIMES_TAIL = re.compile(
    rf"(?:^|(?<=[\s,;:@]))(?P<times>{_CLEAR_TIME}(?:{_BETWEEN}{_CLEAR_TIME})*)\s*$", re.I
)
_CLEAR = re.compile(rf"{_CLEAR_TIME}$", re.I)
_SEPARATOR = re.compile(r"\s*[,;&+]\s*|\s+(?:and|en)\s+", re.I)
# "7 uur", "8 am": the mark joined to its number, so that a space does not part them.
_MARK = re.compile(r"(\d)\s+(uur|u|h|[ap]\.?m\.?)(?![a-z])", re.I)
_AM_PM = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?([ap])\.?m\.?$", re.I)
_UUR = re.compile(r"(?<=\d)uur$", re.I)
# What may stand between a name and its times: "omeprazole - 07:30", "omeprazol om 7u30".
_NAME_END = re.compile(r"(?:[\s,;:@\u2013-]|(?<=\s)(?:at|om)(?![a-z]))+$", re.I)


def _clock(text: str) -> int:
    """One clock time: what ``parse_time`` reads, and "8am", "7:30 pm", "7 uur"."""
    token = text.strip()
    am_pm = _AM_PM.match(token)
    if am_pm is None:
        return parse_time(_UUR.sub("", token))
    hours, minutes = int(am_pm.group(1)), int(am_pm.group(2) or 0)
    if not (1 <= hours <= 12 and minutes < 60):
        return parse_time(token)  # its error
    return (hours % 12 + (12 if am_pm.group(3).lower() == "p" else 0)) * 60 + minutes


def parse_dose_times(text: str, what: str) -> tuple[int, ...]:
    """The clock times of a medicine as typed: "08:00,20:00", "8:00 and 20:00", "7u30 19u30",
    "8am; 8pm"; sorted. A part between separators is one time unless it is clear times parted
    by spaces ("08:00 20:00"), so "08 00" is no time rather than two. The same time twice, or
    an empty part, is an error."""
    joined = _MARK.sub(r"\1\2", text.strip())
    parts = _SEPARATOR.split(joined)
    if not joined or any(not part.strip() for part in parts):
        raise InputError(N_("Give the times of {what} as HH:MM[,HH:MM...]."), what=what)
    tokens: list[str] = []
    for part in parts:
        words = part.split()
        tokens.extend(words if all(_CLEAR.match(w) for w in words) else [part])
    times = tuple(_clock(token) for token in tokens)
    if len(set(times)) != len(times):
        raise InputError(N_("{what}: the same time is given twice."), what=what)
    return tuple(sorted(times))


def format_med(name: str, times: tuple[int, ...], frequency: Frequency = DAILY) -> str:
    """The canonical ``NAME@HH:MM[,HH:MM...][/FREQUENCY]`` that ``parse_med`` reads back."""
    text = f"{name}@{','.join(format_time(t) for t in times)}" if times else name
    return text if frequency.daily else f"{text}/{frequency.spec}"


def parse_med(text: str) -> MedSpec:
    """A medicine as typed -> the name, its dose times and its frequency.

    ``NAME@HH:MM[,HH:MM...][/FREQUENCY]`` is the canonical form (``format_med``); ``NAME``
    alone has no times and ``NAME/FREQUENCY`` a frequency and no times. The frequency is
    ``daily`` (the default), ``weekly:mon[,thu]`` or ``every:Nd:YYYY-MM-DD`` (see
    journal/frequency.py). Without "@", clear clock times at the end are the times
    ("omeprazole 07:30", "metformin 08:00 and 20:00"), and a frequency may follow them after a
    space as well as after "/". A name may hold a "/" itself (dolutegravir/rilpivirine):
    without "@" only a tail that starts like a frequency is read as one. Its errors are about
    ``med``.
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
        name, frequency = _frequency_tail(name)
        found = _TIMES_TAIL.search(name)
        if found is not None:
            name, at, times = _NAME_END.sub("", name[: found.start()]), "@", found["times"]
    name = name.strip()
    if not name:
        raise InputError(
            N_("Name the medicine: NAME@HH:MM[,HH:MM...][/FREQUENCY], not {spec}."), spec=text
        )
    if not at:
        return MedSpec(name, (), frequency)
    return MedSpec(name, parse_dose_times(times, name), frequency)


def _frequency_tail(text: str) -> tuple[str, Frequency]:
    """A frequency after the last "/" or, after something else, the last space."""
    head, slash, tail = text.rpartition("/")
    if slash and is_frequency(tail):
        return head, parse_frequency(tail)
    head, space, tail = text.strip().rpartition(" ")
    if space and head.strip() and is_frequency(tail):
        return head, parse_frequency(tail)
    return text, DAILY


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
