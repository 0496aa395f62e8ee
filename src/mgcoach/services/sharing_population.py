"""A dietitian's population summary: of the accepted clients, the share whose average daily
magnesium over the last 4 weeks is below their EAR, the share who took supplements above their
upper limit on any day, and the share with a flag the database can see. One SQL statement
counts it over each client's days in one row, after the period's stale days are recomputed
(storage/population.py, storage/day_summary.py); the engine gives each client's EAR and upper
limit first, once per group of clients alike in system, sex, age and life stage.

What the SQL flags: a logged symptom that the knowledge base makes a red flag (chest pain,
seizure, ...), a serum magnesium logged outside the reference range, and supplements above the
upper limit. What only the engine sees is left to each client's glance (sharing_glance.py):
medicines and conditions against magnesium, kidney function, pregnancy and a child's limits.
The EAR is the client's system's, else the US EAR (as the glance says).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..engine.profile import Profile
from ..errors import MgCoachError
from ..journal.model import PersonProfile
from ..knowledge import KnowledgeBase
from ..knowledge.vocabulary import System
from ..storage import population as store
from ..storage.database import Database
from ..storage.population import ClientProfile, Cutoff, Summary
from .journal import engine_profile
from .sharing_glance import GLANCE_DAYS, cutoffs_for, red_flag_symptoms

__all__ = ["Population", "Summary", "population", "red_flag_symptoms", "serum_range"]


@dataclass(frozen=True, slots=True)
class Population:
    """The summary of a dietitian's clients from ``start`` to ``end``; ``us_ear`` clients are
    measured against the US EAR (their system publishes none)."""

    start: date
    end: date
    summary: Summary
    us_ear: int


def serum_range(kb: KnowledgeBase) -> tuple[float, float]:
    """The serum magnesium reference range in mmol/L: below the low end is low, above the high
    end high (engine/serum.py's bands)."""
    low, normal = kb.serum.band("low").upper_mmol_per_l, kb.serum.band("normal").upper_mmol_per_l
    assert low is not None and normal is not None
    return low, normal


def _person(row: ClientProfile) -> PersonProfile:
    return PersonProfile(
        name="",
        sex=row.sex,
        age_years=row.age_years,
        age_on=row.age_on,
        system=row.system,
        pregnant=row.pregnant,
        lactating=row.lactating,
    )


def _cutoffs(kb: KnowledgeBase, rows: list[ClientProfile], day: date) -> tuple[list[Cutoff], int]:
    """Each client's EAR and UL, worked out once per alike person (and the engine's cut-offs
    once per alike group); how many use the US EAR."""
    people: dict[tuple[object, ...], tuple[float | None, float | None, bool]] = {}
    known: dict[tuple[str, Profile], tuple[float | None, float | None, bool]] = {}
    found: list[Cutoff] = []
    us_ear = 0
    for row in rows:
        person = (row.sex, row.age_years, row.age_on, row.pregnant, row.lactating, row.system)
        if person not in people:
            people[person] = _cutoff(kb, row, day, known)
        ear, ul, fallback = people[person]
        us_ear += fallback
        found.append(Cutoff(row.profile_id, ear, ul))
    return found, us_ear


def _cutoff(
    kb: KnowledgeBase,
    row: ClientProfile,
    day: date,
    known: dict[tuple[str, Profile], tuple[float | None, float | None, bool]],
) -> tuple[float | None, float | None, bool]:
    try:
        profile = engine_profile(_person(row), day)
    except MgCoachError:  # a stored profile out of bounds: no cut-offs
        return None, None, False
    key = (row.system, profile)
    if key not in known:
        cut, _target = cutoffs_for(kb, System(row.system), profile)
        fallback = cut.ear_system is not None and cut.ear_system != row.system
        known[key] = (cut.ear_mg, cut.supplemental_ul_mg, fallback)
    return known[key]


def population(
    db: Database, kb: KnowledgeBase, dietitian_id: int, profile: str, today: date
) -> Population:
    """The summary of the dietitian's accepted clients over the 28 days up to ``today``."""
    start = today - timedelta(days=GLANCE_DAYS - 1)
    with db.begin() as connection:  # the stale days of the period are recomputed first
        rows = store.client_profiles(connection, dietitian_id, profile)
        cutoffs, us_ear = _cutoffs(kb, rows, today)
        found = store.summary(
            connection, cutoffs, start, today, red_flag_symptoms(kb), serum_range(kb)
        )
    return Population(start, today, found, us_ear)
