"""Export of a whole journal: JSON that loses nothing, and one CSV per table.

The JSON holds every profile with its medicines and entries (each with its ``uid``, times and
stored values exactly as in the database), the user's own foods and recipes, and the food-use
counts that rank search results. Importing it (``journal_transfer.py``) into an empty journal
and exporting again gives the same document (only ``exported_at`` differs):
tests/journal/test_transfer.py proves it.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from typing_extensions import TypedDict

from ..errors import InputError
from ..foods.model import Food
from ..i18n import N_
from ..journal.model import Entry, PersonProfile
from ..storage import favourites as favourite_store
from ..storage import journal as store
from ..storage import recipes, transfer
from ..storage.database import Connection, Database
from ..storage.favourites import StoredFavourite
from ..storage.foods import get_foods
from .experiment_transfer import ExportExperiment, export_experiments

FORMAT = "mgcoach-journal"
VERSION = 1


class ExportEntry(TypedDict):
    """One entry, as stored."""

    uid: str
    """Its id across exports."""
    kind: str
    """food, supplement, medication, symptom, sleep, training, lab, weight or note."""
    date: str
    """The day, YYYY-MM-DD."""
    time: int | None
    """Minutes after midnight."""
    origin: str
    """Where it was logged."""
    note: str | None
    """A free note."""
    created_at: str | None
    """When it was logged (ISO 8601, UTC)."""
    updated_at: str | None
    """When it was last changed (ISO 8601, UTC)."""
    detail: dict[str, object]
    """The kind's own stored values."""


class ExportMedicine(TypedDict):
    """A medicine of a profile."""

    name: str
    """As named."""
    times: list[int]
    """Its times, minutes after midnight."""
    frequency: str
    """daily, weekly:mon,... or every:Nd:YYYY-MM-DD."""


class ExportFavourite(TypedDict):
    """A favourite food of a profile."""

    food_id: str
    """The food's id (an own food's id as in ``foods``)."""
    amount: str
    """The amount it is logged with, as typed."""
    meal: str | None
    """The meal it goes in."""


class ExportProfile(TypedDict):
    """A profile with its medicines and entries."""

    name: str
    """The profile's name."""
    sex: str
    """female or male."""
    age_years: float
    """Age in years on age_on."""
    age_on: str
    """The day the age was given, YYYY-MM-DD."""
    system: str
    """us, efsa, nl, uk or dach."""
    pregnant: bool
    """Pregnant."""
    lactating: bool
    """Breastfeeding."""
    weight_kg: float | None
    """Body weight."""
    height_cm: float | None
    """Height."""
    egfr: float | None
    """eGFR in mL/min/1.73 m²."""
    dialysis: bool
    """On dialysis."""
    activity: str | None
    """Activity level."""
    medications: list[ExportMedicine]
    """The medicines."""
    reasons: list[str]
    """Why the person came: cramps, soreness, poor_sleep, check_intake (an export made before
    reasons existed has none)."""
    created_at: str | None
    """When it was made (ISO 8601, UTC)."""
    updated_at: str | None
    """When it was last changed (ISO 8601, UTC)."""
    entries: list[ExportEntry]
    """Every entry."""
    favourites: list[ExportFavourite]
    """The favourite foods, the first saved first (an export made before favourites existed
    has none)."""
    experiments: list[ExportExperiment]
    """The N-of-1 experiments, the first started first (an export made before experiments
    existed has none)."""


class ExportFoodUse(TypedDict):
    """How often a food was looked up (ranks search results)."""

    food_id: str
    """The food's id."""
    uses: int
    """How many times."""
    last_used: str | None
    """When last (ISO 8601, UTC)."""


class ExportDocument(TypedDict):
    """A whole journal as one document (``mgcoach export FILE``): importing it into an empty
    journal and exporting again gives the same document, only ``exported_at`` differs."""

    format: str
    """Always mgcoach-journal."""
    version: int
    """The document's version (1)."""
    exported_at: str
    """When it was written (ISO 8601, UTC)."""
    profiles: list[ExportProfile]
    """Every profile with its medicines and entries."""
    foods: list[dict[str, object]]
    """The user's own foods and recipes, every field of a food."""
    recipe_ingredients: list[dict[str, object]]
    """The recipes' ingredient lines (recipe_id, seq, food_id, amount_text, grams)."""
    food_usage: list[ExportFoodUse]
    """The food-use counts."""


for _shape in (
    ExportEntry,
    ExportFavourite,
    ExportMedicine,
    ExportProfile,
    ExportFoodUse,
    ExportDocument,
):
    _shape.__pydantic_config__ = {"use_attribute_docstrings": True}  # type: ignore[union-attr]


def _stamp(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def _profile_json(
    person: PersonProfile, entries: list[Entry], favourites: list[StoredFavourite]
) -> ExportProfile:
    values = {column: getattr(person, column) for column in store.PROFILE_COLUMNS}
    data = {
        **values,
        "age_on": person.age_on.isoformat(),
        "medications": [
            {"name": m.name, "times": list(m.times), "frequency": m.frequency.spec}
            for m in person.medicines
        ],
        "reasons": list(person.reasons),
        "created_at": _stamp(person.created_at),
        "updated_at": _stamp(person.updated_at),
        "entries": [
            {
                "uid": e.uid,
                "kind": e.kind,
                "date": e.day.isoformat(),
                "time": e.time,
                "origin": e.origin,
                "note": e.note,
                "created_at": _stamp(e.created_at),
                "updated_at": _stamp(e.updated_at),
                "detail": e.fields(),
            }
            for e in entries
        ],
        "favourites": [
            {"food_id": f.food_id, "amount": f.amount_text, "meal": f.meal} for f in favourites
        ],
    }
    return cast(ExportProfile, data)  # the keys of store.PROFILE_COLUMNS, then the lists


def _food_json(item: Food) -> dict[str, object]:
    data = asdict(item)
    data["source"] = item.source.value
    data["tags"] = sorted(item.tags)
    data["per_100g"] = dict(item.per_100g)
    data["portions"] = [[p.amount, p.unit, p.grams] for p in item.portions]
    data.pop("synonyms")
    data.pop("synonyms_nl")
    data.pop("owner")  # whose it is is the database's business: the export keeps its shape
    data["synonyms"] = list(item.synonyms)
    data["synonyms_nl"] = list(item.synonyms_nl)
    return data


def _own_foods(connection: Connection) -> tuple[list[Food], list[dict[str, object]]]:
    """The shared own foods and recipes (an account's own foods are not the local user's)."""
    foods = [f for f in get_foods(connection, transfer.own_food_ids(connection)) if f.owner is None]
    kept = {f.id for f in foods}
    lines = [line for line in recipes.all_lines(connection) if line["recipe_id"] in kept]
    return foods, lines


def _usage(connection: Connection) -> list[ExportFoodUse]:
    return [
        {"food_id": use.food_id, "uses": use.uses, "last_used": _stamp(use.last_used)}
        for use in transfer.food_uses(connection)
    ]


def export_document(db: Database, owner: str = store.LOCAL_USER) -> ExportDocument:
    """Everything of ``owner`` as one JSON-ready document.

    Own foods, recipes and food-use counts are shared by the whole database: they belong to the
    local user's export, not to an account's on a multi-user server."""
    with db.connect() as connection:
        owner_id = store.user_id(connection, owner, create=False)
        people = [] if owner_id is None else store.profiles(connection, owner_id)
        profiles = []
        for person in people:
            assert person.id is not None
            saved = favourite_store.favourites(connection, person.id)
            profiles.append(_profile_json(person, store.entries(connection, person.id), saved))
            profiles[-1]["experiments"] = export_experiments(connection, person.id)
        shared = owner == store.LOCAL_USER
        foods, lines = _own_foods(connection) if shared else ([], [])
        usage = _usage(connection) if shared else []
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).isoformat(),
        "profiles": profiles,
        "foods": [_food_json(item) for item in foods],
        "recipe_ingredients": lines,
        "food_usage": usage,
    }


def write_export(db: Database, path: Path, owner: str = store.LOCAL_USER) -> ExportDocument:
    document = export_document(db, owner)
    text = json.dumps(document, ensure_ascii=False, indent=1)
    _write_text(path, text)
    return document


def _write_text(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a failed export leaves no half file."""
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InputError(
            N_("Cannot write {path}: {error}"), path=str(path), error=error.strerror or error
        ) from error


# -- CSV -------------------------------------------------------------------------------------


# A cell a spreadsheet would run as a formula (OWASP, "CSV injection"): =, +, -, @ first,
# perhaps after blanks, or a tab or carriage return first. Quotes in front are counted too, so
# that the added quote can always be told from one the text had (`csv_text_back`).
_FORMULA = re.compile(r"'*(?:\s*[=+\-@]|[\t\r])")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def csv_cell(value: object) -> object:
    """A stored value as a CSV cell: numbers, dates and times as they are, None as "", and
    text that a spreadsheet would read as a formula behind a single quote (a text that is a
    plain number, such as "-1.5", stays as it is)."""
    if value is None:
        return ""
    if isinstance(value, str) and _FORMULA.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_text_back(cell: str) -> str:
    """The text a CSV cell of `write_csv` was made from: the quote `csv_cell` added, and only
    that one, taken off again."""
    if cell.startswith("'") and _FORMULA.match(cell, 1) and not _NUMBER.fullmatch(cell[1:]):
        return cell[1:]
    return cell


def write_csv(db: Database, folder: Path, owner: str = store.LOCAL_USER) -> dict[str, int]:
    """One CSV per table (the user's rows only); returns rows written per file.

    Text cells that would run as a spreadsheet formula start with a single quote (`csv_cell`);
    numbers are written as numbers, negative ones too. `csv_text_back` undoes it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            N_("Cannot write {path}: {error}"), path=str(folder), error=error.strerror or error
        ) from error
    counts: dict[str, int] = {}
    with db.connect() as connection:
        owner_id = store.user_id(connection, owner, create=False)
        for table in transfer.journal_tables(connection, owner_id):
            path = folder / f"{table.name}.csv"
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(table.columns)
                count = 0
                for row in table.rows:
                    writer.writerow([csv_cell(v) for v in row])
                    count += 1
            counts[path.name] = count
    return counts
