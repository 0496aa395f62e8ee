"""A dietitian's population summary in one SQL statement: of the accepted clients, how many
average below their EAR, took supplements above their upper limit on any day, and have a flag
the database can see, over the days of a period (services/sharing_population.py).

The statement reads each client's days from ``day_summary`` (one row per profile and day, kept
right through every write: storage/day_summary.py), after the stale days of the period have
been recomputed in the same transaction; never the period's entries themselves. The per-client
cut-offs (EAR, supplemental UL) come from the engine and go in as a JSON table joined on the
profile; the serum reference range as bound parameters. The days count as the Trends page
does (journal_days.py): counted food only, a stored value out of the journal's bounds left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Float, Integer, and_, case, func, or_, select

from .day_summary import refresh
from .day_summary_tables import day_summary
from .journal_tables import app_user, profile
from .json_rows import json_rows
from .share_tables import ACCEPTED, journal_share


@dataclass(frozen=True, slots=True)
class ClientProfile:
    """An accepted client's journal profile: its id and what the engine's cut-offs need."""

    profile_id: int
    sex: str
    age_years: float
    age_on: date
    pregnant: bool
    lactating: bool
    system: str


@dataclass(frozen=True, slots=True)
class Cutoff:
    """One client profile's EAR and supplemental upper limit (mg a day); None: not known."""

    profile_id: int
    ear_mg: float | None
    ul_mg: float | None


@dataclass(frozen=True, slots=True)
class Summary:
    """How many clients of the period: in all, with food logged, below the EAR (of those with
    food logged and an EAR), above the UL on any day, with a flag."""

    clients: int
    with_food: int
    with_ear: int
    below_ear: int
    above_ul: int
    red_flag_symptoms: int
    labs_out_of_range: int
    flagged: int


def client_profiles(connection: Connection, dietitian_id: int, name: str) -> list[ClientProfile]:
    """The profile ``name`` of each accepted client of ``dietitian_id``."""
    query = (
        select(
            profile.c.id,
            profile.c.sex,
            profile.c.age_years,
            profile.c.age_on,
            profile.c.pregnant,
            profile.c.lactating,
            profile.c.system,
        )
        .join(app_user, app_user.c.id == profile.c.user_id)
        .join(journal_share, journal_share.c.owner_id == app_user.c.id)
        .where(
            journal_share.c.dietitian_id == dietitian_id,
            journal_share.c.status == ACCEPTED,
            profile.c.name == name,
        )
        .order_by(profile.c.id)
    )
    return [ClientProfile(*row) for row in connection.execute(query)]


def summary(
    connection: Connection,
    cutoffs: Sequence[Cutoff],
    start: date,
    end: date,
    red_flags: Sequence[str],
    serum: tuple[float, float],
) -> Summary:
    """The summary of ``cutoffs``' profiles from ``start`` to ``end`` (inclusive). Writes the
    recomputed days: run it in a transaction (``Database.begin``)."""
    if not cutoffs:
        return Summary(0, 0, 0, 0, 0, 0, 0, 0)
    refresh(connection, [c.profile_id for c in cutoffs], start, end, red_flags)
    # One JSON parameter read as a table (json_rows.py): compiled once for any number.
    cut = json_rows(
        connection,
        "cut",
        [("profile_id", Integer), ("ear", Float), ("ul", Float)],
        [(c.profile_id, c.ear_mg, c.ul_mg) for c in cutoffs],
    )
    low, high = serum
    days = day_summary
    total = func.coalesce(days.c.food_mg, 0) + func.coalesce(days.c.supplement_mg, 0)
    lab_out = or_(days.c.lab_low < low, days.c.lab_high > high)
    per_client = (
        select(
            days.c.profile_id,
            func.avg(case((days.c.food_entries > 0, total), else_=None)).label("avg_mg"),
            func.max(days.c.supplement_mg).label("top_supp"),
            func.max(days.c.red_flag).label("red_flag"),
            func.max(case((lab_out, 1), else_=0)).label("lab_out"),
        )
        .select_from(days.join(cut, cut.c.profile_id == days.c.profile_id))
        .where(days.c.day.between(start, end))
        .group_by(days.c.profile_id)
        .subquery("per_client")
    )
    avg = per_client.c.avg_mg
    ear, ul = cut.c.ear, cut.c.ul  # typed by json_rows (float8 on PostgreSQL)
    above = per_client.c.top_supp > ul
    flagged = or_(per_client.c.red_flag == 1, per_client.c.lab_out == 1)

    def count_if(condition: Any) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    query = select(
        func.count(),
        count_if(avg.is_not(None)),
        count_if(and_(avg.is_not(None), ear.is_not(None))),
        count_if(avg < ear),
        count_if(above),
        count_if(per_client.c.red_flag == 1),
        count_if(per_client.c.lab_out == 1),
        count_if(or_(flagged, above)),
    ).select_from(cut.outerjoin(per_client, per_client.c.profile_id == cut.c.profile_id))
    row = connection.execute(query).one()
    return Summary(*(int(value) for value in row))
