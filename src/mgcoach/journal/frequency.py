"""How often a medicine is taken: every day, on some weekdays, or every N days.

The syntax people type (after the times of ``--med NAME@HH:MM/FREQUENCY``):

    daily                      every day (the default)
    weekly:mon[,thu...]        on those weekdays: mon tue wed thu fri sat sun, or in Dutch
                               ma di wo do vr za zo (full names too; "wekelijks" for weekly)
    every:Nd:YYYY-MM-DD        every N days, counting from a day it is taken ("elke" for every)

A timing rule of a medicine that is not taken daily protects only the days it is taken on.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from ..errors import InputError
from ..frozen import frozen
from ..i18n import N_
from ..knowledge.records import Text

DAYS_PER_WEEK = 7
MAX_EVERY_DAYS = 365
# Monday first, as date.weekday() counts: the canonical name, then every accepted spelling.
WEEKDAY_NAMES: tuple[tuple[str, ...], ...] = (
    ("mon", "monday", "ma", "maandag"),
    ("tue", "tuesday", "di", "dinsdag"),
    ("wed", "wednesday", "wo", "woensdag"),
    ("thu", "thursday", "do", "donderdag"),
    ("fri", "friday", "vr", "vrijdag"),
    ("sat", "saturday", "za", "zaterdag"),
    ("sun", "sunday", "zo", "zondag"),
)
# How a weekday reads in "on Mondays" / "op maandag".
WEEKDAY_WORDS: tuple[tuple[str, str], ...] = (
    ("Mondays", "maandag"),
    ("Tuesdays", "dinsdag"),
    ("Wednesdays", "woensdag"),
    ("Thursdays", "donderdag"),
    ("Fridays", "vrijdag"),
    ("Saturdays", "zaterdag"),
    ("Sundays", "zondag"),
)
_WEEKDAY = {name: index for index, names in enumerate(WEEKDAY_NAMES) for name in names}
_KEYWORDS = {
    "daily": "daily",
    "dagelijks": "daily",
    "weekly": "weekly",
    "wekelijks": "weekly",
    "every": "every",
    "elke": "every",
}
_EVERY = re.compile(r"^(\d{1,3})\s*d?$")


@frozen(kw_only=True)
class Frequency:
    """Every day, on ``weekdays`` (0 = Monday), or every ``every_days`` days from ``start``."""

    kind: Literal["daily", "weekly", "every"] = "daily"
    weekdays: tuple[int, ...] = ()
    every_days: int | None = None
    start: date | None = None

    def __post_init__(self) -> None:
        # A frequency is read back from its stored spec through parse_frequency, which only
        # builds consistent ones; this guards the code that builds one by hand.
        weekly = self.kind == "weekly"
        every = self.kind == "every"
        if weekly != bool(self.weekdays) or every != (self.every_days is not None):
            raise ValueError(f"a {self.kind} frequency with the wrong fields")
        if every != (self.start is not None):
            raise ValueError("every N days needs a start day, and only it")
        if any(not 0 <= day < DAYS_PER_WEEK for day in self.weekdays):
            raise ValueError("weekdays run from 0 (Monday) to 6 (Sunday)")
        if list(self.weekdays) != sorted(set(self.weekdays)):
            raise ValueError("weekdays are sorted and given once")
        if self.every_days is not None and not 2 <= self.every_days <= MAX_EVERY_DAYS:
            raise ValueError(f"every N days needs N from 2 to {MAX_EVERY_DAYS}")

    @property
    def daily(self) -> bool:
        return self.kind == "daily"

    def applies_on(self, day: date) -> bool:
        """Is the medicine taken on ``day``?"""
        if self.kind == "weekly":
            return day.weekday() in self.weekdays
        if self.kind == "every":
            assert self.start is not None and self.every_days is not None
            return (day - self.start).days % self.every_days == 0
        return True

    @property
    def spec(self) -> str:
        """The canonical text of the syntax (what is stored and exported)."""
        if self.kind == "weekly":
            return "weekly:" + ",".join(WEEKDAY_NAMES[day][0] for day in self.weekdays)
        if self.kind == "every":
            assert self.start is not None
            return f"every:{self.every_days}d:{self.start.isoformat()}"
        return "daily"

    @property
    def weekday_names(self) -> tuple[str, ...]:
        return tuple(WEEKDAY_NAMES[day][0] for day in self.weekdays)

    @property
    def label(self) -> Text:
        """The days in words: "every day", "on Mondays and Thursdays", "every 3 days from
        2026-12-01" (and in Dutch)."""
        if self.kind == "weekly":
            return on_weekdays(self.weekdays)
        if self.kind == "every":
            assert self.start is not None
            start = self.start.isoformat()
            return Text(
                en=f"every {self.every_days} days from {start}",
                nl=f"om de {self.every_days} dagen vanaf {start}",
            )
        return Text(en="every day", nl="elke dag")


def capitalised(text: Text) -> Text:
    """``text`` to start a sentence with."""
    return Text(en=text.en[:1].upper() + text.en[1:], nl=text.nl[:1].upper() + text.nl[1:])


def _listed(words: list[str], conjunction: str) -> str:
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def on_weekdays(weekdays: tuple[int, ...]) -> Text:
    """ "on Mondays and Thursdays" / "op maandag en donderdag"."""
    return Text(
        en="on " + _listed([WEEKDAY_WORDS[day][0] for day in weekdays], "and"),
        nl="op " + _listed([WEEKDAY_WORDS[day][1] for day in weekdays], "en"),
    )


DAILY = Frequency()


def frequency_error(text: str) -> InputError:
    """The error for a frequency that does not parse: it names the accepted forms."""
    return InputError(
        N_(
            "{spec} is not a frequency: write daily, weekly:DAY[,DAY...] with mon … sun or "
            "ma … zo, or every:Nd:YYYY-MM-DD (every N days, counting from that date)."
        ),
        spec=text,
    )


def _weekdays(text: str, whole: str) -> tuple[int, ...]:
    days = set()
    for part in text.split(","):
        day = _WEEKDAY.get(part.strip().lower().rstrip("."))
        if day is None:
            raise frequency_error(whole)
        days.add(day)
    return tuple(sorted(days))


def parse_frequency(text: str | None) -> Frequency:
    """The frequency of ``daily``, ``weekly:DAY[,DAY...]`` or ``every:Nd:YYYY-MM-DD``; empty or
    None is daily. Seven weekdays, or every 1 day, are daily."""
    if text is None or not text.strip():
        return DAILY
    keyword, _colon, rest = text.strip().partition(":")
    kind = _KEYWORDS.get(keyword.strip().lower())
    if kind == "daily" and not rest.strip():
        return DAILY
    if kind == "weekly" and rest.strip():
        weekdays = _weekdays(rest, text)
        if len(weekdays) == DAYS_PER_WEEK:
            return DAILY
        return Frequency(kind="weekly", weekdays=weekdays)
    if kind == "every":
        count, _colon, start = rest.partition(":")
        match = _EVERY.match(count.strip().lower())
        if match is None or not start.strip():
            raise frequency_error(text)
        try:
            first = date.fromisoformat(start.strip())
        except ValueError:
            raise frequency_error(text) from None
        days = int(match.group(1))
        if days == 1:
            return DAILY
        if not 2 <= days <= MAX_EVERY_DAYS:
            raise InputError(
                N_("Every N days needs N from 1 to {max}, not {count}."),
                max=MAX_EVERY_DAYS,
                count=days,
            )
        return Frequency(kind="every", every_days=days, start=first)
    raise frequency_error(text)


def is_frequency(text: str) -> bool:
    """Does ``text`` start like a frequency (a keyword), rather than like part of a name?"""
    keyword = text.strip().partition(":")[0].strip().lower()
    return keyword in _KEYWORDS
