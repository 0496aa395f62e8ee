"""The medicines of the onboarding form: one row per medicine (its name, its times and, when it
is not taken every day, on which weekdays or every how many days), plus the text box of the
older form for pasting a list.

A row's name may hold its times as well ("omeprazole 07:30", "metformin 08:00 and 20:00"): the
engine's medicine parser (engine/clock.py) reads both fields, so the form, the text box, the
API and the CLI accept the same text. "Add another medicine" works without JavaScript: it is a
submit button that shows the form again with one empty row more (onboarding.js adds the row in
place). Each filled row becomes the canonical ``NAME@HH:MM[,HH:MM][/FREQUENCY]`` the profile
service takes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from starlette.datastructures import FormData

from ...engine.clock import format_med, format_time, parse_dose_times, parse_med
from ...engine.names import find_drug
from ...errors import InputError, MgCoachError
from ...i18n import N_, _, translate
from ...journal.frequency import MAX_EVERY_DAYS, WEEKDAY_NAMES, Frequency, parse_frequency
from ...journal.model import PersonProfile
from ...knowledge import KnowledgeBase
from .. import forms

ADD_ROW = "add_row"
"""The name of the "Add another medicine" button."""
MAX_ROWS = 30
"""As many medicines as the profile API takes."""
EMPTY_ROWS = 1
"""Empty rows shown after the medicines (more with "Add another medicine")."""
MIN_ROWS = 2
WEEKDAYS = tuple(names[0] for names in WEEKDAY_NAMES)
WEEKDAY_LABELS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
_ROW_KEY = re.compile(r"^med-(\d{1,4})-")
_WHOLE = re.compile(r"^\d{1,3}$")


@dataclass(frozen=True, slots=True)
class MedRow:
    """One row of the form, as typed."""

    name: str = ""
    times: str = ""
    days: tuple[str, ...] = ()  # weekdays ticked: mon ... sun
    every: str = ""  # every how many days
    start: str = ""  # from which day, YYYY-MM-DD

    @property
    def empty(self) -> bool:
        return not (self.name or self.times or self.days or self.every or self.start)

    @property
    def not_daily(self) -> bool:
        return bool(self.days or self.every or self.start)


def field(index: int, part: str) -> str:
    """The name (and, after "f-", the id) of a row's input: med-0-name, med-2-times, ..."""
    return f"med-{index}-{part}"


def stored_rows(person: PersonProfile | None) -> list[MedRow]:
    """The stored medicines as rows."""
    rows = []
    for med in person.medicines if person is not None else ():
        often = med.frequency
        rows.append(
            MedRow(
                name=med.name,
                times=", ".join(format_time(t) for t in med.times),
                days=often.weekday_names,
                every="" if often.every_days is None else str(often.every_days),
                start="" if often.start is None else often.start.isoformat(),
            )
        )
    return rows


def shown_rows(rows: list[MedRow], *, more: int = EMPTY_ROWS) -> list[MedRow]:
    """``rows`` and ``more`` empty rows (at least ``MIN_ROWS`` in all, at most MAX_ROWS)."""
    total = min(MAX_ROWS, max(MIN_ROWS, len(rows) + more))
    return (rows + [MedRow()] * total)[: max(total, len(rows))]


def rows_posted(form: FormData) -> bool:
    """Did the post come from a form with medicine rows?"""
    return any(_ROW_KEY.match(key) for key in form)


def posted_rows(form: FormData) -> list[MedRow]:
    """The rows of a post, as typed, by their numbers (a missing number is an empty row)."""
    numbers = [int(found[1]) for key in form if (found := _ROW_KEY.match(key))]
    count = min(MAX_ROWS, max(numbers, default=-1) + 1)
    return [_posted_row(form, index) for index in range(count)]


def too_many_rows(form: FormData) -> bool:
    return any(int(found[1]) >= MAX_ROWS for key in form if (found := _ROW_KEY.match(key)))


def _posted_row(form: FormData, index: int) -> MedRow:
    def text(part: str) -> str:
        value = form.get(field(index, part))
        return value.strip() if isinstance(value, str) else ""

    ticked = {v.strip().lower() for v in form.getlist(field(index, "day")) if isinstance(v, str)}
    days = tuple(day for day in WEEKDAYS if day in ticked) + tuple(sorted(ticked - {*WEEKDAYS}))
    return MedRow(
        name=text("name"),
        times=text("times"),
        days=days,
        every=text("every"),
        start=text("start"),
    )


def read_rows(
    kb: KnowledgeBase, rows: list[MedRow], errors: dict[str, str], seen: dict[str, str]
) -> list[str]:
    """Each filled row as ``NAME@HH:MM[,HH:MM][/FREQUENCY]``; a row's errors go on its fields.
    ``seen`` collects the medicines named (slug -> name), so that one is given once."""
    specs = []
    for index, row in enumerate(rows):
        if row.empty:
            continue
        try:
            specs.append(_read_row(kb, index, row, seen))
        except _RowError as problem:
            errors.setdefault(problem.field, problem.text)
    return specs


class _RowError(Exception):
    def __init__(self, field: str, text: str) -> None:
        super().__init__(text)
        self.field, self.text = field, text


def _read_row(kb: KnowledgeBase, index: int, row: MedRow, seen: dict[str, str]) -> str:
    name_field, times_field = field(index, "name"), field(index, "times")
    if not row.name:
        raise _RowError(name_field, _("Name the medicine, or clear this row."))
    try:
        named = parse_med(row.name)
    except MgCoachError as error:
        raise _RowError(name_field, forms.error_text(error)) from None
    times = named.times
    if row.times:
        try:
            more = parse_dose_times(row.times, named.name)
        except MgCoachError as error:
            raise _RowError(times_field, forms.error_text(error)) from None
        if set(more) & set(times):
            raise _RowError(
                times_field,
                translate(N_("{what}: the same time is given twice."), {"what": named.name}),
            )
        times = tuple(sorted({*times, *more}))
    frequency = _row_frequency(index, row, named.frequency)
    try:
        drug = find_drug(kb, named.name)
    except MgCoachError as error:
        raise _RowError(name_field, forms.error_text(error)) from None
    if drug.slug in seen:
        raise _RowError(
            name_field,
            _("{drug} is already on another row: give all its times on one row.").format(
                drug=seen[drug.slug]
            ),
        )
    seen[drug.slug] = named.name
    return format_med(named.name, times, frequency)


def _row_frequency(index: int, row: MedRow, named: Frequency) -> Frequency:
    """How often the row says: its weekdays, every N days from a day, or as its name said."""
    every_field = field(index, "every")
    if row.days and row.every:
        raise _RowError(
            every_field, _("Tick days of the week or give every how many days, not both.")
        )
    if row.start and not row.every:
        raise _RowError(every_field, _("Give every how many days, or clear the start date."))
    if row.days:
        try:
            return parse_frequency("weekly:" + ",".join(row.days))
        except MgCoachError as error:
            raise _RowError(field(index, "days"), forms.error_text(error)) from None
    if not row.every:
        return named
    if not _WHOLE.match(row.every) or not 1 <= int(row.every) <= MAX_EVERY_DAYS:
        raise _RowError(
            every_field,
            _("Give every how many days as a whole number from 1 to {max}.").format(
                max=MAX_EVERY_DAYS
            ),
        )
    start = date.today().isoformat() if not row.start else row.start
    try:
        date.fromisoformat(start)
    except ValueError:
        raise _RowError(field(index, "start"), _("Give the first day as YYYY-MM-DD.")) from None
    try:
        return parse_frequency(f"every:{int(row.every)}d:{start}")
    except InputError as error:
        raise _RowError(every_field, forms.error_text(error)) from None


def row_fields(index: int) -> tuple[str, ...]:
    """A row's error keys, in the page's order."""
    return tuple(field(index, part) for part in ("name", "times", "days", "every", "start"))


def anchor(key: str) -> str:
    """The id of the input an error key is about (a row's weekdays: its Monday box)."""
    if _ROW_KEY.match(key) and key.endswith("-days"):
        return f"f-{key.removesuffix('-days')}-day-mon"
    return f"f-{key}"


# The names of each knowledge base loaded (by id; the base is kept, so its id stays its own).
_NAMES: dict[int, tuple[KnowledgeBase, tuple[tuple[str, str], ...]]] = {}


def _names(kb: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for drug in kb.safety.drugs.values():
        for name in (*drug.names_en, *drug.names_nl):
            found.setdefault(name, "")
        for brand in drug.brand_names:
            found.setdefault(brand, f"{drug.names_en[0]} / {drug.names_nl[0]}")
    return tuple(sorted(found.items(), key=lambda item: item[0].casefold()))


def medicine_names(kb: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    """Every name of a known medicine (English, Dutch and brand names), each with a label: a
    brand's generic names, else empty. For the name fields' suggestions (a <datalist>)."""
    known = _NAMES.get(id(kb))
    if known is None or known[0] is not kb:
        known = _NAMES[id(kb)] = (kb, _names(kb))
    return known[1]
