"""What reading a diet app's export yields: the foods and supplements a person logged, as neutral
records the journal can store, and a report of what was read, used, skipped and must be known.

Nutrient values are keyed by ``mgcoach.foods.nutrients.nutrient_keys()``. A value the file does
not give is None (unknown), never 0: a missing magnesium column must not read as a day without
magnesium.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ...foods.nutrients import nutrient_keys
from ...i18n import N_, Plural, msgid, translate
from ..bounds import number

# Re-exported: they live apart so that the CLI offers --date-order without the importers.
from ..date_order import DateOrder as DateOrder
from ..date_order import DateOrderOption as DateOrderOption

NutrientValues = Mapping[str, float | None]
MAX_EXAMPLES = 10

# More than this in one row (a serving, a meal or a whole day) is a typing slip or a unit
# mix-up, not food: the journal's bounds (journal/data/bounds.toml) say how much, with why.
PLAUSIBLE_MAX: dict[str, float] = {key: number(key).high for key in nutrient_keys()}
PLAUSIBLE_MAX_PERCENT = number("percent_dv").high  # % Daily Value in one row


def all_nutrients(values: NutrientValues) -> dict[str, float | None]:
    """Every nutrient key; those ``values`` lacks (the file has no such column) are None."""
    return {key: values.get(key) for key in nutrient_keys()}


class Origin(StrEnum):
    CRONOMETER = "cronometer"
    MYFITNESSPAL = "myfitnesspal"


class FoodKind(StrEnum):
    """A food eaten, or a total that stands for the foods of a day or a meal."""

    FOOD = "food"
    DAY_TOTAL = "day_total"
    MEAL_TOTAL = "meal_total"


class ExportKind(StrEnum):
    """Which export a file is, as recognised from its header row."""

    CRONOMETER_SERVINGS = "cronometer_servings"
    CRONOMETER_DAILY = "cronometer_daily"
    MYFITNESSPAL = "myfitnesspal"


# What each export is called where a person reads it.
KIND_NAMES: dict[ExportKind, str] = {
    ExportKind.CRONOMETER_SERVINGS: N_("Cronometer servings"),
    ExportKind.CRONOMETER_DAILY: N_("Cronometer daily nutrition"),
    ExportKind.MYFITNESSPAL: N_("MyFitnessPal nutrition summary"),
}


class SkipReason(StrEnum):
    """Why a row became no record (the slug is stable: the JSON output uses it)."""

    MALFORMED_ROW = "malformed_row"
    UNREADABLE_DATE = "unreadable_date"
    UNREADABLE_VALUE = "unreadable_value"
    IMPOSSIBLE_VALUE = "impossible_value"
    NO_NAME = "no_name"
    NOTHING_LOGGED = "nothing_logged"
    DUPLICATE_DAY = "duplicate_day"
    FUTURE_DAY = "future_day"
    DATE_OUT_OF_RANGE = "date_out_of_range"
    BAD_TEXT = "bad_text"
    OUT_OF_BOUNDS = "out_of_bounds"


# The English msgids the CLI and web translate when they show a reason.
REASON_MESSAGES: dict[SkipReason, str] = {
    SkipReason.MALFORMED_ROW: N_("wrong number of fields"),
    SkipReason.UNREADABLE_DATE: N_("unreadable date"),
    SkipReason.UNREADABLE_VALUE: N_("unreadable nutrient value"),
    SkipReason.IMPOSSIBLE_VALUE: N_("impossible nutrient value"),
    SkipReason.NO_NAME: N_("no food or meal name"),
    SkipReason.NOTHING_LOGGED: N_("a day with nothing logged"),
    SkipReason.DUPLICATE_DAY: N_("a second total for the same day"),
    SkipReason.FUTURE_DAY: N_("a day in the future"),
    SkipReason.DATE_OUT_OF_RANGE: N_("a date before 1900 or after 2100"),
    SkipReason.BAD_TEXT: N_("a text that is too long or holds control characters"),
    SkipReason.OUT_OF_BOUNDS: N_("a value outside what the journal can hold"),
}


@dataclass(frozen=True, slots=True)
class ExternalFood:
    """One eaten food, or a total that stands for several (a Cronometer day, a MyFitnessPal meal).

    ``counted`` is False for a food listed for the record only, because a day total carries that
    day's nutrients. ``extra`` holds values that are no amounts, e.g. ``calcium_pct_dv``.
    ``line`` is 1-based in ``file`` (the header is line 1). ``category`` is the app's food
    category (Cronometer's "Supplements" holds protein powders too); ``note`` is the row's own
    note (MyFitnessPal's Note column).
    """

    day: date
    time: int | None
    name: str
    amount_text: str
    grams: float | None
    nutrients: dict[str, float | None]
    kind: FoodKind
    counted: bool
    origin: Origin
    meal: str | None
    extra: dict[str, float]
    line: int
    file: str
    category: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ExternalSupplement:
    """A magnesium supplement from Cronometer's "Supplements" group: a compound Mg Coach knows
    (``compound`` is its slug) or a name with magnesium and no energy. ``magnesium_mg`` is the
    elemental magnesium the row states; every other row of that group is an ExternalFood."""

    day: date
    time: int | None
    name: str
    amount_text: str
    magnesium_mg: float | None
    nutrients: dict[str, float | None]
    origin: Origin
    line: int
    file: str
    compound: str | None = None


@dataclass(frozen=True, slots=True)
class SkipExample:
    """One skipped row: where it is (file, line) and why, with the cell that was at fault."""

    file: str
    line: int
    reason: SkipReason
    detail: str = ""


@dataclass(slots=True)
class FileReport:
    """What happened to one file. Invariant once read: ``read == used + ignored + skipped``.

    ``ignored`` rows were fine but stand for what other rows already give (a Cronometer daily
    total of a day whose servings are counted).
    """

    file: str
    kind: ExportKind
    encoding: str
    date_order: DateOrder
    read: int = 0
    used: int = 0
    ignored: int = 0
    skipped: Counter[SkipReason] = field(default_factory=Counter)
    examples: list[SkipExample] = field(default_factory=list)

    def skip(self, reason: SkipReason, *, line: int, detail: str = "") -> None:
        """Count one skipped row; keep it as an example while there are fewer than ten."""
        self.skipped[reason] += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(SkipExample(self.file, line, reason, detail))

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary; the ``*_text`` values are in the current language."""
        return {
            "file": self.file,
            "kind": self.kind.value,
            "kind_text": translate(KIND_NAMES[self.kind]),
            "encoding": self.encoding,
            "date_order": self.date_order.value,
            "read": self.read,
            "used": self.used,
            "ignored": self.ignored,
            "skipped_total": self.skipped_total,
            "skipped": {reason.value: count for reason, count in sorted(self.skipped.items())},
            "skipped_text": {
                translate(REASON_MESSAGES[reason]): count
                for reason, count in sorted(self.skipped.items())
            },
            "examples": [
                {
                    "file": e.file,
                    "line": e.line,
                    "reason": e.reason.value,
                    "reason_text": translate(REASON_MESSAGES[e.reason]),
                    "detail": e.detail,
                }
                for e in self.examples
            ],
        }


NoteParam = str | int | float


@dataclass(frozen=True, slots=True)
class Note:
    """Something the user must know about the import: a stable code, an English msgid with
    ``{name}`` placeholders (translated at the edge) and its parameters."""

    code: str
    message: str | Plural
    params: dict[str, NoteParam]

    @property
    def text(self) -> str:
        """The message in the current language."""
        return translate(self.message, self.params)


@dataclass(slots=True)
class ExternalReport:
    """The files read, in the order given, and the notes of the whole import."""

    files: list[FileReport] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def note(self, code: str, message: str | Plural, **params: NoteParam) -> None:
        self.notes.append(Note(code, message, params))

    def codes(self) -> list[str]:
        return [note.code for note in self.notes]

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary (slugs for kinds and reasons, plain objects for the rest)."""
        return {
            "files": [report.as_dict() for report in self.files],
            "notes": [
                {
                    "code": n.code,
                    "message": msgid(n.message),
                    "params": dict(n.params),
                    "text": n.text,
                }
                for n in self.notes
            ],
        }


@dataclass(slots=True)
class ExternalImport:
    """Everything read from one set of export files."""

    foods: list[ExternalFood]
    supplements: list[ExternalSupplement]
    report: ExternalReport
