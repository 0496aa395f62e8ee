"""Each profile's day in one row, kept right through every write (revision 0015).

The database marks each (profile, day) a journal write touches as stale, whatever wrote it
(its triggers: a form, an import, PostgreSQL's COPY, a profile's cascade). Before a summary
reads some profiles' days, ``refresh`` takes the stale marks of those days (DELETE ...
RETURNING) and recomputes their rows from the journal, in the reader's transaction. A write
that marks a day while a refresh takes it holds the mark's row lock until it commits, so the
refresh waits for it and then reads it; a later write marks the day again. The days' rows
count as the Trends page does (journal_days.py): counted food only, a stored value out of the
journal's bounds left out.

What a row calls a red flag depends on the knowledge base's list of symptoms, and its sums on
the journal's bounds: the rule they were made with is stored (hashed), and another rule marks
every day stale once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

from sqlalchemy import (
    Connection,
    Date,
    Integer,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    true,
    tuple_,
)

from ..journal.bounds_data import number
from .day_summary_tables import SUMMARY_KINDS, day_summary, day_summary_rule, day_summary_stale
from .foods import upsert_for
from .journal_days import _within
from .journal_tables import entry, food_item, lab_result, supplement_intake, symptom
from .json_rows import json_rows

RULE_ROW = 1
ANALYZE_AFTER = 10_000  # stale days taken at once after which PostgreSQL counts the table anew


def rule_of(red_flags: Sequence[str]) -> str:
    """The rule the rows are made with, as a hash: the red-flag symptoms and the bounds the
    sums keep to."""
    parts = [*sorted(red_flags), repr(number("magnesium_mg")), repr(number("elemental_mg"))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def refresh(
    connection: Connection,
    profile_ids: Sequence[int],
    start: date,
    end: date,
    red_flags: Sequence[str],
) -> int:
    """Recompute the stale rows of ``profile_ids`` from ``start`` to ``end`` (inclusive);
    returns how many days were stale."""
    _keep_rule(connection, rule_of(red_flags))
    stale = day_summary_stale
    ids = json_rows(connection, "ids", [("id", Integer)], [[i] for i in profile_ids])
    # "+ 0": found by the day (ix_day_summary_stale_day: a period holds few stale days), not
    # by walking each profile's stale days of every year in the primary key.
    where = and_(stale.c.day.between(start, end), (stale.c.profile_id + 0).in_(select(ids.c.id)))
    first = select(stale.c.day).where(where).order_by(stale.c.day).limit(1)
    if connection.execute(first).first() is None:
        return 0  # nothing stale: no write, no lock
    taken = connection.execute(
        delete(stale).where(where).returning(stale.c.profile_id, stale.c.day)
    )
    days = [(int(profile_id), day) for profile_id, day in taken]
    if len(days) >= ANALYZE_AFTER and connection.dialect.name == "postgresql":
        # So many gone at once (the first summary after an upgrade): the planner's counts of
        # the table would have it read every stale day of every year for the next summary.
        connection.exec_driver_sql("ANALYZE day_summary_stale")
    _recompute(connection, days, red_flags)
    return len(days)


def _keep_rule(connection: Connection, rule: str) -> None:
    """Mark every row stale when it was made with another rule. (A day without a row is
    stale already, or has no entries of the summary's kinds: revision 0015 marked every day
    stored before it, and the triggers mark every day written since.)"""
    table = day_summary_rule
    found = connection.execute(select(table.c.rule).where(table.c.id == RULE_ROW)).scalar()
    if found == rule:
        return
    upsert = upsert_for(connection)
    made = select(day_summary.c.profile_id, day_summary.c.day, literal(1)).where(true())
    connection.execute(
        upsert(day_summary_stale)
        .from_select(["profile_id", "day", "mark"], made)
        .on_conflict_do_nothing()
    )
    connection.execute(
        upsert(table)
        .values(id=RULE_ROW, rule=rule)
        .on_conflict_do_update(index_elements=[table.c.id], set_={"rule": rule})
    )


def _recompute(
    connection: Connection, pairs: Sequence[tuple[int, date]], red_flags: Sequence[str]
) -> None:
    """Replace the rows of ``pairs`` by what their entries add up to now (a day left without
    entries of the summary's kinds has no row)."""
    if not pairs:
        return
    todo = json_rows(connection, "todo", [("profile_id", Integer), ("day", Date)], pairs)
    key = tuple_(day_summary.c.profile_id, day_summary.c.day)
    connection.execute(delete(day_summary).where(key.in_(select(todo.c.profile_id, todo.c.day))))
    counted = food_item.c.counted.is_(True)
    food_mg = _within(food_item.c.magnesium_mg, "magnesium_mg")
    lab = lab_result.c.value_mmol_l
    red = symptom.c.symptom.in_(list(red_flags))
    rows = (
        select(
            entry.c.profile_id,
            entry.c.day,
            func.sum(case((counted, food_mg), else_=None)),
            func.coalesce(func.sum(case((counted, 1), else_=0)), 0),
            func.sum(_within(supplement_intake.c.elemental_mg, "elemental_mg")),
            func.coalesce(func.max(case((red, 1), else_=0)), 0),
            func.min(lab),
            func.max(lab),
        )
        .select_from(
            entry.join(
                todo, and_(todo.c.profile_id == entry.c.profile_id, todo.c.day == entry.c.day)
            )
            .outerjoin(food_item, food_item.c.entry_id == entry.c.id)
            .outerjoin(supplement_intake, supplement_intake.c.entry_id == entry.c.id)
            .outerjoin(symptom, symptom.c.entry_id == entry.c.id)
            .outerjoin(lab_result, lab_result.c.entry_id == entry.c.id)
        )
        .where(entry.c.kind.in_(SUMMARY_KINDS))
        .group_by(entry.c.profile_id, entry.c.day)
    )
    names = ["profile_id", "day", "food_mg", "food_entries", "supplement_mg", "red_flag"]
    connection.execute(insert(day_summary).from_select([*names, "lab_low", "lab_high"], rows))
