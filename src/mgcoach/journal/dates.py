"""The days people type: an ISO date, today / yesterday (vandaag / gisteren), or -N days."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..errors import InputError
from ..i18n import N_

WORDS = {"today": 0, "vandaag": 0, "yesterday": 1, "gisteren": 1, "eergisteren": 2}
_OFFSET = re.compile(r"^-(\d{1,4})$")
EARLIEST = date(1900, 1, 1)


def parse_day(text: str | None, today: date) -> date:
    """The day ``text`` names (None: today). A day after today is refused: the journal records
    what happened."""
    if text is None:
        return today
    wanted = text.strip().lower()
    if wanted in WORDS:
        return today - timedelta(days=WORDS[wanted])
    offset = _OFFSET.match(wanted)
    if offset is not None:
        return today - timedelta(days=int(offset.group(1)))
    try:
        day = date.fromisoformat(wanted)
    except ValueError:
        raise InputError(
            N_("{date} is not a date: write YYYY-MM-DD, today, yesterday or -N (days ago)."),
            field="date",
            date=text,
        ) from None
    if day > today:
        raise InputError(
            N_("{date} is in the future: the journal records what happened."),
            field="date",
            date=text,
        )
    if day < EARLIEST:
        raise InputError(N_("{date} is too long ago for a journal entry."), field="date", date=text)
    return day
