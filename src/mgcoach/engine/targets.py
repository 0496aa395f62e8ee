"""Targets: a profile and a reference system -> each nutrient's target, EAR and upper limits.

Nothing is guessed: where a system publishes no value the target is None with a reason, and a
value borrowed from another system (the Dutch rules) says so in ``fallback``.
"""

from __future__ import annotations

from typing import Any

from ..errors import KnowledgeError
from ..frozen import frozen
from ..i18n import N_
from ..knowledge import KnowledgeBase
from ..knowledge.ages import AgeBand
from ..knowledge.intakes import IntakeRow, LimitRow
from ..knowledge.stages import LifeStage
from ..knowledge.vocabulary import Sex, State, System
from .life_stage import candidate_rows, life_stage, limit_row
from .notes import Note
from .profile import Profile


@frozen(kw_only=True)
class LimitValue:
    value: float | None
    kind: str
    sources: tuple[str, ...]
    verify: tuple[str, ...] = ()
    fallback: System | None = None


@frozen(kw_only=True)
class Candidate:
    """One of several published values when the profile lacks a trimester or post-partum age."""

    trimester: int | None = None
    postpartum: AgeBand | None = None
    target: float | None
    kind: str | None


@frozen(kw_only=True)
class NutrientTarget:
    nutrient: str
    unit: str
    target: float | None = None
    kind: str | None = None
    ear: float | None = None
    lrni: float | None = None
    age_band: AgeBand | None = None
    per_kg: float | None = None
    ear_per_kg: float | None = None
    increment: float | None = None
    weight_used_kg: float | None = None
    reference_value: float | None = None
    reference_weight_kg: float | None = None
    phytate_used_mg: int | None = None
    phytate_default_used: bool = False
    ul: LimitValue | None = None
    supplemental_ul: LimitValue | None = None
    limit: LimitValue | None = None
    fallback: System | None = None
    sources: tuple[str, ...] = ()
    verify: tuple[str, ...] = ()
    reason: Note | None = None
    candidates: tuple[Candidate, ...] = ()
    notes: tuple[Note, ...] = ()


@frozen(kw_only=True)
class TargetsResult:
    system: System
    profile: Profile
    life_stage: LifeStage
    nutrients: dict[str, NutrientTarget]


NO_VALUE = N_("{system} publishes no value for this group.")
NOT_COVERED = N_("{system} publishes no value for this age and life stage.")
TRIMESTER_NEEDED = N_("{system} gives a value per trimester: give the trimester for one target.")
POSTPARTUM_NEEDED = N_("{system} gives values by months after birth: give them for one target.")
WEIGHT_NEEDED = N_("The target is per kg of body weight: give your weight for grams per day.")


def _phytate_level(kb: KnowledgeBase, system: System, profile: Profile) -> tuple[int, bool]:
    level_set = next((s for s in kb.phytate if s.system is system), None)
    if level_set is None:
        raise KnowledgeError("phytate.toml has no levels for {system}", system=system.value)
    if profile.phytate_mg is None:
        return level_set.default_mg, True
    return level_set.nearest(profile.phytate_mg), False


def _with_phytate(
    kb: KnowledgeBase, rows: list[IntakeRow], system: System, profile: Profile
) -> tuple[list[IntakeRow], int | None, bool]:
    leveled = [row for row in rows if row.phytate_mg is not None]
    if not leveled:
        return rows, None, False
    # Borrowed rows (the Dutch EFSA fallback) use the levels of the system they come from.
    level, default_used = _phytate_level(kb, leveled[0].fallback or system, profile)
    return [row for row in rows if row.phytate_mg in (None, level)], level, default_used


def _single(rows: list[IntakeRow]) -> IntakeRow | None:
    if len(rows) > 1:
        raise KnowledgeError(
            "intakes/{nutrient}.csv: lines {lines} overlap",
            nutrient=rows[0].nutrient,
            lines=[row.line for row in rows],
        )
    return rows[0] if rows else None


def _base_row(kb: KnowledgeBase, row: IntakeRow, profile: Profile) -> IntakeRow:
    """The non-pregnant, non-lactating row an increment is added to."""
    rows = candidate_rows(
        kb.intakes_for(row.nutrient), row.system, profile.age_months, Sex.FEMALE, State.NONE
    )
    rows, _, _ = _with_phytate(kb, rows, row.system, profile)
    base = _single(rows)
    if base is None or not base.published:
        raise KnowledgeError(
            "intakes/{nutrient}.csv line {line}: increment without a base value",
            nutrient=row.nutrient,
            line=row.line,
        )
    return base


def _row_target(kb: KnowledgeBase, row: IntakeRow, profile: Profile) -> dict[str, object]:
    """The numbers one published row gives this profile."""
    base = _base_row(kb, row, profile) if row.increment is not None else row
    per_kg = row.per_kg if row.per_kg is not None else base.per_kg
    values: dict[str, object] = {
        "kind": row.kind or base.kind,
        "ear": row.ear,
        "lrni": row.lrni,
        "per_kg": per_kg,
        "ear_per_kg": row.ear_per_kg if row.increment is None else None,
        "increment": row.increment,
        "reference_value": base.value if per_kg is not None else None,
        "reference_weight_kg": base.reference_weight_kg if per_kg is not None else None,
        "sources": row.sources + tuple(s for s in base.sources if s not in row.sources),
        "verify": row.verify + tuple(f"base.{v}" for v in base.verify if base is not row),
    }
    if per_kg is not None:
        if profile.weight_kg is None:
            values["target"] = None
            return values
        values["weight_used_kg"] = profile.weight_kg
        target = per_kg * profile.weight_kg
        if row.ear_per_kg is not None and row.increment is None:
            values["ear"] = row.ear_per_kg * profile.weight_kg
        else:
            values["ear"] = None
    else:
        target = base.value if base.value is not None else 0.0
    values["target"] = target + (row.increment or 0.0)
    return values


def _limit(row: LimitRow | None) -> LimitValue | None:
    if row is None:
        return None
    return LimitValue(
        value=row.value,
        kind=row.kind,
        sources=row.sources,
        verify=row.verify,
        fallback=row.fallback,
    )


def _limits(
    kb: KnowledgeBase, nutrient: str, system: System, profile: Profile
) -> dict[str, LimitValue | None]:
    return {
        measure: _limit(limit_row(kb, nutrient, system, measure, profile))
        for measure in ("ul", "supplemental_ul", "limit")
    }


def _unresolved(
    kb: KnowledgeBase, rows: list[IntakeRow], profile: Profile, message: str, system: System
) -> dict[str, object]:
    candidates = []
    for row in rows:
        values = _row_target(kb, row, profile)
        target = values["target"]
        candidates.append(
            Candidate(
                trimester=row.trimester,
                postpartum=row.postpartum,
                target=target if isinstance(target, float) else None,
                kind=row.kind,
            )
        )
    return {
        "candidates": tuple(candidates),
        "reason": Note(
            code="detail_required", message=message, params={"system": system.value.upper()}
        ),
        "sources": tuple(dict.fromkeys(s for row in rows for s in row.sources)),
        "fallback": rows[0].fallback,
    }


def nutrient_target(
    kb: KnowledgeBase, nutrient: str, system: System, profile: Profile
) -> NutrientTarget:
    """The target of one nutrient for ``profile`` under ``system``."""
    unit = kb.nutrients[nutrient].unit
    rows = candidate_rows(
        kb.intakes_for(nutrient), system, profile.age_months, profile.sex, profile.state
    )
    rows, phytate, phytate_default = _with_phytate(kb, rows, system, profile)
    fields: dict[str, Any] = {
        "nutrient": nutrient,
        "unit": unit,
        "phytate_used_mg": phytate,
        "phytate_default_used": phytate_default,
    }
    fields |= _limits(kb, nutrient, system, profile)
    label = system.value.upper()
    if any(row.trimester is not None for row in rows):
        if profile.trimester is None:
            fields |= _unresolved(kb, rows, profile, TRIMESTER_NEEDED, system)
            return NutrientTarget(**fields)
        rows = [row for row in rows if row.trimester in (None, profile.trimester)]
    if any(row.postpartum is not None for row in rows):
        months = profile.postpartum_months
        if months is None:
            fields |= _unresolved(kb, rows, profile, POSTPARTUM_NEEDED, system)
            return NutrientTarget(**fields)
        rows = [row for row in rows if row.postpartum is None or row.postpartum.contains(months)]
    row = _single(rows)
    if row is None:
        fields["reason"] = Note(code="not_covered", message=NOT_COVERED, params={"system": label})
        return NutrientTarget(**fields)
    fields |= {"age_band": row.age, "fallback": row.fallback}
    if not row.published:
        fields["reason"] = Note(
            code="no_value", message=NO_VALUE, params={"system": label}, sources=row.sources
        )
        fields |= {"sources": row.sources, "verify": row.verify}
        return NutrientTarget(**fields)
    fields |= _row_target(kb, row, profile)
    if fields.get("target") is None:
        fields["reason"] = Note(code="weight_required", message=WEIGHT_NEEDED)
    return NutrientTarget(**fields)


def targets(kb: KnowledgeBase, system: System, profile: Profile) -> TargetsResult:
    """Every nutrient's target for ``profile`` under ``system``.

    Cost: one pass over the system's rows of the knowledge base per nutrient; nothing the
    caller gives changes how many."""
    return TargetsResult(
        system=system,
        profile=profile,
        life_stage=life_stage(kb, profile),
        nutrients={slug: nutrient_target(kb, slug, system, profile) for slug in kb.nutrients},
    )
