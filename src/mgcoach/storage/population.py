"""A dietitian's population summary in one SQL statement: of the accepted clients, how many
average below their EAR, took supplements above their upper limit on any day, and have a flag
the database can see, over the entries of a period (services/sharing_population.py).

The per-client cut-offs (EAR, supplemental UL) come from the engine and go in as a VALUES
table joined on the profile; the serum reference range and the red-flag symptoms come from the
knowledge base as bound parameters. Each kind's entries of the period are one range of
``ix_entry_kind_day`` (kind, day; revision 0013), never a scan of the journal, joined to the
clients and to their own detail table over the range of entry ids they span (its primary key);
the kinds' rows are put together (UNION ALL) and summed per client and day, then per client.
The sums count as the Trends page does (journal_days.py): counted food only, a stored value out
of the journal's bounds left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    Connection,
    Float,
    Integer,
    Subquery,
    and_,
    case,
    cast,
    column,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
    values,
)

from .journal_days import _within
from .journal_tables import app_user, entry, food_item, lab_result, profile, supplement_intake
from .journal_tables import symptom as symptom_table
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


NAMES = ("food", "food_entries", "supp", "red_flag", "lab_out")  # the detail rows' columns
# How each adds up over a day.
TOTALS: tuple[Callable[[Any], Any], ...] = (func.sum, func.sum, func.sum, func.max, func.max)


def _daily(
    cut: Any, start: date, end: date, red_flags: Sequence[str], serum: tuple[float, float]
) -> Subquery:
    """Per client profile and day: food and supplement magnesium, and the day's flags. Each
    kind's entries of the period are one range of ``ix_entry_kind_day`` (index-only on
    PostgreSQL: it holds the profile and the id) and meet only their own detail table over
    those entries' range of ids (its primary key): a period's entries are a narrow range."""
    in_period = entry.c.day.between(start, end)

    def part(kind: str, table: Any, *columns: Any, where: Any = True) -> Any:
        # "id + 0": read from the period's range of the index; a bare min(id) makes PostgreSQL
        # walk the primary key from the first entry ever until one is of the period.
        span = (
            select(func.min(entry.c.id + 0).label("first"), func.max(entry.c.id + 0).label("last"))
            .where(entry.c.kind == kind, in_period)
            .cte(f"span_{kind}")
        )
        first, last = select(span.c.first).scalar_subquery(), select(span.c.last).scalar_subquery()
        on = and_(table.c.entry_id == entry.c.id, table.c.entry_id.between(first, last))
        return (
            select(
                entry.c.profile_id,
                entry.c.day,
                *(
                    total(c).label(name)
                    for c, name, total in zip(columns, NAMES, TOTALS, strict=True)
                ),
            )
            .select_from(entry.join(cut, cut.c.profile_id == entry.c.profile_id).join(table, on))
            .where(entry.c.kind == kind, in_period, where)
            .group_by(entry.c.profile_id, entry.c.day)  # a kind's rows summed before the union
        )

    counted = food_item.c.counted.is_(True)
    none, zero = null().cast(Float), literal(0)
    low, high = serum
    lab = lab_result.c.value_mmol_l
    rows = union_all(
        part("food", food_item, _within(food_item.c.magnesium_mg, "magnesium_mg"),
             literal(1), none, zero, zero, where=counted),
        part("supplement", supplement_intake, none, zero,
             _within(supplement_intake.c.elemental_mg, "elemental_mg"), zero, zero),
        part("symptom", symptom_table, none, zero, none, literal(1), zero,
             where=symptom_table.c.symptom.in_(list(red_flags))),
        part("lab", lab_result, none, zero, none, zero, literal(1),
             where=or_(lab < low, lab > high)),
    ).subquery("detail")  # fmt: skip
    food, n, supp, red, out = (rows.c[name] for name in NAMES)
    return (
        select(
            rows.c.profile_id,
            func.sum(food).label("food_mg"),
            func.sum(n).label("food_entries"),
            func.sum(supp).label("supp_mg"),
            func.max(red).label("red_flag"),
            func.max(out).label("lab_out"),
        )
        .group_by(rows.c.profile_id, rows.c.day)
        .subquery("daily")
    )


def summary(
    connection: Connection,
    cutoffs: Sequence[Cutoff],
    start: date,
    end: date,
    red_flags: Sequence[str],
    serum: tuple[float, float],
) -> Summary:
    """The summary of ``cutoffs``' profiles from ``start`` to ``end`` (inclusive)."""
    if not cutoffs:
        return Summary(0, 0, 0, 0, 0, 0, 0, 0)
    cut = (
        values(column("profile_id", Integer), column("ear", Float), column("ul", Float), name="cut")
        .data([(c.profile_id, c.ear_mg, c.ul_mg) for c in cutoffs])
        .cte("cut")
    )
    daily = _daily(cut, start, end, red_flags, serum)
    total = func.coalesce(daily.c.food_mg, 0) + func.coalesce(daily.c.supp_mg, 0)
    per_client = (
        select(
            daily.c.profile_id,
            func.avg(case((daily.c.food_entries > 0, total), else_=None)).label("avg_mg"),
            func.max(daily.c.supp_mg).label("top_supp"),
            func.max(daily.c.red_flag).label("red_flag"),
            func.max(daily.c.lab_out).label("lab_out"),
        )
        .group_by(daily.c.profile_id)
        .subquery("per_client")
    )
    avg = per_client.c.avg_mg
    # Typed: on PostgreSQL a VALUES column of NULLs only would be text.
    ear, ul = cast(cut.c.ear, Float), cast(cut.c.ul, Float)
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
    if connection.dialect.name == "postgresql":
        # Its cost estimate passes PostgreSQL's JIT threshold, and compiling takes longer than
        # the query runs (about 1 s against 0.1 s): not for this statement.
        connection.exec_driver_sql("SET LOCAL jit = off")
    row = connection.execute(query).one()
    return Summary(*(int(value) for value in row))
