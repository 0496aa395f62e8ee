"""Cronometer and MyFitnessPal history into a profile's journal, in one transaction.

journal/importers reads and combines the files; this writes their records as entries with
``origin`` cronometer or myfitnesspal. Each entry's uid is derived from what the row says (and
how many identical rows came before it), so importing the same files again adds nothing: the
entries already there are counted as ``already_imported``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..contract.common import number
from ..i18n import translate
from ..journal.importers import ExternalFood, ExternalReport, ExternalSupplement, read_export
from ..storage import journal as store
from ..storage.database import Database
from .journal import require_profile


@dataclass(frozen=True, slots=True)
class ExternalResult:
    profile: str
    foods: int
    supplements: int
    already_imported: int
    supplements_without_magnesium: int
    days: int
    report: ExternalReport

    def as_dict(self) -> dict[str, Any]:
        report = self.report.as_dict()
        for note in report["notes"]:  # type: ignore[attr-defined]
            note["text"] = translate(note["message"], note["params"])
        return {
            "profile": self.profile,
            "imported": self.foods + self.supplements,
            "foods": self.foods,
            "supplements": self.supplements,
            "already_imported": self.already_imported,
            "supplements_without_magnesium": self.supplements_without_magnesium,
            "days": self.days,
            "report": report,
        }


def _uid(seen: Counter[str], *parts: object) -> str:
    key = json.dumps([str(p) for p in parts], ensure_ascii=False)
    seen[key] += 1
    return hashlib.sha256(f"{key}#{seen[key]}".encode()).hexdigest()[:32]


def _food_detail(item: ExternalFood) -> dict[str, Any]:
    return {
        "food_id": None,
        "name": item.name,
        "name_nl": None,
        "amount_text": item.amount_text,
        "grams": item.grams,
        "item_kind": item.kind.value,
        "counted": item.counted,
        "meal": item.meal,
        "extra": json.dumps(item.extra, sort_keys=True) if item.extra else None,
        **item.nutrients,
    }


def _supplement_detail(item: ExternalSupplement) -> dict[str, Any]:
    return {
        "name": item.name,
        "compound": None,
        "label": item.amount_text or None,
        "dose_mg": None,
        "elemental_mg": item.magnesium_mg,
        "given_as": "import",
    }


def import_external(
    db: Database,
    profile: str,
    paths: list[Path],
    owner: str = store.LOCAL_USER,
    today: date | None = None,
) -> ExternalResult:
    """Read the export files and add their records to ``profile``; all or nothing."""
    data = read_export(paths, today=today or date.today())
    seen: Counter[str] = Counter()
    foods = supplements = already = no_magnesium = 0
    days: set[date] = set()
    with db.begin() as connection:
        person = require_profile(connection, profile, owner)
        assert person.id is not None
        rows: list[tuple[str, str, date, int | None, str, dict[str, Any]]] = []
        for food in data.foods:
            nutrients = [number(food.nutrients.get(k), 6) for k in sorted(food.nutrients)]
            uid = _uid(
                seen, food.origin, food.kind, food.day, food.time, food.name, food.amount_text,
                food.meal, food.counted, nutrients,
            )  # fmt: skip
            rows.append((uid, food.origin.value, food.day, food.time, "food", _food_detail(food)))
            days.add(food.day)
        for item in data.supplements:
            if item.magnesium_mg is None:
                no_magnesium += 1
                continue
            uid = _uid(
                seen, item.origin, "supplement", item.day, item.time, item.name,
                item.amount_text, number(item.magnesium_mg, 6),
            )  # fmt: skip
            detail = _supplement_detail(item)
            rows.append((uid, item.origin.value, item.day, item.time, "supplement", detail))
            days.add(item.day)
        for uid, origin, day, time, kind, detail in rows:
            if store.entry_by_uid(connection, uid) is not None:
                already += 1
                continue
            store.add_entry(
                connection,
                person.id,
                kind=kind,
                day=day,
                time=time,
                detail=detail,
                origin=origin,
                uid=uid,
            )
            if kind == "food":
                foods += 1
            else:
                supplements += 1
    return ExternalResult(
        profile, foods, supplements, already, no_magnesium, len(days), data.report
    )
