"""Export and import of a whole journal: JSON that loses nothing, and one CSV per table.

The JSON holds every profile with its medicines and entries (each with its ``uid``, times and
stored values exactly as in the database), the user's own foods and recipes, and the food-use
counts that rank search results. Importing it into an empty journal and exporting again gives
the same document (only ``exported_at`` differs): tests/journal/test_transfer.py proves it.

An import is one transaction: a damaged file or a clash (a profile that already exists, an
entry uid already present) changes nothing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from dataclasses import asdict, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

from typing_extensions import TypedDict

from ..errors import ImportFileError, InputError
from ..foods.model import Food, FoodSource, Portion
from ..foods.nutrients import nutrient_keys
from ..i18n import N_
from ..journal.frequency import parse_frequency
from ..journal.model import Entry, Medicine, PersonProfile
from ..storage import journal as store
from ..storage import recipes, transfer
from ..storage.database import Connection, Database
from ..storage.foods import get_foods, next_id, write_foods
from ..storage.journal_tables import KINDS

FORMAT = "mgcoach-journal"
VERSION = 1

JsonObject = dict[str, Any]
"""An object read from an export file: checked key by key as it is imported."""
JsonInput = Mapping[str, Any]


class ExportEntry(TypedDict):
    """One entry, as stored."""

    uid: str
    """Its id across exports."""
    kind: str
    """food, supplement, medication, symptom, sleep, training, lab or note."""
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
    created_at: str | None
    """When it was made (ISO 8601, UTC)."""
    updated_at: str | None
    """When it was last changed (ISO 8601, UTC)."""
    entries: list[ExportEntry]
    """Every entry."""


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


for _shape in (ExportEntry, ExportMedicine, ExportProfile, ExportFoodUse, ExportDocument):
    _shape.__pydantic_config__ = {"use_attribute_docstrings": True}  # type: ignore[union-attr]


def _stamp(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def _profile_json(person: PersonProfile, entries: list[Entry]) -> ExportProfile:
    values = {column: getattr(person, column) for column in store.PROFILE_COLUMNS}
    data = {
        **values,
        "age_on": person.age_on.isoformat(),
        "medications": [
            {"name": m.name, "times": list(m.times), "frequency": m.frequency.spec}
            for m in person.medicines
        ],
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
                "detail": dict(e.detail),
            }
            for e in entries
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
    data["synonyms"] = list(item.synonyms)
    data["synonyms_nl"] = list(item.synonyms_nl)
    return data


def _own_foods(connection: Connection) -> tuple[list[Food], list[dict[str, object]]]:
    return get_foods(connection, transfer.own_food_ids(connection)), recipes.all_lines(connection)


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
            profiles.append(_profile_json(person, store.entries(connection, person.id)))
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


def write_csv(db: Database, folder: Path, owner: str = store.LOCAL_USER) -> dict[str, int]:
    """One CSV per table (the user's rows only); returns rows written per file."""
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
                    writer.writerow(["" if v is None else v for v in row])
                    count += 1
            counts[path.name] = count
    return counts


# -- import ----------------------------------------------------------------------------------


def read_document(path: Path) -> JsonObject:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise ImportFileError(
            N_("Cannot read {path}: {error}"), path=str(path), error=error.strerror or error
        ) from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(
            N_("{path} is not a Mg Coach export (not valid JSON: {error})."),
            path=str(path),
            error=str(error),
        ) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFileError(N_("{path} is not a Mg Coach journal export."), path=str(path))
    if data.get("version") != VERSION:
        raise ImportFileError(
            N_("{path} is export version {version}; this Mg Coach reads version {supported}."),
            path=str(path),
            version=data.get("version"),
            supported=VERSION,
        )
    return data


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(UTC)


def _food(data: JsonInput) -> Food:
    return Food(
        id=data["id"],
        name=data["name"],
        source=FoodSource(data["source"]),
        per_100g={key: data["per_100g"].get(key) for key in nutrient_keys()},
        name_nl=data.get("name_nl"),
        synonyms=tuple(data.get("synonyms", ())),
        synonyms_nl=tuple(data.get("synonyms_nl", ())),
        portions=tuple(Portion(a, u, g) for a, u, g in data.get("portions", ())),
        usda_ndb=data.get("usda_ndb"),
        fdc_id=data.get("fdc_id"),
        barcode=data.get("barcode"),
        brand=data.get("brand"),
        group=data.get("group"),
        tags=frozenset(data.get("tags", ())),
        serving=data.get("serving"),
    )


def _import_foods(connection: Connection, data: JsonInput) -> dict[str, str]:
    """Write the own foods; a food id already used by a different food gets a new id.
    Returns the renames (old id -> new id)."""
    renames: dict[str, str] = {}
    foods = [_food(item) for item in data.get("foods", [])]
    for item in foods:
        existing = get_foods(connection, [item.id])
        if existing and existing[0] == item:
            continue
        if existing:
            new = next_id(connection, item.source.value)
            renames[item.id] = new
            item = replace(item, id=new)
        write_foods(connection, [item])
    for line in data.get("recipe_ingredients", []):
        recipe = renames.get(line["recipe_id"], line["recipe_id"])
        if not recipes.has_line(connection, recipe, line["seq"]):
            recipes.add_line(
                connection,
                {
                    **line,
                    "recipe_id": recipe,
                    "food_id": renames.get(line["food_id"], line["food_id"]),
                },
            )
    return renames


def _import_usage(connection: Connection, data: JsonInput, renames: Mapping[str, str]) -> None:
    known = transfer.used_food_ids(connection)
    rows = []
    for item in data.get("food_usage", []):
        food_id = renames.get(item["food_id"], item["food_id"])
        if food_id in known or not get_foods(connection, [food_id]):
            continue
        rows.append(
            {"food_id": food_id, "uses": item["uses"], "last_used": _time(item["last_used"])}
        )
    transfer.add_food_uses(connection, rows)


def _detail(kind: str, detail: JsonInput, renames: Mapping[str, str]) -> JsonObject:
    columns = transfer.detail_fields(kind)
    if columns is None:
        return {}
    unknown = set(detail) - columns
    if unknown:
        raise ImportFileError(
            N_("Unknown fields in a {kind} entry: {fields}."),
            kind=kind,
            fields=", ".join(sorted(unknown)),
        )
    values = {name: detail.get(name) for name in columns}
    food_id = values.get("food_id")
    if kind == "food" and food_id is not None and food_id in renames:
        values["food_id"] = renames[food_id]
    return values


def _medicine(item: JsonInput) -> Medicine:
    """A profile's medicine; an export made before frequencies existed has none: daily."""
    return Medicine(item["name"], tuple(item["times"]), parse_frequency(item.get("frequency")))


def import_document(db: Database, data: JsonInput, owner: str = store.LOCAL_USER) -> dict[str, int]:
    """Add the document's profiles, entries and own foods in one transaction."""
    profiles = entries = 0
    try:
        with db.begin() as connection:
            owner_id = store.user_id(connection, owner)
            assert owner_id is not None
            renames = _import_foods(connection, data)
            _import_usage(connection, data, renames)
            for item in data.get("profiles", []):
                if store.find_profile(connection, owner_id, item["name"]) is not None:
                    raise InputError(
                        N_(
                            "A profile named {name} already exists: import into an empty "
                            "journal, or forget that profile first."
                        ),
                        name=item["name"],
                    )
                values = {column: item[column] for column in store.PROFILE_COLUMNS}
                person = PersonProfile(
                    **values | {"age_on": date.fromisoformat(item["age_on"])},
                    medicines=tuple(_medicine(m) for m in item["medications"]),
                    created_at=_time(item["created_at"]),
                    updated_at=_time(item["updated_at"]),
                )
                pid = store.save_profile(connection, owner_id, person)
                profiles += 1
                for e in item["entries"]:
                    if e["kind"] not in KINDS:
                        raise ImportFileError(N_("Unknown entry kind {kind}."), kind=e["kind"])
                    if store.entry_by_uid(connection, e["uid"]) is not None:
                        raise InputError(
                            N_(
                                "Entry {uid} is already in the journal: was this file "
                                "imported before?"
                            ),
                            uid=e["uid"],
                        )
                    store.add_entry(
                        connection,
                        pid,
                        kind=e["kind"],
                        day=date.fromisoformat(e["date"]),
                        time=e["time"],
                        detail=_detail(e["kind"], e["detail"], renames),
                        origin=e["origin"],
                        note=e["note"],
                        uid=e["uid"],
                        created_at=_time(e["created_at"]),
                        updated_at=_time(e["updated_at"]),
                    )
                    entries += 1
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, InputError):
            raise
        raise ImportFileError(
            N_("The export is damaged ({error}); nothing was imported."), error=repr(error)
        ) from error
    return {"profiles": profiles, "entries": entries, "foods": len(data.get("foods", []))}
