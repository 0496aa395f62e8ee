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
from typing import Any

from ..engine.clock import format_time
from ..engine.day import DayAssessment, DayNutrient
from ..i18n import N_, get_language, translate
from ..journal.model import Entry, PersonProfile
from ..journal.vocabulary import symptom_name
from ..knowledge import KnowledgeBase
from .advice import risk_json
from .check import finding_json, gate_json, gate_sources, interaction_json
from .common import note_text, number, sources_json

ROUND = 1


def stamp(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def profile_json(person: PersonProfile) -> dict[str, Any]:
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


def entry_json(kb: KnowledgeBase, entry: Entry) -> dict[str, Any]:
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


def nutrient_json(item: DayNutrient) -> dict[str, Any]:
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


def day_json(kb: KnowledgeBase, result: DayAssessment, profile: str) -> dict[str, Any]:
    lang = get_language()
    data: dict[str, Any] = {"date": result.day.isoformat(), "profile": profile}
    data["system"] = result.system.value
    for item in result.nutrients:
        data[item.key] = nutrient_json(item)
    ul = result.safety.upper_limit
    data["magnesium"] |= {
        "supplemental_ul_mg": number(ul.supplemental_ul_mg, ROUND),
        "exceeds_ul": ul.exceeds_ul,
        "ul_sources": list(ul.sources),
        "food_counts_toward_ul": False,
    }
    magnesium_total = result.nutrient("magnesium").total or 0.0
    data["top_sources"] = [
        {
            "name": source.name,
            "name_nl": source.name_nl,
            "kind": source.kind,
            "food_id": source.food_id,
            "magnesium_mg": number(source.magnesium_mg, ROUND),
            "percent_of_magnesium": number(
                100.0 * source.magnesium_mg / magnesium_total if magnesium_total else None, ROUND
            ),
            "entries": source.entries,
        }
        for source in result.top_sources
    ]
    data["ratios"] = {
        key: None if value is None else number(value.value, 2)
        for key, value in result.ratios.items()
    }
    data["ratio_details"] = {
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
    data["interactions"] = [interaction_json(item) for item in result.safety.interactions]
    data["risk"] = risk_json(result.risk) | {
        "serum": None
        if result.serum is None
        else {
            "date": result.serum_day.isoformat() if result.serum_day else None,
            "mmol_per_l": number(result.serum.mmol_per_l, 3),
            "status": result.serum.status,
        }
    }
    data["gate"] = gate_json(result.safety.gate)
    data["issues"] = [finding_json(finding) for finding in result.issues]
    data["entries"] = len(result.entries)
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
    data["source_list"] = sources_json(kb, cited)
    return data
