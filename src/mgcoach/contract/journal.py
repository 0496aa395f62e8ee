"""JSON for the journal: profiles, entries and `mgcoach day`.

The day keys listed in issue 5 are a public contract: ``date``; per nutrient (``magnesium``,
``calcium``, ``potassium``, ``sodium``, ``zinc``, ``energy_kcal``, ``protein_g``) ``food_mg``,
``supplement_mg``, ``total_mg``, ``target_mg``, ``percent_of_target``, ``gap_mg``,
``unknown_entries``; for magnesium also ``supplemental_ul_mg`` and ``exceeds_ul``; then
``top_sources``, ``ratios`` (``calcium_to_magnesium``, ``sodium_to_potassium``),
``interactions`` (as in `check`), ``risk`` and ``issues``. Energy and protein use the same key
names, in kcal and g (their ``unit`` key says so).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, cast

from typing_extensions import TypedDict

from ..engine.clock import format_time
from ..engine.day import DayAssessment, DayNutrient
from ..i18n import N_, get_language, translate
from ..journal.model import Entry, PersonProfile
from ..journal.vocabulary import symptom_name
from ..knowledge import KnowledgeBase
from .advice import RiskJson, risk_json
from .check import (
    FindingJson,
    GateJson,
    InteractionJson,
    finding_json,
    gate_json,
    gate_sources,
    interaction_json,
)
from .common import SourceList, documented, note_text, number, sources_json

ROUND = 1


@documented
class MedicineJson(TypedDict):
    """A medicine in a profile."""

    name: str
    """The medicine, as named."""
    times: list[str]
    """Its times, HH:MM."""
    frequency: str
    """How often: daily, weekly:mon,... or every:Nd:YYYY-MM-DD."""


@documented
class ProfileAnswer(TypedDict):
    """A profile: who a journal is for (``mgcoach profile show --json``)."""

    name: str
    """The profile's name."""
    sex: str
    """female or male."""
    age_years: float
    """Age in years on ``age_on``."""
    age_on: str
    """The day the age was given, YYYY-MM-DD."""
    system: str
    """The reference system: us, efsa, nl, uk or dach."""
    pregnant: bool
    """Pregnant."""
    lactating: bool
    """Breastfeeding."""
    weight_kg: float | None
    """Body weight."""
    height_cm: float | None
    """Height."""
    egfr: float | None
    """Kidney function: eGFR in mL/min/1.73 m²."""
    dialysis: bool
    """On dialysis."""
    activity: str | None
    """Activity level."""
    medications: list[MedicineJson]
    """The medicines taken."""
    created_at: str | None
    """When the profile was made (ISO 8601)."""
    updated_at: str | None
    """When it was last changed (ISO 8601)."""


@documented
class EntryAnswer(TypedDict):
    """One journal entry (``mgcoach entries --json``)."""

    id: int
    """The entry's id."""
    uid: str
    """Its id across exports."""
    kind: str
    """food, supplement, medication, symptom, sleep, training, lab or note."""
    date: str
    """The day, YYYY-MM-DD."""
    time: str | None
    """The time, HH:MM."""
    origin: str
    """Where it was logged: cli, web, an import, ..."""
    note: str | None
    """A free note."""
    label: str
    """The entry in one line, in the reader's language."""
    detail: dict[str, object]
    """The kind's own values (a food's name, amount and nutrients, a supplement's dose, ...)."""
    created_at: str | None
    """When it was logged (ISO 8601)."""
    updated_at: str | None
    """When it was last changed (ISO 8601)."""


@documented
class ForgetAnswer(TypedDict):
    """What ``mgcoach forget`` deleted."""

    profiles: int
    """Profiles deleted."""
    entries: int
    """Entries deleted."""


@documented
class DeleteAnswer(TypedDict):
    """What ``mgcoach delete`` deleted."""

    deleted: int
    """Entries deleted."""
    ids: list[int]
    """Their ids."""


@documented
class DayNutrientJson(TypedDict):
    """One nutrient's day, in the unit its ``unit`` key names (the keys say mg for all)."""

    unit: str
    """mg, or kcal for energy and g for protein."""
    food_mg: float | None
    """From food; null when no food is logged."""
    supplement_mg: float
    """From supplements."""
    total_mg: float | None
    """Food and supplements."""
    target_mg: float | None
    """The day's target."""
    target_kind: str | None
    """What kind of target."""
    percent_of_target: float | None
    """The total as a percentage of the target."""
    gap_mg: float | None
    """Target minus total, never below 0."""
    unknown_entries: int
    """Entries whose amount of the nutrient is not known."""
    food_entries: int
    """Food entries that count."""
    limit_mg: float | None
    """The ceiling (sodium) or upper level."""
    limit_kind: str | None
    """What kind of ceiling."""
    on_target: bool | None
    """True when the target is reached; null without a target."""
    target_note: str | None
    """About the target, in the reader's language."""
    sources: list[str]
    """Source ids."""


@documented
class MagnesiumDayJson(DayNutrientJson):
    """Magnesium's day, with the supplements against the upper limit."""

    supplemental_ul_mg: float | None
    """The upper limit for supplemental magnesium."""
    exceeds_ul: bool
    """True when the supplements go above it."""
    ul_sources: list[str]
    """Source ids of the limit."""
    food_counts_toward_ul: bool
    """Whether magnesium from food counts toward the limit (it never does)."""


@documented
class TopSourceJson(TypedDict):
    """A food or supplement the day's magnesium came from."""

    name: str
    """Its English name."""
    name_nl: str | None
    """Its Dutch name."""
    kind: str
    """food or supplement."""
    food_id: str | None
    """The food's id."""
    magnesium_mg: float
    """Its magnesium that day."""
    percent_of_magnesium: float | None
    """Its share of the day's magnesium."""
    entries: int
    """Its entries that day."""


@documented
class RatiosJson(TypedDict):
    """The day's ratios (data/ratios.toml); null when a value is missing."""

    calcium_to_magnesium: float | None
    """Calcium to magnesium."""
    sodium_to_potassium: float | None
    """Sodium to potassium."""


@documented
class RatioDetailJson(TypedDict):
    """A ratio in mass and molar terms, with its context."""

    basis: Literal["mass", "molar"]
    """Which of the two the ratio in ``ratios`` is."""
    mass: float
    """By mass."""
    molar: float
    """By moles."""
    complete: bool
    """True when no entry lacked either value."""
    context: str
    """What the ratio means, in the reader's language."""
    sources: list[str]
    """Source ids."""


@documented
class RatioDetailsJson(TypedDict):
    """Each ratio in detail; null when a value is missing."""

    calcium_to_magnesium: RatioDetailJson | None
    """Calcium to magnesium."""
    sodium_to_potassium: RatioDetailJson | None
    """Sodium to potassium."""


@documented
class SerumStatusJson(TypedDict):
    """The latest serum magnesium up to the day."""

    date: str | None
    """The day of the lab value."""
    mmol_per_l: float
    """The value in mmol/L."""
    status: str
    """low, normal or high."""


@documented
class DayRiskJson(RiskJson):
    """The risk screen of the day, with the latest serum value."""

    serum: SerumStatusJson | None
    """The latest serum value; null when none is logged."""


@documented
class DayAnswer(TypedDict):
    """``mgcoach day DATE --json``: one day assessed, each nutrient against its target, where the
    magnesium came from, ratios, medicines, risk and the safety gate."""

    date: str
    """The day, YYYY-MM-DD."""
    profile: str
    """Whose journal."""
    system: str
    """The reference system of the targets."""
    magnesium: MagnesiumDayJson
    """Magnesium, mg."""
    calcium: DayNutrientJson
    """Calcium, mg."""
    potassium: DayNutrientJson
    """Potassium, mg."""
    sodium: DayNutrientJson
    """Sodium, mg."""
    zinc: DayNutrientJson
    """Zinc, mg."""
    energy_kcal: DayNutrientJson
    """Energy, in kcal (under the same key names)."""
    protein_g: DayNutrientJson
    """Protein, in g (under the same key names)."""
    top_sources: list[TopSourceJson]
    """Where the magnesium came from, most first."""
    ratios: RatiosJson
    """The day's ratios."""
    ratio_details: RatioDetailsJson
    """Each ratio in detail."""
    interactions: list[InteractionJson]
    """What each medicine means for magnesium (as in check)."""
    risk: DayRiskJson
    """The risk screen and red flags."""
    gate: GateJson
    """The safety gate."""
    issues: list[FindingJson]
    """Every issue found."""
    entries: int
    """Entries that day."""
    source_list: SourceList
    """Every source cited, by its id."""


def stamp(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def profile_json(person: PersonProfile) -> ProfileAnswer:
    return {
        "name": person.name,
        "sex": person.sex,
        "age_years": person.age_years,
        "age_on": person.age_on.isoformat(),
        "system": person.system,
        "pregnant": person.pregnant,
        "lactating": person.lactating,
        "weight_kg": person.weight_kg,
        "height_cm": person.height_cm,
        "egfr": person.egfr,
        "dialysis": person.dialysis,
        "activity": person.activity,
        "medications": [
            {
                "name": med.name,
                "times": [format_time(t) for t in med.times],
                "frequency": med.frequency.spec,
            }
            for med in person.medicines
        ],
        "created_at": stamp(person.created_at),
        "updated_at": stamp(person.updated_at),
    }


def entry_label(kb: KnowledgeBase, entry: Entry) -> str:
    """A one-line description of an entry, in the user's language."""
    d = entry.detail
    if entry.kind == "symptom":
        return symptom_name(kb, d["symptom"], get_language())
    if entry.kind == "food" and get_language() == "nl" and d.get("name_nl"):
        return str(d["name_nl"])
    if entry.kind in ("food", "supplement", "medication"):
        return str(d["name"])
    if entry.kind == "training":
        return str(d["activity"])
    if entry.kind == "sleep":
        return translate(N_("Sleep"))
    if entry.kind == "lab":
        return translate(N_("Serum magnesium"))
    return entry.note or ""


def entry_json(kb: KnowledgeBase, entry: Entry) -> EntryAnswer:
    return {
        "id": entry.id,
        "uid": entry.uid,
        "kind": entry.kind,
        "date": entry.day.isoformat(),
        "time": None if entry.time is None else format_time(entry.time),
        "origin": entry.origin,
        "note": entry.note,
        "label": entry_label(kb, entry),
        "detail": dict(entry.detail),
        "created_at": stamp(entry.created_at),
        "updated_at": stamp(entry.updated_at),
    }


def nutrient_json(item: DayNutrient) -> DayNutrientJson:
    percent = item.percent_of_target
    return {
        "unit": item.unit,
        "food_mg": number(item.food, ROUND),
        "supplement_mg": number(item.supplement, ROUND),
        "total_mg": number(item.total, ROUND),
        "target_mg": number(item.target, ROUND),
        "target_kind": item.target_kind,
        "percent_of_target": number(percent, ROUND),
        "gap_mg": number(item.gap, ROUND),
        "unknown_entries": item.unknown_entries,
        "food_entries": item.food_entries,
        "limit_mg": number(item.limit, ROUND),
        "limit_kind": item.limit_kind,
        "on_target": None if percent is None else percent >= 100.0,
        "target_note": None if item.target_note is None else note_text(item.target_note),
        "sources": list(item.sources),
    }


def day_json(kb: KnowledgeBase, result: DayAssessment, profile: str) -> DayAnswer:
    lang = get_language()
    nutrients = {item.key: nutrient_json(item) for item in result.nutrients}
    ul = result.safety.upper_limit
    magnesium: MagnesiumDayJson = {
        **nutrients["magnesium"],
        "supplemental_ul_mg": number(ul.supplemental_ul_mg, ROUND),
        "exceeds_ul": ul.exceeds_ul,
        "ul_sources": list(ul.sources),
        "food_counts_toward_ul": False,
    }
    magnesium_total = result.nutrient("magnesium").total or 0.0
    ratios = {
        key: None if value is None else number(value.value, 2)
        for key, value in result.ratios.items()
    }
    ratio_details = {
        key: None
        if value is None
        else {
            "basis": value.ratio.basis,
            "mass": number(value.mass, 2),
            "molar": number(value.molar, 2),
            "complete": value.complete,
            "context": value.ratio.context.get(lang),
            "sources": list(value.ratio.sources),
        }
        for key, value in result.ratios.items()
    }
    cited: list[str] = []
    for item in result.nutrients:
        cited += item.sources
    cited += ul.sources
    for finding in result.issues:
        cited += finding.message.sources
    for ratio_value in result.ratios.values():
        if ratio_value is not None:
            cited += ratio_value.ratio.sources
    cited += gate_sources(result.safety.gate)
    # the nutrients in the order of engine.day.DAY_NUTRIENTS, as the engine gives them
    return {
        "date": result.day.isoformat(),
        "profile": profile,
        "system": result.system.value,
        "magnesium": magnesium,
        "calcium": nutrients["calcium"],
        "potassium": nutrients["potassium"],
        "sodium": nutrients["sodium"],
        "zinc": nutrients["zinc"],
        "energy_kcal": nutrients["energy_kcal"],
        "protein_g": nutrients["protein_g"],
        "top_sources": [
            {
                "name": source.name,
                "name_nl": source.name_nl,
                "kind": source.kind,
                "food_id": source.food_id,
                "magnesium_mg": number(source.magnesium_mg, ROUND),
                "percent_of_magnesium": number(
                    100.0 * source.magnesium_mg / magnesium_total if magnesium_total else None,
                    ROUND,
                ),
                "entries": source.entries,
            }
            for source in result.top_sources
        ],
        "ratios": cast(RatiosJson, ratios),  # the keys of ratios.toml
        "ratio_details": cast(RatioDetailsJson, ratio_details),
        "interactions": [interaction_json(item) for item in result.safety.interactions],
        "risk": {
            **risk_json(result.risk),
            "serum": None
            if result.serum is None
            else {
                "date": result.serum_day.isoformat() if result.serum_day else None,
                "mmol_per_l": number(result.serum.mmol_per_l, 3),
                "status": result.serum.status,
            },
        },
        "gate": gate_json(result.safety.gate),
        "issues": [finding_json(finding) for finding in result.issues],
        "entries": len(result.entries),
        "source_list": sources_json(kb, cited),
    }
