"""Import of a whole journal from its JSON export (written by ``journal_export.py``).

Importing an export into an empty journal and exporting again gives the same document (only
``exported_at`` differs): tests/journal/test_transfer.py proves it.

An import is one transaction: a damaged file or a clash (a profile that already exists, an
entry uid already present) changes nothing. Every profile and entry is held to the journal's
bounds (journal/bounds.py), as one typed in is: the first value out of them stops the import,
naming its profile, entry and field. A file larger than ``MAX_IMPORT_BYTES`` or nested deeper
than ``MAX_DEPTH`` is refused before it is read into objects, and so are NaN and Infinity.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import ImportFileError, InputError
from ..foods.model import Food, FoodSource, Portion
from ..foods.nutrients import nutrient_keys
from ..i18n import N_, translate
from ..journal import bounds
from ..journal.frequency import parse_frequency
from ..journal.model import (
    ENTRY_TYPES,
    Entry,
    FoodEntry,
    Medicine,
    PersonProfile,
    ordered_reasons,
)
from ..storage import favourites as favourite_store
from ..storage import journal as store
from ..storage import recipes, transfer
from ..storage.database import Connection, Database
from ..storage.favourites import StoredFavourite
from ..storage.foods import get_foods, next_id, write_foods
from ..storage.journal_tables import KINDS
from .experiment_transfer import import_experiments
from .journal_export import FORMAT, VERSION
from .meals import meal_of

JsonObject = dict[str, Any]
"""An object read from an export file: checked key by key as it is imported."""
JsonInput = Mapping[str, Any]


MAX_IMPORT_BYTES = 64 * 1024 * 1024
"""The largest export file read: decades of a detailed journal take a few MB."""
MAX_DEPTH = 12
"""The deepest nesting of arrays and objects in an export (it has 6 levels)."""


def _no_constant(text: str) -> float:
    raise ValueError(f"{text} is not a number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is not a finite number")
    return value


def _depth(data: object) -> int:
    """How deeply ``data`` nests arrays and objects (walked without recursion)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if deepest > MAX_DEPTH:
                return deepest
            values = item.values() if isinstance(item, dict) else item
            stack.extend((value, level + 1) for value in values)
    return deepest


def parse_document(text: str, path: str) -> object:
    """The JSON of an export file: no NaN or Infinity, nor a number too large for a float,
    and nested at most ``MAX_DEPTH`` deep."""
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except RecursionError:
        raise ImportFileError(
            N_("{path} is nested too deeply to be a Mg Coach export."), path=path
        ) from None
    except json.JSONDecodeError as error:
        raise ImportFileError(
            N_("{path} is not a Mg Coach export (not valid JSON: {error})."),
            path=path,
            error=str(error),
        ) from error
    except ValueError as error:
        raise ImportFileError(
            N_("{path} holds a number Mg Coach cannot store ({error}): nothing was imported."),
            path=path,
            error=str(error),
        ) from error
    if _depth(data) > MAX_DEPTH:
        raise ImportFileError(N_("{path} is nested too deeply to be a Mg Coach export."), path=path)
    return data


def read_document(path: Path) -> JsonObject:
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportFileError(
                N_("{path} is {size} MB: an export Mg Coach reads is at most {max} MB."),
                path=str(path),
                size=round(size / 1024 / 1024),
                max=MAX_IMPORT_BYTES // 1024 // 1024,
            )
        data = parse_document(path.read_text(encoding="utf-8-sig"), str(path))
    except OSError as error:
        raise ImportFileError(
            N_("Cannot read {path}: {error}"), path=str(path), error=error.strerror or error
        ) from error
    except UnicodeDecodeError as error:
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


def _checked_food(food: Food) -> Food:
    """An own food of the import within the journal's bounds: its texts, and its amounts per
    100 g within the ceilings of one entry."""
    problems = [
        bounds.text_problem(food.id, "code", "id"),
        bounds.text_problem(food.name, "name", "name"),
        *(
            bounds.text_problem(text, "name", "name")
            for text in (food.name_nl, food.brand, food.group, food.barcode, food.serving)
            if text is not None
        ),
        *(
            bounds.number_problem(value, key)
            for key, value in food.per_100g.items()
            if value is not None
        ),
    ]
    found = next((p for p in problems if p is not None), None)
    if found is not None:
        raise _refused(
            found,
            N_("Food {food} in the import: {problem} Nothing was imported."),
            food=str(food.id)[:64],
        )
    return food


def _import_foods(connection: Connection, data: JsonInput) -> dict[str, str]:
    """Write the own foods; a food id already used by a different food gets a new id.
    Returns the renames (old id -> new id)."""
    renames: dict[str, str] = {}
    foods = [_checked_food(_food(item)) for item in data.get("foods", [])]
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


def _entry(data: JsonInput, renames: Mapping[str, str]) -> Entry:
    """An exported entry as it was stored; a food of the file that got a new id points to it."""
    kind = data["kind"]
    detail: JsonInput = data["detail"]
    columns = transfer.detail_fields(kind)
    unknown = set() if columns is None else set(detail) - columns  # a note has no columns
    if unknown:
        raise ImportFileError(
            N_("Unknown fields in a {kind} entry: {fields}."),
            kind=kind,
            fields=", ".join(sorted(unknown)),
        )
    found = ENTRY_TYPES[kind].from_fields(
        detail,
        day=date.fromisoformat(data["date"]),
        time=data["time"],
        origin=data["origin"],
        note=data["note"],
        uid=data["uid"],
        created_at=_time(data["created_at"]),
        updated_at=_time(data["updated_at"]),
    )
    if isinstance(found, FoodEntry) and found.food_id is not None and found.food_id in renames:
        found = replace(found, food_id=renames[found.food_id])
    return found


def _medicine(item: JsonInput) -> Medicine:
    """A profile's medicine; an export made before frequencies existed has none: daily."""
    return Medicine(item["name"], tuple(item["times"]), parse_frequency(item.get("frequency")))


class ImportBoundsError(InputError):
    """A profile or entry of an import with a value outside the journal's bounds."""

    code = "out_of_bounds"


def _refused(problem: InputError, message: str, **params: object) -> ImportBoundsError:
    """``problem`` (a value out of bounds) as the import's refusal: where it is, and that
    nothing was imported."""
    return ImportBoundsError(
        message, field=problem.fields, problem=translate(problem.message, problem.params), **params
    )


def _checked_profile(person: PersonProfile) -> PersonProfile:
    problems = bounds.profile_problems(person)
    if problems:
        raise _refused(
            problems[0],
            N_("Profile {profile} in the import: {problem} Nothing was imported."),
            profile=str(person.name)[:64],
        )
    return person


def _import_entry(
    connection: Connection,
    profile_id: int,
    data: JsonInput,
    renames: Mapping[str, str],
    where: tuple[str, int],
) -> None:
    if data["kind"] not in KINDS:
        raise ImportFileError(N_("Unknown entry kind {kind}."), kind=data["kind"])
    new = _entry(data, renames)
    problems = bounds.entry_problems(new)
    if problems:
        raise _refused(
            problems[0],
            N_(
                "Entry {row} ({kind}) of profile {profile} in the import: {problem} Nothing "
                "was imported."
            ),
            profile=where[0],
            row=where[1],
            kind=data["kind"],
        )
    if store.entry_by_uid(connection, data["uid"]) is not None:
        raise InputError(
            N_("Entry {uid} is already in the journal: was this file imported before?"),
            uid=data["uid"],
        )
    store.add_entry(connection, profile_id, new)


def _import_favourites(
    connection: Connection, profile_id: int, items: list[JsonInput], renames: Mapping[str, str]
) -> None:
    """A profile's favourite foods (an export made before favourites existed has none)."""
    if len(items) > favourite_store.LIMIT:
        raise ImportFileError(
            N_("The import has {count} favourites for one profile; at most {limit} are kept."),
            count=len(items),
            limit=favourite_store.LIMIT,
        )
    for data in items:
        food_id = bounds.clean_text(str(data["food_id"]), "name", "food")
        amount = bounds.clean_text(str(data["amount"]), "amount", "amount")
        if not food_id or not amount:
            raise ImportFileError(N_("A favourite in the import names no food or amount."))
        saved = StoredFavourite(renames.get(food_id, food_id), amount, meal_of(data.get("meal")))
        favourite_store.save(connection, profile_id, saved)


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
                values = {column: item[column] for column in store.PROFILE_COLUMNS}
                person = PersonProfile(
                    **values | {"age_on": date.fromisoformat(item["age_on"])},
                    medicines=tuple(_medicine(m) for m in item["medications"]),
                    reasons=tuple(item.get("reasons") or ()),
                    created_at=_time(item["created_at"]),
                    updated_at=_time(item["updated_at"]),
                )
                person = replace(_checked_profile(person), reasons=ordered_reasons(person.reasons))
                if store.find_profile(connection, owner_id, person.name) is not None:
                    raise InputError(
                        N_(
                            "A profile named {name} already exists: import into an empty "
                            "journal, or forget that profile first."
                        ),
                        name=person.name,
                    )
                pid = store.save_profile(connection, owner_id, person)
                profiles += 1
                for row, e in enumerate(item["entries"], start=1):
                    _import_entry(connection, pid, e, renames, (person.name, row))
                    entries += 1
                _import_favourites(connection, pid, item.get("favourites") or [], renames)
                import_experiments(connection, pid, item.get("experiments") or [])
    except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as error:
        if isinstance(error, InputError):
            raise
        raise ImportFileError(
            N_("The export is damaged ({error}); nothing was imported."), error=repr(error)
        ) from error
    return {"profiles": profiles, "entries": entries, "foods": len(data.get("foods", []))}
