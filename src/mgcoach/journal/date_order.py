"""How an exported file writes its dates, and the ``--date-order`` a person may give for it.

Apart from the importers (``journal.importers.records`` re-exports both) so that the command
line can offer the option without importing a parser.
"""

from __future__ import annotations

from enum import StrEnum


class DateOrder(StrEnum):
    """How a file writes its dates; decided once per file (``05/03/2024`` is ambiguous alone)."""

    ISO = "iso"
    MONTH_FIRST = "month_first"
    DAY_FIRST = "day_first"


class DateOrderOption(StrEnum):
    """The ``--date-order`` a person gives when a file's dates could be read either way."""

    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"

    @property
    def order(self) -> DateOrder:
        return {
            DateOrderOption.DMY: DateOrder.DAY_FIRST,
            DateOrderOption.MDY: DateOrder.MONTH_FIRST,
            DateOrderOption.YMD: DateOrder.ISO,
        }[self]
