"""Which published rows apply to a profile: its life-stage name and its intake/limit rows."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import KnowledgeError
from ..knowledge import KnowledgeBase
from ..knowledge.intakes import IntakeRow, LimitRow
from ..knowledge.stages import LifeStage
from ..knowledge.vocabulary import Sex, State, System
from .profile import Profile


def life_stage(kb: KnowledgeBase, profile: Profile) -> LifeStage:
    """The DRI-style life-stage group of ``profile`` (life_stages.toml)."""
    for stage in kb.life_stages:
        if (
            stage.age.contains(profile.age_months)
            and stage.sex in (profile.sex, Sex.ANY)
            and stage.state is profile.state
        ):
            return stage
    raise KnowledgeError("life_stages.toml has no stage for this profile")


def _sex_matches(row_sex: Sex, sex: Sex) -> bool:
    return row_sex is Sex.ANY or row_sex is sex


def candidate_rows(
    rows: Iterable[IntakeRow], system: System, age_months: int, sex: Sex, state: State
) -> list[IntakeRow]:
    """Rows for this system, age, sex and state, before trimester/post-partum/phytate choice."""
    return [
        row
        for row in rows
        if row.system is system
        and row.age.contains(age_months)
        and _sex_matches(row.sex, sex)
        and row.state is state
    ]


def limit_row(
    kb: KnowledgeBase, nutrient: str, system: System, measure: str, profile: Profile
) -> LimitRow | None:
    """The upper-limit row of ``measure``; a row for the person's state beats a general one."""
    rows = [
        row
        for row in kb.limits
        if row.nutrient == nutrient
        and row.system is system
        and row.measure == measure
        and row.age.contains(profile.age_months)
        and row.state in (State.ANY, profile.state)
    ]
    specific = [row for row in rows if row.state is not State.ANY]
    chosen = specific or rows
    if len(chosen) > 1:
        raise KnowledgeError(
            "upper_limits.csv: lines {lines} overlap", lines=[row.line for row in chosen]
        )
    return chosen[0] if chosen else None
