"""What an import did: how many foods it read, yielded and skipped (by reason), with a few
examples the user can look up in the file.

Invariant: ``read == yielded + skipped_total`` once the reader is exhausted. A skipped row is
not an error: the file is fine, the row is merely unusable (no name, no nutrient values, a
duplicate). Errors that make the file unreadable raise ``ImportFileError`` instead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from ...i18n import N_

MAX_EXAMPLES = 10


class SkipReason(StrEnum):
    """Why a row did not become a food (the slug is stable: the JSON output uses it)."""

    NO_NAME = "no_name"
    NO_NUTRIENTS = "no_nutrients"
    DUPLICATE = "duplicate"
    BAD_CODE = "bad_code"
    MALFORMED_ROW = "malformed_row"
    UNREADABLE_VALUE = "unreadable_value"
    IMPOSSIBLE_VALUE = "impossible_value"
    DATA_QUALITY = "data_quality_error"
    WATER_PER_LITRE = "water_magnesium_per_litre"


# The English msgids the CLI and web translate when they show a reason.
REASON_MESSAGES: dict[SkipReason, str] = {
    SkipReason.NO_NAME: N_("no name"),
    SkipReason.NO_NUTRIENTS: N_("no nutrient values"),
    SkipReason.DUPLICATE: N_("listed twice"),
    SkipReason.BAD_CODE: N_("missing or unusable code"),
    SkipReason.MALFORMED_ROW: N_("wrong number of fields"),
    SkipReason.UNREADABLE_VALUE: N_("unreadable nutrient value"),
    SkipReason.IMPOSSIBLE_VALUE: N_("impossible nutrient value"),
    SkipReason.DATA_QUALITY: N_("Open Food Facts itself marks its nutrition data as wrong"),
    SkipReason.WATER_PER_LITRE: N_(
        "a water with more than 50 mg magnesium per 100 ml: almost always the value per litre "
        "typed as per 100 ml"
    ),
}


@dataclass(frozen=True, slots=True)
class SkipExample:
    """One skipped row: where it is (file, line) and why, with a short detail (the fdc_id or
    barcode)."""

    file: str
    line: int
    reason: SkipReason
    detail: str = ""


@dataclass(slots=True)
class ImportReport:
    """Counts of one import; readers fill it while the caller consumes their foods."""

    read: int = 0
    yielded: int = 0
    skipped: Counter[SkipReason] = field(default_factory=Counter)
    examples: list[SkipExample] = field(default_factory=list)

    def skip(self, reason: SkipReason, *, file: str, line: int, detail: str = "") -> None:
        """Count one skipped row; keep it as an example while there are fewer than ten."""
        self.skipped[reason] += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(SkipExample(file, line, reason, detail))

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary (reason slugs as keys, examples as plain objects)."""
        return {
            "read": self.read,
            "yielded": self.yielded,
            "skipped": {reason.value: count for reason, count in sorted(self.skipped.items())},
            "examples": [
                {"file": e.file, "line": e.line, "reason": e.reason.value, "detail": e.detail}
                for e in self.examples
            ],
        }
