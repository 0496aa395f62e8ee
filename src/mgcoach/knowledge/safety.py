"""Safety facts: medicine interactions, kidney function, conditions, risk groups, signs, evidence.

Read from ``drugs.toml``, ``interactions.toml``, ``conditions.toml``, ``symptoms.toml`` and
``evidence.toml``, whose records are defined beside this module (``medicines``, ``conditions``,
``symptoms``, ``evidence``); this module loads them and checks them against each other. Every
record is ``Cited``, so the knowledge base's source check covers it. All checks run at load
time; no advice logic lives here (the engine applies these rules). The loaders import pydantic
(``validation``) when they run, not with this module: a cached knowledge base needs none.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import field, fields
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..errors import InputError, KnowledgeError
from .conditions import (
    Condition,
    ConditionRule,
    KidneyCategory,
    KidneyRule,
    KidneySlug,
    RiskFactor,
)
from .evidence import Claim, Strength, WordingRule
from .medicines import Drug, DrugClass, Effect, Severity
from .normalize import normalize_name
from .records import Record, record
from .safety_record import SafetyRecord, Slug
from .symptoms import (
    RED_FLAG_LEVEL,
    ROW_LEVEL,
    NoteTopic,
    RedFlag,
    RedFlagRow,
    Stage,
    StageNote,
    Symptom,
)

if TYPE_CHECKING:
    from .validation import ValidationError

# The records live beside this module, one for each data file; they are imported from here.
__all__ = [
    "FILES",
    "RED_FLAG_LEVEL",
    "ROW_LEVEL",
    "Claim",
    "Condition",
    "ConditionRule",
    "Drug",
    "DrugClass",
    "Effect",
    "KidneyCategory",
    "KidneyRule",
    "KidneySlug",
    "NoteTopic",
    "RedFlag",
    "RedFlagRow",
    "RiskFactor",
    "SafetyFacts",
    "SafetyRecord",
    "Severity",
    "Slug",
    "Stage",
    "StageNote",
    "Strength",
    "Symptom",
    "WordingRule",
    "load_safety",
    "normalize_name",
]


class _ConflictError(ValueError):
    """Records that are valid one by one but contradict each other (names file and entry)."""

    def __init__(self, path: str, entry: str, problem: str) -> None:
        super().__init__(f"{path}, {entry}: {problem}")
        self.path = path
        self.entry = entry
        self.problem = problem


def _name_index(drugs: Iterable[Drug]) -> dict[str, Drug]:
    index: dict[str, Drug] = {}
    for drug in drugs:
        for name in drug.names:
            key = normalize_name(name)
            other = index.setdefault(key, drug)
            if other.slug != drug.slug:
                raise _ConflictError(
                    "drugs.toml", f"drug {drug.slug}", f"name {name!r} also names {other.slug}"
                )
    return index


def _check_magnesium_dose(drug: Drug, drug_class: DrugClass) -> None:
    """Only, and every, medicine of a magnesium-containing class says how much it contains."""
    if drug_class.contains_magnesium and drug.magnesium_mg_per_dose is None:
        problem = f"class {drug_class.slug} contains magnesium: give magnesium_mg_per_dose"
        raise _ConflictError("drugs.toml", f"drug {drug.slug}", problem)
    if not drug_class.contains_magnesium and drug.magnesium_mg_per_dose is not None:
        problem = f"magnesium_mg_per_dose needs a class that contains magnesium ({drug_class.slug})"
        raise _ConflictError("drugs.toml", f"drug {drug.slug}", problem)


def _check_kidney(categories: tuple[KidneyCategory, ...]) -> None:
    path = "conditions.toml"
    expected_min = 0.0
    for position, category in enumerate(sorted(categories, key=lambda c: c.egfr_min)):
        if category.egfr_min != expected_min:
            raise _ConflictError(
                path,
                f"kidney_category {category.slug}",
                f"starts at eGFR {category.egfr_min}, expected {expected_min} (gap or overlap)",
            )
        if category.egfr_max is None:
            if position != len(categories) - 1:
                raise _ConflictError(
                    path, f"kidney_category {category.slug}", "only the top category is open"
                )
            break
        expected_min = category.egfr_max
    else:
        raise _ConflictError(path, "kidney_category", "the top category needs no egfr_max")
    dialysis = [category.slug for category in categories if category.includes_dialysis]
    if len(dialysis) != 1:
        raise _ConflictError(path, "kidney_category", f"one includes_dialysis, found {dialysis}")


@record
class SafetyFacts(Record):
    """Every safety fact, validated as a whole; mappings are keyed by slug."""

    drug_classes: Mapping[str, DrugClass]
    drugs: Mapping[str, Drug]
    kidney_categories: tuple[KidneyCategory, ...]
    conditions: Mapping[str, Condition]
    risk_factors: Mapping[str, RiskFactor]
    symptoms: Mapping[str, Symptom]
    stage_notes: Mapping[str, StageNote]
    claims: Mapping[str, Claim]
    wording_rules: Mapping[str, WordingRule]

    # Every name of every drug, made with the checks and kept with the cached knowledge base.
    _by_name: dict[str, Drug] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in (each.name for each in fields(self) if each.init):
            value = getattr(self, name)
            if isinstance(value, Mapping):
                for key, item in value.items():
                    if key != item.slug:
                        raise _ConflictError(name, f"key {key}", f"holds {item.slug}")
        for drug in self.drugs.values():
            if drug.drug_class not in self.drug_classes:
                raise _ConflictError(
                    "drugs.toml", f"drug {drug.slug}", f"unknown drug_class {drug.drug_class!r}"
                )
            _check_magnesium_dose(drug, self.drug_classes[drug.drug_class])
        object.__setattr__(self, "_by_name", _name_index(self.drugs.values()))
        _check_kidney(self.kidney_categories)

    def drug_by_name(self, name: str) -> Drug | None:
        """The drug a user means by ``name`` (English, Dutch or brand; any case), or None."""
        return self._by_name.get(normalize_name(name))

    def drug_class_of(self, drug: Drug) -> DrugClass:
        return self.drug_classes[drug.drug_class]

    def kidney_category(self, egfr: float, on_dialysis: bool = False) -> KidneyCategory:
        """The GFR category of ``egfr`` (mL/min/1.73 m²), or the one that includes dialysis."""
        if not math.isfinite(egfr) or egfr < 0:
            raise InputError("eGFR must be a number of 0 or more, not {egfr}", egfr=egfr)
        for category in self.kidney_categories:
            if (on_dialysis and category.includes_dialysis) or (
                not on_dialysis and category.contains(egfr)
            ):
                return category
        raise AssertionError("kidney categories are contiguous from 0; checked at load")


# --- loading -------------------------------------------------------------------------------

E = TypeVar("E", bound=SafetyRecord)

FILES: Mapping[str, frozenset[str]] = {
    "drugs.toml": frozenset({"drug"}),
    "interactions.toml": frozenset({"drug_class"}),
    "conditions.toml": frozenset({"kidney_category", "condition", "risk_factor"}),
    "symptoms.toml": frozenset({"symptom", "stage_note"}),
    "evidence.toml": frozenset({"claim", "rule"}),
}


def _read(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise KnowledgeError("Cannot read {path}: {error}", path=path.name, error=error) from error
    unknown = sorted(set(raw) - FILES[path.name])
    if unknown:
        raise KnowledgeError("{path}: unknown table(s) {tables}", path=path.name, tables=unknown)
    return raw


def _entries(path: Path, raw: Mapping[str, object], table: str, model: type[E]) -> dict[str, E]:
    from .validation import ValidationError, validate

    items = raw.get(table)
    if not isinstance(items, list) or not items:
        raise KnowledgeError("{path}: no [[{table}]] entries", path=path.name, table=table)
    records: dict[str, E] = {}
    for index, item in enumerate(items, start=1):
        try:
            found = validate(model, item)
        except ValidationError as error:
            raise KnowledgeError(
                "{path}, [[{table}]] entry {index}: {error}",
                path=path.name,
                table=table,
                index=index,
                error=error,
            ) from error
        if found.slug in records:
            raise KnowledgeError(
                "{path}, [[{table}]] entry {index}: duplicate slug {slug}",
                path=path.name,
                table=table,
                index=index,
                slug=found.slug,
            )
        records[found.slug] = found
    return records


def _knowledge_error(error: ValidationError) -> KnowledgeError:
    for detail in error.errors():
        cause = detail.get("ctx", {}).get("error")
        if isinstance(cause, _ConflictError):
            return KnowledgeError(
                "{path}, {entry}: {error}", path=cause.path, entry=cause.entry, error=cause.problem
            )
    return KnowledgeError("Safety facts are inconsistent: {error}", error=error)


def load_safety(data_dir: Path) -> SafetyFacts:
    """Load and cross-check the safety facts in ``data_dir``."""
    from .validation import ValidationError, validate

    raw = {name: _read(data_dir / name) for name in FILES}

    def entries(name: str, table: str, model: type[E]) -> dict[str, E]:
        return _entries(data_dir / name, raw[name], table, model)

    kidney = entries("conditions.toml", "kidney_category", KidneyCategory).values()
    try:
        parts = {
            "drug_classes": entries("interactions.toml", "drug_class", DrugClass),
            "drugs": entries("drugs.toml", "drug", Drug),
            "kidney_categories": tuple(sorted(kidney, key=lambda category: category.egfr_min)),
            "conditions": entries("conditions.toml", "condition", Condition),
            "risk_factors": entries("conditions.toml", "risk_factor", RiskFactor),
            "symptoms": entries("symptoms.toml", "symptom", Symptom),
            "stage_notes": entries("symptoms.toml", "stage_note", StageNote),
            "claims": entries("evidence.toml", "claim", Claim),
            "wording_rules": entries("evidence.toml", "rule", WordingRule),
        }
        return validate(SafetyFacts, parts)  # not called: a conflict becomes a ValidationError
    except ValidationError as error:
        raise _knowledge_error(error) from error
