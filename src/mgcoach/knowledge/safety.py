"""Safety facts: medicine interactions, kidney function, conditions, risk groups, signs, evidence.

Read from ``drugs.toml``, ``interactions.toml``, ``conditions.toml``, ``symptoms.toml`` and
``evidence.toml``. Every record is ``Cited``, so the knowledge base's source check covers it.
All checks run at load time; no advice logic lives here (the engine applies these rules).
"""

from __future__ import annotations

import math
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, Self, TypeVar

from pydantic import (
    AfterValidator,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    model_validator,
)

from ..errors import InputError, KnowledgeError
from .records import Cited, Record, Text

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$")]
Effect = Literal["absorption", "status", "additive", "none"]
Severity = Literal["major", "moderate", "minor"]
KidneySlug = Literal["G1", "G2", "G3a", "G3b", "G4", "G5"]
KidneyRule = Literal["standard", "caution", "avoid_unless_supervised"]
ConditionRule = Literal["contraindicated", "caution", "consult", "inform"]
Stage = Literal[
    "early_deficiency", "progressing_deficiency", "severe_deficiency", "excess_mild", "toxicity"
]
RedFlag = Literal["none", "see_doctor_now", "emergency"]
RedFlagRow = Literal["deficiency", "excess"]
NoteTopic = Literal[Stage, "red_flags_deficiency", "red_flags_excess"]
Strength = Literal[
    "no_meaningful_benefit", "uncertain", "no_evidence", "weak", "moderate", "strong",
    "insufficient", "not_supported", "regulatory",
]  # fmt: skip

# Hours on a 24-hour daily schedule (the conflict test works modulo 24).
Hours = Annotated[float, Field(ge=0, lt=24)]

RED_FLAG_LEVEL: Mapping[RedFlag, int] = {"none": 0, "see_doctor_now": 1, "emergency": 2}
# The least urgent level each red-flag row of the fact reference (§6.1) allows.
ROW_LEVEL: Mapping[RedFlagRow, RedFlag] = {"deficiency": "see_doctor_now", "excess": "emergency"}


def normalize_name(name: str) -> str:
    """Case-fold, drop accents ("fenytoïne" = "fenytoine") and collapse whitespace."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def _lower_trimmed(name: str) -> str:
    if not name or name != name.strip() or name != name.lower():
        raise ValueError(f"name {name!r} must be lower case without surrounding spaces")
    return name


GenericName = Annotated[str, AfterValidator(_lower_trimmed)]
BrandName = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class SafetyRecord(Cited):
    """A cited safety record whose ``verify`` entries name its own fields (or ``"all"``)."""

    slug: str

    @model_validator(mode="after")
    def _verify_names_fields(self) -> Self:
        fields = type(self).model_fields
        unknown = [name for name in self.verify if name != "all" and name not in fields]
        if unknown:
            raise ValueError(f"{self.slug}: verify names unknown field(s) {unknown}")
        return self


class DrugClass(SafetyRecord):
    """One row of the interaction tables: what magnesium and these drugs do to each other.

    ``hours_before``: the drug must be taken at least this many hours before magnesium;
    ``hours_after``: or at least this many hours after it (see the header of interactions.toml).
    ``effect = "none"``: medicines the tables list no interaction for (no severity, no rule).
    ``contains_magnesium``: the medicines themselves contain magnesium (antacids, laxatives).
    """

    slug: Slug
    name: Text
    effect: Effect
    mechanism: Text
    action: Text
    hours_before: Hours | None = None
    hours_after: Hours | None = None
    avoid: bool = False
    severity: Severity | None = None
    severity_note: Text | None = None
    threshold_mg_per_day: float | None = Field(default=None, gt=0)
    direction: Literal["lowers", "raises"] | None = None
    contains_magnesium: bool = False

    @property
    def timed(self) -> bool:
        return self.hours_before is not None and self.hours_after is not None

    @model_validator(mode="after")
    def _none_has_no_rule(self) -> Self:
        if self.effect != "none":
            if self.severity is None:
                raise ValueError(f"{self.slug}: a class with an interaction needs a severity")
            return self
        rule = (self.severity, self.severity_note, self.threshold_mg_per_day)
        if any(value is not None for value in rule) or self.contains_magnesium:
            raise ValueError(
                f"{self.slug}: a 'none' class has no severity, severity_note, threshold or "
                "contains_magnesium"
            )
        return self

    @model_validator(mode="after")
    def _magnesium_raises(self) -> Self:
        if self.contains_magnesium and (self.effect, self.direction) != ("status", "raises"):
            raise ValueError(
                f"{self.slug}: a class of medicines that contain magnesium is a status class "
                "that raises magnesium"
            )
        return self

    @model_validator(mode="after")
    def _timing_fits_effect(self) -> Self:
        if (self.effect == "status") != (self.direction is not None):
            raise ValueError(f"{self.slug}: status classes, and only they, need a direction")
        timed = self.hours_before is not None or self.hours_after is not None
        if self.avoid and timed:
            raise ValueError(f"{self.slug}: an 'avoid' class has no hours")
        if self.effect != "absorption" and (timed or self.avoid):
            raise ValueError(f"{self.slug}: only absorption classes carry hours or 'avoid'")
        untimed = self.hours_before is None or self.hours_after is None
        if self.effect == "absorption" and not self.avoid and untimed:
            raise ValueError(
                f"{self.slug}: an absorption class needs hours_before and hours_after "
                "(a direction the label leaves open takes the 2-h antacid default)"
            )
        return self


class Drug(SafetyRecord):
    """A generic medicine (or supplement) as a user may name it, and its interaction class.

    Medicines that contain magnesium (their class has ``contains_magnesium``) carry
    ``magnesium_mg_per_dose``: the elemental magnesium in one usual dose, which counts toward
    the upper limit for supplements. It is ``dose_compound_mg`` of the compounds.toml compound
    ``dose_compound`` times that compound's elemental fraction (a test recomputes it);
    ``dose_basis`` says in words which dose that is.
    """

    slug: Slug
    drug_class: Slug
    names_en: Annotated[tuple[GenericName, ...], Field(min_length=1)]
    names_nl: Annotated[tuple[GenericName, ...], Field(min_length=1)]
    brand_names: tuple[BrandName, ...] = ()
    magnesium_mg_per_dose: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    dose_compound: Slug | None = None
    dose_compound_mg: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    dose_basis: Text | None = None

    @model_validator(mode="after")
    def _dose_fields_together(self) -> Self:
        dose = (self.magnesium_mg_per_dose, self.dose_compound, self.dose_compound_mg)
        present = [value is not None for value in (*dose, self.dose_basis)]
        if any(present) and not all(present):
            raise ValueError(
                f"{self.slug}: magnesium_mg_per_dose, dose_compound, dose_compound_mg and "
                "dose_basis go together"
            )
        return self

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the drug is recognised by: English, Dutch and brand."""
        return self.names_en + self.names_nl + self.brand_names


class KidneyCategory(SafetyRecord):
    """A KDIGO GFR category: ``egfr_min`` <= eGFR < ``egfr_max`` (no upper end if absent)."""

    slug: KidneySlug
    egfr_min: float = Field(ge=0)
    egfr_max: float | None = Field(default=None, gt=0)
    includes_dialysis: bool = False
    rule: KidneyRule
    advice: Text

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.egfr_max is not None and self.egfr_max <= self.egfr_min:
            raise ValueError(f"{self.slug}: egfr_max must be above egfr_min")
        return self

    def contains(self, egfr: float) -> bool:
        return self.egfr_min <= egfr and (self.egfr_max is None or egfr < self.egfr_max)


class Condition(SafetyRecord):
    """A condition that forbids or limits supplemental magnesium.

    ``contraindicated_families`` names compound families (compounds.toml) whose labels list the
    condition as a contraindication when ``rule`` is only a caution for magnesium in general.
    ``below_age_years`` and ``state`` let the engine apply the entry from a profile directly.
    """

    slug: Slug
    name: Text
    rule: ConditionRule
    advice: Text
    contraindicated_families: tuple[Slug, ...] = ()
    below_age_years: float | None = Field(default=None, gt=0)
    state: Literal["pregnant", "lactating"] | None = None


class RiskFactor(SafetyRecord):
    """A group at risk of low magnesium intake or magnesium depletion."""

    slug: Slug
    name: Text
    why: Text


class Symptom(SafetyRecord):
    """One sign, the stages it belongs to and how urgent it is.

    ``red_flag_rows`` records which red-flag rows of the reference name the sign; ``red_flag``
    is at least as urgent as those rows (the most urgent row wins).
    """

    slug: Slug
    name: Text
    stages: tuple[Stage, ...] = ()
    red_flag: RedFlag = "none"
    red_flag_rows: tuple[RedFlagRow, ...] = ()

    @model_validator(mode="after")
    def _flag_matches_rows(self) -> Self:
        if not self.stages and not self.red_flag_rows:
            raise ValueError(f"{self.slug}: needs a stage or a red-flag row")
        if len(set(self.stages)) != len(self.stages):
            raise ValueError(f"{self.slug}: a stage is listed twice")
        for row in self.red_flag_rows:
            if RED_FLAG_LEVEL[self.red_flag] < RED_FLAG_LEVEL[ROW_LEVEL[row]]:
                raise ValueError(
                    f"{self.slug}: the {row} red-flag row needs at least {ROW_LEVEL[row]!r}"
                )
        return self


class StageNote(SafetyRecord):
    """What the reference says about a stage or a red-flag row as a whole."""

    slug: Slug
    topic: NoteTopic
    text: Text


class Claim(SafetyRecord):
    """A claim people make about magnesium and how well the evidence supports it."""

    slug: Slug
    claim: Text
    finding: Text
    strength: Strength
    strength_note: Text | None = None


class WordingRule(SafetyRecord):
    """A rule for how the product words what the evidence shows."""

    slug: Slug
    text: Text


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

    _by_name: dict[str, Drug] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        for field, value in self:
            if isinstance(value, Mapping):
                for key, record in value.items():
                    if key != record.slug:
                        raise _ConflictError(field, f"key {key}", f"holds {record.slug}")
        for drug in self.drugs.values():
            if drug.drug_class not in self.drug_classes:
                raise _ConflictError(
                    "drugs.toml", f"drug {drug.slug}", f"unknown drug_class {drug.drug_class!r}"
                )
            _check_magnesium_dose(drug, self.drug_classes[drug.drug_class])
        _name_index(self.drugs.values())
        _check_kidney(self.kidney_categories)
        return self

    def drug_by_name(self, name: str) -> Drug | None:
        """The drug a user means by ``name`` (English, Dutch or brand; any case), or None."""
        if self._by_name is None:
            self._by_name = _name_index(self.drugs.values())
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


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise KnowledgeError("Cannot read {path}: {error}", path=path.name, error=error) from error
    unknown = sorted(set(raw) - FILES[path.name])
    if unknown:
        raise KnowledgeError("{path}: unknown table(s) {tables}", path=path.name, tables=unknown)
    return raw


def _entries(path: Path, raw: dict[str, Any], table: str, model: type[E]) -> dict[str, E]:
    items = raw.get(table)
    if not isinstance(items, list) or not items:
        raise KnowledgeError("{path}: no [[{table}]] entries", path=path.name, table=table)
    records: dict[str, E] = {}
    for index, item in enumerate(items, start=1):
        try:
            record = model.model_validate(item)
        except ValidationError as error:
            raise KnowledgeError(
                "{path}, [[{table}]] entry {index}: {error}",
                path=path.name,
                table=table,
                index=index,
                error=error,
            ) from error
        if record.slug in records:
            raise KnowledgeError(
                "{path}, [[{table}]] entry {index}: duplicate slug {slug}",
                path=path.name,
                table=table,
                index=index,
                slug=record.slug,
            )
        records[record.slug] = record
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
    raw = {name: _read(data_dir / name) for name in FILES}

    def entries(name: str, table: str, model: type[E]) -> dict[str, E]:
        return _entries(data_dir / name, raw[name], table, model)

    kidney = entries("conditions.toml", "kidney_category", KidneyCategory).values()
    try:
        return SafetyFacts(
            drug_classes=entries("interactions.toml", "drug_class", DrugClass),
            drugs=entries("drugs.toml", "drug", Drug),
            kidney_categories=tuple(sorted(kidney, key=lambda category: category.egfr_min)),
            conditions=entries("conditions.toml", "condition", Condition),
            risk_factors=entries("conditions.toml", "risk_factor", RiskFactor),
            symptoms=entries("symptoms.toml", "symptom", Symptom),
            stage_notes=entries("symptoms.toml", "stage_note", StageNote),
            claims=entries("evidence.toml", "claim", Claim),
            wording_rules=entries("evidence.toml", "rule", WordingRule),
        )
    except ValidationError as error:
        raise _knowledge_error(error) from error
