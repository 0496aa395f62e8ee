"""JSON for `mgcoach day`: one day assessed.

The day keys listed in issue 5 are a public contract: ``date``; per nutrient (``magnesium``,
``calcium``, ``potassium``, ``sodium``, ``zinc``, ``energy_kcal``, ``protein_g``) ``food_mg``,
``supplement_mg``, ``total_mg``, ``target_mg``, ``percent_of_target``, ``gap_mg``,
``unknown_entries``; for magnesium also ``supplemental_ul_mg`` and ``exceeds_ul``; then
``top_sources``, ``ratios`` (``calcium_to_magnesium``, ``sodium_to_potassium``),
``interactions`` (as in `check`), ``risk`` and ``issues``. Energy and protein use the same key
names, in kcal and g (their ``unit`` key says so).
"""

from __future__ import annotations

from typing import Literal, cast

from typing_extensions import TypedDict

from ..engine.day import DayAssessment, DayNutrient
from ..i18n import get_language
from ..knowledge import KnowledgeBase
from .check import FindingJson, InteractionJson, finding_json, interaction_json
from .common import SourceList, documented, note_text, number, sources_json
from .gate import GateJson, gate_json, gate_sources
from .risk import RiskJson, risk_json

ROUND = 1


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


def _ratio_details(result: DayAssessment, lang: str) -> dict[str, RatioDetailJson | None]:
    return {
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


def _top_sources(result: DayAssessment) -> list[TopSourceJson]:
    magnesium_total = result.nutrient("magnesium").total or 0.0
    return [
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
    ]


def _cited(result: DayAssessment) -> list[str]:
    """Every source the day's answer cites, in the order it cites them."""
    cited: list[str] = []
    for item in result.nutrients:
        cited += item.sources
    cited += result.safety.upper_limit.sources
    for finding in result.issues:
        cited += finding.message.sources
    for ratio_value in result.ratios.values():
        if ratio_value is not None:
            cited += ratio_value.ratio.sources
    cited += gate_sources(result.safety.gate)
    return cited


def day_json(kb: KnowledgeBase, result: DayAssessment, profile: str) -> DayAnswer:
    nutrients = {item.key: nutrient_json(item) for item in result.nutrients}
    ul = result.safety.upper_limit
    magnesium: MagnesiumDayJson = {
        **nutrients["magnesium"],
        "supplemental_ul_mg": number(ul.supplemental_ul_mg, ROUND),
        "exceeds_ul": ul.exceeds_ul,
        "ul_sources": list(ul.sources),
        "food_counts_toward_ul": False,
    }
    ratios = {
        key: None if value is None else number(value.value, 2)
        for key, value in result.ratios.items()
    }
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
        "top_sources": _top_sources(result),
        "ratios": cast(RatiosJson, ratios),  # the keys of ratios.toml
        "ratio_details": cast(RatioDetailsJson, _ratio_details(result, get_language())),
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
        "source_list": sources_json(kb, _cited(result)),
    }
