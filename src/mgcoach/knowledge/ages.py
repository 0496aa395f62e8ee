"""Age bands as published: half-open intervals in completed months.

Data files write ages as ``6m`` (months) or ``14y`` (years); ``14y``–``19y`` is the band
"14–18 y", from the 14th birthday to the day before the 19th.
"""

from __future__ import annotations

import re

from .records import Record, record

_AGE = re.compile(r"^(\d+)([my])$")
MONTHS_PER_YEAR = 12


def parse_age(text: str) -> int:
    """``"14y"`` -> 168 months, ``"6m"`` -> 6 months."""
    match = _AGE.match(text.strip())
    if match is None:
        raise ValueError(f"age {text!r} is not of the form 6m or 14y")
    number, unit = int(match.group(1)), match.group(2)
    return number * MONTHS_PER_YEAR if unit == "y" else number


@record
class AgeBand(Record):
    """``[from_months, to_months)``; ``to_months`` is None for an open upper end."""

    from_months: int
    to_months: int | None

    @classmethod
    def parse(cls, start: str, end: str) -> AgeBand:
        low = parse_age(start)
        high = parse_age(end) if end.strip() else None
        if high is not None and high <= low:
            raise ValueError(f"age band {start}–{end} is empty")
        return cls(from_months=low, to_months=high)

    def contains(self, age_months: int) -> bool:
        return self.from_months <= age_months and (
            self.to_months is None or age_months < self.to_months
        )
