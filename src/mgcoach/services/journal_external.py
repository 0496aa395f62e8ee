"""Cronometer and MyFitnessPal history into a profile's journal, in one transaction.

journal/importers reads and combines the files; this writes their records as entries with
``origin`` cronometer or myfitnesspal so that every number lands once, whatever the order of
the files and however many commands they come in:

- An entry's identity is its export and day, not its values. Each export (Cronometer servings,
  Cronometer daily totals, MyFitnessPal) stands for whole days: importing it replaces what the
  same export gave before for each day it covers, so a corrected or longer export replaces, and
  a day whose entries are the same is left as it is (the same file twice changes nothing).
  Entries typed by hand, and those of another export or source, are never touched.
- Which imported entries count is decided per day by one rule (``counted_by_export``) over
  everything imported for that day, old and new: servings with magnesium shadow Cronometer's
  daily total, and Cronometer shadows MyFitnessPal, as ``read_export`` decides within one
  command. A shadowed entry is kept, marked not counted.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..journal.bounds import entry_problems
from ..journal.importers import (
    DateOrder,
    ExportKind,
    ExternalFood,
    ExternalReport,
    ExternalSupplement,
    FoodKind,
    Origin,
    SkipReason,
    read_export,
)
from ..journal.model import Entry, FoodEntry, SupplementEntry
from ..storage import journal as store
from ..storage import journal_bulk as bulk
from ..storage.database import Connection, Database
from .journal import require_profile

SOURCES = tuple(origin.value for origin in Origin)
Imported = FoodEntry | SupplementEntry


@dataclass(frozen=True, slots=True)
class ExternalResult:
    """What an import did. ``foods`` and ``supplements`` were written (new or replacing);
    ``replaced`` earlier imported entries on ``replaced_days`` days gave way to them;
    ``already_imported`` were the same in the files and left as they are; ``shadowed`` imported
    entries stopped counting (or were written not counted) because another export gives their
    day's nutrients."""

    profile: str
    foods: int
    supplements: int
    already_imported: int
    supplements_without_magnesium: int
    days: int
    report: ExternalReport
    replaced: int = 0
    replaced_days: int = 0
    shadowed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.foods or self.supplements or self.replaced or self.shadowed)

    def as_dict(self) -> dict[str, Any]:
        report = self.report.as_dict()  # each note with its "text" in the current language
        return {
            "profile": self.profile,
            "imported": self.foods + self.supplements,
            "foods": self.foods,
            "supplements": self.supplements,
            "already_imported": self.already_imported,
            "replaced": {"entries": self.replaced, "days": self.replaced_days},
            "shadowed": self.shadowed,
            "changed": self.changed,
            "supplements_without_magnesium": self.supplements_without_magnesium,
            "days": self.days,
            "report": report,
        }


@dataclass(slots=True)
class _Item:
    """One imported entry of a day, stored (its ``entry.id``) or about to be written (id 0)."""

    export: ExportKind
    entry: Imported

    @property
    def day(self) -> date:
        return self.entry.day

    @property
    def entry_id(self) -> int:
        return self.entry.id

    @property
    def counted(self) -> bool:
        return not isinstance(self.entry, FoodEntry) or self.entry.counted

    def signature(self) -> tuple[Any, ...]:
        """What the export said: equal signatures are the same entry. Whether it counts is
        decided here, not read."""
        values = tuple(v for k, v in self.entry.fields().items() if k != "counted")
        return (self.entry.kind, self.entry.time, self.entry.note, values)


@dataclass(slots=True)
class _Plan:
    """What one import writes, deletes and re-marks, and the counts it reports."""

    write: list[_Item] = field(default_factory=list)
    delete: list[int] = field(default_factory=list)
    recount: dict[int, bool] = field(default_factory=dict)
    unchanged: int = 0
    replaced: int = 0
    replaced_days: set[date] = field(default_factory=set)
    shadowed: int = 0


def export_of(origin: str, item_kind: str | None) -> ExportKind:
    """Which export an imported entry came from: MyFitnessPal's, or Cronometer's daily totals
    (its ``day_total`` rows) or servings (every other food and supplement)."""
    if origin == Origin.MYFITNESSPAL:
        return ExportKind.MYFITNESSPAL
    if item_kind == FoodKind.DAY_TOTAL:
        return ExportKind.CRONOMETER_DAILY
    return ExportKind.CRONOMETER_SERVINGS


def counted_by_export(items: Iterable[_Item]) -> dict[ExportKind, bool]:
    """Whether each export's foods count on a day, given everything imported for that day.

    Cronometer's servings count when they carry magnesium (a value on any food, or a
    supplement) or when the day has no daily total; otherwise the daily total counts, and the
    servings are listed only. MyFitnessPal counts only on a day Cronometer does not cover.
    """
    exports: set[ExportKind] = set()
    servings_magnesium = False
    for item in items:
        exports.add(item.export)
        if item.export is ExportKind.CRONOMETER_SERVINGS and (
            not isinstance(item.entry, FoodEntry) or item.entry.magnesium_mg is not None
        ):
            servings_magnesium = True
    servings = servings_magnesium or ExportKind.CRONOMETER_DAILY not in exports
    cronometer = bool(exports - {ExportKind.MYFITNESSPAL})
    return {
        ExportKind.CRONOMETER_SERVINGS: servings,
        ExportKind.CRONOMETER_DAILY: not servings,
        ExportKind.MYFITNESSPAL: not cronometer,
    }


def _food_entry(item: ExternalFood) -> FoodEntry:
    return FoodEntry(
        day=item.day,
        time=item.time,
        origin=item.origin.value,
        note=item.note,
        name=item.name,
        amount_text=item.amount_text,
        grams=item.grams,
        item_kind=item.kind.value,
        counted=item.counted,
        meal=item.meal,
        extra=json.dumps(item.extra, sort_keys=True) if item.extra else None,
        nutrients=item.nutrients,
    )


def _supplement_entry(item: ExternalSupplement, magnesium_mg: float) -> SupplementEntry:
    return SupplementEntry(
        day=item.day,
        time=item.time,
        origin=item.origin.value,
        name=item.name,
        compound=item.compound,
        label=item.amount_text or None,
        elemental_mg=magnesium_mg,
        given_as="import",
    )


def _in_bounds(entry: Imported, file: str, line: int, report: ExternalReport) -> bool:
    """Whether ``entry`` is within the journal's bounds (journal/bounds.py); one that is not is
    skipped and reported on its file's line, like any other row that cannot be used."""
    problems = entry_problems(entry)
    if not problems:
        return True
    found = next((f for f in report.files if f.file == file), None)
    if found is not None:
        if found.used > 0:
            found.used -= 1
        elif found.ignored > 0:
            found.ignored -= 1
        else:
            found.read += 1
        found.skip(SkipReason.OUT_OF_BOUNDS, line=line, detail=str(problems[0]))
    return False


def _new_items(
    foods: Sequence[ExternalFood],
    supplements: Sequence[ExternalSupplement],
    report: ExternalReport | None = None,
) -> tuple[list[_Item], int]:
    """The records as entries to write, and how many supplements had no magnesium to store.
    A record outside the journal's bounds is skipped and reported in ``report``."""
    report = report or ExternalReport()
    items = [
        _Item(export_of(food.origin, food.kind), entry)
        for food in foods
        if _in_bounds(entry := _food_entry(food), food.file, food.line, report)
    ]
    without_magnesium = 0
    for supplement in supplements:
        if supplement.magnesium_mg is None:
            without_magnesium += 1
            continue
        export = export_of(supplement.origin.value, None)
        taken = _supplement_entry(supplement, supplement.magnesium_mg)
        if _in_bounds(taken, supplement.file, supplement.line, report):
            items.append(_Item(export, taken))
    return items, without_magnesium


def _stored_item(stored: Entry) -> _Item:
    assert isinstance(stored, FoodEntry | SupplementEntry)  # what bulk.entries_from reads
    item_kind = stored.item_kind if isinstance(stored, FoodEntry) else None
    return _Item(export_of(stored.origin, item_kind), stored)


def _plan(new: Sequence[_Item], stored: Sequence[_Item]) -> _Plan:
    """Per export and day, the export's new entries replace its stored ones: a stored entry
    equal to a new one stays as it is (its id too), the others go, the rest is written. Then
    what counts is decided anew on every day touched."""
    plan = _Plan()
    incoming: dict[tuple[ExportKind, date], list[_Item]] = defaultdict(list)
    for item in new:
        incoming[item.export, item.day].append(item)
    before: dict[tuple[ExportKind, date], dict[tuple[Any, ...], list[_Item]]] = defaultdict(dict)
    for item in stored:
        before[item.export, item.day].setdefault(item.signature(), []).append(item)
    kept: dict[date, list[_Item]] = defaultdict(list)
    for (export, day), same in before.items():
        if (export, day) not in incoming:  # another export's entries of a day this one covers
            kept[day] += [item for items in same.values() for item in items]
    for (export, day), items in incoming.items():
        old = before.get((export, day), {})
        for item in items:
            match = old.get(item.signature())
            if match:
                kept[day].append(match.pop())
                plan.unchanged += 1
            else:
                plan.write.append(item)
                kept[day].append(item)
        gone = [item.entry_id for same in old.values() for item in same if item.entry_id]
        if gone:
            plan.delete += gone
            plan.replaced += len(gone)
            plan.replaced_days.add(day)
    for items in kept.values():
        rule = counted_by_export(items)
        for item in items:
            if not isinstance(item.entry, FoodEntry) or item.counted == rule[item.export]:
                continue
            plan.shadowed += item.counted  # counted until now (or as read), not any more
            if not item.entry_id:
                item.entry = replace(item.entry, counted=rule[item.export])
            else:
                plan.recount[item.entry_id] = rule[item.export]
    return plan


def _apply(connection: Connection, profile_id: int, plan: _Plan) -> None:
    bulk.delete_entries(connection, plan.delete)
    bulk.set_counted(connection, plan.recount)
    bulk.add_entries(connection, profile_id, [item.entry for item in plan.write])


def import_external(
    db: Database,
    profile: str,
    paths: list[Path],
    owner: str = store.LOCAL_USER,
    today: date | None = None,
    date_order: DateOrder | None = None,
) -> ExternalResult:
    """Read the export files into ``profile``, replacing what the same exports gave before for
    the days they cover; all or nothing. ``date_order`` is the person's ``--date-order``."""
    data = read_export(paths, today=today or date.today(), date_order=date_order)
    new, without_magnesium = _new_items(data.foods, data.supplements, data.report)
    days = {item.day for item in new}
    with db.begin() as connection:
        person = require_profile(connection, profile, owner)
        assert person.id is not None
        bulk.lock_profile(connection, person.id)
        stored = bulk.entries_from(connection, person.id, SOURCES, days)
        plan = _plan(new, [_stored_item(e) for e in stored])
        _apply(connection, person.id, plan)
    written = Counter(item.entry.kind for item in plan.write)
    return ExternalResult(
        profile,
        foods=written["food"],
        supplements=written["supplement"],
        already_imported=plan.unchanged,
        supplements_without_magnesium=without_magnesium,
        days=len(days),
        report=data.report,
        replaced=plan.replaced,
        replaced_days=len(plan.replaced_days),
        shadowed=plan.shadowed,
    )
