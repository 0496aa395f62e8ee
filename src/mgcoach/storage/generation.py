"""The write generation: one counter per scope that every write transaction bumps.

The rule: each table belongs to a scope (``TABLE_SCOPES``). A transaction that wrote a table
bumps its scope by one just before it commits, in that same transaction, so the new rows and
the new generation become visible together, to this process and to any other (the web server
beside a CLI import, on one SQLite file or PostgreSQL database). A cache keys on the database's
URL, the generations of the scopes it rests on (``read``: one indexed SELECT) and its own
inputs; a changed generation is a miss, and nothing is ever invalidated by hand.

Journal rows written by a storage function that knows their profile (inside ``for_profiles``)
bump that profile's scope only, so a write to one profile keeps another's cached days; any
other journal write bumps the whole journal's scope, which every profile's cache reads too.

One central place sees the writes: the listeners ``Tracker`` puts on each Database's engine
(every statement, every commit), plus ``wrote`` for a write SQLAlchemy does not execute
(PostgreSQL's COPY).

The scopes and ``read`` are storage.generation_read's, plain SQL that a sqlite3 connection runs
too: a day read on the driver alone keys its cache without loading SQLAlchemy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, event, inspect
from sqlalchemy.sql.dml import UpdateBase

from .account_tables import api_token, web_session
from .calendar_tables import calendar_token
from .day_summary_tables import day_summary, day_summary_rule, day_summary_stale
from .experiment_tables import experiment, experiment_checkin
from .foods import upsert_for
from .generation_read import (
    ACCOUNTS,
    DAY_SUMMARY,
    FOOD_USAGE,
    FOODS,
    JOURNAL,
    LIMITS,
    journal_scopes,
    profile_scope,
    read,
)
from .journal_tables import (
    DETAIL_TABLES,
    app_user,
    entry,
    favourite,
    profile,
    profile_medication,
)
from .share_tables import journal_share
from .tables import (
    attempt,
    food,
    food_portion,
    food_term,
    food_usage,
    generation,
    meta,
    recipe_ingredient,
)

TABLE_SCOPES: dict[str, str] = {
    **{t.name: FOODS for t in (meta, food, food_portion, food_term, recipe_ingredient)},
    food_usage.name: FOOD_USAGE,
    **{t.name: ACCOUNTS for t in (app_user, web_session, api_token, journal_share)},
    **{
        t.name: JOURNAL
        for t in (profile, profile_medication, entry, favourite, *DETAIL_TABLES.values())
    },
    attempt.name: LIMITS,
    calendar_token.name: ACCOUNTS,
    **{t.name: JOURNAL for t in (experiment, experiment_checkin)},
    **{t.name: DAY_SUMMARY for t in (day_summary, day_summary_stale, day_summary_rule)},
}
# A write to a table not in the map (a raw statement) bumps every coarse scope.
EVERY_SCOPE = frozenset(TABLE_SCOPES.values())

_WROTE = "mgcoach.generation.wrote"  # connection.info: the scopes this transaction wrote
_PROFILES = "mgcoach.generation.profiles"  # connection.info: whose journal rows are written now

__all__ = [  # the scopes and the read, here where the rule is (storage.generation_read)
    "ACCOUNTS", "DAY_SUMMARY", "EVERY_SCOPE", "FOODS", "FOOD_USAGE", "JOURNAL", "LIMITS",
    "TABLE_SCOPES", "Tracker", "bump", "for_profiles", "journal_scopes", "profile_scope", "read",
    "wrote",
]  # fmt: skip

_DML = re.compile(r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.I)


@contextmanager
def for_profiles(connection: Connection, profile_ids: Iterable[int]) -> Iterator[None]:
    """Journal rows written inside belong to these profiles only: their scopes are bumped
    instead of the whole journal's. Only for code that knows whose rows it writes."""
    info = connection.info
    previous = info.get(_PROFILES)
    info[_PROFILES] = frozenset(profile_ids)
    try:
        yield
    finally:
        info[_PROFILES] = previous


def wrote(connection: Connection, table: str | None) -> None:
    """Count a write to ``table`` (None: unknown) in the connection's open transaction."""
    if table == generation.name:
        return
    written: set[str] = connection.info.setdefault(_WROTE, set())
    scope = TABLE_SCOPES.get(table or "")
    if scope is None:
        written.update(EVERY_SCOPE)
    elif scope == JOURNAL and (owners := connection.info.get(_PROFILES)):
        written.update(map(profile_scope, owners))
    else:
        written.add(scope)


def bump(connection: Connection, scopes: Iterable[str]) -> None:
    """Add one to each scope's generation (a first bump writes 1). Run as the transaction
    commits, so PostgreSQL holds a scope's row lock for an instant, not for a whole import; in
    a fixed order, so two transactions bumping the same scopes never wait on each other in a
    cycle."""
    table = generation
    for scope in sorted(set(scopes)):
        connection.execute(
            upsert_for(connection)(table)
            .values(scope=scope, value=1)
            .on_conflict_do_update(
                index_elements=[table.c.scope], set_={"value": table.c.value + 1}
            )
        )


class Tracker:
    """The listeners that count an engine's writes and bump at commit."""

    def __init__(self) -> None:
        # Whether the generation table exists (None: not looked yet). An older revision has
        # none: the migrations' tests write there, and the upgrade itself is a transaction.
        self.ready: bool | None = None

    def install(self, engine: Engine) -> None:
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "begin", self._forget)
        event.listen(engine, "rollback", self._forget)
        event.listen(engine, "commit", self._commit)

    def _statement(
        self,
        connection: Connection,
        _cursor: Any,
        statement: str,
        _parameters: Any,
        context: Any,
        _many: bool,
    ) -> None:
        compiled = getattr(context, "compiled", None)
        if compiled is not None and isinstance(compiled.statement, UpdateBase):
            wrote(connection, getattr(compiled.statement.table, "name", None))
        elif match := _DML.match(statement):
            wrote(connection, match[1].lower())

    @staticmethod
    def _forget(connection: Connection) -> None:
        connection.info.pop(_WROTE, None)

    def _commit(self, connection: Connection) -> None:
        scopes = connection.info.pop(_WROTE, None)
        if not scopes:
            return
        if self.ready is None:
            self.ready = inspect(connection).has_table(generation.name)
        if self.ready:
            bump(connection, scopes)
